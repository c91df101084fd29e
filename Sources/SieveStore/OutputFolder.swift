import SieveCore

/// An experiment's output folder, resolved once: every file Sieve writes for the experiment must
/// land inside it.
public struct OutputFolder: Sendable {
    public let path: String

    public init(_ path: String) { self.path = path }

    /// A file's path inside the folder; refuses a name that is absolute or climbs out with "..".
    public func file(_ relative: String) throws -> String {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.hasPrefix("/"), !parts.isEmpty, !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw OutsideOutputFolder(name: relative, folder: path)
        }
        return PathText.join(path, relative)
    }
}

/// A write that would not land inside the output folder.
public struct OutsideOutputFolder: Error, Sendable, CustomStringConvertible {
    public let name: String
    public let folder: String
    public var description: String {
        "Refused to write '\(name)': every output of the experiment must stay inside its output folder \(folder)."
    }
}
