import Foundation
import Testing
import SieveTestSupport

/// One check every campaign kind (and, through active learning, every acquisition strategy)
/// passes through the binary, as scikit-learn's `check_estimator` does for every estimator: on a
/// tiny grid, `--jobs 1` and `--jobs 2` write the same outputs, and a run killed with SIGKILL at
/// its second campaign checkpoint (`SIEVE_FAULT=checkpoint-written:2`: between two iterations)
/// and then resumed writes them too. The
/// settings half (every setting reaches the fingerprint, "did you mean") is
/// `CampaignSettingsTests` in SieveEngineTests, which also fails when a registered kind has no
/// section there; a new kind adds its tiny section to `kinds` below.
@Suite struct CampaignConformanceTests {
    /// MP sample, 300 rows, a 5-tree forest.
    static let mp = """
        dataset: {path: \(BinaryTests.root)/experiments/data/mp_e_form_sample.csv, target: target, features: {magpie: formula}, sample: 300}
        splits:
          id_test: {fraction: 0.2, seed: 0}
        models:
          rf: {kind: random_forest, trees: 5}
          xgb: {kind: xgboost, rounds: 10, max_depth: 3}
        train_sizes: [1.0]
        seeds: 1

        """

    /// Every registered kind with a tiny section (every registered strategy in the active-learning one).
    static let kinds: [(name: String, spec: String)] = [
        ("pruning", mp + "selection: {prune: [{guide: rf, transfer: xgb, holdout: 0.3, min_drop: 0.2, min_remaining: 150}]}\n"),
        ("active_learning", mp + """
            active_learning:
              strategies: [random, qbc, rf_uncertainty, xgb_uncertainty]
              evaluate: [rf, xgb]
              initial: 20
              batch: 20
              stop: 60
              seeds: [0]
              xgb_uncertainty: {rounds: 10, k: 10, booster: native}

            """),
        ("etal", """
            dataset:
              path: \(BinaryTests.root)/experiments/data/elastic_tensor.csv
              target: K_VRH
              features: {magpie: formula}
              structure: {column: structure, space_group: space_group}
              group: crystal_system
              sample: 300
            splits:
              id_test: {fraction: 0.3, seed: 1}
            models:
              rf: {kind: random_forest, trees: 5}
            train_sizes: [1.0]
            seeds: 1
            etal:
              unlabelled: {rows: 0.8, first: [{group: [cubic], target: {min: 50}}]}
              iterations: 3
              draws: 50
              representation: {pca: 4}
              evaluate: [rf]
              repetitions: 1

            """),
        ("causal", CampaignKindsTests.qm9 + """

              rf: {kind: random_forest, trees: 5}
            causal:
              variables: [ExactMolWt, TPSA, MolLogP]
              subsets: {gmm: 2, on: [MolLogP, TPSA], seed: 0}
              iterations: 2
              batch: 10
              seeds: [0]
              evaluate: rf
              bootstrap: 2
            train_sizes: [1.0]
            seeds: 1

            """),
    ]

    @Test(arguments: kinds.map(\.name))
    func jobsAndResumeDoNotChangeOutputs(kind: String) throws {
        let folder = BinaryTests.folder()
        let spec = try TestFiles.write("name: conformance-\(kind)\n" + Self.kinds.first { $0.name == kind }!.spec,
                                                in: folder, name: kind + ".yaml")
        func outputs(_ out: String) throws -> [String: String] {
            // The manifest records the jobs and what ran now, which do differ, and so does the
            // report's account of the run (its times, cores and jobs).
            try GoldenOutputTests.normalizedOutputs(out).filter { $0.key != "manifest.json" }.mapValues {
                $0.replacing(#/<dd>\d{4}-\d\d-\d\dT[^<]*</dd>/#, with: "").replacing(#/<dd>\d+ cores?, \d+ jobs?</dd>/#, with: "")
            }
        }
        let one = folder + "/one", two = folder + "/two", killed = folder + "/killed"
        let a = try BinaryTests.sieve(["run", spec, "--output", one, "--jobs", "1", "--quiet"])
        try #require(a.status == 0, "\(kind): \(a.err)")
        let b = try BinaryTests.sieve(["run", spec, "--output", two, "--jobs", "2", "--quiet"])
        try #require(b.status == 0, "\(kind): \(b.err)")
        let reference = try outputs(one)
        #expect(reference.keys.contains("campaigns.csv"), "\(kind): campaigns ran: \(reference.keys.sorted())")
        let parallel = try outputs(two)
        #expect(Set(parallel.keys) == Set(reference.keys), "\(kind): files differ with --jobs 2")
        for (name, text) in reference.sorted(by: { $0.key < $1.key }) {
            #expect(parallel[name] == text, "\(kind)/\(name) depends on --jobs")
        }
        // One job, so that the second checkpoint stored is the same one every time.
        let k = try BinaryTests.sieve(["run", spec, "--output", killed, "--jobs", "1", "--quiet"],
                                      environment: ["SIEVE_FAULT": "checkpoint-written:2"])
        #expect(k.status != 0, "\(kind): the fault kills the run")
        let resumed = try BinaryTests.sieve(["run", spec, "--output", killed, "--jobs", "1", "--quiet"])
        try #require(resumed.status == 0, "\(kind): \(resumed.err)")
        let after = try outputs(killed)
        #expect(Set(after.keys) == Set(reference.keys), "\(kind): files differ after kill -9 and resume")
        for (name, text) in reference.sorted(by: { $0.key < $1.key }) {
            #expect(after[name] == text, "\(kind)/\(name) differs after kill -9 and resume")
        }
        // The manifest records each campaign's resolved settings.
        let manifest = try String(contentsOfFile: one + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"campaigns\" : [") && manifest.contains("\"settings\" : {"), "\(kind): \(manifest)")
    }
}
