import SieveCore

/// Ridge regression (Hoerl & Kennard, Technometrics 12, 55–67, 1970): minimises
/// ‖y − ȳ − X_c w‖² + α‖w‖² with X_c the features centred on the training rows, solved in closed
/// form by a Cholesky factorisation of X_cᵀ X_c + α I. This is scikit-learn's `Ridge(alpha)`.
/// `standardise: true` also scales each column to unit variance on the training rows first:
/// scikit-learn's `make_pipeline(StandardScaler(), Ridge(alpha))`.
///
/// Plain ridge is the default because standardising divides by each column's training spread:
/// a column that is almost constant on a small training set (Magpie's ground-state magnetic
/// moment is 6·10⁻⁶ μB for most elements) and far from it on test rows then gives huge
/// predictions (test RMSE 64,973 eV/atom on one 50-row MP training set where the mean model
/// gives 1.19; scikit-learn's pipeline gives the same), and a baseline must not get worse with
/// more data. Plain ridge beats the mean from 240 rows on every MP window tested.
///
/// The sums are centred before they are accumulated (a first pass for the means, a second for
/// Σ(x − x̄)(x − x̄)ᵀ), never formed as Σxxᵀ − n x̄x̄ᵀ, whose cancellation loses the small variances
/// of columns with large means. A column whose spread on the training rows is within float32
/// rounding of its values (standard deviation ≤ 4 ε_float · max |x|) is constant there: its
/// weight is 0, as scikit-learn's StandardScaler does for constant columns.
///
/// With several alphas, the one with the lowest mean squared error in k-fold cross-validation
/// on the training rows is chosen (each fold centred, and standardised if asked, on its own
/// training part), then the model is refitted on all rows. Each fold's centred sums are computed
/// once and merged (Chan, Golub & LeVeque, 1979) into every training part, so cross-validation
/// costs two passes.
public struct RidgeRegression: ConfigurableModel, Equatable {
    /// Candidate penalties; one value fits directly, several are chosen between by cross-validation.
    public var alphas: [Double] = [1.0]
    /// Folds of the internal cross-validation.
    public var folds = 5
    /// Scale each feature to unit variance on the training rows before penalising.
    public var standardise = false

    public init(alphas: [Double] = [1.0], folds: Int = 5, standardise: Bool = false) {
        self.alphas = alphas; self.folds = folds; self.standardise = standardise
    }

    public init() { self.init(alphas: [1.0]) }

