/// The baseline every model must beat: predicts the mean target of its training rows, whatever
/// the features (scikit-learn's `DummyRegressor`). Also the trivial model of the scheduler
/// benchmark, where the cost of a run is all Sieve's own.
public struct MeanRegressor: ConfigurableModel, Equatable {
    public init() {}

    public static let kind = "mean"
    public static let summary = "The training mean for every row: the baseline every model must beat."
    public static let parameters: [ModelParameter<MeanRegressor>] = []

    public func fit(_ data: TrainingData, context: FitContext) throws -> any FittedModel {
        try checkTrainingData(data, minimumRows: 1)
        return FittedMean(mean: data.targets.reduce(0, +) / Double(data.count), featureCount: data.store.featureCount)
    }
}

public struct FittedMean: FittedModel {
    public let mean: Double
    public let featureCount: Int

    public func predict(_ store: FeatureStore, rows: [Int]) throws -> [Double] {
        guard store.featureCount == featureCount else {
            throw ModelError.featureCountMismatch(trained: featureCount, given: store.featureCount)
        }
        return [Double](repeating: mean, count: rows.count)
    }
}
