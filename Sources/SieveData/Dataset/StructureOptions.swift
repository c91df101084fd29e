import SieveCore

/// How a dataset's crystal structures are read: which column holds them (POSCAR text or
/// pymatgen dicts), where a given space group is, the symmetry tolerance for spglib, and whether
/// structure features join the others.
public struct StructureOptions: Sendable, Equatable {
    public var column: String
    /// A column of space-group numbers, used as given instead of searching with spglib.
    public var spaceGroupColumn: String?
    public var symprec: Double
    /// Append ``StructureFeatures`` to the dataset's features.
    public var features: Bool
    /// matminer structure families appended after everything else, in ``StructureFamily`` order.
    public var matminer: [StructureFamily] = []

    public init(column: String, spaceGroupColumn: String? = nil, symprec: Double = CrystalStructure.defaultSymprec,
                features: Bool = false) {
        self.column = column; self.spaceGroupColumn = spaceGroupColumn; self.symprec = symprec; self.features = features
    }
}

/// What divides a dataset into groups (for the bias metric, group hold-outs and reports).
public enum GroupRule: Sendable, Equatable {
    /// The crystal system of each row's structure (or of its given space group).
    case crystalSystem
    /// The text of a column.
    case column(String)

    public var name: String {
        switch self {
        case .crystalSystem: return "crystal_system"
        case let .column(c): return c
        }
    }
}

extension Dataset {
    /// Reads the structure column's texts (one per kept row), finds space groups (given, or by
    /// spglib when `structure: true` or `crystalSystems` needs them), and returns the structure
    /// features and crystal systems (empty when not needed), in row order.
    ///
    /// spglib costs about 4 ms per flla_2015 structure, several times all of matminer's structure
    /// families, so a dataset that uses neither the 11 features nor crystal-system groups skips it.
    static func structures(texts: [Substring], givenSpaceGroups: [Substring]?, lines: [Int], path: String,
                           options: StructureOptions, crystalSystems: Bool,
                           threads: Int) throws -> (features: [[Double]], matminer: [Result<[Double], DataError>], systems: [String]) {
        var parsed: [CrystalStructure] = []
        parsed.reserveCapacity(texts.count)
        for (i, text) in texts.enumerated() {
            parsed.append(try StructureColumn.parse(text, file: path, line: lines[i]))
        }
        let groups: [SpaceGroup]
        if let given = givenSpaceGroups {
            groups = try given.enumerated().map { i, field in
                let column = options.spaceGroupColumn ?? "space_group"
                let text = field.trimmingSpaces
                guard let number = Int(text) else {
                    throw DataError.notANumber(path: path, line: lines[i], column: column, text: text)
                }
                guard let group = SpaceGroup(number: number) else {
                    throw DataError.outOfRange(path: path, line: lines[i], column: column, text: text,
                                               range: "1–230, the numbers of the space groups")
                }
                return group
            }
        } else if options.features || crystalSystems {
            groups = try StructureColumn.spaceGroups(of: parsed, lines: lines, file: path, symprec: options.symprec, threads: threads)
        } else {
            groups = []
        }
        let features = options.features ? zip(parsed, groups).map { StructureFeatures.values(for: $0, spaceGroup: $1) } : []
        for (i, row) in features.enumerated() {
            for (k, value) in row.enumerated() where !(value.magnitude <= Double(Float.greatestFiniteMagnitude)) {
                throw DataError.outOfRange(path: path, line: lines[i], column: "\(options.column) (feature \(StructureFeatures.names[k]))",
                                           text: "\(value)", range: DatasetLoader.featureRange)
            }
        }
        let matminer = options.matminer.isEmpty ? [] : StructureFamily.features(of: parsed, families: options.matminer, lines: lines,
                                                                                      path: path, threads: threads)
        return (features, matminer, crystalSystems ? groups.map(\.crystalSystem.rawValue) : [])
    }
}
