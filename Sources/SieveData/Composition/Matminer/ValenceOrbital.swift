/// The fraction of valence electrons in the s, p, d and f shells: matminer's `ValenceOrbital(props=["frac"])`
/// (Ward et al., npj Comput. Mater. 2, 16028, 2016).
///
/// Each feature is the composition-weighted mean of an element's electrons in that shell over the
/// weighted mean of its valence electrons (Magpie's `N{s,p,d,f}Valence` and `NValence`), so the four sum to 1.
public struct ValenceOrbital: Sendable {
    public static let featureNames = ["s", "p", "d", "f"].map { "frac \($0) valence electrons" }

    public let table: MatminerElementTable

    public init(table: MatminerElementTable = .shipped) { self.table = table }

    public func features(of composition: Composition) -> [Double] {
        precondition(!composition.isEmpty, "ValenceOrbital needs a composition with at least one element.")
        let total = composition.amounts.reduce(0, +)
        var means = [Double](repeating: 0, count: 5)
        for (element, amount) in zip(composition.elements, composition.amounts) {
            guard let data = table.elements[element] else {
                preconditionFailure("ValenceOrbital has no valence electrons for \(element); check unknownElement(in:) first.")
            }
            for shell in 0..<5 { means[shell] += amount * data.valence[shell] }
        }
        for shell in 0..<5 { means[shell] /= total }
        return (0..<4).map { means[$0] / means[4] }
    }
}
