import SieveCore

extension SpecReader {
    static let datasetKeys = SpecSections.dataset.names
    static let duplicateChoices = ["lowest", "highest", "mean", "first", "all"]
    static let featureKeys = SpecSections.features.names
    static let splitKeys = SpecSections.splits.names
    static let crossValidationKeys = SpecSections.crossValidation.names
    static let crossValidationForms = ["random", "group", "chemical_system", "element", "cluster"]
    static let idTestKeys = SpecSections.idTest.names
    static let oodKeys = SpecSections.ood.names

    static func readDataset(_ node: SpecNode, _ what: String, log: SpecLog, folder: String) -> DatasetSpec? {
        guard let map = log.mapping(node, "The \(what)", keys: datasetKeys) else { return nil }
        let path = map.required("path", "the CSV file, relative to the spec's folder.").flatMap { p in
            log.string(p, "\(what).path").map { Located(FileSystem.resolve($0, against: folder), at: p.location) }
        }
        let target = map.required("target", "the name of the column to predict.").flatMap { t in
            log.string(t, "\(what).target").map { Located($0, at: t.location) }
        }
        var features: DatasetSpec.Features? = .allNumeric
        var structureFeatures = false
        var matminer: [Located<String>] = []
        if let f = map["features"] {
            features = readFeatures(f, what, log: log)
            if let s = f.mapping?.first(where: { $0.key.string == "structure" })?.value, let flag = log.bool(s, "\(what).features.structure") {
                structureFeatures = flag
            }
            if let m = f.mapping?.first(where: { $0.key.string == "matminer" })?.value {
                matminer = readMatminer(m, what, log: log)
            }
        }
        let formula = map["formula"].flatMap { f in log.string(f, "\(what).formula").map { Located($0, at: f.location) } }
        var missing = DatasetSpec.MissingValues.error
        if let m = map["missing"] {
            if let choice = log.choice(m, "\(what).missing", among: DatasetSpec.MissingValues.allCases.map(\.rawValue)) {
                missing = DatasetSpec.MissingValues(rawValue: choice)!
            }
        }
        let units = map["units"].flatMap { log.string($0, "\(what).units") }
        let keepRows = map["keep_rows"].flatMap { RowRule.read($0, what: "\(what).keep_rows", path: "\(what).keep_rows", log: log) }
        var duplicates: Located<String>?
        if let d = map["duplicates"], let rule = log.mapping(d, "\(what).duplicates", keys: ["by", "keep"]) {
            if let by = rule.required("by", "what makes rows duplicates: `formula` (compositions compared reduced).") {
                _ = log.choice(by, "\(what).duplicates.by", among: ["formula"])
            }
            if let keep = rule.required("keep", "which row stands for the group: \(duplicateChoices.joined(separator: ", ")).") {
                duplicates = log.choice(keep, "\(what).duplicates.keep", among: duplicateChoices).map { Located($0, at: keep.location) }
            }
            if case .magpie = features {} else if formula == nil {
                log.error(d, "\(what).duplicates compares formulas, so the dataset needs them: give `formula: <column>` or "
                          + "`features: {magpie: <column>}`.")
            }
        }
        var structure: StructureSpec?
        if let n = map["structure"] {
            if let column = n.string {
                structure = StructureSpec(column: Located(column, at: n.location), spaceGroupColumn: nil, symprec: 0.1)
            } else if let m = log.mapping(n, "\(what).structure", keys: ["column", "space_group", "symprec"]) {
                let column = m.required("column", "the column holding each row's structure (POSCAR text or a pymatgen dict).")
                    .flatMap { c in log.string(c, "\(what).structure.column").map { Located($0, at: c.location) } }
                let group = m["space_group"].flatMap { c in log.string(c, "\(what).structure.space_group").map { Located($0, at: c.location) } }
                var symprec = 0.1
                if let p = m["symprec"], let v = log.number(p, "\(what).structure.symprec") {
                    // spglib traps on a non-finite tolerance, so infinity must stop here.
                    if v > 0 && v <= 10 { symprec = v } else {
                        log.error(p, "\(what).structure.symprec is a distance tolerance in Å and must be in (0, 10], got \(v).")
                    }
                }
                if let column { structure = StructureSpec(column: column, spaceGroupColumn: group, symprec: symprec) }
            }
        }
        if structureFeatures && structure == nil {
            log.error(map["features"] ?? node, "\(what).features asks for structure features, so the dataset needs `structure: <column>`.")
        }
        var group: Located<String>?
        if let g = map["group"], let name = log.string(g, "\(what).group") {
            group = Located(name, at: g.location)
            if name == "crystal_system" && structure == nil {
                log.error(g, "Grouping by crystal_system needs the structures: give `structure: <column>` in the dataset.")
            }
        }
        var sample: DatasetSample?
        if let n = map["sample"] {
            if n.int != nil || n.isOversizedInteger {
                if let rows = log.int(n, "\(what).sample", in: 1...maximumRows, "(a number of rows)") {
                    sample = DatasetSample(rows: rows, seed: 0, location: n.location)
                }
            } else if let m = log.mapping(n, "\(what).sample", keys: ["rows", "seed"]) {
                let rows = m.required("rows", "how many rows to keep.").flatMap {
                    log.int($0, "\(what).sample.rows", in: 1...maximumRows, "(a number of rows)")
                }
                let seed = m["seed"].flatMap { log.int($0, "\(what).sample.seed") } ?? 0
                if let rows { sample = DatasetSample(rows: rows, seed: seed, location: n.location) }
            }
        }
        guard let path, let target, let features else { return nil }
        return DatasetSpec(path: path, target: target, features: features, formulaColumn: formula, missing: missing, units: units,
                           keepRows: keepRows, duplicates: duplicates, sample: sample, structure: structure,
                           structureFeatures: structureFeatures, matminer: matminer, group: group)
    }

