/// A training-set size: a fraction of the pool or a number of rows.
public enum TrainSize: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    case fraction(Double)
    case count(Int)

    /// Rows for a pool of `poolSize`: fractions round to the nearest row, at least 2, at most the pool.
    public func rows(inPool poolSize: Int) -> Int {
        switch self {
        case let .fraction(f): return Swift.min(poolSize, Swift.max(2, Int((f * Double(poolSize)).rounded())))
        case let .count(c): return Swift.min(poolSize, c)
        }
    }

    public var description: String {
        switch self {
        case let .fraction(f): return NumberText.exactFraction(f)
        case let .count(c): return String(c)
        }
    }

    public static func < (a: TrainSize, b: TrainSize) -> Bool {
        switch (a, b) {
        case let (.fraction(x), .fraction(y)): return x < y
        case let (.count(x), .count(y)): return x < y
        case (.fraction, .count): return true
        case (.count, .fraction): return false
        }
    }

    private enum CodingKeys: String, CodingKey { case fraction, count }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let f = try c.decodeIfPresent(Double.self, forKey: .fraction) { self = .fraction(f) }
        else { self = .count(try c.decode(Int.self, forKey: .count)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .fraction(f): try c.encode(f, forKey: .fraction)
        case let .count(n): try c.encode(n, forKey: .count)
        }
    }
}
