import ArgumentParser
import Foundation
import SieveData

/// Time to read a structure column and find every space group: CSV read, structure parsing
/// (POSCAR or pymatgen dict), spglib at the given symprec, and the structure features.
/// Prints one `key=value` line per phase and the crystal-system counts.
struct StructureBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "structures", abstract: "Parse a structure column and find every space group.")

    @Option(help: "CSV with a structure column (POSCAR text or pymatgen dicts).") var data: String
    @Option(help: "The structure column.") var column = "structure"
    @Option(help: "spglib's distance tolerance in Å.") var symprec = CrystalStructure.defaultSymprec
    @Option(help: "Threads for the space-group search.") var threads = 1

    func run() throws {
        let start = Date()
        let reader = try CSVReader(path: data)
        var index = 0
        var cells: [(line: Int, text: String)] = []
        try reader.forEachRecord { line, fields in
            if line == 1 {
                guard let i = fields.firstIndex(where: { $0 == column }) else {
                    throw ValidationError("\(data) has no column '\(column)'.")
                }
                index = i
            } else {
                cells.append((line, String(fields[index])))
            }
            return true
        }
        let read = Date()
        let structures = try cells.map { try StructureColumn.parse($0.text, file: data, line: $0.line) }
        let parsed = Date()
        let groups = try StructureColumn.spaceGroups(of: structures, lines: cells.map(\.line), file: data,
                                                     symprec: symprec, threads: threads)
        let searched = Date()
        let features = zip(structures, groups).map { StructureFeatures.values(for: $0, spaceGroup: $1) }
        let featurised = Date()
        print("structures=\(structures.count) sites=\(structures.reduce(0) { $0 + $1.siteCount })")
        print("csv_seconds=\(read.timeIntervalSince(start))")
        print("parse_seconds=\(parsed.timeIntervalSince(read))")
        print("spglib_seconds=\(searched.timeIntervalSince(parsed)) (\(threads) threads)")
        print("features_seconds=\(featurised.timeIntervalSince(searched)) (\(features.count) rows)")
        var counts: [CrystalSystem: Int] = [:]
        for g in groups { counts[g.crystalSystem, default: 0] += 1 }
        print(counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))
    }
}
