#if canImport(Glibc)
import Glibc
#endif
import CLapack

/// The Cholesky factor L of a symmetric positive-definite matrix A = L Lᵀ, by LAPACK's `dpotrf`,
/// and the solves, inverse and log-determinant that use it (`dpotrs`, `dtrtrs`, `dpotri`).
///
/// Matrices are column-major, `size × size` (a symmetric matrix reads the same either way);
/// right-hand sides are `size × columns`, column-major, so each column is contiguous. The factor
/// lives in the lower triangle of ``storage``; the strict upper triangle keeps A's values.
public struct CholeskyFactor: Sendable {
    public let size: Int
    /// Column-major; the lower triangle holds L.
    public private(set) var storage: [Double]

    /// Factorises the symmetric matrix `a` (only its lower triangle, column-major, is read).
    /// Throws when `a` is not positive definite (`info` = the order of the failing leading minor).
    public init(symmetric a: [Double], size: Int) throws {
        precondition(size >= 0 && a.count == size * size, "A Cholesky factorisation needs a \(size)×\(size) matrix, got \(a.count) elements.")
        BLASThreads.ensureSingleThreaded()
        self.size = size
        var l = a
        if size > 0 {
            let info = l.withUnsafeMutableBufferPointer { p in
                LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, lower, Int32(size), p.baseAddress, Int32(size))
            }
            try LAPACKError.check(info, "LAPACKE_dpotrf_work") {
                "the leading minor of order \($0) is not positive definite"
            }
        }
        storage = l
    }

    /// L[row, column] (zero above the diagonal).
    public func factor(_ row: Int, _ column: Int) -> Double {
        row >= column ? storage[column * size + row] : 0
    }

    /// log det A = 2 Σ log L_ii.
    public var logDeterminant: Double {
        var sum = 0.0
        for i in 0..<size { sum += log(storage[i * size + i]) }
        return 2 * sum
    }

    /// X with A X = B, for `b` column-major `size × columns` (`dpotrs`).
    public func solve(_ b: [Double], columns: Int = 1) throws -> [Double] {
        precondition(b.count == size * columns, "The right-hand side needs \(size)×\(columns) elements, got \(b.count).")
        guard size > 0 && columns > 0 else { return b }
        var x = b
        let info = storage.withUnsafeBufferPointer { l in
            x.withUnsafeMutableBufferPointer { x in
                LAPACKE_dpotrs_work(LAPACK_COL_MAJOR, lower, Int32(size), Int32(columns), l.baseAddress, Int32(size),
                                    x.baseAddress, Int32(size))
            }
        }
        try LAPACKError.check(info, "LAPACKE_dpotrs_work") { _ in "unexpected positive status" }
        return x
    }

    /// Y with L Y = B (forward substitution, `dtrtrs`), for `b` column-major `size × columns`.
    /// The columns of Y give posterior variances: k(x, x) − ‖L⁻¹ k_x‖².
    public func solveLower(_ b: [Double], columns: Int = 1) throws -> [Double] {
        precondition(b.count == size * columns, "The right-hand side needs \(size)×\(columns) elements, got \(b.count).")
        guard size > 0 && columns > 0 else { return b }
        var y = b
        let info = storage.withUnsafeBufferPointer { l in
            y.withUnsafeMutableBufferPointer { y in
                LAPACKE_dtrtrs_work(LAPACK_COL_MAJOR, lower, noTranspose, nonUnit, Int32(size), Int32(columns),
                                    l.baseAddress, Int32(size), y.baseAddress, Int32(size))
            }
        }
        try LAPACKError.check(info, "LAPACKE_dtrtrs_work") { "the diagonal element \($0) of the factor is zero" }
        return y
    }

    /// A⁻¹, full and symmetric (`dpotri`, then the lower triangle mirrored).
    public func inverse() throws -> [Double] {
        var inv = try inverseLowerTriangle()
        let n = size
        inv.withUnsafeMutableBufferPointer { p in
            for j in 0..<n {
                for i in (j + 1)..<n { p[i * n + j] = p[j * n + i] }
            }
        }
        return inv
    }

    /// A⁻¹ in the lower triangle (column-major; `dpotri`), the strict upper triangle left as L's
    /// storage had it: for callers that read only one triangle of the symmetric inverse.
    public func inverseLowerTriangle() throws -> [Double] {
        guard size > 0 else { return [] }
        var inv = storage
        let info = inv.withUnsafeMutableBufferPointer { p in
            LAPACKE_dpotri_work(LAPACK_COL_MAJOR, lower, Int32(size), p.baseAddress, Int32(size))
        }
        try LAPACKError.check(info, "LAPACKE_dpotri_work") { "the diagonal element \($0) of the factor is zero" }
        return inv
    }
}

let lower = CChar(UInt8(ascii: "L"))
let noTranspose = CChar(UInt8(ascii: "N"))
let nonUnit = CChar(UInt8(ascii: "N"))
