import SieveCore

/// Where a campaign's checkpoint stands, without its state: what `sieve plan`, progress lines and
/// the scheduler need. Decodes from any campaign file (the state is skipped).
public struct CampaignRecord: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable { case running, done, failed }

    public var id: String
    /// The campaign kind (``Campaign/kind``).
    public var kind: String
    public var strategy: String
    public var identity: RunIdentity
    public var status: Status
    public var iterations: Int
    /// A one-line account of the state, for progress lines.
    public var note: String?
    /// Why it failed, as a full sentence.
    public var error: String?

    public init(id: String, kind: String, strategy: String, identity: RunIdentity, status: Status, iterations: Int,
                note: String? = nil, error: String? = nil) {
        self.id = id; self.kind = kind; self.strategy = strategy; self.identity = identity; self.status = status
        self.iterations = iterations; self.note = note; self.error = error
    }

    private enum CodingKeys: String, CodingKey { case id, kind, strategy, identity, status, iterations, note, error }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        // Checkpoints written before campaign kinds had no kind or iteration count; their state
        // is read by the kind itself (``CampaignFile``).
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? ""
        strategy = try c.decode(String.self, forKey: .strategy)
        identity = try c.decode(RunIdentity.self, forKey: .identity)
        status = try c.decode(Status.self, forKey: .status)
        iterations = try c.decodeIfPresent(Int.self, forKey: .iterations) ?? 0
        note = try c.decodeIfPresent(String.self, forKey: .note)
        error = try c.decodeIfPresent(String.self, forKey: .error)
    }
}

/// A campaign's checkpoint file: its record and its kind's state, written atomically after every
/// iteration.
public struct CampaignFile<State: Codable & Sendable & Equatable>: Sendable, Codable, Equatable {
    public var record: CampaignRecord
    public var state: State

    public init(record: CampaignRecord, state: State) { self.record = record; self.state = state }

    private enum CodingKeys: String, CodingKey { case state, activeLearning }

    public init(from decoder: Decoder) throws {
        record = try CampaignRecord(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // Active-learning checkpoints of earlier versions kept their state under `activeLearning`.
        state = try c.decodeIfPresent(State.self, forKey: .activeLearning) ?? c.decode(State.self, forKey: .state)
    }

    public func encode(to encoder: Encoder) throws {
        try record.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(state, forKey: .state)
    }
}
