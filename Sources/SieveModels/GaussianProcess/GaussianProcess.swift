#if canImport(Glibc)
import Glibc
#endif
import SieveCore
import SieveLAPACK

/// An exact Gaussian process regression conditioned on training data, for ET-AL (Zhang, Chen,
/// Rondinelli & Chen, Appl. Phys. Rev. 10, 021403, 2023): constant mean, scaled RBF kernel with one
/// length scale, Gaussian noise (see ``GaussianProcessHyperparameters``).
///
/// Conditioning factorises K = s R + σ² I once (LAPACK dpotrf) and keeps α = K⁻¹(y − c); the
/// posterior of the latent f at new points is mean c + k*ᵀα and variance s − ‖L⁻¹k*‖²
/// (Rasmussen & Williams, GPML Algorithm 2.1), the noise-free f that ET-AL samples.
/// ``fit(inputs:targets:options:extraStart:)`` first maximises the exact marginal likelihood.
public struct GaussianProcess: Sendable {
    public let hyperparameters: GaussianProcessHyperparameters
    public let inputs: Matrix<Double>
    /// log p(y | hyperparameters).
    public let logMarginalLikelihood: Double
    /// How the hyperparameters were found (nil when they were given).
    public var fitReport: GaussianProcessFitReport?
    let factor: CholeskyFactor
    let alpha: [Double]

    /// Conditions on `inputs` (n × d) and `targets` with the given hyperparameters.
    /// Throws a ``ModelError`` when the kernel matrix is not positive definite.
    public init(inputs: Matrix<Double>, targets: [Double], hyperparameters h: GaussianProcessHyperparameters) throws {
        precondition(inputs.rows == targets.count && !targets.isEmpty, "A Gaussian process needs one target per input row, and at least one row.")
        self.hyperparameters = h
        self.inputs = inputs
        let n = targets.count
        let likelihood = MarginalLikelihood(inputs: inputs, targets: targets)
        do {
            factor = try CholeskyFactor(symmetric: likelihood.kernel(h.outputScale, h.lengthScale, h.noise), size: n)
        } catch let error as LAPACKError {
            throw ModelError.invalidParameters(["The Gaussian process's kernel matrix is not positive definite for \(h) (\(error))."])
        }
        let residual = targets.map { $0 - h.constant }
        alpha = try factor.solve(residual)
        var fit = 0.0
        for i in 0..<n { fit += residual[i] * alpha[i] }
        logMarginalLikelihood = -0.5 * fit - 0.5 * factor.logDeterminant - 0.5 * Double(n) * log(2 * Double.pi)
    }

    /// Posterior mean and variance of the latent f at each row of `points` (m × d).
    public func posterior(at points: Matrix<Double>) throws -> (mean: [Double], variance: [Double]) {
        precondition(points.columns == inputs.columns, "Points need \(inputs.columns) columns like the training inputs.")
        let n = inputs.rows, m = points.rows
        guard m > 0 else { return ([], []) }
        let h = hyperparameters
        var cross = MarginalLikelihood.squaredDistances(inputs, points)
        let scale = -0.5 / (h.lengthScale * h.lengthScale)
        for i in cross.indices { cross[i] = h.outputScale * exp(scale * cross[i]) }
        var mean = [Double](repeating: h.constant, count: m)
        for j in 0..<m {
            var sum = 0.0
            for i in 0..<n { sum += cross[j * n + i] * alpha[i] }
            mean[j] += sum
        }
        let v = try factor.solveLower(cross, columns: m)
        var variance = [Double](repeating: 0, count: m)
        for j in 0..<m {
            var sum = 0.0
            for i in 0..<n { sum += v[j * n + i] * v[j * n + i] }
            variance[j] = Swift.max(0, h.outputScale - sum)
        }
        return (mean, variance)
    }
}

/// What the hyperparameter search did: for the winning start, its index, L-BFGS iterations and
/// function evaluations; evaluations over all starts.
public struct GaussianProcessFitReport: Sendable, Equatable, Codable {
    public var start: Int
    public var iterations: Int
    public var evaluations: Int
    public var totalEvaluations: Int
    public var converged: Bool
}
