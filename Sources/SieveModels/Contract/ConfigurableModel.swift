import SieveCore

/// A model kind the spec can name: its name, a one-line summary, and its parameter table, from
/// which validation, resolved parameters and spec reading all derive (see ``ModelParameter``).
public protocol ConfigurableModel: Regressor {
    /// The spec's `kind:` ("random_forest").
    static var kind: String { get }
    static var summary: String { get }
    /// Every parameter, in the order fingerprints and manifests list them.
    static var parameters: [ModelParameter<Self>] { get }
    /// The model with every parameter at its default.
    init()
    /// Settings that come from where the spec is rather than from a parameter (a command's folder).
    mutating func configure(specFolder: String)
}

extension ConfigurableModel {
    public mutating func configure(specFolder: String) {}

    public func validate() -> [ParameterProblem] {
        Self.parameters.compactMap { p in p.problem(in: self).map { ParameterProblem(p.name, $0) } }
    }

    public var resolvedParameters: [(name: String, value: String)] {
        Self.parameters.compactMap { p in p.value(of: self).map { (p.name, $0) } }
    }

    /// The parameters that carry a library name, as the library spells them, in table order.
    public var libraryParameters: [(String, String)] {
        Self.parameters.compactMap { p in
            guard let name = p.library, let value = p.value(of: self) else { return nil }
            return (name, value)
        }
    }

    /// Reads a model entry's parameters into a model of this kind; nil when anything is wrong,
    /// with every problem logged at its place (an unknown name with "did you mean", an unreadable
    /// value, a value out of range).
    public static func read(_ parameters: [(key: Located<String>, value: SpecNode)], modelName: String,
                            at location: SourceLocation, log: SpecLog) -> Self? {
        var model = Self()
        model.configure(specFolder: PathText.directory(of: location.path))
        let before = log.diagnostics.count
        let names = Self.parameters.map(\.name)
        for (key, value) in parameters {
            guard let parameter = Self.parameters.first(where: { $0.name == key.value }) else {
                log.error(key.location, "The \(kind) model '\(modelName)' has no parameter '\(key.value)'"
                          + (EditDistance.suggestion(for: key.value, among: names).map { "; did you mean '\($0)'?" }
                             ?? ". Its parameters are: \(names.joined(separator: ", ")).").replacingFirstSemicolon)
                continue
            }
            parameter.read(value, log, &model)
        }
        // Ranges are checked even when some parameter was unreadable (it kept its default), so
        // every problem shows up in one pass.
        for problem in model.validate() {
            let at = parameters.first { $0.key.value == problem.parameter }?.value.location ?? location
            log.error(at, "In the model '\(modelName)': \(problem.message)")
        }
        return log.diagnostics.count == before ? model : nil
    }
}
