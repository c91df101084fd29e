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

    public static let shipped: MagpieSiteTable = shippedTable("magpie_ward2017", MagpieSiteTable.init(path:))

    public init(path: String) throws {
        let table = try ElementPropertyCSV(path: path)
        for (index, row) in table.rows.enumerated() where row.element != PeriodicTable.orderedSymbols[index] {
            throw DataError.malformedRow(path: path, line: row.line, reason: "elements must be in order of atomic number, "
                                         + "expected \(PeriodicTable.orderedSymbols[index]), found \(row.element)")
        }
        properties = table.properties
        values = table.rows.map(\.values)
    }
}
