import ArgumentParser
import SieveCore
import SieveEngine

struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the runs a spec expands to, and which are already done; runs nothing.")

    @OptionGroup var options: SpecArgument

    @Option(help: "Output folder to check for finished runs (default: the spec's `output`).")
    var output: String?

    func run() throws {
        try Failure.reporting {
            let experiment = try SpecChecker.load(path: options.spec)
            let runner = ExperimentRunner(experiment, output: output)
            let (data, plan) = try runner.prepare()
            let store = RunStore(output: runner.output)
            var done = 0, failed = 0
            for run in plan.runs {
                let record = store.record(id: run.id)
                let status: String
                switch record?.status {
                case .done?: status = "done"; done += 1
                case .failed?: status = "failed"; failed += 1
                case nil: status = "pending"
                }
                let n = run.key.trainSize.rows(inPool: data.pool.count)
                print("\(run.id)  \(status.padding(7))  \(run.key.model)  \(run.key.strategy)  size=\(run.key.trainSize) (\(n) rows)  seed=\(run.key.seed)")
            }
            print("\(plan.runs.count) runs: \(done) done, \(failed) failed, \(plan.runs.count - done - failed) pending. "
                  + "\(Describe.data(data)).")
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
