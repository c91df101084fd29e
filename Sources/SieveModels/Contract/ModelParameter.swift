import SieveCore

/// One parameter of a model kind, declared once: its spec name, what it means, its range, its
/// name in the library the model calls, how it is read from the spec and how it is written back.
///
/// Everything else derives from the declaration: the spec reader and its "did you mean"
/// (``ConfigurableModel``), range validation, the resolved parameters in the manifest, the run
/// fingerprint, and the parameters handed to a library. A parameter cannot be read without also
/// being fingerprinted, so a changed value always makes finished runs stale.
public struct ModelParameter<Model>: Sendable {
    /// The name as the spec spells it.
    public let name: String
    /// The name the model's library gives it, when the model hands it on (XGBoost's `eta`).
    public let library: String?
    /// What the parameter means, in a few words, for `sieve describe` and the spec reference.
    public let summary: String
    /// The values it takes, in words ("1–100,000", "(0, 1]", "hist | approx | exact").
    public let allowed: String
    /// Reads the spec's value into the model, logging what is wrong with it.
    let read: @Sendable (SpecNode, SpecLog, inout Model) -> Void
    /// The value as canonical text (fingerprints, manifest, library calls); nil leaves the
    /// parameter out (an option that is off).
    let text: @Sendable (Model) -> String?
    /// A full sentence when the value is out of range.
    let check: @Sendable (Model) -> String?
    /// Sets another valid value, for tests that every parameter reaches the fingerprint.
    let vary: @Sendable (inout Model) -> Void

    public init(_ name: String, library: String? = nil, summary: String = "", allowed: String = "",
                read: @escaping @Sendable (SpecNode, SpecLog, inout Model) -> Void,
                text: @escaping @Sendable (Model) -> String?,
                check: @escaping @Sendable (Model) -> String? = { _ in nil },
                vary: @escaping @Sendable (inout Model) -> Void) {
        self.name = name; self.library = library; self.summary = summary; self.allowed = allowed; self.read = read; self.text = text; self.check = check; self.vary = vary
    }

    /// The value's canonical text, or nil when it is left out.
    public func value(of model: Model) -> String? { text(model) }

    /// What is wrong with the model's value of this parameter, as a sentence.
    public func problem(in model: Model) -> String? { check(model) }

    /// Changes the model's value of this parameter to another valid one.
    public func varying(_ model: Model) -> Model {
        var copy = model
        vary(&copy)
        return copy
    }

    /// The same parameter of a model that holds a `Model` at `path` (the boosting settings inside
    /// ``XGBoostRegressor``): reading, text, check and variation all go through the path.
    public func lifted<Outer>(_ path: WritableKeyPath<Outer, Model> & Sendable) -> ModelParameter<Outer> {
        let read = self.read, text = self.text, check = self.check, vary = self.vary
        return ModelParameter<Outer>(name, library: library, summary: summary, allowed: allowed,
                                     read: { node, log, outer in read(node, log, &outer[keyPath: path]) },
                                     text: { text($0[keyPath: path]) },
                                     check: { check($0[keyPath: path]) },
                                     vary: { vary(&$0[keyPath: path]) })
    }
}

/// The allowed values of a numeric parameter, with the sentence that says so.
public enum ParameterRange: Sendable {
    case any
    case atLeast(Double)
    case positive
    /// 0 < x ≤ 1.
    case fraction
    /// 0 < x < 1.
    case openFraction

    func contains(_ x: Double) -> Bool {
        switch self {
        case .any: return x.isFinite
        case let .atLeast(lo): return x >= lo && x.isFinite
        case .positive: return x > 0 && x.isFinite
        case .fraction: return x > 0 && x <= 1
        case .openFraction: return x > 0 && x < 1
        }
    }

    /// The range in words, for `sieve describe`.
    public var words: String {
        switch self {
        case .any: return "a finite number"
        case let .atLeast(lo): return "≥ \(lo == lo.rounded() ? String(Int(lo)) : lo.description)"
        case .positive: return "> 0"
        case .fraction: return "(0, 1]"
        case .openFraction: return "(0, 1)"
        }
    }

    /// An integer range in words: "1–100,000", or "at least 2" when it has no upper bound.
    public static func words(_ range: ClosedRange<Int>) -> String {
        range.upperBound == Int.max ? "at least \(SpecLog.grouped(range.lowerBound))"
            : "\(SpecLog.grouped(range.lowerBound))–\(SpecLog.grouped(range.upperBound))"
    }

