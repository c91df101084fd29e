import Foundation
import Testing
import SieveTestSupport

/// Faults a careless user (or a cluster) causes: grids too large to be meant, names that climb
/// out of the results folder, run records copied by hand, two processes on one store, and output
/// paths that are files.
@Suite(.serialized) struct StoreSafetyTests {
    static func spec(name: String = "safety", seeds: String = "2", extra: String = "") -> String {
        """
        name: \(name)
        dataset: {path: \(BinaryTests.root)/experiments/data/mp_e_form_sample.csv, target: target, features: {magpie: formula}}
        models:
          rf: {kind: random_forest, trees: 5}
          baseline: {kind: mean}
        train_sizes: [0.02, 0.05, 0.1]
        seeds: \(seeds)
        \(extra)
        """
    }

    @Test func aGridTooLargeToBeMeantIsALocatedErrorAtOnce() throws {
        let folder = BinaryTests.folder()
        let start = Date()
        let huge = try BinaryTests.sieve(["validate", try TestFiles.write(Self.spec(seeds: "1000000000"), in: folder)])
        #expect(huge.status == 64)
        #expect(huge.err.contains(":7:8: error: seeds: 1000000000 asks for 1000000000 replicates"), "\(huge.err)")
        let large = try BinaryTests.sieve(["validate", try TestFiles.write(Self.spec(seeds: "40000"), in: folder)])
        #expect(large.status == 64)
        #expect(large.err.contains("The grid would make 240000 runs and campaigns (1 strategies × 2 models × 3 sizes × 40000 seeds"),
                "\(large.err)")
        #expect(Date().timeIntervalSince(start) < 60, "refused before anything large is built")
        let raised = try BinaryTests.sieve(["validate", try TestFiles.write(Self.spec(seeds: "40000", extra: "max_runs: 250000"), in: folder)])
        #expect(raised.status == 0, "\(raised.err)")
    }

    @Test func aNameCannotLeadOutOfTheResultsFolder() throws {
        let folder = BinaryTests.folder()
        for name in ["..", ".", "a/b", ".hidden"] {
            let path = try TestFiles.write(Self.spec(name: "\"\(name)\""), in: folder)
            let result = try BinaryTests.sieve(["run", path, "--quiet"], in: folder)
            #expect(result.status == 64, "name \(name): \(result.err)")
            #expect(result.err.contains("names the output folder, so it may use only letters"), "name \(name): \(result.err)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["spec.yaml"], "nothing was written")
    }

    @Test func aCopiedRecordIsCorruptAndRerun() throws {
        let folder = BinaryTests.folder()
        let spec = try TestFiles.write(Self.spec() + "\noutput: out", in: folder)
        #expect(try BinaryTests.sieve(["run", spec, "--quiet"]).status == 0)
        let runs = folder + "/out/runs"
        let records = try FileManager.default.contentsOfDirectory(atPath: runs).filter { $0.hasSuffix(".json") }.sorted()
        #expect(records.count == 12)
        // Copy one run's record over another's.
        try FileManager.default.removeItem(atPath: runs + "/" + records[1])
        try FileManager.default.copyItem(atPath: runs + "/" + records[0], toPath: runs + "/" + records[1])
        let plan = try BinaryTests.sieve(["plan", spec])
        #expect(plan.out.contains("corrupt") && plan.out.contains(records[1]) && plan.out.contains("1 corrupt."), "\(plan.out)")
        let report = try BinaryTests.sieve(["report", spec])
        #expect(report.status == 65 && report.err.contains(records[1]), "\(report.err)")
        let rerun = try BinaryTests.sieve(["run", spec])
        #expect(rerun.status == 0 && rerun.out.contains("12 of 12 runs done (11 already done, 1 run now)"), "\(rerun.out)")
        // An edited record (its content no longer matches its checksum) is caught the same way.
        let edited = try String(contentsOfFile: runs + "/" + records[2], encoding: .utf8)
            .replacingOccurrences(of: "\"rmse\" : ", with: "\"rmse\" : 1")
        try edited.write(toFile: runs + "/" + records[2], atomically: true, encoding: .utf8)
        #expect(try BinaryTests.sieve(["plan", spec]).out.contains("its content does not match its checksum"))
    }

    @Test func twoProcessesOnOneStoreNeverRunTheSameRun() throws {
        let folder = BinaryTests.folder()
        let spec = try TestFiles.write(Self.spec(seeds: "6") + "\noutput: out", in: folder)
        let binary = try BinaryTests.checkedBinary()
        func start() throws -> (Process, Pipe) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["run", spec, "--jobs", "1", "--quiet"]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            return (process, out)
        }
        let (a, outA) = try start(), (b, outB) = try start()
        let textA = String(decoding: outA.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let textB = String(decoding: outB.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        a.waitUntilExit(); b.waitUntilExit()
        func ranNow(_ text: String) -> Int {
            guard let range = text.range(of: #"(\d+) run now"#, options: .regularExpression) else { return -1 }
            return Int(text[range].split(separator: " ")[0]) ?? -1
        }
        #expect(ranNow(textA) + ranNow(textB) == 36, "each of the 36 runs ran exactly once: \(textA) / \(textB)")
    }

    @Test func messagesNameTheRealCause() throws {
        let folder = BinaryTests.folder()
        try "not a folder".write(toFile: folder + "/taken", atomically: true, encoding: .utf8)
        let spec = try TestFiles.write(Self.spec(), in: folder)
        let file = try BinaryTests.sieve(["run", spec, "--output", folder + "/taken", "--quiet"])
        #expect(file.status == 74 && file.err.contains("/taken is a file, so no folder can be made inside it"), "\(file.err)")
        let empty = try BinaryTests.sieve(["report", spec, "--output", folder + "/nothing"])
        #expect(empty.status == 66 && empty.err.contains("holds no record of the 12 runs"), "\(empty.err)")
    }
}

/// The dataset rules as a user sees them: `sieve validate` says what they did, and Magpie data
/// with polymorphs but no rule gets a warning.
@Suite struct DatasetRuleMessagesTests {
    @Test func validateCountsMergedDuplicatesAndWarnsWithoutARule() throws {
        let folder = BinaryTests.folder()
        let merged = try TestFiles.write(StoreSafetyTests.spec().replacingOccurrences(
            of: "features: {magpie: formula}}", with: "features: {magpie: formula}, duplicates: {by: formula, keep: lowest}}"), in: folder)
        let ok = try BinaryTests.sieve(["validate", merged])
        #expect(ok.status == 0 && ok.out.contains("Dataset rules: 576 rows shared a composition (211 compositions), 365 merged away."),
                "\(ok.out)\(ok.err)")
        #expect(!ok.err.contains("warning"))
        let plain = try BinaryTests.sieve(["validate", try TestFiles.write(StoreSafetyTests.spec(), in: folder, name: "plain.yaml")])
        #expect(plain.status == 0 && plain.err.contains("warning: 576 rows of") && plain.err.contains("share their composition"))
    }
}
