import Foundation

/// Whether a charge-neutral ionic compound is possible and how ionic its bonds are: matminer's
/// `IonProperty(fast=True)` (Ward et al., npj Comput. Mater. 2, 16028, 2016).
///
/// - `compound possible` is 1 when some choice of one common oxidation state per element (pymatgen's
///   `Element.common_oxidation_states`, see ``MatminerElementTable``) makes Σ amountᵢ·chargeᵢ zero
///   (within NumPy's `isclose`, 1e-8), else 0. As with `fast=True`, each element takes a single state, so
///   mixed-valence compounds such as Fe₃O₄ come out 0. A lone element gives 1.
/// - `max ionic char` is the largest 1 − exp(−(χᵢ − χⱼ)²/4) over element pairs (Pauling's ionic
///   character, χ pymatgen's electronegativity); `avg ionic char` is Σ over pairs of fᵢ·fⱼ·that term with
///   atomic fractions f. Both are 0 for a lone element.
///
/// matminer enumerates every combination of states; this walks the reachable partial sums instead,
/// which gives the same answer without the combinatorial cost on many-element formulas.
public struct IonProperty: Sendable {
    public static let featureNames = ["compound possible", "max ionic char", "avg ionic char"]

    /// NumPy's `isclose` absolute tolerance against zero.
    static let neutralTolerance = 1e-8

    public let table: MatminerElementTable

    public init(table: MatminerElementTable = .shipped) { self.table = table }

    public func features(of composition: Composition) -> [Double] {
        precondition(!composition.isEmpty, "IonProperty needs a composition with at least one element.")
        guard composition.count >= 2 else { return [1, 0, 0] }
        let data = composition.elements.map { element -> MatminerElementTable.Element in
            guard let d = table.elements[element] else {
                preconditionFailure("IonProperty has no data for \(element); check unknownElement(in:) first.")
            }
            return d
        }
        let fractions = composition.fractions
        var maxCharacter = -Double.infinity, meanCharacter = 0.0
        for i in 0..<data.count {
            for j in (i + 1)..<data.count {
                let d = data[i].electronegativity - data[j].electronegativity
                let character = 1 - exp(-0.25 * d * d)
                maxCharacter = max(maxCharacter, character)
                meanCharacter += fractions[i] * fractions[j] * character
            }
        }
        return [neutralCompoundPossible(composition.amounts, data.map(\.commonOxidationStates)) ? 1 : 0,
                maxCharacter, meanCharacter]
    }

    /// Whether one state per element gives a total charge within the tolerance of zero.
    func neutralCompoundPossible(_ amounts: [Double], _ states: [[Int]]) -> Bool {
        var sums: Set<Double> = [0]
        for (amount, choices) in zip(amounts, states) {
            var next = Set<Double>()
            for sum in sums { for state in choices { next.insert(sum + Double(state) * amount) } }
            sums = next
            if sums.isEmpty { return false }
        }
        return sums.contains { abs($0) <= Self.neutralTolerance }
    }
}
