import SieveCore

/// The bin codes of one fit's training rows, column by column, copied once per fit from the
/// store's shared bins (``BinnedFeatures``), with each bin's upper edge.
///
/// Column-major and local (`codes[f * rows + i]` for the `i`-th training row) so that a histogram
/// pass over one feature reads one short column, and a node's rows, kept in ascending order, read
/// it forward. When `max_bin` is below a feature's bin count in the store, neighbouring store bins
/// are merged into at most `max_bin` bins of about equal training-row counts (the store's bins are
/// cut once per dataset, at most 256 per feature, so `max_bin` can lower the resolution but not
/// raise it).
struct TrainingBins: Sendable {
    /// Training rows.
    let rows: Int
    let features: Int
    let codes: [UInt8]
    /// Bins per feature (1 for a feature constant on the store's reference rows).
    let binCounts: [Int]
    /// `upperEdges[f][b]`: rows with `x ≤ upperEdges[f][b]` are in bins `0...b`.
    let upperEdges: [[Float]]

    init(_ binned: BinnedFeatures, rows trainingRows: [Int], maxBins: Int) {
        rows = trainingRows.count
        features = binned.features
        var codes = [UInt8](repeating: 0, count: rows * features)
        var binCounts = [Int](), upperEdges = [[Float]]()
        binCounts.reserveCapacity(features)
        upperEdges.reserveCapacity(features)
        let n = rows
        binned.codes.withUnsafeBufferPointer { all in
            codes.withUnsafeMutableBufferPointer { local in
                for f in 0..<binned.features {
                    let source = f * binned.rows, target = f * n
                    for (i, r) in trainingRows.enumerated() { local[target + i] = all[source + r] }
                    let storeBins = binned.binCount(of: f)
                    guard storeBins > maxBins else {
                        binCounts.append(storeBins)
                        upperEdges.append(binned.edges[f])
                        continue
                    }
                    var counts = [Int](repeating: 0, count: storeBins)
                    for i in 0..<n { counts[Int(local[target + i])] += 1 }
                    let group = TrainingBins.merge(counts, into: maxBins)
                    for i in 0..<n { local[target + i] = group[Int(local[target + i])] }
                    let groups = Int(group[storeBins - 1]) + 1
                    var edges = [Float]()
                    for b in 0..<(storeBins - 1) where group[b] != group[b + 1] { edges.append(binned.edges[f][b]) }
                    assert(edges.count == groups - 1)
                    binCounts.append(groups)
                    upperEdges.append(edges)
                }
            }
        }
        self.codes = codes
        self.binCounts = binCounts
        self.upperEdges = upperEdges
    }

    /// The group of each bin when consecutive bins with these row counts are merged into at most
    /// `maxGroups` groups of about equal counts (greedy, re-aimed after every cut).
    static func merge(_ counts: [Int], into maxGroups: Int) -> [UInt8] {
        var group = [UInt8](repeating: 0, count: counts.count)
        var remaining = counts.reduce(0, +)
        var groupsLeft = maxGroups
        var inGroup = 0
        var current = 0
        for b in 0..<counts.count {
            group[b] = UInt8(current)
            inGroup += counts[b]
            let target = Double(remaining) / Double(Swift.max(groupsLeft, 1))
            if groupsLeft > 1 && inGroup > 0 && Double(inGroup) >= target && b < counts.count - 1 {
                current += 1
                groupsLeft -= 1
                remaining -= inGroup
                inGroup = 0
            }
        }
        return group
    }
}
