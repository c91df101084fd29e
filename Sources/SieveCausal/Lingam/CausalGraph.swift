/// A linear acyclic causal model: a causal order and the matrix B of direct effects.
///
/// `B[i, j]` (``effect(on:from:)``) is the direct effect of x_j on x_i, so `x = B x + e`. Rows
/// follow lingam's convention; B is strictly lower triangular when rows and columns are permuted
/// into ``causalOrder``.
public struct CausalGraph: Sendable, Equatable, Codable {
    public let variables: Int
    /// Variables from most exogenous to most downstream.
    public let causalOrder: [Int]
    /// Row-major `variables × variables`; entry `[i * variables + j]` is the effect of x_j on x_i.
    public let adjacency: [Double]

    public init(variables: Int, causalOrder: [Int], adjacency: [Double]) throws {
        guard adjacency.count == variables * variables else {
            throw CausalDiscoveryError.invalidArgument("An adjacency matrix for \(variables) variables needs \(variables * variables) entries, got \(adjacency.count).")
        }
        guard causalOrder.sorted() == Array(0..<variables) else {
            throw CausalDiscoveryError.invalidArgument("The causal order \(causalOrder) is not a permutation of the \(variables) variables.")
        }
        self.variables = variables
        self.causalOrder = causalOrder
        self.adjacency = adjacency
    }

    /// A graph from B alone, its order found as lingam's `CausalEffect` does: repeatedly take the
    /// first variable whose row of B (among the variables left) sums to |·| < 1e-10.
    public init(adjacency: [Double], variables: Int) throws {
        var left = Array(0..<variables)
        var order: [Int] = []
        while !left.isEmpty {
            guard let next = left.first(where: { i in left.reduce(0.0) { $0 + abs(adjacency[i * variables + $1]) } < 1e-10 }) else {
                throw CausalDiscoveryError.invalidArgument("The adjacency matrix is not acyclic: no order makes it lower triangular.")
            }
            order.append(next)
            left.removeAll { $0 == next }
        }
        try self.init(variables: variables, causalOrder: order, adjacency: adjacency)
    }

    /// The direct effect of x_from on x_to.
    public func effect(on to: Int, from: Int) -> Double { adjacency[to * variables + from] }

    /// The total weight of each variable's incoming edges (the row sums of B).
    ///
    /// For a DAG these are exactly the eigenvalues of the Laplacian `diag(row sums) − B`: permuted
    /// into the causal order the Laplacian is triangular with the row sums on its diagonal.
    public var incomingWeights: [Double] {
        (0..<variables).map { i in (0..<variables).reduce(0.0) { $0 + adjacency[i * variables + $1] } }
    }

    /// Total causal effects: entry `[to * variables + from]` is the sum over all directed paths
    /// from x_from to x_to of the products of their edges, i.e. `(I − B)⁻¹ − I` (lingam's
    /// `calculate_total_effect`); zero when x_to is not downstream of x_from.
    public var totalEffects: [Double] {
        let p = variables
        var total = [Double](repeating: 0, count: p * p)
        for (position, from) in causalOrder.enumerated() {
            // Propagate a unit intervention on x_from down the order.
            var response = [Double](repeating: 0, count: p)
            response[from] = 1
            for to in causalOrder[(position + 1)...] {
                var s = 0.0
                for j in 0..<p where adjacency[to * p + j] != 0 { s += adjacency[to * p + j] * response[j] }
                response[to] = s
                total[to * p + from] = s
            }
        }
        return total
    }

    /// The total effect of x_from on x_to.
    public func totalEffect(on to: Int, from: Int) -> Double { totalEffects[to * variables + from] }
}
