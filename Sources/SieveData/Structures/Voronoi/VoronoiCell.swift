import Foundation
import SieveQhull

/// The Voronoi cell of one point among its neighbours: the faces it shares with them and their areas.
///
/// The cell is the intersection of the half-spaces (pⱼ − c)·(x − c) ≤ |pⱼ − c|²/2. Qhull finds it as the
/// convex hull of the polar (dual) points qⱼ = (pⱼ − c)/(|pⱼ − c|²/2): a neighbour whose dual point is a hull
/// vertex shares a face with the centre, and each hull facet (n, d) is the cell's corner −n/d (+ c).
/// pymatgen's `VoronoiNN` builds the same cells from a full Voronoi tessellation (scipy's Qhull `v`), so
/// faces of zero area are the only thing the two may differ on.
public struct VoronoiCell: Sendable {
    public struct Face: Sendable {
        /// The index of the neighbour in the list the cell was built from.
        public var neighbor: Int
        public var area: Double
        /// Distance from the centre to the face (half the distance to the neighbour).
        public var distance: Double
    }

    public let faces: [Face]
    public let volume: Double

    /// The cell of `center` among `neighbors` (Cartesian, Å), which must surround it (else the cell is unbounded).
    public init(center: SIMD3<Double>, neighbors: [SIMD3<Double>]) throws {
        // Fewer than 4 neighbours cannot surround a point (and are too few for a 3-d hull).
        guard neighbors.count >= 4 else { throw VoronoiError.unbounded }
        let offsets = neighbors.map { $0 - center }
        let dual = offsets.map { $0 / (0.5 * ($0 * $0).sum()) }
        let hull = try ConvexHull(points: dual)
        var corners = [SIMD3<Double>](repeating: .zero, count: hull.facets.count)
        var cornersOf: [Int: [Int]] = [:]
        for (f, facet) in hull.facets.enumerated() {
            guard facet.offset < 0 else { throw VoronoiError.unbounded }
            corners[f] = -facet.normal / facet.offset
            for v in facet.vertices { cornersOf[v, default: []].append(f) }
        }
        var faces: [Face] = []
        var volume = 0.0
        for (neighbor, ids) in cornersOf.sorted(by: { $0.key < $1.key }) {
            let normal = offsets[neighbor] / (offsets[neighbor] * offsets[neighbor]).sum().squareRoot()
            let points = ids.map { corners[$0] }
            let area = Self.polygonArea(points, normal: normal)
            let distance = 0.5 * (offsets[neighbor] * offsets[neighbor]).sum().squareRoot()
            volume += area * distance / 3
            faces.append(Face(neighbor: neighbor, area: area, distance: distance))
        }
        self.faces = faces
        self.volume = volume
    }

    /// The area of a convex polygon given by its corners in any order, all in the plane with this normal.
    static func polygonArea(_ points: [SIMD3<Double>], normal: SIMD3<Double>) -> Double {
        guard points.count >= 3 else { return 0 }
        let centroid = points.reduce(.zero, +) / Double(points.count)
        let helper: SIMD3<Double> = abs(normal.x) < 0.9 ? SIMD3(1, 0, 0) : SIMD3(0, 1, 0)
        var u = cross(normal, helper)
        u /= (u * u).sum().squareRoot()
        let w = cross(normal, u)
        let ordered = points.map { p -> (angle: Double, point: SIMD3<Double>) in
            let d = p - centroid
            return (atan2((d * w).sum(), (d * u).sum()), p)
        }.sorted { $0.angle < $1.angle }
        var area = 0.0
        for i in ordered.indices {
            let a = ordered[i].point - centroid, b = ordered[(i + 1) % ordered.count].point - centroid
            area += 0.5 * (cross(a, b) * normal).sum()
        }
        return abs(area)
    }
}

func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}

/// A Voronoi cell that could not be built.
public enum VoronoiError: Error, Sendable, CustomStringConvertible {
    case unbounded

    public var description: String {
        switch self {
        case .unbounded:
            return "a site's Voronoi cell is unbounded: the sites within the 13 Å cutoff do not surround it (a slab or "
                + "molecule with more vacuum than the cutoff; matminer calls such a structure pathological and raises too)."
        }
    }
}
