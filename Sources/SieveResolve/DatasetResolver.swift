import Foundation
import SieveCore
import SieveData
import SieveSpec

/// Checks a spec's datasets against their files and turns them into loader options.
enum DatasetResolver {
    static func dataset(_ spec: DatasetSpec, log: SpecLog) -> ResolvedDataset? {
        guard let options = options(spec, log: log) else { return nil }
        var dataset = ResolvedDataset(options: options, units: spec.units, description: description(spec), location: spec.path.location)
        dataset.sampleLocation = spec.sample?.location
        dataset.keepRowsLocation = spec.keepRows?.location
        return dataset
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
                if !sameFeatures(datasetSpec.features, spec.dataset.features)
                    || MatminerFamilyResolver.expand(datasetSpec.matminer) != MatminerFamilyResolver.expand(spec.dataset.matminer) {
                    log.error(set.name.location, "The test set '\(set.name.value)' must build the same features as the main dataset; "
                              + "give it the same `features` setting.")
                }
                ood.append(ResolvedOOD(name: set.name.value, source: .dataset(options, dropOverlap: dropOverlap,
                                                                              location: datasetSpec.path.location),
                                       location: set.name.location, sample: set.sample))
            case let .filter(rule):
                checkGroups(rule, dataset: spec.dataset, log: log)
                if rule.needsElements && !mainHasFormulas {
                    log.error(rule.location ?? set.name.location, "This rule looks at each row's elements, so the main dataset needs formulas: "
                              + "give `formula: <column>` or `features: {magpie: <column>}` in `dataset`.")
                }
                ood.append(ResolvedOOD(name: set.name.value, source: .filter(rule), location: set.name.location,
                                       sample: set.sample))
            }
        }
        return ood
    }

    /// A rule's groups need a grouped dataset; crystal systems are a closed vocabulary.
    static func checkGroups(_ rule: RowRule, dataset: DatasetSpec, log: SpecLog) {
        guard let first = rule.locatedGroups.first else { return }
        guard let group = dataset.group else {
            log.error(first.location, "This rule picks rows by group, so the dataset needs `group: crystal_system` or `group: <column>`.")
            return
        }
        guard group.value == GroupRule.crystalSystem.name else { return }
        let systems = CrystalSystem.allCases.map(\.rawValue)
        for name in rule.locatedGroups where !systems.contains(name.value) {
            log.error(name.location, "'\(name.value)' is not a crystal system" + EditDistance.didYouMean(name.value, among: systems)
                      .replacingFirstSemicolon + (EditDistance.suggestion(for: name.value, among: systems) == nil
                                                  ? " The crystal systems are: \(systems.joined(separator: ", "))." : ""))
        }
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
        if !spec.matminer.isEmpty {
            let families = MatminerFamilyResolver.expand(spec.matminer)
            d["features"]! += " + matminer(\((families.composition.map(\.name) + families.structure.map(\.name)).joined(separator: ", ")))"
        }
        if let f = spec.formulaColumn { d["formula"] = f.value }
        if let u = spec.units { d["units"] = u }
        if let keep = spec.keepRows { d["keep_rows"] = keep.summary }
        if let duplicates = spec.duplicates { d["duplicates"] = "by formula, keep \(duplicates.value)" }
        if let sample = spec.sample { d["sample"] = "\(sample.rows) rows, seed \(sample.seed)" }
        if let structure = spec.structure {
            d["structure"] = structure.column.value + (structure.spaceGroupColumn.map { ", space groups from \($0.value)" }
                                                       ?? ", space groups by spglib \(StructureColumn.symmetryLibraryVersion) at symprec \(structure.symprec)")
                + (spec.structureFeatures ? ", structure features" : "")
        }
        if let group = spec.group { d["group"] = group.value }
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
        if let structure = spec.structure {
            requireColumn(structure.column, "structures")
            if let group = structure.spaceGroupColumn { requireColumn(group, "space groups") }
        }
        if let group = spec.group, group.value != GroupRule.crystalSystem.name { requireColumn(group, "groups") }
        if let keep = spec.keepRows {
            checkGroups(keep, dataset: spec, log: log)
        }
        if let keep = spec.keepRows, keep.needsElements && !hasFormulas(spec) {
            ok = false
            log.error(keep.location ?? spec.path.location, "This rule looks at each row's elements, so the dataset needs formulas: "
                      + "give `formula: <column>` or `features: {magpie: <column>}`.")
        }
        let matminer = MatminerFamilyResolver.families(spec.matminer, hasStructures: spec.structure != nil, log: log)
        if matminer == nil { ok = false }
        var isMagpie = false
        if case .magpie = spec.features { isMagpie = true }
        if let matminer, !matminer.composition.isEmpty, !isMagpie {
            ok = false
            log.error(spec.matminer[0].location, "matminer's composition families read the formulas of Magpie's column, so "
                      + "`features.matminer` with \(matminer.composition.map { "'\($0.name)'" }.joined(separator: ", ")) needs "
                      + "`magpie: <formula column>` beside it.")
        }
        guard ok else { return nil }
        var options = DatasetOptions(path: spec.path.value, target: spec.target.value, features: features,
                                     formulaColumn: spec.formulaColumn?.value,
                                     missingValues: spec.missing == .dropRows ? .dropRows : .fail)
        options.keepRows = spec.keepRows
        options.duplicates = spec.duplicates.flatMap { DuplicateRule.Keep(rawValue: $0.value) }.map(DuplicateRule.init)
        options.sample = spec.sample.map { RowSample(rows: $0.rows, seed: $0.seed) }
        options.matminer = matminer?.composition ?? []
        options.structure = spec.structure.map {
            StructureOptions(column: $0.column.value, spaceGroupColumn: $0.spaceGroupColumn?.value, symprec: $0.symprec,
                             features: spec.structureFeatures)
        }
        options.structure?.matminer = matminer?.structure ?? []
        options.group = spec.group.map { $0.value == GroupRule.crystalSystem.name ? .crystalSystem : .column($0.value) }
        options.threads = ProcessInfo.processInfo.activeProcessorCount
        return options
    }
}
