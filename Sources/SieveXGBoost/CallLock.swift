import Synchronization

/// A mutual-exclusion lock around a closure that may throw a typed error.
final class CallLock: Sendable {
    private let mutex = Mutex(())

    func locked<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        try mutex.withLock { (_: inout ()) throws(E) -> R in try body() }
    }
}
