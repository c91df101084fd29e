/// The distance between two causal graphs on the same variables that Fox & Ghosh minimise.
///
/// netcomp's `lambda_dist(B₁, B₂)` with its defaults (Laplacian spectrum, all eigenvalues, p = 2):
/// `‖λ↓(L₁) − λ↓(L₂)‖₂` with `L = diag(row sums of B) − B` and eigenvalues sorted in descending
/// order. For an acyclic B the Laplacian, permuted into a causal order, is triangular with the row
/// sums on its diagonal, so its eigenvalues are exactly the row sums (each variable's total incoming
/// weight); no eigensolver is needed (the tests check the identity with a characteristic polynomial).
public enum GraphLoss {
    /// The Laplacian `diag(row sums) − B`, row-major.
    public static func laplacian(adjacency b: [Double], variables p: Int) -> [Double] {
        precondition(b.count == p * p, "A \(p)-variable adjacency matrix needs \(p * p) entries.")
        var l = b.map { -$0 }
        for i in 0..<p { l[i * p + i] += (0..<p).reduce(0.0) { $0 + b[i * p + $1] } }
        return l
    }

    /// The Laplacian eigenvalues of an acyclic B in descending order: its sorted row sums.
    public static func spectrum(adjacency b: [Double], variables p: Int) -> [Double] {
        precondition(b.count == p * p, "A \(p)-variable adjacency matrix needs \(p * p) entries.")
        return (0..<p).map { i in (0..<p).reduce(0.0) { $0 + b[i * p + $1] } }.sorted(by: >)
    }

    /// `‖λ↓(L₁) − λ↓(L₂)‖₂` for two acyclic graphs on the same variables.
    public static func distance(_ a: CausalGraph, _ b: CausalGraph) -> Double {
        precondition(a.variables == b.variables, "Graphs on \(a.variables) and \(b.variables) variables cannot be compared.")
        return distance(adjacency: a.adjacency, b.adjacency, variables: a.variables)
    }

    /// The same distance from two acyclic adjacency matrices (row-major, `B[i, j]` = effect of j on i).
    public static func distance(adjacency a: [Double], _ b: [Double], variables p: Int) -> Double {
        let x = spectrum(adjacency: a, variables: p), y = spectrum(adjacency: b, variables: p)
        var s = 0.0
        for i in 0..<p { s += (x[i] - y[i]) * (x[i] - y[i]) }
        return s.squareRoot()
    }
}
