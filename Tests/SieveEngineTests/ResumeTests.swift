import Foundation
import Testing
import SieveCore
import SieveModels
import SievePlan
import SieveResolve
import SieveExecute
import SieveStore
import SieveSelection
@testable import SieveEngine

@Suite(.serialized) struct ResumeTests {
    @Test func shardsCoverTheGridExactlyOnceAndBalanceTheCost() throws {
        let experiment = try Support.checked(Support.smallSpec(output: Support.temporaryFolder(), sizes: "[0.01, 0.05, 0.2, 0.5, 1.0]"))
        let (_, plan) = try ExperimentRunner(experiment).prepare()
        for count in 1...6 {
            let slices = (1...count).map { Shard(index: $0, count: count).runs(of: plan) }
            let ids = slices.flatMap { $0.map(\.id) }
            #expect(ids.count == plan.runs.count && Set(ids) == Set(plan.runs.map(\.id)), "\(count) shards")
            let loads = slices.map { $0.reduce(0.0) { $0 + $1.cost + 100 } }
            let largest = plan.runs.map { $0.cost + 100 }.max()!
            #expect(loads.max()! - loads.min()! <= largest, "\(count) shards: loads \(loads)")
            #expect(slices == (1...count).map { Shard(index: $0, count: count).runs(of: plan) }, "deterministic")
        }
        #expect(Shard("2/3") == Shard(index: 2, count: 3))
        #expect(Shard("0/3") == nil && Shard("4/3") == nil && Shard("x") == nil)
    }

    @Test func shardsRunInTurnEqualOneLocalRun() throws {
        let local = Support.temporaryFolder(), sharded = Support.temporaryFolder()
        _ = try ExperimentRunner(try Support.checked(Support.smallSpec(output: local))).run(RunOptions(jobs: 2, cores: 2))
        let experiment = try Support.checked(Support.smallSpec(output: sharded))
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
        let folder = Support.temporaryFolder()
        _ = try ExperimentRunner(try Support.checked(Support.smallSpec(output: folder))).run(RunOptions(jobs: 2, cores: 2))
        let changed = try Support.checked(Support.smallSpec(output: folder)
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
        let folder = Support.temporaryFolder()
        let script = folder + "/model.py"
        try "import sys\nsys.exit(1)\n".write(toFile: script, atomically: true, encoding: .utf8)
        let spec = Support.smallSpec(output: folder, extraModels: "  cmd: {kind: command, command: [python3, \(script)]}")
        let first = try ExperimentRunner(try Support.checked(spec)).run(RunOptions(jobs: 2, cores: 2))
        #expect(first.failed.count == 4)
        // Fix the model: a plain rerun leaves the failed runs alone, --retry-failed reruns them.
        try Data(try String(contentsOf: URL(fileURLWithPath: Support.root + "/experiments/models/knn.py"), encoding: .utf8).utf8)
            .write(to: URL(fileURLWithPath: script))
        let second = try ExperimentRunner(try Support.checked(spec)).run(RunOptions(jobs: 2, cores: 2))
        #expect(second.ranNow == 0 && second.failed.count == 4)
        var retry = RunOptions(jobs: 2, cores: 2)
        retry.retryFailed = true
        let third = try ExperimentRunner(try Support.checked(spec)).run(retry)
        #expect(third.ranNow == 4 && third.failed.isEmpty)
    }

    @Test func failFastStartsNoNewRunAfterAFailure() throws {
        let folder = Support.temporaryFolder()
        let spec = Support.smallSpec(output: folder, extraModels: """
              aaa: {kind: command, command: [python3, -c, "import sys; sys.exit(1)"]}
            """)
        var options = RunOptions(jobs: 1, cores: 1)
        options.failFast = true
        options.stop = StopSignal()
        let summary = try ExperimentRunner(try Support.checked(spec)).run(options)
        // Runs go in key order, so the failing model's first run comes first and nothing follows.
        #expect(summary.ranNow == 1 && summary.failed.count == 1 && summary.stopped)
        #expect(summary.notRun == 11)
    }
}
