import SieveCore

/// `runs.csv`: one row per run and test split, failed runs included with their error.
public enum RunsTable {
    public static let header = ["run_id", "model", "strategy", "train_size", "train_fraction", "n_train", "seed",
                                "split", "n_test", "rmse", "mae", "r2", "fit_seconds", "predict_seconds", "status", "error"]

    /// Under cross-validation a `fold` column follows `seed` (absent otherwise, so tables of a
    /// holdout experiment are what they always were).
    public static func csv(_ records: [RunRecord]) -> String {
        let folds = records.contains { $0.key.fold != nil }
        var columns = header
        if folds { columns.insert("fold", at: columns.firstIndex(of: "seed")! + 1) }
        var out = CSVText(header: columns)
        for record in records.sorted(by: { $0.key < $1.key }) {
            let base = [record.id, record.key.model, record.key.strategy, record.key.trainSize.description,
                        NumberText.exact(record.trainFraction), String(record.trainRows), String(record.key.seed)]
                + (folds ? [record.key.fold.map(String.init) ?? ""] : [])
            let timing = [NumberText.fixed(record.fitSeconds, 3), NumberText.fixed(record.predictSeconds, 3)]
            if record.status == .failed || record.splits.isEmpty {
                out.append(base + ["", "", "", "", ""] + timing + [record.status.rawValue, record.error ?? ""])
                continue
            }
            for split in record.splits {
                let m = split.metrics
                out.append(base + [split.split, String(m.count), NumberText.exact(m.rmse), NumberText.exact(m.mae),
                                   NumberText.exact(m.r2)] + timing + [record.status.rawValue, ""])
            }
        }
        return out.text
    }
}
