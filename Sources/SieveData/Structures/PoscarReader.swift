import Foundation
import SieveCore

/// Reads VASP 5 POSCAR text into a ``CrystalStructure``.
///
/// Line 1 is a comment; line 2 the scale (one factor, a negative number meaning the cell volume
/// in Å³, or three factors for x, y, z); lines 3–5 the basis vectors a, b, c; line 6 the element
/// symbols (POTCAR suffixes such as `Fe_pv` or `Fe/abc1` are dropped; a symbol may repeat, as in
/// pymatgen's output for unsorted sites); line 7 the site counts; an optional "Selective
/// dynamics" line; then "Direct" or "Cartesian" (by first letter, as VASP reads it) and one line
/// of three coordinates per site, anything after them ignored. Cartesian coordinates are scaled
/// like the lattice. VASP 4 files, which have no symbol line, are refused: the elements would be
/// a guess.
enum PoscarReader {
    static func read(_ text: String) throws -> CrystalStructure {
        // Split on bytes: far cheaper than Character (grapheme) splitting, and POSCAR is ASCII.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") })
                .map { Substring($0) }
        }
        func line(_ n: Int, _ what: String) throws -> [Substring] {
            guard n <= lines.count, !lines[n - 1].isEmpty else {
                throw StructureReadFailure("line \(n) should hold \(what) but is \(n <= lines.count ? "empty" : "missing")")
            }
            return lines[n - 1]
        }
        // Line 2: the scale.
        let scaleTokens = try line(2, "the scale factor")
        let scales = scaleTokens.prefix(3).map { Double($0) }
        guard let first = scales[0], first.isFinite, first != 0 else {
            throw StructureReadFailure("line 2 should hold the scale factor but holds '\(scaleTokens[0])'")
        }
        // Lines 3–5: the basis vectors as written.
        var rows: [SIMD3<Double>] = []
        for n in 3...5 {
            rows.append(try vector(try line(n, "a lattice vector"), line: n, what: "a lattice vector"))
        }
        var lattice = Lattice(a: rows[0], b: rows[1], c: rows[2])
        guard lattice.volume > 1e-8 else {
            throw StructureReadFailure("lines 3–5 give coplanar lattice vectors (cell volume \(lattice.volume) Å³)")
        }
        var factor = SIMD3<Double>(repeating: first)
        if scales.count == 3, let y = scales[1], let z = scales[2] {
            guard first > 0, y > 0, z > 0 else {
                throw StructureReadFailure("line 2 gives three scale factors, which must all be positive")
            }
            factor = SIMD3(first, y, z)
        } else if first < 0 {
            factor = SIMD3(repeating: cbrt(-first / lattice.volume))
        }
        lattice = Lattice(a: lattice.a * factor, b: lattice.b * factor, c: lattice.c * factor)
        // Lines 6–7: symbols and counts.
        let symbols = try line(6, "the element symbols")
        if Int(symbols[0]) != nil {
            throw StructureReadFailure("line 6 holds site counts, not element symbols: this is VASP 4 format; "
                + "add a line with the element symbols above the counts")
        }
        let counts = try line(7, "the number of sites of each element")
        guard counts.count == symbols.count else {
            throw StructureReadFailure("line 7 gives \(counts.count) site counts for the \(symbols.count) symbols of line 6")
        }
        var elements: [(z: Int, count: Int)] = []
        for (symbol, countText) in zip(symbols, counts) {
            let bare = String(symbol.prefix { $0 != "_" && $0 != "/" })
            guard let z = PeriodicTable.atomicNumber(of: bare) else {
                throw StructureReadFailure("line 6 names '\(symbol)', which is not an element symbol")
            }
            guard let count = Int(countText), count > 0 else {
                throw StructureReadFailure("line 7 should hold positive whole numbers but holds '\(countText)'")
            }
            elements.append((z, count))
        }
        // The coordinate mode, after an optional selective-dynamics line.
        var n = 8
        var mode = try line(n, "'Direct' or 'Cartesian'")
        if let c = mode[0].first, c == "s" || c == "S" {
            n += 1
            mode = try line(n, "'Direct' or 'Cartesian'")
        }
        let letter = mode[0].first!
        guard "dDcCkK".contains(letter) else {
            throw StructureReadFailure("line \(n) should say 'Direct' or 'Cartesian' but says '\(mode[0])'")
        }
        // The counts are checked against the lines that follow before anything is sized from them:
        // a count of 999999999 must not allocate gigabytes before the first coordinate is read.
        let following = lines.count - n
        var total = 0
        for (_, count) in elements {
            total += min(count, following + 1)
            if total > following {
                let asked = elements.reduce(0) { $0.addingReportingOverflow($1.count).partialValue }
                throw StructureReadFailure("line 7 counts \(elements.count == 1 || asked < 0 ? "" : "\(asked) ")sites "
                    + "(\(counts.joined(separator: " "))) but only \(following) line\(following == 1 ? " follows" : "s follow") line \(n)")
            }
        }
        let lastSite = n + total
        if let extra = lines.dropFirst(lastSite).first, extra.count >= 3, extra.prefix(3).allSatisfy({ Double($0) != nil }) {
            throw StructureReadFailure("line \(lastSite + 1) holds the coordinates of a site beyond the \(total) that line 7 "
                + "counts; the counts and the coordinate lines disagree")
        }
        if let problem = StructureLimits.problem(lattice: lattice, sites: total) { throw StructureReadFailure(problem) }
        var numbers: [Int] = []
        numbers.reserveCapacity(total)
        for (z, count) in elements { numbers += repeatElement(z, count: count) }
        let cartesian = letter != "d" && letter != "D"
        var coordinates: [SIMD3<Double>] = []
        coordinates.reserveCapacity(total)
        for site in 0..<total {
            let at = n + 1 + site
            let p = try vector(try line(at, "the coordinates of site \(site + 1) of \(total)"), line: at,
                               what: "the coordinates of site \(site + 1)")
            let fractional = cartesian ? lattice.fractional(p * factor) : p
            if let problem = StructureLimits.problem(fractional: fractional, site: site + 1) {
                throw StructureReadFailure("line \(at): \(problem)")
            }
            coordinates.append(fractional)
        }
        return CrystalStructure(lattice: lattice, atomicNumbers: numbers, fractionalCoordinates: coordinates)
    }

    static func vector(_ tokens: [Substring], line: Int, what: String) throws -> SIMD3<Double> {
        guard tokens.count >= 3, let x = Double(tokens[0]), let y = Double(tokens[1]), let z = Double(tokens[2]),
              x.isFinite, y.isFinite, z.isFinite else {
            throw StructureReadFailure("line \(line) should hold \(what) as three numbers but holds "
                + "'\(tokens.prefix(3).joined(separator: " "))'")
        }
        return SIMD3(x, y, z)
    }
}
