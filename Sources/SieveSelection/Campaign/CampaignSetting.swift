import SieveCore
import SieveModels

/// One setting of a campaign kind or an acquisition strategy, declared once: its spec key, what it
/// means, how it enters the fingerprint (and so the manifest), and another valid value for the
/// conformance test that checks every setting reaches the fingerprint.
///
/// The table (``Campaign/settings``, ``AcquisitionStrategy/settings``) is the single list of a
/// kind's keys: the spec reader takes its keys from it (so an unknown key gets "did you mean"
/// among exactly these), the fingerprint is the table's fragments joined in table order, and the
/// manifest lists the same fragments. ``ModelParameter`` is not reused as is: a campaign setting
/// may be a block (`etal.unlabelled: {rows, first}`), a reference to the experiment's models
/// resolved by name, or the seeds that fan one section out into campaigns, and existing
/// fingerprints name some settings differently from the spec (`undefined` for
/// `undefined_entropy`), which records already hashed must keep.
public struct CampaignSetting<Owner>: Sendable {
    /// The key as the spec spells it.
    public let name: String
    /// What the setting means, for documentation and the manifest.
    public let summary: String
    /// The values it takes, in words, when the table knows them ("1–100,000", "skip | first"); empty for
    /// a setting the kind reads itself (a block, a model's name).
    public let allowed: String
    /// The setting's fingerprint fragments ("draws=1000"); empty when it enters the identity key
    /// instead (`seeds`) or has nothing to say (an empty `evaluate`).
    let fragments: @Sendable (Owner) -> [String]
    /// Sets another valid value, for the conformance test; nil when the value cannot be varied
    /// without the spec (none so far).
    let vary: (@Sendable (inout Owner) -> Void)?
    /// The setting reaches the campaign's identity key rather than its fingerprint (`seeds`).
    public let identity: Bool
    /// Reads the spec's value into the owner, logging what is wrong with it (range included); nil
    /// when the kind reads it itself because it needs the experiment (a model's name) or is a
    /// block of its own.
    let read: (@Sendable (SpecNode, SpecLog, inout Owner) -> Void)?

    public init(_ name: String, _ summary: String, allowed: String = "", identity: Bool = false,
                read: (@Sendable (SpecNode, SpecLog, inout Owner) -> Void)? = nil,
                fragments: @escaping @Sendable (Owner) -> [String],
                vary: (@Sendable (inout Owner) -> Void)?) {
        self.name = name; self.summary = summary; self.allowed = allowed; self.identity = identity; self.read = read
        self.fragments = fragments; self.vary = vary
    }

    /// A setting with one fragment `key=value`; `key` defaults to the spec's name.
    public static func value(_ name: String, _ summary: String, key: String? = nil, allowed: String = "",
                             read: (@Sendable (SpecNode, SpecLog, inout Owner) -> Void)? = nil,
                             _ text: @escaping @Sendable (Owner) -> String,
                             vary: (@Sendable (inout Owner) -> Void)?) -> Self {
        let key = key ?? name
        return Self(name, summary, allowed: allowed, read: read, fragments: { ["\(key)=\(text($0))"] }, vary: vary)
    }

    /// An integer within `range`, read as `what` ("etal.draws") so that messages name it in full;
    /// `why` ("(acquisitions, one row each)") says what the bound protects.
    public static func int(_ name: String, _ summary: String, key: String? = nil, what: String,
                           _ path: WritableKeyPath<Owner, Int> & Sendable, _ range: ClosedRange<Int>, _ why: String = "",
                           allowed: String? = nil) -> Self {
        .value(name, summary, key: key, allowed: allowed ?? ParameterRange.words(range),
               read: { node, log, owner in if let v = log.int(node, what, in: range, why) { owner[keyPath: path] = v } },
               { String($0[keyPath: path]) },
               vary: { o in
                   let v = o[keyPath: path]
                   o[keyPath: path] = v < range.upperBound ? v + 1 : v - 1
               })
    }

