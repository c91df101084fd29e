import SieveCore

/// Grows regression trees on binned features by variance reduction (CART, Breiman et al. 1984).
///
/// The forest's hot loop. At the start of a tree, the bin codes of the bootstrap's samples are
/// copied row by row into one block; a node is a range of rows of that block, and splitting a node
/// partitions its rows in place. A node's codes are therefore contiguous, so every histogram pass
/// reads memory in order (no gather through an index), and a small node's rows stay in L1 cache
/// while all features are scanned. A node finds its best split in one of three ways:
/// - **Whole histograms** for large nodes when every feature is a candidate: the node holds the
///   histogram of every feature; only the smaller child's is built from its rows and the larger
///   child gets `parent − smaller` (sibling subtraction, as in LightGBM).
/// - **Touched bins** for the others: per candidate feature, one pass over the node's rows into a
///   256-bin histogram, marking touched bins in a bitmap walked afterwards in order, so a small
///   node costs its size, not the bin count. Consecutive rows alternate between two histogram
///   copies so runs of one bin do not serialise on store-to-load forwarding.
/// - **Two samples**: the first feature that separates them.
///
/// A feature found constant in a node is constant in all its descendants, so each node hands a
/// bitmask of known-constant features to its children, which skip them (as scikit-learn does).
///
/// A histogram bin holds (Σ weight, Σ weight·y) as one `SIMD2<Double>`; sample counts are kept only
/// when `minSamplesLeaf > 1` (otherwise a bin is occupied when its weight is positive: bootstrap
/// weights are whole numbers, so their sums and differences are exact).
/// Scratch is allocated once per grower, reused by every tree it grows, and freed in `deinit`;
/// the inputs are borrowed pointers that must outlive the grower.
final class TreeGrower {
    typealias Bin = SIMD2<Double>

    struct Settings {
        var featuresPerSplit: Int
        var minSamplesLeaf: Int
        var minSamplesSplit: Int
        var maxDepth: Int
        /// Nodes with at least this many samples keep whole histograms.
        var wholeHistogramMinimum = 256
    }

    /// The training rows' data, borrowed from the caller for the grower's lifetime.
    /// Read-only for every grower: safe to share between threads.
    struct Inputs: @unchecked Sendable {
        var n: Int
        var p: Int
        /// Row-major bin codes of the training rows: `codes[i * p + f]`.
        var codes: UnsafePointer<UInt8>
        var targets: UnsafePointer<Double>
        var binCounts: [Int]
        var edges: [[Float]]
    }

    private let n: Int
    private let p: Int
    private let codes: UnsafePointer<UInt8>
    private let targets: UnsafePointer<Double>
    private let binCounts: [Int]
    /// Where each feature's bins start in a whole histogram.
    private let binOffsets: UnsafeMutablePointer<Int>
    private let totalBins: Int
    private let edges: [[Float]]
    private let settings: Settings
    private let wholeHistograms: Bool
    private let tracksCounts: Bool
    /// Words in a feature bitmask.
    private let maskWords: Int

    /// The tree's samples in node order: codes row by row, and per row (weight, weight·y) and y.
    private let rows: UnsafeMutablePointer<UInt8>
    private let rowBins: UnsafeMutablePointer<Bin>
    private let rowTargets: UnsafeMutablePointer<Double>
    private let swapRow: UnsafeMutablePointer<UInt8>
    /// Histograms of up to four features scanned together (256 bins each), all zero between uses.
    private let featureBins: UnsafeMutablePointer<Bin>
    private let featureCounts: UnsafeMutablePointer<Int32>
    private let touchedBits: UnsafeMutablePointer<UInt64>
    /// Features known to be constant in the node being split.
    private let constant: UnsafeMutablePointer<UInt64>
    private let candidates: UnsafeMutablePointer<Int>
    private let batchFeatures: UnsafeMutablePointer<Int>
    /// Features scanned together in one pass over a node's rows.
    private static let batch = 4
    private let bootstrapCounts: UnsafeMutablePointer<Int32>
    /// Whole histograms (and their counts), handed out to pending nodes and recycled.
    private var histogramPool: [(bins: UnsafeMutablePointer<Bin>, counts: UnsafeMutablePointer<Int32>)] = []
    private var freeHistograms: [Int] = []

