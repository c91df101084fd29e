import SieveCore

/// Ridge regression (Hoerl & Kennard, Technometrics 12, 55–67, 1970) on standardised features:
/// minimises ‖y − ȳ − Z w‖² + α‖w‖² with Z the features centred and scaled to unit variance on
/// the training rows, solved in closed form by a Cholesky factorisation of Zᵀ Z + α I.
///
/// With several alphas, the one with the lowest mean squared error in k-fold cross-validation
/// on the training rows is chosen (each fold standardised on its own training part), then the
/// model is refitted on all rows. The Gram matrix is accumulated once; every fold's standardised
/// system is derived from it, so cross-validation costs one pass over the data.
public struct RidgeRegression: ConfigurableModel, Equatable {
    /// Candidate penalties; one value fits directly, several are chosen between by cross-validation.
    public var alphas: [Double] = [1.0]
    /// Folds of the internal cross-validation.
    public var folds = 5

    public init(alphas: [Double] = [1.0], folds: Int = 5) {
        self.alphas = alphas; self.folds = folds
    }

    public init() { self.init(alphas: [1.0]) }

    public static let kind = "ridge"
    public static let summary = "Ridge regression on standardised features, closed form (alpha chosen by cross-validation over a list)."
    public static let parameters: [ModelParameter<RidgeRegression>] = [
        ModelParameter("alpha", read: { node, log, model in
            let items = log.list(node)
            if items.isEmpty { log.error(node, "alpha needs at least one penalty, e.g. 1.0 or [0.1, 1, 10]."); return }
            let values = items.map { log.number($0, "alpha") }
            if values.allSatisfy({ $0 != nil }), !values.isEmpty { model.alphas = values.map { $0! } }
        }, text: { m in
            m.alphas.count == 1 ? m.alphas[0].description : "[" + m.alphas.map(\.description).joined(separator: ", ") + "]"
        }, check: { m in
            if m.alphas.isEmpty { return "alpha needs at least one value." }
            if m.alphas.count > 1_000 { return "alpha lists at most 1,000 candidate penalties, got \(m.alphas.count)." }
            return m.alphas.allSatisfy { $0 > 0 && $0.isFinite } ? nil
                : "alpha must be positive (a penalty of 0 leaves collinear Magpie features unsolvable), got \(m.alphas)."
        }, vary: { $0.alphas = $0.alphas.map { $0 * 2 } }),
        .int("folds", \.folds, 2...100, "(cross-validation folds)"),
    ]

    public func fit(_ data: TrainingData, context: FitContext) throws -> any FittedModel {
        try fitRidge(data, context: context)
    }

    public func fitRidge(_ data: TrainingData, context: FitContext) throws -> FittedRidge {
        try checkTrainingData(data)
        let p = data.store.featureCount
        let n = data.count
        var alpha = alphas[0]
        var cvErrors: [Double] = []
        if alphas.count > 1 {
            guard n >= folds else { throw ModelError.tooFewRows(found: n, needed: folds) }
            var rng = Xoshiro256(seed: context.seed)
            let order = rng.permutation(of: n)
            var fold = [Int](repeating: 0, count: n)
            for (position, i) in order.enumerated() { fold[i] = position % folds }
            let perFold = (0..<folds).map { f in GramSums(data, rows: 0..<n, select: { fold[$0] == f }) }
            let total = perFold.dropFirst().reduce(perFold[0]) { $0.adding($1) }
            cvErrors = [Double](repeating: 0, count: alphas.count)
            for held in perFold {
                let standard = total.subtracting(held).standardised()
                for (a, candidate) in alphas.enumerated() {
                    cvErrors[a] += held.squaredError(of: try standard.solve(alpha: candidate))
                }
            }
            alpha = alphas[cvErrors.indices.min { cvErrors[$0] < cvErrors[$1] }!]
            let model = try total.standardised().solve(alpha: alpha)
            return FittedRidge(weights: model.weights, intercept: model.intercept, featureCount: p, alpha: alpha,
                               crossValidationMSE: cvErrors.map { $0 / Double(n) })
        }
        let model = try GramSums(data, rows: 0..<n, select: nil).standardised().solve(alpha: alpha)
        return FittedRidge(weights: model.weights, intercept: model.intercept, featureCount: p, alpha: alpha,
                           crossValidationMSE: cvErrors.map { $0 / Double(n) })
    }
}

/// A trained ridge model in the original feature units: `intercept + Σ weights[j] · x[j]`.
public struct FittedRidge: FittedModel {
    public let weights: [Double]
    public let intercept: Double
    public let featureCount: Int
    /// The penalty used (the cross-validated choice when several were given).
    public let alpha: Double
    /// Mean squared error of each candidate alpha in cross-validation (empty for a single alpha).
    public let crossValidationMSE: [Double]

    public func predict(_ store: FeatureStore, rows: [Int]) throws -> [Double] {
        try checkPredictionData(store, rows: rows, trainedFeatures: featureCount)
        return store.matrix.withUnsafeBufferPointer { x in
            rows.map { r in
                var sum = intercept
                for j in 0..<featureCount { sum += weights[j] * Double(x[r * featureCount + j]) }
                return sum
            }
        }
    }
}

