import Testing
import SieveCore
import SievePlan
import SieveResolve
import SieveResolveTestSupport
import SieveTestSupport

/// The plan of a grid: the data's splits, the runs' order and ids, and the shards that divide
/// them. (In SieveEngineTests' GridTests and ResumeTests until issue 24, through the engine.)
@Suite struct ExperimentPlanTests {
    @Test func theDataSplitsAreDisjointAndThePlanIsSorted() throws {
        let experiment = try TestSpec.resolved(TestSpec.smallGrid(output: TestFiles.temporaryFolder()))
        let data = try ExperimentData.load(experiment)
        let plan = ExperimentPlan(experiment, data: data)
        #expect(data.splitNames == ["id", "oqmd", "halides"])
        let id = Set(data.testSets[0].rows), halides = Set(data.testSets[2].rows), pool = Set(data.pool)
        #expect(id.isDisjoint(with: pool) && halides.isDisjoint(with: pool) && id.isDisjoint(with: halides))
        #expect(data.testSets[1].rows.allSatisfy { $0 >= 6000 }, "OQMD rows come after the main dataset's rows")
        #expect(plan.runs.count == 8)
        #expect(plan.runs.map(\.key) == plan.runs.map(\.key).sorted())
        #expect(Set(plan.runs.map(\.id)).count == 8)
        let again = ExperimentPlan(experiment, data: try ExperimentData.load(experiment))
        #expect(again.runs == plan.runs, "expansion and ids are deterministic")
    }

    @Test func shardsCoverTheGridExactlyOnceAndBalanceTheCost() throws {
        let experiment = try TestSpec.resolved(TestSpec.smallGrid(output: TestFiles.temporaryFolder(), sizes: "[0.01, 0.05, 0.2, 0.5, 1.0]"))
        let plan = ExperimentPlan(experiment, data: try ExperimentData.load(experiment))
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
}
