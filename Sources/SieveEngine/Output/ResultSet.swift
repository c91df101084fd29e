import SieveCore
import SievePlan
import SieveReport
import SieveResolve
import SieveSelection
import SieveStore

/// Everything the tables and report are made of, read from the store once: the plan's run
/// records, grouped once, the redundancy verdict built once, and each campaign kind's outputs.
struct ResultSet {
    let records: [RunRecord]
    let groups: [ResultGroup]
    let verdict: RedundancyVerdict
    /// Campaign kinds' files, figures and report sections, in registration order.
    let campaigns: [CampaignOutputs]
    /// The training sets campaigns built, named, for the bias table.
    let campaignSets: [(name: String, rows: [Int])]
    /// How many of each point's planned runs finished, failed or have not run.
    let completeness: Completeness.Table
    /// Every planned campaign's record (nil: no checkpoint yet), in plan order.
    let campaignRecords: [(campaign: PlannedCampaign, record: CampaignRecord?)]

    init(experiment: ResolvedExperiment, data: ExperimentData, plan: ExperimentPlan, store: OutputStore) {
        records = store.runs.records(ids: plan.runs.map(\.id))
        groups = ResultGroup.grouping(records, metric: experiment.metric)
        completeness = Completeness.Table(planned: plan.runs.map(\.key), records: records, groups: groups)
        campaignRecords = plan.campaigns.map { ($0, store.campaigns.record(id: $0.id)) }
        verdict = RedundancyVerdict(groups: groups, splits: data.splitNames, tolerance: experiment.redundancyTolerance)
        let context = CampaignReportContext(experiment: experiment.name, units: experiment.dataset.units, splits: data.splitNames,
                                            groups: groups, verdict: verdict, models: experiment.models.map(\.name),
                                            rowNames: data.rowNames, targets: data.targets,
                                            targetName: experiment.dataset.options.target, pool: data.pool,
                                            rowGroups: data.groups)
        let kinds = CampaignKinds.all.map { kind in Self.outputs(kind, plan: plan, store: store.campaigns, context: context) }
        campaigns = kinds.map(\.outputs)
        campaignSets = kinds.flatMap(\.sets)
    }

    /// One kind's outputs from its finished campaigns; those that failed or have not finished are
    /// left out of its results and named, with their errors, under each of its Markdown tables.
    private static func outputs<K: Campaign>(_ kind: K.Type, plan: ExperimentPlan, store: CampaignStore,
                                             context: CampaignReportContext) -> (outputs: CampaignOutputs, sets: [(name: String, rows: [Int])]) {
        var left: [String] = []
        let reported = plan.campaigns.compactMap { planned -> ReportedCampaign<K>? in
            guard let campaign = planned.campaign as? K else { return nil }
            guard let file = store.file(id: planned.id, as: K.State.self), file.record.status == .done else {
                let record = store.record(id: planned.id)
                left.append("- \(planned.label) (\(planned.id)): " + (record?.status == .failed
                    ? "**failed** after \(NumberText.counted(record?.iterations ?? 0, "iteration")): "
                        + MarkdownText.cell(record?.error ?? "unknown error")
                    : "**not finished** (\(NumberText.counted(record?.iterations ?? 0, "iteration")) checkpointed); `sieve run` resumes it"))
                return nil
            }
            return ReportedCampaign(campaign: campaign, id: planned.id, state: file.state)
        }
        var outputs = reported.isEmpty ? CampaignOutputs() : K.report(reported, context: context)
        if !left.isEmpty {
            let note = "\n## Not in these results\n\n" + left.joined(separator: "\n") + "\n"
            outputs.files = outputs.files.map { path, text in (path, path.hasSuffix(".md") ? text + note : text) }
        }
        return (outputs, reported.flatMap { $0.campaign.trainingSets($0.state) })
    }

    var failed: [RunRecord] { records.filter { $0.status == .failed } }
}
