/// A spec value with where it was written: the spec's own syntax tree. SieveSpec builds it from
/// YAML (the only module that sees the YAML library); models and campaign kinds read their own
/// settings from it.
public struct SpecNode: Sendable, Equatable, CustomStringConvertible {
    public enum Value: Sendable, Equatable {
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
        case list([SpecNode])
        /// Key–value pairs in the order written.
        case mapping([(key: SpecNode, value: SpecNode)])

        public static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.null, .null): return true
            case let (.bool(x), .bool(y)): return x == y
            case let (.int(x), .int(y)): return x == y
            case let (.double(x), .double(y)): return x == y
            case let (.string(x), .string(y)): return x == y
            case let (.list(x), .list(y)): return x == y
            case let (.mapping(x), .mapping(y)):
                return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
            default: return false
            }
        }
    }

    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// What kind of value this is, for messages: "a number", "a list", …
    public var kindDescription: String {
        switch value {
        case .null: return "nothing"
        case .bool: return "true/false"
        case .int: return "an integer"
        case .double: return "a number"
        case .string: return "text"
        case .list: return "a list"
        case .mapping: return "a mapping"
        }
    }

    public var string: String? { if case let .string(s) = value { return s } else { return nil } }
    public var int: Int? { if case let .int(i) = value { return i } else { return nil } }
    public var bool: Bool? { if case let .bool(b) = value { return b } else { return nil } }
    /// The value as a number, whether written as an integer or not.
    public var number: Double? {
        switch value {
        case let .int(i): return Double(i)
        case let .double(d): return d
        default: return nil
        }
    }
    public var list: [SpecNode]? { if case let .list(l) = value { return l } else { return nil } }

    /// A whole number written in the spec that does not fit in an `Int` (YAML gives it to us as
    /// text, or as a number when it has an exponent), so messages can say "too large", not "text".
    public var isOversizedInteger: Bool {
        switch value {
        case let .string(s):
            let digits = s.first == "-" || s.first == "+" ? s.dropFirst() : Substring(s)
            return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
        case let .double(d):
            return d.isFinite && d == d.rounded() && d.magnitude >= 0x1p63
        default:
            return false
        }
    }
    public var mapping: [(key: SpecNode, value: SpecNode)]? {
        if case let .mapping(m) = value { return m } else { return nil }
    }

    /// The value as YAML-like text, for manifests and messages.
    public var description: String {
        switch value {
        case .null: return "null"
        case let .bool(b): return b.description
        case let .int(i): return i.description
        case let .double(d): return d.description
        case let .string(s): return s
        case let .list(items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case let .mapping(pairs): return "{" + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}
