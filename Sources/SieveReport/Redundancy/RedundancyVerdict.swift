import SieveCore

/// The redundancy verdict (Li et al., Nat. Commun. 14, 7283, 2023): how small a training set
/// does as well as the whole pool, for random and pruned subsets; how the OOD error compares to
/// the ID error at each size; and how well the rows left out are predicted.
public struct RedundancyVerdict: Sendable {
    /// One line of the verdict: the smallest size within tolerance of the full pool.
    public struct Line: Sendable {
        public let model: String
        public let split: String
        public let strategy: String
        /// RMSE of the full pool (random subsets at the largest size), mean and std over seeds.
        public let fullPool: Summary
        /// The smallest size whose mean RMSE is within tolerance, if any.
        public let smallest: ResultGroup?
        public let smallestRMSE: Summary?
    }

    public let tolerance: Double
    public let splits: [String]
    public let lines: [Line]
    let groups: [ResultGroup]
    /// What the verdict compares (the groups' ranking metric).
    public var metric: ScoreMetric { groups.first?.metric ?? .rmse }

    /// `splits` are the test splits to judge (ID first, then OOD; "unused" is reported apart).
    public init(groups: [ResultGroup], splits: [String], tolerance: Double) {
        self.tolerance = tolerance
        self.splits = splits
        self.groups = groups
        var lines: [Line] = []
        let models = Array(Set(groups.map(\.model))).sorted()
        let strategies = Self.strategies(groups)
        for model in models {
            // The reference: the largest random training set (the whole pool when 1.0 is in the grid),
            // or the largest size of any strategy when random subsets are off.
            let reference = groups.filter { $0.model == model && $0.strategy == "random" }.max { $0.trainRows < $1.trainRows }
                ?? groups.filter { $0.model == model }.max { $0.trainRows < $1.trainRows }
            guard let reference else { continue }
            for split in splits {
                guard let full = reference.score(on: split) else { continue }
                for strategy in strategies {
                    let candidates = groups.filter { $0.model == model && $0.strategy == strategy }.sorted { $0.trainRows < $1.trainRows }
                    guard !candidates.isEmpty else { continue }
                    let smallest = candidates.first { ($0.score(on: split)?.mean ?? .infinity) <= (1 + tolerance) * full.mean }
                    lines.append(Line(model: model, split: split, strategy: strategy, fullPool: full, smallest: smallest,
                                      smallestRMSE: smallest?.score(on: split)))
                }
            }
        }
        self.lines = lines
    }

    /// "random" first, then the others by name.
    static func strategies(_ groups: [ResultGroup]) -> [String] {
        Array(Set(groups.map(\.strategy))).sorted { ($0 == "random" ? 0 : 1, $0) < ($1 == "random" ? 0 : 1, $1) }
    }

    // MARK: CSV

    public func csv() -> String {
        let m = metric.rawValue
        var out = CSVText(header: ["model", "split", "strategy", "tolerance", "full_pool_\(m)", "full_pool_\(m)_std",
                                   "smallest_fraction", "smallest_n_train", "\(m)_mean", "\(m)_std", "n_seeds"])
        for line in lines {
            out.append([line.model, line.split, line.strategy, NumberText.exact(tolerance), NumberText.exact(line.fullPool.mean),
                        NumberText.exact(line.fullPool.std),
                        line.smallest.map { NumberText.exact($0.trainFraction) } ?? "",
                        line.smallest.map { String(Int($0.trainRows.rounded())) } ?? "",
                        line.smallestRMSE.map { NumberText.exact($0.mean) } ?? "",
                        line.smallestRMSE.map { NumberText.exact($0.std) } ?? "",
                        line.smallestRMSE.map { String($0.count) } ?? ""])
        }
        return out.text
    }

