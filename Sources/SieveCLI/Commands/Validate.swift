import ArgumentParser
import SieveEngine
import SievePlan

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a spec and its data files; report every problem at once with file:line:col.")

    @OptionGroup var options: SpecArgument

    func run() throws {
        try Failure.reporting {
            let (data, plan) = try ExperimentRunner(specPath: options.spec).prepare()
            print("\(options.spec): valid. \(Describe.data(data)); \(plan.runs.count) runs.")
        }
    }
}

/// Short descriptions shared by the commands.
enum Describe {
    static func data(_ data: ExperimentData) -> String {
        let sets = data.testSets.map { "\($0.name) \($0.rows.count)" }.joined(separator: ", ")
        return "\(data.store.featureCount) features, pool \(data.pool.count) rows, test sets: \(sets)"
    }
}
