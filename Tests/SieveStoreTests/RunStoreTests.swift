import Foundation
import Testing
import SieveCore
import SievePlan
import SieveResolve
import SieveResolveTestSupport
import SieveStore
import SieveTestSupport

/// The run store reads back what it wrote and calls corrupt what it cannot trust; a plan's runs
/// get their states from it.
@Suite struct RunStoreTests {
    /// The runs of the small grid (8) and an empty store in a fresh folder.
    static func store() throws -> (runs: [PlannedRun], plan: ExperimentPlan, store: RunStore) {
        let experiment = try TestSpec.resolved(TestSpec.smallGrid(output: TestFiles.temporaryFolder()))
        let plan = ExperimentPlan(experiment, data: try ExperimentData.load(experiment))
        let store = RunStore(output: TestFiles.temporaryFolder("sieve-store"))
        try AtomicFile.createFolder(store.folder)
        return (plan.runs, plan, store)
    }

    static func record(_ run: PlannedRun, _ status: RunRecord.Status = .done) -> RunRecord {
        RunRecord(id: run.id, key: run.key, identity: run.identity, status: status, trainRows: 40, poolRows: 400,
                  splits: [SplitMetrics(split: "id", metrics: RegressionMetrics(rmse: 0.5, mae: 0.25, r2: 0.75, count: 12))],
                  fitSeconds: 1.5, predictSeconds: 0.5, error: status == .failed ? "it broke" : nil)
    }

    static func path(_ store: RunStore, _ id: String) -> String { store.folder + "/" + id + ".json" }

    @Test func aWrittenRecordReadsBackAsWritten() throws {
        let (runs, _, store) = try Self.store()
        let written = Self.record(runs[0])
        #expect(store.record(id: runs[0].id) == nil, "nothing before it is written")
        try store.write(written)
        var read = try #require(store.record(id: runs[0].id))
        #expect(read.checksum != nil, "records are written with their checksum")
        read.checksum = nil
        #expect(read == written)
        #expect(store.allRecords().map(\.id) == [runs[0].id])
    }

    @Test func anEditedRecordIsCorrupt() throws {
        let (runs, _, store) = try Self.store()
        try store.write(Self.record(runs[0]))
        let path = Self.path(store, runs[0].id)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"done\""))
        try text.replacingOccurrences(of: "\"done\"", with: "\"failed\"").write(toFile: path, atomically: true, encoding: .utf8)
        guard case let .corrupt(_, reason) = store.read(id: runs[0].id) else {
            Issue.record("an edited record must read as corrupt")
            return
        }
        #expect(reason.contains("checksum"), "\(reason)")
        #expect(store.record(id: runs[0].id) == nil && store.allRecords().isEmpty)
    }

    @Test func anotherRunsRecordOrNoRecordAtAllIsCorrupt() throws {
        let (runs, _, store) = try Self.store()
        try store.write(Self.record(runs[0]))
        try FileManager.default.copyItem(atPath: Self.path(store, runs[0].id), toPath: Self.path(store, runs[1].id))
        try "{\"id\": ".write(toFile: Self.path(store, runs[2].id), atomically: true, encoding: .utf8)
        func reason(_ id: String) -> String? {
            if case let .corrupt(_, reason) = store.read(id: id) { return reason }
            return nil
        }
        #expect(reason(runs[1].id)?.contains("record of run \(runs[0].id), not of \(runs[1].id)") == true)
        #expect(reason(runs[2].id)?.contains("not a readable run record") == true)
        #expect(reason(runs[0].id) == nil)
        if case .missing = store.read(id: runs[3].id) {} else { Issue.record("a run never written is missing") }
    }

    @Test func aPlansRunsGetTheirStatesFromTheStore() throws {
        let (runs, plan, store) = try Self.store()
        try store.write(Self.record(runs[0]))
        try store.write(Self.record(runs[1], .failed))
        try "not json".write(toFile: Self.path(store, runs[2].id), atomically: true, encoding: .utf8)
        let states = store.states(of: plan)
        #expect(states.map(\.run.id) == runs.map(\.id), "in plan order")
        #expect(states.map(\.status) == [.done, .failed, .corrupt] + Array(repeating: .pending, count: runs.count - 3))
        #expect(states[1].detail == "it broke")
    }
}
