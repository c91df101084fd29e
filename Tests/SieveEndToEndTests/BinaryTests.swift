import Foundation
import Testing
import SieveTestSupport

/// Runs the built `sieve` binary as a user would. `make test` passes its path in SIEVE_BINARY;
/// without it the tests look for it in .build and fail (never skip) when it is missing, or when it
/// is older than a source file (this target does not depend on the binary, so a plain `swift test`
/// would otherwise test whatever was built last). Every end-to-end test gets its binary from
/// ``checkedBinary(_:product:)``.
@Suite(.serialized) struct BinaryTests {
    static let root = Repository.root

    /// Where the binary is (SIEVE_BINARY, else .build/release or .build/debug), unchecked: use
    /// ``checkedBinary(_:product:)``.
    static let binary: String? = {
        if let path = ProcessInfo.processInfo.environment["SIEVE_BINARY"] { return path }
        return ["release", "debug"].map { root + "/.build/\($0)/sieve" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// For each folder of Sources/ (a target), its newest file that is compiled into the binary
    /// (Swift, C, headers, module maps; resources are copied beside it, not linked in).
    static let newestSources: [(target: String, path: String, date: Date)] = newestSources(under: root + "/Sources")

    static func newestSources(under folder: String) -> [(target: String, path: String, date: Date)] {
        let compiled: Set<String> = ["swift", "c", "h", "modulemap"]
        let targets = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return targets.sorted().compactMap { target in
            var newest: (target: String, path: String, date: Date)?
            let files = FileManager.default.enumerator(atPath: folder + "/" + target)
            while let name = files?.nextObject() as? String {
                let path = folder + "/" + target + "/" + name
                guard compiled.contains((name as NSString).pathExtension), let date = modified(path) else { continue }
                if newest.map({ date > $0.date }) ?? true { newest = (target, path, date) }
            }
            return newest
        }
    }

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// The binary at `path` (by default the `sieve` binary), once it exists and was built after
    /// the last change of every source file; otherwise an error that says how to build it.
    ///
    /// A source counts as built when it is older than the binary, or than its target's last
    /// compilation (the dependency files `<target>.build/*.d` beside the binary, which every
    /// compilation rewrites): a touched file whose object comes out identical is recompiled but
    /// not relinked, and a binary that `swift build` calls up to date must not be refused.
    static func checkedBinary(_ path: String? = binary, product: String = "sieve") throws -> String {
        guard let path, FileManager.default.isExecutableFile(atPath: path), let built = modified(path) else {
            throw BinaryMissing()
        }
        let buildFolder = (path as NSString).deletingLastPathComponent
        let stale = newestSources.filter { source in
            guard source.date > built else { return false }
            let compiled = (try? FileManager.default.contentsOfDirectory(atPath: buildFolder + "/" + source.target + ".build")) ?? []
            let lastCompiled = compiled.filter { $0.hasSuffix(".d") }
                .compactMap { modified(buildFolder + "/" + source.target + ".build/" + $0) }.max()
            return lastCompiled.map { source.date > $0 } ?? true
        }
        if let newest = stale.max(by: { $0.date < $1.date }) {
            throw BinaryStale(binary: path, source: newest.path.replacingOccurrences(of: root + "/", with: ""), product: product)
        }
        return path
    }

    struct Result { var status: Int32; var out: String; var err: String }

    static func sieve(_ arguments: [String], in folder: String? = nil, environment: [String: String] = [:]) throws -> Result {
        try run(checkedBinary(), arguments, in: folder, environment: environment)
    }

    /// Runs a program to its end, collecting its output; `environment` is added to this process's.
    static func run(_ binary: String, _ arguments: [String], in folder: String? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self))
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var description: String { "The sieve binary was not found: build it (make test does) or set SIEVE_BINARY." }
    }

