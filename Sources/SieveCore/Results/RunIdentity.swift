/// What a run's result depends on beyond its key, recorded with the run so a later plan can say
/// why a run must be redone.
public struct RunIdentity: Sendable, Hashable, Codable {
    /// Sieve's result version: bumped when a change to Sieve changes results.
    public var version: String
    /// The model's kind and every parameter, defaults included: `kind=xgboost|rounds=500|…`.
    public var model: String
    /// SHA-256 of the data files' hashes and the split definitions.
    public var data: String

    public init(version: String, model: String, data: String) {
        self.version = version; self.model = model; self.data = data
    }

    /// The run id for `key`: a stable hash of the key and this identity.
    public func runID(for key: RunKey) -> String {
        String(ContentHash.hex(of: [version, key.canonical, model, data].joined(separator: "\n")).prefix(20))
    }

    /// Why a record made under `old` no longer counts, as a phrase ("model parameters changed: …").
    public func differences(from old: RunIdentity) -> String {
        var reasons: [String] = []
        if old.version != version { reasons.append("Sieve's results changed (\(old.version) → \(version))") }
        if old.model != model {
            let before = Self.parameters(old.model), after = Self.parameters(model)
            let changed = Set(before.keys).union(after.keys).sorted().compactMap { name -> String? in
                let a = before[name] ?? "unset", b = after[name] ?? "unset"
                return a == b ? nil : "\(name) \(a) → \(b)"
            }
            reasons.append("model parameters changed: " + changed.joined(separator: ", "))
        }
        if old.data != data { reasons.append("the data or the splits changed") }
        return reasons.isEmpty ? "its identity changed" : reasons.joined(separator: "; ")
    }

    private static func parameters(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for part in text.split(separator: "|") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { out[String(pair[0])] = String(pair[1]) }
        }
        return out
    }
}
