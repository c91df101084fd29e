import SieveCore

/// Feature attributions aggregated over seeds (and over the repeats of each run): mean ± standard
/// deviation, and rank stability (how often each feature is among the top k across seeds).
public struct AttributionSummary: Sendable {
    public struct Feature: Sendable, Equatable {
        public let index: Int
        public let mean: Double
        public let std: Double
        /// Share of seeds in which the feature is among the top k.
        public let topFrequency: Double
    }

    public let model: String
    public let strategy: String
    public let trainSize: TrainSize
    public let trainRows: Int
    public let method: String
    public let split: String
    public let seeds: Int
    /// Every feature, most important first.
    public let features: [Feature]

    /// Summaries per model, strategy, training size and method, in that order.
    public static func summarize(_ records: [RunRecord], top: Int) -> [AttributionSummary] {
        var out: [AttributionSummary] = []
        for group in ResultGroup.grouping(records) {
            let methods = Array(Set(group.runs.flatMap { $0.attributions?.map(\.method) ?? [] })).sorted()
            for method in methods {
                let runs = group.runs.compactMap { $0.attributions?.first { $0.method == method } }
                guard let first = runs.first else { continue }
                let p = first.means.count
                var features: [Feature] = []
                var topCounts = [Int](repeating: 0, count: p)
                for run in runs {
                    let ranked = (0..<p).sorted { run.means[$0] != run.means[$1] ? run.means[$0] > run.means[$1] : $0 < $1 }
                    for f in ranked.prefix(top) { topCounts[f] += 1 }
                }
                for f in 0..<p {
                    // Pooled over runs: the spread within each run (repeats) and between runs (seeds).
                    let means = runs.map { $0.means[f] }
                    let mean = means.reduce(0, +) / Double(means.count)
                    let n = runs.reduce(0) { $0 + $1.count }
                    var squares = 0.0
                    for run in runs {
                        squares += Double(run.count - 1) * run.stds[f] * run.stds[f]
                            + Double(run.count) * (run.means[f] - mean) * (run.means[f] - mean)
                    }
                    let std = n > 1 ? (squares / Double(n - 1)).squareRoot() : 0
                    features.append(Feature(index: f, mean: mean, std: std, topFrequency: Double(topCounts[f]) / Double(runs.count)))
                }
                features.sort { $0.mean != $1.mean ? $0.mean > $1.mean : $0.index < $1.index }
                out.append(AttributionSummary(model: group.model, strategy: group.strategy, trainSize: group.trainSize,
                                              trainRows: Int(group.trainRows), method: method, split: first.split,
                                              seeds: runs.count, features: features))
            }
        }
        return out
    }
}

/// importance.csv, importance.md and the attribution figures.
public enum FeatureAttributions {
    public static func csv(_ summaries: [AttributionSummary], featureNames: [String], top: Int) -> String {
        var out = CSVText(header: ["model", "strategy", "train_size", "n_train", "method", "split", "feature", "rank",
                                   "mean", "std", "top\(top)_frequency", "n_seeds"])
        for s in summaries {
            for (rank, f) in s.features.enumerated() {
                out.append([s.model, s.strategy, s.trainSize.description, String(s.trainRows), s.method, s.split,
                            featureNames[f.index], String(rank + 1), NumberText.exact(f.mean), NumberText.exact(f.std),
                            NumberText.exact(f.topFrequency), String(s.seeds)])
            }
        }
        return out.text
    }

    /// For each model and method, the top features at the largest explained training size.
    public static func markdown(_ summaries: [AttributionSummary], featureNames: [String], top: Int, units: String?) -> String {
        var md = ["# Feature attributions", "",
                  "Permutation importance: the increase in test RMSE\(units.map { " (\($0))" } ?? "") when one feature's column "
                    + "is shuffled; TreeSHAP (XGBoost): the mean absolute contribution to a prediction. Mean ± standard "
                    + "deviation over seeds and repeats; *top \(top)*: the share of seeds in which the feature ranks among the "
                    + "\(top) most important."]
        for s in largest(summaries) {
            md += ["", "## \(s.model), \(s.method) (\(s.strategy), \(RMSETable.sizeLabel(s.trainSize)) of the pool, "
                   + "\(NumberText.counted(s.seeds, "seed")), on \(s.split))", "",
                   "| rank | feature | importance | top \(top) |", "|---|---|---|---|"]
            for (rank, f) in s.features.prefix(top).enumerated() {
                md.append("| \(rank + 1) | \(featureNames[f.index]) | \(NumberText.significant(f.mean, 3)) ± "
                          + "\(NumberText.significant(f.std, 2)) | \(NumberText.trimmed(f.topFrequency * 100, maxDecimals: 0)) % |")
            }
        }
        return md.joined(separator: "\n") + "\n"
    }

    /// The summary at each model, strategy and method's largest explained size.
    public static func largest(_ summaries: [AttributionSummary]) -> [AttributionSummary] {
        var best: [String: AttributionSummary] = [:]
        for s in summaries {
            let key = "\(s.model)|\(s.strategy)|\(s.method)"
            if best[key].map({ $0.trainRows < s.trainRows }) ?? true { best[key] = s }
        }
        return best.keys.sorted().map { best[$0]! }
    }

