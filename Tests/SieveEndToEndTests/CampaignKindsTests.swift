import Foundation
import Testing
import SieveTestSupport

/// The ET-AL and causal campaign kinds from a spec through the binary: outputs, results that do
/// not depend on `--jobs`, resume without redoing work, and their spec errors.
@Suite struct CampaignKindsTests {
    static let elastic = """
        dataset:
          path: \(BinaryTests.root)/experiments/data/elastic_tensor.csv
          target: K_VRH
          features: {magpie: formula, structure: true}
          structure: {column: structure, space_group: space_group}
          group: crystal_system
        splits:
          id_test: {fraction: 0.4, seed: 1}
        models:
          rf: {kind: random_forest, trees: 20}
        train_sizes: [1.0]
        seeds: 1
        """

    @Test func etalRunsTheSameWithAnyJobsAndResumes() throws {
        let folder = BinaryTests.folder()
        let spec = try TestFiles.write("name: etal-small\n" + Self.elastic + """

            etal:
              unlabelled:
                rows: 0.8
                first: [{group: [tetragonal], target: {min: 100}}]
              iterations: 8
              draws: 200
              representation: {pca: 8}
              evaluate: [rf]
              repetitions: 2
            """, in: folder, name: "etal.yaml")
        let one = folder + "/one", two = folder + "/two"
        let a = try BinaryTests.sieve(["run", spec, "--output", one, "--jobs", "1", "--quiet"])
        #expect(a.status == 0, "\(a.err)")
        let b = try BinaryTests.sieve(["run", spec, "--output", two, "--jobs", "2", "--quiet"])
        #expect(b.status == 0, "\(b.err)")
        for file in ["etal_entropy.csv", "etal_downstream.csv", "acquired/etal-0.csv", "bias.csv"] {
            let x = try String(contentsOfFile: one + "/" + file, encoding: .utf8)
            let y = try String(contentsOfFile: two + "/" + file, encoding: .utf8)
            #expect(x == y, "\(file) must not depend on --jobs")
        }
        let acquired = try String(contentsOfFile: one + "/acquired/etal-0.csv", encoding: .utf8)
            .split(separator: "\n").count - 1
        #expect(acquired >= 1 && acquired <= 8, "at most the 8 iterations asked for: \(acquired)")
        let report = try String(contentsOfFile: one + "/etal.md", encoding: .utf8)
        #expect(report.contains("Lowest entropy") && report.contains("tetragonal"), "\(report)")
        #expect(FileManager.default.fileExists(atPath: one + "/bias.md"))
        let plan = try BinaryTests.sieve(["plan", spec, "--output", one])
        #expect(plan.out.contains("1 campaign: 1 done"), "\(plan.out)")
        let again = try BinaryTests.sieve(["run", spec, "--output", one, "--jobs", "1"])
        #expect(again.status == 0 && again.out.contains("0 run now"), "\(again.out)")
    }

    /// The QM9 sample's dataset and split, up to the `models:` line.
    static let qm9 = """
        dataset:
          path: \(BinaryTests.root)/experiments/data/qm9_sample.csv
          target: dipole
          features: {columns: [ExactMolWt, TPSA, MolLogP, NumValenceElectrons, MolMR]}
        splits:
          id_test: {fraction: 0.2, seed: 0}
        models:
        """

    /// Every causal campaign failing used to crash `sieve run` and `sieve report` (an empty summary)
    /// and leave no table at all; now the grid's runs are tabled and the campaigns marked failed.
    @Test func causalCampaignsThatAllFailAreReportedNotCrashedOn() throws {
        let folder = BinaryTests.folder()
        try "import sys\nsys.exit('evaluate model unavailable')\n".write(toFile: folder + "/bad.py", atomically: true, encoding: .utf8)
        let spec = try TestFiles.write("""
            name: causal-fails
            \(Self.qm9)
              rf: {kind: random_forest, trees: 10}
              bad: {kind: command, command: [python3, \(folder)/bad.py]}
            causal:
              variables: [ExactMolWt, TPSA, MolLogP, NumValenceElectrons]
              subsets: {gmm: 2, on: [MolLogP, TPSA], seed: 0}
              iterations: 2
              batch: 10
              seeds: [0, 1]
              evaluate: bad
              bootstrap: 3
            train_sizes: [1.0]
            seeds: 1
            """, in: folder, name: "fails.yaml")
        let out = folder + "/out"
        let run = try BinaryTests.sieve(["run", spec, "--output", out, "--quiet"])
        #expect(run.status == 1, "\(run.out) \(run.err)")
        #expect(run.out.contains("failed") && run.err.contains("campaign(s) failed"), "\(run.out) \(run.err)")
        let table = try String(contentsOfFile: out + "/rmse_table.csv", encoding: .utf8)
        #expect(table.contains("\nrf,random,1,1,8000,1,") && table.contains(",0,0,complete\n"), "the grid's finished runs are tabled: \(table)")
        #expect(table.contains("\nbad,random,1,,,0,,,1,0,1 failed of 1\n"), "the failed point has a row saying so: \(table)")
        let campaigns = try String(contentsOfFile: out + "/campaigns.csv", encoding: .utf8)
        #expect(campaigns.split(separator: "\n").filter { $0.contains(",failed,") }.count >= 2, "\(campaigns)")
        let report = try BinaryTests.sieve(["report", spec, "--output", out])
        #expect(report.status == 1, "\(report.err)")
    }

