import Foundation
import SieveData
import SieveTestSupport

/// `Tests/SieveDataTests/Fixtures/matminer_reference_structure.csv.gz` (matminer 0.10.1 on every committed
/// structure, written by `scripts/prepare_matminer_reference.py structure`) joined with the structures Sieve
/// reads from `experiments/data`; for the 241 structures with a coordinate
/// outside [0, 1), the values matminer gives once the coordinates are wrapped into the cell
/// (`matminer_reference_structure_wrapped.csv`).
enum StructureReference {
    static let root = Repository.root

    struct Row {
        var key: String
        var structure: CrystalStructure
        var cells: [String: String]
        /// The structure has a fractional coordinate outside [0, 1), so `cells` come from
        /// `matminer_reference_structure_wrapped.csv`: matminer on the same crystal with its coordinates
        /// wrapped first (pymatgen's VoronoiNN mishandles such sites; see the reference script).
        var wrapped: Bool
        var errors: String { cells["errors"] ?? "" }
    }

    static func records(_ path: String) throws -> [[String: String]] {
        var header: [String] = []
        var rows: [[String: String]] = []
        let reader = path.hasSuffix(".gz") ? CSVReader(text: try gunzip(path), path: path) : try CSVReader(path: path)
        try reader.forEachRecord { line, fields in
            if line == 1 { header = fields.map(String.init) } else {
                rows.append(Dictionary(uniqueKeysWithValues: zip(header, fields.map(String.init))))
            }
            return true
        }
        return rows
    }

    /// A gzip file's text, by the system's `gzip -dc` (the full reference is kept compressed: 3.9 MB for 9.8).
    static func gunzip(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let text = String(data: data, encoding: .utf8) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
        }
        return text
    }

    static func rows() throws -> [Row] {
        var structures: [String: CrystalStructure] = [:]
        for name in ["flla_2015", "elastic_tensor"] {
            let path = root + "/experiments/data/\(name).csv"
            for (i, record) in try records(path).enumerated() {
                structures["\(name)/\(record["material_id"]!)"] = try StructureColumn.parse(record["structure"]!, file: path, line: i + 2)
            }
        }
        let fixtures = root + "/Tests/SieveDataTests/Fixtures/"
        var wrapped: [String: [String: String]] = [:]
        for cells in try records(fixtures + "matminer_reference_structure_wrapped.csv") {
            wrapped["\(cells["dataset"]!)/\(cells["material_id"]!)"] = cells
        }
        return try records(fixtures + "matminer_reference_structure.csv.gz").map { cells in
            let key = "\(cells["dataset"]!)/\(cells["material_id"]!)"
            let structure = structures[key]!
            let outside = structure.fractionalCoordinates.contains { f in [f.x, f.y, f.z].contains { $0 < 0 || $0 >= 1 } }
            precondition(outside == (wrapped[key] != nil), "\(key): the wrapped reference must hold exactly the out-of-cell structures")
            return Row(key: key, structure: structure, cells: wrapped[key] ?? cells, wrapped: outside)
        }
    }
}
