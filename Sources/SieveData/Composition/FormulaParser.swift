import SieveCore

/// A recursive-descent parser of chemical formulas.
///
/// Grammar (whitespace ignored):
/// ```
/// formula := part+
/// part    := element amount? | "(" formula ")" amount? | "[" formula "]" amount?
/// element := uppercase letter, optional lowercase letter (a known element symbol)
/// amount  := digits ["." digits] | "." digits
/// ```
/// Handles parentheses (`Ag(AuS)2`), explicit ones (`C1Pt1`) and decimals (`Fe0.95O`).
/// Brackets nest at most ``maximumDepth`` deep and every amount must stay finite, so hostile text
/// fails with a ``Failure`` rather than exhausting the stack or giving infinite fractions.
public struct FormulaParser: Sendable {
    /// The deepest bracket nesting read; real formulas use two or three levels.
    public static let maximumDepth = 32

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// 0-based character offset of the problem.
        public var offset: Int
        public var reason: String
        public var description: String { "\(reason) (at character \(offset + 1))" }
    }

    public init() {}

    /// Throws ``Failure`` (untyped `throws`: typed throws of a multi-word error corrupted async
    /// task memory in Swift 6.3.1, seen with XGBoost's wrapper).
    public func parse(_ formula: String) throws -> Composition {
        var cursor = Cursor(characters: Array(formula.unicodeScalars))
        let composition = try parseSequence(&cursor, closing: nil, depth: 0)
        if cursor.index < cursor.characters.count {
            throw Failure(offset: cursor.index, reason: "unexpected '\(cursor.characters[cursor.index])'")
        }
        if composition.isEmpty { throw Failure(offset: 0, reason: "it names no elements") }
        if composition.amounts.contains(where: { $0 <= 0 }) {
            throw Failure(offset: 0, reason: "every element needs a positive amount")
        }
        if !composition.amounts.reduce(0, +).isFinite {
            throw Failure(offset: 0, reason: "the amounts are too large to add up")
        }
        return composition
    }

    private struct Cursor {
        var characters: [Unicode.Scalar]
        var index = 0
        var current: Unicode.Scalar? { index < characters.count ? characters[index] : nil }
        mutating func skipSpaces() { while let c = current, c == " " || c == "\t" { index += 1 } }
    }

    private func parseSequence(_ cursor: inout Cursor, closing: Unicode.Scalar?, depth: Int) throws -> Composition {
        var result = Composition()
        while true {
            cursor.skipSpaces()
            guard let c = cursor.current else {
                if let closing { throw Failure(offset: cursor.index, reason: "missing '\(closing)'") }
                return result
            }
            if let closing, c == closing { return result }
            switch c {
            case "(", "[":
                let open = cursor.index
                guard depth < Self.maximumDepth else {
                    throw Failure(offset: open, reason: "brackets nest more than \(Self.maximumDepth) deep")
                }
                cursor.index += 1
                let inner = try parseSequence(&cursor, closing: c == "(" ? ")" : "]", depth: depth + 1)
                cursor.index += 1
                if inner.isEmpty { throw Failure(offset: open, reason: "empty brackets") }
                let multiplier = try parseAmount(&cursor) ?? 1
                for (element, amount) in zip(inner.elements, inner.amounts) { result.add(element, amount * multiplier) }
            case "A"..."Z":
                var symbol = String(c)
                let start = cursor.index
                cursor.index += 1
                if let next = cursor.current, ("a"..."z").contains(next) {
                    symbol.unicodeScalars.append(next)
                    cursor.index += 1
                }
                guard PeriodicTable.symbols.contains(symbol) else {
                    throw Failure(offset: start, reason: "'\(symbol)' is not an element symbol")
                }
                result.add(symbol, try parseAmount(&cursor) ?? 1)
            case ")", "]":
                throw Failure(offset: cursor.index, reason: "unmatched '\(c)'")
            default:
                throw Failure(offset: cursor.index, reason: "unexpected '\(c)'")
            }
        }
    }

    private func parseAmount(_ cursor: inout Cursor) throws -> Double? {
        let start = cursor.index
        var text = ""
        var sawDot = false
        while let c = cursor.current, ("0"..."9").contains(c) || (c == "." && !sawDot) {
            if c == "." { sawDot = true }
            text.unicodeScalars.append(c)
            cursor.index += 1
        }
        if text.isEmpty { return nil }
        guard text != ".", let value = Double(text) else {
            throw Failure(offset: start, reason: "'\(text)' is not an amount")
        }
        guard value.isFinite else { throw Failure(offset: start, reason: "the amount '\(text)' is too large") }
        return value
    }
}
