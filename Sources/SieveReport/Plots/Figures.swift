import SieveCore

/// The figures researchers draw from a grid's results, as SVG documents.
public enum Figures {
    public struct Figure: Sendable {
        public let fileName: String
        public let title: String
        public let svg: String

        public init(fileName: String, title: String, svg: String) {
            self.fileName = fileName; self.title = title; self.svg = svg
        }
    }

    static func rmseLabel(_ units: String?) -> String { metricLabel(.rmse, units) }

    static func metricLabel(_ metric: ScoreMetric, _ units: String?) -> String { metric.label + (units.map { " (\($0))" } ?? "") }

    static func splitLabel(_ split: String) -> String {
        split == "id" ? "ID test" : split == "unused" ? "unused pool" : "OOD: \(split)"
    }

    public static func safe(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }

    /// One learning-curve figure per test split: RMSE against the training fraction (log scale),
    /// a line per model and strategy with a ±1 std band over seeds.
    public static func learningCurves(_ groups: [ResultGroup], splits: [String], units: String?) -> [Figure] {
        let models = Array(Set(groups.map(\.model))).sorted()
        let strategies = RedundancyVerdict.strategies(groups)
        return splits.compactMap { split in
            var series: [LineChart.Series] = []
            for (m, model) in models.enumerated() {
                for (s, strategy) in strategies.enumerated() {
                    let points = groups.filter { $0.model == model && $0.strategy == strategy }.compactMap { g in
                        g.score(on: split).map { LineChart.Point(x: g.trainFraction, y: $0.mean, spread: $0.std) }
                    }
                    let name = strategies.count > 1 ? "\(model), \(strategy)" : model
                    series.append(LineChart.Series(name: name, colour: m, dash: s, points: points))
                }
            }
            guard series.contains(where: { !$0.points.isEmpty }) else { return nil }
            let title = "Learning curve — \(splitLabel(split))"
            let chart = LineChart(title: title, xLabel: "training set (fraction of the pool, log scale)",
                                  yLabel: metricLabel(groups.first?.metric ?? .rmse, units), percentX: true, series: series)
            return Figure(fileName: "learning_curve_\(safe(split)).svg", title: title, svg: chart.svg())
        }
    }

    /// One figure per model: its RMSE on the ID test set and on each OOD set against the training
    /// fraction, so the gap between them is visible as data grow.
    public static func idVersusOOD(_ groups: [ResultGroup], splits: [String], units: String?) -> [Figure] {
        guard splits.count > 1 else { return [] }
        let models = Array(Set(groups.map(\.model))).sorted()
        let strategies = RedundancyVerdict.strategies(groups)
        return models.map { model in
            var series: [LineChart.Series] = []
            for (c, split) in splits.enumerated() {
                for (s, strategy) in strategies.enumerated() {
                    let points = groups.filter { $0.model == model && $0.strategy == strategy }.compactMap { g in
                        g.score(on: split).map { LineChart.Point(x: g.trainFraction, y: $0.mean, spread: $0.std) }
                    }
                    let name = splitLabel(split) + (strategies.count > 1 ? ", \(strategy)" : "")
                    series.append(LineChart.Series(name: name, colour: c, dash: s, points: points))
                }
            }
            let title = "ID versus OOD — \(model)"
            let chart = LineChart(title: title, xLabel: "training set (fraction of the pool, log scale)",
                                  yLabel: metricLabel(groups.first?.metric ?? .rmse, units), percentX: true, series: series)
            return Figure(fileName: "id_vs_ood_\(safe(model)).svg", title: title, svg: chart.svg())
        }
    }

    /// A measured curve of another shape: RMSE against the fraction of data kept or acquired.
    public struct CurvePoint: Sendable {
        public var series: String
        public var fraction: Double
        public var rmse: Double
        public var spread: Double
        public init(series: String, fraction: Double, rmse: Double, spread: Double = 0) {
            self.series = series; self.fraction = fraction; self.rmse = rmse; self.spread = spread
        }
    }

    /// RMSE on the ID test set against the fraction of the pool kept (pruning) or acquired
    /// (active learning), with the random-subset learning curves of the same models for comparison.
    public static func selectionCurve(fileName: String, title: String, xLabel: String, points: [CurvePoint],
                                      baseline: [ResultGroup], models: [String], split: String, units: String?) -> Figure {
        var series: [LineChart.Series] = []
        let names = Array(Set(points.map(\.series))).sorted()
        for (i, name) in names.enumerated() {
            let colour = models.firstIndex { name.hasPrefix($0) } ?? i
            series.append(LineChart.Series(name: name, colour: colour, dash: 0, points: points.filter { $0.series == name }
                .map { LineChart.Point(x: $0.fraction, y: $0.rmse, spread: $0.spread) }))
        }
        for (m, model) in models.enumerated() {
            let points = baseline.filter { $0.model == model && $0.strategy == "random" }.compactMap { g in
                g.rmse(on: split).map { LineChart.Point(x: g.trainFraction, y: $0.mean, spread: $0.std) }
            }
            series.append(LineChart.Series(name: "\(model), random subsets", colour: m, dash: 1, points: points))
        }
        let chart = LineChart(title: title, xLabel: xLabel, yLabel: rmseLabel(units) + " — " + splitLabel(split),
                              percentX: true, series: series)
        return Figure(fileName: fileName, title: title, svg: chart.svg())
    }

    /// The active-learning figure: one colour per strategy, the random-subset curve dashed.
    public static func selectionCurveByStrategy(fileName: String, title: String, points: [CurvePoint], strategies: [String],
                                         model: String, baseline: [ResultGroup], split: String, units: String?) -> Figure {
        var series: [LineChart.Series] = []
        for (i, strategy) in strategies.enumerated() {
            let name = "\(model), \(strategy)"
            series.append(LineChart.Series(name: name, colour: i, dash: 0, points: points.filter { $0.series == name }
                .map { LineChart.Point(x: $0.fraction, y: $0.rmse, spread: $0.spread) }))
        }
        let random = baseline.filter { $0.model == model && $0.strategy == "random" }.compactMap { g in
            g.rmse(on: split).map { LineChart.Point(x: g.trainFraction, y: $0.mean, spread: $0.std) }
        }
        series.append(LineChart.Series(name: "\(model), random subsets (runs)", colour: 6, dash: 1, points: random))
        let chart = LineChart(title: title, xLabel: "labelled data (fraction of the pool, log scale)",
                              yLabel: rmseLabel(units) + " — " + splitLabel(split), percentX: true, series: series)
        return Figure(fileName: fileName, title: title, svg: chart.svg())
    }
}
