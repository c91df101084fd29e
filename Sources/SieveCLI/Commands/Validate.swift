import ArgumentParser
import SieveCore
import SieveData
import SieveEngine
import SievePlan

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a spec and its data files; report every problem at once with file:line:col.")

    @OptionGroup var options: SpecArgument

    func run() throws {
        try Failure.reporting {
            let (data, plan) = try ExperimentRunner(specPath: options.spec).prepare()
            for warning in data.warnings { Failure.printError("warning: " + warning) }
            print("\(options.spec): valid. \(Describe.data(data)); \(NumberText.counted(plan.runs.count, "run")), \(NumberText.counted(plan.campaigns.count, "campaign")).")
            if let rules = Describe.rowRules(data) { print(rules) }
            // Damaged or unwritable caches are among the warnings above.
            for outcome in data.featureCache {
                switch outcome {
                case .read, .stored: print(outcome)
                case .replacedDamaged, .notStored: break
                }
            }
        }
    }
}

/// Short descriptions shared by the commands.
enum Describe {
    static func data(_ data: ExperimentData) -> String {
        if data.isCrossValidated {
            let pools = data.folds.map(\.pool.count), tests = data.folds.map { $0.testSets[0].rows.count }
            let others = data.testSets.dropFirst().map { "\($0.name) \($0.rows.count)" }
            return "\(data.store.featureCount) features, \(NumberText.counted(data.folds.count, "fold")) "
                + "(training parts \(pools.min()!)–\(pools.max()!) rows, '\(data.testSets[0].name)' parts \(tests.min()!)–\(tests.max()!) rows)"
                + (others.isEmpty ? "" : ", test sets: " + others.joined(separator: ", "))
        }
        let sets = data.testSets.map { "\($0.name) \($0.rows.count)" }.joined(separator: ", ")
        return "\(data.store.featureCount) features, pool \(data.pool.count) rows, test sets: \(sets)"
    }

    /// What the dataset's row rules did, when it has any.
    static func rowRules(_ data: ExperimentData) -> String? {
        guard let main = data.provenance.first, let counts = main.rowRules else { return nil }
        var parts: [String] = []
        if counts.filtered > 0 { parts.append("\(counts.filtered) rows left out by keep_rows") }
        parts.append("\(counts.duplicateRows) rows shared a composition (\(counts.duplicateGroups) compositions), \(counts.merged) merged away")
        if let from = counts.sampledFrom { parts.append("a sample of \(main.rows) of \(from) rows kept") }
        return "Dataset rules: " + parts.joined(separator: "; ") + "."
    }
}
