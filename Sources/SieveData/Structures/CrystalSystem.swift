/// The seven crystal systems, from the least to the most symmetric.
///
/// A space group's number decides its system (International Tables for Crystallography, Vol. A):
/// 1–2 triclinic, 3–15 monoclinic, 16–74 orthorhombic, 75–142 tetragonal, 143–167 trigonal,
/// 168–194 hexagonal, 195–230 cubic. Trigonal groups include the rhombohedral ones.
/// Raw values are the lowercase names used in specs, reports and feature names.
public enum CrystalSystem: String, Sendable, CaseIterable, Comparable {
    case triclinic
    case monoclinic
    case orthorhombic
    case tetragonal
    case trigonal
    case hexagonal
    case cubic

    /// The last space-group number of each system, in `allCases` order.
    static let lastSpaceGroup = [2, 15, 74, 142, 167, 194, 230]

    /// The system of a space group (1–230); nil for a number outside that range.
    public init?(spaceGroupNumber number: Int) {
        guard (1...230).contains(number),
              let index = CrystalSystem.lastSpaceGroup.firstIndex(where: { number <= $0 }) else { return nil }
        self = CrystalSystem.allCases[index]
    }

    /// The space-group numbers of this system.
    public var spaceGroupNumbers: ClosedRange<Int> {
        let index = CrystalSystem.allCases.firstIndex(of: self)!
        let first = index == 0 ? 1 : CrystalSystem.lastSpaceGroup[index - 1] + 1
        return first...CrystalSystem.lastSpaceGroup[index]
    }

    /// Position in `allCases` (triclinic 0 … cubic 6), the column of its one-hot feature.
    public var index: Int { CrystalSystem.allCases.firstIndex(of: self)! }

    public static func < (lhs: CrystalSystem, rhs: CrystalSystem) -> Bool { lhs.index < rhs.index }
}
