import SieveSpglib

extension CrystalStructure {
    /// The distance tolerance (Å) Sieve uses for space groups unless told otherwise.
    public static let defaultSymprec = 0.1

    /// The space group spglib finds for this structure at tolerance `symprec` (Å).
    ///
    /// Sites are typed by atomic number, so sites of one element are interchangeable and sites of
    /// different elements never are. Throws ``SieveSpglib/SpglibError`` when the search fails,
    /// for example when two atoms are closer than `symprec`.
    public func spaceGroup(symprec: Double = CrystalStructure.defaultSymprec) throws -> SpaceGroup {
        var positions: [Double] = []
        positions.reserveCapacity(3 * siteCount)
        for p in fractionalCoordinates { positions += [p.x, p.y, p.z] }
        let found = try Spglib.spaceGroup(lattice: lattice.rows, positions: positions,
                                          types: atomicNumbers.map { Int32($0) }, symprec: symprec)
        guard let group = SpaceGroup(number: found.number, symbol: found.international) else {
            throw SpglibError(function: "spg_get_dataset", message: "it returned space group number \(found.number)")
        }
        return group
    }
}
