import Synchronization

/// Every acquisition strategy Sieve knows: the one place a new strategy is registered.
public enum AcquisitionStrategies {
    private static let registered = Mutex<[any AcquisitionStrategy.Type]>([
        RandomAcquisition.self,
        QueryByCommittee.self,
        ForestUncertainty.self,
        IBUGUncertainty.self,
    ])

    public static var all: [any AcquisitionStrategy.Type] { registered.withLock { $0 } }

    public static var names: [String] { all.map { $0.name } }

    /// Adds a strategy (for programs that extend Sieve, and tests); one registered twice is kept once.
    public static func register(_ strategy: any AcquisitionStrategy.Type) {
        registered.withLock { all in
            if !all.contains(where: { $0.name == strategy.name }) { all.append(strategy) }
        }
    }

    public static func named(_ name: String) -> (any AcquisitionStrategy.Type)? { all.first { $0.name == name } }
}