    /// Per model, strategy and size: the ID RMSE, each OOD RMSE with its ratio to ID, and the RMSE
    /// on the pool rows left out with its ratio to ID.
    public func bySizeCSV() -> String {
        let ood = splits.filter { $0 != "id" }
        let hasUnused = groups.contains { $0.score(on: "unused") != nil }
        let m = metric.rawValue
        var header = ["model", "strategy", "train_size", "train_fraction", "n_train", "id_\(m)"]
        for split in ood { header += ["\(split)_\(m)", "\(split)_over_id"] }
        if hasUnused { header += ["unused_\(m)", "unused_over_id"] }
        var out = CSVText(header: header)
        for group in groups {
            guard let id = group.score(on: "id") else { continue }
            var row = [group.model, group.strategy, group.trainSize.description, NumberText.exact(group.trainFraction),
                       String(Int(group.trainRows.rounded())), NumberText.exact(id.mean)]
            for split in ood {
                let r = group.score(on: split)
                row += [r.map { NumberText.exact($0.mean) } ?? "", r.map { NumberText.exact($0.mean / id.mean) } ?? ""]
            }
            if hasUnused {
                let u = group.score(on: "unused")
                row += [u.map { NumberText.exact($0.mean) } ?? "", u.map { NumberText.exact($0.mean / id.mean) } ?? ""]
            }
            out.append(row)
        }
        return out.text
    }

    // MARK: Markdown

    public func markdown(title: String, units: String?) -> String {
        let unit = units.map { " \($0)" } ?? ""
        var md = ["# \(title)", "",
                  "A training set is **as good as the full pool** when its mean \(metric.label) is within "
                    + "\(NumberText.trimmed(tolerance * 100)) % of the full pool's (the largest random training set). "
                    + "Sizes are fractions of the pool; ± is the standard deviation over seeds.", "",
                  "## Smallest training set as good as the full pool", "",
                  "| model | test set | strategy | full-pool \(metric.label)\(unit) | smallest fraction | n_train | \(metric.label) there |",
                  "|---|---|---|---|---|---|---|"]
        for line in lines {
            let smallest = line.smallest.map { "\(NumberText.trimmed($0.trainFraction * 100, maxDecimals: 2)) %" } ?? "none"
            let n = line.smallest.map { String(Int($0.trainRows.rounded())) } ?? "–"
            let rmse = line.smallestRMSE.map { "\(NumberText.fixed($0.mean, 4)) ± \(NumberText.fixed($0.std, 4))" } ?? "–"
            md.append("| \(line.model) | \(Self.label(line.split)) | \(line.strategy) | "
                      + "\(NumberText.fixed(line.fullPool.mean, 4)) ± \(NumberText.fixed(line.fullPool.std, 4)) | \(smallest) | \(n) | \(rmse) |")
        }
        let ood = splits.filter { $0 != "id" }
        if !ood.isEmpty {
            md += ["", "## OOD \(metric.label) over ID \(metric.label), by training size", "",
                   "Redundant data help the ID test set but not the OOD sets when this ratio grows with the training size.", "",
                   "| model | strategy | fraction | n_train | ID \(metric.label) | " + ood.map { "\(Self.label($0)) / ID" }.joined(separator: " | ") + " |",
                   "|" + String(repeating: "---|", count: 4 + 1 + ood.count)]
            for group in groups {
                guard let id = group.score(on: "id") else { continue }
                let ratios = ood.map { split in group.score(on: split).map { NumberText.fixed($0.mean / id.mean, 2) } ?? "–" }
                md.append("| \(group.model) | \(group.strategy) | \(NumberText.trimmed(group.trainFraction * 100, maxDecimals: 2)) % | "
                          + "\(Int(group.trainRows.rounded())) | \(NumberText.fixed(id.mean, 4)) | " + ratios.joined(separator: " | ") + " |")
            }
        }
        if groups.contains(where: { $0.score(on: "unused") != nil }) {
            md += ["", "## The rows left out: \(metric.label) on the unused pool against the ID test \(metric.label)", "",
                   "When a model trained on a subset predicts the pool rows it never saw as well as (or better than) "
                    + "the ID test set, those rows added little information: they were redundant.", "",
                   "| model | strategy | fraction | n_train | unused \(metric.label) | ID \(metric.label) | unused / ID |", "|---|---|---|---|---|---|---|"]
            for group in groups {
                guard let id = group.score(on: "id"), let unused = group.score(on: "unused") else { continue }
                md.append("| \(group.model) | \(group.strategy) | \(NumberText.trimmed(group.trainFraction * 100, maxDecimals: 2)) % | "
                          + "\(Int(group.trainRows.rounded())) | \(NumberText.fixed(unused.mean, 4)) | \(NumberText.fixed(id.mean, 4)) | "
                          + "\(NumberText.fixed(unused.mean / id.mean, 2)) |")
            }
        }
        return md.joined(separator: "\n") + "\n"
    }

    public static func label(_ split: String) -> String { split == "id" ? "ID test" : "OOD: \(split)" }
}
