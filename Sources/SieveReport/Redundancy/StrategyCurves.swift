import SieveCore

/// Learning curves with one column pair per strategy (random and each pruning), side by side.
public enum StrategyCurves {
    public static func csv(_ groups: [ResultGroup], splits: [String]) -> String {
        let strategies = RedundancyVerdict.strategies(groups)
        let metric = (groups.first?.metric ?? .rmse).rawValue
        var out = CSVText(header: ["split", "model", "train_size", "train_fraction", "n_train"]
                          + strategies.flatMap { ["\(metric)_\($0)", "\(metric)_std_\($0)"] })
        let sizes = Array(Set(groups.map(\.trainSize))).sorted()
        let models = Array(Set(groups.map(\.model))).sorted()
        for split in splits {
            for model in models {
                for size in sizes {
                    let row = groups.filter { $0.model == model && $0.trainSize == size }
                    guard let any = row.first, row.contains(where: { $0.score(on: split) != nil }) else { continue }
                    var fields = [split, model, size.description, NumberText.exact(any.trainFraction),
                                  String(Int(any.trainRows.rounded()))]
                    for strategy in strategies {
                        let s = row.first { $0.strategy == strategy }?.score(on: split)
                        fields += [s.map { NumberText.exact($0.mean) } ?? "", s.map { NumberText.exact($0.std) } ?? ""]
                    }
                    out.append(fields)
                }
            }
        }
        return out.text
    }
}
