/// A model of an experiment: its name in the spec, its kind, and the configured regressor. The
/// one model type every stage and campaign shares.
public struct NamedModel: Sendable {
    public let name: String
    public let kind: String
    public let regressor: any Regressor

    public init(name: String, kind: String, regressor: any Regressor) {
        self.name = name; self.kind = kind; self.regressor = regressor
    }
}
