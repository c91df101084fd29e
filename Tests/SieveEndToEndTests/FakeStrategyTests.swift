import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A strategy added outside Sieve's sources (Tests/FakeStrategy: one folder, one registration
/// line) behaves like the built-in ones: it shows in `sieve plan`, in `--json-progress`, survives
/// kill -9 and resumes to the same result, and lands in al_curves.csv and the report.
@Suite(.serialized) struct FakeStrategyTests {
    static var binary: String? {
        BinaryTests.binary.map { ($0 as NSString).deletingLastPathComponent + "/sieve-fake-strategy" }
    }

    /// The fake-strategy binary, checked like `sieve` (present, not older than the sources).
    static func checkedBinary() throws -> String {
        try BinaryTests.checkedBinary(binary, product: "sieve-fake-strategy")
    }

    static func fake(_ arguments: [String]) throws -> BinaryTests.Result {
        try BinaryTests.run(checkedBinary(), arguments)
    }

    static func spec(in folder: String) throws -> String {
        let text = """
            name: fake
            dataset: {path: \(BinaryTests.root)/experiments/data/mp_e_form_sample.csv, target: target, features: {magpie: formula}}
            models:
              rf: {kind: random_forest, trees: 30}
            train_sizes: [1.0]
            seeds: 1
            active_learning:
              strategies: [largest_target, random]
              evaluate: [rf]
              initial: 0.02
              batch: 0.04
              stop: 0.3
              seeds: [0]
            """
        let path = folder + "/fake.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aStrategyFromOutsideRunsResumesAndReports() throws {
        let folder = BinaryTests.folder()
        let spec = try Self.spec(in: folder)
        let killed = folder + "/killed", whole = folder + "/whole"

        let plan = try Self.fake(["plan", spec, "--output", killed])
        #expect(plan.status == 0, "\(plan.err)")
        #expect(plan.out.contains("pending      active learning largest_target seed=0"), "\(plan.out)")

        // Start, wait until the campaign has checkpointed two iterations, then kill -9.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.checkedBinary())
        process.arguments = ["run", spec, "--output", killed, "--jobs", "1", "--quiet"]
        try process.run()
        let deadline = Date().addingTimeInterval(300)
        var iterations = 0
        while Date() < deadline && process.isRunning {
            iterations = Self.checkpointedIterations(killed, strategy: "largest_target")
            if iterations >= 2 { break }
            usleep(20_000)
        }
        #expect(process.isRunning && iterations >= 2, "the campaign checkpointed \(iterations) iterations before ending")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let paused = try Self.fake(["plan", spec, "--output", killed])
        #expect(paused.out.contains("in progress  active learning largest_target seed=0"), "\(paused.out)")

        let resumed = try Self.fake(["run", spec, "--output", killed, "--json-progress"])
        #expect(resumed.status == 0, "\(resumed.err)")
        let events = resumed.out.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let finished = events.first { $0["event"] as? String == "campaign_finished" && $0["strategy"] as? String == "largest_target" }
        #expect(finished?["status"] as? String == "done")
        #expect((finished?["iterations"] as? Int).map { $0 > 2 && $0 == finished?["planned_iterations"] as? Int } == true,
                "\(String(describing: finished))")

        let uninterrupted = try Self.fake(["run", spec, "--output", whole, "--quiet"])
        #expect(uninterrupted.status == 0, "\(uninterrupted.err)")
        for name in ["al_curves.csv", "acquired/largest_target-0.csv", "al_convergence.md"] {
            #expect(try String(contentsOfFile: killed + "/" + name, encoding: .utf8)
                    == String(contentsOfFile: whole + "/" + name, encoding: .utf8), "\(name) after kill -9 and resume")
        }
        let curves = try String(contentsOfFile: killed + "/al_curves.csv", encoding: .utf8)
        #expect(curves.contains("\nlargest_target,0,0,"))
        // Every acquired batch holds the largest targets left: acquisitions come in descending order.
        let acquired = try String(contentsOfFile: killed + "/acquired/largest_target-0.csv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let targets = acquired.filter { $0[1] != "0" }.map { Double($0[4])! }
        #expect(!targets.isEmpty && zip(targets, targets.dropFirst()).allSatisfy { $0 >= $1 })
        let html = try String(contentsOfFile: killed + "/index.html", encoding: .utf8)
        #expect(html.contains("active learning: largest_target"))
    }

    /// Iterations in the strategy's checkpoint, 0 while it has none.
    static func checkpointedIterations(_ output: String, strategy: String) -> Int {
        let folder = output + "/campaigns"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name),
                  let record = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  record["strategy"] as? String == strategy else { continue }
            return record["iterations"] as? Int ?? 0
        }
        return 0
    }
}
