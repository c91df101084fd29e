import SieveCore
import SieveModels

/// How an active-learning campaign picks the next rows to label: a score for every unlabelled
/// row (higher means more worth labelling); the campaign labels the highest-scoring batch.
///
/// A strategy is one folder: a type conforming to this protocol, registered once in
/// ``AcquisitionStrategies``. Its settings are the spec's `active_learning.<name>` block.
public protocol AcquisitionStrategy: Sendable {
    /// The name in `active_learning.strategies` ("qbc").
    static var name: String { get }
    /// Every setting of its block `active_learning.<name>: {…}`, in fingerprint order; empty
    /// when it takes none. The block's keys and the fingerprint come from it (see ``CampaignSetting``).
    static var settings: [CampaignSetting<Self>] { get }
    /// The strategy as configured by its settings block (nil when absent), or nil with every
    /// problem logged.
    static func resolve(_ settings: MappingReader?, context: AcquisitionResolution, log: SpecLog) -> Self?

    /// Models the strategy fits that the campaign does not evaluate.
    var extraModels: [NamedModel] { get }
    /// Its settings and models as canonical text, for the campaign's identity.
    var fingerprint: String { get }
    /// The cost of one scoring relative to one evaluation fit of the labelled rows.
    var costFactor: Double { get }
    /// One score per row of `request.unlabelled`.
    func scores(_ request: AcquisitionRequest) throws -> [Double]
}

extension AcquisitionStrategy {
    public static var settings: [CampaignSetting<Self>] { [] }
    /// Keys of its settings block, from its table.
    public static var settingKeys: [String] { settings.settingKeys() }
    public var extraModels: [NamedModel] { [] }
    /// Its name, then its table's fingerprint in braces when it has settings: `qbc{members=…|bootstrap=0}`.
    public var fingerprint: String { Self.settings.isEmpty ? Self.name : "\(Self.name){\(Self.settings.fingerprint(of: self))}" }
    /// Its settings as resolved, from its table, for the manifest.
    public var resolvedSettings: [(name: String, value: String)] { Self.settings.resolved(of: self) }
    public var costFactor: Double { 1 }
}

/// What a strategy may look up while it reads its settings.
public struct AcquisitionResolution: Sendable {
    public let campaign: CampaignResolution
    /// The models the campaign evaluates at every iteration.
    public let evaluate: [NamedModel]
    /// Where the strategy is named in `strategies`.
    public let location: SourceLocation

    public init(campaign: CampaignResolution, evaluate: [NamedModel], location: SourceLocation) {
        self.campaign = campaign; self.evaluate = evaluate; self.location = location
    }
}

/// One scoring: the data, the rows labelled so far and those to score, and the models fitted on
/// the labelled rows this iteration (fitting on demand the ones not fitted yet).
public final class AcquisitionRequest {
    public let data: CampaignData
    public let labelled: [Int]
    public let unlabelled: [Int]
    public let iteration: Int
    /// The campaign's seed; derive every random choice from it and the iteration.
    public let seed: UInt64
    public let threads: Int
    private let models: [NamedModel]
    private(set) var fitted: [String: any FittedModel]

    init(data: CampaignData, labelled: [Int], unlabelled: [Int], iteration: Int, seed: UInt64, threads: Int,
         models: [NamedModel], fitted: [String: any FittedModel]) {
        self.data = data; self.labelled = labelled; self.unlabelled = unlabelled; self.iteration = iteration
        self.seed = seed; self.threads = threads; self.models = models; self.fitted = fitted
    }

    /// The model `name` fitted on the labelled rows (fitted now if the campaign did not already).
    public func fittedModel(_ name: String) throws -> any FittedModel {
        if let f = fitted[name] { return f }
        guard let model = models.first(where: { $0.name == name }) else {
            throw ModelError.invalidParameters(["The strategy needs the model '\(name)', which the campaign lacks."])
        }
        let f = try fit(model.regressor, rows: labelled, salt: "\(name)|\(iteration)")
        fitted[name] = f
        return f
    }

    /// Fits a regressor on `rows` with a seed derived from the campaign's seed and `salt`.
    public func fit(_ regressor: any Regressor, rows: [Int], salt: String) throws -> any FittedModel {
        try data.fit(regressor, rows: rows, seed: seed, salt: salt, threads: threads, label: "active learning")
    }

    /// A generator seeded by the campaign's seed and `salt`.
    public func generator(_ salt: String) -> Xoshiro256 {
        Xoshiro256(seed: SplitMix64.mix(seed ^ StableSeed.of(salt)))
    }
}
