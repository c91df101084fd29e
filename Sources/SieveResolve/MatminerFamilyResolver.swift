import SieveCore
import SieveData
import SieveSpec

/// Turns `features: {matminer: [...]}` into the composition families Sieve computes, every unknown or
/// not-yet-computed name reported at its place in the spec.
enum MatminerFamilyResolver {
    /// Shorthands and what they stand for.
    static let shorthands: [String: [CompositionFamily]] = ["composition": CompositionFamily.allCases]

    /// matminer's structure featurisers of the redundancy paper: known names, not yet computed natively.
    static let structureFamilies = ["coordination_number", "local_property_difference", "structural_heterogeneity",
                                    "maximum_packing_efficiency", "chemical_ordering"]

    static var vocabulary: [String] {
        CompositionFamily.allCases.map(\.name) + shorthands.keys.sorted() + ["paper"] + structureFamilies
    }

    /// The known families among `names`, unknown names left out (for comparing two datasets' settings
    /// after ``families(_:log:)`` has reported the unknown ones).
    static func expand(_ names: [Located<String>]) -> [CompositionFamily] {
        let chosen = Set(names.flatMap { CompositionFamily(rawValue: $0.value).map { [$0] } ?? shorthands[$0.value] ?? [] })
        return CompositionFamily.allCases.filter(chosen.contains)
    }

    /// The families named, in ``CompositionFamily`` order without repeats; nil when a name is wrong.
    static func families(_ names: [Located<String>], log: SpecLog) -> [CompositionFamily]? {
        var chosen = Set<CompositionFamily>()
        var ok = true
        for name in names {
            if let family = CompositionFamily(rawValue: name.value) {
                chosen.insert(family)
            } else if let families = shorthands[name.value] {
                chosen.formUnion(families)
            } else if name.value == "paper" || structureFamilies.contains(name.value) {
                ok = false
                log.error(name.location, "matminer's '\(name.value)' needs \(name.value == "paper" ? "the paper's structure featurisers" : "a structure featuriser"), "
                          + "which Sieve does not compute yet; the composition families are "
                          + CompositionFamily.allCases.map { "'\($0.name)'" }.joined(separator: ", ") + " (or 'composition' for all three).")
            } else {
                ok = false
                let known = CompositionFamily.allCases.map(\.name) + shorthands.keys.sorted()
                log.error(name.location, "'\(name.value)' is not a matminer family Sieve computes"
                          + (EditDistance.suggestion(for: name.value, among: vocabulary).map { "; did you mean '\($0)'?" }
                             ?? ". The families are: \(known.joined(separator: ", ")).").replacingFirstSemicolon)
            }
        }
        return ok ? CompositionFamily.allCases.filter(chosen.contains) : nil
    }
}
