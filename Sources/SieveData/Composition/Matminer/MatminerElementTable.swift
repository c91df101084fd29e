import Foundation
import SieveCore

/// The element data matminer's composition featurisers read, for elements 1–103, as matminer 0.10.1
/// gives it with pymatgen-core 2026.10.16 (`Resources/matminer_elements.csv`, written by
/// `scripts/prepare_matminer_reference.py elements`):
///
/// - `X`: pymatgen's Pauling electronegativity (`Element.X`, from pymatgen's `periodic_table.json`), with
///   matminer's `PymatgenData(impute_nan=True)` rule: an element without one (He, Ne, Ar) gets the mean over
///   all elements, 1.713.
/// - `common_oxidation_states`: pymatgen's `Element.common_oxidation_states` (also from
///   `periodic_table.json`), which `IonProperty(fast=True)` takes as each element's possible charges;
///   empty for the noble gases.
/// - `NsValence` … `NValence`: Magpie's valence-shell electron counts as matminer's `MagpieData` reads them
///   (`matminer/utils/data_files/magpie_elementdata/*.table`; Ward et al., npj Comput. Mater. 2, 16028, 2016).
public struct MatminerElementTable: Sendable {
    public struct Element: Sendable, Equatable {
        public var electronegativity: Double
        public var commonOxidationStates: [Int]
        /// Valence electrons in the s, p, d and f shells, then their total.
        public var valence: [Double]
    }

    public let elements: [String: Element]

    /// The table shipped as this package's resource, loaded once per process.
    public static let shipped: MatminerElementTable = shippedTable("matminer_elements", MatminerElementTable.init(path:))

    static let header = ["element", "X", "common_oxidation_states", "NsValence", "NpValence", "NdValence", "NfValence", "NValence"]

    public init(path: String) throws {
        let reader = try CSVReader(path: path)
        var elements: [String: Element] = [:]
        let header = Self.header
        try reader.forEachRecord { line, fields in
            guard fields.count == header.count else {
                throw DataError.wrongFieldCount(path: path, line: line, expected: header.count, found: fields.count)
            }
            if line == 1 {
                guard fields.map(String.init) == header else {
                    throw DataError.malformedRow(path: path, line: 1, reason: "the header must be \(header.joined(separator: ","))")
                }
                return true
            }
            func number(_ column: Int) throws -> Double {
                guard let v = Double(fields[column]), v.isFinite else {
                    throw DataError.notANumber(path: path, line: line, column: header[column], text: String(fields[column]))
                }
                return v
            }
            let states = try fields[2].split(separator: " ").map { text in
                guard let v = Int(text) else {
                    throw DataError.notANumber(path: path, line: line, column: header[2], text: String(text))
                }
                return v
            }
            elements[String(fields[0])] = Element(electronegativity: try number(1), commonOxidationStates: states,
                                                  valence: try (3...7).map(number))
            return true
        }
        self.elements = elements
    }

    /// The first element of `composition` missing from the table, if any.
    public func unknownElement(in composition: Composition) -> String? {
        composition.elements.first { elements[$0] == nil }
    }
}
