/// The best split found for a node.
struct HistogramSplit: Sendable {
    var feature: Int
    /// Rows with bin code ≤ `bin` go left.
    var bin: Int
    /// The left child's packed (Σ gradient, row count) (see ``GradientQuantizer``).
    var left: Int64
}

extension HistogramTreeBuilder {
    /// The best candidate of part of a node's features: children's summed score, where, and the left sums.
    struct Candidate: Sendable {
        var gain: Double
        var feature = -1
        var bin = 0
        var left: Int64 = 0
    }

    /// Features per unit of the split search.
    static let featuresPerScan = 16

    /// Each node's best split, or nil when it has no histogram or no split passes XGBoost's tests
    /// (``LeafObjective/allowsSplit(lossChange:leftHessian:rightHessian:)``).
    ///
    /// Candidates are compared by the children's summed score; a tie keeps the candidate found
    /// first (lower feature, then lower bin), as XGBoost's `SplitEntry::Update` does. Features
    /// found constant (one occupied bin) join their node's known-constant set.
    func findSplits(_ level: inout [Node], features: [Int32]) -> [HistogramSplit?] {
        let quantizer = gradients!.quantizer
        var units: [(node: Int, features: Range<Int>)] = []
        var work = 0
        for (i, node) in level.enumerated() where node.slot >= 0 {
            var start = node.features.lowerBound
            while start < node.features.upperBound {
                let end = Swift.min(start + Self.featuresPerScan, node.features.upperBound)
                units.append((i, start..<end))
                start = end
            }
            work += node.features.count * 128
        }
        let scores = level.map {
            settings.objective.score(gradient: quantizer.gradient($0.sum), hessian: Double(quantizer.count($0.sum)))
        }
        var found = [Candidate](repeating: Candidate(gain: 0), count: units.count)
        var constants = [[Int32]](repeating: [], count: units.count)
        let threads = work >= 32_768 ? settings.threads : 1
        let allUnits = units, nodes = level
        found.withUnsafeMutableBufferPointer { out in
        constants.withUnsafeMutableBufferPointer { constantOut in
            let results = UncheckedBuffer(out), constantResults = UncheckedBuffer(constantOut)
            ParallelLoop.run(items: allUnits.count, threads: threads) { unit, _ in
                let (i, range) = allUnits[unit]
                var best = Candidate(gain: scores[i])
                var constant: [Int32] = []
                let slot = self.slots[nodes[i].slot]
                for f in features[range] where !nodes[i].constant.contains(f) {
                    if self.scan(Int(f), slot, total: nodes[i].sum, quantizer: quantizer, best: &best) <= 1 {
                        constant.append(f)
                    }
                }
                results[unit] = best
                constantResults[unit] = constant
            }
        }}
        for (u, unit) in units.enumerated() { for f in constants[u] { level[unit.node].constant.insert(f) } }
        var splits = [HistogramSplit?](repeating: nil, count: level.count)
        var u = 0
        for (i, node) in level.enumerated() where node.slot >= 0 {
            var best = Candidate(gain: scores[i])
            while u < units.count && units[u].node == i {
                if found[u].feature >= 0 && found[u].gain > best.gain { best = found[u] }
                u += 1
            }
            guard best.feature >= 0 else { continue }
            let leftRows = quantizer.count(best.left)
            if settings.objective.allowsSplit(lossChange: best.gain - scores[i], leftHessian: Double(leftRows),
                                              rightHessian: Double(node.rowCount - leftRows)) {
                splits[i] = HistogramSplit(feature: best.feature, bin: best.bin, left: best.left)
            }
        }
        return splits
    }

