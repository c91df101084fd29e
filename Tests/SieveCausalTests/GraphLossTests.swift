import Testing
import SieveCore
@testable import SieveCausal

@Suite struct GraphLossTests {
    /// det(M) by Gaussian elimination with partial pivoting (test-only).
    static func determinant(_ m: [Double], _ n: Int) -> Double {
        var a = m, det = 1.0
        for k in 0..<n {
            let pivot = (k..<n).max { abs(a[$0 * n + k]) < abs(a[$1 * n + k]) }!
            if a[pivot * n + k] == 0 { return 0 }
            if pivot != k { for j in 0..<n { a.swapAt(k * n + j, pivot * n + j) }; det = -det }
            det *= a[k * n + k]
            for i in (k + 1)..<n {
                let f = a[i * n + k] / a[k * n + k]
                for j in k..<n { a[i * n + j] -= f * a[k * n + j] }
            }
        }
        return det
    }

    /// A random DAG: a random order, random edges and weights, rows and columns not in order.
    static func randomDAG(_ p: Int, _ rng: inout Xoshiro256) -> [Double] {
        let order = rng.permutation(of: p)
        var b = [Double](repeating: 0, count: p * p)
        for i in 1..<p { for j in 0..<i where rng.unitDouble() < 0.5 { b[order[i] * p + order[j]] = rng.unitDouble() * 4 - 2 } }
        return b
    }

    /// The Laplacian's characteristic polynomial det(L − λI) equals Π(r_i − λ) over the row sums r_i
    /// at p + 1 distinct λ, so the two degree-p polynomials are identical: the row sums are exactly the
    /// eigenvalues, with multiplicity. Checked on many random DAGs.
    @Test func rowSumsAreTheLaplacianEigenvaluesOfADAG() {
        for seed in UInt64(0)..<200 {
            var rng = Xoshiro256(seed: seed)
            let p = 2 + rng.uniform(below: 9)
            let b = Self.randomDAG(p, &rng)
            let l = GraphLoss.laplacian(adjacency: b, variables: p)
            let sums = GraphLoss.spectrum(adjacency: b, variables: p)
            for t in 0...p {
                let lambda = Double(t) * 0.73 - 2.1
                var shifted = l
                for i in 0..<p { shifted[i * p + i] -= lambda }
                let lhs = Self.determinant(shifted, p)
                let rhs = sums.reduce(1.0) { $0 * ($1 - lambda) }
                #expect(abs(lhs - rhs) <= 1e-9 * Swift.max(1, abs(rhs)), "seed \(seed), λ = \(lambda): \(lhs) vs \(rhs)")
            }
        }
    }

    /// A cycle breaks the identity, so the check above can fail: x0 → x1 → x0 with weights 1 and 1
    /// has row sums (1, 1) but Laplacian eigenvalues 0 and 2.
    @Test func theIdentityNeedsAcyclicity() {
        let b = [0.0, 1, 1, 0]
        let l = GraphLoss.laplacian(adjacency: b, variables: 2)
        #expect(abs(Self.determinant(l, 2)) < 1e-12)  // 0 is an eigenvalue
        #expect(GraphLoss.spectrum(adjacency: b, variables: 2) == [1, 1])
    }

    @Test func distanceIsZeroToItselfSymmetricAndByHand() throws {
        let a = try CausalGraph(variables: 3, causalOrder: [0, 1, 2], adjacency: [0, 0, 0, 2, 0, 0, 1, -1, 0])
        let b = try CausalGraph(variables: 3, causalOrder: [2, 1, 0], adjacency: [0, 3, 0, 0, 0, 0.5, 0, 0, 0])
        #expect(GraphLoss.distance(a, a) == 0)
        #expect(GraphLoss.distance(a, b) == GraphLoss.distance(b, a))
        // Spectra: a → (2, 0, 0); b → (3, 0.5, 0): distance √(1 + 0.25).
        #expect(abs(GraphLoss.distance(a, b) - 1.25.squareRoot()) < 1e-15)
    }

    @Test func totalEffectsSumPathProducts() throws {
        // x0 → x1 (2), x1 → x2 (3), x0 → x2 (−1): total x0 → x2 = 2·3 − 1 = 5.
        let g = try CausalGraph(variables: 3, causalOrder: [0, 1, 2], adjacency: [0, 0, 0, 2, 0, 0, -1, 3, 0])
        #expect(g.totalEffect(on: 2, from: 0) == 5)
        #expect(g.totalEffect(on: 1, from: 0) == 2)
        #expect(g.totalEffect(on: 0, from: 2) == 0)
        #expect(try CausalGraph(adjacency: g.adjacency, variables: 3).causalOrder == [0, 1, 2])
    }
}
