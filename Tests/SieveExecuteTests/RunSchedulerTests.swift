import Foundation
import Synchronization
import Testing
import SieveCore
import SievePlan
import SieveResolve
import SieveResolveTestSupport
import SieveSelection
import SieveExecute
import SieveTestSupport

/// What the executor trains on and how the scheduler hands runs out, stores their records and
/// stops. (The first two tests were in SieveEngineTests' GridTests until issue 24.)
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

    /// Four runs of the MP sample (rf and xgb at 5 %, two seeds) and their executor.
    static func grid() throws -> (runs: [PlannedRun], executor: RunExecutor) {
        let experiment = try TestSpec.resolved(TestSpec.smallGrid(output: TestFiles.temporaryFolder(), sizes: "[0.05]"))
        let data = try ExperimentData.load(experiment)
        let plan = ExperimentPlan(experiment, data: data)
        return (plan.runs, RunExecutor(data: data, models: experiment.models))
    }

    @Test func recordsComeBackInTheOrderOfTheRunsAndEachIsStoredOnce() throws {
        let (runs, executor) = try Self.grid()
        #expect(runs.count == 4)
        let store = MemoryStore()
        let started = Mutex<[String]>([])
        let records = RunScheduler(jobs: 2, cores: 2).run(runs, executor: executor, store: store,
                                                          onStart: { run in started.withLock { $0.append(run.id) } })
        #expect(records.map { $0?.id } == runs.map(\.id))
        #expect(records.allSatisfy { $0?.status == .done }, "\(records.map { $0?.error ?? "" })")
        #expect(store.storedIDs.sorted() == runs.map(\.id).sorted(), "each record stored once")
        #expect(started.withLock { $0 }.sorted() == runs.map(\.id).sorted(), "each run started once")
    }

    @Test func oneJobTakesTheRunsInTheirOrder() throws {
        let (runs, executor) = try Self.grid()
        let store = MemoryStore()
        let started = Mutex<[String]>([])
        _ = RunScheduler(jobs: 1, cores: 2).run(runs, executor: executor, store: store,
                                                onStart: { run in started.withLock { $0.append(run.id) } })
        #expect(started.withLock { $0 } == runs.map(\.id))
        #expect(store.storedIDs == runs.map(\.id), "each record is stored before the next run is taken")
    }

    @Test func aRunClaimedElsewhereIsNeitherRunNorStored() throws {
        let (runs, executor) = try Self.grid()
        let store = MemoryStore(heldElsewhere: [runs[1].id])
        let records = RunScheduler(jobs: 2, cores: 2).run(runs, executor: executor, store: store)
        #expect(records[1] == nil)
        #expect(records.enumerated().allSatisfy { $0.offset == 1 || $0.element?.status == .done })
        #expect(!store.storedIDs.contains(runs[1].id) && store.storedIDs.count == 3)
    }

    @Test func aRecordThatCannotBeStoredFailsItsRunAndTheOthersGoOn() throws {
        let (runs, executor) = try Self.grid()
        let store = MemoryStore(refusing: [runs[0].id])
        let records = RunScheduler(jobs: 1, cores: 2).run(runs, executor: executor, store: store)
        #expect(records[0]?.status == .failed)
        #expect(records[0]?.error?.contains("could not be stored") == true, "\(records[0]?.error ?? "")")
        #expect(records.dropFirst().allSatisfy { $0?.status == .done })
    }

    @Test func failFastStartsNoRunAfterAFailure() throws {
        let (runs, executor) = try Self.grid()
        let stop = StopSignal()
        let records = RunScheduler(jobs: 1, cores: 2).run(runs, executor: executor, store: MemoryStore(refusing: [runs[0].id]),
                                                          stop: stop, failFast: true)
        #expect(stop.isRequested)
        #expect(records[0]?.status == .failed)
        #expect(records.dropFirst().allSatisfy { $0 == nil }, "\(records.map { $0?.status })")
    }

    @Test func aStopLetsTheRunningRunFinishAndStartsNoOther() throws {
        let (runs, executor) = try Self.grid()
        let stop = StopSignal()
        let store = MemoryStore()
        let records = RunScheduler(jobs: 1, cores: 2).run(runs, executor: executor, store: store, stop: stop,
                                                          onStart: { _ in stop.request() })
        #expect(records[0]?.status == .done, "the run under way when the stop came finishes and is stored")
        #expect(store.storedIDs == [runs[0].id])
        #expect(records.dropFirst().allSatisfy { $0 == nil })
    }
}

/// An ``ExecutionStore`` in memory: the records stored, in order; runs claimed by another process;
/// runs whose record cannot be written.
final class MemoryStore: ExecutionStore {
    struct Refused: Error {}
    let heldElsewhere: Set<String>
    let refusing: Set<String>
    private let stored = Mutex<[String]>([])

    init(heldElsewhere: Set<String> = [], refusing: Set<String> = []) {
        self.heldElsewhere = heldElsewhere
        self.refusing = refusing
    }

    var storedIDs: [String] { stored.withLock { $0 } }

    func claimRun(_ runID: String) -> ClaimResult { heldElsewhere.contains(runID) ? .heldElsewhere : .ours }
    func claimCampaign(_ id: String) -> ClaimResult { .ours }
    func releaseCampaign(_ id: String) {}
    func store(_ record: RunRecord) throws {
        if refusing.contains(record.id) { throw Refused() }
        stored.withLock { $0.append(record.id) }
    }
    func checkpoint<State: Codable & Sendable & Equatable>(_ id: String, as state: State.Type) -> CampaignFile<State>? { nil }
    func writeCheckpoint<State: Codable & Sendable & Equatable>(_ file: CampaignFile<State>) throws {}
}
