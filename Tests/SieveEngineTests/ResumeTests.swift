import Foundation
import Testing
import SieveCore
import SieveModels
import SievePlan
import SieveResolve
import SieveResolveTestSupport
import SieveExecute
import SieveStore
import SieveSelection
@testable import SieveEngine
import SieveTestSupport

@Suite(.serialized) struct ResumeTests {
    @Test func shardsRunInTurnEqualOneLocalRun() throws {
        let local = TestFiles.temporaryFolder(), sharded = TestFiles.temporaryFolder()
        _ = try ExperimentRunner(try TestSpec.resolved(TestSpec.smallGrid(output: local))).run(RunOptions(jobs: 2, cores: 2))
        let experiment = try TestSpec.resolved(TestSpec.smallGrid(output: sharded))
        for i in 1...3 {
            var options = RunOptions(jobs: 1, cores: 2)
            options.shard = Shard(index: i, count: 3)
            let summary = try ExperimentRunner(experiment).run(options)
            #expect(summary.files.isEmpty, "a shard leaves the tables to `sieve report`")
        }
        let report = try ExperimentRunner(experiment).report()
        #expect(report.records == 8)
        for name in ["rmse_table.md", "rmse_table.csv", "curves.csv"] {
            #expect(try String(contentsOfFile: local + "/" + name, encoding: .utf8)
                    == String(contentsOfFile: sharded + "/" + name, encoding: .utf8), "\(name)")
        }
    }

    @Test func changingOneModelMakesOnlyItsRunsStaleAndSaysWhy() throws {
        let folder = TestFiles.temporaryFolder()
        _ = try ExperimentRunner(try TestSpec.resolved(TestSpec.smallGrid(output: folder))).run(RunOptions(jobs: 2, cores: 2))
        let changed = try TestSpec.resolved(TestSpec.smallGrid(output: folder)
            .replacingOccurrences(of: "xgb: {kind: xgboost, rounds: 20, max_depth: 4}", with: "xgb: {kind: xgboost, rounds: 30, max_depth: 4}"))
        let runner = ExperimentRunner(changed)
        let (_, plan) = try runner.prepare()
        let states = RunStore(output: folder).states(of: plan)
        #expect(states.filter { $0.status == .done }.map(\.run.key.model) == ["rf", "rf", "rf", "rf"])
        let stale = states.filter { $0.status == .stale }
        #expect(stale.count == 4 && stale.allSatisfy { $0.run.key.model == "xgb" })
        #expect(stale[0].detail == "model parameters changed: rounds 20 → 30")
        let summary = try runner.run(RunOptions(jobs: 2, cores: 2))
        #expect(summary.ranNow == 4 && summary.reused == 4)
    }

    @Test func failedRunsRerunOnlyWhenAsked() throws {
        let folder = TestFiles.temporaryFolder()
        let script = folder + "/model.py"
        try "import sys\nsys.exit(1)\n".write(toFile: script, atomically: true, encoding: .utf8)
        let spec = TestSpec.smallGrid(output: folder, extraModels: "  cmd: {kind: command, command: [python3, \(script)]}")
        let first = try ExperimentRunner(try TestSpec.resolved(spec)).run(RunOptions(jobs: 2, cores: 2))
        #expect(first.failed.count == 4)
        // Fix the model: a plain rerun leaves the failed runs alone, --retry-failed reruns them.
        try Data(try String(contentsOf: URL(fileURLWithPath: Repository.root + "/experiments/models/knn.py"), encoding: .utf8).utf8)
            .write(to: URL(fileURLWithPath: script))
        let second = try ExperimentRunner(try TestSpec.resolved(spec)).run(RunOptions(jobs: 2, cores: 2))
        #expect(second.ranNow == 0 && second.failed.count == 4)
        var retry = RunOptions(jobs: 2, cores: 2)
        retry.retryFailed = true
        let third = try ExperimentRunner(try TestSpec.resolved(spec)).run(retry)
        #expect(third.ranNow == 4 && third.failed.isEmpty)
    }

    @Test func failFastStartsNoNewRunAfterAFailure() throws {
        let folder = TestFiles.temporaryFolder()
        let spec = TestSpec.smallGrid(output: folder, extraModels: """
              aaa: {kind: command, command: [python3, -c, "import sys; sys.exit(1)"]}
            """)
        var options = RunOptions(jobs: 1, cores: 1)
        options.failFast = true
        options.stop = StopSignal()
        let summary = try ExperimentRunner(try TestSpec.resolved(spec)).run(options)
        // Runs go in key order, so the failing model's first run comes first and nothing follows.
        #expect(summary.ranNow == 1 && summary.failed.count == 1 && summary.stopped)
        #expect(summary.notRun == 11)
    }
}
