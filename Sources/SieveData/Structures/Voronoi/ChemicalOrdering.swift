
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

    /// One depth-first pass per site over every non-backtracking walk of up to three steps: a walk's
    /// weight goes straight into its end element's sum for its shell, in the fixed order of the faces.
    ///
    /// Summing walk by walk gives pymatgen's totals (which first sum the walks per site image, then
    /// per element) up to rounding, without its per-step sets and dictionaries: earlier versions walked
    /// each shell separately, copying a visited set at every step, and took 10.6 ms per flla_2015
    /// structure; they also summed in hash order, so the last bits could change from process to process.
    public static func features(of structure: CrystalStructure, cells: SiteCells) -> [Double] {
        let composition = structure.composition
        guard composition.count > 1 else { return shells.map { _ in 0 } }
        let elementIndex = structure.species.map { composition.elements.firstIndex(of: $0)! }
        let fractions = composition.fractions
        let elements = fractions.count
        let faces = cells.faces
        let weights = cells.weights
        precondition(shells == [1, 2, 3], "the walk below is written for the first three shells")
        var sums = [Double](repeating: 0, count: 3)
        // byElement[shell * elements + e]: the weight of the walks of that shell ending on element e.
        var byElement = [Double](repeating: 0, count: 3 * elements)
        var totals = [Double](repeating: 0, count: 3)
        for site in faces.indices {
            for k in byElement.indices { byElement[k] = 0 }
            totals = [0, 0, 0]
            let a = SiteImage(site: site, image: .zero)
            for (f1, w1) in zip(faces[site], weights[site]) {
                let b = SiteImage(site: f1.site, image: f1.image)
                if b == a { continue }
                byElement[elementIndex[b.site]] += w1
                totals[0] += w1
                for (f2, w2) in zip(faces[b.site], weights[b.site]) {
                    let c = SiteImage(site: f2.site, image: f2.image &+ b.image)
                    if c == a || c == b { continue }
                    let w12 = w1 * w2
                    byElement[elements + elementIndex[c.site]] += w12
                    totals[1] += w12
                    for (f3, w3) in zip(faces[c.site], weights[c.site]) {
                        let d = SiteImage(site: f3.site, image: f3.image &+ c.image)
                        if d == a || d == b || d == c { continue }
                        let w123 = w12 * w3
                        byElement[2 * elements + elementIndex[d.site]] += w123
                        totals[2] += w123
                    }
                }
            }
            for k in 0..<3 {
                for e in 0..<elements { sums[k] += abs(1 - byElement[k * elements + e] / totals[k] / fractions[e]) }
            }
        }
        return sums.map { $0 / Double(faces.count * elements) }
    }
}
