import SieveCore
import SieveModels

/// The model kinds a spec can name; each declares its own parameter table.
public enum ModelCatalog {
    public static let kinds: [any ConfigurableModel.Type] = [
        RandomForest.self, XGBoostRegressor.self, GradientBoostingRegressor.self, RidgeRegression.self, CommandModel.self,
        MeanRegressor.self,
    ]

    /// Every kind's name, for help texts and "did you mean".
    public static var kindNames: [String] { kinds.map { $0.kind } }

    /// The model a spec entry describes, or nil with every problem logged at its place.
    public static func build(name: Located<String>, kind: Located<String>, parameters: [(key: Located<String>, value: SpecNode)],
                             at location: SourceLocation, log: SpecLog) -> NamedModel? {
        guard let type = kinds.first(where: { $0.kind == kind.value }) else {
            log.error(kind.location, "Unknown model kind '\(kind.value)'"
                      + (EditDistance.suggestion(for: kind.value, among: kindNames).map { "; did you mean '\($0)'?" }
                         ?? ". The kinds are: \(kindNames.joined(separator: ", ")).").replacingFirstSemicolon)
            return nil
        }
        guard let model = type.read(parameters, modelName: name.value, at: location, log: log) else { return nil }
        return NamedModel(name: name.value, kind: kind.value, regressor: model)
    }
}
