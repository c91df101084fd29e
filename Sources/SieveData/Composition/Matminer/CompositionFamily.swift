/// One of matminer's composition featurisers that Sieve computes natively, by its spec name.
///
/// The redundancy paper's 145 composition features (Li et al., Nat. Commun. 14, 7283, 2023) are Magpie's
/// 132 (``MagpieFeaturizer``) and these three families: `Stoichiometry()` (6), `ValenceOrbital(props=["frac"])`
/// (4) and `IonProperty(fast=True)` (3), each equal to matminer 0.10.1's within 1e-6 relative
/// (`Tests/SieveDataTests/MatminerCompositionTests.swift`).
public enum CompositionFamily: String, Sendable, CaseIterable, Equatable {
    case stoichiometry
    case valenceOrbital = "valence_orbital"
    case ionProperty = "ion_property"

    /// The spec name (`features: {matminer: [...]}`).
    public var name: String { rawValue }

    /// Feature names, as matminer's `feature_labels()`.
    public var featureNames: [String] {
        switch self {
        case .stoichiometry: return Stoichiometry.featureNames
        case .valenceOrbital: return ValenceOrbital.featureNames
        case .ionProperty: return IonProperty.featureNames
        }
    }

    /// The features of `composition`, in ``featureNames`` order. Every element must be in `table`.
    public func features(of composition: Composition, table: MatminerElementTable = .shipped) -> [Double] {
        switch self {
        case .stoichiometry: return Stoichiometry.features(of: composition)
        case .valenceOrbital: return ValenceOrbital(table: table).features(of: composition)
        case .ionProperty: return IonProperty(table: table).features(of: composition)
        }
    }
}
