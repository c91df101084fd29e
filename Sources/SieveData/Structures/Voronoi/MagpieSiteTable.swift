import Foundation
import SieveCore

/// The 22 Magpie element properties of matminer's `LocalPropertyDifference.from_preset("ward-prb-2017")`
/// for elements 1–103, as matminer 0.10.1's `MagpieData(impute_nan=True)` gives them (a missing value is
/// the mean over the elements), written by `scripts/prepare_matminer_reference.py elements` into
/// `Resources/magpie_ward2017.csv` (Ward et al., npj Comput. Mater. 2, 16028, 2016).
public struct MagpieSiteTable: Sendable {
    public let properties: [String]
    /// Property values by atomic number (index 0 is hydrogen).
    public let values: [[Double]]

    public static let shipped: MagpieSiteTable = {
        guard let url = Bundle.module.url(forResource: "magpie_ward2017", withExtension: "csv") else {
            fatalError("The element table resource magpie_ward2017.csv is missing from the SieveData bundle; reinstall Sieve.")
        }
        do {
            return try MagpieSiteTable(path: url.path)
        } catch {
            fatalError("The shipped table magpie_ward2017.csv could not be read: \(error)")
        }
    }()

    public init(path: String) throws {
        var properties: [String] = []
        var values: [[Double]] = []
        try CSVReader(path: path).forEachRecord { line, fields in
            if line == 1 {
                properties = fields.dropFirst().map(String.init)
                return true
            }
            guard fields.count == properties.count + 1 else {
                throw DataError.wrongFieldCount(path: path, line: line, expected: properties.count + 1, found: fields.count)
            }
            guard fields[0] == PeriodicTable.orderedSymbols[line - 2] else {
                throw DataError.malformedRow(path: path, line: line, reason: "elements must be in order of atomic number, "
                                             + "expected \(PeriodicTable.orderedSymbols[line - 2]), found \(fields[0])")
            }
            values.append(try fields.dropFirst().enumerated().map { column, text in
                guard let v = Double(text), v.isFinite else {
                    throw DataError.notANumber(path: path, line: line, column: properties[column], text: String(text))
                }
                return v
            })
            return true
        }
        self.properties = properties
        self.values = values
    }
}
