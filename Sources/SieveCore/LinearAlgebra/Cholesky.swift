/// Cholesky factorisation A = L Lᵀ of a symmetric positive-definite matrix, and solves with it.
///
/// Dense, in place, row-major, O(n³/3): the right tool for the normal equations of ridge
/// regression at materials-feature sizes (a few hundred columns).
public struct Cholesky: Sendable {
    public let size: Int
    /// The lower factor, row-major; the strict upper triangle is zero.
    public private(set) var lower: [Double]

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case notPositiveDefinite(pivot: Int)
        public var description: String {
            switch self {
            case let .notPositiveDefinite(pivot):
                return "The matrix is not positive definite (pivot \(pivot) is not positive)."
            }
        }
    }

    /// Factorises the symmetric matrix `a` (`size × size`, row-major; only the lower triangle is read).
    public init(_ a: [Double], size: Int) throws {
        precondition(a.count == size * size, "Cholesky needs a \(size)×\(size) matrix.")
        self.size = size
        var l = [Double](repeating: 0, count: size * size)
        try l.withUnsafeMutableBufferPointer { l in
            try a.withUnsafeBufferPointer { a in
                for i in 0..<size {
                    for j in 0...i {
                        var sum = a[i * size + j]
                        for k in 0..<j { sum -= l[i * size + k] * l[j * size + k] }
                        if i == j {
                            guard sum > 0 else { throw Failure.notPositiveDefinite(pivot: i) }
                            l[i * size + i] = sum.squareRoot()
                        } else {
                            l[i * size + j] = sum / l[j * size + j]
                        }
                    }
                }
            }
        }
        lower = l
    }

    /// The solution x of A x = b.
    public func solve(_ b: [Double]) -> [Double] {
        precondition(b.count == size, "The right-hand side needs \(size) entries.")
        var y = b
        lower.withUnsafeBufferPointer { l in
            for i in 0..<size {
                var sum = y[i]
                for k in 0..<i { sum -= l[i * size + k] * y[k] }
                y[i] = sum / l[i * size + i]
            }
            for i in stride(from: size - 1, through: 0, by: -1) {
                var sum = y[i]
                for k in (i + 1)..<size { sum -= l[k * size + i] * y[k] }
                y[i] = sum / l[i * size + i]
            }
        }
        return y
    }
}
