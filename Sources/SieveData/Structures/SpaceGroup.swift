/// A space group: its International Tables number and, when spglib found it, its
/// Hermann–Mauguin symbol.
public struct SpaceGroup: Sendable, Hashable, CustomStringConvertible {
    /// The International Tables number, 1–230.
    public let number: Int
    /// The Hermann–Mauguin symbol as spglib writes it ("Fm-3m", "P6_3/mmc"); empty when the
    /// group came from a data column that holds only the number.
    public let symbol: String

    /// A space group from its number; nil outside 1–230.
    public init?(number: Int, symbol: String = "") {
        guard (1...230).contains(number) else { return nil }
        self.number = number
        self.symbol = symbol
    }

    /// The crystal system the group belongs to.
    public var crystalSystem: CrystalSystem { CrystalSystem(spaceGroupNumber: number)! }

    public var description: String { symbol.isEmpty ? "space group \(number)" : "\(symbol) (\(number))" }
}
