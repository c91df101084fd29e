import ArgumentParser
import Foundation
import SieveCore
import SieveEngine
import SieveResolve

/// Sieve's own cost per run: a grid of trivial runs (the `mean` model) through checking,
/// planning, scheduling, recording and the tables.
struct SchedulerBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler", abstract: "Overhead per run: many trivial runs through plan, schedule and record.")

    @Option(help: "A CSV of formula,target (the quickstart sample by default).")
    var data = "experiments/data/mp_e_form_sample.csv"

    @Option(help: "Runs in the grid (training sizes × 100 seeds).")
    var runs = 10_000

    @Option(help: "Runs at once.")
    var jobs = 2

    func run() throws {
        let seeds = 100
        let sizes = (0..<(runs / seeds)).map { String(10 + 5 * $0) }
        let folder = NSTemporaryDirectory() + "sieve-scheduler-bench-\(UUID().uuidString)"
        let absoluteData = PathText.resolve(data, against: FileManager.default.currentDirectoryPath)
        let spec = """
            name: scheduler-bench
            dataset: {path: \(absoluteData), target: target, features: {magpie: formula}}
            models: {baseline: {kind: mean}}
            train_sizes: [\(sizes.joined(separator: ", "))]
            seeds: \(seeds)
            output: \(folder)
            """
        let t0 = Date()
        let experiment = try SpecResolver.load(text: spec, path: folder + ".yaml")
        let runner = ExperimentRunner(experiment)
        let (_, plan) = try runner.prepare()
        let prepared = Date().timeIntervalSince(t0)
        let t1 = Date()
        let summary = try runner.run(RunOptions(jobs: jobs))
        let total = Date().timeIntervalSince(t1)
        let perRun = (total - prepared) / Double(plan.runs.count)
        print("sieve scheduler runs=\(plan.runs.count) jobs=\(jobs) load+plan_s=\(NumberText.fixed(prepared, 2)) "
              + "run+record+tables_s=\(NumberText.fixed(total, 2)) per_run_ms=\(NumberText.fixed(perRun * 1000, 3)) "
              + "failed=\(summary.failed.count)")
        try? FileManager.default.removeItem(atPath: folder)
    }
}
