import Foundation
import SieveCore
import SieveReport
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
        let pruningRecords = campaignRecords.filter { record in plan.campaigns.first { $0.id == record.id }?.kind == .pruning }
        if !pruningRecords.isEmpty {
            files.append(try writer.writePruningCurves(pruningRecords))
        }
        let alPoints = activeLearningPoints(campaignRecords)
        var alSection: (String, String)?
        if let al = experiment.activeLearning {
            let groups = ResultGroup.grouping(records)
            let verdict = RedundancyVerdict(groups: groups, splits: data.splitNames, tolerance: experiment.spec.redundancyTolerance)
            let convergence = ActiveLearningReport.convergence(alPoints, verdict: verdict, models: al.evaluate.map(\.name),
                                                               splits: data.splitNames)
            let units = experiment.spec.dataset.units
            let texts: [(String, String)] = [
                ("al_curves.csv", ActiveLearningReport.curvesCSV(alPoints)),
                ("al_convergence.csv", ActiveLearningReport.convergenceCSV(convergence, tolerance: verdict.tolerance)),
                ("al_convergence.md", ActiveLearningReport.convergenceMarkdown(convergence, tolerance: verdict.tolerance,
                                                                               title: "Active learning — \(experiment.name)", units: units)),
            ]
            for (name, text) in texts {
                let path = PathText.join(output, name)
                try AtomicFile.write(text, to: path)
                files.append(path)
            }
            files += try writeAcquisitionOrders(campaignRecords)
            let figures = al.evaluate.map { ActiveLearningReport.figure(alPoints, model: $0.name, split: "id", baseline: groups, units: units) }
            for figure in figures {
                let path = PathText.join(output, "plots/" + figure.fileName)
                try AtomicFile.write(figure.svg, to: path)
                files.append(path)
            }
            alSection = ("Active learning", HTMLReport.markdownTable(ActiveLearningReport.convergenceMarkdown(
                convergence, tolerance: verdict.tolerance, title: "", units: units))
                + figures.map { "<div class=\"figure\">\($0.svg)</div>" }.joined(separator: "\n"))
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
        files += try writeFigures(records, campaigns: pruningRecords, splits: splits, manifest: manifest,
                                  extraSections: alSection.map { [$0] } ?? [])
        return files
    }

    /// Every measurement of every finished or paused active-learning campaign.
    private func activeLearningPoints(_ records: [CampaignRecord]) -> [ActiveLearningReport.Point] {
        records.flatMap { record -> [ActiveLearningReport.Point] in
            guard let state = record.activeLearning,
                  case let .activeLearning(seed)? = plan.campaigns.first(where: { $0.id == record.id })?.kind else { return [] }
            return state.iterations.flatMap { iteration in
                iteration.metrics.map {
                    ActiveLearningReport.Point(strategy: record.strategy, seed: seed, iteration: iteration.iteration,
                                               labelled: iteration.labelled, poolRows: iteration.poolRows, model: $0.model,
                                               split: $0.split, metrics: $0.metrics)
                }
            }
        }
    }

    /// acquired/<strategy>-<seed>.csv: the order in which each campaign labelled the rows.
    private func writeAcquisitionOrders(_ records: [CampaignRecord]) throws -> [String] {
        try records.compactMap { record -> String? in
            guard let state = record.activeLearning,
                  case let .activeLearning(seed)? = plan.campaigns.first(where: { $0.id == record.id })?.kind else { return nil }
            var csv = CSVText(header: ["order", "iteration", "row", "name", "target"])
            var order = 0
            for (iteration, batch) in state.batches.enumerated() {
                for row in batch {
                    csv.append([String(order), String(iteration), String(row), data.rowNames[row], NumberText.exact(data.targets[row])])
                    order += 1
                }
            }
            let path = PathText.join(output, "acquired/\(record.strategy)-\(seed).csv")
            try AtomicFile.write(csv.text, to: path)
            return path
        }
    }

    /// plots/*.svg and index.html.
    private func writeFigures(_ records: [RunRecord], campaigns: [CampaignRecord], splits: [String],
                              manifest: Manifest, extraSections: [(String, String)]) throws -> [String] {
        let groups = ResultGroup.grouping(records)
        let units = experiment.spec.dataset.units
        var figures = Figures.learningCurves(groups, splits: splits, units: units)
            + Figures.idVersusOOD(groups, splits: data.splitNames, units: units)
        for campaign in campaigns {
            let points = campaign.state.iterations.flatMap { iteration in
                iteration.metrics.filter { $0.split == "id" }.map {
                    Figures.CurvePoint(series: "\($0.model), pruned (\($0.role))", fraction: Double(iteration.kept) / Double(iteration.poolRows),
                                       rmse: $0.metrics.rmse)
                }
            }
            figures.append(Figures.selectionCurve(
                fileName: "pruning_\(campaign.strategy).svg", title: "Pruning guided by \(campaign.strategy.dropFirst("prune-".count))",
                xLabel: "data kept (fraction of the pool, log scale)", points: points, baseline: groups,
                models: experiment.models.map(\.name), split: "id", units: units))
        }
        var files: [String] = []
        for figure in figures {
            let path = PathText.join(output, "plots/" + figure.fileName)
            try AtomicFile.write(figure.svg, to: path)
            files.append(path)
        }
        let summary: [(String, String)] = [
            ("Dataset", "\(experiment.spec.dataset.path.value) (\(manifest.dataset["features"] ?? ""), target \(experiment.spec.dataset.target.value))"),
            ("Pool", "\(data.pool.count) rows"),
            ("Test sets", manifest.splits.map { "\($0.name): \($0.rows) rows (\($0.rule))" }.joined(separator: "; ")),
            ("Models", experiment.models.map { "\($0.name) (\($0.kind))" }.joined(separator: ", ")),
            ("Grid", "\(plan.runs.count) runs: training sizes \(manifest.trainSizes.joined(separator: ", ")); seeds \(manifest.seeds.map(String.init).joined(separator: ", "))"
                + (plan.campaigns.isEmpty ? "" : "; \(plan.campaigns.count) pruning campaign(s)")),
            ("Runs", "\(manifest.runs.done) done, \(manifest.runs.failed) failed of \(manifest.runs.planned)"),
        ]
        var provenance: [(String, String)] = [
            ("Sieve", "\(manifest.software.sieve) (commit \(manifest.software.commit))"), ("XGBoost", manifest.software.xgboost),
            ("Spec", manifest.spec), ("Written", manifest.finished),
            ("Machine", "\(manifest.machine.cores) cores" + (manifest.machine.jobs.map { ", \($0) jobs" } ?? "")),
        ]
        provenance += data.provenance.map { ("Data (\($0.role))", "\($0.path): \($0.rows) rows, SHA-256 \($0.sha256)") }
        let verdict = RedundancyVerdict(groups: groups, splits: data.splitNames, tolerance: experiment.spec.redundancyTolerance)
        var sections: [(String, String)] = extraSections
        if let explain = experiment.spec.explain {
            let names = data.store.featureNames
            let summaries = AttributionSummary.summarize(records, top: explain.top)
            let charts = FeatureAttributions.largest(summaries).map {
                FeatureAttributions.chart($0, featureNames: names, top: explain.top, units: units)
            }
            for (name, text) in [("importance.csv", FeatureAttributions.csv(summaries, featureNames: names, top: explain.top)),
                                 ("importance.md", FeatureAttributions.markdown(summaries, featureNames: names, top: explain.top, units: units))] {
                let path = PathText.join(output, name)
                try AtomicFile.write(text, to: path)
                files.append(path)
            }
            for chart in charts {
                let path = PathText.join(output, "plots/" + chart.fileName)
                try AtomicFile.write(chart.svg, to: path)
                files.append(path)
            }
            sections.append(("Feature attributions", FeatureAttributions.html(summaries, figures: charts, featureNames: names,
                                                                             top: explain.top)))
        }
        var page = HTMLReport(title: experiment.name, description: experiment.spec.description, summary: summary,
                              groups: groups, splits: splits, units: units, verdict: verdict, figures: figures,
                              failed: records.filter { $0.status == .failed }, provenance: provenance)
        page.sections = sections
        let path = PathText.join(output, "index.html")
        try AtomicFile.write(page.render(), to: path)
        files.append(path)
        return files
    }
}
