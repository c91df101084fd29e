import SieveCore

/// Reads a pymatgen `Structure.as_dict()` (JSON or Python literal) into a ``CrystalStructure``.
///
/// Uses `lattice.matrix` (rows a, b, c in Å) and, per site, `species` (a list of
/// `{element, occu}`) and `abc` (fractional coordinates; `xyz`, Cartesian, when `abc` is absent).
/// Everything else (`properties`, `label`, `charge`, lattice parameters) is ignored. A site must
/// hold exactly one element with occupancy 1: disordered sites are rejected, never rounded to
/// their majority species, because that would invent a different crystal.
enum PymatgenDictReader {
    static func read(_ bytes: [UInt8]) throws -> CrystalStructure {
        let root = try StructureLiteral.parse(bytes)
        guard case .object = root else { throw StructureReadFailure("the text is not a dict") }
        if let kind = root["@class"]?.string, kind != "Structure", kind != "IStructure" {
            throw StructureReadFailure("it is a pymatgen \(kind), not a Structure")
        }
        guard let latticeValue = root["lattice"] else { throw StructureReadFailure("it has no 'lattice' entry") }
        let lattice = try readLattice(latticeValue["matrix"] ?? latticeValue)
        guard let sites = root["sites"]?.array else { throw StructureReadFailure("it has no 'sites' list") }
        guard !sites.isEmpty else { throw StructureReadFailure("its 'sites' list is empty") }
        if let problem = StructureLimits.problem(lattice: lattice, sites: sites.count) { throw StructureReadFailure(problem) }
        var numbers: [Int] = []
        var coordinates: [SIMD3<Double>] = []
        numbers.reserveCapacity(sites.count)
        coordinates.reserveCapacity(sites.count)
        for (i, site) in sites.enumerated() {
            numbers.append(try element(of: site, site: i + 1))
            if let abc = site["abc"] {
                coordinates.append(try vector(abc, "'abc' of site \(i + 1)"))
            } else if let xyz = site["xyz"] {
                coordinates.append(lattice.fractional(try vector(xyz, "'xyz' of site \(i + 1)")))
            } else {
                throw StructureReadFailure("site \(i + 1) has neither 'abc' nor 'xyz' coordinates")
            }
            if let problem = StructureLimits.problem(fractional: coordinates[i], site: i + 1) { throw StructureReadFailure(problem) }
        }
        return CrystalStructure(lattice: lattice, atomicNumbers: numbers, fractionalCoordinates: coordinates)
    }

    static func readLattice(_ value: StructureLiteral) throws -> Lattice {
        guard let rows = value.array, rows.count == 3 else {
            throw StructureReadFailure("its 'lattice' has no 3×3 'matrix'")
        }
        let lattice = Lattice(a: try vector(rows[0], "lattice row 1"), b: try vector(rows[1], "lattice row 2"),
                              c: try vector(rows[2], "lattice row 3"))
        guard lattice.volume > 1e-8 else {
            throw StructureReadFailure("the lattice vectors are coplanar (cell volume \(lattice.volume) Å³)")
        }
        return lattice
    }

    static func vector(_ value: StructureLiteral, _ what: String) throws -> SIMD3<Double> {
        guard let items = value.array, items.count == 3,
              let x = items[0].number, let y = items[1].number, let z = items[2].number,
              x.isFinite, y.isFinite, z.isFinite else {
            throw StructureReadFailure("the \(what) is not three finite numbers")
        }
        return SIMD3(x, y, z)
    }

    /// The atomic number on a fully occupied, ordered site.
    static func element(of site: StructureLiteral, site number: Int) throws -> Int {
        guard let species = site["species"]?.array, !species.isEmpty else {
            throw StructureReadFailure("site \(number) has no 'species' list")
        }
        let parts = species.map { ($0["element"]?.string ?? "?", $0["occu"]?.number ?? .nan) }
        guard parts.count == 1, abs(parts[0].1 - 1) <= 1e-6 else {
            let listed = parts.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            throw StructureReadFailure("site \(number) is disordered (\(listed)); Sieve needs every site "
                + "fully occupied by one element")
        }
        guard let z = PeriodicTable.atomicNumber(of: parts[0].0) else {
            throw StructureReadFailure("site \(number) holds '\(parts[0].0)', which is not an element symbol")
        }
        return z
    }
}
