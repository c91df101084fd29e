import SieveCore
import SieveData
import SieveSpec

/// Turns `features: {matminer: [...]}` into the composition and structure families Sieve computes, every
/// unknown name reported at its place in the spec.
enum MatminerFamilyResolver {
    struct Families: Equatable {
        var composition: [CompositionFamily] = []
        var structure: [StructureFamily] = []
    }

    /// Shorthands and what they stand for: `composition` (with `magpie:` beside it, the paper's 145
    /// composition features), `structure` (its 128 structure features) and `paper` (all 273).
    static let shorthands: [String: Families] = [
        "composition": Families(composition: CompositionFamily.allCases),
        "structure": Families(structure: StructureFamily.allCases),
        "paper": Families(composition: CompositionFamily.allCases, structure: StructureFamily.allCases),
    ]

    static var vocabulary: [String] {
        CompositionFamily.allCases.map(\.name) + StructureFamily.allCases.map(\.name) + shorthands.keys.sorted()
    }

    /// The families named (unknown names left out), each kind in its canonical order without repeats.
    static func expand(_ names: [Located<String>]) -> Families {
        var composition = Set<CompositionFamily>(), structure = Set<StructureFamily>()
        for name in names {
            if let family = CompositionFamily(rawValue: name.value) { composition.insert(family) }
            if let family = StructureFamily(rawValue: name.value) { structure.insert(family) }
            if let families = shorthands[name.value] {
                composition.formUnion(families.composition)
                structure.formUnion(families.structure)
            }
        }
        return Families(composition: CompositionFamily.allCases.filter(composition.contains),
                        structure: StructureFamily.allCases.filter(structure.contains))
    }

    /// The families named; nil when a name is unknown, or names a structure family while the dataset has
    /// no `structure:` column.
    static func families(_ names: [Located<String>], hasStructures: Bool, log: SpecLog) -> Families? {
        var ok = true
        for name in names where !vocabulary.contains(name.value) {
            ok = false
            log.error(name.location, "'\(name.value)' is not a matminer family Sieve computes"
                      + (EditDistance.suggestion(for: name.value, among: vocabulary).map { "; did you mean '\($0)'?" }
                         ?? ". The families are: \(vocabulary.joined(separator: ", ")).").replacingFirstSemicolon)
        }
        if !hasStructures, let name = names.first(where: { !expand([$0]).structure.isEmpty }) {
            ok = false
            log.error(name.location, "matminer's '\(name.value)' computes structure features, so the dataset needs `structure: <column>`.")
        }
        return ok ? expand(names) : nil
    }
}
