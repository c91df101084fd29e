import CXGBoost

/// An XGBoost data matrix (`DMatrixHandle`), freed when the value is released.
///
/// XGBoost copies the rows in; the Swift buffer may be released after `init` returns.
public final class DMatrix {
    let handle: DMatrixHandle

    /// A matrix from dense row-major single-precision rows; NaN marks a missing value.
    public init(rowMajor values: UnsafeBufferPointer<Float>, rows: Int, columns: Int, threads: Int) throws {
        precondition(values.count == rows * columns, "DMatrix needs \(rows * columns) values, got \(values.count).")
        var out: DMatrixHandle?
        try check(XGDMatrixCreateFromMat_omp(values.baseAddress, bst_ulong(rows), bst_ulong(columns), .nan, &out, Int32(threads)),
                  "XGDMatrixCreateFromMat_omp")
        handle = out!
    }

    deinit { XGDMatrixFree(handle) }

    /// Sets the regression targets (XGBoost's "label" field).
    public func setLabels(_ labels: [Float]) throws {
        let status = labels.withUnsafeBufferPointer { XGDMatrixSetFloatInfo(handle, "label", $0.baseAddress, bst_ulong($0.count)) }
        try check(status, "XGDMatrixSetFloatInfo")
    }

    public func rowCount() throws -> Int {
        var n: bst_ulong = 0
        try check(XGDMatrixNumRow(handle, &n), "XGDMatrixNumRow")
        return Int(n)
    }

    public func columnCount() throws -> Int {
        var n: bst_ulong = 0
        try check(XGDMatrixNumCol(handle, &n), "XGDMatrixNumCol")
        return Int(n)
    }
}
