import SieveSpglib

/// How a column writes its crystal structures.
public enum StructureFormat: String, Sendable, CaseIterable {
    /// Decide per value: text starting with `{` is a pymatgen dict, anything else POSCAR.
    case auto
    /// A pymatgen `Structure.as_dict()`, as JSON or as a Python literal (single quotes, True/None),
    /// which is how pandas writes matminer's structure columns to CSV.
    case pymatgen
    /// VASP 5 POSCAR text with the species line.
    case poscar

    var noun: String {
        switch self {
        case .auto: return "a crystal structure"
        case .pymatgen: return "a pymatgen Structure dict"
        case .poscar: return "POSCAR text"
        }
    }
}

/// Reads the crystal structures of a data column, one cell at a time, with errors located by the
/// cell's `file:line`.
public enum StructureColumn {
    /// The format of one value: `.pymatgen` when its first non-blank character is `{`, else `.poscar`.
    public static func detectFormat<S: StringProtocol>(of text: S) -> StructureFormat {
        let first = text.utf8.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\n")
            && $0 != UInt8(ascii: "\r") }
        return first == UInt8(ascii: "{") ? .pymatgen : .poscar
    }

    /// The structure written in `text`, a cell of the data file `file` on `line`.
    ///
    /// - Throws: ``StructureError/unreadable(file:line:format:reason:)`` naming the format the text
    ///   was read as and what is wrong with it.
    public static func parse<S: StringProtocol>(_ text: S, format: StructureFormat = .auto,
                                                file: String, line: Int) throws -> CrystalStructure {
        let resolved = format == .auto ? detectFormat(of: text) : format
        do {
            switch resolved {
            case .pymatgen, .auto:
                return try PymatgenDictReader.read(Array(text.utf8))
            case .poscar:
                return try PoscarReader.read(String(text))
            }
        } catch let failure as StructureReadFailure {
            throw StructureError.unreadable(file: file, line: line, format: resolved, reason: failure.reason)
        }
    }

    /// The space group of a structure read from `file:line`, with spglib's failures located there.
    ///
    /// - Throws: ``StructureError/symmetrySearchFailed(file:line:symprec:message:)``.
    public static func spaceGroup(of structure: CrystalStructure, symprec: Double = CrystalStructure.defaultSymprec,
                                  file: String, line: Int) throws -> SpaceGroup {
        do {
            return try structure.spaceGroup(symprec: symprec)
        } catch let error as SpglibError {
            throw StructureError.symmetrySearchFailed(file: file, line: line, symprec: symprec,
                                                      message: "\(error.function): \(error.message)")
        }
    }
}

extension StructureColumn {
    /// The version of the spglib library that finds space groups, for manifests.
    public static var symmetryLibraryVersion: String { Spglib.version }
}