/// Sufficient statistics of a set of rows for least squares: count, Σx, Σy, Σy², Σxxᵀ, Σxy.
struct GramSums {
    let p: Int
    var count = 0.0
    var sumX: [Double]
    var sumY = 0.0
    var sumYY = 0.0
    /// Σ x xᵀ, full p × p, row-major.
    var gram: [Double]
    var sumXY: [Double]

    init(p: Int) {
        self.p = p
        sumX = [Double](repeating: 0, count: p)
        gram = [Double](repeating: 0, count: p * p)
        sumXY = [Double](repeating: 0, count: p)
    }

    /// The sums over the training rows `rows` (positions in `data`) for which `select` holds.
    init(_ data: TrainingData, rows: Range<Int>, select: ((Int) -> Bool)?) {
        let p = data.store.featureCount
        self.init(p: p)
        var row = [Double](repeating: 0, count: p)
        data.store.matrix.withUnsafeBufferPointer { x in
            gram.withUnsafeMutableBufferPointer { g in
                for i in rows where select?(i) ?? true {
                    let base = data.rows[i] * p
                    let y = data.targets[i]
                    for j in 0..<p { row[j] = Double(x[base + j]) }
                    count += 1; sumY += y; sumYY += y * y
                    for j in 0..<p {
                        let xj = row[j]
                        sumX[j] += xj
                        sumXY[j] += xj * y
                        // Upper triangle only; mirrored when solving.
                        for k in j..<p { g[j * p + k] += xj * row[k] }
                    }
                }
            }
        }
    }

    func subtracting(_ other: GramSums) -> GramSums { combining(other, sign: -1) }

    func adding(_ other: GramSums) -> GramSums { combining(other, sign: 1) }

    private func combining(_ other: GramSums, sign: Double) -> GramSums {
        var out = self
        out.count += sign * other.count; out.sumY += sign * other.sumY; out.sumYY += sign * other.sumYY
        for j in 0..<p { out.sumX[j] += sign * other.sumX[j]; out.sumXY[j] += sign * other.sumXY[j] }
        for j in 0..<(p * p) { out.gram[j] += sign * other.gram[j] }
        return out
    }

    /// The centred and scaled system: Zᵀ Z and Zᵀ y_c with Z standardised by these rows' own mean
    /// and (population) standard deviation; constant features get scale 1 and drop out.
    func standardised() -> StandardisedSystem {
        let n = count
        let mean = sumX.map { $0 / n }
        let meanY = sumY / n
        var scale = [Double](repeating: 1, count: p)
        for j in 0..<p {
            let variance = gram[j * p + j] / n - mean[j] * mean[j]
            if variance > 1e-12 * max(1, mean[j] * mean[j]) { scale[j] = variance.squareRoot() }
        }
        var zz = [Double](repeating: 0, count: p * p)
        var zy = [Double](repeating: 0, count: p)
        for j in 0..<p {
            zy[j] = (sumXY[j] - n * mean[j] * meanY) / scale[j]
            for k in j..<p {
                let v = (gram[j * p + k] - n * mean[j] * mean[k]) / (scale[j] * scale[k])
                zz[j * p + k] = v; zz[k * p + j] = v
            }
        }
        return StandardisedSystem(p: p, zz: zz, zy: zy, mean: mean, scale: scale, meanY: meanY)
    }

    /// Σ (y − ŷ)² over these rows for a model in original units, from the sums alone.
    func squaredError(of model: (weights: [Double], intercept: Double)) -> Double {
        // Σ(y − b − wᵀx)² = Σy² − 2bΣy − 2wᵀΣxy + n b² + 2b wᵀΣx + wᵀ(Σxxᵀ)w
        let w = model.weights, b = model.intercept
        var wx = 0.0, wxy = 0.0, quadratic = 0.0
        for j in 0..<p {
            wx += w[j] * sumX[j]
            wxy += w[j] * sumXY[j]
            var row = 0.0
            for k in 0..<p { row += (k >= j ? gram[j * p + k] : gram[k * p + j]) * w[k] }
            quadratic += w[j] * row
        }
        return max(0, sumYY - 2 * b * sumY - 2 * wxy + count * b * b + 2 * b * wx + quadratic)
    }
}

/// The ridge system in standardised units, ready to solve for any penalty.
struct StandardisedSystem {
    let p: Int
    let zz: [Double]
    let zy: [Double]
    let mean: [Double]
    let scale: [Double]
    let meanY: Double

    /// Weights and intercept in the original feature units for penalty `alpha`.
    func solve(alpha: Double) throws -> (weights: [Double], intercept: Double) {
        var a = zz
        for j in 0..<p { a[j * p + j] += alpha }
        let standardWeights: [Double]
        do {
            standardWeights = try Cholesky(a, size: p).solve(zy)
        } catch {
            throw ModelError.library("Ridge regression could not solve its normal equations: \(error)")
        }
        let weights = (0..<p).map { standardWeights[$0] / scale[$0] }
        var intercept = meanY
        for j in 0..<p { intercept -= weights[j] * mean[j] }
        return (weights, intercept)
    }
}
