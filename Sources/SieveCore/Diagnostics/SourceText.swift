/// The text of a user's input file, kept to show the offending line under a diagnostic.
public struct SourceText: Sendable {
    public let path: String
    public let lines: [String]

    public init(path: String, text: String) {
        self.path = path
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
    }

    /// The 1-based line `number`, if the file has it.
    public func line(_ number: Int) -> String? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }

    /// An error at `location` with the source line attached.
    public func error(at location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, at: location, message, sourceLine: location.path == path ? line(location.line) : nil)
    }
}
