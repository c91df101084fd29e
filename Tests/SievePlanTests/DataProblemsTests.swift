import Testing
import SieveCore
import SieveResolve
import SieveResolveTestSupport
import SievePlan
import SieveTestSupport

/// Settings the data cannot satisfy are located errors when the data is loaded (`sieve validate`
/// loads it too), all reported at once; before, sizes were silently clamped to the pool and
/// missing columns failed campaigns at run time.
@Suite struct DataProblemsTests {
    func problems(_ text: String) -> [String] {
        do {
            _ = try ExperimentData.load(TestSpec.resolved(text))
            return []
        } catch let error as ExperimentError {
            return error.description.split(separator: "\n").map(String.init)
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    /// 200 sampled rows less 28 halides, half held out: a pool of 86.
    static func spec(_ rest: String, dataset: String = "sample: 200") -> String {
        """
        name: t
        dataset: {path: \(Repository.mpSample), target: target, features: {magpie: formula}, group: formula, \(dataset)}
        splits:
          id_test: {fraction: 0.5, seed: 0}
          ood:
            - {name: halides, where: {contains: [F, Cl]}, sample: 100000}
        models: {rf: {kind: random_forest, trees: 5}}
        train_sizes: [50, 999999, 1.0]
        seeds: 1
        \(rest)
        """
    }

    @Test func sizesAboveThePoolAndColumnsThatAreNotFeaturesAreLocated() {
        let found = problems(Self.spec("""
            active_learning: {strategies: [random], initial: 60, batch: 5, stop: 40, evaluate: [rf]}
            selection:
              prune: [{guide: rf, min_remaining: 1000}]
            etal:
              unlabelled: {rows: 100}
              representation: {columns: [mean_Electronegativity, mean_Electronegatvity]}
              evaluate: [rf]
            causal:
              variables: [mean_Electronegativity, range_Electronegativity, not_a_feature]
              subsets: {gmm: 500, on: [mean_CovalentRadius]}
              evaluate: rf
            """))
        let expected = [
            "/tmp/spec.yaml:6:14: error: The test set 'halides' asks for a sample of 100000 rows but has only",
            "/tmp/spec.yaml:8:19: error: The training size 999999 is more than the 86 rows of the pool; use 1.0 for the whole pool.",
            "/tmp/spec.yaml:10:50: error: active_learning.initial (60 rows) is above active_learning.stop (40 rows), so the campaign could not acquire anything.",
            "/tmp/spec.yaml:12:38: error: min_remaining is 1000 rows, more than the 86 rows of the pool, so pruning could not remove any row.",
            "/tmp/spec.yaml:14:22: error: etal.unlabelled.rows asks for 100 of the 86 pool rows unlabelled, which leaves no labelled row to start from.",
            "/tmp/spec.yaml:15:19: error: etal.representation.columns names 'mean_Electronegatvity', which is not a feature; did you mean 'mean_Electronegativity'?",
            "/tmp/spec.yaml:18:14: error: causal.variables names 'not_a_feature', which is not a feature.",
            "/tmp/spec.yaml:19:12: error: causal.subsets.gmm is 500 components, more than the 86 rows of the pool.",
        ]
        #expect(found.count == expected.count, "\(found)")
        for (f, e) in zip(found, expected) { #expect(f.hasPrefix(e), "\(f)") }
    }

    @Test func aSampleAboveTheDatasetAndAKeepRowsThatRemovesEveryRowAreLocated() {
        // Line 2 holds the repository's path, so its columns move with where the clone is.
        let sampled = Self.spec("", dataset: "sample: 100000")
        #expect(problems(sampled).first == "/tmp/spec.yaml:2:\(SpecText.column(of: "100000}", line: 2, in: sampled)): error: "
                + "sample asks for 100000 rows, but the dataset has 6000 after its other rules.")
        let kept = Self.spec("", dataset: "keep_rows: {target: {min: 100}}")
        let keep = problems(kept)
        #expect(keep.first?.hasPrefix("/tmp/spec.yaml:2:\(SpecText.column(of: "{target: {min", line: 2, in: kept)): error: "
                + "keep_rows leaves no row of") == true, "\(keep)")
    }

    /// ET-AL rules that match every pool row left the Gaussian process no labelled row (a trap).
    @Test func etalRulesThatLeaveNothingLabelledAreLocated() {
        let found = problems(Self.spec("""
            etal:
              unlabelled: {rows: 0.5, first: [{target: {min: -100}}]}
              evaluate: [rf]
            """, dataset: "sample: 200")).filter { $0.contains("etal") }
        #expect(found == ["/tmp/spec.yaml:11:22: error: etal.unlabelled.first matches every pool row, which leaves no labelled row to start from."])
    }
}
