import SieveCore

/// A periodic crystal structure: a lattice and fully occupied sites, each one element at
/// fractional coordinates.
///
/// Sites keep the order of their source. Disordered sites (partial occupancies) are not
/// represented: the readers reject them, because a space group and a density need one element per
/// site. Atomic numbers are the stored form, so every site is a real element by construction.
public struct CrystalStructure: Sendable, Equatable {
    public var lattice: Lattice
    /// The atomic number (1–118) of the element on each site.
    public var atomicNumbers: [Int]
    /// The fractional coordinates of each site, in the lattice's basis (not wrapped into [0, 1)).
    public var fractionalCoordinates: [SIMD3<Double>]

    public init(lattice: Lattice, atomicNumbers: [Int], fractionalCoordinates: [SIMD3<Double>]) {
        precondition(!atomicNumbers.isEmpty, "a structure has at least one site")
        precondition(atomicNumbers.count == fractionalCoordinates.count, "one position per site")
        precondition(atomicNumbers.allSatisfy { (1...PeriodicTable.orderedSymbols.count).contains($0) },
                     "atomic numbers run from 1 to 118")
        self.lattice = lattice
        self.atomicNumbers = atomicNumbers
        self.fractionalCoordinates = fractionalCoordinates
    }

    /// The number of sites in the cell.
    public var siteCount: Int { atomicNumbers.count }

    /// The element symbol on each site.
    public var species: [String] { atomicNumbers.map { PeriodicTable.orderedSymbols[$0 - 1] } }

    /// The cell volume in Å³.
    public var volume: Double { lattice.volume }

    /// The volume per site in Å³.
    public var volumePerAtom: Double { lattice.volume / Double(siteCount) }

    /// The mass of the cell's contents in Da (IUPAC 2021 atomic weights, ``PeriodicTable/atomicWeights``).
    public var cellMass: Double { atomicNumbers.reduce(0) { $0 + PeriodicTable.atomicWeights[$1 - 1] } }

    /// The density in g/cm³: cell mass × (1 Da in g) / (cell volume in cm³).
    ///
    /// 1 Da = 1.66053906660 × 10⁻²⁴ g (CODATA 2018) and 1 Å³ = 10⁻²⁴ cm³, so the factor is 1.66053906660.
    public var density: Double { cellMass * 1.66053906660 / lattice.volume }

    /// The cell's composition: each element with its number of sites, in order of first appearance.
    public var composition: Composition {
        var c = Composition()
        for symbol in species { c.add(symbol, 1) }
        return c
    }

    /// The composition divided by the greatest common divisor of its site counts (Hf4S2 → Hf2S).
    public var reducedComposition: Composition {
        let full = composition
        let divisor = full.amounts.reduce(0) { CrystalStructure.gcd($0, Int($1)) }
        return Composition(zip(full.elements, full.amounts.map { $0 / Double(divisor) }).map { ($0, $1) })
    }

    /// The reduced formula in order of first appearance, amounts of 1 left out ("SHf2").
    public var reducedFormula: String {
        let reduced = reducedComposition
        return zip(reduced.elements, reduced.amounts).map { $1 == 1 ? $0 : "\($0)\(Int($1))" }.joined()
    }

    private static func gcd(_ x: Int, _ y: Int) -> Int { y == 0 ? x : gcd(y, x % y) }
}
