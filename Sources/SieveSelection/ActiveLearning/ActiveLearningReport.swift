import SieveCore
import SieveReport

/// Active-learning results: the curves of every campaign, and when each strategy first comes
/// within tolerance of the full pool, next to random and pruned training sets.
public enum ActiveLearningReport {
    /// One measurement: a model on a split after an iteration of one campaign.
    public struct Point: Sendable {
        public var strategy: String
        public var seed: Int
        public var iteration: Int
        public var labelled: Int
        public var poolRows: Int
        public var model: String
        public var split: String
        public var metrics: RegressionMetrics

        public init(strategy: String, seed: Int, iteration: Int, labelled: Int, poolRows: Int, model: String, split: String,
                    metrics: RegressionMetrics) {
            self.strategy = strategy; self.seed = seed; self.iteration = iteration; self.labelled = labelled
            self.poolRows = poolRows; self.model = model; self.split = split; self.metrics = metrics
        }

        public var fraction: Double { Double(labelled) / Double(poolRows) }
    }

    public static func curvesCSV(_ points: [Point]) -> String {
        var out = CSVText(header: ["strategy", "seed", "iteration", "n_labelled", "fraction", "split", "model", "rmse", "mae", "r2"])
        for p in points.sorted(by: { ($0.strategy, $0.seed, $0.iteration, $0.split, $0.model) < ($1.strategy, $1.seed, $1.iteration, $1.split, $1.model) }) {
            out.append([p.strategy, String(p.seed), String(p.iteration), String(p.labelled), NumberText.exact(p.fraction), p.split,
                        p.model, NumberText.exact(p.metrics.rmse), NumberText.exact(p.metrics.mae), NumberText.exact(p.metrics.r2)])
        }
        return out.text
    }

    /// Mean and spread over seeds at each iteration of each strategy, for one model and split.
    public static func meanCurve(_ points: [Point], strategy: String, model: String, split: String)
        -> [(labelled: Int, fraction: Double, rmse: Summary)]
    {
        let chosen = points.filter { $0.strategy == strategy && $0.model == model && $0.split == split }
        let byIteration = Dictionary(grouping: chosen, by: \.iteration)
        return byIteration.keys.sorted().map { i in
            let at = byIteration[i]!
            return (at[0].labelled, at[0].fraction, Summary(at.map(\.metrics.rmse)))
        }
    }

    /// One line of the convergence table.
    public struct Convergence: Sendable {
        public let model: String
        public let split: String
        public let strategy: String
        public let fullPool: Summary
        /// The first labelled fraction whose mean RMSE is within tolerance, and the RMSE there.
        public let fraction: Double?
        public let rmse: Summary?
    }

    /// When each strategy (active learning, then random and pruned subsets from the runs) first
    /// comes within `tolerance` of the full-pool RMSE.
    public static func convergence(_ points: [Point], verdict: RedundancyVerdict, models: [String], splits: [String])
        -> [Convergence]
    {
        let strategies = Array(Set(points.map(\.strategy))).sorted()
        var out: [Convergence] = []
        for model in models {
            for split in splits {
                let subsets = verdict.lines.filter { $0.model == model && $0.split == split }
                guard let full = subsets.first?.fullPool else { continue }
                for strategy in strategies {
                    let curve = meanCurve(points, strategy: strategy, model: model, split: split)
                    guard !curve.isEmpty else { continue }
                    let hit = curve.first { $0.rmse.mean <= (1 + verdict.tolerance) * full.mean }
                    out.append(Convergence(model: model, split: split, strategy: "active learning: \(strategy)", fullPool: full,
                                           fraction: hit?.fraction, rmse: hit?.rmse))
                }
                for line in subsets {
                    out.append(Convergence(model: model, split: split, strategy: "\(line.strategy) subsets", fullPool: full,
                                           fraction: line.smallest?.trainFraction, rmse: line.smallestRMSE))
                }
            }
        }
        return out
    }

    public static func convergenceCSV(_ lines: [Convergence], tolerance: Double) -> String {
        var out = CSVText(header: ["model", "split", "strategy", "tolerance", "full_pool_rmse", "first_fraction_within",
                                   "rmse_mean", "rmse_std", "n_seeds"])
        for l in lines {
            out.append([l.model, l.split, l.strategy, NumberText.exact(tolerance), NumberText.exact(l.fullPool.mean),
                        l.fraction.map(NumberText.exact) ?? "", l.rmse.map { NumberText.exact($0.mean) } ?? "",
                        l.rmse.map { NumberText.exact($0.std) } ?? "", l.rmse.map { String($0.count) } ?? ""])
        }
        return out.text
    }

    public static func convergenceMarkdown(_ lines: [Convergence], tolerance: Double, title: String, units: String?) -> String {
        var md = ["# \(title)", "",
                  "The first training-set size (fraction of the pool) whose mean RMSE over seeds is within "
                    + "\(NumberText.trimmed(tolerance * 100)) % of the full pool's, for each active-learning strategy and, "
                    + "for comparison, for random and pruned subsets. ± is the standard deviation over seeds there.", "",
                  "| model | test set | strategy | full-pool RMSE\(units.map { " (\($0))" } ?? "") | first fraction within | RMSE there |",
                  "|---|---|---|---|---|---|"]
        for l in lines {
            md.append("| \(l.model) | \(RedundancyVerdict.label(l.split)) | \(l.strategy) | "
                      + "\(NumberText.fixed(l.fullPool.mean, 4)) ± \(NumberText.fixed(l.fullPool.std, 4)) | "
                      + (l.fraction.map { "\(NumberText.trimmed($0 * 100, maxDecimals: 2)) %" } ?? "not reached") + " | "
                      + (l.rmse.map { "\(NumberText.fixed($0.mean, 4)) ± \(NumberText.fixed($0.std, 4))" } ?? "–") + " |")
        }
        return md.joined(separator: "\n") + "\n"
    }

    /// RMSE on `split` against the labelled fraction for every strategy (mean ± std over seeds),
    /// with the model's random-subset learning curve for comparison.
    public static func figure(_ points: [Point], model: String, split: String, baseline: [ResultGroup], units: String?) -> Figures.Figure {
        let strategies = Array(Set(points.map(\.strategy))).sorted()
        var curvePoints: [Figures.CurvePoint] = []
        for strategy in strategies {
            for p in meanCurve(points, strategy: strategy, model: model, split: split) {
                curvePoints.append(Figures.CurvePoint(series: "\(model), \(strategy)", fraction: p.fraction, rmse: p.rmse.mean,
                                                      spread: p.rmse.std))
            }
        }
        return Figures.selectionCurveByStrategy(fileName: "active_learning_\(Figures.safe(model)).svg",
                                                title: "Active learning — \(model)", points: curvePoints, strategies: strategies,
                                                model: model, baseline: baseline, split: split, units: units)
    }
}
