import Testing
@testable import SieveLAPACK

@Suite struct LAPACKTests {
    /// A = [[4, 2, 2], [2, 5, 3], [2, 3, 6]] = L Lᵀ with L = [[2, 0, 0], [1, 2, 0], [1, 1, 2]] (by hand).
    static let a: [Double] = [4, 2, 2, 2, 5, 3, 2, 3, 6]

    @Test func choleskyFactorSolveInverseByHand() throws {
        let f = try CholeskyFactor(symmetric: Self.a, size: 3)
        let l: [[Double]] = [[2, 0, 0], [1, 2, 0], [1, 1, 2]]
        for i in 0..<3 { for j in 0..<3 { #expect(abs(f.factor(i, j) - l[i][j]) < 1e-15) } }
        #expect(abs(f.logDeterminant - 2 * (2.0 * 2 * 2).log()) < 1e-14)  // det = 64
        // A x = b for x = (1, -1, 2): b = (6, 3, 11); two right-hand sides at once.
        let x = try f.solve([6, 3, 11, 4, 2, 2], columns: 2)
        for (got, want) in zip(x, [1.0, -1, 2, 1, 0, 0]) { #expect(abs(got - want) < 1e-14) }
        // L y = b for y = (1, 1, 1): b = (2, 3, 4).
        let y = try f.solveLower([2, 3, 4])
        for v in y { #expect(abs(v - 1) < 1e-15) }
        let inv = try f.inverse()
        for i in 0..<3 {
            for j in 0..<3 {
                let product = (0..<3).reduce(0.0) { $0 + Self.a[i * 3 + $1] * inv[$1 * 3 + j] }
                #expect(abs(product - (i == j ? 1 : 0)) < 1e-14)
                #expect(inv[i * 3 + j] == inv[j * 3 + i])
            }
        }
    }

    @Test func notPositiveDefiniteIsAnErrorNamingTheFunction() {
        do {
            _ = try CholeskyFactor(symmetric: [1, 2, 2, 1], size: 2)
            Issue.record("A matrix with eigenvalues 3 and -1 was factorised.")
        } catch let error as LAPACKError {
            #expect(error.function == "LAPACKE_dpotrf_work")
            #expect(error.info == 2)
            #expect(error.description.contains("leading minor of order 2 is not positive definite"))
        } catch {
            Issue.record("Unexpected error \(error)")
        }
    }

    /// The tridiagonal matrix with 2 on the diagonal and −1 beside it has eigenvalues
    /// 2 − 2 cos(kπ/(n+1)) and eigenvectors sin(jkπ/(n+1)) (a textbook closed form).
    @Test func eigenDecompositionOfTheSecondDifferenceMatrix() throws {
        let n = 40
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            a[i * n + i] = 2
            if i > 0 { a[i * n + i - 1] = -1; a[(i - 1) * n + i] = -1 }
        }
        let e = try SymmetricEigen(symmetric: a, size: n)
        for k in 1...n {
            let theta = Double(k) * Double.pi / Double(n + 1)
            #expect(abs(e.values[k - 1] - (2 - 2 * theta.cosine())) < 1e-13)
            // Compare the unit eigenvector up to sign.
            let norm = (0..<n).reduce(0.0) { $0 + (Double($1 + 1) * theta).sine() * (Double($1 + 1) * theta).sine() }.squareRoot()
            let sign: Double = e.vector(k - 1, 0) >= 0 ? 1 : -1
            for j in 0..<n {
                #expect(abs(sign * e.vector(k - 1, j) - (Double(j + 1) * theta).sine() / norm) < 1e-12)
            }
        }
    }

    @Test func openBLASRunsOnTheCallingThread() throws {
        _ = try CholeskyFactor(symmetric: Self.a, size: 3)
        // 0 means the LAPACK behind LAPACKE is not OpenBLAS (nothing to pin); otherwise one thread.
        #expect(BLASThreads.current == 1 || BLASThreads.current == 0)
        #expect(!BLASThreads.build.isEmpty)
    }
}

#if canImport(Glibc)
import Glibc
#endif
extension Double {
    func log() -> Double { Glibc.log(self) }
    func sine() -> Double { Glibc.sin(self) }
    func cosine() -> Double { Glibc.cos(self) }
}