    init(_ inputs: Inputs, settings: Settings) {
        n = inputs.n; p = inputs.p; codes = inputs.codes; targets = inputs.targets
        edges = inputs.edges; binCounts = inputs.binCounts; self.settings = settings
        binOffsets = .allocate(capacity: max(p, 1))
        var running = 0
        for f in 0..<p { binOffsets[f] = running; running += binCounts[f] }
        totalBins = running
        wholeHistograms = settings.featuresPerSplit >= p
        tracksCounts = settings.minSamplesLeaf > 1
        maskWords = (p + 63) / 64
        rows = .allocate(capacity: max(n * p, 1))
        rowBins = .allocate(capacity: max(n, 1))
        rowTargets = .allocate(capacity: max(n, 1))
        swapRow = .allocate(capacity: max(p, 1))
        featureBins = .allocate(capacity: Self.batch * 256)
        featureBins.initialize(repeating: .zero, count: Self.batch * 256)
        featureCounts = .allocate(capacity: Self.batch * 256)
        featureCounts.initialize(repeating: 0, count: Self.batch * 256)
        touchedBits = .allocate(capacity: Self.batch * 4)
        touchedBits.initialize(repeating: 0, count: Self.batch * 4)
        batchFeatures = .allocate(capacity: Self.batch)
        constant = .allocate(capacity: max(maskWords, 1))
        candidates = .allocate(capacity: max(p, 1))
        bootstrapCounts = .allocate(capacity: max(n, 1))
    }

    deinit {
        binOffsets.deallocate(); rows.deallocate(); rowBins.deallocate(); rowTargets.deallocate()
        swapRow.deallocate(); featureBins.deallocate(); featureCounts.deallocate(); touchedBits.deallocate()
        constant.deallocate(); candidates.deallocate(); bootstrapCounts.deallocate(); batchFeatures.deallocate()
        for h in histogramPool { h.bins.deallocate(); h.counts.deallocate() }
    }

    /// A candidate split. Its score, Σ_left(wy)²/Σ_left(w) + Σ_right(wy)²/Σ_right(w) (the proxy for
    /// variance reduction scikit-learn uses), is kept as a fraction `numerator / denominator` so
    /// candidates are compared by cross-multiplication, without a division per candidate.
    private struct Split {
        var numerator = 0.0
        var denominator = 0.0
        var feature = -1
        var bin = 0
    }

    private struct PendingNode {
        var id: Int
        var begin: Int
        var end: Int
        var depth: Int
        /// Index into the histogram pool when the node holds a whole histogram.
        var histogram: Int?
    }

    @inline(__always) private func isConstant(_ f: Int) -> Bool { constant[f >> 6] & (1 &<< UInt64(f & 63)) != 0 }
    @inline(__always) private func markConstant(_ f: Int) { constant[f >> 6] |= 1 &<< UInt64(f & 63) }

