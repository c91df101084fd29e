/// Metrics of one run on one test split.
public struct SplitMetrics: Sendable, Equatable, Codable {
    /// "id" for the in-distribution test set, the OOD set's name, or "unused" for pool rows the
    /// run did not train on.
    public var split: String
    public var metrics: RegressionMetrics

    public init(split: String, metrics: RegressionMetrics) {
        self.split = split; self.metrics = metrics
    }
}

/// The outcome of one run, as stored in the run store and read back by reports.
public struct RunRecord: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable { case done, failed }

    public var id: String
    public var key: RunKey
    public var identity: RunIdentity
    public var status: Status
    /// Rows the model trained on.
    public var trainRows: Int
    /// Rows in the pool the run drew from.
    public var poolRows: Int
    public var splits: [SplitMetrics]
    public var fitSeconds: Double
    public var predictSeconds: Double
    /// Why the run failed, as a full sentence.
    public var error: String?
    /// Feature attributions, when the spec asks to explain this run.
    public var attributions: [Attribution]?
    /// SHA-256 of the record's canonical JSON without this field, set when it is stored: a record
    /// copied, edited or truncated is caught when it is read back.
    public var checksum: String?

    public init(id: String, key: RunKey, identity: RunIdentity, status: Status, trainRows: Int, poolRows: Int,
                splits: [SplitMetrics], fitSeconds: Double, predictSeconds: Double, error: String? = nil) {
        self.id = id; self.key = key; self.identity = identity; self.status = status
        self.trainRows = trainRows; self.poolRows = poolRows
        self.splits = splits; self.fitSeconds = fitSeconds; self.predictSeconds = predictSeconds; self.error = error
    }

    /// The fraction of the pool the run trained on.
    public var trainFraction: Double { poolRows > 0 ? Double(trainRows) / Double(poolRows) : 0 }

    public func metrics(on split: String) -> RegressionMetrics? { splits.first { $0.split == split }?.metrics }
}

/// A run's feature attributions by one method on one split, in feature order.
public struct Attribution: Sendable, Equatable, Codable {
    /// "permutation" (RMSE increase when a feature is shuffled) or "shap" (mean |TreeSHAP| value).
    public var method: String
    public var split: String
    public var means: [Double]
    /// Standard deviation over repeats (permutation) or rows (SHAP).
    public var stds: [Double]
    /// Measurements behind each mean.
    public var count: Int

    public init(method: String, split: String, means: [Double], stds: [Double], count: Int) {
        self.method = method; self.split = split; self.means = means; self.stds = stds; self.count = count
    }
}
