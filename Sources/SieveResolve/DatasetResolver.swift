import SieveCore
import SieveData
import SieveSpec

/// Checks a spec's datasets against their files and turns them into loader options.
enum DatasetResolver {
    static func dataset(_ spec: DatasetSpec, log: SpecLog) -> ResolvedDataset? {
        guard let options = options(spec, log: log) else { return nil }
        return ResolvedDataset(options: options, units: spec.units, description: description(spec), location: spec.path.location)
    }

    static func ood(_ spec: ExperimentSpec, log: SpecLog) -> [ResolvedOOD] {
        let mainHasFormulas = hasFormulas(spec.dataset)
        var ood: [ResolvedOOD] = []
        for set in spec.splits.ood {
            switch set.source {
            case let .dataset(datasetSpec, dropOverlap):
                guard let options = options(datasetSpec, log: log) else { continue }
                if dropOverlap && (!mainHasFormulas || !hasFormulas(datasetSpec)) {
                    log.error(set.name.location, "The test set '\(set.name.value)' drops formulas it shares with the main dataset, "
                              + "so both datasets need formulas: give `formula: <column>` or `features: {magpie: <column>}` in each.")
                }
                if !sameFeatures(datasetSpec.features, spec.dataset.features) {
                    log.error(set.name.location, "The test set '\(set.name.value)' must build the same features as the main dataset; "
                              + "give it the same `features` setting.")
                }
                ood.append(ResolvedOOD(name: set.name.value, source: .dataset(options, dropOverlap: dropOverlap,
                                                                              location: datasetSpec.path.location),
                                       location: set.name.location, sample: set.sample))
            case let .filter(rule):
                if rule.needsComposition && !mainHasFormulas {
                    log.error(rule.location, "This rule looks at each row's elements, so the main dataset needs formulas: "
                              + "give `formula: <column>` or `features: {magpie: <column>}` in `dataset`.")
                }
                ood.append(ResolvedOOD(name: set.name.value, source: .filter(RowFilter(
                    minElements: rule.minElements, maxElements: rule.maxElements,
                    containsAny: Set(rule.containsAny.map(\.value)), minTarget: rule.minTarget, maxTarget: rule.maxTarget)),
                    location: set.name.location, sample: set.sample))
            }
        }
        return ood
    }

    private static func hasFormulas(_ dataset: DatasetSpec) -> Bool {
        if dataset.formulaColumn != nil { return true }
        if case .magpie = dataset.features { return true }
        return false
    }

    private static func sameFeatures(_ a: DatasetSpec.Features, _ b: DatasetSpec.Features) -> Bool {
        switch (a, b) {
        case (.magpie, .magpie), (.allNumeric, .allNumeric): return true
        case let (.columns(x), .columns(y)): return x.map(\.value) == y.map(\.value)
        case let (.exclude(x), .exclude(y)): return Set(x.map(\.value)) == Set(y.map(\.value))
        default: return false
        }
    }

    /// For the manifest.
    static func description(_ spec: DatasetSpec) -> [String: String] {
        var d = ["path": spec.path.value, "target": spec.target.value, "missing": spec.missing.rawValue]
        switch spec.features {
        case let .magpie(column): d["features"] = "magpie(\(column.value))"
        case let .columns(c): d["features"] = "columns(\(c.map(\.value).joined(separator: ", ")))"
        case let .exclude(c): d["features"] = "all numeric except (\(c.map(\.value).joined(separator: ", ")))"
        case .allNumeric: d["features"] = "all numeric"
        }
        if let f = spec.formulaColumn { d["formula"] = f.value }
        if let u = spec.units { d["units"] = u }
        return d
    }

    /// Loader options for a dataset whose file exists and has every named column; nil otherwise.
    static func options(_ spec: DatasetSpec, log: SpecLog) -> DatasetOptions? {
        let header: [String]
        do {
            header = try CSVReader(path: spec.path.value).header()
        } catch let error as DataError {
            log.error(spec.path.location, error.description)
            return nil
        } catch {
            log.error(spec.path.location, "The data file \(spec.path.value) could not be read: \(error).")
            return nil
        }
        var ok = true
        func requireColumn(_ column: Located<String>, _ role: String) {
            guard !header.contains(column.value) else { return }
            ok = false
            log.error(column.location, "\(spec.path.value) has no column '\(column.value)' for the \(role)"
                      + (EditDistance.suggestion(for: column.value, among: header).map { "; did you mean '\($0)'?" }
                         ?? ". Its columns are: \(header.joined(separator: ", ")).").replacingFirstSemicolon)
        }
        requireColumn(spec.target, "target")
        let features: DatasetOptions.Features
        switch spec.features {
        case let .magpie(column):
            requireColumn(column, "formulas")
            features = .magpie(formulaColumn: column.value)
        case let .columns(columns):
            columns.forEach { requireColumn($0, "features") }
            if columns.contains(where: { $0.value == spec.target.value }) {
                ok = false
                log.error(spec.target.location, "The target '\(spec.target.value)' is also listed as a feature.")
            }
            features = .columns(columns.map(\.value))
        case let .exclude(columns):
            columns.forEach { requireColumn($0, "exclusion list") }
            features = .excluding(columns.map(\.value))
        case .allNumeric:
            features = .allNumeric
        }
        if let formula = spec.formulaColumn { requireColumn(formula, "formulas") }
        guard ok else { return nil }
        return DatasetOptions(path: spec.path.value, target: spec.target.value, features: features,
                              formulaColumn: spec.formulaColumn?.value,
                              missingValues: spec.missing == .dropRows ? .dropRows : .fail)
    }
}