    /// Scans one feature's histogram for the split with the highest summed score of the children;
    /// returns how many of its bins are occupied.
    ///
    /// Two passes, neither with an unpredictable branch: the first runs the prefix sums and keeps
    /// them at occupied bins (an empty bin would repeat the previous candidate), the second
    /// scores only those. Only a strictly better candidate replaces the best, so ties keep the first.
    @inline(__always)
    private func scan(_ f: Int, _ slot: UnsafeMutablePointer<Int64>, total: Int64, quantizer: GradientQuantizer,
                      best: inout Candidate) -> Int {
        let hist = slot + binOffsets[f]
        let count = binCounts[f]
        let alpha = settings.objective.alpha
        let minimum = Swift.max(settings.objective.minChildWeight, Double.leastNonzeroMagnitude)
        let reciprocals = self.reciprocals
        let mask = (Int64(1) << Int64(quantizer.countBits)) - 1
        return withUnsafeTemporaryAllocation(of: Int64.self, capacity: 256) { sums in
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { binsAt in
            let sums = sums.baseAddress!, binsAt = binsAt.baseAddress!
            var left: Int64 = 0
            var kept = 0
            for b in 0..<(count - 1) {
                let h = hist[b]
                left &+= h
                sums[kept] = left
                binsAt[kept] = b
                kept += h & mask != 0 ? 1 : 0
            }
            var bestGain = best.gain, bestAt = -1
            for k in 0..<kept {
                let right = total &- sums[k]
                let leftRows = Int(sums[k] & mask), rightRows = Int(right & mask)
                let leftGradient = quantizer.gradient(sums[k]), rightGradient = quantizer.gradient(right)
                let l = Swift.max(Swift.abs(leftGradient) - alpha, 0), r = Swift.max(Swift.abs(rightGradient) - alpha, 0)
                let score = l * l * reciprocals[leftRows] + r * r * reciprocals[rightRows]
                let gain = Double(leftRows) >= minimum && Double(rightRows) >= minimum ? score : -Double.infinity
                if gain > bestGain { bestGain = gain; bestAt = k }
            }
            if bestAt >= 0 { best = Candidate(gain: bestGain, feature: f, bin: binsAt[bestAt], left: sums[bestAt]) }
            return kept + (hist[count - 1] & mask != 0 ? 1 : 0)
        }}
    }

    /// Partitions the rows of every split node, stably (left rows first, each side in ascending
    /// row order); returns each node's first right row (its end when it does not split).
    func partition(_ level: [Node], splits: [HistogramSplit?]) -> [Int] {
        var middles = level.map(\.end)
        let split = level.indices.filter { splits[$0] != nil }
        let work = split.reduce(0) { $0 + level[$1].rowCount }
        middles.withUnsafeMutableBufferPointer { out in
            let results = UncheckedBuffer(out)
            ParallelLoop.run(items: split.count, threads: work >= 16_384 ? settings.threads : 1) { unit, _ in
                let i = split[unit]
                results[i] = self.partition(level[i].begin, level[i].end, feature: splits[i]!.feature, bin: splits[i]!.bin)
            }
        }
        return middles
    }

    /// One node's stable partition. Rows go in chunks: first every row's side is read (loads that
    /// do not wait on each other), then the rows are written out, so the write position, which
    /// depends on every earlier side, never waits on a load.
    private func partition(_ begin: Int, _ end: Int, feature: Int, bin: Int) -> Int {
        let column = codes + feature * n
        let threshold = UInt8(bin)
        let rows = self.rows, right = spare + begin
        var l = begin, r = 0, k = begin
        withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.partitionChunk) { sides in
            let side = sides.baseAddress!
            while k < end {
                let m = Swift.min(Self.partitionChunk, end - k)
                for j in 0..<m { side[j] = column[Int(rows[k + j])] <= threshold ? 1 : 0 }
                for j in 0..<m {
                    let row = rows[k + j], goesLeft = side[j]
                    rows[l] = row
                    right[r] = row
                    l += goesLeft
                    r += 1 - goesLeft
                }
                k += m
            }
        }
        (rows + l).update(from: right, count: r)
        return l
    }

    static let partitionChunk = 128
}

/// A buffer that parallel work units write at disjoint indices.
struct UncheckedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>
    init(_ base: UnsafeMutableBufferPointer<Element>) { self.base = base }
    subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}
