import Foundation
import Testing
import SieveCore
@testable import SieveModels

/// ET-AL's Gaussian process and PCA against scikit-learn 1.9.1 (bench/fixtures/make_gp_fixture.py).
@Suite struct GaussianProcessTests {
    struct Fixture: Decodable {
        struct Fixed: Decodable {
            let c, s, l, noise, lml: Double
            let mean, variance: [Double]
            let c_star, lml_at_c_star: Double
            let gradient_at_c_star: [Double]
        }
        struct Optimum: Decodable { let lml, c, s, l, noise: Double }
        struct Case: Decodable {
            let name: String
            let X: [[Double]]
            let y: [Double]
            let test: [[Double]]
            let fixed: Fixed
            let optimum: Optimum
        }
        struct PCA: Decodable {
            let table, components, scores: [[Double]]
            let explained_variance: [Double]
        }
        let cases: [Case]
        let pca: PCA
    }

    static let fixture: Fixture = {
        let url = URL(fileURLWithPath: Bundle.module.resourcePath! + "/Fixtures/gp_reference.json")
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    @Test(arguments: ["small", "wide"])
    func posteriorMatchesScikitLearnForTheSameHyperparameters(_ name: String) throws {
        let c = Self.fixture.cases.first { $0.name == name }!, f = c.fixed
        let gp = try GaussianProcess(inputs: Matrix(c.X), targets: c.y, hyperparameters: GaussianProcessHyperparameters(
            constant: f.c, outputScale: f.s, lengthScale: f.l, noise: f.noise))
        #expect(abs(gp.logMarginalLikelihood - f.lml) < 1e-8 * Swift.max(1, abs(f.lml)))
        let (mean, variance) = try gp.posterior(at: Matrix(c.test))
        for j in mean.indices {
            #expect(abs(mean[j] - f.mean[j]) < 1e-8, "mean at test point \(j)")
            #expect(abs(variance[j] - f.variance[j]) < 1e-8, "variance at test point \(j)")
        }
    }

    @Test(arguments: ["small", "wide"])
    func profiledLikelihoodAndGradientMatchScikitLearn(_ name: String) throws {
        let c = Self.fixture.cases.first { $0.name == name }!, f = c.fixed
        let e = try MarginalLikelihood(inputs: Matrix(c.X), targets: c.y).evaluate(outputScale: f.s, lengthScale: f.l, noise: f.noise)
        #expect(abs(e.constant - f.c_star) < 1e-8)
        #expect(abs(e.value - f.lml_at_c_star) < 1e-8 * Swift.max(1, abs(f.lml_at_c_star)))
        for k in 0..<3 { #expect(abs(e.gradient[k] - f.gradient_at_c_star[k]) < 1e-7 * Swift.max(1, abs(f.gradient_at_c_star[k])), "∂/∂θ\(k)") }
    }

    /// Central differences of the profiled likelihood, independent of scikit-learn.
    @Test func gradientMatchesFiniteDifferences() throws {
        let c = Self.fixture.cases[0]
        let ml = MarginalLikelihood(inputs: Matrix(c.X), targets: c.y)
        for point in [[0.3, 0.1, -3.0], [1.2, -0.4, -1.0], [-0.5, 0.9, -5.0]] {
            let e = try ml.evaluate(outputScale: exp(point[0]), lengthScale: exp(point[1]), noise: exp(point[2]))
            for k in 0..<3 {
                var up = point, down = point
                up[k] += 1e-5; down[k] -= 1e-5
                let fu = try ml.evaluate(outputScale: exp(up[0]), lengthScale: exp(up[1]), noise: exp(up[2])).value
                let fd = try ml.evaluate(outputScale: exp(down[0]), lengthScale: exp(down[1]), noise: exp(down[2])).value
                #expect(abs((fu - fd) / 2e-5 - e.gradient[k]) < 1e-5 * Swift.max(1, abs(e.gradient[k])), "θ\(k) at \(point)")
            }
        }
    }

    @Test(arguments: ["small", "wide"])
    func fittedLikelihoodReachesScikitLearnsOptimum(_ name: String) throws {
        let c = Self.fixture.cases.first { $0.name == name }!, o = c.optimum
        let gp = try GaussianProcess.fit(inputs: Matrix(c.X), targets: c.y)
        #expect(abs(gp.logMarginalLikelihood - o.lml) < 1e-3, "Sieve \(gp.logMarginalLikelihood) vs scikit-learn \(o.lml)")
        let h = gp.hyperparameters
        #expect(abs(log(h.lengthScale / o.l)) < 0.05 && abs(log(h.noise / o.noise)) < 0.05, "\(h) vs \(o)")
        #expect(gp.fitReport != nil && gp.fitReport!.converged)
        // Deterministic: the same fit twice, and with the starts run on three threads.
        let again = try GaussianProcess.fit(inputs: Matrix(c.X), targets: c.y)
        #expect(again.hyperparameters == h)
        let threaded = try GaussianProcess.fit(inputs: Matrix(c.X), targets: c.y, threads: 3)
        #expect(threaded.hyperparameters == h && threaded.fitReport == gp.fitReport)
    }

    @Test func principalComponentsMatchScikitLearn() throws {
        let p = Self.fixture.pca
        let table = Matrix(p.table.map { $0.map { Float($0) } })
        let pca = try PrincipalComponents(fitting: table, rows: Array(0..<table.rows), count: 4)
        for j in 0..<4 {
            #expect(abs(pca.explainedVariance[j] - p.explained_variance[j]) < 1e-9 * p.explained_variance[j])
            for i in 0..<table.columns { #expect(abs(pca.components[j, i] - p.components[j][i]) < 1e-9, "component \(j), loading \(i)") }
        }
        let scores = pca.transform(table, rows: Array(0..<table.rows))
        for r in 0..<table.rows { for j in 0..<4 { #expect(abs(scores[r, j] - p.scores[r][j]) < 1e-9) } }
    }

    /// Rosenbrock's function: minimum (1, 1); with x ≤ 0.5 the minimum is (0.5, 0.25), value 0.25.
    @Test func boundedLBFGSOnRosenbrock() throws {
        func rosenbrock(_ p: [Double]) -> (value: Double, gradient: [Double]) {
            let (x, y) = (p[0], p[1])
            return ((1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x), [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])
        }
        let free = try BoundedLBFGS().minimize(start: [-1.2, 1], lower: [-5, -5], upper: [5, 5], objective: rosenbrock)
        #expect(abs(free.point[0] - 1) < 1e-5 && abs(free.point[1] - 1) < 1e-5)
        let boxed = try BoundedLBFGS().minimize(start: [-1.2, 1], lower: [-5, -5], upper: [0.5, 5], objective: rosenbrock)
        #expect(abs(boxed.point[0] - 0.5) < 1e-9 && abs(boxed.point[1] - 0.25) < 1e-5 && abs(boxed.value - 0.25) < 1e-8)
    }
}
