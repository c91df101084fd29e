
/// matminer's `ChemicalOrdering()` (L. Ward et al., Phys. Rev. B 96, 024104, 2017): Warren–Cowley-like
/// ordering parameters of the first three neighbour shells.
///
/// The shell-k neighbours of a site are reached by non-backtracking walks of k Voronoi steps (pymatgen's
/// `_get_nn_shell_info`: a walk never returns to a site image already on it), each weighted by the product of
/// its steps' weights (face area over the cell's largest). For each site and element e, the parameter is
/// 1 − (weight on e)/(total weight)/x_e with x_e the atomic fraction; the feature is the mean of its
/// absolute value over sites and elements. A one-element structure gives 0.
public enum ChemicalOrdering {
    public static let shells = [1, 2, 3]
    public static let featureNames = shells.map { "mean ordering parameter shell \($0)" }

    struct SiteImage: Hashable {
        var site: Int
        var image: SIMD3<Int>
    }

    public static func features(of structure: CrystalStructure, cells: SiteCells) -> [Double] {
        let composition = structure.composition
        guard composition.count > 1 else { return shells.map { _ in 0 } }
        let symbols = structure.species
        let elementIndex = symbols.map { composition.elements.firstIndex(of: $0)! }
        let fractions = composition.fractions
        let weights = cells.weights
        return shells.map { shell in
            var sum = 0.0
            for site in cells.faces.indices {
                let reached = walk(from: SiteImage(site: site, image: .zero), steps: shell, visited: [], cells: cells, weights: weights)
                var byElement = [Double](repeating: 0, count: fractions.count)
                var total = 0.0
                for (key, w) in reached {
                    byElement[elementIndex[key.site]] += w
                    total += w
                }
                for e in fractions.indices { sum += abs(1 - byElement[e] / total / fractions[e]) }
            }
            return sum / Double(cells.faces.count * fractions.count)
        }
    }

    /// The site images `steps` non-backtracking Voronoi steps away, with the summed weights of the walks.
    static func walk(from start: SiteImage, steps: Int, visited: Set<SiteImage>, cells: SiteCells, weights: [[Double]]) -> [SiteImage: Double] {
        var visited = visited
        visited.insert(start)
        var reached: [SiteImage: Double] = [:]
        for (face, w) in zip(cells.faces[start.site], weights[start.site]) {
            let next = SiteImage(site: face.site, image: face.image &+ start.image)
            if visited.contains(next) { continue }
            if steps == 1 {
                reached[next, default: 0] += w
            } else {
                for (end, v) in walk(from: next, steps: steps - 1, visited: visited, cells: cells, weights: weights) {
                    reached[end, default: 0] += w * v
                }
            }
        }
        return reached
    }
}