    public static let kind = "ridge"
    public static let summary = "Ridge regression on centred features (standardise: true also scales them), closed form; alpha chosen by cross-validation over a list."
    public static let parameters: [ModelParameter<RidgeRegression>] = [
        ModelParameter("alpha", summary: "the L2 penalty; with a list, cross-validation on the training rows picks one",
                       allowed: "a positive number or a list of up to 1,000", read: { node, log, model in
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
        .int("folds", \.folds, 2...100, "(cross-validation folds)", summary: "cross-validation folds when alpha is a list"),
        // Always in the fingerprint: runs fitted before the default became plain ridge rerun.
        ModelParameter("standardise", summary: "also scale features to unit variance (StandardScaler + Ridge)",
                       allowed: "true | false", read: { node, log, model in if let v = log.bool(node, "standardise") { model.standardise = v } },
                       text: { $0.standardise ? "true" : "false" }, vary: { $0.standardise.toggle() }),
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
            let perFold = (0..<folds).map { f in CentredSums(data, rows: (0..<n).filter { fold[$0] == f }) }
            cvErrors = [Double](repeating: 0, count: alphas.count)
            for (f, held) in perFold.enumerated() {
                let rest = perFold.indices.filter { $0 != f }.map { perFold[$0] }
                let standard = rest.dropFirst().reduce(rest[0]) { $0.merging($1) }.system(standardise: standardise)
                for (a, candidate) in alphas.enumerated() {
                    cvErrors[a] += held.squaredError(of: try standard.solve(alpha: candidate))
                }
            }
            alpha = alphas[cvErrors.indices.min { cvErrors[$0] < cvErrors[$1] }!]
            let total = perFold.dropFirst().reduce(perFold[0]) { $0.merging($1) }
            let model = try total.system(standardise: standardise).solve(alpha: alpha)
            return FittedRidge(weights: model.weights, intercept: model.intercept, featureCount: p, alpha: alpha,
                               crossValidationMSE: cvErrors.map { $0 / Double(n) })
        }
        let model = try CentredSums(data, rows: Array(0..<n)).system(standardise: standardise).solve(alpha: alpha)
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

/// Centred sufficient statistics of a set of rows for least squares: the count, the means of x
/// and y, the largest |x| per column, and the centred sums Σ(x − x̄)(x − x̄)ᵀ, Σ(x − x̄)(y − ȳ) and
/// Σ(y − ȳ)².
struct CentredSums {
    let p: Int
    var count = 0.0
    var meanX: [Double]
    var meanY = 0.0
    var maxAbsX: [Double]
    /// Σ (x − x̄)(x − x̄)ᵀ, upper triangle of a p × p row-major matrix (mirrored when used).
    var xx: [Double]
    var xy: [Double]
    var yy = 0.0

    init(p: Int) {
        self.p = p
        meanX = [Double](repeating: 0, count: p)
        maxAbsX = [Double](repeating: 0, count: p)
        xx = [Double](repeating: 0, count: p * p)
        xy = [Double](repeating: 0, count: p)
    }

    /// The sums over `rows` (positions in `data`), in two passes: means, then centred products.
    init(_ data: TrainingData, rows: [Int]) {
        let p = data.store.featureCount
        self.init(p: p)
        guard !rows.isEmpty else { return }
        count = Double(rows.count)
        data.store.matrix.withUnsafeBufferPointer { x in
            for i in rows {
                let base = data.rows[i] * p
                meanY += data.targets[i]
                for j in 0..<p {
                    let v = Double(x[base + j])
                    meanX[j] += v
                    maxAbsX[j] = max(maxAbsX[j], abs(v))
                }
            }
            meanY /= count
            for j in 0..<p { meanX[j] /= count }
            var row = [Double](repeating: 0, count: p)
            xx.withUnsafeMutableBufferPointer { g in
                for i in rows {
                    let base = data.rows[i] * p
                    let y = data.targets[i] - meanY
                    yy += y * y
                    for j in 0..<p { row[j] = Double(x[base + j]) - meanX[j] }
                    for j in 0..<p {
                        let xj = row[j]
                        xy[j] += xj * y
                        for k in j..<p { g[j * p + k] += xj * row[k] }
                    }
                }
            }
        }
    }

    /// The sums of both sets of rows together, merged without going back to the rows: the centred
    /// products add, plus δδᵀ · n₁n₂ / n for the difference δ of the means.
    func merging(_ other: CentredSums) -> CentredSums {
        if other.count == 0 { return self }
        if count == 0 { return other }
        var out = self
        let n = count + other.count
        let w = count * other.count / n
        let dy = other.meanY - meanY
        var dx = [Double](repeating: 0, count: p)
        for j in 0..<p { dx[j] = other.meanX[j] - meanX[j] }
        out.count = n
        out.meanY = meanY + dy * other.count / n
        out.yy = yy + other.yy + w * dy * dy
        for j in 0..<p {
            out.meanX[j] = meanX[j] + dx[j] * other.count / n
            out.maxAbsX[j] = max(maxAbsX[j], other.maxAbsX[j])
            out.xy[j] = xy[j] + other.xy[j] + w * dx[j] * dy
            for k in j..<p { out.xx[j * p + k] = xx[j * p + k] + other.xx[j * p + k] + w * dx[j] * dx[k] }
        }
        return out
    }

    /// Whether column `j` is constant on these rows: its spread is within float32 rounding of its
    /// values (features are stored as `Float`).
    func isConstant(_ j: Int) -> Bool {
        let deviation = (max(0, xx[j * p + j]) / count).squareRoot()
        return deviation <= 4 * Double(Float.ulpOfOne) * maxAbsX[j]
    }

    /// The centred system, scaled to unit variance when `standardise`; constant columns are left
    /// out (zero rows and columns, so their weight is 0).
    func system(standardise: Bool) -> StandardisedSystem {
        var scale = [Double](repeating: 1, count: p)
        var constant = [Bool](repeating: false, count: p)
        for j in 0..<p {
            constant[j] = isConstant(j)
            if standardise && !constant[j] { scale[j] = (xx[j * p + j] / count).squareRoot() }
        }
        var zz = [Double](repeating: 0, count: p * p)
        var zy = [Double](repeating: 0, count: p)
        for j in 0..<p where !constant[j] {
            zy[j] = xy[j] / scale[j]
            for k in j..<p where !constant[k] {
                let v = xx[j * p + k] / (scale[j] * scale[k])
                zz[j * p + k] = v; zz[k * p + j] = v
            }
        }
        return StandardisedSystem(p: p, zz: zz, zy: zy, mean: meanX, scale: scale, meanY: meanY)
    }

    /// Σ (y − ŷ)² over these rows for a model in original units, from the sums alone:
    /// Σ(ỹ − wᵀx̃)² + n (ȳ − b − wᵀx̄)² with x̃, ỹ centred (the cross terms vanish).
    func squaredError(of model: (weights: [Double], intercept: Double)) -> Double {
        let w = model.weights
        var residualOfMeans = meanY - model.intercept
        var wxy = 0.0, quadratic = 0.0
        for j in 0..<p {
            residualOfMeans -= w[j] * meanX[j]
            wxy += w[j] * xy[j]
            var row = 0.0
            for k in 0..<p { row += (k >= j ? xx[j * p + k] : xx[k * p + j]) * w[k] }
            quadratic += w[j] * row
        }
        return max(0, yy - 2 * wxy + quadratic) + count * residualOfMeans * residualOfMeans
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
