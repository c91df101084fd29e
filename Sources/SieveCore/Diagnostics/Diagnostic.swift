/// A place in a text file: path, 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path; self.line = line; self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

/// One problem found in a user's input, with where it is and the line it is on.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation?
    /// A full sentence a user can act on.
    public var message: String
    /// The source line the location points into, shown under the message with a caret.
    public var sourceLine: String?

    public init(_ severity: Severity = .error, at location: SourceLocation?, _ message: String, sourceLine: String? = nil) {
        self.severity = severity; self.location = location; self.message = message; self.sourceLine = sourceLine
    }

    /// `file:line:col: error: message`, then the source line and a caret under the column.
    public var description: String {
        var text = (location.map { "\($0): " } ?? "") + "\(severity.rawValue): \(message)"
        if let line = sourceLine, let column = location?.column {
            let indent = String(line.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " })
            text += "\n" + line + "\n" + indent + "^"
        }
        return text
    }
}

/// A failure that carries every problem found, reported together.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        return diagnostics.map(\.description).joined(separator: "\n")
            + "\n\(NumberText.counted(errors, "error")) found."
    }
}
