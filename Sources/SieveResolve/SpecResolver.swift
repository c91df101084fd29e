import SieveCore
import SieveData
import SieveModels
import SieveSelection
import SieveSpec

/// Resolves a spec into a ``ResolvedExperiment``: reads it, builds its models from their parameter
/// tables, lets each campaign kind read its section, and checks the data files (do they exist, do
/// they have the named columns). Every problem of every part is collected and reported at once.
public enum SpecResolver {
    /// Reads and resolves the spec at `path`; throws ``DiagnosticsError`` with every problem: of
    /// the YAML, of the spec's shape, of the models and campaigns, and of the data files.
    public static func load(path: String) throws -> ResolvedExperiment {
        try resolve(SpecReader.parse(path: path, campaignPaths: campaignPaths))
    }

    /// Resolves spec text (`path` locates it); for tests and tools.
    public static func load(text: String, path: String) throws -> ResolvedExperiment {
        try resolve(SpecReader.parse(text: text, path: path, campaignPaths: campaignPaths))
    }

    static var campaignPaths: [[String]] { CampaignKinds.all.map { $0.specPath } }

    static func resolve(_ reading: SpecReader.Reading) throws -> ResolvedExperiment {
        let log = SpecLog(source: reading.source)
        log.append(reading.diagnostics)
        let models = reading.models.compactMap { m in
            ModelCatalog.build(name: m.name, kind: m.kind, parameters: m.parameters, at: m.location, log: log)
        }.sorted { $0.name < $1.name }
        guard let spec = reading.spec else { throw DiagnosticsError(log.sortedDiagnostics) }
        if spec.trainSizes.isEmpty && !log.hasErrors {
            log.error(spec.root.location, "The spec needs at least one training size.")
        }
        let main = DatasetResolver.dataset(spec.dataset, log: log)
        let ood = DatasetResolver.ood(spec, log: log)
        let context = CampaignResolution(models: models, declaredModels: reading.models.map(\.name.value), seeds: spec.seeds,
                                         datasetGroup: spec.dataset.group?.value)
        var campaigns: [any Campaign] = []
        for kind in CampaignKinds.all {
            for section in spec.campaigns where section.path == kind.specPath {
                campaigns += resolveCampaigns(kind, section.node, context, log)
            }
        }
        if !spec.selection.random && !campaigns.contains(where: { $0.trainingStrategy != nil }) {
            log.error(spec.selection.location ?? spec.root.location,
                      "selection turns random subsets off and adds no pruning: no run would be left.")
        }
        let crossValidation = CrossValidationResolver.resolve(spec, campaigns: campaigns.count, log: log)
        let folds = crossValidation.flatMap { CrossValidationResolver.knownFolds($0.rule) } ?? 1
        let strategies = (spec.selection.random ? 1 : 0) + campaigns.filter { $0.trainingStrategy != nil }.count
        let units = strategies * reading.models.count * spec.trainSizes.count * spec.seeds.count * folds + campaigns.count
        if units > spec.maxRuns.value {
            log.error(spec.maxRuns.location, "The grid would make \(units) runs and campaigns (\(strategies) strategies × "
                      + "\(reading.models.count) models × \(spec.trainSizes.count) sizes × \(spec.seeds.count) seeds"
                      + (folds > 1 ? " × \(folds) folds" : "") + ", plus "
                      + "\(campaigns.count) campaigns), more than the limit of \(spec.maxRuns.value); "
                      + "raise it with `max_runs: <n>` if you mean it.")
        }
        let explanation = spec.explain.flatMap {
            Self.explain(for: $0, spec: spec, heldOut: crossValidation?.rule.testSetName ?? "id", log: log)
        }
        guard !log.hasErrors, let main else { throw DiagnosticsError(log.sortedDiagnostics) }
        var experiment = ResolvedExperiment(
            name: spec.name, specPath: spec.specPath, description: spec.description, dataset: main,
            idTest: IDTestSplit(fraction: spec.splits.idTestFraction.value, seed: spec.splits.idTestSeed,
                                location: spec.splits.idTestFraction.location),
            crossValidation: crossValidation, ood: ood, models: models, trainSizes: spec.trainSizes.map(\.value), seeds: spec.seeds,
            randomSubsets: spec.selection.random, evaluateUnused: spec.evaluateUnused, explain: explanation, campaigns: campaigns,
            redundancyTolerance: spec.redundancyTolerance, output: spec.output.value)
        for size in spec.trainSizes { experiment.trainSizeLocations[size.value] = size.location }
        experiment.metric = ScoreMetric(rawValue: spec.metric) ?? .rmse
        return experiment
    }

    /// A kind's campaigns, erased (the kind is opened from its existential metatype).
    static func resolveCampaigns<K: Campaign>(_ kind: K.Type, _ node: SpecNode, _ context: CampaignResolution,
                                              _ log: SpecLog) -> [any Campaign] {
        kind.resolve(node, context: context, log: log)
    }

    /// `heldOut` names the fold's or holdout's own test set ("id", or "held_out" for grouped folds).
    static func explain(for explain: ExplainSpec, spec: ExperimentSpec, heldOut: String, log: SpecLog) -> ExplainSettings? {
        let splits = [heldOut] + spec.splits.ood.map(\.name.value)
        var ok = true
        if !splits.contains(explain.split.value) {
            ok = false
            log.error(explain.split.location, "explain.split names '\(explain.split.value)', which is not a test set"
                      + (EditDistance.suggestion(for: explain.split.value, among: splits).map { "; did you mean '\($0)'?" }
                         ?? ". The test sets are: \(splits.joined(separator: ", ")).").replacingFirstSemicolon)
        }
        for size in explain.sizes ?? [] where !spec.trainSizes.map(\.value).contains(size) {
            ok = false
            log.error(explain.location, "explain.sizes lists \(size), which is not one of train_sizes.")
        }
        return ok ? ExplainSettings(repeats: explain.repeats, split: explain.split.value, sizes: explain.sizes, top: explain.top) : nil
    }
}
