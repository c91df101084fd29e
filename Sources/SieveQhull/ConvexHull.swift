import CQhull

/// The convex hull of 3-d points, computed by Qhull 2020.2 (C. B. Barber, D. P. Dobkin, H. Huhdanpaa,
/// "The Quickhull algorithm for convex hulls", ACM Trans. Math. Softw. 22, 469–483, 1996) through its
/// reentrant C library, so many hulls may be computed at once on different threads.
public struct ConvexHull: Sendable {
    /// One facet: its outward unit normal and offset (normal·p + offset = 0 on it, < 0 inside), and the
    /// indices of the input points that are its vertices.
    public struct Facet: Sendable {
        public var normal: SIMD3<Double>
        public var offset: Double
        public var vertices: [Int]
    }

    public let facets: [Facet]

    /// Qhull's default options: coplanar facets are merged, so a facet may have more than three vertices.
    public init(points: [SIMD3<Double>], options: String = "") throws {
        precondition(points.count >= 4, "A 3-d convex hull needs at least 4 points, got \(points.count).")
        let flat = points.flatMap { [$0.x, $0.y, $0.z] }
        var hull = sieve_qhull_hull()
        let code = flat.withUnsafeBufferPointer { sieve_qhull_convex_hull($0.baseAddress, Int32(points.count), options, &hull) }
        defer { sieve_qhull_free(&hull) }
        guard code == 0 else {
            throw QhullError(function: "qh_new_qhull", code: Int(code), message: hull.message.map { String(cString: $0) } ?? "")
        }
        var facets: [Facet] = []
        facets.reserveCapacity(Int(hull.facetCount))
        if hull.facetCount > 0, let planes = hull.planes, let starts = hull.vertexStart, let ids = hull.vertexIds {
            for f in 0..<Int(hull.facetCount) {
                let p = planes + 4 * f
                let range = Int(starts[f])..<Int(starts[f + 1])
                facets.append(Facet(normal: SIMD3(p[0], p[1], p[2]), offset: p[3], vertices: range.map { Int(ids[$0]) }))
            }
        }
        self.facets = facets
    }
}
