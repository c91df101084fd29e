/// The hyperparameters of ET-AL's exact Gaussian process: constant mean c, scaled RBF kernel
/// k(x, x') = s · exp(−‖x − x'‖² / (2ℓ²)) with one length scale ℓ, Gaussian noise variance σ².
///
/// GPyTorch's `ConstantMean`, `ScaleKernel(RBFKernel())`, `GaussianLikelihood` (Zhang et al.,
/// Appl. Phys. Rev. 10, 021403, 2023). In scikit-learn terms: `ConstantKernel(s) * RBF(ℓ) +
/// WhiteKernel(σ²)` fitted to y − c with `normalize_y=False` (a GP with constant mean c on y is the
/// zero-mean GP on y − c).
public struct GaussianProcessHyperparameters: Sendable, Equatable, Codable {
    public var constant: Double
    public var outputScale: Double
    public var lengthScale: Double
    public var noise: Double

    public init(constant: Double, outputScale: Double, lengthScale: Double, noise: Double) {
        self.constant = constant
        self.outputScale = outputScale
        self.lengthScale = lengthScale
        self.noise = noise
    }
}

/// How ET-AL's GP hyperparameters are fitted: bounds relative to the data, and the starts.
///
/// With v the variance of the targets and r the median distance between the first 256 training
/// inputs (all pairs), the optimiser searches s ∈ v·[1e-4, 1e4], ℓ ∈ r·[1e-3, 1e3],
/// σ² ∈ v·[1e-6, 10] on a log scale, from (s, ℓ, σ²) = (v, r, v/10), (v, r/4, v/100) and
/// (v, 4r, v/2), plus any start the caller adds (e.g. the previous iteration's optimum); the
/// best end point wins (earliest on ties). Above `allStartsUpTo` rows only the first start (and
/// the caller's) is used: small samples have several optima, but on flla_2015 every start reached
/// the same optimum for 400–630 rows, where each costs O(n³) per step. c is profiled out (see
/// ``MarginalLikelihood``).
public struct GaussianProcessFitOptions: Sendable, Equatable, Codable {
    public var outputScaleBounds: ClosedRange<Double> = 1e-4...1e4
    public var lengthScaleBounds: ClosedRange<Double> = 1e-3...1e3
    public var noiseBounds: ClosedRange<Double> = 1e-6...10
    /// Starts as multiples of (v, r, v) for (s, ℓ, σ²).
    public var starts: [[Double]] = [[1, 1, 0.1], [1, 0.25, 0.01], [1, 4, 0.5]]
    public var maxIterations = 200
    /// Training rows up to which every start is tried.
    public var allStartsUpTo = 300

    public init() {}
}
