@preconcurrency import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The claims this process holds, and the heartbeat that keeps their leases fresh: while a claim
/// is held, its marker's modification time is refreshed every `lease / 4` seconds (at most every
/// minute), so another host that cannot see this host's locks still sees the claim is alive.
public final class ClaimRegistry: Sendable {
    /// Seconds after which a marker of another host that was not refreshed is stale.
    public let lease: Double
    private let held = Mutex([String: Int32]())
    private nonisolated(unsafe) let heartbeat: DispatchSourceTimer

    /// The default lease: 10 minutes, far above the refresh interval (1 minute), so a busy
    /// machine or a slow shared file system never loses a live claim.
    public static let defaultLease: Double = 600

    public init(lease: Double = ClaimRegistry.defaultLease) {
        self.lease = lease
        let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        let interval = min(60, max(0.05, lease / 4))
        timer.schedule(deadline: .now() + interval, repeating: interval)
        heartbeat = timer
        timer.setEventHandler { [weak self] in
            self?.held.withLock { claims in
                for fd in claims.values { futimens(fd, nil) }
            }
        }
        timer.resume()
    }

    deinit {
        heartbeat.cancel()
        held.withLock { claims in
            for fd in claims.values { close(fd) }
        }
    }

    /// Claims the marker at `path`; nil when the claim is ours, otherwise who holds it.
    func claim(_ path: String, folder: String) -> ClaimHolder? {
        switch ClaimFile.claim(path, folder: folder, lease: lease) {
        case let .claimed(fd):
            held.withLock { $0[path] = fd }
            return nil
        case let .held(holder):
            return holder
        }
    }

    /// Gives a claim back: its marker is removed, then its lock released.
    func release(_ path: String) {
        guard let fd = held.withLock({ $0.removeValue(forKey: path) }) else { return }
        ClaimFile.release(path: path, descriptor: fd)
    }

    /// Who holds the marker at `path` now (nil when there is none).
    func holder(_ path: String) -> ClaimHolder? { ClaimFile.inspect(path, lease: lease) }
}
