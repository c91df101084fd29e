import ArgumentParser
import SieveCore
import SieveEngine
import SieveStore

struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the campaigns and runs a spec expands to, and which are already done; runs nothing.")

    @OptionGroup var options: ExperimentOptions

    func run() throws {
        try Failure.reporting {
            let runner = try options.runner()
            let (data, plan) = try runner.prepare()
            let store = runner.store()
            let campaigns = store.campaigns.states(of: plan)
            for campaign in campaigns {
                print("\(campaign.campaign.id)  \(campaign.status.rawValue.padding(11))  \(campaign.campaign.label)"
                      + (campaign.detail.map { "  — " + $0.firstLine } ?? ""))
            }
            let states = store.runs.states(of: plan)
            var counts: [RunState.Status: Int] = [:]
            for state in states {
                counts[state.status, default: 0] += 1
                let n = state.run.key.trainSize.rows(inPool: data.fold(state.run.key.fold).pool.count)
                var line = "\(state.run.id)  \(state.status.rawValue.padding(11))  \(state.run.key.model)  \(state.run.key.strategy)  "
                    + "size=\(state.run.key.trainSize) (\(n) rows)  seed=\(state.run.key.seed)"
                    + (state.run.key.fold.map { "  fold=\($0) (\(data.fold($0).name))" } ?? "")
                if let detail = state.detail, state.status != .done {
                    line += "  — " + (state.status == .stale ? "reruns: " : "") + detail.firstLine
                }
                print(line)
            }
            let order: [RunState.Status] = [.done, .failed, .pending, .interrupted, .running, .stale, .corrupt]
            if !campaigns.isEmpty {
                print(NumberText.counted(campaigns.count, "campaign") + ": " + CampaignState.Status.allCases.map { status in
                    "\(campaigns.filter { $0.status == status }.count) \(status.rawValue)" }.joined(separator: ", ") + ".")
            }
            print("\(plan.runs.count) runs: " + order.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
                  + ". \(Describe.data(data)).")
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    /// The first line (an error's headline).
    var firstLine: String { split(separator: "\n").first.map(String.init) ?? "" }
}
