import Foundation
import SieveCore
import SieveXGBoost

/// Writes an experiment's tables and manifest from its run records. Tables depend only on the
/// records, so a resumed grid, a merged set of shards, and an uninterrupted run write the same
/// bytes.
struct OutputWriter {
    let experiment: CheckedExperiment
    let data: ExperimentData
    let plan: ExperimentPlan
    let output: String

    /// Facts about the invocation that the manifest records.
    struct Invocation {
        var started: Date
        var jobs: Int?
        var cores: Int
        var threadsPerRun: Int?
        var ranNow: Int
    }

    /// Writes the tables and manifest; returns the paths written.
    func write(_ invocation: Invocation) throws -> [String] {
        let store = RunStore(output: output)
        let records = store.records(ids: plan.runs.map(\.id))
        let splits = data.splitNames + (experiment.spec.evaluateUnused ? ["unused"] : [])
        let writer = ReportWriter(output: output)
        var files = try writer.writeTables(records, splits: splits, title: "RMSE — \(experiment.name)",
                                           units: experiment.spec.dataset.units)
        files += try writer.writeRedundancy(records, splits: data.splitNames, tolerance: experiment.spec.redundancyTolerance,
                                            title: "Redundancy — \(experiment.name)", units: experiment.spec.dataset.units)
        let campaignStore = CampaignStore(output: output)
        let campaignRecords = plan.campaigns.compactMap { campaignStore.record(id: $0.id) }
        if !plan.campaigns.isEmpty {
            files.append(try writer.writePruningCurves(campaignRecords))
        }
        let failed = records.filter { $0.status == .failed }.count
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
            runs: .init(planned: plan.runs.count, done: records.count - failed, failed: failed,
                        ranNow: invocation.ranNow, reused: records.count - invocation.ranNow),
            machine: .init(cores: invocation.cores, jobs: invocation.jobs, threadsPerRun: invocation.threadsPerRun),
            started: Manifest.timestamp(invocation.started), finished: Manifest.timestamp(Date()))
        let path = PathText.join(output, "manifest.json")
        try AtomicFile.write(Manifest.encode(manifest), to: path)
        files.append(path)
        return files
    }
}
