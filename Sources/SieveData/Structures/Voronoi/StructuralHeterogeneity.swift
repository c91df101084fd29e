/// matminer's `StructuralHeterogeneity()` (L. Ward et al., Phys. Rev. B 96, 024104, 2017): how much bond
/// lengths and Voronoi cell sizes vary, with each neighbour weighted by its face's area.
///
/// Per site: the area-weighted mean bond length (twice the face distance) and its area-weighted mean
/// absolute deviation over that mean ("neighbor distance variation"). Features: the mean absolute deviation,
/// maximum and minimum of the mean bond lengths over their mean; the five statistics of the variation; and
/// the mean absolute deviation of the cell volumes over their mean.
public enum StructuralHeterogeneity {
    public static let featureNames = ["mean absolute deviation in relative bond length", "max relative bond length",
                                      "min relative bond length"]
        + SiteStatistics.names.map { "\($0) neighbor distance variation" }
        + ["mean absolute deviation in relative cell size"]

    public static func features(of cells: SiteCells) -> [Double] {
        let weights = cells.weights
        var meanLengths: [Double] = [], variation: [Double] = [], volumes: [Double] = []
        for (faces, w) in zip(cells.faces, weights) {
            let lengths = faces.map { 2 * $0.distance }
            let mean = weightedMean(lengths, w)
            meanLengths.append(mean)
            variation.append(weightedMean(lengths.map { abs($0 - mean) }, w) / mean)
            volumes.append(faces.reduce(0) { $0 + $1.area * $1.distance / 3 })
        }
        let overall = meanLengths.reduce(0, +) / Double(meanLengths.count)
        let relative = meanLengths.map { $0 / overall }
        let volumeMean = volumes.reduce(0, +) / Double(volumes.count)
        return [meanAbsoluteDeviation(relative), relative.max()!, relative.min()!]
            + SiteStatistics.ward2017(variation)
            + [meanAbsoluteDeviation(volumes) / volumeMean]
    }

    static func weightedMean(_ values: [Double], _ weights: [Double]) -> Double {
        zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
    }

    static func meanAbsoluteDeviation(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        return values.reduce(0) { $0 + abs($1 - mean) } / Double(values.count)
    }
}
