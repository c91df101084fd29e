import SieveCore

/// `curves.csv`: learning curves in long format, one row per split, model, strategy and size.
public enum LearningCurves {
    public static let header = ["split", "model", "strategy", "train_size", "train_fraction", "n_train",
                                "rmse_mean", "rmse_std", "mae_mean", "r2_mean", "n_seeds"]

    public static func csv(_ groups: [ResultGroup], splits: [String]) -> String {
        var out = CSVText(header: header)
        for split in splits {
            for group in groups {
                guard let rmse = group.rmse(on: split) else { continue }
                let mae = group.summary(on: split, \.mae)!
                let r2 = group.summary(on: split, \.r2)!
                out.append([split, group.model, group.strategy, group.trainSize.description,
                            NumberText.exact(group.trainFraction), NumberText.exact(group.trainRows.rounded()),
                            NumberText.exact(rmse.mean), NumberText.exact(rmse.std), NumberText.exact(mae.mean),
                            NumberText.exact(r2.mean), String(rmse.count)])
            }
        }
        return out.text
    }
}
