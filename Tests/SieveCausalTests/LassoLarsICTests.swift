import Foundation
import Testing
import SieveCore
@testable import SieveCausal

@Suite struct LassoLarsICTests {
    /// The whole LARS-lasso path (every knot's alpha), the noise variance, the BIC along the path and
    /// the chosen coefficients agree with scikit-learn 1.9.1's LassoLarsIC(criterion="bic") on
    /// correlated designs of 25–500 rows, including ones where a variable leaves the path.
    @Test func matchesScikitLearn() throws {
        let reference = try Support.json("lasso_reference.json")
        for (k, c) in (reference["cases"] as! [[String: Any]]).enumerated() {
            let rows = Support.matrix(c["x"])
            let x = ColumnMatrix(Matrix(rows))
            let fit = try LassoLarsIC.select(x, Support.doubles(c["y"]), target: 0)
            let alphas = Support.doubles(c["alphas"])
            #expect(fit.alphas.count == alphas.count, "case \(k): \(fit.alphas.count) knots, scikit-learn \(alphas.count)")
            #expect(Support.maxAbsDifference(fit.alphas, alphas) <= 1e-9 * alphas[0], "case \(k)")
            let noise = (c["noise_variance"] as! NSNumber).doubleValue
            #expect(abs(fit.noiseVariance - noise) <= 1e-9 * noise, "case \(k)")
            #expect(Support.maxAbsDifference(fit.criterion, Support.doubles(c["criterion"])) <= 1e-7, "case \(k)")
            #expect(Support.maxAbsDifference(fit.coefficients, Support.doubles(c["coef"])) <= 1e-9, "case \(k)")
        }
    }

    @Test func aLassoPathWithADropIsAmongTheCases() throws {
        // A knot count above the number of variables + 1 means some variable left and re-entered.
        let reference = try Support.json("lasso_reference.json")
        let cases = reference["cases"] as! [[String: Any]]
        let drops = cases.filter { Support.doubles($0["alphas"]).count > Support.matrix($0["x"])[0].count + 1 }
        #expect(!drops.isEmpty)
    }

    @Test func tooFewRowsIsASentence() {
        let x = ColumnMatrix(rows: 3, columns: 2, storage: [1, 2, 3, 4, 5, 7])
        #expect(throws: CausalDiscoveryError.tooFewRowsForLasso(rows: 3, predictors: 2, target: 4)) {
            _ = try LassoLarsIC.fit(x, [1, 2, 3], target: 4)
        }
    }

    /// Minimum-norm least squares: a duplicated column shares the coefficient equally, as LAPACK's gelsd does.
    @Test func leastSquaresIsMinimumNormOnCollinearColumns() {
        let a = ColumnMatrix(rows: 4, columns: 3, storage: [1, 2, 3, 5, 1, 2, 3, 5, 0, 1, 0, 2])
        let b = [2.0, 5, 6, 12]
        let (x, rank) = LeastSquares.solve(a, b)
        #expect(rank == 2)
        #expect(abs(x[0] - x[1]) < 1e-12)
        // Residual orthogonal to the column space.
        var r = b
        for i in 0..<4 { for j in 0..<3 { r[i] -= a[i, j] * x[j] } }
        for j in [0, 2] { #expect(abs((0..<4).reduce(0.0) { $0 + a[$1, j] * r[$1] }) < 1e-10) }
    }
}
