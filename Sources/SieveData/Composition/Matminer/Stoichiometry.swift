import Foundation

/// Norms of the atomic fractions: matminer's `Stoichiometry()` with its default p = 0, 2, 3, 5, 7, 10
/// (Ward et al., npj Comput. Mater. 2, 16028, 2016).
///
/// The 0-norm is the number of distinct elements; the p-norm is (Σ fᵢᵖ)^(1/p) over the atomic fractions fᵢ.
/// matminer's optional "num atoms" feature is off, as in the redundancy paper.
public enum Stoichiometry {
    public static let norms = [0, 2, 3, 5, 7, 10]

    public static let featureNames = norms.map { "\($0)-norm" }

    public static func features(of composition: Composition) -> [Double] {
        precondition(!composition.isEmpty, "Stoichiometry needs a composition with at least one element.")
        let total = composition.amounts.reduce(0, +)
        return norms.map { p in
            if p == 0 { return Double(composition.count) }
            var sum = 0.0
            for amount in composition.amounts { sum += pow(amount / total, Double(p)) }
            return pow(sum, 1 / Double(p))
        }
    }
}
