import SieveCore

/// A problem with a data file, located by `file:line` and column where it has one.
public enum DataError: Error, Sendable, Equatable, CustomStringConvertible {
    case fileNotFound(path: String)
    case isFolder(path: String)
    case linkLoop(path: String)
    case danglingLink(path: String, target: String)
    /// A pipe, device or socket: reading it could block or never end.
    case notARegularFile(path: String, kind: String)
    case unreadable(path: String, reason: String)
    case emptyFile(path: String)
    case missingColumn(path: String, column: String, available: [String])
    case duplicateColumn(path: String, column: String)
    case malformedRow(path: String, line: Int, reason: String)
    case wrongFieldCount(path: String, line: Int, expected: Int, found: Int)
    case notANumber(path: String, line: Int, column: String, text: String)
    /// A number, but outside what the column can hold; `range` says what it can ("1–230 …").
    case outOfRange(path: String, line: Int, column: String, text: String, range: String)
    case missingValue(path: String, line: Int, column: String)
    case badFormula(path: String, line: Int, formula: String, reason: String)
    case unknownElement(path: String, line: Int, formula: String, element: String)
    case noRows(path: String)
    case noFeatures(path: String)

    public var description: String {
        switch self {
        case let .fileNotFound(path):
            return "The data file \(path) does not exist."
        case let .isFolder(path):
            return "The data path \(path) is a folder; give the path of a CSV file."
        case let .linkLoop(path):
            return "The data path \(path) is a symbolic link that never reaches a file (the links form a loop); point it at a CSV file."
        case let .danglingLink(path, target):
            return "The data path \(path) is a symbolic link to \(target), which does not exist."
        case let .notARegularFile(path, kind):
            return "The data path \(path) is \(kind), not a file; Sieve reads data from regular files."
        case let .unreadable(path, reason):
            return "The data file \(path) could not be read: \(reason)."
        case let .emptyFile(path):
            return "The data file \(path) is empty; it needs a header line and at least one row."
        case let .missingColumn(path, column, available):
            return "\(path): there is no column '\(column)'\(EditDistance.didYouMean(column, among: available)) "
                + "The columns are: \(available.joined(separator: ", "))."
        case let .duplicateColumn(path, column):
            return "\(path):1: the column '\(column)' appears more than once in the header."
        case let .malformedRow(path, line, reason):
            return "\(path):\(line): the row is malformed: \(reason)."
        case let .wrongFieldCount(path, line, expected, found):
            return "\(path):\(line): the row has \(found) fields but the header has \(expected)."
        case let .notANumber(path, line, column, text):
            return "\(path):\(line): column '\(column)' holds '\(text)', which is not a number."
        case let .outOfRange(path, line, column, text, range):
            return "\(path):\(line): column '\(column)' holds \(text), which is outside \(range)."
        case let .missingValue(path, line, column):
            return "\(path):\(line): column '\(column)' is empty or NaN. Fix the row, or set "
                + "`missing: drop_rows` in the dataset to leave such rows out."
        case let .badFormula(path, line, formula, reason):
            return "\(path):\(line): the formula '\(formula)' cannot be read: \(reason)."
        case let .unknownElement(path, line, formula, element):
            return "\(path):\(line): the formula '\(formula)' contains \(element), which has no entry in the Magpie element table."
        case let .noRows(path):
            return "The data file \(path) has a header but no usable rows."
        case let .noFeatures(path):
            return "No feature columns were found in \(path): give `features: {columns: [...]}` or `{magpie: <formula column>}`."
        }
    }
}