    /// `matminer: composition` or `matminer: [stoichiometry, ...]`: family names as written; the resolver
    /// checks them against the families Sieve computes (and expands `composition`).
    static func readMatminer(_ node: SpecNode, _ what: String, log: SpecLog) -> [Located<String>] {
        let items = log.list(node)
        if items.isEmpty {
            log.error(node, "\(what).features.matminer is empty; give a family name or a list of them, e.g. `matminer: composition`.")
        }
        return items.compactMap { item in log.string(item, "Each entry of \(what).features.matminer").map { Located($0, at: item.location) } }
    }

    static func readFeatures(_ node: SpecNode, _ what: String, log: SpecLog) -> DatasetSpec.Features? {
        guard let map = log.mapping(node, "\(what).features", keys: featureKeys) else { return nil }
        let base = map.keys.filter { $0 != "structure" && $0 != "matminer" }
        guard base.count == 1 else {
            log.error(node, "\(what).features takes exactly one of `magpie: <formula column>`, `columns: [...]` or `exclude: [...]`"
                      + " (and optionally `matminer: [...]` and `structure: true` beside it).")
            return nil
        }
        func located(_ n: SpecNode, _ label: String) -> [Located<String>]? {
            log.list(n).map { item in log.string(item, label).map { Located($0, at: item.location) } }
                .reduce([Located<String>]?.some([])) { all, next in all.flatMap { a in next.map { a + [$0] } } }
        }
        if let m = map["magpie"] {
            return log.string(m, "\(what).features.magpie").map { .magpie(formulaColumn: Located($0, at: m.location)) }
        }
        if let c = map["columns"] {
            guard let columns = located(c, "Each feature column"), !columns.isEmpty else { return nil }
            return .columns(columns)
        }
        if let e = map["exclude"] {
            return located(e, "Each excluded column").map { .exclude($0) }
        }
        return nil
    }

