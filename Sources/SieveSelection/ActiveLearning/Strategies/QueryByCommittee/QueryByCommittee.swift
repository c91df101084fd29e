import SieveCore
import SieveModels

/// Query by committee (Seung, Opper & Sompolinsky, COLT 1992; as in Li et al., Nat. Commun. 14,
/// 7283, 2023): the disagreement of models fitted on the labelled rows. Two members:
/// |difference of their predictions| (the paper: random forest and XGBoost); more: the standard
/// deviation of their predictions; or one model fitted on `bootstrap` resamples.
public struct QueryByCommittee: AcquisitionStrategy {
    public static let name = "qbc"
    public static let settings: [CampaignSetting<QueryByCommittee>] = [
        CampaignSetting("members", "the committee (default: the evaluated models)",
                        fragments: { ["members=\($0.members.map { CampaignResolution.fingerprint($0) }.joined(separator: ";"))"] },
                        vary: { $0.members.append(otherModel(than: nil)) }),
        CampaignSetting("bootstrap", "bootstrap resamples of one member instead of several models (2 to 1,000)",
                        fragments: { ["bootstrap=\($0.bootstrap ?? 0)"] },
                        vary: { $0.bootstrap = ($0.bootstrap ?? 1) + 1 }),
    ]

    public var members: [NamedModel]
    public var bootstrap: Int?
    /// The evaluated models, which members may be (they are then not fitted twice).
    let evaluated: [String]

    public static func resolve(_ settings: MappingReader?, context: AcquisitionResolution, log: SpecLog) -> QueryByCommittee? {
        let names = settings?["members"].map { m in
            log.list(m).compactMap { i in log.string(i, "A committee member").map { Located($0, at: i.location) } }
        }
        var bootstrap: Int?
        if let b = settings?["bootstrap"], let n = log.int(b, "qbc.bootstrap", in: 2...1_000, "(bootstrapped committee members)") {
            bootstrap = n
            if names?.count != 1 { log.error(b, "qbc.bootstrap resamples one model: give `members: [<model>]` with one name.") }
        }
        // A `bootstrap` out of range is reported above; it is not also "no bootstrap".
        if let settings, bootstrap == nil, settings["bootstrap"] == nil, let names, names.count < 2 {
            log.error(settings.node, "A committee needs at least two members, or one with `bootstrap`.")
        }
        let members: [NamedModel]
        if let names {
            let found = names.map { context.campaign.model($0, role: "committee member", log: log) }
            guard found.allSatisfy({ $0 != nil }) else { return nil }
            members = found.map { $0! }
        } else {
            members = context.evaluate
            if members.count < 2 {
                log.error(context.location, "qbc needs a committee: evaluate two models, or give `qbc: {members: [...]}`.")
                return nil
            }
        }
        return QueryByCommittee(members: members, bootstrap: bootstrap, evaluated: context.evaluate.map(\.name))
    }

    public var extraModels: [NamedModel] { members.filter { !evaluated.contains($0.name) } }

    public var costFactor: Double { Double(bootstrap ?? 0) }

    public func scores(_ request: AcquisitionRequest) throws -> [Double] {
        if let count = bootstrap, let model = members.first {
            // Bootstrap members of one model kind, each fitted on a resample of the labelled rows.
            let labelled = request.labelled
            var predictions: [[Double]] = []
            for b in 0..<count {
                var rng = request.generator("al-bootstrap|\(request.iteration)|\(b)")
                let sample = (0..<labelled.count).map { _ in labelled[rng.uniform(below: labelled.count)] }.sorted()
                let f = try request.fit(model.regressor, rows: sample, salt: "bootstrap|\(request.iteration)|\(b)")
                predictions.append(try f.predict(request.data.store, rows: request.unlabelled))
            }
            return AcquisitionScores.disagreement(predictions)
        }
        return AcquisitionScores.disagreement(try members.map {
            try request.fittedModel($0.name).predict(request.data.store, rows: request.unlabelled)
        })
    }
}
