import Foundation
import SieveCore

/// The 22 Magpie element properties for 97 elements (Ward et al., "A general-purpose machine
/// learning framework for predicting properties of inorganic materials", npj Comput. Mater. 2,
/// 16028, 2016), as shipped in CrabNet 2.0.8 (`crabnet/data/element_properties/magpie.csv`, MIT).
public struct MagpieTable: Sendable {
    /// Property names in table order: Number, MendeleevNumber, …, SpaceGroupNumber.
    public let properties: [String]
    /// Property values per element symbol, in `properties` order.
    public let values: [String: [Double]]

    /// The table shipped as this package's resource, loaded once per process.
    public static let shipped: MagpieTable = shippedTable("magpie", MagpieTable.init(path:))

    public init(path: String) throws {
        let table = try ElementPropertyCSV(path: path)
        properties = table.properties
        values = Dictionary(table.rows.map { ($0.element, $0.values) }, uniquingKeysWith: { _, last in last })
    }
}
