import Testing
import SieveQhull

@Suite struct ConvexHullTests {
    /// A cube's 8 corners (and its centre, inside): Qhull merges the coplanar triangles into 6 square facets.
    @Test func cubeHasSixSquareFacets() throws {
        var points: [SIMD3<Double>] = []
        for x in [-1.0, 1.0] { for y in [-1.0, 1.0] { for z in [-1.0, 1.0] { points.append(SIMD3(x, y, z)) } } }
        points.append(.zero)
        let hull = try ConvexHull(points: points)
        #expect(hull.facets.count == 6)
        for facet in hull.facets {
            #expect(facet.vertices.count == 4)
            #expect(!facet.vertices.contains(8), "the centre is no vertex")
            #expect(abs(facet.offset + 1) < 1e-12, "every face is 1 from the centre")
            #expect(abs((facet.normal * facet.normal).sum() - 1) < 1e-12)
        }
    }

    /// Points in one plane have no 3-d hull: Qhull's own report comes back as the error.
    @Test func flatInputIsAnErrorWithQhullsReport() {
        let flat: [SIMD3<Double>] = [SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(1, 1, 0), SIMD3(2, 3, 0)]
        do {
            _ = try ConvexHull(points: flat)
            Issue.record("a flat point set must not give a hull")
        } catch let error as QhullError {
            #expect(error.function == "qh_new_qhull" && error.code != 0)
            #expect(error.description.hasPrefix("Qhull's qh_new_qhull failed with exit code"), "\(error)")
            #expect(error.message.contains("QH"), "Qhull's report names its error code: \(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
