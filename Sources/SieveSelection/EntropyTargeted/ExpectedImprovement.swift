#if canImport(Glibc)
import Glibc
#endif
import SieveCore

/// ET-AL's acquisition: expected improvement of a group's entropy over the incumbent h, from the
/// mean μ and standard deviation σ of the entropies over posterior draws (the authors' `calculate_acf`):
/// z = (μ − h)/(σ + 1e-9), EI = (μ − h) Φ(z) + σ φ(z). NaN when μ is −∞ or NaN.
public enum ExpectedImprovement {
    @inlinable
    public static func value(mean: Double, deviation: Double, incumbent: Double) -> Double {
        let improvement = mean - incumbent
        let z = improvement / (deviation + 1e-9)
        return improvement * cumulative(z) + deviation * density(z)
    }

    /// Φ(z) = erfc(−z/√2)/2 (accurate in both tails, as SciPy's `ndtr`).
    @inlinable
    public static func cumulative(_ z: Double) -> Double { 0.5 * erfc(-z * 0.70710678118654752440) }

    /// φ(z) = exp(−z²/2)/√(2π).
    @inlinable
    public static func density(_ z: Double) -> Double { exp(-0.5 * z * z) * 0.39894228040143267794 }
}

/// Standard-normal draws by the Box–Muller transform (Box & Muller, Ann. Math. Statist. 29, 1958)
/// over ``Xoshiro256``: for each pair, u₁ = 1 − U (in (0, 1], so log u₁ is finite) and u₂ = U,
/// z₁ = √(−2 log u₁) cos 2πu₂, z₂ = √(−2 log u₁) sin 2πu₂, U = ``RandomNumberGenerator/unitDouble()``.
/// Same draws for the same seed on every machine with the same libm (glibc's log, cos, sin are
/// correctly rounded in practice, but not promised to be).
public enum NormalDraws {
    /// Fills `out` with standard-normal draws from `rng`.
    public static func fill(_ out: UnsafeMutableBufferPointer<Double>, _ rng: inout Xoshiro256) {
        var i = 0
        while i < out.count {
            let u1 = 1 - rng.unitDouble(), u2 = rng.unitDouble()
            let r = (-2 * log(u1)).squareRoot(), angle = 2 * Double.pi * u2
            out[i] = r * cos(angle)
            if i + 1 < out.count { out[i + 1] = r * sin(angle) }
            i += 2
        }
    }
}
