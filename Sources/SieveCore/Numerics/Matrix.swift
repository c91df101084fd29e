/// A dense row-major matrix stored in one flat buffer.
///
/// Rows are contiguous: element `(r, c)` lives at `storage[r * columns + c]`. Feature tables are
/// `Matrix<Float>` (XGBoost and the forest both work in single precision, as scikit-learn does);
/// linear algebra uses `Matrix<Double>`.
public struct Matrix<Scalar: BinaryFloatingPoint & Sendable>: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// The row-major elements.
    public var storage: [Scalar] { buffer }
    @usableFromInline var buffer: [Scalar]

    /// A matrix of the given shape filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative.")
        self.rows = rows
        self.columns = columns
        self.buffer = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over an existing row-major buffer of exactly `rows * columns` elements.
    public init(rows: Int, columns: Int, storage: [Scalar]) {
        precondition(storage.count == rows * columns,
                     "A \(rows)×\(columns) matrix needs \(rows * columns) elements, got \(storage.count).")
        self.rows = rows
        self.columns = columns
        self.buffer = storage
    }

    /// A matrix from a list of equally long rows.
    public init(_ rowArrays: [[Scalar]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "All rows of a matrix must have the same length.")
        self.init(rows: rowArrays.count, columns: columns, storage: rowArrays.flatMap { $0 })
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Scalar {
        get { buffer[row * columns + column] }
        set { buffer[row * columns + column] = newValue }
    }

    /// A copy of one row.
    public func row(_ r: Int) -> [Scalar] {
        Array(storage[r * columns ..< (r + 1) * columns])
    }

    /// A copy of one column.
    public func column(_ c: Int) -> [Scalar] {
        (0..<rows).map { storage[$0 * columns + c] }
    }

    /// A new matrix made of the given rows, in the given order.
    public func gatheringRows<Indices: Collection>(_ indices: Indices) -> Matrix where Indices.Element == Int {
        var out = [Scalar]()
        out.reserveCapacity(indices.count * columns)
        storage.withUnsafeBufferPointer { src in
            for r in indices {
                precondition(r >= 0 && r < rows, "Row \(r) is outside a matrix of \(rows) rows.")
                out.append(contentsOf: src[r * columns ..< (r + 1) * columns])
            }
        }
        return Matrix(rows: indices.count, columns: columns, storage: out)
    }

    /// A new matrix with the rows of `self` followed by the rows of `other`.
    /// The columns of `other` (same row count) after this matrix's.
    public func appendingColumns(_ other: Matrix) -> Matrix {
        precondition(other.rows == rows, "Columns can be appended only from a matrix with as many rows.")
        var out: [Scalar] = []
        out.reserveCapacity(rows * (columns + other.columns))
        for r in 0..<rows {
            out += storage[r * columns..<(r + 1) * columns]
            out += other.storage[r * other.columns..<(r + 1) * other.columns]
        }
        return Matrix(rows: rows, columns: columns + other.columns, storage: out)
    }

    public func appendingRows(of other: Matrix) -> Matrix {
        precondition(other.columns == columns || other.rows == 0 || rows == 0,
                     "Cannot stack a matrix of \(other.columns) columns under one of \(columns).")
        let width = rows == 0 ? other.columns : columns
        return Matrix(rows: rows + other.rows, columns: width, storage: storage + other.storage)
    }

    /// Calls `body` with a read-only pointer to the row-major storage.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try buffer.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with a mutable pointer to the row-major storage.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        try buffer.withUnsafeMutableBufferPointer(body)
    }

    /// Whether every element is finite (no NaN, no infinity).
    public var isFinite: Bool {
        storage.withUnsafeBufferPointer { buf in buf.allSatisfy { $0.isFinite } }
    }
}
