#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A documented test switch: `SIEVE_FAULT=<step>[:<n>]` kills this process with SIGKILL the
/// `n`-th time (default 1) it reaches `step` of the claim → run → record protocol, so tests stop
/// a grid at an exact point instead of racing a `kill -9` against the clock.
///
/// Unset (always, outside tests), ``reach(_:)`` is one load of a value read once.
public enum FaultInjection {
    /// The named points of the protocol, in the order one run passes them.
    public enum Step: String, Sendable, CaseIterable {
        /// The claim's marker file exists (under its temporary name), still empty.
        case markerCreated = "marker-created"
        /// The marker is written, locked and in place: the run or campaign is claimed.
        case markerWritten = "marker-written"
        /// The run's record is stored; the marker is still there.
        case recordWritten = "record-written"
        /// A campaign's checkpoint is stored (after each iteration, and when it finishes), so a
        /// campaign can be killed between two of its iterations.
        case checkpointWritten = "checkpoint-written"
        /// Just before the marker is removed.
        case beforeRelease = "before-release"
    }

    private static let target: (step: Step, count: Int)? = {
        guard let raw = getenv("SIEVE_FAULT").map({ String(cString: $0) }), !raw.isEmpty else { return nil }
        let parts = raw.split(separator: ":", maxSplits: 1).map(String.init)
        guard let step = Step(rawValue: parts[0]) else { return nil }
        return (step, parts.count > 1 ? max(1, Int(parts[1]) ?? 1) : 1)
    }()

    private static let reached = Mutex(0)

    /// Kills the process here if `SIEVE_FAULT` names this step and this is its n-th time.
    public static func reach(_ step: Step) {
        guard let target, target.step == step else { return }
        let count = reached.withLock { value -> Int in
            value += 1
            return value
        }
        if count == target.count { kill(getpid(), SIGKILL) }
    }
}
