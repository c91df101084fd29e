import Dispatch
import Foundation
import Synchronization
import SieveCore
import SievePlan
import SieveSelection

/// Runs campaigns and runs on a fixed number of Dispatch workers, one level of parallelism: with
/// `jobs` units at once on `cores` cores, each gets `max(1, cores / jobs)` threads for its model.
/// A campaign asks again at every iteration and gets `cores / units running`, so the last long
/// campaign of a grid does not leave cores idle.
/// Campaigns come first; a run that trains on a campaign's result waits until that campaign is
/// done (workers take other ready runs meanwhile). Every finished run is written to the store
/// before the next is taken; a failing run is recorded and the others go on (unless `failFast`);
/// a stop request lets running units finish and starts no new ones.
public struct RunScheduler: Sendable {
    public let jobs: Int
    public let cores: Int

    public init(jobs: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount) {
        precondition(jobs >= 1, "The scheduler needs at least one job slot.")
        self.jobs = jobs
        self.cores = max(1, cores)
    }

    /// Threads each run may keep busy.
    public var threadsPerRun: Int { max(1, cores / jobs) }

    /// Runs `campaigns` then `runs`; returns the run records in the order of `runs` (nil for runs
    /// never started because of a stop). Callbacks are called serially.
    public func run(_ runs: [PlannedRun], campaigns: [PlannedCampaign] = [], finishedCampaigns: Set<String> = [],
                    executor: RunExecutor, campaignExecutor: CampaignExecutor? = nil, store: any ExecutionStore,
                    stop: StopSignal? = nil, failFast: Bool = false,
                    onStart: @escaping @Sendable (PlannedRun) -> Void = { _ in },
                    onFinish: @escaping @Sendable (RunRecord) -> Void = { _ in },
                    onCampaign: @escaping @Sendable (PlannedCampaign, CampaignRecord) -> Void = { _, _ in }) -> [RunRecord?] {
        let results = Mutex([RunRecord?](repeating: nil, count: runs.count))
        let events = Mutex(())
        let queue = WorkQueue(runs: runs, campaigns: campaigns, finished: finishedCampaigns, stop: stop)
        let threads = threadsPerRun
        let running = Atomic<Int>(0)
        let cores = cores
        let share: @Sendable () -> Int = { max(threads, cores / max(1, running.load(ordering: .relaxed))) }
        let workers = min(jobs, runs.count + campaigns.count)
        DispatchQueue.concurrentPerform(iterations: max(workers, 0)) { _ in
            while true {
                switch queue.next() {
                case .finished:
                    queue.wakeAll()
                    return
                case let .campaign(c):
                    let campaign = campaigns[c]
                    // Another process runs it: leave it, and the runs that wait for it, to that process.
                    switch store.claimCampaign(campaign.id) {
                    case .ours: break
                    case .finished:
                        queue.finish(campaign.id, done: true)
                        continue
                    case .heldElsewhere:
                        queue.finish(campaign.id, done: false, elsewhere: true)
                        continue
                    }
                    running.add(1, ordering: .relaxed)
                    let record = campaignExecutor?.execute(campaign, threadShare: share, stop: stop)
                    running.subtract(1, ordering: .relaxed)
                    store.releaseCampaign(campaign.id)
                    queue.finish(campaign.id, done: record?.status == .done)
                    if let record { events.withLock { _ in onCampaign(campaign, record) } }
                    if record?.status == .failed && failFast { stop?.request() }
                case let .run(i):
                    let run = runs[i]
                    // Another process runs it: never do the same work twice.
                    guard store.claimRun(run.id) == .ours else { continue }
                    events.withLock { _ in onStart(run) }
                    running.add(1, ordering: .relaxed)
                    var record = executor.execute(run, threads: threads)
                    running.subtract(1, ordering: .relaxed)
                    do {
                        try store.store(record)
                    } catch {
                        record.status = .failed
                        record.error = "The run finished but its record could not be stored: \(error)"
                    }
                    if record.status == .failed && failFast { stop?.request() }
                    results.withLock { $0[i] = record }
                    events.withLock { _ in onFinish(record) }
                }
            }
        }
        return results.withLock { $0 }
    }
}

/// The scheduler's shared queue: campaigns first (those that runs wait for, then the costliest, so
/// the longest campaigns do not start last and leave a core idle), then runs whose campaign (if
/// any) is finished; workers with nothing ready wait until a campaign finishes.
private final class WorkQueue: @unchecked Sendable {
    enum Next { case campaign(Int), run(Int), finished }

    private let runs: [PlannedRun]
    /// Campaign indices in the order they start.
    private let campaignOrder: [Int]
    private let stop: StopSignal?
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var nextCampaign = 0
    private var waiting: [Int]
    /// Finished campaigns (true: done) by id.
    private var finished: [String: Bool]

    init(runs: [PlannedRun], campaigns: [PlannedCampaign], finished: Set<String>, stop: StopSignal?) {
        self.runs = runs
        let awaited = Set(runs.compactMap(\.campaign))
        self.campaignOrder = campaigns.indices.sorted { a, b in
            let (x, y) = (campaigns[a], campaigns[b])
            if awaited.contains(x.id) != awaited.contains(y.id) { return awaited.contains(x.id) }
            return x.cost != y.cost ? x.cost > y.cost : a < b
        }
        self.stop = stop
        self.waiting = Array(runs.indices)
        self.finished = Dictionary(uniqueKeysWithValues: finished.map { ($0, true) })
    }

    func next() -> Next {
        condition.lock(); defer { condition.unlock() }
        while true {
            if stop?.isRequested == true { return .finished }
            if nextCampaign < campaignOrder.count {
                nextCampaign += 1
                return .campaign(campaignOrder[nextCampaign - 1])
            }
            if let position = waiting.firstIndex(where: { i in runs[i].campaign.map { finished[$0] != nil } ?? true }) {
                return .run(waiting.remove(at: position))
            }
            if waiting.isEmpty { return .finished }
            condition.wait()
        }
    }

    /// `elsewhere`: another process runs the campaign, so the runs that need it are left to it.
    func finish(_ campaign: String, done: Bool, elsewhere: Bool = false) {
        condition.lock()
        finished[campaign] = done
        if elsewhere { waiting.removeAll { runs[$0].campaign == campaign } }
        condition.broadcast()
        condition.unlock()
    }

    func wakeAll() {
        condition.lock(); condition.broadcast(); condition.unlock()
    }
}
