import SieveCore

/// Finished runs grouped by everything but the seed: one group per point of a learning curve.
public struct ResultGroup: Sendable {
    public let model: String
    public let strategy: String
    public let trainSize: TrainSize
    /// Done runs of the group, sorted by seed.
    public let runs: [RunRecord]
    /// What `score(on:)` measures: the metric tables and verdicts rank by.
    public var metric: ScoreMetric = .rmse

    /// Training rows (the same for every seed of a group).
    public var trainRows: Double { Double(runs[0].trainRows) }
    public var trainFraction: Double { runs[0].trainFraction }

    /// RMSE over seeds on `split`, or nil when no run measured it.
    public func rmse(on split: String) -> Summary? { summary(on: split, \.rmse) }

    /// The ranking metric (``metric``) over seeds on `split`, or nil when no run measured it.
    public func score(on split: String) -> Summary? {
        let values = runs.compactMap { $0.metrics(on: split).map(metric.value) }
        return values.isEmpty ? nil : Summary(values)
    }

    public func summary(on split: String, _ metric: KeyPath<RegressionMetrics, Double>) -> Summary? {
        let values = runs.compactMap { $0.metrics(on: split)?[keyPath: metric] }
        return values.isEmpty ? nil : Summary(values)
    }

    /// Groups done runs by model, strategy and size, in key order.
    public static func grouping(_ records: [RunRecord], metric: ScoreMetric = .rmse) -> [ResultGroup] {
        let done = records.filter { $0.status == .done }.sorted { $0.key < $1.key }
        var groups: [ResultGroup] = []
        var current: [RunRecord] = []
        func flush() {
            guard let first = current.first else { return }
            groups.append(ResultGroup(model: first.key.model, strategy: first.key.strategy,
                                      trainSize: first.key.trainSize, runs: current, metric: metric))
            current = []
        }
        for record in done {
            if let first = current.first,
               (first.key.model, first.key.strategy, first.key.trainSize) != (record.key.model, record.key.strategy, record.key.trainSize) {
                flush()
            }
            current.append(record)
        }
        flush()
        return groups
    }
}
