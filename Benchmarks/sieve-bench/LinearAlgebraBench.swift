import ArgumentParser
import Foundation
import SieveCore
import SieveLAPACK
import SieveModels

/// Hand-written Cholesky (SieveCore) against LAPACK's dpotrf/dpotrs (OpenBLAS) on GP kernel matrices
/// (RBF over 32-d points, unit output scale, length scale = median distance, noise 1e-4 — near
/// ET-AL's fitted values), for speed and accuracy: the solve's relative backward error
/// ‖Ax − b‖/(‖A‖‖x‖) and the factor's ‖L(Lᵀv) − Av‖/(‖A‖‖v‖) for a random v (both O(n²)).
struct LinearAlgebraBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "linalg", abstract: "Cholesky: hand-written against LAPACK.")

    @Option(help: "Matrix sizes.") var sizes = "100,250,500,1000,2000"
    @Option(help: "Repetitions per size (the fastest is kept).") var repeats = 3

    func run() throws {
        _ = try CholeskyFactor(symmetric: [1], size: 1)
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? -1
        print("LAPACK: \(BLASThreads.build); OpenBLAS threads in use: \(BLASThreads.current); process threads: \(tasks)")
        print("     n   hand_factor+solve_s  lapack_factor+solve_s  speedup   hand_solve_err  lapack_solve_err   hand_factor_err  lapack_factor_err")
        for n in sizes.split(separator: ",").compactMap({ Int($0) }) {
            var rng = Xoshiro256(seed: UInt64(n))
            let d = 32
            let x = (0..<(n * d)).map { _ in rng.unitDouble() * 2 - 1 }
            var d2 = [Double](repeating: 0, count: n * n)
            for i in 0..<n { for j in 0..<n { var s = 0.0; for k in 0..<d { let t = x[i * d + k] - x[j * d + k]; s += t * t }; d2[i * n + j] = s } }
            let median = d2.filter { $0 > 0 }.sorted()[n * (n - 1) / 2].squareRoot()
            let a = (0..<(n * n)).map { exp(-0.5 * d2[$0] / (median * median)) + ($0 % (n + 1) == 0 ? 1e-4 : 0) }
            let b = (0..<n).map { _ in rng.unitDouble() - 0.5 }
            let v = (0..<n).map { _ in rng.unitDouble() - 0.5 }
            var handTime = Double.infinity, lapackTime = Double.infinity
            var hand: (Cholesky, [Double])?, lapack: (CholeskyFactor, [Double])?
            for _ in 0..<repeats {
                let t0 = Date()
                let f = try Cholesky(a, size: n)
                let s = f.solve(b)
                handTime = Swift.min(handTime, Date().timeIntervalSince(t0))
                hand = (f, s)
                let t1 = Date()
                let g = try CholeskyFactor(symmetric: a, size: n)
                let r = try g.solve(b)
                lapackTime = Swift.min(lapackTime, Date().timeIntervalSince(t1))
                lapack = (g, r)
            }
            let normA = frobenius(a)
            let handSolve = norm(sub(multiply(a, hand!.1, n), b)) / (normA * norm(hand!.1))
            let lapackSolve = norm(sub(multiply(a, lapack!.1, n), b)) / (normA * norm(lapack!.1))
            let av = multiply(a, v, n)
            let handFactor = norm(sub(lower(n) { hand!.0.lower[$0 * n + $1] }.apply(v), av)) / (normA * norm(v))
            let lapackFactor = norm(sub(lower(n) { lapack!.0.factor($0, $1) }.apply(v), av)) / (normA * norm(v))
            print(pad(n, 6) + pad(NumberText.fixed(handTime, 4), 21) + pad(NumberText.fixed(lapackTime, 4), 23)
                  + pad(NumberText.fixed(handTime / lapackTime, 1) + "x", 9) + [handSolve, lapackSolve, handFactor, lapackFactor].map { pad(sci($0), 18) }.joined())
            // One evaluation of ET-AL's marginal likelihood with gradient (kernel, dpotrf, dpotrs, dpotri, gradient pass).
            let gp = MarginalLikelihood(inputs: Matrix(rows: n, columns: d, storage: x), targets: b)
            var evaluation = Double.infinity, inverse = Double.infinity
            for _ in 0..<repeats {
                let t0 = Date()
                _ = try gp.evaluate(outputScale: 1, lengthScale: median, noise: 1e-4)
                evaluation = Swift.min(evaluation, Date().timeIntervalSince(t0))
                let t1 = Date()
                _ = try lapack!.0.inverse()
                inverse = Swift.min(inverse, Date().timeIntervalSince(t1))
            }
            print("        marginal likelihood + gradient: \(NumberText.fixed(evaluation * 1000, 2)) ms (of which dpotrf+dpotrs \(NumberText.fixed(lapackTime * 1000, 2)) ms, dpotri \(NumberText.fixed(inverse * 1000, 2)) ms)")
        }
    }

    /// L (Lᵀ v) for the lower factor given by `element(row, column)`.
    struct LowerFactor {
        let n: Int
        let l: [Double]
        func apply(_ v: [Double]) -> [Double] {
            var t = [Double](repeating: 0, count: n)
            for i in 0..<n { for k in i..<n { t[i] += l[k * n + i] * v[k] } }
            var out = [Double](repeating: 0, count: n)
            for i in 0..<n { for k in 0...i { out[i] += l[i * n + k] * t[k] } }
            return out
        }
    }

    func lower(_ n: Int, _ element: (Int, Int) -> Double) -> LowerFactor {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0...i { l[i * n + j] = element(i, j) } }
        return LowerFactor(n: n, l: l)
    }

    func multiply(_ a: [Double], _ x: [Double], _ n: Int) -> [Double] {
        (0..<n).map { i in (0..<n).reduce(0.0) { $0 + a[i * n + $1] * x[$1] } }
    }
    func sub(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 - $1 } }
    func norm(_ a: [Double]) -> Double { a.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    func frobenius(_ a: [Double]) -> Double { norm(a) }
    func sci(_ x: Double) -> String {
        guard x > 0 else { return "0" }
        let e = Int((log10(x)).rounded(.down))
        return NumberText.fixed(x / pow(10, Double(e)), 2) + "e" + String(e)
    }
    func pad(_ s: Any, _ width: Int) -> String {
        let t = "\(s)"
        return String(repeating: " ", count: Swift.max(0, width - t.count)) + t
    }
}
