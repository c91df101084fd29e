/// A round's gradients as fixed-point integers packed with a row count, so that a histogram bin
/// is one 64-bit integer and its sums are exact.
///
/// With squared error every hessian is 1, so a (Σ gradient, Σ hessian) pair is a gradient sum
/// and a row count. Row `i` becomes `round(gᵢ · scale) · 2^b + 1`, with `b` bits for the count
/// (enough for every training row) and `scale` the largest that keeps any sum of gradients
/// within the remaining `63 − b` bits. Adding two packed values adds both parts exactly,
/// so histograms, sibling subtraction (`parent − smaller`) and their sums are exact whatever the
/// order of additions, and empty bins stay exactly empty. The split search reads gradient sums
/// to within `count / (2 · scale)` (for 20,000 rows, about 10⁻¹⁰ of the largest gradient:
/// finer than XGBoost's own single-precision gradients, and the same idea as XGBoost 2's
/// quantised GPU histograms). Leaf weights are computed from the exact double-precision
/// gradients of the leaf's rows, not from the packed sums.
struct GradientQuantizer: Sendable {
    /// Bits for the row count.
    let countBits: Int
    /// Multiplies a gradient to give its integer value.
    let scale: Double
    let inverseScale: Double

    /// A quantizer for `rows` rows whose gradients are at most `largest` in magnitude.
    init(rows: Int, largest: Double) {
        precondition(rows >= 1 && rows < 1 << 30, "Gradient packing supports up to 2³⁰ rows, got \(rows).")
        countBits = (Int.bitWidth - rows.leadingZeroBitCount) + 1
        // Any subset's |Σ gᵢ·scale| stays below 2^(62−b), half the signed range of the sum part.
        let limit = Double(sign: .plus, exponent: 62 - countBits, significand: 1)
        scale = largest > 0 && largest.isFinite ? limit / (Double(rows) * largest) : 1
        inverseScale = 1 / scale
    }

    /// Packs each gradient with a count of one.
    func pack(_ gradients: UnsafePointer<Double>, count: Int, into packed: UnsafeMutablePointer<Int64>) {
        let shift = Int64(countBits), scale = self.scale
        for i in 0..<count {
            packed[i] = (Int64((gradients[i] * scale).rounded()) << shift) | 1
        }
    }

    /// The gradient sum of a packed sum.
    @inline(__always)
    func gradient(_ packed: Int64) -> Double { Double(packed >> Int64(countBits)) * inverseScale }

    /// The row count (hessian sum) of a packed sum.
    @inline(__always)
    func count(_ packed: Int64) -> Int { Int(packed & ((1 << Int64(countBits)) - 1)) }
}
