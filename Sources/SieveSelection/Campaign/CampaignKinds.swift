import Synchronization

/// Every campaign kind Sieve knows: the one place a new kind is registered.
public enum CampaignKinds {
    private static let registered = Mutex<[any Campaign.Type]>([
        PruningCampaign.self,
        ActiveLearningCampaign.self,
        EntropyTargetedCampaign.self,
        CausalCampaign.self,
    ])

    /// The registered kinds, in registration order (which is the order of their tables).
    public static var all: [any Campaign.Type] { registered.withLock { $0 } }

    /// Adds a kind (for programs that extend Sieve, and tests); a kind registered twice is kept once.
    public static func register(_ kind: any Campaign.Type) {
        registered.withLock { kinds in
            if !kinds.contains(where: { $0.kind == kind.kind }) { kinds.append(kind) }
        }
    }

    public static func named(_ name: String) -> (any Campaign.Type)? { all.first { $0.kind == name } }
}
