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
    public static let shipped: MagpieTable = {
        guard let url = Bundle.module.url(forResource: "magpie", withExtension: "csv") else {
            fatalError("The Magpie table resource magpie.csv is missing from the SieveData bundle; reinstall Sieve.")
        }
        do {
            return try MagpieTable(path: url.path)
        } catch {
            fatalError("The shipped Magpie table could not be read: \(error)")
        }
    }()

    public init(path: String) throws {
        let reader = try CSVReader(path: path)
        var properties: [String] = []
        var values: [String: [Double]] = [:]
        try reader.forEachRecord { line, fields in
            if line == 1 {
                properties = fields.dropFirst().map(String.init)
                return true
            }
            guard fields.count == properties.count + 1 else {
                throw DataError.wrongFieldCount(path: path, line: line, expected: properties.count + 1, found: fields.count)
            }
            values[String(fields[0])] = try fields.dropFirst().enumerated().map { column, text in
                guard let v = Double(text), v.isFinite else {
                    throw DataError.notANumber(path: path, line: line, column: properties[column], text: String(text))
                }
                return v
            }
            return true
        }
        self.properties = properties
        self.values = values
    }
}
