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
        /// Started by a process that is gone (Ctrl-C, kill, power loss, a lease that expired);
        /// will run again.
        case interrupted
        /// Under way in another live process right now (its claim is held: see ``ClaimFile``).
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
            if let holder = holder(of: run.id) {
                return RunState(run: run, status: holder.isHeld ? .running : .interrupted, detail: holder.description)
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
        /// Under way in another live process right now (its claim is held).
        case running
        /// No checkpoint yet.
        case pending
        case failed
    }

    public let campaign: PlannedCampaign
    public let status: Status
    public let iterations: Int
    /// Iterations checkpointed so far, the error of a failed campaign, or who runs it.
    public let detail: String?
    /// Who holds the campaign's claim, if anyone does (held or stale).
    public var holder: ClaimHolder? = nil
}

extension CampaignStore {
    /// The state of every campaign of `plan`, in plan order.
    public func states(of plan: ExperimentPlan) -> [CampaignState] {
        plan.campaigns.map { campaign in
            let record = record(id: campaign.id)
            let holder = holder(of: campaign.id)
            if let holder, holder.isHeld, record?.status != .done {
                return CampaignState(campaign: campaign, status: .running, iterations: record?.iterations ?? 0,
                                     detail: holder.description, holder: holder)
            }
            guard let record else {
                return CampaignState(campaign: campaign, status: .pending, iterations: 0,
                                     detail: holder.map { "interrupted: " + $0.description }, holder: holder)
            }
            let done = NumberText.counted(record.iterations, "iteration")
                + (campaign.plannedIterations.map { " of \($0)" } ?? "")
            switch record.status {
            case .done: return CampaignState(campaign: campaign, status: .done, iterations: record.iterations, detail: done)
            case .failed:
                return CampaignState(campaign: campaign, status: .failed, iterations: record.iterations, detail: record.error,
                                     holder: holder)
            case .running:
                return CampaignState(campaign: campaign, status: .inProgress, iterations: record.iterations,
                                     detail: done + " checkpointed" + (holder.map { "; interrupted: " + $0.description } ?? ""),
                                     holder: holder)
            }
        }
    }
}

/// Where a whole grid (or one shard's slice of it) stands: what `sieve run` and `sieve report`
/// summarise and turn into their exit status.
public struct GridStatus: Sendable {
    public let runs: [RunState]
    public let campaigns: [CampaignState]

    /// The states of `plan`'s runs and campaigns, limited to the given ids (one shard's slice) when given.
    public init(store: OutputStore, plan: ExperimentPlan, runIDs: Set<String>? = nil, campaignIDs: Set<String>? = nil) {
        runs = store.runs.states(of: plan).filter { runIDs?.contains($0.run.id) ?? true }
        campaigns = store.campaigns.states(of: plan).filter { campaignIDs?.contains($0.campaign.id) ?? true }
    }

    public var doneRuns: Int { runs.filter { $0.status == .done }.count }
    public var failedRuns: [RunState] { runs.filter { $0.status == .failed } }
    /// Runs with no finished record: never run, interrupted, held by another process, stale or corrupt.
    public var unfinishedRuns: [RunState] { runs.filter { $0.status != .done && $0.status != .failed } }
    /// Runs that a live process (of this host, or another with a fresh lease) holds now.
    public var heldRuns: [RunState] { runs.filter { $0.status == .running } }
    public var doneCampaigns: Int { campaigns.filter { $0.status == .done }.count }
    public var failedCampaigns: [CampaignState] { campaigns.filter { $0.status == .failed } }
    public var unfinishedCampaigns: [CampaignState] { campaigns.filter { $0.status != .done && $0.status != .failed } }

    /// Whether every run and campaign finished without failing.
    public var isComplete: Bool { failedRuns.isEmpty && unfinishedRuns.isEmpty && failedCampaigns.isEmpty && unfinishedCampaigns.isEmpty }

    /// The exit status this state calls for: 1 when a run or campaign failed, 75 (EX_TEMPFAIL: run
    /// `sieve run` again) when one has not finished, nil when the grid is complete.
    public var exitCode: Int32? {
        if !failedRuns.isEmpty || !failedCampaigns.isEmpty { return GridStatus.failedExitCode }
        if !unfinishedRuns.isEmpty || !unfinishedCampaigns.isEmpty { return GridStatus.unfinishedExitCode }
        return nil
    }

    public static let failedExitCode: Int32 = 1
    public static let unfinishedExitCode: Int32 = 75

    /// "68 of 70 runs done, 1 failed, 1 not finished (1 held by another process); 4 campaigns: 3 done, 1 failed";
    /// `aside` goes in parentheses after the runs' part.
    public func line(aside: String? = nil) -> String {
        var text = "\(doneRuns) of \(NumberText.counted(runs.count, "run")) done"
        if !failedRuns.isEmpty { text += ", \(failedRuns.count) failed" }
        if !unfinishedRuns.isEmpty {
            text += ", \(unfinishedRuns.count) not finished"
            if !heldRuns.isEmpty { text += " (\(heldRuns.count) held by another process)" }
        }
        if let aside { text += " (\(aside))" }
        if !campaigns.isEmpty {
            text += "; " + NumberText.counted(campaigns.count, "campaign") + ": \(doneCampaigns) done"
            if !failedCampaigns.isEmpty { text += ", \(failedCampaigns.count) failed" }
            if !unfinishedCampaigns.isEmpty { text += ", \(unfinishedCampaigns.count) not finished" }
        }
        return text
    }
}
