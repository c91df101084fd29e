import ArgumentParser
import SieveCore
import SieveEngine

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Regenerate the tables and manifest from the stored run records (merging shards), running nothing.")

    @OptionGroup var options: ExperimentOptions

    func run() throws {
        try Failure.reporting {
            let (records, planned, files) = try options.runner().report()
            print("\(records) of \(planned) runs have records. Wrote: " + files.map { PathText.fileName(of: $0) }.joined(separator: ", "))
        }
    }
}
