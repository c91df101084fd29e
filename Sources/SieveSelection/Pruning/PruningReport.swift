import SieveCore
import SieveReport

extension PruningCampaign {
    /// `pruning_curves.csv` (what every iteration measured) and a figure per campaign of the
    /// refitted models' ID RMSE against the data kept, over the random-subset curves.
    public static func report(_ campaigns: [ReportedCampaign<PruningCampaign>], context: CampaignReportContext) -> CampaignOutputs {
        var outputs = CampaignOutputs()
        guard !campaigns.isEmpty else { return outputs }
        let rows = campaigns.flatMap { c in
            c.state.iterations.flatMap { iteration in
                iteration.metrics.map {
                    PruningCurves.Row(strategy: c.campaign.strategy, iteration: iteration.iteration, kept: iteration.kept,
                                      poolRows: iteration.poolRows, model: $0.model, role: $0.role, split: $0.split, metrics: $0.metrics)
                }
            }
        }
        outputs.files.append(("pruning_curves.csv", PruningCurves.csv(rows)))
        for c in campaigns {
            let points = c.state.iterations.flatMap { iteration in
                iteration.metrics.filter { $0.split == "id" }.map {
                    Figures.CurvePoint(series: "\($0.model), pruned (\($0.role))", fraction: Double(iteration.kept) / Double(iteration.poolRows),
                                       rmse: $0.metrics.rmse)
                }
            }
            outputs.figures.append(Figures.selectionCurve(
                fileName: "pruning_\(c.campaign.strategy).svg", title: "Pruning guided by \(c.campaign.guide.name)",
                xLabel: "data kept (fraction of the pool, log scale)", points: points, baseline: context.groups,
                models: context.models, split: "id", units: context.units))
        }
        return outputs
    }
}

/// What each pruning iteration measured, in long format.
enum PruningCurves {
    struct Row: Sendable {
        var strategy: String
        var iteration: Int
        var kept: Int
        var poolRows: Int
        var model: String
        var role: String
        var split: String
        var metrics: RegressionMetrics
    }

    static func csv(_ rows: [Row]) -> String {
        var out = CSVText(header: ["strategy", "iteration", "kept", "kept_fraction", "model", "role", "split", "rmse", "mae", "r2"])
        for r in rows {
            out.append([r.strategy, String(r.iteration), String(r.kept), NumberText.exact(Double(r.kept) / Double(r.poolRows)),
                        r.model, r.role, r.split, NumberText.exact(r.metrics.rmse), NumberText.exact(r.metrics.mae),
                        NumberText.exact(r.metrics.r2)])
        }
        return out.text
    }
}
