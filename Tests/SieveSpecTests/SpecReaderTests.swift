import Testing
import SieveCore
@testable import SieveSpec

@Suite struct SpecReaderTests {
    static let good = """
        name: demo
        dataset:
          path: data/x.csv
          target: y
          features: {magpie: formula}
          units: eV/atom
        splits:
          id_test: {fraction: 0.2, seed: 3}
          ood:
            - name: other
              dataset: {path: ../other.csv, target: y, features: {magpie: formula}}
              drop_overlap: formula
            - name: big
              where: {elements: {min: 5}, contains: [F, Cl], target: {max: 2.5}}
        models:
          rf: {kind: random_forest, trees: 10}
          xgb: {kind: xgboost}
        train_sizes: [0.1, 0.5, 1.0, 200]
        seeds: 3
        output: ../results/demo
        """

    /// Every problem in `text`, as "line:col: message".
    func problems(_ text: String) -> [String] {
        SpecReader.parse(text: text, path: "specs/t.yaml").diagnostics.map {
            "\($0.location!.line):\($0.location!.column): \($0.message)"
        }
    }

    @Test func readsACompleteSpec() throws {
        let spec = try SpecReader.read(text: Self.good, path: "experiments/demo.yaml")
        #expect(spec.name == "demo")
        #expect(spec.dataset.path.value == "experiments/data/x.csv")
        #expect(spec.dataset.path.location == SourceLocation(path: "experiments/demo.yaml", line: 3, column: 9))
        #expect(spec.dataset.features == .magpie(formulaColumn: Located("formula", at: .init(path: "experiments/demo.yaml", line: 5, column: 22))))
        #expect(spec.dataset.units == "eV/atom")
        #expect(spec.splits.idTestFraction.value == 0.2 && spec.splits.idTestSeed == 3)
        #expect(spec.splits.ood.map(\.name.value) == ["other", "big"])
        if case let .dataset(other, dropOverlap) = spec.splits.ood[0].source {
            #expect(other.path.value == "other.csv" && dropOverlap)
        } else { Issue.record("the first OOD set reads another dataset") }
        if case let .filter(rule) = spec.splits.ood[1].source {
            #expect(rule.minElements == 5 && rule.containsAny == ["F", "Cl"] && rule.maxTarget == 2.5)
        } else { Issue.record("the second OOD set is a rule") }
        #expect(spec.models.map(\.name.value) == ["rf", "xgb"])
        #expect(spec.models[0].parameters.map(\.key.value) == ["trees"])
        #expect(spec.trainSizes.map(\.value) == [.fraction(0.1), .fraction(0.5), .fraction(1.0), .count(200)])
        #expect(spec.seeds == [0, 1, 2])
        #expect(spec.output.value == "results/demo")
    }

    @Test func everyProblemIsReportedAtOnceWithItsLocation() {
        let text = """
            name: bad
            dataset:
              path: data/x.csv
              target: y
              colour: blue
            splits:
              id_test: {fraction: 1.5}
            models:
              rf: {trees: 10}
              xgb: {kind: xgboost}
            train_sizes: [0.01, 2.0, 1, 0.01]
            seeds: [1, 1]
            extra: true
            """
        #expect(problems(text) == [
            "5:3: The dataset has no setting 'colour'. It takes: path, target, features, formula, missing, units, keep_rows, duplicates, sample, structure, group.",
            "7:23: splits.id_test.fraction 1.5 is outside (0, 1): the ID test set needs some rows and must leave a pool.",
            "9:7: The model 'rf' needs a `kind`, such as random_forest or xgboost.",
            "11:21: The training fraction 2.0 is outside (0, 1]; write a fraction of the pool, or an integer row count.",
            "11:26: The training size 1 is too small: a count needs at least 2 rows (write 1.0 for the whole pool).",
            "11:29: The training size 0.01 is listed twice (first at line 11).",
            "12:12: The seed 1 is listed twice.",
            "13:1: The spec has no setting 'extra'. It takes: name, description, dataset, splits, models, train_sizes, seeds, selection, metric, evaluate_unused, redundancy, explain, max_runs, output.",
        ])
    }

    @Test func typosGetSuggestions() {
        let text = """
            name: t
            datset: {path: x.csv, target: y}
            models: {rf: {kind: random_forest}}
            """
        #expect(problems(text) == [
            "1:1: The spec needs `dataset`: the CSV file to learn from (path, target, features).",
            "2:1: The spec has no setting 'datset'. Did you mean 'dataset'?",
        ])
    }

    /// YAML itself forbids repeated keys, and the YAML library rejects the document there.
    @Test func repeatedKeysAreLocated() {
        #expect(problems("name: t\nmodels:\n  rf: {kind: xgboost}\n  rf: {kind: random_forest}\n")
                == ["3:3: The key 'rf' appears more than once in this mapping."])
    }

    @Test func yamlSyntaxErrorsAreLocated() {
        let found = problems("name: t\ndataset: {path: x.csv\nmodels: {}\n")
        #expect(found.count == 1)
        #expect(found[0].hasPrefix("3:7: The spec is not valid YAML"), "\(found)")
    }

    @Test func ruleAndTestSetProblems() {
        let text = """
            name: t
            dataset: {path: x.csv, target: y, features: {magpie: formula}}
            splits:
              ood:
                - name: a
                  where: {elements: {min: 6, max: 2}, contains: [Xx]}
                - name: a
                  where: {}
                - name: id
                  dataset: {path: y.csv, target: y}
                  where: {target: {min: 1}}
                - {name: c}
            models: {rf: {kind: random_forest}}
            """
        #expect(problems(text) == [
            "6:25: where.elements has min 6 above max 2, so no row could match.",
            "6:54: 'Xx' is not an element symbol. Did you mean 'Xe'?",
            "7:13: The test set name 'a' is used twice (first at line 5).",
            "8:14: The `where` rule of 'a' is empty; give `elements`, `contains`, `group` or `target`.",
            "9:7: The test set 'id' gives both `dataset` and `where`; give one.",
            "9:13: The test set name 'id' must use only letters, digits, '-', '_' and '.', and not be one of id, pool, unused, held_out.",
            "12:7: The test set 'c' needs `dataset` (rows from another file) or `where` (rows of the main dataset matching a rule).",
        ])
    }

    @Test func wrongTypesSayWhatWasExpected() {
        let text = """
            name: [a, b]
            dataset: {path: x.csv, target: 3}
            models: {rf: {kind: random_forest}}
            seeds: many
            train_sizes: 0.5
            """
        #expect(problems(text) == [
            "1:7: name must be non-empty text, not a list.",
            "2:32: dataset.target must be non-empty text, not an integer.",
            "4:8: seeds must be a count (e.g. 5, meaning seeds 0–4) or a non-empty list of integers.",
            "5:14: train_sizes must be a non-empty list of fractions of the pool (0 < f ≤ 1) or row counts.",
        ])
    }
}
