import Foundation
import Testing
import SieveCore
@testable import SieveModels
import SieveTestSupport

@Suite struct CommandModelTests {
    static let root = Repository.root

    static func folder() -> String { TestFiles.temporaryFolder("sieve-command") }

    /// A command model running a small Python script written into a temporary folder.
    static func script(_ body: String, timeout: Double = 60) -> (CommandModel, String) {
        let folder = folder()
        try! body.write(toFile: folder + "/model.py", atomically: true, encoding: .utf8)
        var model = CommandModel(command: ["python3", "model.py"])
        model.workingDirectory = folder
        model.timeout = timeout
        return (model, folder)
    }

    func run(_ model: CommandModel, rows: Int = 40) throws -> [Double] {
        let (x, y) = ModelContractTests.problem(rows: rows)
        let store = FeatureStore(matrix: x)
        let fitted = try model.fit(TrainingData(store: store, rows: Array(0..<30), targets: Array(y[0..<30])),
                                   context: FitContext(seed: 3, workDirectory: Self.folder()))
        return try fitted.predict(store, rows: Array(30..<rows))
    }

    @Test func theShippedKNNExampleLearns() throws {
        var model = CommandModel(command: ["python3", "models/knn.py"])
        model.workingDirectory = Self.root + "/experiments"
        let (x, y) = ModelContractTests.problem(rows: 200)
        let store = FeatureStore(matrix: x)
        let p = try model.fit(TrainingData(store: store, rows: Array(0..<150), targets: Array(y[0..<150])),
                              context: FitContext(seed: 0, workDirectory: Self.folder())).predict(store, rows: Array(150..<200))
        let rmse = RegressionMetrics(predicted: p, actual: Array(y[150..<200])).rmse
        let spread = Summary(Array(y[150..<200])).std
        #expect(rmse < 0.8 * spread, "k-NN RMSE \(rmse) vs target spread \(spread)")
    }

    @Test func pathsArriveAsArgumentsAndEnvironmentAndTestRowsHaveNoTarget() throws {
        let (model, _) = Self.script("""
            import csv, os, sys
            train, test, out = sys.argv[1:4]
            assert (train, test, out) == (os.environ["SIEVE_TRAIN"], os.environ["SIEVE_TEST"], os.environ["SIEVE_PREDICTIONS"])
            assert os.environ["SIEVE_SEED"] == "3" and os.environ["SIEVE_THREADS"] == "1"
            header = next(csv.reader(open(test)))
            assert header[0] == "row_id" and "target" not in header, header
            rows = list(csv.reader(open(test)))[1:]
            with open(out, "w") as f:
                f.write("prediction,row_id\\n")
                for r in reversed(rows):
                    f.write(f"{int(r[0]) * 0.5},{r[0]}\\n")
            """)
        #expect(try run(model) == (30..<40).map { Double($0) * 0.5 }, "predictions are matched by row_id")
    }

    @Test func aNonZeroExitFailsWithTheLastStandardErrorLines() {
        let (model, _) = Self.script("import sys\nprint('loading data', file=sys.stderr)\nprint('CUDA out of memory', file=sys.stderr)\nsys.exit(3)\n")
        do {
            _ = try run(model)
            Issue.record("the run must fail")
        } catch let error as ModelError {
            #expect(error.description.contains("exited with status 3"))
            #expect(error.description.hasSuffix("loading data\nCUDA out of memory"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func aTimeoutStopsTheCommandAndItsChildren() throws {
        let (model, folder) = Self.script("""
            import subprocess, sys, time
            child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
            open("child.pid", "w").write(str(child.pid))
            time.sleep(60)
            """, timeout: 1)
        let start = Date()
        #expect(throws: ModelError.self) { try run(model) }
        #expect(Date().timeIntervalSince(start) < 10)
        let pid = try String(contentsOfFile: folder + "/child.pid", encoding: .utf8)
        // Gone, or a zombie waiting for its new parent to reap it: either way no longer running.
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        let state = stat.split(separator: ")").last?.split(separator: " ").first.map(String.init) ?? "gone"
        #expect(state == "gone" || state == "Z", "the command's own child must be stopped too (state \(state))")
    }

    @Test(arguments: [
        ("pass", "wrote no predictions file"),
        ("open(sys.argv[3], 'w').write('value\\n1\\n')", "has no header with a `prediction` column"),
        ("open(sys.argv[3], 'w').write('prediction\\n1\\n2\\n')", "has 2 predictions for 10 test rows"),
        ("open(sys.argv[3], 'w').write('prediction\\n' + 'nan\\n' * 10)", "is not a finite number"),
    ])
    func missingOrMalformedPredictionsFailTheRun(body: String, message: String) {
        let (model, _) = Self.script("import sys\n" + body + "\n")
        do {
            _ = try run(model)
            Issue.record("the run must fail")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test func originalColumnsCarryFormulasButNeverTheTestTarget() throws {
        let (x, y) = ModelContractTests.problem(rows: 12)
        var store = FeatureStore(matrix: x)
        store.originals = OriginalColumns(header: ["formula", "target"],
                                          rows: (0..<12).map { ["Fe\($0 + 1)O", y[$0].description] }, targetColumn: "target")
        var (model, _) = Self.script("""
            import csv, sys
            train = list(csv.DictReader(open(sys.argv[1])))
            test = list(csv.DictReader(open(sys.argv[2])))
            assert list(train[0]) == ["row_id", "formula", "target"] and list(test[0]) == ["row_id", "formula"]
            with open(sys.argv[3], "w") as f:
                f.write("prediction\\n")
                for r in test:
                    f.write(str(len(r["formula"])) + "\\n")
            """)
        model.input = .original
        let p = try model.fit(TrainingData(store: store, rows: Array(0..<8), targets: Array(y[0..<8])),
                              context: FitContext(seed: 0, workDirectory: Self.folder())).predict(store, rows: [8, 9, 10, 11])
        #expect(p == [4, 5, 5, 5])
    }
}