    struct BinaryStale: Error, CustomStringConvertible {
        let binary: String, source: String, product: String
        var description: String {
            "The \(product) binary at \(binary) is older than \(source); build it with "
                + "`swift build -c release --product \(product)` first (make test does), or the tests would check old code."
        }
    }

    static func folder() -> String { TestFiles.temporaryFolder("sieve-e2e") }

    static func spec(in folder: String) throws -> String {
        let text = """
            name: e2e
            dataset: {path: \(root)/experiments/data/mp_e_form_sample.csv, target: target, features: {magpie: formula}}
            splits:
              ood:
                - name: oqmd
                  dataset: {path: \(root)/experiments/data/oqmd_sample.csv, target: target, features: {magpie: formula}}
                  drop_overlap: formula
                - name: five-plus
                  where: {elements: {min: 5}}
            models:
              rf: {kind: random_forest, trees: 8}
              xgb: {kind: xgboost, rounds: 15}
            train_sizes: [0.02, 0.1, 300]
            seeds: 2
            output: out
            """
        let path = folder + "/spec.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func runWritesEveryOutputAndTheyDoNotDependOnJobs() throws {
        let folder = Self.folder()
        let spec = try Self.spec(in: folder)
        let plan = try Self.sieve(["plan", spec])
        #expect(plan.status == 0)
        #expect(plan.out.contains("12 runs: 0 done, 0 failed, 12 pending, 0 interrupted, 0 running, 0 stale, 0 corrupt."))

        var tables: [[String]] = []
        for jobs in ["1", "2"] {
            let out = folder + "/out-\(jobs)"
            let run = try Self.sieve(["run", spec, "--jobs", jobs, "--output", out])
            #expect(run.status == 0, "\(run.err)")
            #expect(run.out.contains("12 of 12 runs done (0 already done, 12 run now)"), "\(run.out)")
            let names = Set(try FileManager.default.contentsOfDirectory(atPath: out))
            #expect(names.isSuperset(of: ["runs.csv", "rmse_table.md", "rmse_table.csv", "curves.csv", "manifest.json", "runs"]))
            #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/runs").count == 12)
            let runs = try String(contentsOfFile: out + "/runs.csv", encoding: .utf8).split(separator: "\n")
            #expect(runs[0] == "run_id,model,strategy,train_size,train_fraction,n_train,seed,split,n_test,rmse,mae,r2,fit_seconds,predict_seconds,status,error")
            #expect(runs.count == 1 + 12 * 3)
            let curves = try String(contentsOfFile: out + "/curves.csv", encoding: .utf8).split(separator: "\n")
            #expect(curves.count == 1 + 3 * 2 * 3)
            let md = try String(contentsOfFile: out + "/rmse_table.md", encoding: .utf8)
            #expect(md.contains("| model | train size | n_train | ID test | OOD: oqmd | OOD: five-plus | n |"))
            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as! [String: Any]
            #expect((manifest["software"] as! [String: Any])["xgboost"] as? String == "1.7.4")
            #expect(((manifest["runs"] as! [String: Any])["done"] as? Int) == 12)
            #expect((manifest["datasets"] as! [[String: Any]]).count == 2)
            tables.append(try ["rmse_table.md", "rmse_table.csv", "curves.csv"].map {
                try String(contentsOfFile: out + "/" + $0, encoding: .utf8)
            } + [RunsTable.withoutTimings(String(runs.joined(separator: "\n")))])
        }
        #expect(tables[0] == tables[1], "outputs with --jobs 1 and --jobs 2 differ")
    }

