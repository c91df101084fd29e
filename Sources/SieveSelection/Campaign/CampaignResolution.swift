import SieveCore
import SieveModels

/// What a campaign kind may look up while it reads its spec section: the experiment's models and
/// seeds.
public struct CampaignResolution: Sendable {
    /// The models that were read without problems, sorted by name.
    public let models: [NamedModel]
    /// Every model name the spec declares, including those with problems of their own.
    public let declaredModels: [String]
    /// The spec's `seeds`.
    public let seeds: [Int]
    /// The dataset's group rule ("crystal_system" or a column), if it has one.
    public let datasetGroup: String?

    public init(models: [NamedModel], declaredModels: [String], seeds: [Int], datasetGroup: String? = nil) {
        self.models = models; self.declaredModels = declaredModels; self.seeds = seeds; self.datasetGroup = datasetGroup
    }

    /// The model `name` refers to; otherwise logs why not ("did you mean" for a near miss) and
    /// returns nil. A model that exists but has problems of its own is not reported again.
    public func model(_ name: Located<String>, role: String, log: SpecLog) -> NamedModel? {
        if let found = models.first(where: { $0.name == name.value }) { return found }
        if declaredModels.contains(name.value) { return nil }
        log.error(name.location, "The \(role) '\(name.value)' is not one of the models"
                  + (EditDistance.suggestion(for: name.value, among: declaredModels).map { "; did you mean '\($0)'?" }
                     ?? ". The models are: \(declaredModels.joined(separator: ", ")).").replacingFirstSemicolon)
        return nil
    }

    /// The model's kind and every parameter, defaults included: the text identities hash.
    public static func fingerprint(_ model: NamedModel) -> String {
        (["kind=\(model.kind)"] + model.regressor.resolvedParameters.map { "\($0.name)=\($0.value)" }).joined(separator: "|")
    }
}
