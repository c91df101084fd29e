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

    init(experiment: ResolvedExperiment, data: ExperimentData, plan: ExperimentPlan, store: OutputStore) {
        records = store.runs.records(ids: plan.runs.map(\.id))
        groups = ResultGroup.grouping(records)
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

    /// One kind's outputs from its planned campaigns that have a checkpoint, each with its state.
    private static func outputs<K: Campaign>(_ kind: K.Type, plan: ExperimentPlan, store: CampaignStore,
                                             context: CampaignReportContext) -> (outputs: CampaignOutputs, sets: [(name: String, rows: [Int])]) {
        let reported = plan.campaigns.compactMap { planned -> ReportedCampaign<K>? in
            guard let campaign = planned.campaign as? K, let file = store.file(id: planned.id, as: K.State.self) else { return nil }
            return ReportedCampaign(campaign: campaign, id: planned.id, state: file.state)
        }
        return (reported.isEmpty ? CampaignOutputs() : K.report(reported, context: context),
                reported.flatMap { $0.campaign.trainingSets($0.state) })
    }

    var failed: [RunRecord] { records.filter { $0.status == .failed } }
}
