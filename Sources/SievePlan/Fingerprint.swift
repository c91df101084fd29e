import SieveCore
import SieveData
import SieveResolve

/// Canonical text for everything a run's result depends on, built field by field (never from
/// `String(describing:)` of sets or dictionaries, whose order changes between processes).
enum Fingerprint {
    /// How a file's rows become features and targets (its path is left out: the content hash
    /// identifies the data, so moving a file does not make runs stale).
    static func of(_ options: DatasetOptions) -> String {
        let features: String
        switch options.features {
        case let .magpie(column): features = "magpie(\(column))"
        case let .columns(names): features = "columns(\(names.joined(separator: ",")))"
        case let .excluding(names): features = "exclude(\(names.sorted().joined(separator: ",")))"
        case .allNumeric: features = "all-numeric"
        }
        // Row rules are appended only when set, so datasets without them keep their identities.
        var rules = ""
        if let keep = options.keepRows { rules += ";keep-rows(\(of(keep)))" }
        if let duplicates = options.duplicates { rules += ";duplicates=\(duplicates.keep.rawValue)" }
        if let sample = options.sample { rules += ";sample=\(sample.rows)/\(sample.seed)" }
        if let structure = options.structure {
            rules += ";structure(\(structure.column);sg=\(structure.spaceGroupColumn ?? "spglib");symprec=\(structure.symprec);"
                + "features=\(structure.features))"
        }
        if let group = options.group { rules += ";group=\(group.name)" }
        let matminer = options.matminer.map(\.name) + (options.structure?.matminer.map(\.name) ?? [])
        if !matminer.isEmpty { rules += ";matminer=\(matminer.joined(separator: ","))" }
        return "target=\(options.target);features=\(features);formula=\(options.formulaColumn ?? "-");"
            + "missing=\(options.missingValues.rawValue)" + rules
    }

    /// A row rule's part of an identity: its lists count as sets (neither repeats nor the order written change it).
    static func of(_ rule: RowRule) -> String {
        ["min-elements=\(rule.minElements.map(String.init) ?? "-")",
         "max-elements=\(rule.maxElements.map(String.init) ?? "-")",
         "contains=\(Set(rule.containsAny).sorted().joined(separator: ","))",
         "min-target=\(rule.minTarget.map { $0.description } ?? "-")",
         "max-target=\(rule.maxTarget.map { $0.description } ?? "-")"].joined(separator: ";")
            + (rule.groups.isEmpty ? "" : ";groups=\(Set(rule.groups).sorted().joined(separator: ","))")
    }

    static func of(_ ood: ResolvedOOD) -> String {
        let sample = ood.sample.map { ";sample=\($0)" } ?? ""
        switch ood.source {
        case let .dataset(options, dropOverlap, _):
            return "\(ood.name)=dataset(\(of(options));drop-overlap=\(dropOverlap)\(sample))"
        case let .filter(rule):
            return "\(ood.name)=where(\(of(rule))\(sample))"
        }
    }
}
