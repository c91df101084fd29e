import Testing
@testable import SieveCore

@Suite struct NumericsTests {
    @Test func metricsByHand() {
        let m = RegressionMetrics(predicted: [1, 2, 4], actual: [1, 3, 3])
        #expect(abs(m.rmse - (2.0 / 3).squareRoot()) < 1e-15)
        #expect(abs(m.mae - 2.0 / 3) < 1e-15)
        // SS_tot = (1 - 7/3)² + 2 (3 - 7/3)² = 16/9 + 8/9 = 24/9; SS_res = 2.
        #expect(abs(m.r2 - (1 - 2 / (24.0 / 9))) < 1e-15)
        #expect(m.count == 3)
        #expect(RegressionMetrics(predicted: [1, 1], actual: [2, 2]).r2.isNaN)
    }

    @Test func summaryUsesTheSampleStandardDeviation() {
        let s = Summary([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(s.mean == 5)
        #expect(abs(s.std - (32.0 / 7).squareRoot()) < 1e-12)
        #expect(Summary([3]).std == 0)
    }

    @Test func quantilesInterpolateLikeNumPy() {
        // numpy.percentile([1, 2, 3, 4, 10], [5, 50, 95]) = [1.2, 3.0, 8.8]
        let v: [Double] = [10, 1, 3, 2, 4]
        #expect(abs(Summary.quantile(v, 0.05) - 1.2) < 1e-12)
        #expect(Summary.quantile(v, 0.5) == 3)
        #expect(abs(Summary.quantile(v, 0.95) - 8.8) < 1e-12)
    }

    @Test func numberText() {
        #expect(NumberText.fixed(0.30712, 3) == "0.307")
        #expect(NumberText.fixed(-0.0004, 3) == "0.000")
        #expect(NumberText.fixed(-1.25, 1) == "-1.3")
        #expect(NumberText.fixed(12, 0) == "12")
        #expect(NumberText.fixed(0.05, 4) == "0.0500")
        #expect(NumberText.trimmed(7.000000000000001) == "7")
        #expect(NumberText.trimmed(0.5) == "0.5")
        #expect(NumberText.exact(3) == "3")
        #expect(NumberText.exact(0.1) == "0.1")
        #expect(Double(NumberText.exact(0.1 + 0.2)) == 0.1 + 0.2)
        #expect(NumberText.exactFraction(1.0) == "1")
        #expect(NumberText.significant(0.000123456, 3) == "0.000123")
    }

    @Test func matrixGathersAndStacksRows() {
        let m = Matrix<Float>([[1, 2], [3, 4], [5, 6]])
        #expect(m.gatheringRows([2, 0]) == Matrix([[5, 6], [1, 2]]))
        #expect(m.appendingRows(of: Matrix([[7, 8]])).row(3) == [7, 8])
        #expect(m.column(1) == [2, 4, 6])
    }

    @Test func suggestionsForTypos() {
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.suggestion(for: "random_forrest", among: ["random_forest", "xgboost"]) == "random_forest")
        #expect(EditDistance.suggestion(for: "banana", among: ["random_forest", "xgboost"]) == nil)
    }

    @Test func pathsResolveAgainstTheSpecFolder() {
        #expect(PathText.resolve("data/x.csv", against: "experiments") == "experiments/data/x.csv")
        #expect(PathText.resolve("../results/q", against: "experiments") == "results/q")
        #expect(PathText.resolve("/abs/x", against: "experiments") == "/abs/x")
        #expect(PathText.resolve("x.csv", against: ".") == "x.csv")
        #expect(PathText.normalize("a/./b/../../..") == "..")
        #expect(PathText.directory(of: "a/b/c.yaml") == "a/b")
        #expect(PathText.directory(of: "c.yaml") == ".")
    }

    @Test func diagnosticsPointAtTheColumn() {
        let source = SourceText(path: "s.yaml", text: "a: 1\n  kind: forrest\n")
        let d = source.error(at: SourceLocation(path: "s.yaml", line: 2, column: 9), "Unknown kind.")
        #expect(d.description == "s.yaml:2:9: error: Unknown kind.\n  kind: forrest\n        ^")
    }
}
