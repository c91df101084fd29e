
/// Statistics over the sites of how much each site's element differs from its neighbours': matminer's
/// `SiteStatsFingerprint.from_preset("LocalPropertyDifference_ward-prb-2017")` (L. Ward et al., Phys. Rev. B
/// 96, 024104, 2017).
///
/// For each site and each of 22 Magpie properties p, Σ Aₙ |p(n) − p(site)| / Σ Aₙ over the faces n of the
/// site's Voronoi cell (A the face areas); then the minimum, maximum, range, mean and mean absolute
/// deviation of that over the sites: 110 features, property by property.
public struct LocalPropertyDifferenceFingerprint: Sendable {
    public let table: MagpieSiteTable

    public init(table: MagpieSiteTable = .shipped) { self.table = table }

    public var featureNames: [String] {
        table.properties.flatMap { p in SiteStatistics.names.map { "\($0) local difference in \(p)" } }
    }

    public func features(of structure: CrystalStructure, cells: SiteCells) -> [Double] {
        let z = structure.atomicNumbers
        precondition(z.allSatisfy { $0 >= 1 && $0 <= table.values.count }, "LocalPropertyDifference covers elements 1–\(table.values.count).")
        var out: [Double] = []
        out.reserveCapacity(5 * table.properties.count)
        for p in table.properties.indices {
            let perSite = cells.faces.indices.map { site -> Double in
                let own = table.values[z[site] - 1][p]
                var weighted = 0.0, total = 0.0
                for face in cells.faces[site] {
                    weighted += face.area * abs(table.values[z[face.site] - 1][p] - own)
                    total += face.area
                }
                return weighted / total
            }
            out += SiteStatistics.ward2017(perSite)
        }
        return out
    }
}