    /// Grows a tree on a bootstrap sample drawn with `rng` (or on every row once if `bootstrap` is false).
    func grow(bootstrap: Bool, rng: inout Xoshiro256) -> RegressionTree {
        // The bootstrap as counts per training row; rows drawn at least once are the samples,
        // copied in training order into the node-ordered block.
        for i in 0..<n { bootstrapCounts[i] = bootstrap ? 0 : 1 }
        if bootstrap { for _ in 0..<n { bootstrapCounts[rng.uniform(below: n)] += 1 } }
        var count = 0
        for i in 0..<n where bootstrapCounts[i] > 0 {
            (rows + count * p).update(from: codes + i * p, count: p)
            let w = Double(bootstrapCounts[i])
            rowBins[count] = Bin(w, w * targets[i])
            rowTargets[count] = targets[i]
            count += 1
        }

        var tree = RegressionTree()
        var stack: [PendingNode] = []
        // The known-constant masks of pending nodes, one `maskWords` block each, in stack order.
        var maskStack = [UInt64](repeating: 0, count: maskWords)
        for f in 0..<p where binCounts[f] < 2 { maskStack[f >> 6] |= 1 &<< UInt64(f & 63) }
        var root = PendingNode(id: tree.addNode(value: 0), begin: 0, end: count, depth: 0)
        if wholeHistograms && count >= settings.wholeHistogramMinimum {
            root.histogram = buildWholeHistogram(begin: 0, end: count)
        }
        stack.append(root)
        while let node = stack.popLast() {
            for w in 0..<maskWords { constant[w] = maskStack[maskStack.count - maskWords + w] }
            maskStack.removeLast(maskWords)
            let (totals, isPure) = summarize(node.begin, node.end)
            tree.value[node.id] = totals.y / totals.x
            let size = node.end - node.begin
            if isPure || size < settings.minSamplesSplit || size < 2 * settings.minSamplesLeaf
                || node.depth >= settings.maxDepth {
                if let h = node.histogram { freeHistograms.append(h) }
                continue
            }
            let split = node.histogram.map { bestSplit(wholeHistogram: $0, size: size, totals: totals) }
                ?? bestSplit(begin: node.begin, size: size, totals: totals, rng: &rng)
            guard split.feature >= 0 else {
                if let h = node.histogram { freeHistograms.append(h) }
                continue
            }
            let middle = partition(node.begin, node.end, feature: split.feature, bin: split.bin)
            var left = PendingNode(id: tree.addNode(value: 0), begin: node.begin, end: middle, depth: node.depth + 1)
            var right = PendingNode(id: tree.addNode(value: 0), begin: middle, end: node.end, depth: node.depth + 1)
            tree.feature[node.id] = Int32(split.feature)
            tree.threshold[node.id] = edges[split.feature][split.bin]
            tree.left[node.id] = Int32(left.id)
            tree.right[node.id] = Int32(right.id)
            if let parent = node.histogram {
                let leftIsSmaller = middle - node.begin <= node.end - middle
                let smaller = leftIsSmaller ? left : right
                let smallerSize = smaller.end - smaller.begin
                if size - smallerSize >= settings.wholeHistogramMinimum {
                    // Build the smaller child's histogram; the parent's buffer becomes the larger child's.
                    let small = buildWholeHistogram(begin: smaller.begin, end: smaller.end)
                    subtract(small, from: parent)
                    let kept: Int? = smallerSize >= settings.wholeHistogramMinimum ? small : nil
                    if kept == nil { freeHistograms.append(small) }
                    if leftIsSmaller { left.histogram = kept; right.histogram = parent }
                    else { right.histogram = kept; left.histogram = parent }
                } else {
                    freeHistograms.append(parent)
                }
            }
            stack.append(right)
            for w in 0..<maskWords { maskStack.append(constant[w]) }
            stack.append(left)
            for w in 0..<maskWords { maskStack.append(constant[w]) }
        }
        return tree
    }

    /// The node's Σ (weight, weight·y), and whether every target in it is the same.
    private func summarize(_ begin: Int, _ end: Int) -> (Bin, Bool) {
        var totals = Bin.zero
        var lo = Double.infinity, hi = -Double.infinity
        for k in begin..<end {
            totals += rowBins[k]
            lo = Swift.min(lo, rowTargets[k]); hi = Swift.max(hi, rowTargets[k])
        }
        return (totals, lo == hi)
    }

    /// Scores splitting with the given left-side sums and keeps it if it beats `best`
    /// (ties go to the split found first).
    @inline(__always)
    private func consider(left: Bin, leftCount: Int32, size: Int, totals: Bin, feature: Int, threshold: Int,
                          best: inout Split) {
        if tracksCounts {
            let minLeaf = Int32(settings.minSamplesLeaf)
            guard leftCount >= minLeaf && Int32(size) - leftCount >= minLeaf else { return }
        }
        let right = totals - left
        let numerator = left.y * left.y * right.x + right.y * right.y * left.x
        let denominator = left.x * right.x
        if best.feature < 0 || numerator * best.denominator > best.numerator * denominator {
            best = Split(numerator: numerator, denominator: denominator, feature: feature, bin: threshold)
        }
    }

    // MARK: Whole histograms

