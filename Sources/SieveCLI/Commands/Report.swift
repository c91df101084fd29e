import ArgumentParser
import SieveCore
import SieveEngine
import SieveStore

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
        }
        let status = summary.status
        if !status.failedRuns.isEmpty || !status.failedCampaigns.isEmpty {
            Failure.printError("error: \(status.line()); the tables mark what failed.")
            throw ExitCode(GridStatus.failedExitCode)
        }
        if !summary.corrupt.isEmpty { throw ExitCode(65) }
        if status.exitCode != nil {
            Failure.printError(Run.unfinishedMessage(status, spec: options.spec.spec))
            throw ExitCode(GridStatus.unfinishedExitCode)
        }
    }
}
