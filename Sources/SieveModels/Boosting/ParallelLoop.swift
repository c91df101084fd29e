import Dispatch
import Synchronization

/// Runs `items` independent work units on up to `threads` threads, each unit exactly once.
///
/// Units are handed out in order from a shared counter. The caller makes every unit write memory
/// of its own and combines the units' results in unit order afterwards, so the outcome never
/// depends on which thread ran which unit, nor on how many threads there were.
enum ParallelLoop {
    static func run(items: Int, threads: Int, _ body: @Sendable (_ item: Int, _ worker: Int) -> Void) {
        let workers = Swift.min(threads, items)
        if workers <= 1 {
            for item in 0..<items { body(item, 0) }
            return
        }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            while true {
                let item = next.add(1, ordering: .relaxed).oldValue
                if item >= items { break }
                body(item, worker)
            }
        }
    }
}
