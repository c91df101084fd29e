/// Minimises a smooth function of a few variables inside a box, by limited-memory BFGS (Nocedal,
/// "Updating quasi-Newton matrices with limited storage", Math. Comp. 35, 1980) with projection.
///
/// Each step: variables at a bound whose gradient pushes outward are held fixed; the two-loop
/// recursion over the last `memory` steps gives a direction for the others (steepest descent if it
/// does not descend); a backtracking line search on the projected path accepts the first step with
/// sufficient decrease (Armijo, c₁ = 1e-4). A point where the function is not finite counts as a
/// failed trial. Stops when the projected gradient's largest entry is below `gradientTolerance`,
/// when the relative decrease falls below `valueTolerance`, or after `maxIterations` steps.
/// Deterministic: no randomness, fixed order of operations. Meant for GP hyperparameters (3–4
/// log-parameters); L-BFGS-B (Byrd, Lu, Nocedal & Zhu 1995, SciPy's) is the full-strength version.
public struct BoundedLBFGS: Sendable {
    public var memory = 8
    public var maxIterations = 200
    public var gradientTolerance = 1e-6
    public var valueTolerance = 1e-10

    public init() {}

    /// The result of one minimisation.
    public struct Result: Sendable {
        public var point: [Double]
        public var value: Double
        public var gradient: [Double]
        public var iterations: Int
        public var evaluations: Int
        public var converged: Bool
    }

    /// Minimises `objective` (value and gradient at a point) from `start`, within `lower…upper`.
    /// Throws what `objective` throws; a non-finite value is not an error (the line search backs off).
    public func minimize(start: [Double], lower: [Double], upper: [Double],
                         objective: ([Double]) throws -> (value: Double, gradient: [Double])) throws -> Result {
        let n = start.count
        precondition(lower.count == n && upper.count == n && zip(lower, upper).allSatisfy { $0 <= $1 }, "L-BFGS needs a box around the start.")
        func project(_ x: [Double]) -> [Double] { (0..<n).map { Swift.min(Swift.max(x[$0], lower[$0]), upper[$0]) } }
        var x = project(start)
        var (f, g) = try objective(x)
        var evaluations = 1
        guard f.isFinite else {
            return Result(point: x, value: f, gradient: g, iterations: 0, evaluations: 1, converged: false)
        }
        var steps: [[Double]] = [], changes: [[Double]] = []
        var previousFree: [Bool] = []
        var iteration = 0
        var converged = false
        while iteration < maxIterations {
            let free = (0..<n).map { i in !((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0)) }
            let projected = (0..<n).map { free[$0] ? Swift.abs(g[$0]) : 0 }.max() ?? 0
            if projected < gradientTolerance { converged = true; break }
            if free != previousFree { steps.removeAll(); changes.removeAll(); previousFree = free }
            var d = direction(g, free, steps, changes)
            var slope = zip(g, d).reduce(0) { $0 + $1.0 * $1.1 }
            if !(slope < 0) {
                d = (0..<n).map { free[$0] ? -g[$0] : 0 }
                slope = zip(g, d).reduce(0) { $0 + $1.0 * $1.1 }
                steps.removeAll(); changes.removeAll()
            }
            // First step of a fresh memory: at most one unit in any variable.
            let largest = d.map { Swift.abs($0) }.max() ?? 0
            var t = steps.isEmpty && largest > 1 ? 1 / largest : 1
            var accepted: (x: [Double], f: Double, g: [Double])?
            for _ in 0..<40 {
                let trial = project((0..<n).map { x[$0] + t * d[$0] })
                let (ft, gt) = try objective(trial)
                evaluations += 1
                let decrease = zip(g, zip(trial, x)).reduce(0) { $0 + $1.0 * ($1.1.0 - $1.1.1) }
                if ft.isFinite && ft <= f + 1e-4 * decrease { accepted = (trial, ft, gt); break }
                t *= 0.5
            }
            iteration += 1
            guard let next = accepted else { break }
            let s = (0..<n).map { next.x[$0] - x[$0] }, y = (0..<n).map { next.g[$0] - g[$0] }
            if zip(s, y).reduce(0, { $0 + $1.0 * $1.1 }) > 1e-12 {
                steps.append(s); changes.append(y)
                if steps.count > memory { steps.removeFirst(); changes.removeFirst() }
            }
            let previous = f
            x = next.x; f = next.f; g = next.g
            if previous - f <= valueTolerance * Swift.max(Swift.abs(previous), Swift.abs(f), 1) { converged = true; break }
        }
        return Result(point: x, value: f, gradient: g, iterations: iteration, evaluations: evaluations, converged: converged)
    }

    /// −H g over the free variables by the two-loop recursion (H from the stored pairs).
    private func direction(_ g: [Double], _ free: [Bool], _ s: [[Double]], _ y: [[Double]]) -> [Double] {
        let n = g.count
        func dot(_ a: [Double], _ b: [Double]) -> Double { (0..<n).reduce(0) { free[$1] ? $0 + a[$1] * b[$1] : $0 } }
        var q = (0..<n).map { free[$0] ? g[$0] : 0 }
        var alphas = [Double](repeating: 0, count: s.count)
        for k in stride(from: s.count - 1, through: 0, by: -1) {
            let rho = 1 / dot(y[k], s[k])
            alphas[k] = rho * dot(s[k], q)
            for i in 0..<n where free[i] { q[i] -= alphas[k] * y[k][i] }
        }
        if let ls = s.last, let ly = y.last {
            let gamma = dot(ls, ly) / dot(ly, ly)
            for i in 0..<n { q[i] *= gamma }
        }
        for k in 0..<s.count {
            let rho = 1 / dot(y[k], s[k])
            let beta = rho * dot(y[k], q)
            for i in 0..<n where free[i] { q[i] += s[k][i] * (alphas[k] - beta) }
        }
        return q.map { -$0 }
    }
}
