import ArgumentParser
import SieveCore
import SieveEngine

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Regenerate the tables from the stored run records, without running anything.")

    @OptionGroup var options: SpecArgument

    @Option(help: "Output folder (overrides the spec's `output`).")
    var output: String?

    func run() throws {
        try Failure.reporting {
            let experiment = try SpecChecker.load(path: options.spec)
            let runner = ExperimentRunner(experiment, output: output)
            let (data, plan) = try runner.prepare()
            let records = RunStore(output: runner.output).records(ids: plan.runs.map(\.id))
            let files = try ReportWriter(output: runner.output).writeTables(
                records, splits: data.splitNames, title: "RMSE — \(experiment.name)", units: experiment.spec.dataset.units)
            print("\(records.count) of \(plan.runs.count) runs have records. Wrote: "
                  + files.map { PathText.fileName(of: $0) }.joined(separator: ", "))
        }
    }
}
