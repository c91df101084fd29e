import ArgumentParser
import SieveCore
import SieveEngine

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Regenerate the tables and manifest from the stored run records (merging shards), running nothing.")

    @OptionGroup var options: ExperimentOptions

    func run() throws {
        let summary = try Failure.reporting { try options.runner().report() }
        print("\(summary.records) of \(summary.planned) runs have records. Wrote: "
              + summary.files.map { PathText.fileName(of: $0) }.joined(separator: ", "))
        if !summary.corrupt.isEmpty {
            Failure.printError("error: \(summary.corrupt.count) run record(s) cannot be trusted and were left out of the tables:\n"
                               + summary.corrupt.prefix(10).map { "  " + $0 }.joined(separator: "\n")
                               + "\n`sieve run` reruns them.")
            throw ExitCode(65)
        }
    }
}
