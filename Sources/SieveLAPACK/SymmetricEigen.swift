import CLapack

/// Eigenvalues and eigenvectors of a real symmetric matrix, by LAPACK's `dsyevr` (relatively
/// robust representations; Dhillon & Parlett, the fastest of LAPACK's symmetric drivers).
///
/// Eigenvalues come in ascending order; ``vectors`` is column-major `size × size` with column j the
/// unit eigenvector of `values[j]`. Signs are LAPACK's (arbitrary); callers that need a fixed sign
/// choose one (see PCA).
public struct SymmetricEigen: Sendable {
    public let size: Int
    public let values: [Double]
    public let vectors: [Double]

    /// Decomposes the symmetric matrix `a` (`size × size`; only its lower triangle is read).
    public init(symmetric a: [Double], size: Int) throws {
        precondition(size >= 0 && a.count == size * size, "An eigen-decomposition needs a \(size)×\(size) matrix, got \(a.count) elements.")
        BLASThreads.ensureSingleThreaded()
        self.size = size
        guard size > 0 else { values = []; vectors = []; return }
        var work = a
        var w = [Double](repeating: 0, count: size)
        var z = [Double](repeating: 0, count: size * size)
        var support = [Int32](repeating: 0, count: 2 * size)
        var found: Int32 = 0
        let n = Int32(size)
        let jobz = CChar(UInt8(ascii: "V")), range = CChar(UInt8(ascii: "A")), uplo = CChar(UInt8(ascii: "L"))
        // Workspace query, then the decomposition.
        var workSize = 0.0, iworkSize: Int32 = 0
        var info = LAPACKE_dsyevr_work(LAPACK_COL_MAJOR, jobz, range, uplo, n, &work, n, 0, 0, 0, 0, 0, &found, &w, &z, n,
                                       &support, &workSize, -1, &iworkSize, -1)
        try LAPACKError.check(info, "LAPACKE_dsyevr_work (workspace query)") { _ in "the workspace query failed" }
        var workspace = [Double](repeating: 0, count: Int(workSize))
        var iworkspace = [Int32](repeating: 0, count: Int(iworkSize))
        info = LAPACKE_dsyevr_work(LAPACK_COL_MAJOR, jobz, range, uplo, n, &work, n, 0, 0, 0, 0, 0, &found, &w, &z, n,
                                   &support, &workspace, Int32(workspace.count), &iworkspace, Int32(iworkspace.count))
        try LAPACKError.check(info, "LAPACKE_dsyevr_work") { _ in "an internal error occurred (the matrix may hold NaN or infinity)" }
        values = w
        vectors = z
    }

    /// Element `row` of eigenvector `index`.
    public func vector(_ index: Int, _ row: Int) -> Double { vectors[index * size + row] }
}
