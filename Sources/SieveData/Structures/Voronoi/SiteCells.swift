
/// The Voronoi cell of every site of a structure, its faces named by the neighbouring site: what
/// pymatgen's `VoronoiNN.get_all_voronoi_polyhedra` gives matminer's structure featurisers.
public struct SiteCells: Sendable {
    public struct Face: Sendable {
        /// The neighbouring site's index in the structure.
        public var site: Int
        /// Which periodic image of it, as a lattice translation of the wrapped cell.
        public var image: SIMD3<Int>
        public var area: Double
        /// Distance from the site to the face: half the distance to the neighbour.
        public var distance: Double
    }

    /// Faces of positive area, per site.
    public let faces: [[Face]]

    /// Each face's area over the largest of its cell: pymatgen's `VoronoiNN(weight="area")` weights.
    public var weights: [[Double]] {
        faces.map { f in
            let largest = f.map(\.area).max() ?? 1
            return f.map { $0.area / largest }
        }
    }

    /// pymatgen's `VoronoiNN` default cutoff (Å): neighbours farther away are not considered.
    public static let cutoff = 13.0

    public init(_ structure: CrystalStructure) throws {
        let neighbors = PeriodicNeighbors(structure)
        faces = try (0..<structure.siteCount).map { site in
            let around = neighbors.around(site, cutoff: Self.cutoff)
            let cell = try VoronoiCell(center: neighbors.positions[site], neighbors: around.map(\.position))
            return cell.faces.filter { $0.area > 0 }.map {
                Face(site: around[$0.neighbor].site, image: around[$0.neighbor].image, area: $0.area, distance: $0.distance)
            }
        }
    }
}
