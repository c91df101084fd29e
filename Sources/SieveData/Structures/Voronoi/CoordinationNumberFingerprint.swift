
/// Statistics over the sites of each site's effective coordination number: matminer's
/// `SiteStatsFingerprint.from_preset("CoordinationNumber_ward-prb-2017")` (L. Ward, R. Liu, A. Krishna,
/// V. I. Hegde, A. Agrawal, A. Choudhary, C. Wolverton, "Including crystal structure attributes in machine
/// learning models of formation energies via Voronoi tessellations", Phys. Rev. B 96, 024104, 2017).
///
/// A site's effective coordination number is (Σ Aᵢ)² / Σ Aᵢ² over the faces of its Voronoi cell, Aᵢ their
/// areas (pymatgen's `VoronoiNN(weight="area")`, neighbours within 13 Å); the five features are its minimum,
/// maximum, range, mean and mean absolute deviation over the sites of the cell.
public enum CoordinationNumberFingerprint {
    public static let featureNames = SiteStatistics.names.map { "\($0) CN_VoronoiNN" }

    /// The effective coordination number of every site.
    public static func siteValues(of cells: SiteCells) -> [Double] {
        cells.faces.map { faces in
            let sum = faces.reduce(0) { $0 + $1.area }, squares = faces.reduce(0) { $0 + $1.area * $1.area }
            return sum * sum / squares
        }
    }

    public static func features(of cells: SiteCells) -> [Double] {
        SiteStatistics.ward2017(siteValues(of: cells))
    }
}

/// The five statistics of matminer's ward-prb-2017 site fingerprints (`PropertyStats`): minimum, maximum,
/// range, mean and mean absolute deviation from the mean, every site weighted alike.
enum SiteStatistics {
    static let names = ["minimum", "maximum", "range", "mean", "avg_dev"]

    static func ward2017(_ values: [Double]) -> [Double] {
        precondition(!values.isEmpty, "Site statistics need at least one site.")
        let lo = values.min()!, hi = values.max()!
        let mean = values.reduce(0, +) / Double(values.count)
        let deviation = values.reduce(0) { $0 + abs($1 - mean) } / Double(values.count)
        return [lo, hi, hi - lo, mean, deviation]
    }
}
