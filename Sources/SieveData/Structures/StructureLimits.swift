/// The physical ranges a crystal structure must lie in before Sieve computes anything from it.
///
/// A value far outside them is a typo or a corrupt cell, and would otherwise reach the models as
/// an overflowed feature ("Feature 2 of row 0 is NaN") or reach spglib as coordinates whose
/// wrapping into the cell has lost every digit. The bounds are generous: the largest cells in
/// crystal databases are a few hundred Å, and compressed hydrogen, the densest matter in them,
/// has about 2 Å³ per atom.
enum StructureLimits {
    /// The longest lattice vector accepted, in Å.
    static let maximumVectorLength = 10_000.0
    /// The smallest cell volume per site accepted, in Å³.
    static let minimumVolumePerSite = 0.1
    /// The largest |fractional coordinate| accepted (cells away from the origin cell).
    static let maximumFractionalCoordinate = 1_000.0

    /// What is wrong with a lattice and its sites, as a reason for ``StructureReadFailure``.
    static func problem(lattice: Lattice, sites: Int) -> String? {
        for (name, vector) in [("a", lattice.a), ("b", lattice.b), ("c", lattice.c)] {
            // Scaled so that a vector of 1e300 Å has a length, not infinity.
            let largest = max(abs(vector.x), abs(vector.y), abs(vector.z))
            let unit = largest > 0 ? vector / largest : vector
            let length = largest * (unit * unit).sum().squareRoot()
            guard length.isFinite, length <= maximumVectorLength else {
                return "the lattice vector \(name) is \(length) Å long, outside the physical range up to "
                    + "\(Int(maximumVectorLength)) Å"
            }
        }
        let perSite = lattice.volume / Double(max(1, sites))
        guard perSite.isFinite, perSite >= minimumVolumePerSite else {
            return "the cell gives \(perSite) Å³ per site, below the physical minimum of \(minimumVolumePerSite) Å³"
        }
        return nil
    }

    /// What is wrong with one site's fractional coordinates.
    static func problem(fractional p: SIMD3<Double>, site: Int) -> String? {
        let largest = max(abs(p.x), abs(p.y), abs(p.z))
        guard largest.isFinite, largest <= maximumFractionalCoordinate else {
            return "site \(site) lies \(largest) cells from the origin (fractional coordinates (\(p.x), \(p.y), \(p.z))), "
                + "outside the physical range of ±\(Int(maximumFractionalCoordinate))"
        }
        return nil
    }
}
