import Foundation
import SieveCore

/// The shape every element table Sieve ships has: a header `element,<property>,…`, then one row per
/// element of numbers. Read once here for the Magpie tables; a bad row is a `DataError` with its line.
struct ElementPropertyCSV {
    let properties: [String]
    /// Each row's line, element symbol and values in `properties` order.
    let rows: [(line: Int, element: String, values: [Double])]

    init(path: String) throws {
        var properties: [String] = []
        var rows: [(line: Int, element: String, values: [Double])] = []
        try CSVReader(path: path).forEachRecord { line, fields in
            if line == 1 {
                properties = fields.dropFirst().map(String.init)
                return true
            }
            guard fields.count == properties.count + 1 else {
                throw DataError.wrongFieldCount(path: path, line: line, expected: properties.count + 1, found: fields.count)
            }
            let values = try fields.dropFirst().enumerated().map { column, text in
                guard let v = Double(text), v.isFinite else {
                    throw DataError.notANumber(path: path, line: line, column: properties[column], text: String(text))
                }
                return v
            }
            rows.append((line, String(fields[0]), values))
            return true
        }
        self.properties = properties
        self.rows = rows
    }
}

/// A table shipped as a resource of this package, read once per process; a missing or unreadable
/// resource is a broken installation, so it stops with a sentence saying so.
func shippedTable<Table>(_ resource: String, _ read: (String) throws -> Table) -> Table {
    guard let url = Bundle.module.url(forResource: resource, withExtension: "csv") else {
        fatalError("The table resource \(resource).csv is missing from the SieveData bundle; reinstall Sieve.")
    }
    do {
        return try read(url.path)
    } catch {
        fatalError("The shipped table \(resource).csv could not be read: \(error)")
    }
}
