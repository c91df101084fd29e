/// The adaptive lasso that prunes DirectLiNGAM's regressions (Zou, "The adaptive lasso and its oracle
/// properties", JASA 101, 1418–1429, 2006), as lingam 1.13.0's `predict_adaptive_lasso` does it.
///
/// On the standardised data: OLS weights `w = |β_OLS|` (γ = 1), then ``LassoLarsIC`` (BIC) of the
/// target on the predictors multiplied by w; the predictors with a non-zero `coef · w` survive, and
/// their coefficients are the least-squares fit (with intercept) of the raw target on the raw
/// surviving predictors. So B is on the data's own scale.
enum AdaptiveLasso {
    /// One coefficient per predictor (zero for the pruned ones).
    static func coefficients(_ x: ColumnMatrix, standardised: ColumnMatrix, predictors: [Int], target: Int) throws -> [Double] {
        let zPredictors = standardised.selectingColumns(predictors)
        let zTarget = standardised.column(target)
        let weights = LinearModel.fit(zPredictors, zTarget).coefficients.map { abs($0) }
        var weighted = zPredictors
        let n = x.rows
        for (k, w) in weights.enumerated() {
            for i in 0..<n { weighted.storage[k * n + i] *= w }
        }
        let lasso = try LassoLarsIC.fit(weighted, zTarget, target: target)
        let kept = predictors.indices.filter { abs(lasso[$0] * weights[$0]) > 0 }
        var out = [Double](repeating: 0, count: predictors.count)
        guard !kept.isEmpty else { return out }
        let refit = LinearModel.fit(x.selectingColumns(kept.map { predictors[$0] }), x.column(target))
        for (k, position) in kept.enumerated() { out[position] = refit.coefficients[k] }
        return out
    }
}
