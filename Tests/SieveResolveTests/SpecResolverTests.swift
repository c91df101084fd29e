import Testing
import SieveCore
import SieveResolve
import SieveResolveTestSupport
import SieveSelection
import SieveTestSupport

/// The resolver's checks of a spec (`sieve validate` without the data): each problem located
/// where it is written. (Named SpecCheckerTests until issue 24, after a type the resolver replaced.)
@Suite struct SpecResolverTests {
    func problems(_ text: String) -> [String] { TestSpec.problems(text) }

    @Test func modelKindsAndParametersAreChecked() {
        let text = """
            name: t
            dataset: {path: \(Repository.mpSample), target: target, features: {magpie: formula}}
            models:
              rf: {kind: random_forrest, trees: 100}
              xgb: {kind: xgboost, rounds: -3, learning_rat: 0.1, subsample: 0}
              f2: {kind: random_forest, max_features: 1.5, trees: many}
              f3: {kind: svm}
              knn: {kind: command, command: "python3 models/knn.py --k 5"}
            """
        #expect(problems(text) == [
            "4:14: Unknown model kind 'random_forrest'. Did you mean 'random_forest'?",
            "5:32: In the model 'xgb': rounds must be between 1 and 100,000 (boosting rounds; each adds a tree), got -3.",
            "5:36: The xgboost model 'xgb' has no parameter 'learning_rat'. Did you mean 'learning_rate'?",
            "5:66: In the model 'xgb': subsample must be in (0, 1], got 0.0.",
            "6:43: In the model 'f2': max_features as a fraction must be in (0, 1], got 1.5.",
            "6:55: trees must be an integer, not text ('many').",
            "7:14: Unknown model kind 'svm'. The kinds are: random_forest, xgboost, gradient_boosting, ridge, command, mean.",
            "8:33: command is a list of words, run without a shell: write [python3, models/knn.py, --k, 5], not one string.",
        ])
    }

    /// Every size-like setting has a range checked at validate time, located, with the bound in
    /// the message: `rounds: 1000000000` passed and grew without end, `draws: 100000000` crashed.
    @Test func sizeLikeSettingsHaveRangesAtValidate() {
        let text = """
            name: t
            dataset: {path: \(Repository.mpSample), target: target, features: {magpie: formula}, group: formula, sample: 100000000000}
            models:
              gb: {kind: gradient_boosting, rounds: 1000000000, num_parallel_tree: 5000}
              xgb: {kind: xgboost, rounds: 200000, max_depth: 100, max_bin: 1000000, early_stopping: {validation_fraction: 0.1, rounds: 1000000}}
              rf: {kind: random_forest, trees: 1000000, max_depth: 65, max_features: 1000000}
              ridge: {kind: ridge, folds: 1000, alpha: []}
            train_sizes: [0.5, 1000000000]
            seeds: 99999999999999999999
            etal:
              unlabelled: {rows: 0.5, first: [{target: {min: 2, max: 1}}]}
              draws: 100000000
              iterations: 10000000
              representation: {pca: 100000}
              evaluate: [rf]
            """
        #expect(problems(text) == [
            "2:\(SpecText.column(of: "100000000000}", line: 2, in: text)): dataset.sample must be between 1 and 100,000,000 (a number of rows), got 100000000000.",
            "4:41: In the model 'gb': rounds must be between 1 and 100,000 (boosting rounds; each adds a tree), got 1000000000.",
            "4:72: In the model 'gb': num_parallel_tree must be between 1 and 1,000 (trees per round), got 5000.",
            "5:32: In the model 'xgb': rounds must be between 1 and 100,000 (boosting rounds; each adds a tree), got 200000.",
            "5:51: In the model 'xgb': max_depth must be between 1 and 64, got 100.",
            "5:65: In the model 'xgb': max_bin must be between 2 and 65,536 (histogram bins per feature), got 1000000.",
            "5:90: In the model 'xgb': early_stopping.rounds must be between 1 and 100,000 (rounds without improvement), got 1000000.",
            "6:36: In the model 'rf': trees must be between 1 and 100,000, got 1000000.",
            "6:56: In the model 'rf': max_depth must be between 1 and 64 (or null for no limit), got 65.",
            "6:74: In the model 'rf': max_features as a count must be between 1 and 100,000, got 1000000.",
            "7:31: In the model 'ridge': folds must be between 2 and 100 (cross-validation folds), got 1000.",
            "7:44: alpha needs at least one penalty, e.g. 1.0 or [0.1, 1, 10].",
            "8:20: The training size 1000000000 is too large: a count is at most 100,000,000 rows (write 1.0 for the whole pool).",
            "9:8: seeds is 99999999999999999999, which is too large: integers in a spec must be between -9223372036854775808 and 9223372036854775807.",
            "11:44: etal.unlabelled.first.target has min 2.0 above max 1.0, so no row could match.",
            "12:10: etal.draws must be between 1 and 100,000 (posterior samples per unlabelled row; the paper uses 1,000), got 100000000.",
            "13:15: etal.iterations must be between 1 and 1,000,000 (acquisitions, one row each), got 10000000.",
            "14:25: etal.representation.pca must be between 1 and 10,000 (principal components), got 100000.",
        ])
    }

    /// The campaign kinds' counts have ranges too.
    @Test func campaignCountsHaveRangesAtValidate() {
        let text = """
            name: t
            dataset: {path: \(Repository.mpSample), target: target, features: {magpie: formula}}
            models: {rf: {kind: random_forest}}
            selection:
              prune: [{guide: rf, min_remaining: 1000000000}]
            active_learning: {strategies: [qbc], stop: 1000000000, evaluate: [rf], qbc: {members: [rf], bootstrap: 5000}}
            causal: {variables: [a, b], subsets: {gmm: 5000, on: [a]}, iterations: 1000000000, bootstrap: 1000000000, evaluate: rf}
            explain: {repeats: 100000}
            """
        #expect(problems(text).map { String($0.drop { $0 != " " }.dropFirst()) } == [
            "min_remaining must be between 2 and 100,000,000 (rows left when pruning stops), got 1000000000.",
            "active_learning.stop must be a fraction of the pool (0 < f ≤ 1) or a row count from 1 to 100,000,000, not '1000000000'.",
            "qbc.bootstrap must be between 2 and 1,000 (bootstrapped committee members), got 5000.",
            "causal.subsets.gmm must be between 2 and 1,000 (Gaussian-mixture components), got 5000.",
            "causal.iterations must be between 1 and 100,000 (iterations of the loop), got 1000000000.",
            "causal.bootstrap must be between 1 and 100,000 (bootstrap resamples of the causal graph), got 1000000000.",
            "explain.repeats must be between 1 and 10,000 (shuffles per feature), got 100000.",
        ])
    }

    /// `causal.graph.min_probability` is a share in [0, 1], its mapping a closed vocabulary; it is a
    /// report setting, so it leaves every causal campaign's fingerprint (and so its id) as it was.
    @Test func causalGraphThresholdIsCheckedAndReportOnly() throws {
        func spec(_ graph: String) -> String {
            """
            name: t
            dataset: {path: \(Repository.mpSample), target: target, features: {magpie: formula}}
            models: {rf: {kind: random_forest}}
            causal: {variables: [a, b], subsets: {gmm: 2, on: [a]}, evaluate: rf\(graph)}
            """
        }
        #expect(problems(spec(", graph: {min_probability: 1.5}")).map { String($0.drop { $0 != " " }.dropFirst()) } == [
            "causal.graph.min_probability is the share of bootstrap resamples an edge needs to be drawn, between 0 and 1; got 1.5."])
        let misspelt = problems(spec(", graph: {min_probabilty: 0.5}"))
        #expect(misspelt.count == 1 && misspelt[0].hasSuffix("causal.graph has no setting 'min_probabilty'. Did you mean 'min_probability'?"), "\(misspelt)")
        let nested = problems(spec(", grap: {min_probability: 0.5}"))
        #expect(nested.count == 1 && nested[0].hasSuffix("causal has no setting 'grap'. Did you mean 'graph'?"), "\(nested)")
        func campaigns(_ graph: String) throws -> [(String, Double)] {
            try TestSpec.resolved(spec(graph)).campaigns.compactMap { $0 as? CausalCampaign }.map { ($0.fingerprint, $0.settings.graphMinProbability) }
        }
        let fallback = try campaigns(""), strict = try campaigns(", graph: {min_probability: 0.9}")
        #expect(!fallback.isEmpty && fallback.allSatisfy { $0.1 == 0.5 } && strict.allSatisfy { $0.1 == 0.9 }, "default 0.5, as written otherwise")
        #expect(fallback.map(\.0) == strict.map(\.0), "the threshold does not change what the campaigns compute")
    }

    /// The 1-based column where `needle` starts on line `line` of `text` (lines holding the
    /// repository's path move with where the clone is).
    /// YAML's .inf passed `symprec > 0` and `lambda >= 0`; spglib traps on it.
    @Test func infinityIsNotAPositiveNumber() {
        let text = """
            name: t
            dataset: {path: \(Repository.root)/experiments/data/elastic_tensor.csv, target: K_VRH, features: {magpie: formula}, structure: {column: structure, symprec: .inf}}
            models:
              xgb: {kind: xgboost, lambda: .inf}
            """
        #expect(problems(text) == [
            "2:\(SpecText.column(of: ".inf}}", line: 2, in: text)): dataset.structure.symprec is a distance tolerance in Å and must be in (0, 10], got inf.",
            "4:32: In the model 'xgb': lambda must be a finite number of at least 0, got inf.",
        ])
    }

    @Test func dataFilesAndColumnsAreChecked() {
        let text = """
            name: t
            dataset: {path: \(Repository.mpSample), target: targt, features: {magpie: formul}}
            splits:
              ood:
                - name: gone
                  dataset: {path: /no/such.csv, target: target, features: {magpie: formula}}
            models: {rf: {kind: random_forest}}
            """
        let found = problems(text)
        #expect(found.count == 3, "\(found)")
        #expect(found.contains { $0.hasPrefix("2:") && $0.contains("no column 'targt' for the target. Did you mean 'target'?") })
        #expect(found.contains { $0.hasPrefix("2:") && $0.contains("no column 'formul' for the formulas. Did you mean 'formula'?") })
        #expect(found.contains { $0.hasPrefix("6:23: The data file /no/such.csv does not exist.") })
    }

    @Test func rulesNeedFormulas() {
        let text = """
            name: t
            dataset: {path: \(Repository.mpSample), target: target, features: {exclude: [formula]}}
            splits:
              ood:
                - name: big
                  where: {elements: {min: 5}}
            models: {rf: {kind: random_forest}}
            """
        #expect(problems(text) == [
            "6:14: This rule looks at each row's elements, so the main dataset needs formulas: give `formula: <column>` or `features: {magpie: <column>}` in `dataset`.",
        ])
    }
}
