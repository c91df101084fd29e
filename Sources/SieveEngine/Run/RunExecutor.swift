import Foundation
import SieveCore
import SieveModels

/// Runs one planned run: draws its training rows, fits its model, and measures every test split.
/// Never throws: a failure becomes a failed record carrying the error.
public struct RunExecutor: Sendable {
    public let data: ExperimentData
    public let models: [String: any Regressor]
    /// A folder under which each run may get a work folder of its own.
    public let workRoot: String?

    public init(data: ExperimentData, models: [NamedModel], workRoot: String? = nil) {
        self.data = data
        self.models = Dictionary(uniqueKeysWithValues: models.map { ($0.name, $0.regressor) })
        self.workRoot = workRoot
    }

    /// The training rows of a run: the first `size` rows of its replicate's ordering of the pool,
    /// so smaller sets are nested in larger ones, and every model sees the same rows.
    public func trainingRows(for key: RunKey) -> [Int] {
        var rng = Xoshiro256(seed: key.subsetSeed)
        let order = rng.permutation(of: data.pool.count)
        let count = key.trainSize.rows(inPool: data.pool.count)
        return order[..<count].map { data.pool[$0] }.sorted()
    }

    public func execute(_ run: PlannedRun, threads: Int) -> RunRecord {
        let key = run.key
        let rows = trainingRows(for: key)
        var record = RunRecord(id: run.id, key: key, identity: run.identity, status: .failed, trainRows: rows.count,
                               poolRows: data.pool.count, splits: [], fitSeconds: 0, predictSeconds: 0)
        guard let model = models[key.model] else {
            record.error = "The run names the model '\(key.model)', which the spec does not define."
            return record
        }
        do {
            let context = FitContext(seed: key.modelSeed, threads: threads,
                                     workDirectory: workRoot.map { PathText.join($0, run.id) }, label: key.canonical)
            let fitStart = Date()
            let fitted = try model.fit(TrainingData(store: data.store, rows: rows, targets: rows.map { data.targets[$0] }),
                                       context: context)
            record.fitSeconds = Date().timeIntervalSince(fitStart)
            // One prediction call over every test set: one DMatrix for XGBoost, one command run for
            // an external model.
            let predictStart = Date()
            let allRows = data.testSets.flatMap(\.rows)
            let predictions = try fitted.predict(data.store, rows: allRows)
            if let bad = predictions.firstIndex(where: { !$0.isFinite }) {
                throw ModelError.nonFinitePrediction(row: allRows[bad])
            }
            record.predictSeconds = Date().timeIntervalSince(predictStart)
            var offset = 0
            for set in data.testSets {
                let slice = Array(predictions[offset..<offset + set.rows.count])
                offset += set.rows.count
                record.splits.append(SplitMetrics(split: set.name, metrics: RegressionMetrics(
                    predicted: slice, actual: set.rows.map { data.targets[$0] })))
            }
            record.status = .done
        } catch {
            record.splits = []
            record.error = "\(error)"
        }
        return record
    }
}
