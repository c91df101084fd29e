import Foundation
import SieveCore

/// A Gaussian mixture with full covariances fitted by expectation–maximisation.
///
/// Dempster, Laird & Rubin (J. R. Stat. Soc. B 39, 1977), with scikit-learn's `GaussianMixture`
/// conventions: responsibilities start from a k-means clustering (``KMeans``), `reg_covar` is added
/// to every covariance diagonal, weights carry a 10ε floor, and EM stops when the mean log-likelihood
/// per row changes by less than `tolerance`. Components are numbered by decreasing weight, so the
/// labels of a seed do not depend on how k-means happened to number its clusters. With
/// `initialisations` > 1 (scikit-learn's `n_init`) the fit of the highest final lower bound is kept;
/// start i draws from a generator seeded by the seed and i. Fox & Ghosh cut
/// QM9 into three subsets this way, on MolLogP, TPSA and MolMR.
public struct GaussianMixture: Sendable {
    public var components: Int
    public var maxIterations = 100
    public var tolerance = 1e-3
    public var regularisation = 1e-6
    public var initialisations = 1

    public init(components: Int) {
        self.components = components
    }

    public func fit(_ data: Matrix<Double>, seed: UInt64) throws -> FittedGaussianMixture {
        guard initialisations > 0 else { throw CausalDiscoveryError.invalidArgument("A Gaussian mixture needs at least one initialisation.") }
        var best: FittedGaussianMixture?
        for start in 0..<initialisations {
            let fitted = try fitOnce(data, seed: start == 0 ? seed : SplitMix64.mix(seed ^ UInt64(start)))
            if best == nil || fitted.lowerBound > best!.lowerBound { best = fitted }
        }
        return best!
    }

    func fitOnce(_ data: Matrix<Double>, seed: UInt64) throws -> FittedGaussianMixture {
        let n = data.rows, d = data.columns
        guard n >= components, components > 0 else {
            throw CausalDiscoveryError.tooFewRows(rows: n, needed: Swift.max(1, components), context: "A \(components)-component Gaussian mixture")
        }
        if let bad = data.storage.firstIndex(where: { !$0.isFinite }) {
            throw CausalDiscoveryError.notFinite(row: bad / d, column: bad % d, value: data.storage[bad])
        }
        let x = data.storage
        var rng = Xoshiro256(seed: seed)
        let initial = KMeans(clusters: components).labels(x, rows: n, columns: d, rng: &rng)
        var responsibilities = [Double](repeating: 0, count: n * components)
        for i in 0..<n { responsibilities[i * components + initial[i]] = 1 }
        var model = try maximisation(x, rows: n, columns: d, responsibilities)
        var lowerBound = -Double.infinity
        var converged = false
        var iterations = 0
        for iteration in 1...maxIterations {
            iterations = iteration
            let previous = lowerBound
            let (meanLogLikelihood, logResponsibilities) = model.expectation(x, rows: n)
            model = try maximisation(x, rows: n, columns: d, logResponsibilities.map { exp($0) })
            lowerBound = meanLogLikelihood
            if abs(lowerBound - previous) < tolerance { converged = true; break }
        }
        model.lowerBound = lowerBound
        model.iterations = iterations
        model.converged = converged
        return model.sortedByWeight()
    }

    /// Weights, means and regularised covariances from responsibilities (`rows × components`).
    func maximisation(_ x: [Double], rows n: Int, columns d: Int, _ r: [Double]) throws -> FittedGaussianMixture {
        let k = components
        var weights = [Double](repeating: 0, count: k)
        var means = [[Double]](repeating: [Double](repeating: 0, count: d), count: k)
        var covariances = [[Double]](repeating: [Double](repeating: 0, count: d * d), count: k)
        for c in 0..<k {
            var nk = 10 * Double.ulpOfOne
            for i in 0..<n { nk += r[i * k + c] }
            for i in 0..<n where r[i * k + c] != 0 {
                for a in 0..<d { means[c][a] += r[i * k + c] * x[i * d + a] }
            }
            for a in 0..<d { means[c][a] /= nk }
            for i in 0..<n where r[i * k + c] != 0 {
                for a in 0..<d {
                    let da = x[i * d + a] - means[c][a]
                    for b in 0...a { covariances[c][a * d + b] += r[i * k + c] * da * (x[i * d + b] - means[c][b]) }
                }
            }
            for a in 0..<d {
                for b in 0...a {
                    covariances[c][a * d + b] /= nk
                    covariances[c][b * d + a] = covariances[c][a * d + b]
                }
                covariances[c][a * d + a] += regularisation
            }
            weights[c] = nk / Double(n)
        }
        return try FittedGaussianMixture(weights: weights, means: means, covariances: covariances)
    }
}
