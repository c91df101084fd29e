import SieveCore

/// The tables of a cross-validated grid: each fold's results (`folds.csv`) and the summary over
/// folds Matbench's leaderboard reports (`cv_summary.md`, `cv_summary.csv`).
public enum FoldTables {
    /// One fold of one point: its runs (one per seed) on one split.
    struct Cell {
        let group: ResultGroup
        let fold: Int
        let split: String
        let metrics: [RegressionMetrics]
        let trainRows: Int

        var mae: Double { metrics.map(\.mae).reduce(0, +) / Double(metrics.count) }
        var rmse: Double { metrics.map(\.rmse).reduce(0, +) / Double(metrics.count) }
        var maxError: Double? { metrics.allSatisfy { $0.maxError != nil } ? metrics.map { $0.maxError! }.max() : nil }
    }

    static func cells(_ group: ResultGroup, split: String) -> [Cell] {
        let byFold = Dictionary(grouping: group.runs.filter { $0.key.fold != nil }) { $0.key.fold! }
        return byFold.keys.sorted().compactMap { fold in
            let runs = byFold[fold]!
            let metrics = runs.compactMap { $0.metrics(on: split) }
            return metrics.isEmpty ? nil : Cell(group: group, fold: fold, split: split, metrics: metrics, trainRows: runs[0].trainRows)
        }
    }

    /// `folds.csv`: per model, strategy, size, fold and split, the means over seeds.
    public static func csv(_ groups: [ResultGroup], splits: [String], foldNames: [Int: String]) -> String {
        var out = CSVText(header: ["model", "strategy", "train_size", "fold", "fold_name", "split", "n_train", "n_test", "n_seeds",
                                   "rmse_mean", "mae_mean", "max_error"])
        for group in groups {
            for split in splits {
                for cell in cells(group, split: split) {
                    out.append([group.model, group.strategy, group.trainSize.description, String(cell.fold),
                                foldNames[cell.fold] ?? "", split, String(cell.trainRows), String(cell.metrics[0].count),
                                String(cell.metrics.count), NumberText.exact(cell.rmse), NumberText.exact(cell.mae),
                                cell.maxError.map(NumberText.exact) ?? ""])
                }
            }
        }
        return out.text
    }

    /// What Matbench reports over the folds of one point and split: the mean and the population
    /// standard deviation (÷ n, numpy's `np.std`, which Matbench uses) of the folds' MAE, the mean
    /// of their RMSE, and the largest absolute error of any fold. A fold's value is the mean over
    /// its seeds.
    public struct Row: Sendable {
        public let model, strategy: String
        public let trainSize: TrainSize
        public let split: String
        public let folds: Int
        public let meanMAE, stdMAE, meanRMSE: Double
        public let maxMaxError: Double?
    }

    public static func summary(_ groups: [ResultGroup], splits: [String]) -> [Row] {
        groups.flatMap { group in
            splits.compactMap { split -> Row? in
                let cells = cells(group, split: split)
                guard !cells.isEmpty else { return nil }
                let maes = cells.map(\.mae)
                let mean = maes.reduce(0, +) / Double(maes.count)
                let variance = maes.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(maes.count)
                let maxima = cells.compactMap(\.maxError)
                return Row(model: group.model, strategy: group.strategy, trainSize: group.trainSize, split: split, folds: cells.count,
                           meanMAE: mean, stdMAE: variance.squareRoot(),
                           meanRMSE: cells.map(\.rmse).reduce(0, +) / Double(cells.count),
                           maxMaxError: maxima.count == cells.count ? maxima.max() : nil)
            }
        }
    }

    public static func summaryCSV(_ rows: [Row]) -> String {
        var out = CSVText(header: ["model", "strategy", "train_size", "split", "n_folds", "mae_mean", "mae_std", "rmse_mean", "max_error_max"])
        for r in rows {
            out.append([r.model, r.strategy, r.trainSize.description, r.split, String(r.folds), NumberText.exact(r.meanMAE),
                        NumberText.exact(r.stdMAE), NumberText.exact(r.meanRMSE), r.maxMaxError.map(NumberText.exact) ?? ""])
        }
        return out.text
    }

    public static func summaryMarkdown(_ rows: [Row], title: String, rule: String, units: String?) -> String {
        let unit = units.map { " (\($0))" } ?? ""
        var lines = ["# \(title)", "",
                     "\(rule). Over the folds, as Matbench's leaderboard reports them\(unit): the mean and standard deviation "
                        + "(÷ n, numpy's `np.std`) of each fold's MAE, the mean of each fold's RMSE, and the largest absolute "
                        + "error of any fold. A fold's value is the mean over its seeds; `folds.csv` has every fold.", "",
                     "| model | strategy | train size | split | folds | mean MAE | std MAE | mean RMSE | max max_error |",
                     "|---|---|---|---|---|---|---|---|---|"]
        for r in rows {
            let cells = [r.model, r.strategy, RMSETable.sizeLabel(r.trainSize), r.split, String(r.folds), NumberText.fixed(r.meanMAE, 4),
                         NumberText.fixed(r.stdMAE, 4), NumberText.fixed(r.meanRMSE, 4), r.maxMaxError.map { NumberText.fixed($0, 4) } ?? "—"]
            lines.append("| " + cells.map(MarkdownText.cell).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