    /// A real number; `problem` is the sentence for a value out of range (nil when it is fine).
    public static func number(_ name: String, _ summary: String, key: String? = nil, what: String,
                              _ path: WritableKeyPath<Owner, Double> & Sendable, allowed: String = "",
                              problem: @escaping @Sendable (Double) -> String?) -> Self {
        .value(name, summary, key: key, allowed: allowed,
               read: { node, log, owner in
                   guard let v = log.number(node, what) else { return }
                   if let sentence = problem(v) { log.error(node, sentence) } else { owner[keyPath: path] = v }
               },
               { $0[keyPath: path].description },
               vary: { o in
                   let v = o[keyPath: path]
                   o[keyPath: path] = problem(v / 2) == nil && v / 2 != v ? v / 2 : v + 1
               })
    }

    /// One of a closed set of words ("did you mean" for a near miss).
    public static func choice<Choice: RawRepresentable & CaseIterable & Sendable>(
        _ name: String, _ summary: String, key: String? = nil, what: String, _ path: WritableKeyPath<Owner, Choice> & Sendable
    ) -> Self where Choice.RawValue == String {
        .value(name, summary, key: key, allowed: Choice.allCases.map(\.rawValue).joined(separator: " | "),
               read: { node, log, owner in
                   if let text = log.choice(node, what, among: Choice.allCases.map(\.rawValue)), let value = Choice(rawValue: text) {
                       owner[keyPath: path] = value
                   }
               },
               { $0[keyPath: path].rawValue },
               vary: { o in
                   let all = Array(Choice.allCases)
                   let i = all.firstIndex { $0.rawValue == o[keyPath: path].rawValue } ?? 0
                   o[keyPath: path] = all[(i + 1) % all.count]
               })
    }

    /// The seeds: each one a campaign, told apart by its identity key.
    public static func seeds(_ path: WritableKeyPath<Owner, Int> & Sendable) -> Self {
        Self("seeds", "the seeds; one campaign each (in the identity key, not the fingerprint)", identity: true,
             fragments: { _ in [] }, vary: { $0[keyPath: path] += 1 })
    }

    /// The setting's fingerprint fragments for `owner`.
    public func fingerprint(of owner: Owner) -> [String] { fragments(owner) }

    /// `owner` with this setting changed to another valid value, or nil when it cannot be varied.
    public func varying(_ owner: Owner) -> Owner? {
        guard let vary else { return nil }
        var copy = owner
        vary(&copy)
        return copy
    }
}

extension Array {
    /// The spec keys of a settings table, in table order.
    public func settingKeys<Owner>() -> [String] where Element == CampaignSetting<Owner> { map(\.name) }

    /// Reads every setting the table reads itself and `map` holds into `owner`, each problem
    /// logged at its place; the others (model names, blocks) are left to the kind.
    public func read<Owner>(_ map: MappingReader?, into owner: inout Owner, log: SpecLog) where Element == CampaignSetting<Owner> {
        guard let map else { return }
        for setting in self {
            if let read = setting.read, let node = map[setting.name] { read(node, log, &owner) }
        }
    }

    /// The table's fingerprint of `owner`: every setting's fragments in table order.
    public func fingerprint<Owner>(of owner: Owner) -> String where Element == CampaignSetting<Owner> {
        flatMap { $0.fingerprint(of: owner) }.joined(separator: "|")
    }

    /// The resolved settings of `owner` as (name, value) pairs, from the fingerprint fragments.
    public func resolved<Owner>(of owner: Owner) -> [(name: String, value: String)] where Element == CampaignSetting<Owner> {
        flatMap { $0.fingerprint(of: owner) }.map { fragment in
            // A fragment is `key=value` or `key{…}` (a model's own fingerprint).
            let cut = fragment.firstIndex { $0 == "=" || $0 == "{" } ?? fragment.endIndex
            let name = String(fragment[..<cut])
            let value = cut == fragment.endIndex ? "" : String(fragment[fragment.index(after: cut)...])
            return (name, fragment[cut...].first == "{" ? String(value.dropLast()) : value)
        }
    }
}

/// Another model than `model`, for varying a setting that names one in conformance tests: its
/// fingerprint differs because its kind differs.
public func otherModel(than model: NamedModel?) -> NamedModel {
    if model?.kind == MeanRegressor.kind {
        return NamedModel(name: "varied", kind: RandomForest.kind, regressor: RandomForest())
    }
    return NamedModel(name: "varied", kind: MeanRegressor.kind, regressor: MeanRegressor())
}
