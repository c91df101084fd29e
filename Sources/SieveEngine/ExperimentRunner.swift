import Foundation
import SieveCore
import SieveXGBoost
import Synchronization

/// What a run of a grid did.
public struct RunSummary: Sendable {
    public let planned: Int
    /// Runs whose finished records were already in the store and were kept.
    public let reused: Int
    public let ranNow: Int
    public let failed: [RunRecord]
    public let output: String
    public let files: [String]
    public let seconds: Double
}

/// Loads an experiment's data once, expands its grid, runs what is not done yet, and writes the
/// tables and manifest.
public final class ExperimentRunner: Sendable {
    public let experiment: CheckedExperiment
    public let output: String

    /// `output` overrides the spec's output folder.
    public init(_ experiment: CheckedExperiment, output: String? = nil) {
        self.experiment = experiment
        self.output = output ?? experiment.outputFolder
    }

    /// Loads the data and expands the grid, without running anything or writing any file.
    public func prepare() throws -> (ExperimentData, ExperimentPlan) {
        let data = try ExperimentData.load(experiment)
        return (data, ExperimentPlan(experiment, data: data))
    }

    public func run(jobs: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount, stop: StopSignal? = nil,
                    onFinish: @escaping @Sendable (RunRecord, _ finished: Int, _ total: Int) -> Void = { _, _, _ in })
        throws -> RunSummary
    {
        let started = Date()
        let (data, plan) = try prepare()
        let store = RunStore(output: output)
        try AtomicFile.createFolder(store.folder)
        let existing = Dictionary(store.records(ids: plan.runs.map(\.id)).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let pending = plan.runs.filter { existing[$0.id]?.status != .done }
        let scheduler = RunScheduler(jobs: jobs, cores: cores)
        let executor = RunExecutor(data: data, models: experiment.models, workRoot: PathText.join(output, "work"))
        let counter = Counter()
        let total = pending.count
        let results = scheduler.run(pending, executor: executor, store: store, stop: stop) { record in
            onFinish(record, counter.increment(), total)
        }
        let records = store.records(ids: plan.runs.map(\.id))
        let failed = records.filter { $0.status == .failed }
        var files = try ReportWriter(output: output).writeTables(records, splits: data.splitNames,
                                                                  title: "RMSE — \(experiment.name)",
                                                                  units: experiment.spec.dataset.units)
        let manifest = Manifest(
            name: experiment.name, spec: experiment.spec.specPath, description: experiment.spec.description,
            software: .init(sieve: SieveVersion.version, commit: SieveVersion.commit, xgboost: XGBoostLibrary.version),
            dataset: Manifest.datasetDescription(experiment.spec.dataset), datasets: data.provenance,
            poolRows: data.pool.count,
            splits: [Manifest.Split(name: "id", rows: data.testSets[0].rows.count,
                                    rule: "random \(experiment.spec.splits.idTestFraction.value) of the rows left after the OOD rules, "
                                        + "seed \(experiment.spec.splits.idTestSeed)")]
                + zip(experiment.ood, data.testSets.dropFirst()).map {
                    Manifest.Split(name: $0.name, rows: $1.rows.count, rule: Manifest.ruleDescription($0))
                },
            models: experiment.models.map { model in
                Manifest.Model(name: model.name, kind: model.kind,
                               parameters: Dictionary(uniqueKeysWithValues: model.regressor.resolvedParameters.map { ($0.name, $0.value) }))
            },
            trainSizes: experiment.spec.trainSizes.map(\.value.description), seeds: experiment.spec.seeds, output: output,
            runs: .init(planned: plan.runs.count, done: records.count - failed.count, failed: failed.count,
                        ranNow: results.compactMap { $0 }.count, reused: plan.runs.count - pending.count),
            machine: .init(cores: scheduler.cores, jobs: jobs, threadsPerRun: scheduler.threadsPerRun),
            started: Manifest.timestamp(started), finished: Manifest.timestamp(Date()))
        let manifestPath = PathText.join(output, "manifest.json")
        try AtomicFile.write(Manifest.encode(manifest), to: manifestPath)
        files.append(manifestPath)
        return RunSummary(planned: plan.runs.count, reused: plan.runs.count - pending.count,
                          ranNow: results.compactMap { $0 }.count, failed: failed, output: output, files: files,
                          seconds: Date().timeIntervalSince(started))
    }
}

/// A thread-safe counter for progress messages.
final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() -> Int { value.withLock { $0 += 1; return $0 } }
}
