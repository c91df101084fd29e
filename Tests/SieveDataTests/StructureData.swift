import Foundation
@testable import SieveData
import SieveTestSupport

/// The committed structure datasets and fixtures, read once per test process.
enum StructureData {
    static let root = Repository.root
    static let fixtures = Bundle.module.resourcePath! + "/Fixtures"
    static let flla = root + "/experiments/data/flla_2015.csv"
    static let elastic = root + "/experiments/data/elastic_tensor.csv"

    /// One data row: its line, and its cells by column name.
    struct Row {
        var line: Int
        var cells: [String: String]
        subscript(column: String) -> String { cells[column]! }
    }

    static func rows(of path: String) throws -> [Row] {
        var header: [String] = []
        var rows: [Row] = []
        try CSVReader(path: path).forEachRecord { line, fields in
            if line == 1 {
                header = fields.map(String.init)
            } else {
                rows.append(Row(line: line, cells: Dictionary(uniqueKeysWithValues: zip(header, fields.map(String.init)))))
            }
            return true
        }
        return rows
    }

    /// Every row of a dataset with its structure parsed (each file parsed once per process).
    static func structures(of path: String) throws -> [(row: Row, structure: CrystalStructure)] {
        switch path {
        case flla: return try parsedFlla.get()
        case elastic: return try parsedElastic.get()
        default: return try parse(path)
        }
    }

    private static let parsedFlla = Result { try parse(flla) }
    private static let parsedElastic = Result { try parse(elastic) }

    private static func parse(_ path: String) throws -> [(row: Row, structure: CrystalStructure)] {
        try rows(of: path).map { ($0, try StructureColumn.parse($0["structure"], file: path, line: $0.line)) }
    }

    /// Rock salt NaCl in its conventional cubic cell, a = 5.64 Å (8 sites).
    static func rockSalt(a: Double = 5.64) -> CrystalStructure {
        let sodium: [SIMD3<Double>] = [SIMD3(0, 0, 0), SIMD3(0, 0.5, 0.5), SIMD3(0.5, 0, 0.5), SIMD3(0.5, 0.5, 0)]
        let chlorine = sodium.map { SIMD3(($0.x + 0.5).truncatingRemainder(dividingBy: 1), ($0.y + 0.5).truncatingRemainder(dividingBy: 1),
                                          ($0.z + 0.5).truncatingRemainder(dividingBy: 1)) }
        return CrystalStructure(lattice: Lattice(rows: [a, 0, 0, 0, a, 0, 0, 0, a]),
                                atomicNumbers: [11, 11, 11, 11, 17, 17, 17, 17], fractionalCoordinates: sodium + chlorine)
    }
}
