import SieveCore
import SieveData
import SieveModels
import SieveSelection
import SieveSpec

/// Checks a read spec against the model catalog and the data files (do they exist, do they have
/// the named columns), adding every problem to the spec's diagnostics with its location.
public enum SpecChecker {
    /// Reads and checks the spec at `path`; throws ``DiagnosticsError`` with every problem: of the
    /// YAML, of the spec's shape, of the models' parameters and of the data files, all at once.
    public static func load(path: String) throws -> CheckedExperiment {
        try check(SpecReader.parse(path: path))
    }

    /// Checks spec text (`path` locates it); for tests and tools.
    public static func load(text: String, path: String) throws -> CheckedExperiment {
        try check(SpecReader.parse(text: text, path: path))
    }

    static func check(_ reading: SpecReader.Reading) throws -> CheckedExperiment {
        let log = SpecLog(source: reading.source)
        log.append(reading.diagnostics)
        var models: [NamedModel] = []
        for model in reading.models {
            if let regressor = ModelCatalog.build(model, log: log) {
                models.append(NamedModel(name: model.name.value, kind: model.kind.value, regressor: regressor))
            }
        }
        guard let spec = reading.spec else { throw DiagnosticsError(log.sortedDiagnostics) }
        if spec.trainSizes.isEmpty && !log.hasErrors {
            log.error(spec.root.location, "The spec needs at least one training size.")
        }
        let main = checkDataset(spec.dataset, log: log)
        let mainHasFormulas = Self.hasFormulas(spec.dataset)
        var ood: [CheckedOOD] = []
        for set in spec.splits.ood {
            switch set.source {
            case let .dataset(datasetSpec, dropOverlap):
                guard let options = checkDataset(datasetSpec, log: log) else { continue }
                if dropOverlap && (!mainHasFormulas || !Self.hasFormulas(datasetSpec)) {
                    log.error(set.name.location, "The test set '\(set.name.value)' drops formulas it shares with the main dataset, "
                              + "so both datasets need formulas: give `formula: <column>` or `features: {magpie: <column>}` in each.")
                }
                if !sameFeatures(datasetSpec.features, spec.dataset.features) {
                    log.error(set.name.location, "The test set '\(set.name.value)' must build the same features as the main dataset; "
                              + "give it the same `features` setting.")
                }
                ood.append(CheckedOOD(name: set.name.value, source: .dataset(options, dropOverlap: dropOverlap,
                                                                             location: datasetSpec.path.location),
                                      location: set.name.location, sample: set.sample))
            case let .filter(rule):
                if rule.needsComposition && !mainHasFormulas {
                    log.error(rule.location, "This rule looks at each row's elements, so the main dataset needs formulas: "
                              + "give `formula: <column>` or `features: {magpie: <column>}` in `dataset`.")
                }
                ood.append(CheckedOOD(name: set.name.value, source: .filter(RowFilter(
                    minElements: rule.minElements, maxElements: rule.maxElements,
                    containsAny: Set(rule.containsAny.map(\.value)), minTarget: rule.minTarget, maxTarget: rule.maxTarget)),
                    location: set.name.location, sample: set.sample))
            }
        }
        let pruning = checkPruning(spec.selection, models: models, log: log)
        if let explain = spec.explain {
            let splits = ["id"] + spec.splits.ood.map(\.name.value)
            if !splits.contains(explain.split.value) {
                log.error(explain.split.location, "explain.split names '\(explain.split.value)', which is not a test set"
                          + (EditDistance.suggestion(for: explain.split.value, among: splits).map { "; did you mean '\($0)'?" }
                             ?? ". The test sets are: \(splits.joined(separator: ", ")).").replacingFirstSemicolon)
            }
            for size in explain.sizes ?? [] where !spec.trainSizes.map(\.value).contains(size) {
                log.error(explain.location, "explain.sizes lists \(size), which is not one of train_sizes.")
            }
        }
        guard !log.hasErrors, let main else { throw DiagnosticsError(log.sortedDiagnostics) }
        let activeLearning = spec.activeLearning.flatMap { checkActiveLearning($0, models: models, seeds: spec.seeds, log: log) }
        guard !log.hasErrors else { throw DiagnosticsError(log.sortedDiagnostics) }
        return CheckedExperiment(spec: spec, models: models.sorted { $0.name < $1.name }, dataset: main, ood: ood,
                                 pruning: pruning, activeLearning: activeLearning)
    }

