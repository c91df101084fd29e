import SieveCore
import SieveReport

extension ActiveLearningCampaign {
    /// `al_curves.csv` (every measurement of every campaign), the convergence table beside random
    /// and pruned subsets, `acquired/<strategy>-<seed>.csv` (the order rows were labelled in), and
    /// a figure per evaluated model.
    public static func report(_ campaigns: [ReportedCampaign<ActiveLearningCampaign>],
                              context: CampaignReportContext) -> CampaignOutputs {
        var outputs = CampaignOutputs()
        guard let first = campaigns.first else { return outputs }
        let points = campaigns.flatMap { c in
            c.state.iterations.flatMap { iteration in
                iteration.metrics.map {
                    ActiveLearningReport.Point(strategy: c.campaign.strategy, seed: c.campaign.seed, iteration: iteration.iteration,
                                               labelled: iteration.labelled, poolRows: iteration.poolRows, model: $0.model,
                                               split: $0.split, metrics: $0.metrics)
                }
            }
        }
        let models = first.campaign.evaluate.map(\.name)
        let verdict = context.verdict
        let convergence = ActiveLearningReport.convergence(points, verdict: verdict, models: models, splits: context.splits)
        outputs.files += [
            ("al_curves.csv", ActiveLearningReport.curvesCSV(points)),
            ("al_convergence.csv", ActiveLearningReport.convergenceCSV(convergence, tolerance: verdict.tolerance)),
            ("al_convergence.md", ActiveLearningReport.convergenceMarkdown(convergence, tolerance: verdict.tolerance,
                                                                           title: "Active learning — \(context.experiment)",
                                                                           units: context.units)),
        ]
        for c in campaigns {
            var csv = CSVText(header: ["order", "iteration", "row", "name", "target"])
            var order = 0
            for (iteration, batch) in c.state.batches.enumerated() {
                for row in batch {
                    csv.append([String(order), String(iteration), String(row), context.rowNames[row], NumberText.exact(context.targets[row])])
                    order += 1
                }
            }
            outputs.files.append(("acquired/\(c.campaign.strategy)-\(c.campaign.seed).csv", csv.text))
        }
        let figures = models.map {
            ActiveLearningReport.figure(points, model: $0, split: "id", baseline: context.groups, units: context.units)
        }
        outputs.sectionFigures = figures
        outputs.sections.append(("Active learning", HTMLReport.markdownTable(ActiveLearningReport.convergenceMarkdown(
            convergence, tolerance: verdict.tolerance, title: "", units: context.units))
            + figures.map { "<div class=\"figure\">\($0.svg)</div>" }.joined(separator: "\n")))
        return outputs
    }
}
