import ArgumentParser
import Foundation
import SieveCore
import SieveEngine
import SieveExecute
import SievePlan
import SieveStore

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every run of the grid that is not done yet, then write the tables.",
        discussion: """
            Finished runs are kept and never redone; runs whose parameters or data changed are redone. \
            Ctrl-C once lets the running runs finish and starts no new ones; twice stops at once. \
            Either way a later `sieve run` resumes where this one stopped.
            """)

    @OptionGroup var options: ExperimentOptions

    @Option(name: .shortAndLong, help: "Runs at once (default: the number of cores). Results do not depend on it.")
    var jobs: Int?

    @Option(help: "Cores to use (default: this machine's, or $SLURM_CPUS_PER_TASK in a Slurm task).")
    var cores: Int?

    @Option(help: "Run only slice i of N of the grid (e.g. 2/3); `sieve report` then merges the slices.")
    var shard: String?

    @Flag(help: "Run again the runs that failed before.")
    var retryFailed = false

    @Flag(help: "Start no new run after the first failure.")
    var failFast = false

    @Flag(name: .shortAndLong, help: "Print only the summary.")
    var quiet = false

    @Flag(help: "Print one JSON object per event (start, run started, run finished, summary) for other tools.")
    var jsonProgress = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        if let cores, cores < 1 { throw ValidationError("--cores must be at least 1.") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard takes i/N with 1 ≤ i ≤ N, e.g. 2/3; got '\(shard)'.") }
        if quiet && jsonProgress { throw ValidationError("--quiet and --json-progress exclude each other.") }
    }

    func run() throws {
        let stop = StopSignal()
        let interrupts = InterruptHandler(stop: stop)
        let reporter: any ProgressReporter = jsonProgress ? JSONProgress() : (quiet ? QuietProgress() as any ProgressReporter : TextProgress())
        let summary = try Failure.reporting {
            let runner = try options.runner()
            let experiment = runner.experiment
            let environment = ProcessInfo.processInfo.environment
            let cores = self.cores ?? environment["SLURM_CPUS_PER_TASK"].flatMap(Int.init) ?? ProcessInfo.processInfo.activeProcessorCount
            var runOptions = RunOptions(jobs: jobs ?? cores, cores: cores)
            runOptions.retryFailed = retryFailed
            runOptions.failFast = failFast
            runOptions.shard = shard.flatMap(Shard.init)
            runOptions.stop = stop
            reporter.loading(experiment.name)
            return try runner.run(runOptions) { reporter.handle($0) }
        }
        interrupts.finish()
        reporter.summary(summary, shard: shard)
        let status = summary.status
        if !jsonProgress {
            if !status.failedRuns.isEmpty {
                let shown = status.failedRuns.prefix(10).map { "  \($0.run.key.canonical): \($0.detail ?? "unknown error")" }
                Failure.printError("\(status.failedRuns.count) run(s) failed:\n" + shown.joined(separator: "\n")
                                   + (status.failedRuns.count > 10 ? "\n  … and \(status.failedRuns.count - 10) more (see runs.csv)." : "")
                                   + "\nRerun them with `sieve run \(options.spec.spec) --retry-failed`.")
            }
            if !status.failedCampaigns.isEmpty {
                Failure.printError("\(status.failedCampaigns.count) campaign(s) failed; their tables mark them failed:\n"
                                   + status.failedCampaigns.map { "  \($0.campaign.label): \(($0.detail ?? "unknown error").firstLine)" }
                                       .joined(separator: "\n"))
            }
            if status.failedRuns.isEmpty && status.failedCampaigns.isEmpty && !summary.stopped, status.exitCode != nil {
                Failure.printError(Self.unfinishedMessage(status, spec: options.spec.spec))
            }
        }
        if !status.failedRuns.isEmpty || !status.failedCampaigns.isEmpty { throw ExitCode(GridStatus.failedExitCode) }
        if summary.stopped { throw ExitCode(130) }
        if let code = status.exitCode { throw ExitCode(code) }
    }

    /// Why the grid is not complete although nothing failed: runs or campaigns held elsewhere or not run.
    static func unfinishedMessage(_ status: GridStatus, spec: String) -> String {
        var text = "error: the grid is not complete: \(status.unfinishedRuns.count) run(s) and "
            + "\(status.unfinishedCampaigns.count) campaign(s) have not finished"
        let held = status.heldRuns.count + status.unfinishedCampaigns.filter { $0.status == .running }.count
        if held > 0 { text += "; \(held) of them are held by another live process" }
        return text + ". The tables leave them out. `sieve plan \(spec)` shows who holds what; "
            + "`sieve run` again finishes the rest, and `sieve unlock` removes claims whose holder you know is gone."
    }
}