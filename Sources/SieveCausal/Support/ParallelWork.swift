import Dispatch
import Synchronization

/// Deterministic fan-out of independent work items over a thread budget.
///
/// Items are claimed from a shared counter and every result lands in its own slot, so the output is
/// the same for any number of threads; with one thread (or one item) no thread is started.
enum ParallelWork {
    /// `body(i)` for every `i` in `0..<count`, in slot order.
    static func map<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) throws -> T) rethrows -> [T] {
        let workers = Swift.max(1, Swift.min(threads, count))
        if workers == 1 { return try (0..<count).map(body) }
        let slots = Mutex([Result<T, any Error>?](repeating: nil, count: count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var local: [(Int, Result<T, any Error>)] = []
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                if i >= count { break }
                local.append((i, Result { try body(i) }))
            }
            slots.withLock { all in for (i, r) in local { all[i] = r } }
        }
        return try slots.withLock { all in try all.map { try $0!.get() } }
    }
}
