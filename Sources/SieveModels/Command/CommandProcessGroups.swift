import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The process groups of the external commands running now, so that stopping Sieve at once
/// (a second Ctrl-C) can stop them too instead of leaving them running unsupervised.
///
/// Every command a ``CommandModel`` starts runs in a process group of its own (see
/// ``ChildProcess``), registered here while it runs. ``stopAll()`` kills every registered group
/// and refuses new ones, so a command that was about to start cannot slip past it.
public final class CommandProcessGroups: Sendable {
    /// The groups of this process's commands; the second Ctrl-C stops these.
    public static let shared = CommandProcessGroups()

    private struct State {
        var groups: Set<pid_t> = []
        var closed = false
    }

    private let state = Mutex(State())

    public init() {}

    /// The groups registered now.
    public var running: [pid_t] { state.withLock { $0.groups.sorted() } }

    /// Records a running group; false once ``stopAll()`` has been called (the caller must then
    /// stop the group itself).
    func register(_ group: pid_t) -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            state.groups.insert(group)
            return true
        }
    }

    func unregister(_ group: pid_t) {
        _ = state.withLock { $0.groups.remove(group) }
    }

    /// Kills every registered group (SIGKILL: this is the "stop at once" path), refuses groups
    /// registered from now on, and waits until none of their processes runs (at most
    /// `deadline` seconds). Returns the groups it stopped.
    @discardableResult
    public func stopAll(deadline seconds: Double = 2) -> [pid_t] {
        let groups = state.withLock { state -> [pid_t] in
            state.closed = true
            return state.groups.sorted()
        }
        for group in groups { kill(-group, SIGKILL) }
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline && groups.contains(where: ChildProcess.groupHasLiveMembers) { usleep(5_000) }
        return groups
    }
}
