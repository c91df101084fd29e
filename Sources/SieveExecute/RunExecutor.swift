import Foundation
import SieveCore
import SieveModels
import SievePlan
import SieveResolve

/// Runs one planned run: draws its training rows, fits its model, and measures every test split.
/// Never throws: a failure becomes a failed record carrying the error.
public struct RunExecutor: Sendable {
    public let data: ExperimentData
    public let models: [String: any Regressor]
    /// A folder under which each run may get a work folder of its own.
    public let workRoot: String?
    /// Also measure the pool rows a run did not train on.
    public let evaluateUnused: Bool
    /// Feature attributions to compute, if any.
    public let explain: ExplainSettings?
    let campaigns: CampaignExecutor?

    public init(data: ExperimentData, models: [NamedModel], workRoot: String? = nil, evaluateUnused: Bool = false) {
        self.init(data: data, models: models, workRoot: workRoot, evaluateUnused: evaluateUnused, explain: nil, campaigns: nil)
    }

    public init(data: ExperimentData, models: [NamedModel], workRoot: String?, evaluateUnused: Bool, explain: ExplainSettings?,
         campaigns: CampaignExecutor?) {
        self.data = data
        self.models = Dictionary(uniqueKeysWithValues: models.map { ($0.name, $0.regressor) })
        self.workRoot = workRoot
        self.evaluateUnused = evaluateUnused
        self.explain = explain
        self.campaigns = campaigns
    }

    /// The training rows of a run. Random subsets: the first `size` rows of its replicate's
    /// ordering of the pool, so smaller sets are nested in larger ones and every model sees the
    /// same rows. Pruned sets: the `size` rows that survived pruning longest (the same for
    /// every seed; the seed then varies only the model's own randomness).
    public func trainingRows(for run: PlannedRun) throws -> [Int] {
        let pool = data.fold(run.key.fold).pool
        let count = run.key.trainSize.rows(inPool: pool.count)
        if let campaign = run.campaign {
            guard let campaigns else { throw CampaignUnavailable(id: campaign, status: nil) }
            return Array(try campaigns.trainingOrder(campaign).prefix(count)).sorted()
        }
        var rng = Xoshiro256(seed: run.key.subsetSeed)
        let order = rng.permutation(of: pool.count)
        return order[..<count].map { pool[$0] }.sorted()
    }

    public func execute(_ run: PlannedRun, threads: Int) -> RunRecord {
        let key = run.key
        let fold = data.fold(key.fold)
        var record = RunRecord(id: run.id, key: key, identity: run.identity, status: .failed,
                               trainRows: key.trainSize.rows(inPool: fold.pool.count), poolRows: fold.pool.count,
                               splits: [], fitSeconds: 0, predictSeconds: 0)
        guard let model = models[key.model] else {
            record.error = "The run names the model '\(key.model)', which the spec does not define."
            return record
        }
        do {
            let rows = try trainingRows(for: run)
            record.trainRows = rows.count
            let context = FitContext(seed: key.modelSeed, threads: threads,
                                     workDirectory: workRoot.map { PathText.join($0, run.id) }, label: key.canonical)
            let fitStart = Date()
            let fitted = try model.fit(TrainingData(store: data.store, rows: rows, targets: rows.map { data.targets[$0] }),
                                       context: context)
            record.fitSeconds = Date().timeIntervalSince(fitStart)
            var sets = fold.testSets
            if evaluateUnused {
                let used = Set(rows)
                let unused = fold.pool.filter { !used.contains($0) }
                if !unused.isEmpty { sets.append(TestSet(name: "unused", rows: unused)) }
            }
            // One prediction call over every test set: one DMatrix for XGBoost, one command run for
            // an external model.
            let predictStart = Date()
            let allRows = sets.flatMap(\.rows)
            let predictions = try fitted.predict(data.store, rows: allRows)
            if let bad = predictions.firstIndex(where: { !$0.isFinite }) {
                throw ModelError.nonFinitePrediction(row: allRows[bad])
            }
            record.predictSeconds = Date().timeIntervalSince(predictStart)
            var offset = 0
            for set in sets {
                let slice = Array(predictions[offset..<offset + set.rows.count])
                offset += set.rows.count
                record.splits.append(SplitMetrics(split: set.name, metrics: RegressionMetrics(
                    predicted: slice, actual: set.rows.map { data.targets[$0] })))
            }
            if let explain, explain.sizes?.contains(key.trainSize) ?? true,
               let split = fold.testSets.first(where: { $0.name == explain.split }) {
                record.attributions = try attributions(fitted, split: split, repeats: explain.repeats, seed: key.modelSeed)
            }
            record.status = .done
        } catch {
            record.splits = []
            record.error = "\(error)"
        }
        return record
    }

    /// Permutation importance (when affordable for the model) and XGBoost's TreeSHAP on a split.
    func attributions(_ fitted: any FittedModel, split: TestSet, repeats: Int, seed: UInt64) throws -> [Attribution] {
        var out: [Attribution] = []
        let targets = split.rows.map { data.targets[$0] }
        if fitted.supportsPermutationImportance {
            let scores = try PermutationImportance.compute(fitted, store: data.store, rows: split.rows, targets: targets,
                                                           repeats: repeats, seed: seed)
            out.append(Attribution(method: "permutation", split: split.name, means: scores.map(\.mean), stds: scores.map(\.std),
                                   count: repeats))
        }
        if let native = fitted as? any NativeAttribution {
            let scores = try native.meanAbsoluteContributions(data.store, rows: split.rows)
            out.append(Attribution(method: "shap", split: split.name, means: scores.map(\.mean), stds: scores.map(\.std),
                                   count: split.rows.count))
        }
        return out
    }
}
