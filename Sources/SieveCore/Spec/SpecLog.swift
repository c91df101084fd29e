/// Collects every problem found while reading a spec, so all are reported at once; also used by
/// later checks (model parameters, data files) so their problems join the same list.
public final class SpecLog {
    public let source: SourceText
    public private(set) var diagnostics: [Diagnostic] = []

    public init(source: SourceText) { self.source = source }

    public var hasErrors: Bool { !diagnostics.isEmpty }

    /// Adds problems found elsewhere (an earlier reading step).
    public func append(_ more: [Diagnostic]) { diagnostics += more }

    /// The problems in file order (those without a location first).
    public var sortedDiagnostics: [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (x?, y?): return x == y ? a.offset < b.offset : x < y
            case (nil, _?): return true
            case (_?, nil): return false
            case (nil, nil): return a.offset < b.offset
            }
        }.map(\.element)
    }

    public func error(_ at: SourceLocation, _ message: String) {
        diagnostics.append(source.error(at: at, message))
    }

    public func error(_ node: SpecNode, _ message: String) { error(node.location, message) }

    // MARK: Typed values

    public func string(_ node: SpecNode, _ what: String) -> String? {
        guard let s = node.string, !s.isEmpty else {
            error(node, "\(what) must be non-empty text, not \(node.kindDescription).")
            return nil
        }
        return s
    }

    public func int(_ node: SpecNode, _ what: String) -> Int? {
        guard let i = node.int else {
            if node.isOversizedInteger {
                error(node, "\(what) is \(node), which is too large: integers in a spec must be between "
                      + "\(Int.min) and \(Int.max).")
            } else {
                error(node, "\(what) must be an integer, not \(node.kindDescription) ('\(node)').")
            }
            return nil
        }
        return i
    }

    /// An integer within `range`; out of range is reported with the range, and `why` (a clause
    /// such as "(the rounds of boosting)") after it.
    public func int(_ node: SpecNode, _ what: String, in range: ClosedRange<Int>, _ why: String = "") -> Int? {
        guard let i = int(node, what) else { return nil }
        guard range.contains(i) else {
            error(node, SpecLog.outOfRange(what, i, range, why))
            return nil
        }
        return i
    }

    /// "draws must be between 1 and 1,000,000 (…), got 100000000."
    public static func outOfRange(_ what: String, _ value: Int, _ range: ClosedRange<Int>, _ why: String = "") -> String {
        let limits = range.upperBound == Int.max ? "at least \(grouped(range.lowerBound))"
            : "between \(grouped(range.lowerBound)) and \(grouped(range.upperBound))"
        return "\(what) must be \(limits)\(why.isEmpty ? "" : " " + why), got \(value)."
    }

    /// 100000 as "100,000".
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    public func number(_ node: SpecNode, _ what: String) -> Double? {
        guard let d = node.number else {
            error(node, "\(what) must be a number, not \(node.kindDescription) ('\(node)').")
            return nil
        }
        return d
    }

    public func bool(_ node: SpecNode, _ what: String) -> Bool? {
        guard let b = node.bool else {
            error(node, "\(what) must be true or false, not \(node.kindDescription) ('\(node)').")
            return nil
        }
        return b
    }

    /// A list, or a single value taken as a list of one.
    public func list(_ node: SpecNode) -> [SpecNode] { node.list ?? [node] }

    public func strings(_ node: SpecNode, _ what: String) -> [String]? {
        let items = list(node).map { string($0, "Each entry of \(what)") }
        return items.contains { $0 == nil } ? nil : items.map { $0! }
    }

    /// One of a closed set of words, with "did you mean" for a near miss.
    public func choice(_ node: SpecNode, _ what: String, among choices: [String]) -> String? {
        guard let s = string(node, what) else { return nil }
        guard choices.contains(s) else {
            error(node, "\(what) '\(s)' is not one of \(choices.map { "'\($0)'" }.joined(separator: ", "))"
                  + EditDistance.didYouMean(s, among: choices).replacingFirstSemicolon)
            return nil
        }
        return s
    }

    /// A closed-vocabulary mapping: reports a non-mapping, unknown keys and repeated keys.
    public func mapping(_ node: SpecNode, _ what: String, keys: [String]) -> MappingReader? {
        guard let pairs = node.mapping else {
            error(node, "\(what) must be a mapping of keys to values, not \(node.kindDescription).")
            return nil
        }
        var seen: [String: SpecNode] = [:]
        var entries: [(key: String, keyNode: SpecNode, value: SpecNode)] = []
        for (keyNode, value) in pairs {
            guard let key = keyNode.string else {
                let hint = keyNode.bool != nil ? " (YAML reads on, off, yes and no as true/false; quote such a key)" : ""
                error(keyNode, "Keys in \(what) must be text, not \(keyNode.kindDescription)\(hint).")
                continue
            }
            if let first = seen[key] {
                error(keyNode, "'\(key)' appears twice in \(what) (first at line \(first.location.line)).")
                continue
            }
            seen[key] = keyNode
            guard keys.contains(key) else {
                error(keyNode, "\(what) has no setting '\(key)'"
                      + (EditDistance.suggestion(for: key, among: keys).map { "; did you mean '\($0)'?" }
                         ?? ". It takes: \(keys.joined(separator: ", ")).")
                        .replacingFirstSemicolon)
                continue
            }
            entries.append((key, keyNode, value))
        }
        return MappingReader(node: node, what: what, entries: entries, log: self)
    }
}

/// The recognised entries of one mapping, looked up by key.
public struct MappingReader {
    public let node: SpecNode
    public let what: String
    let entries: [(key: String, keyNode: SpecNode, value: SpecNode)]
    let log: SpecLog

    public subscript(key: String) -> SpecNode? { entries.first { $0.key == key }?.value }

    public func keyNode(_ key: String) -> SpecNode? { entries.first { $0.key == key }?.keyNode }

    public var keys: [String] { entries.map(\.key) }

    /// The value of a key that must be present; reports its absence at the mapping.
    public func required(_ key: String, _ explanation: String) -> SpecNode? {
        guard let value = self[key] else {
            log.error(node, "\(what) needs `\(key)`: \(explanation)")
            return nil
        }
        return value
    }
}

extension String {
    /// Messages end with "; did you mean 'x'?"; where a sentence reads better with a full stop
    /// first, this turns the leading "; did you mean" into ". Did you mean".
    public var replacingFirstSemicolon: String {
        if hasPrefix("; did you mean") { return ". Did you mean" + dropFirst("; did you mean".count) }
        return self.hasSuffix(".") || self.hasSuffix("?") ? self : self + "."
    }
}
