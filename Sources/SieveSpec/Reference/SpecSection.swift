/// One block of the spec and its keys, declared once: the reader takes its allowed keys (and so
/// its "did you mean") from here, and `sieve describe` and docs/reference.md print the same
/// table, so a key cannot be read without being documented.
public struct SpecSection: Sendable {
    /// Where the block is, as the spec spells it ("dataset", "splits.cv").
    public let path: String
    /// What the block is for.
    public let summary: String
    public let keys: [SpecKey]

    public init(_ path: String, _ summary: String, _ keys: [SpecKey]) {
        self.path = path; self.summary = summary; self.keys = keys
    }

    /// The keys' names, in table order.
    public var names: [String] { keys.map(\.name) }
}

/// One key of a spec block: its name, the kind of value it takes, its default and its meaning.
public struct SpecKey: Sendable {
    public let name: String
    /// The value's shape, in the spec's words ("a fraction in (0, 1)", "a list of names").
    public let value: String
    /// The default when the key is absent ("required" when there is none).
    public let defaultText: String
    public let summary: String

    public init(_ name: String, _ value: String, default defaultText: String, _ summary: String) {
        self.name = name; self.value = value; self.defaultText = defaultText; self.summary = summary
    }
}
