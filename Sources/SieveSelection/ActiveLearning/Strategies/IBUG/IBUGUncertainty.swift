import SieveCore
import SieveModels

/// XGBoost uncertainty by IBUG (Brophy & Lowd, NeurIPS 2022; as in Li et al., Nat. Commun. 14,
/// 7283, 2023): a booster of one tree per round fitted on the labelled rows; a row's score is the
/// spread of the targets of its `k` nearest labelled rows by shared leaves (see ``IBUGScorer``).
/// Defaults are the paper's `xgb_1tree` model (1000 rounds, learning rate 0.25, lambda 0.01,
/// alpha 0) and IBUG's k = 100.
public struct IBUGUncertainty: AcquisitionStrategy {
    public static let name = "xgb_uncertainty"
    /// The settings, in fingerprint order; the booster's and the leaf search's. Rounds, learning
    /// rate, lambda and depth are checked by the booster's own parameter table (``XGBoostRegressor``).
    public static let settings: [CampaignSetting<IBUGUncertainty>] = [
        .int("rounds", "boosting rounds of IBUG's booster", what: "xgb_uncertainty.rounds", \.boosting.rounds, Int.min...Int.max,
             allowed: boosterValues("rounds")),
        .number("learning_rate", "the booster's learning rate", what: "xgb_uncertainty.learning_rate", \.boosting.learningRate,
                allowed: boosterValues("learning_rate"), problem: { _ in nil }),
        .number("lambda", "the booster's L2 regularisation", what: "xgb_uncertainty.lambda", \.boosting.lambda,
                allowed: boosterValues("lambda"), problem: { _ in nil }),
        .int("max_depth", "the booster's tree depth", what: "xgb_uncertainty.max_depth", \.boosting.maxDepth, Int.min...Int.max,
             allowed: boosterValues("max_depth")),
        .int("k", "nearest labelled rows by shared leaves", what: "xgb_uncertainty.k", \.k, 1...100_000, "(nearest training rows)"),
        // Left out of the fingerprint at its default, so identities from before it existed hold.
        CampaignSetting("booster", "which implementation grows the booster: xgboost or native",
                        allowed: Booster.allCases.map(\.rawValue).joined(separator: " | "),
                        read: { node, log, s in
                            if let choice = log.choice(node, "xgb_uncertainty.booster", among: Booster.allCases.map(\.rawValue)) {
                                s.booster = Booster(rawValue: choice)!
                            }
                        },
                        fragments: { $0.booster == .xgboost ? [] : ["booster=\($0.booster.rawValue)"] },
                        vary: { $0.booster = $0.booster == .xgboost ? .native : .xgboost }),
    ]

    /// The values the booster's own table allows for one of its parameters (it checks them).
    static func boosterValues(_ name: String) -> String {
        XGBoostRegressor.parameters.first { $0.name == name }?.allowed ?? ""
    }

    /// Which implementation grows IBUG's booster: libxgboost, or Sieve's native gradient boosting
    /// (same definitions, several times cheaper; see ``GradientBoostingRegressor``).
    public enum Booster: String, Sendable, CaseIterable { case xgboost, native }

    /// The booster's settings: XGBoost's defaults but for the paper's rounds, learning rate, lambda
    /// and alpha. Only the four above are settable from the spec.
    public var boosting: BoostingParameters = {
        var b = BoostingParameters()
        b.rounds = 1000; b.learningRate = 0.25; b.lambda = 0.01; b.alpha = 0
        return b
    }()
    public var k = 100
    public var booster = Booster.xgboost

    public init() {}

    public static func resolve(_ settings: MappingReader?, context: AcquisitionResolution, log: SpecLog) -> IBUGUncertainty? {
        var s = IBUGUncertainty()
        Self.settings.read(settings, into: &s, log: log)
        let problems = s.model.validate()
        for problem in problems {
            let at = settings?[problem.parameter]?.location ?? settings?.node.location ?? context.location
            log.error(at, "In active_learning.xgb_uncertainty: \(problem.message)")
        }
        return problems.isEmpty ? s : nil
    }

    /// The booster IBUG reads leaves from.
    public var model: XGBoostRegressor { XGBoostRegressor(boosting) }

    /// A second booster of 1,000 single trees on every feature, then the leaf search: about twice
    /// a campaign's evaluation fits.
    public var costFactor: Double { 2 }

    public func scores(_ request: AcquisitionRequest) throws -> [Double] {
        let labelled = request.labelled
        let context = FitContext(seed: SplitMix64.mix(request.seed ^ StableSeed.of("ibug|\(request.iteration)")), threads: request.threads)
        let booster: any LeafIndexing = switch self.booster {
        case .xgboost: try model.fitBooster(request.data.training(labelled), context: context)
        case .native: try GradientBoostingRegressor(boosting).fitBoosting(request.data.training(labelled), context: context)
        }
        let scorer = IBUGScorer(trainingLeaves: try booster.leafIndices(request.data.store, rows: labelled),
                                targets: labelled.map { request.data.targets[$0] }, k: k)
        return scorer.scores(queryLeaves: try booster.leafIndices(request.data.store, rows: request.unlabelled), threads: request.threads)
    }
}
