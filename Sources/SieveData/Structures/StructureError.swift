/// A crystal structure in a data file that cannot be used, located by `file:line`.
public enum StructureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not a structure in the format it was read as; `reason` is a sentence fragment
    /// that says where in the text (POSCAR line, character offset, site number) and what is wrong.
    case unreadable(file: String, line: Int, format: StructureFormat, reason: String)
    /// spglib found no space group for a structure that was read.
    case symmetrySearchFailed(file: String, line: Int, symprec: Double, message: String)

    public var description: String {
        switch self {
        case let .unreadable(file, line, format, reason):
            return "\(file):\(line): the structure cannot be read as \(format.noun): \(reason)."
        case let .symmetrySearchFailed(file, line, symprec, message):
            return "\(file):\(line): spglib found no space group for the structure at symprec \(symprec) Å "
                + "(\(message)). Check the structure, or lower symprec if atoms sit closer together than it."
        }
    }
}

/// Why a reader gave up, before the caller adds the file and line.
struct StructureReadFailure: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
