import SieveCore
import SieveReport

/// Regenerates every table of an output folder from the run records: the same records always
/// give the same bytes, however and whenever the runs were made.
public struct ReportWriter: Sendable {
    public let output: String

    public init(output: String) { self.output = output }

    /// Writes runs.csv, rmse_table.md, rmse_table.csv and curves.csv; returns the paths written.
    @discardableResult
    public func writeTables(_ records: [RunRecord], splits: [String], title: String, units: String?) throws -> [String] {
        let groups = ResultGroup.grouping(records)
        let files: [(String, String)] = [
            ("runs.csv", RunsTable.csv(records)),
            ("rmse_table.md", RMSETable.markdown(groups, splits: splits, title: title, units: units)),
            ("rmse_table.csv", RMSETable.csv(groups, splits: splits)),
            ("curves.csv", LearningCurves.csv(groups, splits: splits)),
        ]
        return try files.map { name, text in
            let path = PathText.join(output, name)
            try AtomicFile.write(text, to: path)
            return path
        }
    }

    /// Writes redundancy.md, redundancy.csv, redundancy_by_size.csv and curves_by_strategy.csv.
    public func writeRedundancy(_ records: [RunRecord], splits: [String], tolerance: Double, title: String,
                                units: String?) throws -> [String] {
        let groups = ResultGroup.grouping(records)
        let verdict = RedundancyVerdict(groups: groups, splits: splits, tolerance: tolerance)
        let files: [(String, String)] = [
            ("redundancy.md", verdict.markdown(title: title, units: units)),
            ("redundancy.csv", verdict.csv()),
            ("redundancy_by_size.csv", verdict.bySizeCSV()),
            ("curves_by_strategy.csv", StrategyCurves.csv(groups, splits: splits + ["unused"])),
        ]
        return try files.map { name, text in
            let path = PathText.join(output, name)
            try AtomicFile.write(text, to: path)
            return path
        }
    }

    /// Writes pruning_curves.csv: what every pruning iteration measured.
    func writePruningCurves(_ campaigns: [CampaignRecord]) throws -> String {
        let rows = campaigns.flatMap { campaign in
            campaign.state.iterations.flatMap { iteration in
                iteration.metrics.map {
                    PruningCurves.Row(strategy: campaign.strategy, iteration: iteration.iteration, kept: iteration.kept,
                                      poolRows: iteration.poolRows, model: $0.model, role: $0.role, split: $0.split,
                                      metrics: $0.metrics)
                }
            }
        }
        let path = PathText.join(output, "pruning_curves.csv")
        try AtomicFile.write(PruningCurves.csv(rows), to: path)
        return path
    }
}
