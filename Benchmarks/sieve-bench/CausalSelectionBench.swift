import ArgumentParser
import Synchronization
import Foundation
import SieveCausal
import SieveCore

/// The whole causal subset-selection experiment of Fox & Ghosh, timed: subsets by a 3-component
/// Gaussian mixture on MolLogP, TPSA and MolMR, the global DirectLiNGAM graph (9 descriptors +
/// dipole as a sink), then `--runs` seeded runs of `--iterations` iterations in each mode (causal
/// and the random control), the runs spread over the threads (each fit single-threaded).
struct CausalSelectionBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "causal-selection", abstract: "Time the causal subset-selection experiment.")

    @Option(help: "QM9 descriptor CSV (scripts/prepare_qm9.py).") var data = "data/full/qm9_descriptors.csv"
    @Option(help: "Seeded runs per mode.") var runs = 10
    @Option(help: "Iterations per run.") var iterations = 40
    @Option(help: "Rows added per iteration.") var batch = 20
    @Option(help: "Threads.") var threads = 2

    func run() throws {
        let names = LingamBench.paperColumns
        let start = Date()
        let pool = try LingamBench.load(data, columns: names)
        let space = try LingamBench.load(data, columns: ["MolLogP", "TPSA", "MolMR"])
        let loaded = Date()
        let mixture = try GaussianMixture(components: 3).fit(space, seed: 0)
        let labels = mixture.labels(space)
        let subsets = (0..<3).map { c in labels.indices.filter { labels[$0] == c } }
        let clustered = Date()
        let prior = try PriorKnowledge(variables: names.count, sinks: [names.count - 1])
        let model = DirectLiNGAM(priorKnowledge: prior)
        let global = try model.fit(pool, threads: threads)
        let globalDone = Date()
        let jobs = CausalSubsetSelection.Mode.allCases.flatMap { mode in (0..<runs).map { (mode, UInt64($0)) } }
        let selections = try jobs.map { mode, seed in
            try CausalSubsetSelection(data: pool, subsets: subsets, global: global, model: model, mode: mode, batch: batch, seed: seed)
        }
        let iterations = self.iterations
        let finals = try ParallelRuns.map(count: selections.count, threads: threads) { i -> CausalSelectionState in
            var state = selections[i].start()
            for _ in 0..<iterations { state = try selections[i].step(state, threads: 1) }
            return state
        }
        let end = Date()
        for mode in CausalSubsetSelection.Mode.allCases {
            let states = zip(jobs, finals).filter { $0.0.0 == mode }.map(\.1)
            let last = states.map { $0.iterations.last!.loss }
            print("sieve causal-selection mode=\(mode.rawValue) runs=\(states.count) final_size=\(states[0].rows.count) "
                  + "final_loss_mean=\(NumberText.fixed(last.reduce(0, +) / Double(last.count), 4)) "
                  + "first_loss_mean=\(NumberText.fixed(states.map { $0.iterations[0].loss }.reduce(0, +) / Double(states.count), 4))")
        }
        print("sieve causal-selection pool=\(pool.rows) subsets=\(subsets.map(\.count).map(String.init).joined(separator: "/")) threads=\(threads) "
              + "load_s=\(NumberText.fixed(loaded.timeIntervalSince(start), 2)) gmm_s=\(NumberText.fixed(clustered.timeIntervalSince(loaded), 2)) "
              + "global_s=\(NumberText.fixed(globalDone.timeIntervalSince(clustered), 2)) runs_s=\(NumberText.fixed(end.timeIntervalSince(globalDone), 2)) "
              + "total_s=\(NumberText.fixed(end.timeIntervalSince(start), 2))")
    }
}

/// Independent runs over a thread budget, each result in its own slot.
enum ParallelRuns {
    static func map<T: Sendable>(count: Int, threads: Int, _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
        let slots = Mutex([Result<T, any Error>?](repeating: nil, count: count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(threads, count))) { _ in
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                if i >= count { break }
                let r = Result { try body(i) }
                slots.withLock { $0[i] = r }
            }
        }
        return try slots.withLock { try $0.map { try $0!.get() } }
    }
}
