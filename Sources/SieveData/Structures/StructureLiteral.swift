/// A value of a JSON document or of a Python literal (`repr` of dicts, lists, strings and numbers).
///
/// pymatgen structure dicts reach CSV files both ways: as JSON (`json.dumps`) and as Python
/// literals (pandas writes a dict column with `repr`: single quotes, `True`, `None`). One small
/// recursive-descent reader takes both, so matminer's CSV columns are read as they are.
indirect enum StructureLiteral {
    case object([(key: String, value: StructureLiteral)])
    case array([StructureLiteral])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// The value under `key` of an object (the first, if repeated); nil for other values.
    subscript(key: String) -> StructureLiteral? {
        guard case let .object(entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    var number: Double? { if case let .number(v) = self { return v } else { return nil } }
    var string: String? { if case let .string(s) = self { return s } else { return nil } }
    var array: [StructureLiteral]? { if case let .array(a) = self { return a } else { return nil } }

    /// Parses a whole document; throws with the 1-based character offset of the problem.
    static func parse(_ bytes: [UInt8]) throws -> StructureLiteral {
        var reader = Reader(bytes: bytes)
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        if reader.index < bytes.count { throw reader.failure("unexpected text after the end of the dict") }
        return value
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0
        static let maximumDepth = 64

        func failure(_ what: String) -> StructureReadFailure {
            StructureReadFailure("at character \(index + 1), \(what)")
        }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func value(depth: Int) throws -> StructureLiteral {
            guard depth < Reader.maximumDepth else { throw failure("the nesting is deeper than \(Reader.maximumDepth) levels") }
            skipSpace()
            guard index < bytes.count else { throw failure("the text ends where a value should be") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                var entries: [(key: String, value: StructureLiteral)] = []
                try sequence(closing: UInt8(ascii: "}")) {
                    $0.skipSpace()
                    guard $0.index < $0.bytes.count, [UInt8(ascii: "\""), UInt8(ascii: "'")].contains($0.bytes[$0.index]) else {
                        throw $0.failure("expected a quoted key")
                    }
                    let key = try $0.string()
                    $0.skipSpace()
                    guard $0.index < $0.bytes.count, $0.bytes[$0.index] == UInt8(ascii: ":") else {
                        throw $0.failure("expected ':' after the key '\(key)'")
                    }
                    $0.index += 1
                    entries.append((key, try $0.value(depth: depth + 1)))
                }
                return .object(entries)
            case UInt8(ascii: "["), UInt8(ascii: "("):
                let closing = bytes[index] == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: ")")
                var items: [StructureLiteral] = []
                try sequence(closing: closing) { items.append(try $0.value(depth: depth + 1)) }
                return .array(items)
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                return .string(try string())
            default:
                return try scalar()
            }
        }

        /// Reads `open item (, item)* [,] close`, calling `item` for each; a trailing comma is allowed.
        mutating func sequence(closing: UInt8, _ item: (inout Reader) throws -> Void) throws {
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == closing { index += 1; return }
            while true {
                try item(&self)
                skipSpace()
                guard index < bytes.count else { throw failure("the text ends before '\(Character(UnicodeScalar(closing)))'") }
                if bytes[index] == closing { index += 1; return }
                guard bytes[index] == UInt8(ascii: ",") else {
                    throw failure("expected ',' or '\(Character(UnicodeScalar(closing)))'")
                }
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == closing { index += 1; return }
            }
        }

        mutating func string() throws -> String {
            let quote = bytes[index]
            let start = index
            index += 1
            var out: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                if byte == quote { index += 1; return String(decoding: out, as: UTF8.self) }
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard index < bytes.count else { break }
                    switch bytes[index] {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "u"):
                        let hex = bytes[min(index + 1, bytes.count)..<min(index + 5, bytes.count)]
                        guard hex.count == 4, let code = UInt32(String(decoding: hex, as: UTF8.self), radix: 16),
                              let scalar = UnicodeScalar(code) else { throw failure("a \\u escape needs four hex digits") }
                        out += Array(String(Character(scalar)).utf8)
                        index += 4
                    default: out.append(bytes[index])  // \" \' \\ \/
                    }
                    index += 1
                    continue
                }
                out.append(byte)
                index += 1
            }
            index = start
            throw failure("a string is never closed")
        }

        mutating func scalar() throws -> StructureLiteral {
            let start = index
            while index < bytes.count {
                let b = bytes[index]
                let isWord = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                    || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_")
                guard isWord else { break }
                index += 1
            }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            switch word {
            case "true", "True": return .bool(true)
            case "false", "False": return .bool(false)
            case "null", "None": return .null
            case "NaN", "nan": return .number(.nan)
            case "Infinity", "inf": return .number(.infinity)
            case "-Infinity", "-inf": return .number(-.infinity)
            default:
                if let v = Double(String(word.filter { $0 != "_" })) { return .number(v) }
                index = start
                throw failure(word.isEmpty ? "unexpected '\(Character(UnicodeScalar(bytes[start])))'" : "'\(word)' is not a value")
            }
        }
    }
}
