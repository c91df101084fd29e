
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

    /// Each site's cell from its neighbours within the cutoff. pymatgen tessellates one point set for the
    /// whole structure: every site, and every image within the cutoff of *any* site. A cell bounded by its
    /// own site's neighbours is the same in both (the points farther away share no face with it); a cell
    /// that is not (a site of a thin slab whose own 13 Å do not reach across the vacuum, flla_2015's
    /// mp-555293) is retried with pymatgen's whole point set, so it is bounded exactly when pymatgen's is.
    public init(_ structure: CrystalStructure) throws {
        let neighbors = PeriodicNeighbors(structure)
        var shared: [(site: Int, image: SIMD3<Int>, position: SIMD3<Double>)]?
        faces = try (0..<structure.siteCount).map { site in
            var around = neighbors.around(site, cutoff: Self.cutoff)
            let cell: VoronoiCell
            do {
                cell = try VoronoiCell(center: neighbors.positions[site], neighbors: around.map(\.position))
            } catch VoronoiError.unbounded {
                if shared == nil { shared = Self.pymatgenPoints(neighbors, sites: structure.siteCount) }
                around = shared!.filter { $0.site != site || $0.image != .zero }
                cell = try VoronoiCell(center: neighbors.positions[site], neighbors: around.map(\.position))
            }
            return cell.faces.filter { $0.area > 0 }.map {
                Face(site: around[$0.neighbor].site, image: around[$0.neighbor].image, area: $0.area, distance: $0.distance)
            }
        }
    }

    /// pymatgen's point set: every site in the cell and every image within the cutoff of any site, once each.
    static func pymatgenPoints(_ neighbors: PeriodicNeighbors, sites: Int) -> [(site: Int, image: SIMD3<Int>, position: SIMD3<Double>)] {
        var seen = Set<SIMD4<Int>>()
        var points: [(site: Int, image: SIMD3<Int>, position: SIMD3<Double>)] = []
        func add(_ p: (site: Int, image: SIMD3<Int>, position: SIMD3<Double>)) {
            if seen.insert(SIMD4(p.site, p.image.x, p.image.y, p.image.z)).inserted { points.append(p) }
        }
        for site in 0..<sites { add((site, .zero, neighbors.positions[site])) }
        for site in 0..<sites { neighbors.around(site, cutoff: cutoff).forEach(add) }
        return points
    }
}
