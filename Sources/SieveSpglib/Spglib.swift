import CSpglib

/// Space-group search with spglib's C library (A. Togo, K. Shinohara, I. Tanaka, "Spglib: a
/// software library for crystal symmetry search", Sci. Technol. Adv. Mater. Meth. 4, 2384822
/// (2024); Debian's libsymspg 2.0.2).
///
/// The only importer of `CSpglib`. Lattices come in here as pymatgen and spglib's Python API hold
/// them, the basis vectors a, b, c as the ROWS of a row-major 3×3 matrix; spglib's C API wants
/// them as the COLUMNS of `double lattice[3][3]`, so the wrapper transposes before every call.
///
/// Threads: the only global state spglib 2.0.2 writes is its error code, one process-wide
/// variable (its other file-scope statics in `src/*.c` are lookup tables; spglib issue #282 on
/// the error code's thread safety). Searches therefore run concurrently under a shared lock and
/// never read the code; a failed search is repeated under the exclusive lock, where the code it
/// leaves is its own, to get spglib's message. spglib's answer depends only on its input, so the
/// repeat fails the same way.
public enum Spglib {
    private static let lock = SharedExclusiveLock()

    /// The version of libsymspg this process linked, e.g. "2.0.2".
    public static var version: String {
        "\(spg_get_major_version()).\(spg_get_minor_version()).\(spg_get_micro_version())"
    }

    /// The space group of a periodic cell: its International Tables number (1–230) and its
    /// Hermann–Mauguin symbol as spglib writes it (e.g. "Fm-3m", "P6_3/mmc").
    ///
    /// - Parameters:
    ///   - lattice: 9 numbers, row-major, rows are the basis vectors a, b, c (Å).
    ///   - positions: 3 fractional coordinates per site, site after site.
    ///   - types: one integer per site; sites of equal type are the same species (atomic numbers do).
    ///   - symprec: the distance tolerance in Å (0.1 is a common choice for relaxed DFT cells).
    /// - Throws: ``SpglibError`` naming `spg_get_dataset` and spglib's message when the search fails
    ///   (for example when two atoms sit closer than `symprec`).
    public static func spaceGroup(lattice: [Double], positions: [Double], types: [Int32],
                                  symprec: Double) throws -> (number: Int, international: String) {
        precondition(lattice.count == 9, "a lattice is 9 numbers, the rows a, b, c")
        precondition(!types.isEmpty && positions.count == 3 * types.count, "3 fractional coordinates per site")
        precondition(symprec > 0 && symprec.isFinite, "symprec must be a positive distance")
        // spglib wants column vectors: column j holds basis vector j.
        var columns = [Double](repeating: 0, count: 9)
        for i in 0..<3 { for j in 0..<3 { columns[3 * i + j] = lattice[3 * j + i] } }
        var positions = positions
        var types = types
        let search = { () -> UnsafeMutablePointer<SpglibDataset>? in
            columns.withUnsafeMutableBufferPointer { latticeBuffer in
                positions.withUnsafeMutableBufferPointer { positionBuffer in
                    types.withUnsafeMutableBufferPointer { typeBuffer in
                        latticeBuffer.withMemoryRebound(to: (Double, Double, Double).self) { rows in
                            positionBuffer.withMemoryRebound(to: (Double, Double, Double).self) { sites in
                                spg_get_dataset(rows.baseAddress, sites.baseAddress, typeBuffer.baseAddress,
                                                Int32(typeBuffer.count), symprec)
                            }
                        }
                    }
                }
            }
        }
        if let dataset = lock.shared(search) {
            defer { spg_free_dataset(dataset) }
            let number = Int(dataset.pointee.spacegroup_number)
            if (1...230).contains(number) {
                let symbol = withUnsafeBytes(of: dataset.pointee.international_symbol) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                return (number, symbol)
            }
        }
        // Failed: repeat alone, so that the error code read afterwards belongs to this search.
        throw lock.exclusive { () -> SpglibError in
            let again = search()
            if let again {
                let number = again.pointee.spacegroup_number
                spg_free_dataset(again)
                if !(1...230).contains(number) {
                    return SpglibError(function: "spg_get_dataset", message: "it returned space group number \(number)")
                }
                return SpglibError(function: "spg_get_dataset", message: "it failed once and succeeded when repeated")
            }
            return lastSpglibError("spg_get_dataset")
        }
    }
}
