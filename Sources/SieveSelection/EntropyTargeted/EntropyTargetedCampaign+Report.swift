import SieveCore
import SieveReport

extension EntropyTargetedCampaign {
    /// `etal_entropy.csv` (iteration × group entropies), `acquired/etal-<seed>.csv`,
    /// `etal_downstream.csv` and `etal.md` (entropy before and after, acquisitions per group, the
    /// downstream table), and the paper's figure: entropy per group against iteration.
    public static func report(_ campaigns: [ReportedCampaign<EntropyTargetedCampaign>],
                              context: CampaignReportContext) -> CampaignOutputs {
        var outputs = CampaignOutputs()
        var entropy = CSVText(header: ["seed", "iteration", "group", "entropy"])
        var downstream = CSVText(header: ["seed", "set", "repetition", "model", "n_train", "group", "rmse", "mae", "r2"])
        var md = ["# ET-AL — \(context.experiment)", ""]
        for c in campaigns {
            guard let learner = c.state.learner else { continue }
            let seed = c.campaign.seed
            for (i, row) in learner.entropies.enumerated() {
                for (g, name) in learner.groups.enumerated() {
                    entropy.append([String(seed), String(i), name, NumberText.exact(row[g])])
                }
            }
            var csv = CSVText(header: ["order", "row", "name", "group", "target", "expected_improvement", "entropy_after"])
            for (k, it) in learner.iterations.enumerated() {
                let a = it.acquisition
                csv.append([String(k), String(a.row), context.rowNames[a.row], a.group, NumberText.exact(context.targets[a.row]),
                            NumberText.exact(a.expectedImprovement), NumberText.exact(it.entropyAfter)])
            }
            outputs.files.append(("acquired/etal-\(seed).csv", csv.text))
            // Entropy before and after, acquisitions per group.
            let before = learner.entropies.first ?? [], after = learner.currentEntropies
            let counts = Dictionary(grouping: learner.iterations, by: \.acquisition.group).mapValues(\.count)
            md += ["## Seed \(seed): \(learner.iterations.count) acquisitions, stopped: \(learner.stopReason?.rawValue ?? "not yet")", "",
                   "| group | entropy before | entropy after | acquired |", "|---|---|---|---|"]
            for (g, name) in learner.groups.enumerated() {
                md.append("| \(MarkdownText.cell(name)) | \(fixed(before[g])) | \(fixed(after[g])) | \(counts[name] ?? 0) |")
            }
            let finiteBefore = before.filter(\.isFinite), finiteAfter = after.filter(\.isFinite)
            md += ["", "Lowest entropy: \(fixed(finiteBefore.min())) before, \(fixed(finiteAfter.min())) after; "
                   + "spread (highest − lowest): \(fixed(finiteBefore.max().flatMap { a in finiteBefore.min().map { a - $0 } })) before, "
                   + "\(fixed(finiteAfter.max().flatMap { a in finiteAfter.min().map { a - $0 } })) after.", ""]
            if let results = c.state.downstream {
                for r in results {
                    for (group, m) in r.metrics.sorted(by: { $0.key < $1.key }) {
                        downstream.append([String(seed), r.set, String(r.repetition), r.model, String(r.rows), group,
                                           NumberText.exact(m.rmse), NumberText.exact(m.mae), NumberText.exact(m.r2)])
                    }
                }
                md += downstreamTable(results, units: context.units)
            }
            outputs.figures.append(entropyFigure(learner, seed: seed, experiment: context.experiment))
        }
        outputs.files += [("etal_entropy.csv", entropy.text), ("etal_downstream.csv", downstream.text),
                          ("etal.md", md.joined(separator: "\n") + "\n")]
        outputs.sections.append(("Entropy-targeted active learning", HTMLReport.markdownTable(md.dropFirst(2).joined(separator: "\n"))))
        return outputs
    }

    static func fixed(_ x: Double?) -> String { x.map { $0.isFinite ? NumberText.fixed($0, 3) : "–" } ?? "–" }

    /// RMSE and R² of each model, ET-AL's set against the random repetitions (mean ± sd), overall
    /// and per group.
    static func downstreamTable(_ results: [DownstreamResult], units: String?) -> [String] {
        var md = ["### Downstream: labelled + ET-AL acquisitions vs labelled + as many random acquisitions", "",
                  "Test-set RMSE\(units.map { " (\($0))" } ?? "") and R²; random: mean ± sd over \(Set(results.filter { $0.set == "random" }.map(\.repetition)).count) draws.",
                  "", "| model | group | ET-AL RMSE | random RMSE | ET-AL R² | random R² |", "|---|---|---|---|---|---|"]
        let models = Array(Set(results.map(\.model))).sorted()
        let groups = ["all"] + Array(Set(results.flatMap { $0.metrics.keys })).filter { $0 != "all" }.sorted()
        for model in models {
            for group in groups {
                let etal = results.first { $0.set == "etal" && $0.model == model }?.metrics[group]
                let random = results.filter { $0.set == "random" && $0.model == model }.compactMap { $0.metrics[group] }
                guard let etal, !random.isEmpty else { continue }
                let rmse = Summary(random.map(\.rmse)), r2 = Summary(random.map(\.r2))
                md.append("| \(MarkdownText.cell(model)) | \(MarkdownText.cell(group)) | \(NumberText.fixed(etal.rmse, 4)) | \(NumberText.fixed(rmse.mean, 4)) ± \(NumberText.fixed(rmse.std, 4)) "
                          + "| \(NumberText.fixed(etal.r2, 3)) | \(NumberText.fixed(r2.mean, 3)) ± \(NumberText.fixed(r2.std, 3)) |")
            }
        }
        return md + [""]
    }

    static func entropyFigure(_ learner: EntropyTargetedState, seed: Int, experiment: String) -> Figures.Figure {
        let series = learner.groups.enumerated().map { g, name in
            LineChart.Series(name: name, colour: g, points: learner.entropies.enumerated().compactMap { i, row in
                row[g].isFinite ? LineChart.Point(x: Double(i), y: row[g]) : nil
            })
        }
        let title = "Label entropy per group against ET-AL iteration (seed \(seed))"
        let chart = LineChart(title: title, xLabel: "iteration (rows acquired)", yLabel: "differential entropy of the labels",
                              logX: false, series: series)
        return Figures.Figure(fileName: "etal_entropy_\(seed).svg", title: title, svg: chart.svg())
    }
}