    private func acquireHistogram() -> Int {
        if let h = freeHistograms.popLast() { return h }
        let bins = UnsafeMutablePointer<Bin>.allocate(capacity: max(1, totalBins))
        let counts = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, totalBins))
        histogramPool.append((bins, counts))
        return histogramPool.count - 1
    }

    /// The histogram of every feature over rows `begin..<end`, read row by row.
    private func buildWholeHistogram(begin: Int, end: Int) -> Int {
        let h = acquireHistogram()
        let (bins, counts) = histogramPool[h]
        bins.update(repeating: .zero, count: totalBins)
        if tracksCounts { counts.update(repeating: 0, count: totalBins) }
        for k in begin..<end {
            let row = rows + k * p
            let v = rowBins[k]
            for f in 0..<p { bins[binOffsets[f] + Int(row[f])] += v }
            if tracksCounts { for f in 0..<p { counts[binOffsets[f] + Int(row[f])] &+= 1 } }
        }
        return h
    }

    private func subtract(_ child: Int, from parent: Int) {
        let (childBins, childCounts) = histogramPool[child]
        let (parentBins, parentCounts) = histogramPool[parent]
        for j in 0..<totalBins { parentBins[j] -= childBins[j] }
        if tracksCounts { for j in 0..<totalBins { parentCounts[j] &-= childCounts[j] } }
    }

    private func bestSplit(wholeHistogram h: Int, size: Int, totals: Bin) -> Split {
        let (bins, counts) = histogramPool[h]
        var best = Split()
        for f in 0..<p where !isConstant(f) {
            var left = Bin.zero
            var leftCount: Int32 = 0
            var previous = -1
            var occupied = 0
            let base = binOffsets[f]
            for b in 0..<binCounts[f] {
                let bin = bins[base + b]
                guard bin.x > 0.5 else { continue }
                occupied += 1
                if previous >= 0 {
                    consider(left: left, leftCount: leftCount, size: size, totals: totals, feature: f,
                             threshold: (previous + b - 1) / 2, best: &best)
                }
                left += bin
                if tracksCounts { leftCount &+= counts[base + b] }
                previous = b
            }
            if occupied < 2 { markConstant(f) }
        }
        return best
    }

    // MARK: Per-feature search

    /// Candidate features are drawn without replacement from those not known to be constant,
    /// until `featuresPerSplit` of them vary in the node (features found constant do not count,
    /// as in scikit-learn). With every feature a candidate, the visiting order is a random
    /// rotation so that ties do not always go to the same feature. Features are scanned in
    /// batches of up to four, never more than are still needed, so the choice is exactly that of
    /// scanning them one by one.
    private func bestSplit(begin: Int, size: Int, totals: Bin, rng: inout Xoshiro256) -> Split {
        var available = 0
        for f in 0..<p where !isConstant(f) { candidates[available] = f; available += 1 }
        guard available > 0 else { return Split() }
        var best = Split()
        var visited = 0
        var drawn = 0
        let sampling = settings.featuresPerSplit < p
        let rotation = sampling ? 0 : rng.uniform(below: available)
        func draw() -> Int {
            defer { drawn += 1 }
            if sampling {
                let j = drawn + rng.uniform(below: available - drawn)
                let t = candidates[drawn]; candidates[drawn] = candidates[j]; candidates[j] = t
                return candidates[drawn]
            }
            return candidates[drawn + rotation < available ? drawn + rotation : drawn + rotation - available]
        }
        if size == 2 && !tracksCounts {
            // Every feature that separates the two samples gives the same (perfect) split, and
            // ties go to the first found, so the first separating feature is the best.
            while drawn < available {
                let f = draw()
                let a = rows[begin * p + f], b = rows[(begin + 1) * p + f]
                if a != b {
                    let lo = Int(Swift.min(a, b)), hi = Int(Swift.max(a, b))
                    return Split(numerator: 0, denominator: 1, feature: f, bin: (lo + hi - 1) / 2)
                }
                markConstant(f)
            }
            return best
        }
        while visited < settings.featuresPerSplit && drawn < available {
            let count = Swift.min(Self.batch, settings.featuresPerSplit - visited, available - drawn)
            for j in 0..<count { batchFeatures[j] = draw() }
            let varied = scanBatch(count, begin: begin, size: size, totals: totals, best: &best)
            for j in 0..<count {
                if varied & (1 << j) != 0 { visited += 1 } else { markConstant(batchFeatures[j]) }
            }
        }
        return best
    }

    /// Histograms of the batch's features over the node in one pass over its rows, each walked in
    /// bin order through a bitmap of the bins the node touches (so a small node costs its size,
    /// not the bin count). Returns a bit per feature that varies in the node. Leaves histograms
    /// and bitmaps zero.
    private func scanBatch(_ count: Int, begin: Int, size: Int, totals: Bin, best: inout Split) -> Int {
        let base = rows + begin * p
        let binsOf = rowBins + begin
        if count == 4 {
            let f0 = batchFeatures[0], f1 = batchFeatures[1], f2 = batchFeatures[2], f3 = batchFeatures[3]
            let h0 = featureBins, h1 = featureBins + 256, h2 = featureBins + 512, h3 = featureBins + 768
            let t0 = touchedBits, t1 = touchedBits + 4, t2 = touchedBits + 8, t3 = touchedBits + 12
            for k in 0..<size {
                let row = base + k * p
                let a = Int(row[f0]), b = Int(row[f1]), c = Int(row[f2]), d = Int(row[f3])
                let v = binsOf[k]
                t0[a >> 6] |= 1 &<< UInt64(a & 63)
                t1[b >> 6] |= 1 &<< UInt64(b & 63)
                t2[c >> 6] |= 1 &<< UInt64(c & 63)
                t3[d >> 6] |= 1 &<< UInt64(d & 63)
                h0[a] += v; h1[b] += v; h2[c] += v; h3[d] += v
            }
        } else {
            for k in 0..<size {
                let row = base + k * p
                let v = binsOf[k]
                for j in 0..<count {
                    let b = Int(row[batchFeatures[j]])
                    touchedBits[4 * j + b >> 6] |= 1 &<< UInt64(b & 63)
                    featureBins[256 * j + b] += v
                }
            }
        }
        if tracksCounts {
            for k in 0..<size {
                let row = base + k * p
                for j in 0..<count { featureCounts[256 * j + Int(row[batchFeatures[j]])] &+= 1 }
            }
        }
        var varied = 0
        for j in 0..<count {
            let f = batchFeatures[j]
            let hist = featureBins + 256 * j, counts = featureCounts + 256 * j, bitmap = touchedBits + 4 * j
            var occupied = 0
            var left = Bin.zero
            var leftCount: Int32 = 0
            var previous = -1
            for word in 0..<4 {
                var bits = bitmap[word]
                bitmap[word] = 0
                while bits != 0 {
                    let b = word << 6 | bits.trailingZeroBitCount
                    bits &= bits &- 1
                    occupied += 1
                    if previous >= 0 {
                        consider(left: left, leftCount: leftCount, size: size, totals: totals, feature: f,
                                 threshold: (previous + b - 1) / 2, best: &best)
                    }
                    left += hist[b]
                    hist[b] = .zero
                    if tracksCounts { leftCount &+= counts[b]; counts[b] = 0 }
                    previous = b
                }
            }
            if occupied > 1 { varied |= 1 << j }
        }
        return varied
    }

    /// Moves the node's rows with `code ≤ bin` to the front (codes, bins and targets together);
    /// returns where the right part starts.
    private func partition(_ begin: Int, _ end: Int, feature f: Int, bin: Int) -> Int {
        let threshold = UInt8(bin)
        var i = begin, j = end - 1
        while i <= j {
            if rows[i * p + f] <= threshold {
                i += 1
            } else {
                let a = rows + i * p, b = rows + j * p
                swapRow.update(from: a, count: p)
                a.update(from: b, count: p)
                b.update(from: swapRow, count: p)
                let bin = rowBins[i]; rowBins[i] = rowBins[j]; rowBins[j] = bin
                let y = rowTargets[i]; rowTargets[i] = rowTargets[j]; rowTargets[j] = y
                j -= 1
            }
        }
        return i
    }
}
