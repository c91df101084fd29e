import Foundation
import Testing
import SieveCore
import SieveData
import SieveResolve
import SieveResolveTestSupport
@testable import SievePlan
import SieveTestSupport

/// `features: {magpie: …, matminer: [...]}` from the spec to the loader options and the run identity.
@Suite struct MatminerSpecTests {
    static let flla = Repository.root + "/experiments/data/flla_2015.csv"

    func spec(_ features: String) -> String {
        """
        name: t
        dataset: {path: \(Self.flla), target: formation_energy_per_atom, features: \(features)}
        models: {rf: {kind: random_forest}}
        """
    }

    func problems(_ text: String) -> [String] { TestSpec.problems(text) }

    @Test func familiesReachTheOptionsInOneOrderAndChangeTheFingerprint() throws {
        let listed = try TestSpec.resolved(spec("{magpie: formula, matminer: [ion_property, stoichiometry, valence_orbital]}"))
        let shorthand = try TestSpec.resolved(spec("{magpie: formula, matminer: composition}"))
        let one = try TestSpec.resolved(spec("{magpie: formula, matminer: stoichiometry}"))
        let plain = try TestSpec.resolved(spec("{magpie: formula}"))
        #expect(listed.dataset.options.matminer == [.stoichiometry, .valenceOrbital, .ionProperty])
        #expect(shorthand.dataset.options.matminer == listed.dataset.options.matminer)
        #expect(one.dataset.options.matminer == [.stoichiometry])
        #expect(plain.dataset.options.matminer == [])
        let fingerprints = [listed, one, plain].map { Fingerprint.of($0.dataset.options) }
        #expect(Set(fingerprints).count == 3, "\(fingerprints)")
        #expect(Fingerprint.of(shorthand.dataset.options) == fingerprints[0])
        #expect(!fingerprints[2].contains("matminer"), "a dataset without matminer features keeps its old identity")
    }

    @Test func everyWrongNameIsReportedWhereItIsWritten() {
        let found = problems(spec("{magpie: formula, matminer: [stoichiometri, paper, ion_property, valence]}"))
        #expect(found.count == 3, "\(found)")
        #expect(found.contains { $0.hasPrefix("2:") && $0.contains("'stoichiometri' is not a matminer family Sieve computes. Did you mean 'stoichiometry'?") })
        #expect(found.contains { $0.hasPrefix("2:") && $0.contains("matminer's 'paper' computes structure features, so the dataset needs `structure: <column>`") })
        #expect(found.contains { $0.hasPrefix("2:") && $0.contains("'valence' is not a matminer family") })
        let columns = found.compactMap { Int($0.split(separator: ":")[1]) }
        #expect(Set(columns).count == 3, "each error points at its own name: \(found)")
    }

    @Test func matminerNeedsMagpie() {
        let found = problems(spec("{columns: [nsites], matminer: composition}"))
        #expect(found.count == 1 && found[0].contains("needs `magpie: <formula column>` beside it"), "\(found)")
    }

    @Test func paperIsThe273FeaturesAndStructureFamiliesNeedNoMagpie() throws {
        let paper = try TestSpec.resolved(spec("{magpie: formula, matminer: paper}").replacingOccurrences(of: "features:", with: "structure: structure, features:"))
        #expect(paper.dataset.options.matminer == CompositionFamily.allCases)
        #expect(paper.dataset.options.structure?.matminer == StructureFamily.allCases)
        #expect(132 + paper.dataset.options.matminer.flatMap(\.featureNames).count
                + StructureFamily.allCases.flatMap(\.featureNames).count == 273)
        let structureOnly = try TestSpec.resolved(spec("{columns: [nsites], matminer: [chemical_ordering]}")
            .replacingOccurrences(of: "features:", with: "structure: structure, features:"))
        #expect(structureOnly.dataset.options.structure?.matminer == [.chemicalOrdering])
        #expect(Fingerprint.of(structureOnly.dataset.options).contains(";matminer=chemical_ordering"))
    }

    /// The first 30 rows of flla_2015 and mp-554134 (SnS, a slab with 23 Å between layers, whose Voronoi
    /// cells are unbounded, as in matminer), in a file of their own.
    static func smallFlla() throws -> String {
        var rows: [String] = []
        try CSVReader(path: flla).forEachRecord { line, fields in
            if line == 1 || rows.count <= 30 || fields[0] == "mp-554134" {
                rows.append(fields.map { $0.contains("\n") ? "\"\($0)\"" : String($0) }.joined(separator: ","))
            }
            return true
        }
        let path = TestFiles.temporaryFolder() + "/flla_small.csv"
        try (rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func structureFamiliesAreLoadedAfterEverythingElse() throws {
        var options = DatasetOptions(path: try Self.smallFlla(), target: "formation_energy_per_atom", features: .columns(["nsites"]))
        options.structure = StructureOptions(column: "structure")
        options.structure?.matminer = [.coordinationNumber, .maximumPackingEfficiency]
        do {
            _ = try DatasetLoader().load(options)
            Issue.record("a structure without Voronoi cells must stop the load unless missing: drop_rows")
        } catch {
            #expect("\(error)".contains("flla_small.csv:") && "\(error)".contains("missing: drop_rows"), "\(error)")
        }
        options.missingValues = .dropRows
        let dataset = try DatasetLoader().load(options)
        #expect(dataset.count == 30 && dataset.droppedRows == 1)
        #expect(dataset.featureNames == ["nsites"] + CoordinationNumberFingerprint.featureNames + ["max packing efficiency"])
        for r in 0..<dataset.count {
            #expect(dataset.features[r, 1] >= 1 && dataset.features[r, 2] <= 20, "effective coordination numbers are between 1 and 20")
            #expect(dataset.features[r, 6] > 0 && dataset.features[r, 6] < 1, "a packing efficiency is a fraction")
        }
    }

    @Test func loadedFeaturesFollowMagpiesWithMatminersNames() throws {
        var options = DatasetOptions(path: Self.flla, target: "formation_energy_per_atom", features: .magpie(formulaColumn: "formula"))
        options.matminer = CompositionFamily.allCases
        let dataset = try DatasetLoader().load(options)
        #expect(dataset.featureNames.count == 132 + 13)
        #expect(Array(dataset.featureNames.suffix(13)) == CompositionFamily.allCases.flatMap(\.featureNames))
        // mp-10000, SHf2: 2 elements, fractions 1/3 and 2/3.
        let row = try #require(dataset.formulas?.firstIndex(of: "SHf2"))
        #expect(dataset.features[row, 132] == 2)
        #expect(abs(Double(dataset.features[row, 133]) - (5.0 / 9).squareRoot()) < 1e-6)
    }
}
