import Foundation
import SieveCore
import SieveData
import SieveExecute
import SievePlan
import SieveResolve
import SieveSelection
import SieveStore

/// How `sieve run` runs a grid.
public struct RunOptions: Sendable {
    public var jobs: Int
    public var cores: Int
    /// Run again the runs whose records say they failed (by default they are left alone).
    public var retryFailed = false
    /// Start no new run after the first failure.
    public var failFast = false
    /// Only this slice of the grid; tables are then left to `sieve report`.
    public var shard: Shard?
    public var stop: StopSignal?

    public init(jobs: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.jobs = jobs
        self.cores = cores
    }
}

/// What a run of a grid did.
public struct RunSummary: Sendable {
    public let planned: Int
    /// Runs of this invocation's slice whose finished records were already in the store.
    public let reused: Int
    public let ranNow: Int
    /// Runs of the slice without a record: stopped before starting, or under way elsewhere.
    public let notRun: Int
    /// Failed runs of this invocation's slice (now or earlier).
    public let failed: [RunRecord]
    /// Where the slice's runs and campaigns stand after this invocation.
    public let status: GridStatus
    public let stopped: Bool
    public let output: String
    public let files: [String]
    public let seconds: Double
}

/// Loads an experiment's data once, expands its grid, runs what is not done yet, and writes the
/// tables and manifest.
public final class ExperimentRunner: Sendable {
    public let experiment: ResolvedExperiment
    public let output: String
    /// Seconds after which another host's claim that was not refreshed is stale and taken over.
    public let lease: Double

    /// `output` overrides the spec's output folder.
    public init(_ experiment: ResolvedExperiment, output: String? = nil, lease: Double = ClaimRegistry.defaultLease) {
        self.experiment = experiment
        self.output = output ?? experiment.output
        self.lease = lease
    }

    /// Resolves the spec at `path`; the runner for its output folder (or `output`).
    public convenience init(specPath path: String, output: String? = nil, lease: Double = ClaimRegistry.defaultLease) throws {
        self.init(try SpecResolver.load(path: path), output: output, lease: lease)
    }

    /// The output folder's records, checkpoints and claims.
    public func store() -> OutputStore { OutputStore(output: output, lease: lease) }

    /// Where the output folder keeps structure features between commands (docs/features.md, "The feature cache").
    public var featureCacheFolder: String { PathText.join(output, "cache") }

    /// Loads the data and expands the grid, without running anything or writing any file but the
    /// feature cache (structure features are read from it, or computed and stored in it).
    public func prepare() throws -> (ExperimentData, ExperimentPlan) {
        let cache = StructureFeatureCache(folder: featureCacheFolder) { bytes, path in
            try AtomicFile.write(bytes, to: path, durable: false)
        }
        let data = try ExperimentData.load(experiment, loader: DatasetLoader(featureCache: cache))
        return (data, ExperimentPlan(experiment, data: data))
    }

