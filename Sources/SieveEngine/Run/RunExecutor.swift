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
        var record = RunRecord(id: run.id, key: key, status: .failed, trainRows: rows.count, poolRows: data.pool.count,
                               splits: [], fitSeconds: 0, predictSeconds: 0)
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
            let predictStart = Date()
            for set in data.testSets {
                let predictions = try fitted.predict(data.store, rows: set.rows)
                if let bad = predictions.firstIndex(where: { !$0.isFinite }) {
                    throw ModelError.nonFinitePrediction(row: set.rows[bad])
                }
                record.splits.append(SplitMetrics(split: set.name, metrics: RegressionMetrics(
                    predicted: predictions, actual: set.rows.map { data.targets[$0] })))
            }
            record.predictSeconds = Date().timeIntervalSince(predictStart)
            record.status = .done
        } catch {
            record.splits = []
            record.error = "\(key.canonical): \(error)"
        }
        return record
    }
}