    /// A horizontal bar chart of the top features with ±1 std error bars.
    public static func chart(_ s: AttributionSummary, featureNames: [String], top: Int, units: String?) -> Figures.Figure {
        let shown = Array(s.features.prefix(top))
        let labelWidth = (shown.map { SVG.textWidth(featureNames[$0.index], size: 12) }.max() ?? 60) + 16
        let left = labelWidth + 10, right = 40.0, top = 50.0, rowHeight = 24.0, bottom = 56.0
        let width = 760.0, height = top + Double(shown.count) * rowHeight + bottom
        let plotWidth = width - left - right
        let axis = Axis.linear(covering: shown.flatMap { [$0.mean - $0.std, $0.mean + $0.std] } + [0], includeZero: true)
        func px(_ v: Double) -> Double { left + axis.fraction(v) * plotWidth }
        let title = "\(s.model): \(s.method == "shap" ? "TreeSHAP" : "permutation importance") (\(RMSETable.sizeLabel(s.trainSize)))"
        var body = [SVG.text(title, x: left, y: 26, size: 16, weight: "bold")]
        for t in axis.ticks {
            body.append("<line x1=\"\(SVG.number(px(t)))\" y1=\"\(SVG.number(top - 6))\" x2=\"\(SVG.number(px(t)))\" "
                        + "y2=\"\(SVG.number(top + Double(shown.count) * rowHeight))\" stroke=\"#e3e3e3\"/>")
            body.append(SVG.text(axis.label(t), x: px(t), y: top + Double(shown.count) * rowHeight + 18, anchor: "middle"))
        }
        for (i, f) in shown.enumerated() {
            let y = top + Double(i) * rowHeight
            let x0 = px(Swift.min(0, f.mean)), x1 = px(Swift.max(0, f.mean))
            body.append(SVG.text(featureNames[f.index], x: left - 10, y: y + 15, anchor: "end"))
            body.append("<rect x=\"\(SVG.number(x0))\" y=\"\(SVG.number(y + 4))\" width=\"\(SVG.number(Swift.max(1, x1 - x0)))\" "
                        + "height=\"\(SVG.number(rowHeight - 8))\" fill=\"\(SVG.palette[0])\" fill-opacity=\"0.8\"/>")
            let lo = px(f.mean - f.std), hi = px(f.mean + f.std), cy = y + rowHeight / 2
            body.append("<line x1=\"\(SVG.number(lo))\" y1=\"\(SVG.number(cy))\" x2=\"\(SVG.number(hi))\" y2=\"\(SVG.number(cy))\" "
                        + "stroke=\"#222\" stroke-width=\"1.5\"/>")
            for x in [lo, hi] {
                body.append("<line x1=\"\(SVG.number(x))\" y1=\"\(SVG.number(cy - 5))\" x2=\"\(SVG.number(x))\" "
                            + "y2=\"\(SVG.number(cy + 5))\" stroke=\"#222\" stroke-width=\"1.5\"/>")
            }
        }
        let xLabel = s.method == "shap" ? "mean |SHAP value|" + (units.map { " (\($0))" } ?? "")
            : "increase in RMSE when shuffled" + (units.map { " (\($0))" } ?? "")
        body.append(SVG.text(xLabel, x: left + plotWidth / 2, y: height - 14, size: 13, anchor: "middle"))
        let file = "importance_\(Figures.safe(s.model))_\(Figures.safe(s.strategy))_\(s.method).svg"
        return Figures.Figure(fileName: file, title: title, svg: SVG.document(width: width, height: height, title: title, body: body))
    }
}

extension FeatureAttributions {
    /// The attribution section of the HTML report: a chart and a table per model and method.
    public static func html(_ summaries: [AttributionSummary], figures: [Figures.Figure], featureNames: [String], top: Int) -> String {
        var parts = ["<p class=\"note\">Mean ± standard deviation over seeds and repeats; <em>top \(top)</em>: share of seeds in "
                     + "which the feature ranks among the \(top) most important.</p>"]
        for (s, figure) in zip(largest(summaries), figures) {
            parts.append("<div class=\"figure\">\(figure.svg)</div>")
            var rows = ["<table><tr><th>rank</th><th class=\"text\">feature</th><th>importance</th><th>top \(top)</th></tr>"]
            for (rank, f) in s.features.prefix(top).enumerated() {
                rows.append("<tr><td>\(rank + 1)</td><td class=\"text\">\(SVG.escape(featureNames[f.index]))</td>"
                            + "<td>\(NumberText.significant(f.mean, 3)) ± \(NumberText.significant(f.std, 2))</td>"
                            + "<td>\(NumberText.trimmed(f.topFrequency * 100, maxDecimals: 0)) %</td></tr>")
            }
            parts.append(rows.joined(separator: "\n") + "</table>")
        }
        return parts.joined(separator: "\n")
    }
}
