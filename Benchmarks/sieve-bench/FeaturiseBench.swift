import ArgumentParser
import Foundation
import SieveCore
import SieveData

/// The redundancy paper's 273 matminer features computed natively, timed on the first rows of a
/// structure CSV: each structure family alone (on one thread, beside the Voronoi cells they share),
/// the 128 structure features and the whole 273 on `--threads` threads. CSV reading, structure
/// parsing and spglib are left out, as matminer's side (bench/reference/matminer_featurise.py)
/// leaves out pymatgen's reading. Prints `key=value` lines for bench/run.sh.
struct FeaturiseBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "featurise", abstract: "Time the 273 matminer features (Magpie, composition, Voronoi structure families).")

    @Option(help: "CSV with a POSCAR structure column (experiments/data/flla_2015.csv).") var data: String
    @Option(help: "The structure column.") var column = "structure"
    @Option(help: "How many structures, from the first data row on.") var rows = 100
    @Option(help: "Threads for the structure families.") var threads = 1
    @Option(help: "Repeat the timed passes and keep the fastest (under 1 s per pass, noise dominates).") var repeats = 1

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    func run() throws {
        let reader = try CSVReader(path: data)
        var index = 0
        var cells: [(line: Int, text: String)] = []
        try reader.forEachRecord { line, fields in
            if line == 1 {
                guard let i = fields.firstIndex(where: { $0 == column }) else { throw ValidationError("\(data) has no column '\(column)'.") }
                index = i
                return true
            }
            cells.append((line, String(fields[index])))
            return cells.count < rows
        }
        let structures = try cells.map { try StructureColumn.parse($0.text, file: data, line: $0.line) }
        let lines = cells.map(\.line)
        let compositions = structures.map(\.composition)
        let families = StructureFamily.allCases
        let magpie = MagpieFeaturizer()
        func best(_ body: () throws -> Void) rethrows -> Double {
            var fastest = Double.infinity
            for _ in 0..<max(1, repeats) { fastest = min(fastest, try Self.seconds(body)) }
            return fastest
        }

        // Each family on one thread, the cells apart: what one featuriser alone would add to them.
        var tessellations: [SiteCells?] = []
        let cellSeconds = best { tessellations = structures.map { try? SiteCells($0) } }
        var perFamily: [String] = []
        for family in families {
            let t = best {
                for (structure, cells) in zip(structures, tessellations) {
                    if let cells { _ = family.features(of: structure, cells: cells) }
                }
            }
            perFamily.append("family_\(family.rawValue)_s=\(t)")
        }
        // The 145 composition features (single-threaded: microseconds per row).
        var row = [Float](repeating: 0, count: magpie.featureCount)
        let compositionSeconds = best {
            for c in compositions {
                row.withUnsafeMutableBufferPointer { magpie.features(of: c, into: $0) }
                for f in CompositionFamily.allCases { _ = f.features(of: c) }
            }
        }
        // The 128 structure features as the loader computes them: one tessellation per structure for all five.
        var failed = 0
        let structureSeconds = best {
            let out = StructureFamily.features(of: structures, families: families, lines: lines, path: data, threads: threads)
            failed = out.filter { (try? $0.get()) == nil }.count
        }
        print("sieve featurise structures=\(structures.count) without_cells=\(failed) threads=\(threads) repeats=\(repeats)")
        print("cells_s=\(cellSeconds)")
        for line in perFamily { print(line) }
        print("composition_s=\(compositionSeconds)")
        print("structure_s=\(structureSeconds)")
        print("all_s=\(compositionSeconds + structureSeconds)")
    }
}
