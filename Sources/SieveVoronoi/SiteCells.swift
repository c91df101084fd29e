import SieveData

/// The Voronoi cell of every site of a structure, its faces named by the neighbouring site: what
/// pymatgen's `VoronoiNN.get_all_voronoi_polyhedra` gives matminer's structure featurisers.
public struct SiteCells: Sendable {
    public struct Face: Sendable {
        /// The neighbouring site's index in the structure (any periodic image).
        public var site: Int
        public var area: Double
    }

    /// Faces of positive area, per site.
    public let faces: [[Face]]

    /// pymatgen's `VoronoiNN` default cutoff (Å): neighbours farther away are not considered.
    public static let cutoff = 13.0

    public init(_ structure: CrystalStructure) throws {
        let neighbors = PeriodicNeighbors(structure)
        faces = try (0..<structure.siteCount).map { site in
            let around = neighbors.around(site, cutoff: Self.cutoff)
            let cell = try VoronoiCell(center: neighbors.positions[site], neighbors: around.map(\.position))
            return cell.faces.filter { $0.area > 0 }.map { Face(site: around[$0.neighbor].site, area: $0.area) }
        }
    }
}
