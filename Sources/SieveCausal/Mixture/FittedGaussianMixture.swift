import Foundation
import SieveCore

/// A fitted ``GaussianMixture``: weights, means and full covariances, and the labels it gives rows.
public struct FittedGaussianMixture: Sendable, Codable, Equatable {
    public let weights: [Double]
    public let means: [[Double]]
    /// Row-major `d × d` covariance of each component.
    public let covariances: [[Double]]
    /// The mean log-likelihood per row at the last EM step.
    public internal(set) var lowerBound = -Double.infinity
    public internal(set) var iterations = 0
    public internal(set) var converged = false
    private let factors: [[Double]]

    enum CodingKeys: String, CodingKey { case weights, means, covariances, lowerBound, iterations, converged }

    init(weights: [Double], means: [[Double]], covariances: [[Double]]) throws {
        self.weights = weights
        self.means = means
        self.covariances = covariances
        let d = means.first?.count ?? 0
        factors = try covariances.enumerated().map { c, sigma in
            do { return try Cholesky(sigma, size: d).lower } catch {
                throw CausalDiscoveryError.invalidArgument("Mixture component \(c) has a singular covariance; the data may hold fewer distinct rows than components.")
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(weights: c.decode([Double].self, forKey: .weights), means: c.decode([[Double]].self, forKey: .means),
                      covariances: c.decode([[Double]].self, forKey: .covariances))
        lowerBound = try c.decode(Double.self, forKey: .lowerBound)
        iterations = try c.decode(Int.self, forKey: .iterations)
        converged = try c.decode(Bool.self, forKey: .converged)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(weights, forKey: .weights)
        try c.encode(means, forKey: .means)
        try c.encode(covariances, forKey: .covariances)
        try c.encode(lowerBound, forKey: .lowerBound)
        try c.encode(iterations, forKey: .iterations)
        try c.encode(converged, forKey: .converged)
    }

    /// The most probable component of each row.
    public func labels(_ data: Matrix<Double>) -> [Int] {
        precondition(data.columns == means.first?.count, "The mixture was fitted on \(means.first?.count ?? 0) columns.")
        let k = weights.count
        let (_, log) = expectation(data.storage, rows: data.rows)
        return (0..<data.rows).map { i in (0..<k).max { log[i * k + $0] < log[i * k + $1] }! }
    }

    /// The mean log-likelihood and the log responsibilities (`rows × components`).
    func expectation(_ x: [Double], rows n: Int) -> (Double, [Double]) {
        let k = weights.count, d = means[0].count
        var out = [Double](repeating: 0, count: n * k)
        var total = 0.0
        let constants = (0..<k).map { c -> Double in
            var logDet = 0.0
            for a in 0..<d { logDet += log(factors[c][a * d + a]) }
            return log(weights[c]) - 0.5 * Double(d) * log(2 * Double.pi) - logDet
        }
        var z = [Double](repeating: 0, count: d)
        for i in 0..<n {
            var top = -Double.infinity
            for c in 0..<k {
                // Mahalanobis distance through the Cholesky factor: solve L z = x − μ.
                var m = 0.0
                for a in 0..<d {
                    var s = x[i * d + a] - means[c][a]
                    for b in 0..<a { s -= factors[c][a * d + b] * z[b] }
                    z[a] = s / factors[c][a * d + a]
                    m += z[a] * z[a]
                }
                out[i * k + c] = constants[c] - 0.5 * m
                top = Swift.max(top, out[i * k + c])
            }
            var s = 0.0
            for c in 0..<k { s += exp(out[i * k + c] - top) }
            let norm = top + log(s)
            total += norm
            for c in 0..<k { out[i * k + c] -= norm }
        }
        return (total / Double(n), out)
    }

    /// The same mixture with components renumbered by decreasing weight (ties by first mean).
    func sortedByWeight() -> FittedGaussianMixture {
        let order = weights.indices.sorted { (weights[$0], -means[$0][0]) > (weights[$1], -means[$1][0]) }
        var sorted = try! FittedGaussianMixture(weights: order.map { weights[$0] }, means: order.map { means[$0] },
                                                covariances: order.map { covariances[$0] })
        sorted.lowerBound = lowerBound
        sorted.iterations = iterations
        sorted.converged = converged
        return sorted
    }
}
