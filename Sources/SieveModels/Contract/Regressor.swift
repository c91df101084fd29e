import SieveCore

/// A model kind with its parameters, which fits on training data and returns a fitted model.
///
/// Follows scikit-learn's estimator contract (`doc/developers/develop.rst`): parameters are
/// stored as given and validated by ``validate()`` (called by the spec checker and again by
/// `fit`); `fit` never mutates its inputs; all randomness comes from the context's seed.
public protocol Regressor: Sendable {
    /// Every problem with the parameters, each naming the parameter (as the spec spells it) and
    /// saying what is wrong in a full sentence; empty when they are valid.
    func validate() -> [ParameterProblem]

    /// Every parameter with its value, defaults included, in a fixed order (spec spelling): what
    /// the manifest records and what a run's identity hashes.
    var resolvedParameters: [(name: String, value: String)] { get }

    /// Fits on `data`; throws ``ModelError`` on unusable data.
    func fit(_ data: TrainingData, context: FitContext) throws -> any FittedModel

    /// Whether the model wants the store's binned features (histogram split finding).
    var usesBinnedFeatures: Bool { get }

    /// Whether the model reads the rows' original CSV columns (see ``OriginalColumns``).
    var usesOriginalColumns: Bool { get }
}

extension Regressor {
    public var usesBinnedFeatures: Bool { false }
    public var usesOriginalColumns: Bool { false }

    /// Checks what every model needs of its training data: rows, finite features, finite targets.
    public func checkTrainingData(_ data: TrainingData, minimumRows: Int = 2) throws {
        let problems = validate()
        if !problems.isEmpty { throw ModelError.invalidParameters(problems.map(\.message)) }
        guard data.count >= minimumRows else {
            throw ModelError.tooFewRows(found: data.count, needed: minimumRows)
        }
        if let i = data.targets.firstIndex(where: { !$0.isFinite }) {
            throw ModelError.nonFiniteTarget(row: data.rows[i])
        }
        try data.store.matrix.checkFinite(rows: data.rows)
    }
}

/// One thing wrong with a model's parameters.
public struct ParameterProblem: Sendable, Equatable, CustomStringConvertible {
    /// The parameter's name as the spec spells it.
    public var parameter: String
    public var message: String

    public init(_ parameter: String, _ message: String) {
        self.parameter = parameter; self.message = message
    }

    public var description: String { message }
}

/// A trained model that predicts targets for rows of a feature store.
public protocol FittedModel: Sendable {
    /// One prediction per row of `rows`.
    func predict(_ store: FeatureStore, rows: [Int]) throws -> [Double]

    /// Whether permutation importance is affordable (one prediction per feature and repeat).
    var supportsPermutationImportance: Bool { get }
}

extension FittedModel {
    public var supportsPermutationImportance: Bool { true }

    /// Predictions for every row of a matrix.
    public func predict(_ features: Matrix<Float>) throws -> [Double] {
        try predict(FeatureStore(matrix: features), rows: Array(0..<features.rows))
    }

    /// Checks that prediction rows have the trained feature count and finite values.
    public func checkPredictionData(_ store: FeatureStore, rows: [Int], trainedFeatures: Int) throws {
        guard store.featureCount == trainedFeatures else {
            throw ModelError.featureCountMismatch(trained: trainedFeatures, given: store.featureCount)
        }
        try store.matrix.checkFinite(rows: rows)
    }
}

/// A fitted model that can also give each ensemble member's prediction (for uncertainty).
public protocol EnsemblePredicting: FittedModel {
    /// `members × rows`: row `m` holds member `m`'s predictions.
    func memberPredictions(_ store: FeatureStore, rows: [Int]) throws -> Matrix<Double>
}

extension Matrix where Scalar == Float {
    /// Throws ``ModelError/nonFiniteFeature(row:column:)`` at the first NaN or infinity in `rows`.
    func checkFinite(rows: [Int]) throws {
        try withUnsafeBufferPointer { buf in
            for r in rows {
                for c in 0..<columns where !buf[r * columns + c].isFinite {
                    throw ModelError.nonFiniteFeature(row: r, column: c)
                }
            }
        }
    }
}
