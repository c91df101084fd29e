import CLapack

/// Keeps OpenBLAS (the LAPACK behind Debian's LAPACKE) on the calling thread.
///
/// OpenBLAS would otherwise split large factorisations across every core, outside the run's thread
/// budget, and its blocked reductions can then differ with the thread count. Every wrapper in this
/// module calls ``ensureSingleThreaded()`` before its first LAPACK call, so LAPACK work always runs
/// on the thread that asked for it; Sieve parallelises above LAPACK, within the budget it is given.
/// (OpenBLAS still starts its idle pool when the library loads; setting `OPENBLAS_NUM_THREADS=1`
/// in the environment before launch avoids even that.) Over the reference LAPACK this does nothing.
public enum BLASThreads {
    private static let pinned: Bool = sieve_blas_set_threads(1) != 0

    /// Sets OpenBLAS to one thread (once per process; cheap afterwards).
    @inline(__always)
    public static func ensureSingleThreaded() {
        _ = pinned
    }

    /// OpenBLAS's current thread count, or 0 when the LAPACK in use is not OpenBLAS.
    public static var current: Int {
        Int(sieve_blas_threads())
    }

    /// Which BLAS/LAPACK build answers, for benchmark logs: OpenBLAS's configuration and kernel
    /// family, or "reference LAPACK".
    public static var build: String {
        guard let config = sieve_blas_config() else { return "reference LAPACK" }
        let core = sieve_blas_core().map { String(cString: $0) } ?? "?"
        return String(cString: config).split(separator: " ").joined(separator: " ") + " (kernels: \(core))"
    }
}
