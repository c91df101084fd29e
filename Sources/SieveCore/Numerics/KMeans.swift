import Foundation

/// k-means clustering: greedy k-means++ seeding, then Lloyd iterations.
///
/// Arthur & Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007, with the greedy
/// variant scikit-learn uses (2 + ⌊ln k⌋ candidates per new centre, the one lowering the potential
/// most is kept); Lloyd's iterations stop when the centres move less (squared, summed) than
/// 10⁻⁴ × the mean feature variance, as scikit-learn's `tol`. Starts SieveCausal's Gaussian mixtures and cuts leave-one-cluster-out folds.
public struct KMeans: Sendable {
    public var clusters: Int
    public var maxIterations = 300

    public init(clusters: Int, maxIterations: Int = 300) {
        self.clusters = clusters; self.maxIterations = maxIterations
    }

    /// Cluster labels of the rows of `x` (row-major, `d` columns).
    public func labels(_ x: [Double], rows n: Int, columns d: Int, rng: inout Xoshiro256) -> [Int] {
        var centres = seed(x, rows: n, columns: d, rng: &rng)
        var labels = [Int](repeating: 0, count: n)
        var featureVariance = 0.0
        for c in 0..<d {
            var m = 0.0, s = 0.0
            for i in 0..<n { m += x[i * d + c] }
            m /= Double(n)
            for i in 0..<n { s += (x[i * d + c] - m) * (x[i * d + c] - m) }
            featureVariance += s / Double(n)
        }
        let tolerance = 1e-4 * featureVariance / Double(d)
        for _ in 0..<maxIterations {
            for i in 0..<n { labels[i] = nearest(x, i, d, centres).index }
            var sums = [Double](repeating: 0, count: clusters * d), counts = [Int](repeating: 0, count: clusters)
            for i in 0..<n {
                counts[labels[i]] += 1
                for c in 0..<d { sums[labels[i] * d + c] += x[i * d + c] }
            }
            var shift = 0.0
            for k in 0..<clusters where counts[k] > 0 {
                for c in 0..<d {
                    let v = sums[k * d + c] / Double(counts[k])
                    shift += (v - centres[k * d + c]) * (v - centres[k * d + c])
                    centres[k * d + c] = v
                }
            }
            if shift <= tolerance { break }
        }
        for i in 0..<n { labels[i] = nearest(x, i, d, centres).index }
        return labels
    }

    private func nearest(_ x: [Double], _ i: Int, _ d: Int, _ centres: [Double]) -> (index: Int, distance: Double) {
        var best = 0, bestDistance = Double.infinity
        for k in 0..<(centres.count / d) {
            var s = 0.0
            for c in 0..<d { s += (x[i * d + c] - centres[k * d + c]) * (x[i * d + c] - centres[k * d + c]) }
            if s < bestDistance { best = k; bestDistance = s }
        }
        return (best, bestDistance)
    }

    /// Greedy k-means++ centres.
    private func seed(_ x: [Double], rows n: Int, columns d: Int, rng: inout Xoshiro256) -> [Double] {
        let first = rng.uniform(below: n)
        var centres = Array(x[first * d ..< (first + 1) * d])
        func distances(to start: Int) -> [Double] {
            (0..<n).map { i in (0..<d).reduce(0.0) { $0 + (x[i * d + $1] - x[start * d + $1]) * (x[i * d + $1] - x[start * d + $1]) } }
        }
        var closest = distances(to: first)
        var potential = closest.reduce(0, +)
        let trials = 2 + Int(log(Double(clusters)))
        for _ in 1..<clusters {
            var bestCandidate = -1, bestPotential = Double.infinity, bestClosest: [Double] = []
            for _ in 0..<trials {
                // Draw a row with probability proportional to its squared distance to the nearest centre.
                let target = rng.unitDouble() * potential
                var acc = 0.0, candidate = n - 1
                for i in 0..<n {
                    acc += closest[i]
                    if acc > target { candidate = i; break }
                }
                let d2 = distances(to: candidate)
                let updated = zip(closest, d2).map { Swift.min($0, $1) }
                let p = updated.reduce(0, +)
                if p < bestPotential { bestCandidate = candidate; bestPotential = p; bestClosest = updated }
            }
            centres.append(contentsOf: x[bestCandidate * d ..< (bestCandidate + 1) * d])
            closest = bestClosest
            potential = bestPotential
        }
        return centres
    }
}