    /// `--output o` (a one-letter folder that does not exist yet), `x/y` and `o/` crashed the run
    /// with SIGILL while creating the folder; each must run and write its tables.
    @Test(arguments: ["o", "x/y", "p/"])
    func aShortRelativeOutputFolderIsCreated(output: String) throws {
        let folder = Self.folder()
        let spec = """
            name: short
            dataset: {path: \(Self.root)/experiments/data/mp_e_form_sample.csv, target: target, features: {magpie: formula}}
            models: {mean: {kind: mean}}
            train_sizes: [100]
            seeds: 1
            """
        try spec.write(toFile: folder + "/spec.yaml", atomically: true, encoding: .utf8)
        let run = try Self.sieve(["run", "spec.yaml", "--output", output], in: folder)
        #expect(run.status == 0, "\(run.err)")
        #expect(FileManager.default.fileExists(atPath: folder + "/" + output + (output.hasSuffix("/") ? "" : "/") + "runs.csv"))
    }

    @Test func aBadSpecReportsEveryErrorAndWritesNothing() throws {
        let folder = Self.folder()
        let path = folder + "/bad.yaml"
        try """
            name: bad
            dataset: {path: missing.csv, target: target}
            models:
              rf: {kind: random_forrest}
            train_sizes: [0, 0.5]
            output: out
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try Self.sieve(["run", path])
        #expect(run.status == 64)
        #expect(run.err.contains("\(path):2:17: error: The data file \(folder)/missing.csv does not exist."))
        #expect(run.err.contains("\(path):4:14: error: Unknown model kind 'random_forrest'. Did you mean 'random_forest'?"))
        #expect(run.err.contains("\(path):5:15: error: The training size 0 is too small"))
        #expect(run.err.contains("3 errors found."))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"), "a bad spec must not create the output folder")
    }

    @Test func aFailingModelFailsItsRunsOnlyAndTheExitCodeSaysSo() throws {
        let folder = Self.folder()
        try "import sys\nprint('model exploded', file=sys.stderr)\nsys.exit(2)\n".write(toFile: folder + "/bad.py", atomically: true, encoding: .utf8)
        let spec = try String(contentsOfFile: Self.spec(in: folder), encoding: .utf8).replacingOccurrences(of: "  xgb: {kind: xgboost, rounds: 15}",
                                                                    with: "  xgb: {kind: xgboost, rounds: 15}\n  bad: {kind: command, command: [python3, bad.py]}")
        try spec.write(toFile: folder + "/spec2.yaml", atomically: true, encoding: .utf8)
        let run = try Self.sieve(["run", folder + "/spec2.yaml", "--quiet"])
        #expect(run.status == 1)
        #expect(run.out.contains("12 of 18 runs done, 6 failed (0 already done, 18 run now)"), "\(run.out)")
        #expect(run.err.contains("6 run(s) failed:"))
        #expect(run.err.contains("model exploded"))
        let runs = try String(contentsOfFile: folder + "/out/runs.csv", encoding: .utf8)
        #expect(runs.split(separator: "\n").filter { $0.contains(",done,") }.count == 12 * 3)
    }

    @Test func reportRegeneratesTablesFromRecords() throws {
        let folder = Self.folder()
        let spec = try Self.spec(in: folder)
        #expect(try Self.sieve(["run", spec, "--quiet"]).status == 0)
        let before = try String(contentsOfFile: folder + "/out/rmse_table.md", encoding: .utf8)
        func manifest() throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/manifest.json"))) as! [String: Any]
        }
        let ran = try manifest()
        try FileManager.default.removeItem(atPath: folder + "/out/rmse_table.md")
        let report = try Self.sieve(["report", spec])
        #expect(report.status == 0)
        #expect(try String(contentsOfFile: folder + "/out/rmse_table.md", encoding: .utf8) == before)
        // The manifest keeps how and when `sieve run` made the records; the report adds its own time.
        let reported = try manifest()
        #expect(ran["reported"] == nil)
        #expect(reported["reported"] is String)
        for key in ["started", "finished"] { #expect(reported[key] as? String == ran[key] as? String, "\(key)") }
        #expect(reported["machine"] as? NSDictionary == ran["machine"] as? NSDictionary)
        #expect((reported["machine"] as? [String: Any])?["jobs"] is Int)
        #expect(reported["runs"] as? NSDictionary == ran["runs"] as? NSDictionary)
    }
}

/// Interrupting the binary: kill -9 mid-grid and Ctrl-C, then resuming.
@Suite(.serialized) struct InterruptTests {
    /// Starts `sieve run … --json-progress` and calls `onEvent` for each JSON line until it
    /// returns false; then the process is left to the caller.
    static func start(_ arguments: [String], until onEvent: ([String: Any], Process) -> Bool) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try BinaryTests.checkedBinary())
        process.arguments = arguments + ["--json-progress"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var buffer = Data()
        let handle = out.fileHandleForReading
        reading: while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                if let event = try? JSONSerialization.jsonObject(with: line) as? [String: Any], !onEvent(event, process) { break reading }
            }
        }
        return process
    }

    static func tables(_ folder: String) throws -> [String] {
        try ["rmse_table.md", "rmse_table.csv", "curves.csv"].map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
            + [RunsTable.withoutTimings(try String(contentsOfFile: folder + "/runs.csv", encoding: .utf8))]
    }

    /// SIGKILL mid-grid at a fixed point (the fifth record written, by the SIEVE_FAULT switch),
    /// not at whatever moment a kill from outside lands: the same work is left on any machine.
    @Test func killNineMidGridThenRerunGivesIdenticalOutputs() throws {
        let folder = BinaryTests.folder()
        let spec = try BinaryTests.spec(in: folder)
        #expect(try BinaryTests.sieve(["run", spec, "--output", folder + "/whole", "--quiet"]).status == 0)
        // One job: with two, the other worker may store a sixth record before the fifth reaches the fault.
        let killed = try BinaryTests.sieve(["run", spec, "--output", folder + "/killed", "--jobs", "1", "--quiet"],
                                           environment: ["SIEVE_FAULT": "record-written:5"])
        #expect(killed.status == 9 || killed.status == 137, "killed by SIGKILL: \(killed.status)")
        let plan = try BinaryTests.sieve(["plan", spec, "--output", folder + "/killed"])
        #expect(plan.out.contains("12 runs: 5 done"), "\(plan.out)")
        let markers = try FileManager.default.contentsOfDirectory(atPath: folder + "/killed/runs").filter { $0.hasSuffix(".started") }
        #expect(!markers.isEmpty, "the fifth run's claim was never released")
        let resumed = try BinaryTests.sieve(["run", spec, "--output", folder + "/killed", "--quiet"])
        #expect(resumed.status == 0)
        #expect(resumed.out.contains("12 of 12 runs done (5 already done, 7 run now)"), "\(resumed.out)")
        #expect(try Self.tables(folder + "/killed") == Self.tables(folder + "/whole"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder + "/killed/runs").filter { !$0.hasSuffix(".json") }
        #expect(leftovers.isEmpty, "no markers or partial files remain: \(leftovers)")
    }

    @Test func ctrlCOnceFinishesRunningRunsAndResumes() throws {
        let folder = BinaryTests.folder()
        let spec = try BinaryTests.spec(in: folder)
        var interrupted = false
        var last: [String: Any] = [:]
        let process = try Self.start(["run", spec, "--jobs", "1"]) { event, process in
            last = event
            if event["event"] as? String == "run_finished" && !interrupted {
                interrupted = true
                kill(process.processIdentifier, SIGINT)
            }
            return true
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(last["event"] as? String == "finished")
        #expect(last["stopped"] as? Bool == true)
        let ran = last["ran_now"] as? Int ?? 0
        #expect(ran >= 1 && ran < 12, "the run under way finishes, no new one starts (ran \(ran))")
        let resumed = try BinaryTests.sieve(["run", spec, "--quiet"])
        #expect(resumed.status == 0)
        #expect(resumed.out.contains("12 of 12 runs done (\(ran) already done, \(12 - ran) run now)"), "\(resumed.out)")
    }
}