    public func run(_ options: RunOptions, progress: @escaping @Sendable (ProgressEvent) -> Void = { _ in }) throws -> RunSummary {
        let started = Date()
        let (data, plan) = try prepare()
        let store = store()
        try AtomicFile.createFolder(store.runs.folder)
        for folder in [store.runs.folder, store.campaigns.folder, output, featureCacheFolder] { AtomicFile.removeAbandonedTemporaries(in: folder) }
        store.removeStaleClaimsOfFinishedWork()
        let (slice, sliceCampaigns) = options.shard.map { $0.slice(of: plan) } ?? (plan.runs, plan.campaigns)
        let finishedCampaigns = Set(plan.campaigns.filter { store.campaigns.record(id: $0.id)?.status == .done }.map(\.id))
        let campaigns = sliceCampaigns.filter { !finishedCampaigns.contains($0.id) }
        let states = Dictionary(uniqueKeysWithValues: store.runs.states(of: plan).map { ($0.run.id, $0) })
        let pending = slice.filter { run in
            switch states[run.id]!.status {
            case .done, .running: return false
            case .failed: return options.retryFailed
            case .pending, .interrupted, .stale, .corrupt: return true
            }
        }
        for warning in data.warnings { progress(.warning(warning)) }
        let scheduler = RunScheduler(jobs: options.jobs, cores: options.cores)
        let campaignExecutor = CampaignExecutor(data: data, plan: plan, store: store, workRoot: PathText.join(output, "work"))
        let executor = RunExecutor(data: data, models: experiment.models, workRoot: PathText.join(output, "work"),
                                   evaluateUnused: experiment.evaluateUnused, explain: experiment.explain,
                                   campaigns: campaignExecutor)
        let tracker = ProgressTracker(runs: pending)
        let reused = slice.count - pending.count
        progress(.began(total: pending.count, reused: reused, jobs: options.jobs, threadsPerRun: scheduler.threadsPerRun))
        let results = scheduler.run(pending, campaigns: campaigns, finishedCampaigns: finishedCampaigns, executor: executor,
                                    campaignExecutor: campaignExecutor, store: store, stop: options.stop,
                                    failFast: options.failFast,
                                    onStart: { run in progress(.runStarted(run, tracker.started(run))) },
                                    onFinish: { record in
                                        let run = pending.first { $0.id == record.id }!
                                        progress(.runFinished(record, tracker.finished(run, failed: record.status == .failed)))
                                    },
                                    onCampaign: { campaign, record in progress(.campaignFinished(campaign, record)) })
        let ranNow = results.compactMap { $0 }.count
        var files: [String] = []
        let sliceRecords: [RunRecord]
        if options.shard == nil {
            (files, sliceRecords) = try OutputWriter(experiment: experiment, data: data, plan: plan, output: output).write(
                .init(started: started, jobs: options.jobs, cores: scheduler.cores, threadsPerRun: scheduler.threadsPerRun,
                      ranNow: ranNow))
        } else {
            sliceRecords = store.runs.records(ids: slice.map(\.id))
        }
        let status = GridStatus(store: store, plan: plan, runIDs: Set(slice.map(\.id)), campaignIDs: Set(sliceCampaigns.map(\.id)))
        return RunSummary(planned: plan.runs.count, reused: reused, ranNow: ranNow,
                          notRun: slice.count - sliceRecords.count, failed: sliceRecords.filter { $0.status == .failed },
                          status: status, stopped: options.stop?.isRequested == true, output: output, files: files,
                          seconds: Date().timeIntervalSince(started))
    }

    /// What `sieve report` found and wrote.
    public struct ReportSummary: Sendable {
        public let records: Int
        public let planned: Int
        public let files: [String]
        /// Records that cannot be trusted, as "path: reason"; `sieve run` reruns their runs.
        public let corrupt: [String]
        /// Where the grid's runs and campaigns stand.
        public let status: GridStatus
    }

    /// Rewrites the tables and manifest from the stored records, running nothing; the manifest
    /// keeps how and when the last `sieve run` made them. Throws when there is no record at all
    /// to report on.
    public func report() throws -> ReportSummary {
        let (data, plan) = try prepare()
        let status = GridStatus(store: store(), plan: plan)
        let states = status.runs
        let corrupt = states.filter { $0.status == .corrupt }.compactMap(\.detail)
        guard states.contains(where: { $0.status == .done || $0.status == .failed }) else {
            throw NothingToReport(output: output, planned: plan.runs.count, corrupt: corrupt.count)
        }
        let (files, records) = try OutputWriter(experiment: experiment, data: data, plan: plan, output: output).write(
            .init(started: Date(), jobs: nil, cores: ProcessInfo.processInfo.activeProcessorCount, threadsPerRun: nil, ranNow: 0,
                  lastRun: Manifest.read(PathText.join(output, "manifest.json"))))
        return ReportSummary(records: records.count, planned: plan.runs.count, files: files, corrupt: corrupt, status: status)
    }
}

/// `sieve report` on a folder that holds no run record of the plan.
public struct NothingToReport: Error, Sendable, CustomStringConvertible {
    public let output: String
    public let planned: Int
    public let corrupt: Int
    public var description: String {
        "\(output) holds no record of the \(planned) runs of this spec" + (corrupt > 0 ? " (\(corrupt) corrupt ones)" : "")
            + "; run them with `sieve run` first, or point --output at the folder that has them."
    }
}
