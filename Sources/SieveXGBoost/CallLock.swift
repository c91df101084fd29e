import Synchronization

/// A mutual-exclusion lock around a closure.
final class CallLock: Sendable {
    private let mutex = Mutex(())

    func locked<R>(_ body: () throws -> R) throws -> R {
        try mutex.withLock { _ in try body() }
    }
}
