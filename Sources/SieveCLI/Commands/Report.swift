import ArgumentParser
import SieveCore
import SieveEngine

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Regenerate the tables and manifest from the stored run records (merging shards), running nothing.")

    @OptionGroup var options: SpecArgument

    @Option(help: "Output folder (overrides the spec's `output`).")
    var output: String?

    func run() throws {
        try Failure.reporting {
            let experiment = try SpecChecker.load(path: options.spec)
            let (records, planned, files) = try ExperimentRunner(experiment, output: output).report()
            print("\(records) of \(planned) runs have records. Wrote: " + files.map { PathText.fileName(of: $0) }.joined(separator: ", "))
        }
    }
}
