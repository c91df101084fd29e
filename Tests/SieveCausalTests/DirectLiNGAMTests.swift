import Foundation
import Testing
import SieveCore
@testable import SieveCausal

@Suite struct DirectLiNGAMTests {
    struct Case: CustomStringConvertible {
        let name: String
        let data: Matrix<Double>
        let prior: PriorKnowledge?
        let order: [Int]
        let adjacency: [Double]
        let degenerate: Bool
        var description: String { name }
    }

    static func cases() throws -> [Case] {
        let reference = try Support.json("lingam_reference.json")
        let columns = (reference["columns"] as! [Any]).map { $0 as! String }
        let synthetic = try Support.csv(Support.fixtures + "/lingam_synthetic.csv").matrix
        return try (reference["cases"] as! [[String: Any]]).map { c in
            let data: Matrix<Double>
            if c["source"] as! String == "synthetic" {
                data = synthetic
            } else {
                data = try Support.qm9(columns: columns, rows: Support.ints(c["rows"]))
            }
            var prior: PriorKnowledge?
            if let sinks = c["sinks"] {
                prior = try PriorKnowledge(variables: data.columns, exogenous: Support.ints(c["exogenous"]), sinks: Support.ints(sinks))
            }
            return Case(name: c["name"] as! String, data: data, prior: prior, order: Support.ints(c["order"]),
                        adjacency: Support.matrix(c["adjacency"]).flatMap { $0 }, degenerate: c["degenerate"] as? Bool ?? false)
        }
    }

    /// Same causal order and B to 1e-6 as lingam 1.13.0 on every well-posed case: synthetic LiNGAM
    /// data with and without prior knowledge, 3,000 QM9 rows, and random QM9 subsets of 21–801 rows.
    @Test func matchesLingamOnWellPosedData() throws {
        var checked = 0
        for c in try Self.cases() where !c.degenerate {
            let graph = try DirectLiNGAM(priorKnowledge: c.prior).fit(c.data)
            #expect(graph.causalOrder == c.order, "\(c.name)")
            let difference = Support.maxAbsDifference(graph.adjacency, c.adjacency)
            #expect(difference <= 1e-6, "\(c.name): max |ΔB| = \(difference)")
            checked += 1
        }
        #expect(checked >= 20)
    }

    /// Exactly collinear or constant columns (a 21-row set without fluorine has NOCount ≡ NumHeteroatoms):
    /// lingam's answer turns on rounding there; Sieve's must be finite, acyclic and the same for any thread count.
    @Test func degenerateSubsetsGiveAFiniteDeterministicGraph() throws {
        let degenerate = try Self.cases().filter(\.degenerate)
        #expect(!degenerate.isEmpty)
        for c in degenerate {
            let one = try DirectLiNGAM(priorKnowledge: c.prior).fit(c.data, threads: 1)
            let two = try DirectLiNGAM(priorKnowledge: c.prior).fit(c.data, threads: 2)
            #expect(one == two, "\(c.name)")
            #expect(one.adjacency.allSatisfy { $0.isFinite }, "\(c.name)")
            #expect(one.causalOrder.last == 9, "\(c.name): the sink must come last")
            let again = try CausalGraph(adjacency: one.adjacency, variables: one.variables)
            #expect(again.variables == 10)
        }
    }

    @Test func threadCountDoesNotChangeTheResult() throws {
        let rows = Array(0..<2000)
        let data = try Support.qm9(columns: ["ExactMolWt", "TPSA", "MolLogP", "MolMR", "NOCount", "dipole"], rows: rows)
        let one = try DirectLiNGAM().fit(data, threads: 1)
        let two = try DirectLiNGAM().fit(data, threads: 2)
        let four = try DirectLiNGAM().fit(data, threads: 4)
        #expect(one == two && two == four)
    }

    @Test func sinkComesLastAndCausesNothing() throws {
        let data = try Support.qm9(columns: ["ExactMolWt", "TPSA", "MolLogP", "MolMR", "dipole"], rows: Array(0..<1500))
        let graph = try DirectLiNGAM(priorKnowledge: PriorKnowledge(variables: 5, sinks: [0])).fit(data)
        #expect(graph.causalOrder.last == 0)
        for i in 0..<5 { #expect(graph.effect(on: i, from: 0) == 0) }
    }

    @Test func rejectsNonFiniteDataWithItsPosition() throws {
        var data = Matrix<Double>([[1, 2], [3, 4], [5, 7]])
        data[2, 1] = .nan
        do {
            _ = try DirectLiNGAM().fit(data)
            Issue.record("NaN data must be rejected")
        } catch let error as CausalDiscoveryError {
            #expect(error.description == "The data hold nan at row 3, column 2; causal discovery needs finite numbers.")
        }
    }
}
