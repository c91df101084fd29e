/// The periodic lattice of a crystal: three basis vectors a, b, c in Å, Cartesian.
///
/// The vectors are the ROWS of pymatgen's `lattice.matrix` and of a POSCAR's lines 3–5, and what
/// spglib's Python API takes as rows; ``SieveSpglib/Spglib`` transposes them for the C API.
public struct Lattice: Sendable, Equatable {
    public var a: SIMD3<Double>
    public var b: SIMD3<Double>
    public var c: SIMD3<Double>

    public init(a: SIMD3<Double>, b: SIMD3<Double>, c: SIMD3<Double>) {
        self.a = a
        self.b = b
        self.c = c
    }

    /// A lattice from 9 numbers, row-major, the rows being a, b, c.
    public init(rows: [Double]) {
        precondition(rows.count == 9, "a lattice is 9 numbers, the rows a, b, c")
        a = SIMD3(rows[0], rows[1], rows[2])
        b = SIMD3(rows[3], rows[4], rows[5])
        c = SIMD3(rows[6], rows[7], rows[8])
    }

    /// The 9 numbers row-major, the rows being a, b, c.
    public var rows: [Double] { [a.x, a.y, a.z, b.x, b.y, b.z, c.x, c.y, c.z] }

    /// The signed volume a · (b × c) in Å³ (negative for a left-handed basis).
    public var signedVolume: Double { (a * Lattice.cross(b, c)).sum() }

    /// The cell volume |a · (b × c)| in Å³.
    public var volume: Double { abs(signedVolume) }

    /// The lengths |a|, |b|, |c| in Å.
    public var lengths: SIMD3<Double> {
        SIMD3((a * a).sum().squareRoot(), (b * b).sum().squareRoot(), (c * c).sum().squareRoot())
    }

    /// The Cartesian position (Å) of fractional coordinates.
    public func cartesian(_ fractional: SIMD3<Double>) -> SIMD3<Double> {
        fractional.x * a + fractional.y * b + fractional.z * c
    }

    /// The fractional coordinates of a Cartesian position (Å); the basis must not be degenerate.
    ///
    /// With the rows a, b, c as matrix M, r = fᵀM, so f = r M⁻¹; the columns of M⁻¹ are
    /// (b × c, c × a, a × b) / det M.
    public func fractional(_ cartesian: SIMD3<Double>) -> SIMD3<Double> {
        let determinant = signedVolume
        precondition(determinant != 0, "a degenerate lattice has no fractional coordinates")
        return SIMD3((cartesian * Lattice.cross(b, c)).sum(),
                     (cartesian * Lattice.cross(c, a)).sum(),
                     (cartesian * Lattice.cross(a, b)).sum()) / determinant
    }

    static func cross(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x)
    }
}
