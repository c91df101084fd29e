/// Qhull failed: the C function, its exit code and Qhull's own report.
public struct QhullError: Error, Sendable, CustomStringConvertible {
    public var function: String
    public var code: Int
    public var message: String

    public var description: String {
        let report = message.split(separator: "\n").first.map { ": \($0)" } ?? "."
        return "Qhull's \(function) failed with exit code \(code)\(report)"
    }
}
