import Testing
import SieveCore
import SievePlan
import SieveResolve
import SieveResolveTestSupport
import SieveSelection
import SieveExecute
import SieveTestSupport

/// What the executor trains on and the scheduler's thread budget. (In SieveEngineTests' GridTests
/// until issue 24.)
@Suite struct RunSchedulerTests {
    @Test func subsetsAreNestedAndSharedAcrossModels() throws {
        let experiment = try TestSpec.resolved(TestSpec.smallGrid(output: TestFiles.temporaryFolder()))
        let data = try ExperimentData.load(experiment)
        let plan = ExperimentPlan(experiment, data: data)
        let executor = RunExecutor(data: data, models: experiment.models)
        func rows(_ model: String, _ size: Double, _ seed: Int) throws -> [Int] {
            try executor.trainingRows(for: plan.runs.first { $0.key == RunKey(model: model, trainSize: .fraction(size), seed: seed) }!)
        }
        let small = try rows("rf", 0.05, 1), large = try rows("rf", 0.2, 1), other = try rows("xgb", 0.05, 1)
        #expect(Set(small).isSubset(of: Set(large)))
        #expect(small == other)
        #expect(small.count == Int((0.05 * Double(data.pool.count)).rounded()))
        #expect(try small != rows("rf", 0.05, 0))
    }

    @Test func threadBudgetIsTheRunsShareOfTheCores() {
        #expect(RunScheduler(jobs: 2, cores: 2).threadsPerRun == 1)
        #expect(RunScheduler(jobs: 1, cores: 2).threadsPerRun == 2)
        #expect(RunScheduler(jobs: 3, cores: 8).threadsPerRun == 2)
        #expect(RunScheduler(jobs: 16, cores: 8).threadsPerRun == 1)
    }
}