    static func readSplits(_ node: SpecNode?, at location: SourceLocation, log: SpecLog, folder: String) -> SplitsSpec {
        guard let node else { return SplitsSpec(idTestFraction: Located(0.1, at: location), idTestSeed: 0, ood: []) }
        let fallback = SplitsSpec(idTestFraction: Located(0.1, at: location), idTestSeed: 0, ood: [])
        guard let map = log.mapping(node, "splits", keys: splitKeys) else { return fallback }
        var fraction = Located(0.1, at: node.location)
        var seed = 0
        if let idNode = map["id_test"], let id = log.mapping(idNode, "splits.id_test", keys: idTestKeys) {
            if let f = id["fraction"], let value = log.number(f, "splits.id_test.fraction") {
                if value > 0 && value < 1 { fraction = Located(value, at: f.location) } else {
                    log.error(f, "splits.id_test.fraction \(value) is outside (0, 1): the ID test set needs some rows and must leave a pool.")
                }
            }
            if let s = id["seed"], let value = log.int(s, "splits.id_test.seed") { seed = value }
        }
        let crossValidation = map["cv"].flatMap { readCrossValidation($0, log: log) }
        if crossValidation != nil, let id = map.keyNode("id_test") {
            log.error(id, "splits gives both `id_test` and `cv`: cross-validation tests on each fold in turn, so it replaces "
                      + "the random ID holdout; remove one.")
        }
        var ood: [OODSpec] = []
        if let list = map["ood"] {
            guard let items = list.list else {
                log.error(list, "splits.ood must be a list of named test sets, each with `dataset` or `where`.")
                return SplitsSpec(idTestFraction: fraction, idTestSeed: seed, ood: [], crossValidation: crossValidation)
            }
            var seen: [String: SourceLocation] = [:]
            for item in items {
                // Names are checked for repeats even when the rest of the entry is broken.
                if let nameNode = item.mapping?.first(where: { $0.key.string == "name" })?.value, let name = nameNode.string {
                    if let first = seen[name] {
                        log.error(nameNode, "The test set name '\(name)' is used twice (first at line \(first.line)).")
                    }
                    seen[name] = seen[name] ?? nameNode.location
                }
                if let spec = readOOD(item, log: log, folder: folder) { ood.append(spec) }
            }
        }
        return SplitsSpec(idTestFraction: fraction, idTestSeed: seed, ood: ood, crossValidation: crossValidation)
    }

