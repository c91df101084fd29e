/// XGBoost's regularised second-order objective for one leaf (Chen & Guestrin, KDD 2016, eqs. 5–7,
/// with the L1 term of XGBoost's code, `src/tree/param.h` and `split_evaluator.h` of 1.7.4).
///
/// For a leaf holding gradient sum `G` and hessian sum `H`, with `T(G) = sign(G)·max(|G| − α, 0)`
/// (soft thresholding by `alpha`):
/// - weight: `w = −T(G) / (H + λ)`, or 0 when `H < min_child_weight` or `H ≤ 0`;
/// - score: `T(G)² / (H + λ)`, or 0 when `H ≤ 0` (the loss reduction the leaf buys, times 2).
///
/// A split's loss change is `score(left) + score(right) − score(parent)`; it is made only when the
/// change exceeds 10⁻⁶ and is at least `gamma`, and each child must hold a hessian of at least
/// `min_child_weight`. As in XGBoost's code (not its paper), the change is not halved before it
/// is compared with `gamma`.
struct LeafObjective: Sendable, Equatable {
    var lambda: Double
    var alpha: Double
    var minChildWeight: Double
    var gamma: Double

    /// XGBoost's `kRtEps`: a split must reduce the loss by more than this.
    static let minimumLossChange = 1e-6

    /// `T(G)`: the gradient sum shrunk toward zero by `alpha`.
    @inline(__always)
    func thresholded(_ g: Double) -> Double {
        if g > alpha { return g - alpha }
        if g < -alpha { return g + alpha }
        return 0
    }

    /// The leaf's optimal weight (before the learning rate).
    @inline(__always)
    func weight(gradient g: Double, hessian h: Double) -> Double {
        if h < minChildWeight || h <= 0 { return 0 }
        return -thresholded(g) / (h + lambda)
    }

    /// The leaf's score `T(G)² / (H + λ)`.
    @inline(__always)
    func score(gradient g: Double, hessian h: Double) -> Double {
        if h <= 0 { return 0 }
        let t = thresholded(g)
        return t * t / (h + lambda)
    }

    /// Whether a node may split with this loss change and these child hessians.
    @inline(__always)
    func allowsSplit(lossChange: Double, leftHessian: Double, rightHessian: Double) -> Bool {
        lossChange > Self.minimumLossChange && lossChange >= gamma && leftHessian > 0 && rightHessian > 0
            && leftHessian >= minChildWeight && rightHessian >= minChildWeight
    }
}
