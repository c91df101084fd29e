import Dispatch
import Synchronization

/// One of matminer's Voronoi-based structure featurisers that Sieve computes natively, by its spec name.
///
/// The redundancy paper's 128 structure features (Li et al., Nat. Commun. 14, 7283, 2023), all from
/// L. Ward et al., Phys. Rev. B 96, 024104 (2017), each equal to matminer 0.10.1's within 1e-6 relative on
/// the reference structures (`Tests/SieveVoronoiTests/WardFingerprintTests.swift`).
public enum StructureFamily: String, Sendable, CaseIterable, Equatable {
    case coordinationNumber = "coordination_number"
    case localPropertyDifference = "local_property_difference"
    case structuralHeterogeneity = "structural_heterogeneity"
    case maximumPackingEfficiency = "maximum_packing_efficiency"
    case chemicalOrdering = "chemical_ordering"

    public var name: String { rawValue }

    /// Feature names, as matminer's `feature_labels()`.
    public var featureNames: [String] {
        switch self {
        case .coordinationNumber: return CoordinationNumberFingerprint.featureNames
        case .localPropertyDifference: return LocalPropertyDifferenceFingerprint().featureNames
        case .structuralHeterogeneity: return StructuralHeterogeneity.featureNames
        case .maximumPackingEfficiency: return MaximumPackingEfficiency.featureNames
        case .chemicalOrdering: return ChemicalOrdering.featureNames
        }
    }

    public func features(of structure: CrystalStructure, cells: SiteCells) -> [Double] {
        switch self {
        case .coordinationNumber: return CoordinationNumberFingerprint.features(of: cells)
        case .localPropertyDifference: return LocalPropertyDifferenceFingerprint().features(of: structure, cells: cells)
        case .structuralHeterogeneity: return StructuralHeterogeneity.features(of: cells)
        case .maximumPackingEfficiency: return MaximumPackingEfficiency.features(of: structure, cells: cells)
        case .chemicalOrdering: return ChemicalOrdering.features(of: structure, cells: cells)
        }
    }

    /// The features of `families` (in the order given) for every structure, on up to `threads` threads (the
    /// output does not depend on the thread count), or for a structure whose Voronoi cells cannot be built
    /// (a slab or molecule with more vacuum than the cutoff) a ``DataError`` naming its file line.
    public static func features(of structures: [CrystalStructure], families: [StructureFamily], lines: [Int], path: String,
                                threads: Int) -> [Result<[Double], DataError>] {
        let outcomes = Mutex([Result<[Double], DataError>?](repeating: nil, count: structures.count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, structures.count))) { _ in
            var local: [(Int, Result<[Double], DataError>)] = []
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                if i >= structures.count { break }
                do {
                    let cells = try SiteCells(structures[i])
                    let values = families.flatMap { $0.features(of: structures[i], cells: cells) }
                    if let k = values.firstIndex(where: { !($0.magnitude <= Double(Float.greatestFiniteMagnitude)) }) {
                        let name = families.flatMap(\.featureNames)[k]
                        local.append((i, .failure(.malformedRow(path: path, line: lines[i],
                                                                reason: "matminer's feature '\(name)' of this structure is \(values[k]), "
                                                                + "which a feature cannot hold"))))
                    } else {
                        local.append((i, .success(values)))
                    }
                } catch {
                    local.append((i, .failure(.malformedRow(path: path, line: lines[i],
                                                            reason: "matminer's structure features need the Voronoi cell of every site, and \(error) "
                                                            + "Leave such rows out with `missing: drop_rows`"))))
                }
            }
            outcomes.withLock { all in for (i, outcome) in local { all[i] = outcome } }
        }
        return outcomes.withLock { $0 }.map { $0! }
    }
}
