import ArgumentParser
import Foundation
import SieveCore
import SieveData
import SieveModels
import SieveSelection

/// ET-AL (Zhang et al., Appl. Phys. Rev. 10, 021403, 2023) on the benchmark's flla_2015 split: one
/// campaign, timed per iteration, with the acquisition order written for bench/reference/etal_reference.py
/// to compare. Representation: 32 principal components of the standardised Magpie features of all rows.
struct EntropyTargetedBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "etal", abstract: "An ET-AL campaign: time per iteration and acquisition order.")

    @Option(help: "Featurised CSV (formula, target, features…).") var data: String
    @Option(help: "row,crystal_system for every data row.") var groups: String
    @Option(help: "role,row split (labelled, pool, test) from bench/reference/etal_split.py.") var split: String
    @Option(help: "seeded (Sieve's own draws) or shared (draws read from --draws).") var mode = "seeded"
    @Option(help: "Standard-normal draws, rows × 1000 float64 little-endian (for --mode shared).") var draws: String?
    @Option(help: "Iterations at most.") var maxIterations = 1000
    @Option(help: "Threads.") var threads = 1
    @Option(help: "Folder for the acquisition order.") var export: String

    func run() throws {
        let dataset = try DatasetLoader().load(DatasetOptions(path: data, target: "target", features: .excluding(["formula"])))
        var rowGroups = [String](repeating: "", count: dataset.targets.count)
        try CSVReader(path: groups).forEachRecord { line, f in
            if line > 1, let r = Int(f[0]) { rowGroups[r] = String(f[1]) }
            return true
        }
        var labelled: [Int] = [], pool: [Int] = []
        try CSVReader(path: split).forEachRecord { line, f in
            guard line > 1, let r = Int(f[1]) else { return true }
            if f[0] == "labelled" { labelled.append(r) } else if f[0] == "pool" { pool.append(r) }
            return true
        }
        let t0 = Date()
        let all = Array(0..<dataset.targets.count)
        let representation = try PrincipalComponents(fitting: dataset.features, rows: all, count: 32).transform(dataset.features, rows: all)
        var source = EntropyTargetedLearner.Draws.seeded
        if mode == "shared" {
            guard let draws, let bytes = FileManager.default.contents(atPath: draws) else {
                throw ValidationError("--mode shared needs --draws with a readable file.")
            }
            let values = bytes.withUnsafeBytes { raw in (0..<(bytes.count / 8)).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self) } }
            source = .table(Matrix(rows: all.count, columns: values.count / all.count, storage: values))
        }
        let learner = EntropyTargetedLearner(labels: dataset.targets, rowGroups: rowGroups, representation: representation, pool: pool,
                                             seed: 7, draws: source)
        var first: Double?
        var last = Date()
        let final = try learner.run(from: learner.start(labelled: labelled), maxIterations: maxIterations, threadShare: { threads }) { s in
            if first == nil && !s.iterations.isEmpty { first = Date().timeIntervalSince(last) }
            last = Date()
        }
        let total = Date().timeIntervalSince(t0)
        try FileManager.default.createDirectory(atPath: export, withIntermediateDirectories: true)
        var text = "iteration,row,group,ei,constant,outputscale,lengthscale,noise,labelled_in_group,candidates,best_start,evaluations,fit_s,scoring_s\n"
        for (i, it) in final.iterations.enumerated() {
            let a = it.acquisition, h = a.hyperparameters
            let numbers = [a.expectedImprovement, h?.constant ?? .nan, h?.outputScale ?? .nan, h?.lengthScale ?? .nan, h?.noise ?? .nan]
            text += "\(i),\(a.row),\(a.group)," + numbers.map(\.description).joined(separator: ",")
                + ",\(a.labelledInGroup),\(a.candidates),\(a.fit.map { String($0.start) } ?? ""),\(a.fit?.totalEvaluations ?? 0),"
                + "\(NumberText.fixed(a.fitSeconds, 4)),\(NumberText.fixed(a.scoringSeconds, 4))\n"
        }
        try text.write(toFile: export + "/etal-sieve-\(mode).csv", atomically: true, encoding: .utf8)
        let fit = final.iterations.reduce(0) { $0 + $1.acquisition.fitSeconds }
        let scoring = final.iterations.reduce(0) { $0 + $1.acquisition.scoringSeconds }
        let evaluations = final.iterations.reduce(0) { $0 + ($1.acquisition.fit?.totalEvaluations ?? 0) }
        let n = Swift.max(1, final.iterations.count)
        let slowest = final.iterations.map { $0.acquisition.fitSeconds + $0.acquisition.scoringSeconds }.max() ?? 0
        print("sieve etal mode=\(mode) labelled=\(labelled.count) pool=\(pool.count) threads=\(threads) iterations=\(final.iterations.count) "
              + "stop=\((final.stopReason?.rawValue ?? "none").replacingOccurrences(of: " ", with: "_")) "
              + "one_iteration_s=\(NumberText.fixed(first ?? 0, 3)) campaign_s=\(NumberText.fixed(total, 2)) "
              + "per_iteration_s=\(NumberText.fixed(total / Double(n), 3)) slowest_iteration_s=\(NumberText.fixed(slowest, 3)) gp_fit_s=\(NumberText.fixed(fit, 2)) "
              + "scoring_s=\(NumberText.fixed(scoring, 2)) likelihood_evaluations_per_iteration=\(evaluations / n)")
    }
}
