import SieveCore

/// `rmse_table.md` and `rmse_table.csv`: RMSE mean ± standard deviation over seeds, one row per
/// model, strategy and training size, one column per test split.
public enum RMSETable {
    public static func csv(_ groups: [ResultGroup], splits: [String]) -> String {
        var out = CSVText(header: ["model", "strategy", "train_size", "train_fraction", "n_train", "n_seeds"]
                          + splits.flatMap { ["\($0)_rmse_mean", "\($0)_rmse_std"] })
        for group in groups {
            var row = [group.model, group.strategy, group.trainSize.description, NumberText.exact(group.trainFraction),
                       NumberText.exact(group.trainRows.rounded()), String(group.runs.count)]
            for split in splits {
                if let s = group.rmse(on: split) { row += [NumberText.exact(s.mean), NumberText.exact(s.std)] } else { row += ["", ""] }
            }
            out.append(row)
        }
        return out.text
    }

    /// A Markdown table; `units` (e.g. "eV/atom") goes in the caption.
    public static func markdown(_ groups: [ResultGroup], splits: [String], title: String, units: String?) -> String {
        let strategies = Set(groups.map(\.strategy))
        let showStrategy = strategies.count > 1 || strategies.first.map { $0 != "random" } ?? false
        var header = ["model"] + (showStrategy ? ["strategy"] : []) + ["train size", "n_train"]
        header += splits.map { $0 == "id" ? "ID test" : "OOD: \($0)" }
        var lines = ["# \(title)", "",
                     "Test RMSE\(units.map { " (\($0))" } ?? ""), mean ± standard deviation over seeds "
                        + "(n = seeds per row).", "",
                     "| " + header.joined(separator: " | ") + " | n |",
                     "|" + Array(repeating: "---|", count: header.count + 1).joined()]
        for group in groups {
            var cells = [group.model] + (showStrategy ? [group.strategy] : [])
            cells += [sizeLabel(group.trainSize), String(Int(group.trainRows.rounded()))]
            for split in splits {
                cells.append(group.rmse(on: split).map { "\(NumberText.fixed($0.mean, 4)) ± \(NumberText.fixed($0.std, 4))" } ?? "–")
            }
            cells.append(String(group.runs.count))
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "5 %" for fractions, "500 rows" for counts.
    public static func sizeLabel(_ size: TrainSize) -> String {
        switch size {
        case let .fraction(f): return NumberText.trimmed(f * 100) + " %"
        case let .count(c): return "\(c) rows"
        }
    }
}
