import SieveCore

/// Learning curves with one column pair per strategy (random and each pruning), side by side.
public enum StrategyCurves {
    public static func csv(_ groups: [ResultGroup], splits: [String]) -> String {
        let strategies = RedundancyVerdict.strategies(groups)
        var out = CSVText(header: ["split", "model", "train_size", "train_fraction", "n_train"]
                          + strategies.flatMap { ["rmse_\($0)", "rmse_std_\($0)"] })
        let sizes = Array(Set(groups.map(\.trainSize))).sorted()
        let models = Array(Set(groups.map(\.model))).sorted()
        for split in splits {
            for model in models {
                for size in sizes {
                    let row = groups.filter { $0.model == model && $0.trainSize == size }
                    guard let any = row.first, row.contains(where: { $0.rmse(on: split) != nil }) else { continue }
                    var fields = [split, model, size.description, NumberText.exact(any.trainFraction),
                                  String(Int(any.trainRows.rounded()))]
                    for strategy in strategies {
                        let s = row.first { $0.strategy == strategy }?.rmse(on: split)
                        fields += [s.map { NumberText.exact($0.mean) } ?? "", s.map { NumberText.exact($0.std) } ?? ""]
                    }
                    out.append(fields)
                }
            }
        }
        return out.text
    }
}

/// What each pruning iteration measured, in long format.
public enum PruningCurves {
    public struct Row: Sendable {
        public var strategy: String
        public var iteration: Int
        public var kept: Int
        public var poolRows: Int
        public var model: String
        public var role: String
        public var split: String
        public var metrics: RegressionMetrics

        public init(strategy: String, iteration: Int, kept: Int, poolRows: Int, model: String, role: String,
                    split: String, metrics: RegressionMetrics) {
            self.strategy = strategy; self.iteration = iteration; self.kept = kept; self.poolRows = poolRows
            self.model = model; self.role = role; self.split = split; self.metrics = metrics
        }
    }

    public static func csv(_ rows: [Row]) -> String {
        var out = CSVText(header: ["strategy", "iteration", "kept", "kept_fraction", "model", "role", "split", "rmse", "mae", "r2"])
        for r in rows {
            out.append([r.strategy, String(r.iteration), String(r.kept), NumberText.exact(Double(r.kept) / Double(r.poolRows)),
                        r.model, r.role, r.split, NumberText.exact(r.metrics.rmse), NumberText.exact(r.metrics.mae),
                        NumberText.exact(r.metrics.r2)])
        }
        return out.text
    }
}
