import SieveCore
import SievePlan
import SieveSelection

/// Where each run of a plan stands, as read from the run store.
public struct RunState: Sendable {
    public enum Status: String, Sendable {
        /// Finished; its record is kept and it will not run again.
        case done
        /// Finished with an error; reruns only with `--retry-failed`.
        case failed
        /// Never started.
        case pending
        /// Started by a process that is gone (Ctrl-C, kill, power loss); will run again.
        case interrupted
        /// Under way in another live process right now.
        case running
        /// A record for the same key exists but was made with other parameters, data or Sieve;
        /// will run again.
        case stale
        /// Its record cannot be trusted (unreadable, another run's, or edited); will run again.
        case corrupt
    }

    public let run: PlannedRun
    public let status: Status
    /// Why a stale run reruns, who runs a running one, or why a failed one failed.
    public let detail: String?
}

extension RunStore {
    /// The state of every run of `plan`, in plan order.
    public func states(of plan: ExperimentPlan) -> [RunState] {
        var byKey: [String: [RunRecord]] = [:]
        let current = Set(plan.runs.map(\.id))
        for record in allRecords() where !current.contains(record.id) {
            byKey[record.key.canonical, default: []].append(record)
        }
        return plan.runs.map { run in
            switch read(id: run.id) {
            case let .valid(record):
                return RunState(run: run, status: record.status == .done ? .done : .failed, detail: record.error)
            case let .corrupt(path, reason):
                return RunState(run: run, status: .corrupt, detail: "\(path): \(reason)")
            case .missing:
                break
            }
            if let marker = marker(of: run.id) {
                if RunStore.isAlive(marker) {
                    return RunState(run: run, status: .running, detail: "process \(marker.pid) on \(marker.host) since \(marker.started)")
                }
                return RunState(run: run, status: .interrupted, detail: "started \(marker.started) by process \(marker.pid) on \(marker.host)")
            }
            if let old = byKey[run.key.canonical]?.first {
                return RunState(run: run, status: .stale, detail: run.identity.differences(from: old.identity))
            }
            return RunState(run: run, status: .pending, detail: nil)
        }
    }
}

/// Where a campaign stands, as read from its checkpoint.
public struct CampaignState: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case done
        /// Checkpointed part way; `sieve run` resumes it.
        case inProgress = "in progress"
        /// No checkpoint yet.
        case pending
        case failed
    }

    public let campaign: PlannedCampaign
    public let status: Status
    public let iterations: Int
    /// Iterations checkpointed so far, or the error of a failed campaign.
    public let detail: String?
}

extension CampaignStore {
    /// The state of every campaign of `plan`, in plan order.
    public func states(of plan: ExperimentPlan) -> [CampaignState] {
        plan.campaigns.map { campaign in
            guard let record = record(id: campaign.id) else {
                return CampaignState(campaign: campaign, status: .pending, iterations: 0, detail: nil)
            }
            let done = NumberText.counted(record.iterations, "iteration")
                + (campaign.plannedIterations.map { " of \($0)" } ?? "")
            switch record.status {
            case .done: return CampaignState(campaign: campaign, status: .done, iterations: record.iterations, detail: done)
            case .failed: return CampaignState(campaign: campaign, status: .failed, iterations: record.iterations, detail: record.error)
            case .running:
                return CampaignState(campaign: campaign, status: .inProgress, iterations: record.iterations, detail: done + " checkpointed")
            }
        }
    }
}
