/// Variables ranked by their outgoing effects in a causal graph, as Fox & Ghosh chose descriptors.
///
/// The authors' `select_features` ranks columns of B (fitted on standardised data) by the absolute
/// value of the column mean, `|mean_i B[i, j]|` (``Measure/absoluteMean``); the mean of absolute
/// values (``Measure/meanAbsolute``) does not let effects of opposite sign cancel. The target and
/// any other excluded variables are left out; ties go to the lower index.
public enum CausalFeatureRanking {
    public enum Measure: String, Sendable, Codable, CaseIterable {
        case absoluteMean, meanAbsolute
    }

    /// Each variable's outgoing-effect score under `measure`.
    public static func scores(_ graph: CausalGraph, measure: Measure = .absoluteMean) -> [Double] {
        let p = graph.variables
        return (0..<p).map { j in
            let column = (0..<p).map { graph.adjacency[$0 * p + j] }
            switch measure {
            case .absoluteMean: return abs(column.reduce(0, +) / Double(p))
            case .meanAbsolute: return column.reduce(0) { $0 + abs($1) } / Double(p)
            }
        }
    }

    /// The variables (excluding `excluded`) from the largest score down, at most `keep` of them.
    public static func top(_ graph: CausalGraph, keep: Int, excluding excluded: Set<Int>, measure: Measure = .absoluteMean) -> [Int] {
        let s = scores(graph, measure: measure)
        let ranked = (0..<graph.variables).filter { !excluded.contains($0) }.sorted { (s[$0], -$0) > (s[$1], -$1) }
        return Array(ranked.prefix(keep))
    }
}
