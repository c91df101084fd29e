import Foundation
import Testing
import SieveTestSupport

/// Cross-validated grids through the binary: fold tables, results that do not depend on `--jobs`,
/// resume after a kill, OOD sets tested by every fold, and fold problems reported before any run.
@Suite struct CrossValidationGridTests {
    static func spec(_ cv: String, folder: String, extra: String = "") throws -> String {
        let text = """
            name: cv-small
            dataset:
              path: \(BinaryTests.root)/experiments/data/matbench_steels.csv
              target: target
              features: {magpie: formula}
              units: MPa
            splits:
              cv: \(cv)
            \(extra)
            models:
              rf: {kind: random_forest, trees: 10}
              ridge: {kind: ridge, alpha: 1}
            train_sizes: [0.5, 1.0]
            seeds: 2
            """
        let path = folder + "/cv.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func matbenchFoldsRunEveryPointOnEveryFoldTheSameWithAnyJobs() throws {
        let folder = BinaryTests.folder()
        let spec = try Self.spec("matbench", folder: folder)
        let plan = try BinaryTests.sieve(["plan", spec, "--output", folder + "/one"])
        #expect(plan.status == 0 && plan.out.contains("40 runs"), "2 models × 2 sizes × 5 folds × 2 seeds: \(plan.out)")
        #expect(plan.out.contains("5 folds") && plan.out.contains("fold=5 (5)"), "\(plan.out)")
        let a = try BinaryTests.sieve(["run", spec, "--output", folder + "/one", "--jobs", "1", "--quiet"])
        let b = try BinaryTests.sieve(["run", spec, "--output", folder + "/two", "--jobs", "2", "--quiet"])
        #expect(a.status == 0 && b.status == 0, "\(a.err)\(b.err)")
        for file in ["rmse_table.md", "rmse_table.csv", "curves.csv", "folds.csv", "cv_summary.csv", "cv_summary.md"] {
            #expect(try Self.read(folder + "/one/" + file) == (try Self.read(folder + "/two/" + file)), "\(file) depends on --jobs")
        }
        #expect(RunsTable.withoutTimings(try Self.read(folder + "/one/runs.csv"))
                == RunsTable.withoutTimings(try Self.read(folder + "/two/runs.csv")))
        // Every row is tested exactly once per model, size and seed: the folds' test sizes add up to 312.
        let folds = try Self.read(folder + "/one/folds.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let rfFull = folds.filter { $0[0] == "rf" && $0[2] == "1" && $0[5] == "id" }
        #expect(rfFull.map { $0[3] } == ["1", "2", "3", "4", "5"])
        #expect(rfFull.map { Int($0[7])! }.reduce(0, +) == 312 && rfFull.map { Int($0[7])! } == [63, 63, 62, 62, 62])
        let summary = try Self.read(folder + "/one/cv_summary.md")
        #expect(summary.contains("Matbench v0.1 folds") && summary.contains("| rf | random | 100 % | id | 5 |"), "\(summary)")
        let table = try Self.read(folder + "/one/rmse_table.md")
        #expect(table.contains("over folds and seeds") && table.contains("| 10 |"), "5 folds × 2 seeds per point: \(table)")
        let runs = try Self.read(folder + "/one/runs.csv")
        #expect(runs.hasPrefix("run_id,model,strategy,train_size,train_fraction,n_train,seed,fold,split"), "\(runs.prefix(120))")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/one/manifest.json"))) as! [String: Any]
        let cv = manifest["crossValidation"] as? [String: Any]
        #expect((cv?["folds"] as? [Any])?.count == 5, "\(manifest)")
    }

    @Test func aKilledCrossValidatedGridResumesToTheSameTables() throws {
        let folder = BinaryTests.folder()
        let spec = try Self.spec("{folds: 3, seed: 7}", folder: folder)
        let full = try BinaryTests.sieve(["run", spec, "--output", folder + "/full", "--jobs", "1", "--quiet"])
        #expect(full.status == 0, "\(full.err)")
        let killed = try BinaryTests.sieve(["run", spec, "--output", folder + "/cut", "--jobs", "1", "--quiet"],
                                           environment: ["SIEVE_FAULT": "record-written:7"])
        #expect(killed.status != 0, "the fault kills the seventh stored run")
        let resumed = try BinaryTests.sieve(["run", spec, "--output", folder + "/cut", "--jobs", "2"])
        #expect(resumed.status == 0 && resumed.out.contains("7 already done"), "\(resumed.out)\(resumed.err)")
        for file in ["rmse_table.csv", "folds.csv", "cv_summary.csv"] {
            #expect(try Self.read(folder + "/full/" + file) == (try Self.read(folder + "/cut/" + file)), "\(file)")
        }
    }