    /// `cv: matbench`, or a mapping: `{folds: 5, seed: 0}` (random k-fold), `{by: group | chemical_system,
    /// folds?: k}`, `{by: element, elements: [...] | min_compounds: n}`, `{by: cluster, clusters: k}`.
    static func readCrossValidation(_ node: SpecNode, log: SpecLog) -> CrossValidationSpec? {
        if let word = node.string {
            guard word == "matbench" else {
                log.error(node, "splits.cv '\(word)' is not a protocol Sieve knows; write `cv: matbench` for Matbench v0.1's folds, "
                          + "or a mapping such as `cv: {folds: 5, seed: 0}`.")
                return nil
            }
            return CrossValidationSpec(form: .matbench, location: node.location)
        }
        guard let map = log.mapping(node, "splits.cv", keys: crossValidationKeys) else { return nil }
        let by = map["by"].flatMap { log.choice($0, "splits.cv.by", among: crossValidationForms) } ?? (map["by"] == nil ? "random" : nil)
        guard let by else { return nil }
        let seed = map["seed"].flatMap { log.int($0, "splits.cv.seed", in: 0...Int(UInt32.max), "(numpy's seed range)") } ?? 0
        let folds = map["folds"].flatMap { log.int($0, "splits.cv.folds", in: 2...1_000, "(the number of folds)") }
        func refuse(_ keys: [String], _ why: String) {
            for key in keys { if let k = map.keyNode(key) { log.error(k, "splits.cv.\(key) \(why)") } }
        }
        let form: CrossValidationSpec.Form
        switch by {
        case "random":
            refuse(["elements", "min_compounds", "clusters"], "applies only to `by: element` or `by: cluster`.")
            guard let n = folds else {
                if map["folds"] == nil { log.error(node, "splits.cv needs `folds` (for example `cv: {folds: 5, seed: 0}`), or `cv: matbench`.") }
                return nil
            }
            form = .random(folds: n, seed: seed)
        case "group", "chemical_system":
            refuse(["elements", "min_compounds", "clusters"], "applies only to `by: element` or `by: cluster`.")
            if map["folds"] != nil && folds == nil { return nil }
            form = by == "group" ? .group(folds: folds, seed: seed) : .chemicalSystem(folds: folds, seed: seed)
        case "element":
            refuse(["folds", "seed", "clusters"], "does not apply to `by: element`: each element is a fold of its own.")
            let elements = map["elements"].map { log.list($0).compactMap { item in
                log.string(item, "Each element of splits.cv.elements").map { Located($0, at: item.location) } } } ?? []
            let minimum = map["min_compounds"].flatMap { log.int($0, "splits.cv.min_compounds", in: 1...maximumRows) }
            if map["elements"] == nil && map["min_compounds"] == nil {
                log.error(node, "splits.cv with `by: element` needs `elements: [O, F, …]` or `min_compounds: n` (every element in at least n rows).")
                return nil
            }
            if let both = map.keyNode("min_compounds"), map["elements"] != nil {
                log.error(both, "splits.cv gives both `elements` and `min_compounds`; give one.")
            }
            form = .element(elements: elements, minCompounds: minimum)
        default:
            refuse(["folds", "elements", "min_compounds"], "does not apply to `by: cluster`: each cluster is a fold of its own.")
            guard let clustersNode = map.required("clusters", "how many k-means clusters to hold out in turn (for example 10)."),
                  let clusters = log.int(clustersNode, "splits.cv.clusters", in: 2...1_000) else { return nil }
            form = .cluster(clusters: clusters, seed: seed)
        }
        return CrossValidationSpec(form: form, location: node.location)
    }

    static let reservedSplitNames = ["id", "pool", "unused", "held_out"]

    static func readOOD(_ node: SpecNode, log: SpecLog, folder: String) -> OODSpec? {
        guard let map = log.mapping(node, "An OOD test set", keys: oodKeys) else { return nil }
        guard let nameNode = map.required("name", "a short name for the test set, used as a column in the tables."),
              let name = log.string(nameNode, "The test set's name") else { return nil }
        if !isSimpleName(name) || reservedSplitNames.contains(name) {
            log.error(nameNode, "The test set name '\(name)' must use only letters, digits, '-', '_' and '.', "
                      + "and not be one of \(reservedSplitNames.joined(separator: ", ")).")
        }
        let located = Located(name, at: nameNode.location)
        var sample: Int?
        if let n = map["sample"], let count = log.int(n, "sample", in: 1...maximumRows, "(a number of rows)") {
            sample = count
        }
        switch (map["dataset"], map["where"]) {
        case let (dataset?, nil):
            var dropOverlap = false
            if let d = map["drop_overlap"] {
                if let flag = d.bool { dropOverlap = flag } else if let choice = log.choice(d, "drop_overlap", among: ["formula", "none"]) {
                    dropOverlap = choice == "formula"
                }
            }
            return readDataset(dataset, "OOD test set '\(name)'", log: log, folder: folder)
                .map { OODSpec(name: located, source: .dataset($0, dropOverlap: dropOverlap), sample: sample) }
        case let (nil, filter?):
            if let d = map.keyNode("drop_overlap") {
                log.error(d, "drop_overlap applies only to a test set read from another `dataset`.")
            }
            return RowRule.read(filter, what: "The `where` rule of '\(name)'", path: "where", log: log).map { OODSpec(name: located, source: .filter($0), sample: sample) }
        case (.some, .some):
            log.error(node, "The test set '\(name)' gives both `dataset` and `where`; give one.")
            return nil
        case (nil, nil):
            log.error(node, "The test set '\(name)' needs `dataset` (rows from another file) or `where` (rows of the main dataset matching a rule).")
            return nil
        }
    }
}
