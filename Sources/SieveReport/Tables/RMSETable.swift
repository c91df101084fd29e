import SieveCore

/// `rmse_table.md` and `rmse_table.csv` (`mae_table.*` with `metric: mae`): the ranking metric mean ± standard deviation over seeds, one row per
/// model, strategy and training size, one column per test split.
public enum RMSETable {
    /// With `completeness` (from the plan), every row says how many of its planned seeds failed or
    /// have not run (`n_failed`, `n_not_run`, `status`), and points none of whose runs finished get a
    /// row with empty means.
    public static func csv(_ groups: [ResultGroup], splits: [String], completeness: Completeness.Table? = nil) -> String {
        let metric = (groups.first?.metric ?? .rmse).rawValue
        var out = CSVText(header: ["model", "strategy", "train_size", "train_fraction", "n_train", "n_seeds"]
                          + splits.flatMap { ["\($0)_\(metric)_mean", "\($0)_\(metric)_std"] }
                          + (completeness == nil ? [] : ["n_failed", "n_not_run", "status"]))
        for group in groups {
            var row = [group.model, group.strategy, group.trainSize.description, NumberText.exact(group.trainFraction),
                       NumberText.exact(group.trainRows.rounded()), String(group.runs.count)]
            for split in splits {
                if let s = group.score(on: split) { row += [NumberText.exact(s.mean), NumberText.exact(s.std)] } else { row += ["", ""] }
            }
            if let c = completeness?.counts[Completeness.point(group.model, group.strategy, group.trainSize)] {
                row += [String(c.failed), String(c.notRun), c.text]
            } else if completeness != nil {
                row += ["0", "0", "complete"]
            }
            out.append(row)
        }
        for key in completeness?.withoutResults ?? [] {
            let c = completeness!.counts[Completeness.point(key)]!
            out.append([key.model, key.strategy, key.trainSize.description, "", "", "0"]
                       + Array(repeating: "", count: 2 * splits.count) + [String(c.failed), String(c.notRun), c.text])
        }
        return out.text
    }

    /// A Markdown table; `units` (e.g. "eV/atom") goes in the caption.
    /// With `completeness`, a status column appears when any point is not complete, and points
    /// none of whose runs finished get a row of dashes.
    public static func markdown(_ groups: [ResultGroup], splits: [String], title: String, units: String?,
                                completeness: Completeness.Table? = nil) -> String {
        let crossValidated = groups.contains { $0.runs.contains { $0.key.fold != nil } }
        let incomplete = completeness.map { !$0.isComplete } ?? false
        let strategies = Set(groups.map(\.strategy))
        let showStrategy = strategies.count > 1 || strategies.first.map { $0 != "random" } ?? false
        var header = ["model"] + (showStrategy ? ["strategy"] : []) + ["train size", "n_train"]
        header += splits.map { $0 == "id" ? "ID test" : $0 == "held_out" ? "held-out fold" : "OOD: \($0)" }
        var lines = ["# \(title)", "",
                     "Test \((groups.first?.metric ?? .rmse).label)\(units.map { " (\($0))" } ?? ""), mean ± standard deviation over "
                        + (crossValidated ? "folds and seeds (n = fold × seed runs per row; `cv_summary.md` and `folds.csv` "
                           + "give each fold)." : "seeds (n = seeds per row)."), "",
                     "| " + header.joined(separator: " | ") + " | n |" + (incomplete ? " status |" : ""),
                     "|" + Array(repeating: "---|", count: header.count + 1 + (incomplete ? 1 : 0)).joined()]
        for group in groups {
            var cells = [group.model] + (showStrategy ? [group.strategy] : [])
            cells += [sizeLabel(group.trainSize), String(Int(group.trainRows.rounded()))]
            for split in splits {
                cells.append(group.score(on: split).map { "\(NumberText.fixed($0.mean, 4)) ± \(NumberText.fixed($0.std, 4))" } ?? "–")
            }
            cells.append(String(group.runs.count))
            if incomplete {
                cells.append(completeness!.counts[Completeness.point(group.model, group.strategy, group.trainSize)]?.text ?? "complete")
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        for key in completeness?.withoutResults ?? [] {
            var cells = [key.model] + (showStrategy ? [key.strategy] : []) + [sizeLabel(key.trainSize), "–"]
            cells += Array(repeating: "–", count: splits.count) + ["0", completeness!.counts[Completeness.point(key)]!.text]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        if let completeness, incomplete {
            lines += ["", "**Not complete:** \(completeness.failed) run(s) failed and \(completeness.notRun) have not run; "
                        + "their seeds are not in the means above (see runs.csv and `sieve plan`)."]
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