    /// Pruning campaigns whose guide and transfer models exist.
    static func checkPruning(_ selection: SelectionSpec, models: [NamedModel], log: SpecLog) -> [CheckedPruning] {
        let names = models.map(\.name)
        func model(_ name: Located<String>, _ role: String) -> NamedModel? {
            if let found = models.first(where: { $0.name == name.value }) { return found }
            log.error(name.location, "The pruning \(role) '\(name.value)' is not one of the models"
                      + (EditDistance.suggestion(for: name.value, among: names).map { "; did you mean '\($0)'?" }
                         ?? ". The models are: \(names.joined(separator: ", ")).").replacingFirstSemicolon)
            return nil
        }
        return selection.prune.compactMap { spec in
            let guide = model(spec.guide, "guide")
            let transfer = spec.transfer.map { model($0, "transfer model") }
            guard let guide, transfer.map({ $0 != nil }) ?? true else { return nil }
            var parameters = PruningParameters()
            parameters.threshold = spec.threshold
            parameters.holdout = spec.holdout
            parameters.minimumDrop = spec.minimumDrop
            parameters.minimumRemaining = spec.minimumRemaining
            return CheckedPruning(strategy: spec.strategy, guide: guide, transfer: transfer ?? nil, parameters: parameters)
        }
    }

    static func checkActiveLearning(_ spec: ActiveLearningSpec, models: [NamedModel], seeds: [Int], log: SpecLog)
        -> CheckedActiveLearning?
    {
        let names = models.map(\.name)
        func model(_ name: Located<String>, _ role: String) -> NamedModel? {
            if let found = models.first(where: { $0.name == name.value }) { return found }
            log.error(name.location, "The \(role) '\(name.value)' is not one of the models"
                      + (EditDistance.suggestion(for: name.value, among: names).map { "; did you mean '\($0)'?" }
                         ?? ". The models are: \(names.joined(separator: ", ")).").replacingFirstSemicolon)
            return nil
        }
        let evaluate = spec.evaluate.compactMap { model($0, "evaluated model") }
        if spec.evaluate.isEmpty { log.error(spec.location, "active_learning needs at least one model in `evaluate`.") }
        var extra: [NamedModel] = []
        var strategies: [AcquisitionStrategy] = []
        for strategy in spec.strategies {
            switch strategy.value {
            case "random":
                strategies.append(.random)
            case "qbc":
                let members = spec.committee ?? spec.evaluate
                let resolved = members.compactMap { model($0, "committee member") }
                if spec.committee == nil && resolved.count < 2 {
                    log.error(strategy.location, "qbc needs a committee: evaluate two models, or give `qbc: {members: [...]}`.")
                }
                extra += resolved.filter { m in !evaluate.contains { $0.name == m.name } }
                strategies.append(.queryByCommittee(members: resolved.map(\.name), bootstrap: spec.bootstrap))
            case "rf_uncertainty":
                let forest = spec.forest.flatMap { model($0, "forest") } ?? evaluate.first { $0.kind == "random_forest" }
                guard let forest else {
                    log.error(strategy.location, "rf_uncertainty needs a random forest: evaluate one, or give `rf_uncertainty: {forest: <model>}`.")
                    continue
                }
                if forest.kind != "random_forest" {
                    log.error(spec.forest?.location ?? strategy.location, "rf_uncertainty's forest '\(forest.name)' is a \(forest.kind), not a random_forest.")
                }
                if !evaluate.contains(where: { $0.name == forest.name }) { extra.append(forest) }
                strategies.append(.forestUncertainty(forest: forest.name))
            default:
                var settings = IBUGSettings()
                settings.rounds = spec.ibugRounds; settings.learningRate = spec.ibugLearningRate
                settings.lambda = spec.ibugLambda; settings.maxDepth = spec.ibugMaxDepth; settings.k = spec.ibugK
                for problem in settings.model.validate() {
                    log.error(spec.location, "In active_learning.xgb_uncertainty: \(problem.message)")
                }
                strategies.append(.boostingUncertainty(settings))
            }
        }
        var fingerprint = ["initial=\(spec.initial)", "batch=\(spec.batch)", "stop=\(spec.stop)"]
        fingerprint += evaluate.map { "evaluate{\(ExperimentPlan.modelFingerprint($0))}" }
        fingerprint += extra.map { "extra{\(ExperimentPlan.modelFingerprint($0))}" }
        fingerprint.append("committee=\((spec.committee ?? spec.evaluate).map(\.value).joined(separator: ","))/bootstrap=\(spec.bootstrap ?? 0)")
        fingerprint.append("forest=\(spec.forest?.value ?? "-")")
        fingerprint.append("ibug{rounds=\(spec.ibugRounds)|lr=\(spec.ibugLearningRate)|lambda=\(spec.ibugLambda)|depth=\(spec.ibugMaxDepth)|k=\(spec.ibugK)}")
        var unique: [NamedModel] = []
        for m in extra where !unique.contains(where: { $0.name == m.name }) { unique.append(m) }
        return CheckedActiveLearning(strategies: strategies, evaluate: evaluate, extra: unique, initial: spec.initial,
                                     batch: spec.batch, stop: spec.stop, seeds: spec.seeds ?? seeds,
                                     fingerprint: fingerprint.joined(separator: "|"))
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

    /// Loader options for a dataset whose file exists and has every named column; nil otherwise.
    static func checkDataset(_ spec: DatasetSpec, log: SpecLog) -> DatasetOptions? {
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
