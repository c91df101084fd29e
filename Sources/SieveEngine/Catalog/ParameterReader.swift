import SieveCore
import SieveModels
import SieveSpec

/// How one spec parameter of a model kind is read and applied to the model's value.
struct ParameterReader<Model>: Sendable {
    let name: String
    let apply: @Sendable (SpecNode, SpecLog, inout Model) -> Void

    static func int(_ name: String, _ path: WritableKeyPath<Model, Int> & Sendable) -> Self {
        Self(name: name) { node, log, model in
            if let v = log.int(node, name) { model[keyPath: path] = v }
        }
    }

    static func optionalInt(_ name: String, _ path: WritableKeyPath<Model, Int?> & Sendable) -> Self {
        Self(name: name) { node, log, model in
            if case .null = node.value { model[keyPath: path] = nil; return }
            if let v = log.int(node, name) { model[keyPath: path] = v }
        }
    }

    static func number(_ name: String, _ path: WritableKeyPath<Model, Double> & Sendable) -> Self {
        Self(name: name) { node, log, model in
            if let v = log.number(node, name) { model[keyPath: path] = v }
        }
    }

    static func bool(_ name: String, _ path: WritableKeyPath<Model, Bool> & Sendable) -> Self {
        Self(name: name) { node, log, model in
            if let v = log.bool(node, name) { model[keyPath: path] = v }
        }
    }

    static func choice<Choice: RawRepresentable & CaseIterable>(
        _ name: String, _ path: WritableKeyPath<Model, Choice> & Sendable
    ) -> Self where Choice.RawValue == String {
        Self(name: name) { node, log, model in
            if let text = log.choice(node, name, among: Choice.allCases.map(\.rawValue)),
               let value = Choice(rawValue: text) {
                model[keyPath: path] = value
            }
        }
    }
}

/// A model kind the spec can name: how to read its parameters into a ``Regressor``.
struct ModelKind: Sendable {
    let name: String
    let summary: String
    let build: @Sendable (ModelSpec, SpecLog) -> (any Regressor)?

    /// A kind whose model starts from `prototype` (the defaults) and takes `parameters`; after
    /// reading, the model's own `validate()` checks ranges, each problem shown at its parameter.
    static func make<Model: Regressor>(_ name: String, _ summary: String, prototype: Model,
                                       parameters: [ParameterReader<Model>],
                                       configure: @escaping @Sendable (inout Model, ModelSpec) -> Void = { _, _ in })
        -> ModelKind
    {
        ModelKind(name: name, summary: summary) { spec, log in
            var model = prototype
            configure(&model, spec)
            let before = log.diagnostics.count
            let names = parameters.map(\.name)
            for (key, value) in spec.parameters {
                guard let reader = parameters.first(where: { $0.name == key.value }) else {
                    log.error(key.location, "The \(name) model '\(spec.name.value)' has no parameter '\(key.value)'"
                              + (EditDistance.suggestion(for: key.value, among: names).map { "; did you mean '\($0)'?" }
                                 ?? ". Its parameters are: \(names.joined(separator: ", ")).").replacingFirstSemicolon)
                    continue
                }
                reader.apply(value, log, &model)
            }
            // Ranges are checked even when some parameter was unreadable (it kept its default), so
            // every problem shows up in one pass.
            for problem in model.validate() {
                let at = spec.parameters.first { $0.key.value == problem.parameter }?.value.location ?? spec.location
                log.error(at, "In the model '\(spec.name.value)': \(problem.message)")
            }
            return log.diagnostics.count == before ? model : nil
        }
    }
}

extension String {
    /// "; did you mean 'x'?" becomes ". Did you mean 'x'?"; other endings get a full stop.
    var replacingFirstSemicolon: String {
        if hasPrefix("; did you mean") { return ". Did you mean" + dropFirst("; did you mean".count) }
        return hasSuffix(".") || hasSuffix("?") ? self : self + "."
    }
}
