import SieveCore
import SieveSelection

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

    /// The runs and campaigns of `plan` that fall to this shard. Runs are dealt largest expected
    /// cost first to the least loaded shard (ties to the lower shard); a campaign and the runs
    /// that train on its result travel together as one item. The slices cover the grid exactly
    /// once and depend only on the plan.
    public func slice(of plan: ExperimentPlan) -> (runs: [PlannedRun], campaigns: [PlannedCampaign]) {
        // Items: each campaign with its dependent runs, and each independent run alone.
        var items: [(cost: Double, runs: [Int], campaign: Int?, key: RunKey)] = []
        for (c, campaign) in plan.campaigns.enumerated() {
            let dependents = plan.runs.indices.filter { plan.runs[$0].campaign == campaign.id }
            let cost = campaign.cost + dependents.reduce(0) { $0 + plan.runs[$1].weight }
            items.append((cost, dependents, c, dependents.first.map { plan.runs[$0].key } ?? campaign.campaign.identityKey))
        }
        for (i, run) in plan.runs.enumerated() where run.campaign == nil {
            items.append((run.weight, [i], nil, run.key))
        }
        items.sort { $0.cost != $1.cost ? $0.cost > $1.cost : $0.key < $1.key }
        var load = [Double](repeating: 0, count: count)
        var runs = Set<Int>(), campaigns = Set<Int>()
        for item in items {
            let target = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
            load[target] += item.cost
            guard target == index - 1 else { continue }
            runs.formUnion(item.runs)
            if let c = item.campaign { campaigns.insert(c) }
        }
        return (plan.runs.indices.filter(runs.contains).map { plan.runs[$0] },
                plan.campaigns.indices.filter(campaigns.contains).map { plan.campaigns[$0] })
    }

    /// The runs of `plan` that fall to this shard (see ``slice(of:)``).
    public func runs(of plan: ExperimentPlan) -> [PlannedRun] { slice(of: plan).runs }
}
