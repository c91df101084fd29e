import SieveCore
import Foundation

/// A streaming reader of comma-separated files (RFC 4180: quoted fields, doubled quotes, CRLF).
///
/// Records are handed to a closure one at a time with the 1-based line they start on, so a
/// caller can report `file:line` and never holds more than one record's fields.
public struct CSVReader: Sendable {
    public let path: String
    private let bytes: [UInt8]

    /// Reads the whole file; throws ``DataError/fileNotFound(path:)`` when nothing is there, a
    /// ``DataError`` naming what is there instead when it is not a readable regular file (a folder,
    /// a link that loops or leads nowhere, a pipe or device), or ``DataError/unreadable(path:reason:)``.
    public init(path: String) throws {
        self.path = path
        switch FileProbe.probe(path) {
        case .regularFile: break
        case .missing: throw DataError.fileNotFound(path: path)
        case .folder: throw DataError.isFolder(path: path)
        case .linkLoop: throw DataError.linkLoop(path: path)
        case let .danglingLink(target): throw DataError.danglingLink(path: path, target: target)
        case let .special(kind): throw DataError.notARegularFile(path: path, kind: kind)
        case let .unreadable(reason): throw DataError.unreadable(path: path, reason: reason)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.unreadable(path: path, reason: "it could not be read")
        }
        self.bytes = [UInt8](data)
    }

    /// A reader over text already in memory (`path` is used only in messages).
    public init(text: String, path: String) {
        self.path = path
        self.bytes = Array(text.utf8)
    }

    /// The SHA-256 of the file's bytes, in hexadecimal.
    public var sha256: String {
        var hash = ContentHash()
        bytes.withUnsafeBytes { hash.update(buffer: $0) }
        return hash.hexDigest()
    }

    /// Calls `body` for every record, header included, with the line it starts on.
    /// Blank lines are skipped. `body` may stop the scan by returning `false`.
    public func forEachRecord(_ body: (_ line: Int, _ fields: [Substring]) throws -> Bool) throws {
        var line = 1
        var index = 0
        let count = bytes.count
        var fields: [Substring] = []
        // Skip a UTF-8 byte-order mark.
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < count {
            let startLine = line
            fields.removeAll(keepingCapacity: true)
            var field: [UInt8] = []
            var atRecordEnd = false
            var sawAnything = false
            while index < count && !atRecordEnd {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") && field.isEmpty {
                    // Quoted field: read until the closing quote.
                    index += 1
                    var closed = false
                    while index < count {
                        let b = bytes[index]
                        if b == UInt8(ascii: "\"") {
                            if index + 1 < count && bytes[index + 1] == UInt8(ascii: "\"") {
                                field.append(b); index += 2; continue
                            }
                            index += 1; closed = true; break
                        }
                        if b == UInt8(ascii: "\n") { line += 1 }
                        field.append(b); index += 1
                    }
                    if !closed { throw DataError.malformedRow(path: path, line: startLine, reason: "a quoted field is never closed") }
                    sawAnything = true
                    continue
                }
                switch byte {
                case UInt8(ascii: ","):
                    fields.append(Substring(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true)
                    sawAnything = true
                    index += 1
                case UInt8(ascii: "\r"):
                    index += 1
                case UInt8(ascii: "\n"):
                    atRecordEnd = true
                    line += 1
                    index += 1
                default:
                    field.append(byte); sawAnything = true
                    index += 1
                }
            }
            if !sawAnything { continue }
            fields.append(Substring(decoding: field, as: UTF8.self))
            if try !body(startLine, fields) { return }
        }
    }

    /// The first record: the column names.
    public func header() throws -> [String] {
        var names: [String]?
        try forEachRecord { _, fields in names = fields.map { $0.trimmingCharacters(in: .whitespaces) }; return false }
        guard let header = names else { throw DataError.emptyFile(path: path) }
        return header
    }
}
