import Dispatch
import Foundation
import Synchronization
import SieveCore

/// Runs planned runs on a fixed number of Dispatch workers, one level of parallelism: with `jobs`
/// runs at once on `cores` cores, each run gets `max(1, cores / jobs)` threads for its model.
/// Every finished run is written to the store before the next is taken; a failing run is recorded
/// and the others go on (unless `failFast`); a stop request lets running runs finish and starts
/// no new ones.
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

    /// Runs `runs` and returns their records in the order of `runs` (nil for runs never started
    /// because of a stop). `onStart` and `onFinish` are called serially.
    public func run(_ runs: [PlannedRun], executor: RunExecutor, store: RunStore, stop: StopSignal? = nil,
                    failFast: Bool = false,
                    onStart: @escaping @Sendable (PlannedRun) -> Void = { _ in },
                    onFinish: @escaping @Sendable (RunRecord) -> Void = { _ in }) -> [RunRecord?] {
        let results = Mutex([RunRecord?](repeating: nil, count: runs.count))
        let events = Mutex(())
        let next = Atomic<Int>(0)
        let workers = min(jobs, runs.count)
        let threads = threadsPerRun
        DispatchQueue.concurrentPerform(iterations: max(workers, 0)) { _ in
            while stop?.isRequested != true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < runs.count else { return }
                let run = runs[i]
                store.markStarted(run.id)
                events.withLock { _ in onStart(run) }
                var record = executor.execute(run, threads: threads)
                do {
                    try store.write(record)
                    store.clearMarker(run.id)
                } catch {
                    record.status = .failed
                    record.error = "The run finished but its record could not be stored: \(error)"
                }
                if record.status == .failed && failFast { stop?.request() }
                results.withLock { $0[i] = record }
                events.withLock { _ in onFinish(record) }
            }
        }
        return results.withLock { $0 }
    }
}
