import Foundation
import Synchronization
import SieveCore
import SievePlan
import SieveSelection

/// What happens while a grid runs, for progress displays.
public enum ProgressEvent: Sendable {
    /// Something about the data the user should know (not an error).
    case warning(String)
    /// The grid is planned: `total` runs to do now, `reused` already done.
    case began(total: Int, reused: Int, jobs: Int, threadsPerRun: Int)
    case runStarted(PlannedRun, ProgressSnapshot)
    case runFinished(RunRecord, ProgressSnapshot)
    /// A campaign ended (done, failed, or stopped between iterations).
    case campaignFinished(PlannedCampaign, CampaignRecord)
}

/// Counts and timing at one moment of a grid.
public struct ProgressSnapshot: Sendable {
    public let finished: Int
    public let failed: Int
    public let running: Int
    public let total: Int
    public let elapsed: Double
    /// Seconds left, estimated from the runs finished so far (weighted by their training size)
    /// and the time since the first run started; nil before the first run finishes.
    public let remaining: Double?
}

/// Keeps the counts behind ``ProgressSnapshot``s; safe to call from any thread.
public final class ProgressTracker: Sendable {
    private struct State {
        var finished = 0, failed = 0, running = 0
        var doneCost = 0.0, startedCost = 0.0
        /// When the first run started: campaigns run before runs, and their time says nothing
        /// about how long the runs take.
        var firstRun: Date?
    }

    private let state = Mutex(State())
    private let start = Date()
    private let total: Int
    private let totalCost: Double

    public init(runs: [PlannedRun]) {
        total = runs.count
        totalCost = runs.reduce(0) { $0 + $1.weight }
    }

    public func started(_ run: PlannedRun) -> ProgressSnapshot {
        state.withLock {
            $0.running += 1
            if $0.firstRun == nil { $0.firstRun = Date() }
            return snapshot($0)
        }
    }

    public func finished(_ run: PlannedRun, failed: Bool) -> ProgressSnapshot {
        state.withLock {
            $0.running -= 1; $0.finished += 1
            if failed { $0.failed += 1 }
            $0.doneCost += run.weight
            return snapshot($0)
        }
    }

    private func snapshot(_ s: State) -> ProgressSnapshot {
        let elapsed = Date().timeIntervalSince(start)
        let runTime = Date().timeIntervalSince(s.firstRun ?? start)
        let remaining = s.doneCost > 0 ? runTime * (totalCost - s.doneCost) / s.doneCost : nil
        return ProgressSnapshot(finished: s.finished, failed: s.failed, running: s.running, total: total,
                                elapsed: elapsed, remaining: remaining)
    }
}
