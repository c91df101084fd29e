import SieveCore

/// A dense column-major matrix of doubles: the layout of every per-variable loop in this module.
///
/// Causal discovery reads one variable (column) at a time over all rows, so columns are contiguous:
/// element `(r, c)` lives at `storage[c * rows + r]`. ``Matrix`` (row-major) is the type at the API
/// edges; conversion is one pass.
public struct ColumnMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var storage: [Double]

    /// A matrix of the given shape filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative.")
        self.rows = rows
        self.columns = columns
        storage = [Double](repeating: value, count: rows * columns)
    }

    /// A matrix over an existing column-major buffer of exactly `rows * columns` elements.
    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(storage.count == rows * columns, "A \(rows)×\(columns) matrix needs \(rows * columns) elements.")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// The column-major copy of a row-major matrix.
    public init(_ matrix: Matrix<Double>) {
        self.init(matrix, rows: 0..<matrix.rows)
    }

    /// The column-major copy of some rows of a row-major matrix, in the given order.
    public init<Rows: Collection>(_ matrix: Matrix<Double>, rows selection: Rows) where Rows.Element == Int {
        let n = selection.count, p = matrix.columns
        var out = [Double](repeating: 0, count: n * p)
        out.withUnsafeMutableBufferPointer { dst in
            matrix.withUnsafeBufferPointer { src in
                for (i, r) in selection.enumerated() {
                    precondition(r >= 0 && r < matrix.rows, "Row \(r) is outside a matrix of \(matrix.rows) rows.")
                    for c in 0..<p { dst[c * n + i] = src[r * p + c] }
                }
            }
        }
        self.init(rows: n, columns: p, storage: out)
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { storage[column * rows + row] }
        set { storage[column * rows + row] = newValue }
    }

    /// A copy of one column.
    public func column(_ c: Int) -> [Double] {
        Array(storage[c * rows ..< (c + 1) * rows])
    }

    /// A new matrix of the given columns, in the given order.
    public func selectingColumns(_ selection: [Int]) -> ColumnMatrix {
        var out = [Double]()
        out.reserveCapacity(selection.count * rows)
        for c in selection { out.append(contentsOf: storage[c * rows ..< (c + 1) * rows]) }
        return ColumnMatrix(rows: rows, columns: selection.count, storage: out)
    }

    /// The row-major copy.
    public var rowMajor: Matrix<Double> {
        var out = [Double](repeating: 0, count: rows * columns)
        for c in 0..<columns {
            for r in 0..<rows { out[r * columns + c] = storage[c * rows + r] }
        }
        return Matrix(rows: rows, columns: columns, storage: out)
    }
}
