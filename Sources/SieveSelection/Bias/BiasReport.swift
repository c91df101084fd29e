import SieveCore
import SieveReport

/// `bias.csv` and `bias.md`: how diverse each group's labels are in every set of rows the
/// experiment uses (the pool, the ID test set, and every training set it builds), so one can see
/// whether pruning or uncertainty sampling makes a dataset more or less biased across groups.
public enum BiasReport {
    public static func csv(_ summaries: [BiasSummary]) -> String {
        var out = CSVText(header: BiasSummary.tableHeader)
        for summary in summaries { for row in summary.tableRows { out.append(row) } }
        return out.text
    }

    /// Per-group numbers for the pool and the ID test set, then one line per training set (sets
    /// that differ only by seed are averaged): its lowest entropy, the group that has it, and the
    /// spread. `family` names the set a training set belongs to (its name without the seed).
    public static func markdown(_ summaries: [BiasSummary], family: (String) -> String, title: String, group: String) -> String {
        var md = ["# \(title)", "",
                  "Differential entropy of the labels per \(group) (SciPy's `differential_entropy`, method auto); a low "
                    + "entropy means a narrow, under-covered range. Groups with fewer than 5 rows have none.", ""]
        for summary in summaries.prefix(2) {
            md += ["## \(summary.set)", "", "| \(MarkdownText.cell(group)) | rows | entropy | label range |", "|---|---|---|---|"]
            for g in summary.groups {
                md.append("| \(MarkdownText.cell(g.name)) | \(g.count) | \(number(g.entropy)) | \(NumberText.fixed(g.minimumLabel, 3)) … \(NumberText.fixed(g.maximumLabel, 3)) |")
            }
            md += ["", "Lowest entropy \(number(summary.minimumEntropy)), spread \(number(summary.spread)).", ""]
        }
        let training = Array(summaries.dropFirst(2))
        if !training.isEmpty {
            md += ["## Training sets", "", "| training set | sets | rows | lowest entropy | its \(MarkdownText.cell(group)) | spread |", "|---|---|---|---|---|---|"]
            var order: [String] = []
            var byFamily: [String: [BiasSummary]] = [:]
            for s in training {
                let f = family(s.set)
                if byFamily[f] == nil { order.append(f) }
                byFamily[f, default: []].append(s)
            }
            for f in order {
                let sets = byFamily[f]!
                let lows = sets.compactMap(\.minimumEntropy), spreads = sets.compactMap(\.spread)
                let rows = sets.map { $0.groups.reduce(0) { $0 + $1.count } }
                let lowest = sets.compactMap { s in s.groups.filter { !$0.entropy.isNaN }.min { $0.entropy < $1.entropy }?.name }
                let modal = Dictionary(grouping: lowest, by: { $0 }).max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key ?? "–"
                md.append("| \(MarkdownText.cell(f)) | \(sets.count) | \(rows.reduce(0, +) / max(1, rows.count)) | \(mean(lows)) | \(MarkdownText.cell(modal)) | \(mean(spreads)) |")
            }
            md.append("")
        }
        return md.joined(separator: "\n") + "\n"
    }

    static func number(_ x: Double?) -> String {
        guard let x else { return "–" }
        return x.isNaN ? "–" : (x.isInfinite ? (x < 0 ? "−∞" : "∞") : NumberText.fixed(x, 3))
    }

    static func mean(_ values: [Double]) -> String {
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty else { return "–" }
        let s = Summary(finite)
        return finite.count > 1 ? "\(NumberText.fixed(s.mean, 3)) ± \(NumberText.fixed(s.std, 3))" : NumberText.fixed(s.mean, 3)
    }
}
