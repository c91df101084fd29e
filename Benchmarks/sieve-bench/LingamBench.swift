import ArgumentParser
import Foundation
import SieveCausal
import SieveCore
import SieveData

/// DirectLiNGAM on the QM9 descriptor table: the paper's 9 selected descriptors + dipole (a sink),
/// all rows or an evenly strided subset, timed; the graph goes to `--export` for
/// bench/reference/lingam_reference.py to compare with lingam 1.13.0 on the same rows.
struct LingamBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lingam", abstract: "DirectLiNGAM fit time and graph.")

    static let paperColumns = ["ExactMolWt", "HeavyAtomMolWt", "NumValenceElectrons", "NumSaturatedRings", "NOCount",
                               "NumHDonors", "NumAliphaticRings", "NumHeteroatoms", "NumSaturatedCarbocycles", "dipole"]

    @Option(help: "QM9 descriptor CSV (scripts/prepare_qm9.py).") var data = "data/full/qm9_descriptors.csv"
    @Option(help: "Rows: 0 for all, else m rows i·n/m (i < m).") var rows = 0
    @Option(help: "Comma-separated columns; the last is the sink.") var columns = paperColumns.joined(separator: ",")
    @Option(help: "Threads.") var threads = 1
    @Flag(help: "Standardise the columns first (as the paper's feature selection does).") var standardise = false
    @Option(help: "Times to repeat the fit (the best time is reported).") var repeats = 1
    @Option(help: "Folder for the graph (lingam_<rows>.json).") var export: String

    func run() throws {
        let names = columns.split(separator: ",").map(String.init)
        let table = try Self.load(data, columns: names)
        let selected = rows == 0 ? Array(0..<table.rows) : (0..<rows).map { $0 * table.rows / rows }
        let raw = ColumnMatrix(table, rows: selected)
        let x = standardise ? ColumnStatistics.standardised(raw) : raw
        let model = DirectLiNGAM(priorKnowledge: try PriorKnowledge(variables: names.count, sinks: [names.count - 1]))
        var best = Double.infinity, bestCPU = Double.infinity
        var graph: CausalGraph?
        for _ in 0..<Swift.max(1, repeats) {
            let start = Date(), cpu = Self.processCPUSeconds()
            graph = try model.fit(x, threads: threads)
            best = Swift.min(best, Date().timeIntervalSince(start))
            bestCPU = Swift.min(bestCPU, Self.processCPUSeconds() - cpu)
        }
        try FileManager.default.createDirectory(atPath: export, withIntermediateDirectories: true)
        let out: [String: Any] = ["rows": selected.count, "order": graph!.causalOrder,
                                  "adjacency": (0..<names.count).map { i in Array(graph!.adjacency[i * names.count ..< (i + 1) * names.count]) }]
        try JSONSerialization.data(withJSONObject: out).write(to: URL(fileURLWithPath: "\(export)/lingam_\(rows).json"))
        print("sieve lingam rows=\(selected.count) variables=\(names.count) threads=\(threads) fit_s=\(NumberText.fixed(best, 4)) fit_cpu_s=\(NumberText.fixed(bestCPU, 4)) "
              + "order=\(graph!.causalOrder.map(String.init).joined(separator: "-")) peak_rss_mb=\(PeakMemory.megabytes())")
        let ranked = CausalFeatureRanking.top(graph!, keep: names.count - 1, excluding: [names.count - 1])
        print("sieve lingam ranking (|column mean of B|, sink excluded): " + ranked.map { names[$0] }.joined(separator: ","))
    }

    /// CPU seconds used by all threads of this process so far (load on a shared machine does not count).
    static func processCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// The named columns of a numeric CSV, in double precision.
    static func load(_ path: String, columns: [String]) throws -> Matrix<Double> {
        let reader = try CSVReader(path: path)
        let header = try reader.header()
        let indices = try columns.map { name -> Int in
            guard let i = header.firstIndex(of: name) else { throw ValidationError("\(path) has no column \(name).") }
            return i
        }
        var values: [Double] = []
        var count = 0
        try reader.forEachRecord { line, fields in
            guard line > 1 else { return true }
            for i in indices {
                guard let v = Double(fields[i]) else { throw ValidationError("\(path):\(line): \(fields[i]) is not a number.") }
                values.append(v)
            }
            count += 1
            return true
        }
        return Matrix(rows: count, columns: columns.count, storage: values)
    }
}
