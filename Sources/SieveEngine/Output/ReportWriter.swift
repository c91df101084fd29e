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
}
