#if canImport(Glibc)
import Glibc
#endif
import SieveCore
import SieveLAPACK

/// The exact log marginal likelihood of ET-AL's GP, with the constant mean profiled out, and its
/// gradient in the log-hyperparameters (log s, log ℓ, log σ²).
///
/// With K = s R + σ² I, R_ij = exp(−d²_ij / (2ℓ²)) and r = y − c:
/// log p(y) = −½ rᵀK⁻¹r − ½ log det K − (n/2) log 2π (Rasmussen & Williams, GPML eq. 2.30).
/// For fixed (s, ℓ, σ²) it is a concave quadratic in c, maximal at the generalised-least-squares
/// mean c* = 1ᵀK⁻¹y / 1ᵀK⁻¹1, so maximising over (c, s, ℓ, σ²) is maximising the profiled
/// function over (s, ℓ, σ²); its gradient is the partial gradient at c = c* (∂/∂c vanishes there):
/// ∂/∂θ = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ), α = K⁻¹(y − c*) (GPML eq. 5.9), with ∂K/∂log s = sR,
/// ∂K/∂log ℓ = sR ∘ D²/ℓ², ∂K/∂log σ² = σ²I. One evaluation: a Cholesky factorisation and the
/// inverse from it (LAPACK dpotrf + dpotri), O(n³).
public struct MarginalLikelihood: Sendable {
    public let count: Int
    let targets: [Double]
    /// Squared distances, n × n (symmetric).
    let squaredDistances: [Double]

    public init(inputs: Matrix<Double>, targets: [Double]) {
        precondition(inputs.rows == targets.count, "One target per input row.")
        count = targets.count
        self.targets = targets
        squaredDistances = Self.squaredDistances(inputs, inputs)
    }

    /// ‖a_i − b_j‖² for every row i of `a` and j of `b`, column-major `a.rows × b.rows`.
    static func squaredDistances(_ a: Matrix<Double>, _ b: Matrix<Double>) -> [Double] {
        precondition(a.columns == b.columns, "Inputs must have the same number of columns.")
        let d = a.columns, na = a.rows, nb = b.rows
        var out = [Double](repeating: 0, count: na * nb)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { o in
                    for j in 0..<nb {
                        for i in 0..<na {
                            var sum = 0.0
                            for k in 0..<d { let t = a[i * d + k] - b[j * d + k]; sum += t * t }
                            o[j * na + i] = sum
                        }
                    }
                }
            }
        }
        return out
    }

    /// The profiled log marginal likelihood at (s, ℓ, σ²), its gradient in (log s, log ℓ, log σ²)
    /// and the optimal constant c*. Throws when K is not positive definite.
    public func evaluate(outputScale s: Double, lengthScale l: Double, noise: Double)
        throws -> (value: Double, gradient: [Double], constant: Double) {
        let n = count
        let k = kernel(s, l, noise)
        let factor = try CholeskyFactor(symmetric: k, size: n)
        let solved = try factor.solve(targets + [Double](repeating: 1, count: n), columns: 2)
        let sumY = solved[0..<n].reduce(0, +), sumOne = solved[n..<(2 * n)].reduce(0, +)
        let c = sumY / sumOne
        let alpha = (0..<n).map { solved[$0] - c * solved[n + $0] }
        var fit = 0.0
        for i in 0..<n { fit += (targets[i] - c) * alpha[i] }
        let value = -0.5 * fit - 0.5 * factor.logDeterminant - 0.5 * Double(n) * log(2 * Double.pi)
        let inverse = try factor.inverseLowerTriangle()
        // Off-diagonal sums over the lower triangle (doubled), then the diagonal.
        var gScale = 0.0, gLength = 0.0, alphaSquares = 0.0, trace = 0.0
        let invL2 = 1 / (l * l)
        k.withUnsafeBufferPointer { k in
            inverse.withUnsafeBufferPointer { inv in
                squaredDistances.withUnsafeBufferPointer { d2 in
                    for j in 0..<n {
                        let aj = alpha[j]
                        for i in (j + 1)..<n {
                            let w = alpha[i] * aj - inv[j * n + i]
                            let sr = k[j * n + i]
                            gScale += 2 * w * sr
                            gLength += 2 * w * sr * d2[j * n + i] * invL2
                        }
                        let w = aj * aj - inv[j * n + j]
                        gScale += w * s
                        alphaSquares += aj * aj
                        trace += inv[j * n + j]
                    }
                }
            }
        }
        return (value, [0.5 * gScale, 0.5 * gLength, 0.5 * noise * (alphaSquares - trace)], c)
    }

    /// K = s R + σ² I, column-major, lower triangle only (all LAPACK and the gradient read).
    func kernel(_ s: Double, _ l: Double, _ noise: Double) -> [Double] {
        let n = count
        var k = [Double](repeating: 0, count: n * n)
        let scale = -0.5 / (l * l)
        k.withUnsafeMutableBufferPointer { k in
            squaredDistances.withUnsafeBufferPointer { d2 in
                for j in 0..<n {
                    for i in (j + 1)..<n {
                        k[j * n + i] = s * exp(scale * d2[j * n + i])
                    }
                    k[j * n + j] = s + noise
                }
            }
        }
        return k
    }
}