    @Test func groupedFoldsAndOODSetsTogether() throws {
        let folder = BinaryTests.folder()
        // Hold out whole chemical systems (the steels have 12), and test every fold on the strongest steels.
        let spec = try Self.spec("{by: chemical_system, folds: 3, seed: 1}", folder: folder,
                                 extra: "  ood:\n    - {name: strong, where: {target: {min: 1800}}}")
        let run = try BinaryTests.sieve(["run", spec, "--output", folder + "/out", "--jobs", "2", "--quiet"])
        #expect(run.status == 0, "\(run.err)")
        let folds = try Self.read(folder + "/out/folds.csv")
        #expect(folds.contains(",held_out,") && folds.contains(",strong,"), "\(folds.prefix(400))")
        let table = try Self.read(folder + "/out/rmse_table.md")
        #expect(table.contains("held-out fold") && table.contains("OOD: strong"), "\(table)")
    }

    @Test func foldProblemsAreErrorsBeforeAnyRun() throws {
        let folder = BinaryTests.folder()
        // Every steel contains Fe: leaving Fe out leaves nothing to train on.
        let fe = try Self.spec("{by: element, elements: [Fe]}", folder: folder)
        let a = try BinaryTests.sieve(["run", fe, "--output", folder + "/fe"])
        #expect(a.status != 0 && a.err.contains("cv.yaml:8:7: error: The fold 'Fe'") && a.err.contains("leaves 0 rows to train on"),
                "\(a.err)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/fe/runs"), "nothing ran")
        // Spec errors come all at once, located.
        let bad = try Self.spec("{by: element, elements: [Fee, Co], folds: 3}", folder: folder,
                                extra: "  id_test: {fraction: 0.1}")
        let b = try BinaryTests.sieve(["validate", bad])
        #expect(b.status != 0, "\(b.err)")
        #expect(b.err.contains("'Fee', which is not an element symbol. Did you mean 'Fe'?"), "\(b.err)")
        #expect(b.err.contains("splits.cv.folds does not apply to `by: element`"), "\(b.err)")
        #expect(b.err.contains("splits gives both `id_test` and `cv`"), "\(b.err)")
        #expect(b.err.contains("3 errors found"), "\(b.err)")
        let group = try Self.spec("{by: group}", folder: folder)
        let c = try BinaryTests.sieve(["validate", group])
        #expect(c.err.contains("the dataset names no `group`"), "\(c.err)")
    }
}

extension CrossValidationGridTests {
    /// Matbench ranks by MAE: `metric: mae` makes the tables and the verdict MAE's, and reruns nothing.
    @Test func metricMAERanksTablesAndVerdictByMAEWithoutRerunning() throws {
        let folder = BinaryTests.folder()
        let spec = try Self.spec("matbench", folder: folder)
        let run = try BinaryTests.sieve(["run", spec, "--output", folder + "/out", "--jobs", "2", "--quiet"])
        #expect(run.status == 0, "\(run.err)")
        try (try Self.read(spec) + "\nmetric: mae\n").write(toFile: spec, atomically: true, encoding: .utf8)
        let again = try BinaryTests.sieve(["run", spec, "--output", folder + "/out", "--jobs", "2"])
        #expect(again.status == 0 && again.out.contains("0 run now"), "the metric is a report setting: \(again.out)")
        let table = try Self.read(folder + "/out/mae_table.md")
        #expect(table.hasPrefix("# MAE — cv-small") && table.contains("Test MAE (MPa)"), "\(table)")
        #expect(try Self.read(folder + "/out/mae_table.csv").hasPrefix("model,strategy,train_size,train_fraction,n_train,n_seeds,id_mae_mean"))
        #expect(try Self.read(folder + "/out/redundancy.md").contains("mean MAE is within"))
        // Equal seeds per fold: the table's mean over folds × seeds is the summary's mean of fold means.
        let csv = try Self.read(folder + "/out/mae_table.csv").split(separator: "\n").map { $0.split(separator: ",") }
        let summary = try Self.read(folder + "/out/cv_summary.csv").split(separator: "\n").map { $0.split(separator: ",") }
        let tableMean = Double(csv.first { $0[0] == "rf" && $0[2] == "1" }![6])!
        let summaryMean = Double(summary.first { $0[0] == "rf" && $0[2] == "1" }![5])!
        #expect(abs(tableMean - summaryMean) < 1e-9 * summaryMean, "\(tableMean) vs \(summaryMean)")
    }
}
