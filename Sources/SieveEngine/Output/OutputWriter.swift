import Foundation
import SieveCore
import SieveExecute
import SievePlan
import SieveReport
import SieveResolve
import SieveSelection
import SieveStore
import SieveXGBoost

/// Writes an experiment's tables, figures, report and manifest from its records. Tables depend
/// only on the records, so a resumed grid, a merged set of shards, and an uninterrupted run write
/// the same bytes.
struct OutputWriter {
    let experiment: ResolvedExperiment
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
        /// For `sieve report`: the manifest of the `sieve run` that made the records, whose
        /// times and machine are kept (a report computes nothing).
        var lastRun: Manifest? = nil
    }

    /// Writes everything; returns the paths written and the plan's run records it read.
    func write(_ invocation: Invocation) throws -> (files: [String], records: [RunRecord]) {
        let results = ResultSet(experiment: experiment, data: data, plan: plan, store: OutputStore(output: output))
        let splits = data.splitNames + (experiment.evaluateUnused ? ["unused"] : [])
        let units = experiment.dataset.units
        var texts: [(String, String)] = [
            ("runs.csv", RunsTable.csv(results.records)),
            ("\(experiment.metric.rawValue)_table.md", RMSETable.markdown(results.groups, splits: splits,
                                                                     title: "\(experiment.metric.label) — \(experiment.name)", units: units,
                                                                     completeness: results.completeness)),
            ("\(experiment.metric.rawValue)_table.csv", RMSETable.csv(results.groups, splits: splits, completeness: results.completeness)),
            ("curves.csv", LearningCurves.csv(results.groups, splits: splits)),
            ("redundancy.md", results.verdict.markdown(title: "Redundancy — \(experiment.name)", units: units)),
            ("redundancy.csv", results.verdict.csv()),
            ("redundancy_by_size.csv", results.verdict.bySizeCSV()),
            ("curves_by_strategy.csv", StrategyCurves.csv(results.groups, splits: data.splitNames + ["unused"])),
        ]
        var cvSection: (String, String)?
        if let cv = experiment.crossValidation {
            let rows = FoldTables.summary(results.groups, splits: splits)
            let names = Dictionary(uniqueKeysWithValues: data.folds.map { ($0.number ?? 0, $0.name) })
            let summary = FoldTables.summaryMarkdown(rows, title: "Cross-validation — \(experiment.name)",
                                                     rule: cv.rule.summary.prefix(1).uppercased() + cv.rule.summary.dropFirst(),
                                                     units: units)
            texts += [("folds.csv", FoldTables.csv(results.groups, splits: splits, foldNames: names)),
                      ("cv_summary.csv", FoldTables.summaryCSV(rows)), ("cv_summary.md", summary)]
            cvSection = ("Cross-validation", HTMLReport.markdownTable(summary))
        }
        texts += results.campaigns.flatMap(\.files)
        if !plan.campaigns.isEmpty { texts.append(("campaigns.csv", campaignTable(results))) }
        if let bias = try biasTables(results) { texts += bias }
        let manifest = self.manifest(results, invocation: invocation)
        texts.append(("manifest.json", try Manifest.encode(manifest)))
        var figures = Figures.learningCurves(results.groups, splits: splits, units: units)
            + Figures.idVersusOOD(results.groups, splits: data.splitNames, units: units)
        figures += results.campaigns.flatMap(\.figures)
        var plots = figures + results.campaigns.flatMap(\.sectionFigures)
        var sections = (cvSection.map { [$0] } ?? []) + results.campaigns.flatMap(\.sections)
        if let explain = experiment.explain {
            let names = data.store.featureNames
            let summaries = AttributionSummary.summarize(results.records, top: explain.top)
            let charts = FeatureAttributions.largest(summaries).map {
                FeatureAttributions.chart($0, featureNames: names, top: explain.top, units: units)
            }
            texts += [("importance.csv", FeatureAttributions.csv(summaries, featureNames: names, top: explain.top)),
                      ("importance.md", FeatureAttributions.markdown(summaries, featureNames: names, top: explain.top, units: units))]
            plots += charts
            sections.append(("Feature attributions", FeatureAttributions.html(summaries, figures: charts, featureNames: names,
                                                                             top: explain.top)))
        }
        var page = HTMLReport(title: experiment.name, description: experiment.description, summary: summary(manifest),
                              groups: results.groups, splits: splits, units: units, verdict: results.verdict, figures: figures,
                              failed: results.failed, provenance: provenance(manifest))
        page.sections = sections
        page.failedCampaigns = results.campaignRecords.compactMap { campaign, record in
            record?.status == .failed ? (campaign.label, record?.error ?? "unknown error") : nil
        }
        page.unfinished = unfinishedLines(results)
        texts += plots.map { ("plots/" + $0.fileName, $0.svg) }
        texts.append(("index.html", page.render()))
        let folder = OutputFolder(output)
        let files = try texts.map { name, text in
            let path = try folder.file(name)
            try AtomicFile.write(text, to: path)
            return path
        }
        return (files, results.records)
    }

    /// bias.csv and bias.md, when the data has groups: the pool, the ID test set, every training
    /// set of the grid (recomputed from the plan, as the runs drew them) and every campaign's.
    private func biasTables(_ results: ResultSet) throws -> [(String, String)]? {
        // Under cross-validation every fold has its own pool; the bias tables describe one pool.
        guard let groups = data.groups, !data.isCrossValidated else { return nil }
        func summary(_ name: String, _ rows: [Int]) -> BiasSummary {
            BiasSummary(set: name, labels: rows.map { data.targets[$0] }, groups: rows.map { groups[$0] })
        }
        var summaries = [summary("pool", data.pool), summary("ID test", data.testSets[0].rows)]
        let executor = RunExecutor(data: data, models: experiment.models, workRoot: nil, evaluateUnused: false, explain: nil,
                                   campaigns: CampaignExecutor(data: data, plan: plan, store: OutputStore(output: output)))
        var seen = Set<String>()
        for run in plan.runs {
            let name = "\(run.key.strategy) \(run.key.trainSize), seed \(run.key.seed)"
            guard seen.insert(name).inserted, let rows = try? executor.trainingRows(for: run) else { continue }
            summaries.append(summary(name, rows))
        }
        summaries += results.campaignSets.map { summary($0.name, $0.rows) }
        let family: (String) -> String = { name in
            name.replacing(#/, seed -?\d+$/#, with: "")
        }
        let title = "Bias across \(experiment.dataset.options.group?.name.replacingOccurrences(of: "_", with: " ") ?? "groups") — \(experiment.name)"
        return [("bias.csv", BiasReport.csv(summaries)),
                ("bias.md", BiasReport.markdown(summaries, family: family, title: title,
                                                group: experiment.dataset.options.group?.name ?? "group"))]
    }

    private func manifest(_ results: ResultSet, invocation: Invocation) -> Manifest {
        let failed = results.failed.count
        let last = invocation.lastRun
        let ranNow = last?.runs.ranNow ?? invocation.ranNow
        return Manifest(
            name: experiment.name, spec: experiment.specPath, description: experiment.description,
            software: .init(sieve: SieveVersion.version, commit: SieveVersion.commit, xgboost: XGBoostLibrary.version),
            dataset: experiment.dataset.description, datasets: data.provenance,
            poolRows: data.pool.count,
            splits: [Manifest.Split(name: data.testSets[0].name, rows: data.testSets[0].rows.count,
                                    rule: experiment.crossValidation.map { "fold 1 of \($0.rule.summary), of the rows left after the OOD rules" }
                                        ?? "random \(experiment.idTest.fraction) of the rows left after the OOD rules, "
                                        + "seed \(experiment.idTest.seed)")]
                + zip(experiment.ood, data.testSets.dropFirst()).map {
                    Manifest.Split(name: $0.name, rows: $1.rows.count, rule: Manifest.ruleDescription($0))
                },
            models: experiment.models.map { model in
                Manifest.Model(name: model.name, kind: model.kind,
                               parameters: Dictionary(uniqueKeysWithValues: model.regressor.resolvedParameters.map { ($0.name, $0.value) }))
            },
            trainSizes: experiment.trainSizes.map(\.description), seeds: experiment.seeds, output: output,
            runs: .init(planned: plan.runs.count, done: results.records.count - failed, failed: failed,
                        ranNow: ranNow, reused: max(0, results.records.count - ranNow)),
            machine: last?.machine ?? .init(cores: invocation.cores, jobs: invocation.jobs, threadsPerRun: invocation.threadsPerRun),
            started: last?.started ?? Manifest.timestamp(invocation.started), finished: last?.finished ?? Manifest.timestamp(Date()),
            reported: last.map { _ in Manifest.timestamp(Date()) },
            crossValidation: experiment.crossValidation.map { cv in
                Manifest.CrossValidation(rule: cv.rule.summary, folds: data.folds.map {
                    Manifest.Fold(number: $0.number ?? 0, name: $0.name, trainRows: $0.pool.count, testRows: $0.testSets[0].rows.count)
                })
            },
            campaigns: plan.campaigns.isEmpty ? nil : plan.campaigns.map { planned in
                Manifest.Campaign(id: planned.id, kind: planned.kind, label: planned.label,
                                  settings: Dictionary(planned.campaign.resolvedSettings.map { ($0.name, $0.value) },
                                                       uniquingKeysWith: { "\($0); \($1)" }))
            })
    }

    /// campaigns.csv: every planned campaign with its status, iterations and error.
    private func campaignTable(_ results: ResultSet) -> String {
        var table = CSVText(header: ["campaign_id", "kind", "label", "status", "iterations", "error"])
        for (campaign, record) in results.campaignRecords {
            table.append([campaign.id, campaign.kind, campaign.label, record.map { $0.status == .running ? "not finished" : $0.status.rawValue }
                            ?? "not started", String(record?.iterations ?? 0), record?.error ?? ""])
        }
        return table.text
    }

    /// What the report says has not finished: runs without a record, campaigns not done.
    private func unfinishedLines(_ results: ResultSet) -> [String] {
        var lines: [String] = []
        if results.completeness.notRun > 0 {
            lines.append("\(results.completeness.notRun) run(s) have not run or not finished; their seeds are not in the means.")
        }
        for (campaign, record) in results.campaignRecords where record?.status != .done && record?.status != .failed {
            lines.append("Campaign \(campaign.label) has not finished (\(NumberText.counted(record?.iterations ?? 0, "iteration")) "
                         + "checkpointed); it is not in the results.")
        }
        return lines
    }

    /// The report's opening facts.
    private func summary(_ manifest: Manifest) -> [(String, String)] {
        let kinds = CampaignKinds.all.map { $0.kind }.compactMap { kind -> String? in
            let n = plan.campaigns.filter { $0.kind == kind }.count
            return n == 0 ? nil : "\(n) \(kind.replacingOccurrences(of: "_", with: " ")) campaign(s)"
        }
        var rules: [(String, String)] = []
        if let main = data.provenance.first, let counts = main.rowRules {
            var parts = ["\(main.rows) rows used"]
            if counts.filtered > 0 { parts.append("\(counts.filtered) left out by keep_rows (\(manifest.dataset["keep_rows"] ?? ""))") }
            if counts.merged > 0 || experiment.dataset.options.duplicates != nil {
                parts.append("\(counts.merged) merged as duplicates of a composition (\(manifest.dataset["duplicates"] ?? "kept"))")
            }
            if let from = counts.sampledFrom { parts.append("a seeded sample of \(main.rows) of \(from) rows (\(manifest.dataset["sample"] ?? ""))") }
            rules.append(("Rows", parts.joined(separator: "; ")))
        }
        return [
            ("Dataset", "\(experiment.dataset.options.path) (\(manifest.dataset["features"] ?? ""), target \(experiment.dataset.options.target))"),
        ] + rules + [
            ("Pool", "\(data.pool.count) rows"),
            ("Test sets", manifest.splits.map { "\($0.name): \($0.rows) rows (\($0.rule))" }.joined(separator: "; ")),
            ("Models", experiment.models.map { "\($0.name) (\($0.kind))" }.joined(separator: ", ")),
            ("Grid", "\(plan.runs.count) runs: training sizes \(manifest.trainSizes.joined(separator: ", ")); seeds \(manifest.seeds.map(String.init).joined(separator: ", "))"
                + kinds.map { "; " + $0 }.joined()),
            ("Runs", "\(manifest.runs.done) done, \(manifest.runs.failed) failed of \(manifest.runs.planned)"),
        ]
    }

    private func provenance(_ manifest: Manifest) -> [(String, String)] {
        [("Sieve", "\(manifest.software.sieve) (commit \(manifest.software.commit))"), ("XGBoost", manifest.software.xgboost),
         ("Spec", manifest.spec), ("Written", manifest.finished),
         ("Machine", "\(manifest.machine.cores) cores" + (manifest.machine.jobs.map { ", \($0) jobs" } ?? ""))]
            + data.provenance.map { ("Data (\($0.role))", "\($0.path): \($0.rows) rows, SHA-256 \($0.sha256)") }
    }
}
