/// A LAPACK routine that reported failure through its `info` status.
///
/// Negative `info` means an argument was invalid (a bug in Sieve's wrapper, reported all the same);
/// positive `info` is the routine's own failure, e.g. a matrix that is not positive definite.
public struct LAPACKError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The LAPACKE function that failed, e.g. `LAPACKE_dpotrf_work`.
    public let function: String
    /// The `info` status it returned.
    public let info: Int32
    /// What the status means for that routine, in words.
    public let meaning: String

    public init(function: String, info: Int32, meaning: String) {
        self.function = function
        self.info = info
        self.meaning = meaning
    }

    public var description: String {
        "LAPACK's \(function) failed (info \(info)): \(meaning)."
    }

    /// Throws when `info` is non-zero; `positive` words the routine's own failure for `info > 0`.
    static func check(_ info: Int32, _ function: String, positive: (Int32) -> String) throws {
        if info == 0 { return }
        let meaning = info < 0 ? "argument \(-info) had an illegal value" : positive(info)
        throw LAPACKError(function: function, info: info, meaning: meaning)
    }
}
