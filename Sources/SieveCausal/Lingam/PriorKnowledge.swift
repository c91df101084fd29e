/// What is known in advance about the causal structure, as the LiNGAM package encodes it.
///
/// `relation(to: i, from: j)` says whether x_j has a directed path to x_i: ``Relation/path``,
/// ``Relation/noPath`` or ``Relation/unknown`` (Shimizu et al., "DirectLiNGAM", JMLR 12, 2011,
/// section 4.3). DirectLiNGAM applies it strongly: the causal order must respect every partial
/// order it implies, and a variable may not be a parent of one it has no path to.
public struct PriorKnowledge: Sendable, Equatable, Codable {
    public enum Relation: Int8, Sendable, Codable {
        case unknown = -1, noPath = 0, path = 1
    }

    public let variables: Int
    /// Row-major `variables × variables`: entry `[i * variables + j]` is the relation of x_j to x_i.
    public private(set) var relations: [Relation]

    /// Nothing known.
    public init(variables: Int) {
        precondition(variables > 0, "Prior knowledge needs at least one variable.")
        self.variables = variables
        relations = [Relation](repeating: .unknown, count: variables * variables)
    }

    /// lingam's `make_prior_knowledge`: `sinks` cause nothing, `exogenous` variables have no causes,
    /// `paths` (from, to) exist and `noPaths` (from, to) do not; the diagonal stays unknown.
    public init(variables: Int, exogenous: [Int] = [], sinks: [Int] = [], paths: [(from: Int, to: Int)] = [],
                noPaths: [(from: Int, to: Int)] = []) throws {
        self.init(variables: variables)
        for v in exogenous + sinks + paths.flatMap({ [$0.from, $0.to] }) + noPaths.flatMap({ [$0.from, $0.to] })
        where v < 0 || v >= variables {
            throw CausalDiscoveryError.variableOutOfRange(index: v, variables: variables, role: "variable named in the prior knowledge")
        }
        for pair in noPaths { relations[pair.to * variables + pair.from] = .noPath }
        for pair in paths { relations[pair.to * variables + pair.from] = .path }
        for s in sinks { for i in 0..<variables { relations[i * variables + s] = .noPath } }
        for e in exogenous { for j in 0..<variables { relations[e * variables + j] = .noPath } }
        for i in 0..<variables { relations[i * variables + i] = .unknown }
    }

    /// Whether x_from has a directed path to x_to.
    public func relation(to i: Int, from j: Int) -> Relation { relations[i * variables + j] }

    /// Sets whether x_from has a directed path to x_to.
    public mutating func set(_ relation: Relation, to i: Int, from j: Int) { relations[i * variables + j] = relation }

    /// The ordering constraints `(before, after)` implied by the knowledge (lingam's
    /// `_extract_partial_orders`): a path j → i puts j before i; "no path from j to i" puts i before
    /// j, unless there is no path either way (then the pair is left unordered).
    /// - Throws: ``CausalDiscoveryError/inconsistentPriorKnowledge(pairs:)`` when paths go both ways.
    func partialOrders() throws -> [(before: Int, after: Int)] {
        let p = variables
        var contradictions: [[Int]] = []
        var orders = Set<[Int]>()
        for i in 0..<p {
            for j in 0..<p where i != j {
                switch relation(to: i, from: j) {
                case .path:
                    if relation(to: j, from: i) == .path, i < j { contradictions.append([i, j]) }
                    orders.insert([j, i])
                case .noPath:
                    if relation(to: j, from: i) != .noPath { orders.insert([i, j]) }
                case .unknown:
                    break
                }
            }
        }
        if !contradictions.isEmpty { throw CausalDiscoveryError.inconsistentPriorKnowledge(pairs: contradictions) }
        return orders.sorted { ($0[1], $0[0]) < ($1[1], $1[0]) }.map { (before: $0[0], after: $0[1]) }
    }
}
