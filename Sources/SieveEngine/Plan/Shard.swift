/// One slice of a grid, `index` of `count` (1-based, as `--shard 2/3` writes it).
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) {
        precondition(count >= 1 && index >= 1 && index <= count, "A shard is i/N with 1 ≤ i ≤ N.")
        self.index = index; self.count = count
    }

    /// Parses "i/N".
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else { return nil }
        self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// The runs of `plan` that fall to this shard. Runs are dealt largest expected cost first to
    /// the least loaded shard (ties to the lower shard), so the slices are balanced, cover the
    /// grid exactly once, and depend only on the plan.
    public func runs(of plan: ExperimentPlan) -> [PlannedRun] {
        let order = plan.runs.indices.sorted { a, b in
            let (x, y) = (plan.runs[a], plan.runs[b])
            return x.cost != y.cost ? x.cost > y.cost : x.key < y.key
        }
        var load = [Double](repeating: 0, count: count)
        var mine = Set<Int>()
        for i in order {
            let target = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
            load[target] += plan.runs[i].cost + 100
            if target == index - 1 { mine.insert(i) }
        }
        return plan.runs.indices.filter(mine.contains).map { plan.runs[$0] }
    }
}