    func sentence(_ name: String, _ value: String) -> String {
        switch self {
        case .any: return "\(name) must be a finite number."
        case let .atLeast(lo): return "\(name) must be a finite number of at least \(lo == lo.rounded() ? String(Int(lo)) : lo.description), got \(value)."
        case .positive: return "\(name) must be a positive finite number, got \(value)."
        case .fraction: return "\(name) must be in (0, 1], got \(value)."
        case .openFraction: return "\(name) must be in (0, 1), got \(value)."
        }
    }
}

extension ModelParameter {
    /// An integer parameter within `range`; `why` (e.g. "(rounds of boosting)") joins the message,
    /// so that the bound a user meets says what it protects.
    public static func int(_ name: String, _ path: WritableKeyPath<Model, Int> & Sendable, _ range: ClosedRange<Int>,
                           _ why: String = "", library: String? = nil, summary: String = "") -> Self {
        Self(name, library: library, summary: summary, allowed: ParameterRange.words(range),
             read: { node, log, model in if let v = log.int(node, name) { model[keyPath: path] = v } },
             text: { String($0[keyPath: path]) },
             check: { m in range.contains(m[keyPath: path]) ? nil : SpecLog.outOfRange(name, m[keyPath: path], range, why) },
             vary: { m in
                 let v = m[keyPath: path]
                 m[keyPath: path] = v < range.upperBound ? v + 1 : v - 1
             })
    }

    /// An integer parameter that may be absent (`null` in the spec, "none" in fingerprints).
    public static func optionalInt(_ name: String, _ path: WritableKeyPath<Model, Int?> & Sendable, _ range: ClosedRange<Int>,
                                   _ why: String = "", library: String? = nil, summary: String = "") -> Self {
        Self(name, library: library, summary: summary, allowed: ParameterRange.words(range) + ", or null",
             read: { node, log, model in
                 if case .null = node.value { model[keyPath: path] = nil; return }
                 if let v = log.int(node, name) { model[keyPath: path] = v }
             },
             text: { $0[keyPath: path].map(String.init) ?? "none" },
             check: { m in
                 guard let v = m[keyPath: path], !range.contains(v) else { return nil }
                 return SpecLog.outOfRange(name, v, range, why)
             },
             vary: { $0[keyPath: path] = ($0[keyPath: path] ?? range.lowerBound) + 1 })
    }

    /// A real parameter within `range`.
    public static func number(_ name: String, _ path: WritableKeyPath<Model, Double> & Sendable, _ range: ParameterRange,
                              library: String? = nil, summary: String = "") -> Self {
        Self(name, library: library, summary: summary, allowed: range.words,
             read: { node, log, model in if let v = log.number(node, name) { model[keyPath: path] = v } },
             text: { $0[keyPath: path].description },
             check: { m in range.contains(m[keyPath: path]) ? nil : range.sentence(name, m[keyPath: path].description) },
             vary: { m in
                 let v = m[keyPath: path]
                 m[keyPath: path] = range.contains(v / 2) && v / 2 != v ? v / 2 : v + 1
             })
    }

    public static func bool(_ name: String, _ path: WritableKeyPath<Model, Bool> & Sendable, library: String? = nil,
                            summary: String = "") -> Self {
        Self(name, library: library, summary: summary, allowed: "true | false",
             read: { node, log, model in if let v = log.bool(node, name) { model[keyPath: path] = v } },
             text: { String($0[keyPath: path]) },
             vary: { $0[keyPath: path].toggle() })
    }

    /// One of a closed set of words.
    public static func choice<Choice: RawRepresentable & CaseIterable & Sendable>(
        _ name: String, _ path: WritableKeyPath<Model, Choice> & Sendable, library: String? = nil, summary: String = ""
    ) -> Self where Choice.RawValue == String {
        Self(name, library: library, summary: summary, allowed: Choice.allCases.map(\.rawValue).joined(separator: " | "),
             read: { node, log, model in
                 if let text = log.choice(node, name, among: Choice.allCases.map(\.rawValue)), let value = Choice(rawValue: text) {
                     model[keyPath: path] = value
                 }
             },
             text: { $0[keyPath: path].rawValue },
             vary: { m in
                 let all = Array(Choice.allCases)
                 let i = all.firstIndex { $0.rawValue == m[keyPath: path].rawValue } ?? 0
                 m[keyPath: path] = all[(i + 1) % all.count]
             })
    }
}