    @Test func causalSelectionWritesItsTablesAndGroupsCanBeItsSubsets() throws {
        let folder = BinaryTests.folder()
        let qm9 = try TestFiles.write("""
            name: causal-small
            \(Self.qm9)
              rf: {kind: random_forest, trees: 20}
            causal:
              variables: [ExactMolWt, TPSA, MolLogP, NumValenceElectrons]
              subsets: {gmm: 2, on: [MolLogP, TPSA], seed: 0}
              iterations: 3
              batch: 10
              seeds: [0, 1]
              evaluate: rf
              bootstrap: 5
              interventions: {desired: 5, top: 2}
              graph: {min_probability: 0.6}
            train_sizes: [1.0]
            seeds: 1
            """, in: folder, name: "qm9.yaml")
        let out = folder + "/qm9-out"
        let run = try BinaryTests.sieve(["run", qm9, "--output", out, "--jobs", "2", "--quiet"])
        #expect(run.status == 0, "\(run.err)")
        let curves = try String(contentsOfFile: out + "/causal_curves.csv", encoding: .utf8)
        #expect(curves.contains("causal") && curves.contains("random"), "\(curves)")
        for file in ["causal.md", "causal_edges.csv", "causal_effects.csv", "interventions.csv", "plots/causal_graph.svg"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file) is written")
        }
        let graph = try String(contentsOfFile: out + "/plots/causal_graph.svg", encoding: .utf8)
        #expect(graph.contains("class=\"node-label\"") && graph.contains("edges have p ≥ 0.60"),
                "the DAG is drawn in layers with the spec's threshold: \(graph.suffix(400))")
        let plan = try BinaryTests.sieve(["plan", qm9, "--output", out])
        #expect(plan.out.contains("5 campaigns: 5 done"), "the global graph and 2 seeds × causal/random: \(plan.out)")

        // The dataset's own groups as the subsets.
        let grouped = try TestFiles.write("name: causal-groups\n" + Self.elastic + """

            causal:
              variables: [mean_Electronegativity, density, volume_per_atom]
              subsets: group
              iterations: 2
              batch: 10
              seeds: [0]
              evaluate: rf
              bootstrap: 3
            """, in: folder, name: "grouped.yaml")
        let groups = try BinaryTests.sieve(["run", grouped, "--output", folder + "/grouped-out", "--jobs", "2", "--quiet"])
        #expect(groups.status == 0, "\(groups.err)")
        let chosen = try String(contentsOfFile: folder + "/grouped-out/causal.md", encoding: .utf8)
        #expect(chosen.contains("times chosen"), "\(chosen)")
        let systems = ["triclinic", "monoclinic", "orthorhombic", "tetragonal", "trigonal", "hexagonal", "cubic"]
        #expect(systems.contains { chosen.contains("(\($0)) |") }, "subsets are named by their group: \(chosen)")

        // Without a group rule, `subsets: group` is a located error.
        let ungrouped = try TestFiles.write(try String(contentsOfFile: grouped, encoding: .utf8)
            .replacingOccurrences(of: "  group: crystal_system\n", with: ""), in: folder, name: "ungrouped.yaml")
        let bad = try BinaryTests.sieve(["validate", ungrouped])
        #expect(bad.status != 0 && bad.err.contains("causal.subsets: group uses the dataset's groups"), "\(bad.err)")
    }
}
