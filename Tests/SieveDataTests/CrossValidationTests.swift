import Foundation
import SieveCore
import Testing
@testable import SieveData

@Suite struct CrossValidationTests {
    static let folds = Bundle.module.resourcePath! + "/Fixtures/folds"

    /// Fold (1-based) of each row, as scikit-learn 1.9.1 wrote it (scripts/prepare_matbench.py folds).
    static func reference(_ name: String) throws -> [Int] {
        try String(contentsOfFile: "\(folds)/\(name).csv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { Int($0.split(separator: ",")[1])! }
    }

    static func assignment(_ folds: [Fold], rows: Int) -> [Int] {
        var fold = [Int](repeating: 0, count: rows)
        for (k, f) in folds.enumerated() { for row in f.test { fold[row] = k + 1 } }
        return fold
    }

    @Test func mersenneTwisterGivesNumpysFirstOutputs() {
        // numpy.random.RandomState(5489).randint(0, 2**32, 3, dtype=np.uint64): MT19937's reference stream.
        var rng = MersenneTwister(seed: 5489)
        #expect([rng.nextUInt32(), rng.nextUInt32(), rng.nextUInt32()] == [3_499_211_612, 581_869_302, 3_890_346_734])
    }

    @Test(arguments: [("matbench_expt_gap", 4604, 5, UInt32(18_012_019)), ("matbench_steels", 312, 5, 18_012_019),
                      ("n12_k5_seed0", 12, 5, 0), ("n1000_k10_seed42", 1000, 10, 42), ("n7_k7_seedmax", 7, 7, UInt32.max),
                      ("n5000_k3_seed1", 5000, 3, 1)])
    func kFoldEqualsScikitLearn(name: String, rows: Int, folds: Int, seed: UInt32) throws {
        let cut = CrossValidation.kFold(Array(0..<rows), folds: folds, seed: seed)
        #expect(Self.assignment(cut, rows: rows) == (try Self.reference(name)), "\(name)")
        // Every row tested exactly once; train is the complement.
        #expect(cut.flatMap(\.test).sorted() == Array(0..<rows))
        for fold in cut {
            #expect(Set(fold.test).isDisjoint(with: fold.train) && fold.test.count + fold.train.count == rows)
            #expect(abs(fold.test.count - rows / folds) <= 1)
        }
    }

    /// The canonical text is part of every run's identity: changing it would rerun every study.
    @Test func canonicalTextsAreStable() {
        #expect(FoldRule.matbench.canonical == "kfold(folds=5,seed=18012019)")
        #expect(FoldRule.grouped(.clusters(count: 10, seed: 0), folds: nil, seed: 0).canonical == "grouped(cluster(k=10,seed=0),folds=each,seed=0)")
        #expect(FoldRule.grouped(.chemicalSystem, folds: 5, seed: 0).canonical == "grouped(chemical_system,folds=5,seed=0)")
        #expect(FoldRule.grouped(.datasetGroup, folds: nil, seed: 0).canonical == "grouped(group,folds=each,seed=0)")
        #expect(FoldRule.elements(["O", "F"], minCompounds: 1).canonical == "elements(O,F,min=1)")
        #expect(FoldRule.grouped(.clusters(count: 10, seed: 0), folds: nil, seed: 0).summary == "leave-one-cluster-out (10 k-means clusters of the standardised features, seed 0)")
    }

    @Test func matbenchRuleIsScikitLearnsKFoldWithMatbenchsSeed() throws {
        #expect(FoldRule.matbench == .random(folds: 5, seed: 18_012_019))
        #expect(FoldRule.matbench.testSetName == "id")
        // Rows other than 0..<n (after OOD rules) keep their own numbers, cut by position.
        let rows = Array(stride(from: 3, to: 3 + 2 * 312, by: 2))
        let cut = CrossValidation.kFold(rows, folds: 5, seed: 18_012_019)
        let expected = try Self.reference("matbench_steels")
        for (k, fold) in cut.enumerated() {
            #expect(fold.test == rows.indices.filter { expected[$0] == k + 1 }.map { rows[$0] })
        }
    }

    static func dataset(_ formulas: [String], groups: [String]? = nil) throws -> Dataset {
        let parser = FormulaParser()
        let features = Matrix<Float>(rows: formulas.count, columns: 2,
                                     storage: formulas.indices.flatMap { [Float($0 % 7), Float($0 % 3)] })
        var data = Dataset(path: "t.csv", sha256: "", featureNames: ["a", "b"], features: features,
                           targets: formulas.indices.map(Double.init), lines: formulas.indices.map { $0 + 2 },
                           formulas: formulas, compositions: try formulas.map(parser.parse))
        data.groups = groups
        return data
    }

    @Test func groupedFoldsNeverSplitAGroup() throws {
        let formulas = ["Fe2O3", "FeO", "Fe3O4", "NaCl", "Na2O", "NaClO3", "Cu", "CuO", "Cu2O", "Al2O3", "AlN", "MgO",
                        "MgAl2O4", "SiO2", "Si", "TiO2", "Ti", "ZnO", "ZnS", "GaAs"]
        let data = try Self.dataset(formulas)
        let rows = Array(0..<formulas.count)
        for rule in [FoldRule.grouped(.chemicalSystem, folds: nil, seed: 0), .grouped(.chemicalSystem, folds: 4, seed: 3)] {
            let cut = try CrossValidation(rule).folds(of: rows, in: data, minimumTrainRows: 1)
            #expect(cut.flatMap(\.test).sorted() == rows, "\(rule.summary): every row tested once")
            let system = rows.map { data.compositions![$0].elements.sorted().joined(separator: "-") }
            for fold in cut {
                let inTest = Set(fold.test.map { system[$0] })
                #expect(inTest.isDisjoint(with: fold.train.map { system[$0] }), "\(rule.summary): fold \(fold.name) splits a system")
            }
        }
        let leaveOneOut = try CrossValidation(.grouped(.chemicalSystem, folds: nil, seed: 0)).folds(of: rows, in: data, minimumTrainRows: 1)
        #expect(leaveOneOut.first { $0.name == "Fe-O" }?.test == [0, 1, 2])
        let dealt = try CrossValidation(.grouped(.chemicalSystem, folds: 4, seed: 3)).folds(of: rows, in: data, minimumTrainRows: 1)
        #expect(dealt.map(\.name) == ["1", "2", "3", "4"])
        #expect(dealt.map(\.test.count).max()! - dealt.map(\.test.count).min()! <= 3)
    }

    @Test func leaveOneElementOutTestsEveryCompoundWithTheElement() throws {
        let data = try Self.dataset(["Fe2O3", "FeO", "NaCl", "Na2O", "Cu", "CuO", "MgO", "Si"])
        let rows = Array(0..<8)
        let cut = try CrossValidation(.elements(["O", "Na"], minCompounds: 0)).folds(of: rows, in: data, minimumTrainRows: 1)
        #expect(cut.map(\.name) == ["O", "Na"])
        #expect(cut[0].test == [0, 1, 3, 5, 6] && cut[0].train == [2, 4, 7])
        #expect(cut[1].test == [2, 3])
        let frequent = try CrossValidation(.elements([], minCompounds: 2)).folds(of: rows, in: data, minimumTrainRows: 1)
        #expect(frequent.map(\.name) == ["Cu", "Fe", "Na", "O"])
        #expect(throws: FoldProblem.self) {
            try CrossValidation(.elements(["Xe"], minCompounds: 0)).folds(of: rows, in: data, minimumTrainRows: 1)
        }
        #expect(throws: FoldProblem.self, "O is in 5 of 8 rows, leaving 3 to train on") {
            try CrossValidation(.elements(["O"], minCompounds: 0)).folds(of: rows, in: data, minimumTrainRows: 4)
        }
    }

    @Test func datasetGroupsAndClustersAreHeldOutWhole() throws {
        let formulas = (0..<60).map { _ in "NaCl" }
        let groups = (0..<60).map { ["cubic", "hexagonal", "tetragonal"][$0 % 3] }
        let data = try Self.dataset(formulas, groups: groups)
        let rows = Array(0..<60)
        let byGroup = try CrossValidation(.grouped(.datasetGroup, folds: nil, seed: 0)).folds(of: rows, in: data)
        #expect(byGroup.map(\.name) == ["cubic", "hexagonal", "tetragonal"])
        #expect(byGroup[1].test == rows.filter { $0 % 3 == 1 })
        let clusters = try CrossValidation(.grouped(.clusters(count: 4, seed: 1), folds: nil, seed: 0)).folds(of: rows, in: data)
        #expect(clusters.count == 4 && clusters.flatMap(\.test).sorted() == rows)
        #expect(try CrossValidation(.grouped(.clusters(count: 4, seed: 1), folds: nil, seed: 0)).folds(of: rows, in: data) == clusters,
                "the same seed gives the same clusters")
        #expect(throws: FoldProblem.self) {
            try CrossValidation(.grouped(.datasetGroup, folds: nil, seed: 0)).folds(of: rows, in: try Self.dataset(formulas))
        }
    }
}
