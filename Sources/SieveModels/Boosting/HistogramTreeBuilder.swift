import SieveCore

/// Grows one regression tree of gradient boosting depth by depth, on gradient histograms of
/// binned features, as XGBoost's `hist` method does (`grow_policy: depthwise`).
///
/// The boosting loop's hot path. Its economies over the library:
/// - **Only sampled features.** Columns are drawn first (tree, then level, then node sets, see
///   ``FeatureSampler``) and histograms are built only for features some depth may split on, so
///   a feature left out by `colsample_bytree` costs nothing and one left out of a level costs
///   little. XGBoost 1.7 builds every feature's histogram and samples afterwards.
/// - **Only sampled rows.** Rows left out by `subsample` are not in the tree's row list at all
///   (the library keeps them with zero gradients).
/// - **The smaller child only.** A split's larger child gets `parent − smaller` for the features
///   its parent has (sibling subtraction); a feature that the parent lacks is built directly for
///   both children, one pass over the parent's rows. A feature is kept across the depths between
///   its first and last level set (``trackedFeatures(levelSets:features:)``) when bridging a gap
///   costs less than building it anew.
/// - **Rows in node order.** The tree's rows are one array partitioned in place at every split,
///   stably, so a node is a contiguous range of ascending row numbers and a histogram pass reads
///   its rows' gradients and bin codes forward.
/// - **Constant features dropped.** A feature found with one occupied bin in a node is constant
///   in all its descendants, which neither build nor scan it.
///
/// A histogram bin is one `Int64`: the packed (Σ gradient, row count) of ``GradientQuantizer``,
/// exact under addition and subtraction. With squared error every hessian is 1, so a hessian
/// sum is a row count and the split scan multiplies by a table of `1 / (h + λ)` instead of
/// dividing twice per candidate. Leaf weights come from the exact double-precision gradient
/// sums of the leaves' rows.
///
/// Work within a tree runs on `threads` threads in units that each write their own memory (one
/// node's histograms of a few features; one node's split scan of a few features; one node's
/// partition), and results are combined in a fixed order, so the tree is the same for any thread
/// count. Scratch is allocated once per builder and reused by every tree it grows; the inputs
/// are borrowed and must outlive it. A builder grows one tree at a time.
final class HistogramTreeBuilder: @unchecked Sendable {

    /// The fit's data, borrowed for the builder's lifetime; read-only and shared by all builders.
    struct Inputs: @unchecked Sendable {
        var rows: Int
        var features: Int
        /// Column-major bin codes of the training rows (``TrainingBins/codes``).
        var codes: UnsafePointer<UInt8>
        var binCounts: [Int]
        var upperEdges: [[Float]]
        /// `1 / (h + λ)` for every whole hessian sum `h` in `0...rows`.
        var reciprocals: UnsafePointer<Double>
    }

    struct Settings: Sendable {
        var objective: LeafObjective
        var maxDepth: Int
        /// Multiplies every leaf weight: the learning rate over the number of parallel trees.
        var leafScale: Double
        var sampler: FeatureSampler
        var threads: Int
    }

    /// The gradients of the current round: exact, and packed for histograms (indexed by training row).
    struct RoundGradients: @unchecked Sendable {
        var exact: UnsafePointer<Double>
        var packed: UnsafePointer<Int64>
        var quantizer: GradientQuantizer
    }

    /// A node of the level being grown: a range of the row list and its packed sums.
    struct Node: Sendable {
        var id: Int
        var begin: Int
        var end: Int
        var sum: Int64
        /// Its histogram slot, or -1 when it will not be split (no histogram needed).
        var slot = -1
        /// Its candidate features: a range of the level's flat feature list.
        var features: Range<Int> = 0..<0
        /// Features known to be constant on its rows (found so at the node or an ancestor, where
        /// a histogram had one occupied bin): they cannot split it or its descendants, so they
        /// are neither built nor scanned.
        var constant: FeatureMask
        var rowCount: Int { end - begin }
    }

    let n: Int
    let p: Int
    let codes: UnsafePointer<UInt8>
    let binCounts: UnsafeMutablePointer<Int>
    /// Where each feature's bins start in a histogram slot.
    let binOffsets: UnsafeMutablePointer<Int>
    let totalBins: Int
    let upperEdges: [[Float]]
    let reciprocals: UnsafePointer<Double>
    let settings: Settings

    /// The tree's rows in node order, and scratch for the right side of a partition.
    let rows: UnsafeMutablePointer<Int32>
    let spare: UnsafeMutablePointer<Int32>
    /// Rows left out by `subsample` in the current tree.
    let skipped: UnsafeMutablePointer<Int32>
    private(set) var sampledCount = 0
    private(set) var skippedCount = 0
    /// Features with a single bin in the store.
    let constantEverywhere: FeatureMask
    /// Per-feature membership flags for set operations on feature lists (all zero between uses).
    let marks: UnsafeMutablePointer<UInt8>
    /// Histogram slots (`totalBins` bins each), handed to nodes and recycled.
    var slots: [UnsafeMutablePointer<Int64>] = []
    var freeSlots: [Int] = []
    /// The current round's gradients (set by ``grow(_:rng:)``).
    var gradients: RoundGradients?
    /// The final leaves of the current tree: node id and row range.
    var leaves: [(node: Int, begin: Int, end: Int)] = []

    init(_ inputs: Inputs, settings: Settings) {
        n = inputs.rows; p = inputs.features; codes = inputs.codes
        upperEdges = inputs.upperEdges; reciprocals = inputs.reciprocals; self.settings = settings
        binCounts = .allocate(capacity: Swift.max(p, 1))
        binOffsets = .allocate(capacity: Swift.max(p, 1))
        var running = 0
        for f in 0..<p { binCounts[f] = inputs.binCounts[f]; binOffsets[f] = running; running += inputs.binCounts[f] }
        totalBins = running
        rows = .allocate(capacity: Swift.max(n, 1))
        spare = .allocate(capacity: Swift.max(n, 1))
        skipped = .allocate(capacity: Swift.max(n, 1))
        marks = .allocate(capacity: Swift.max(p, 1))
        marks.initialize(repeating: 0, count: Swift.max(p, 1))
        var constant = FeatureMask(features: p)
        for f in 0..<p where inputs.binCounts[f] < 2 { constant.insert(Int32(f)) }
        constantEverywhere = constant
    }

    deinit {
        binCounts.deallocate(); binOffsets.deallocate(); rows.deallocate(); spare.deallocate()
        skipped.deallocate(); marks.deallocate()
        for s in slots { s.deallocate() }
    }

    /// Draws the tree's rows: each training row independently with probability `subsample`
    /// (XGBoost's uniform sampling), all of them when it is 1. Branch-free: every row is written
    /// to both lists and only the list it belongs to advances.
    func sampleRows(subsample: Double, rng: inout Xoshiro256) {
        sampledCount = 0; skippedCount = 0
        guard subsample < 1 else {
            for i in 0..<n { rows[i] = Int32(i) }
            sampledCount = n
            return
        }
        // unitDouble() < subsample, compared on the 53 random bits the double is made of.
        let threshold = UInt64((subsample * 0x1p53).rounded(.up))
        for i in 0..<n {
            let kept = rng.next() >> 11 < threshold ? 1 : 0
            rows[sampledCount] = Int32(i)
            skipped[skippedCount] = Int32(i)
            sampledCount += kept
            skippedCount += 1 - kept
        }
    }

    /// Whether a node could have two valid children (each with at least `min_child_weight`).
    @inline(__always)
    func mightSplit(_ node: Node) -> Bool {
        node.rowCount >= 2 && Double(node.rowCount) >= 2 * settings.objective.minChildWeight
    }

    /// Grows a tree on the sampled rows (``sampleRows(subsample:rng:)``) with the round's
    /// gradients, drawing its feature sets from `rng`.
    func grow(_ gradients: RoundGradients, rng: inout Xoshiro256) -> BoostedTree {
        self.gradients = gradients
        var tree = BoostedTree()
        leaves.removeAll(keepingCapacity: true)
        let sampler = settings.sampler
        let treeSet = sampler.tree(featureCount: p, rng: &rng)
        let levelSets = (0..<settings.maxDepth).map { _ in sampler.level(treeSet, rng: &rng) }
        let tracked = Self.trackedFeatures(levelSets: levelSets, features: p)
        var sum: Int64 = 0
        for k in 0..<sampledCount { sum &+= gradients.packed[Int(rows[k])] }
        var level = [Node(id: 0, begin: 0, end: sampledCount, sum: sum, constant: constantEverywhere)]
        var levelFeatures = drawFeatures(for: &level, levelSet: levelSets[0], rng: &rng)
        var plan = HistogramPlan()
        if mightSplit(level[0]) {
            level[0].slot = acquireSlot()
            plan.add(begin: 0, end: sampledCount, slot: level[0].slot,
                     features: tracked[0].filter { !level[0].constant.contains($0) }, subtractInto: -1)
            buildHistograms(plan)
        }
        for depth in 0..<settings.maxDepth {
            let splits = findSplits(&level, features: levelFeatures)
            let middles = partition(level, splits: splits)
            var next: [Node] = []
            var parents: [Int] = []
            for (i, node) in level.enumerated() {
                guard let split = splits[i] else {
                    leaves.append((node.id, node.begin, node.end))
                    if node.slot >= 0 { freeSlots.append(node.slot) }
                    continue
                }
                let right = node.sum &- split.left
                let child = tree.split(node.id, feature: split.feature, bin: split.bin,
                                       threshold: upperEdges[split.feature][split.bin])
                next.append(Node(id: child, begin: node.begin, end: middles[i], sum: split.left, constant: node.constant))
                next.append(Node(id: child + 1, begin: middles[i], end: node.end, sum: right, constant: node.constant))
                parents.append(i)
            }
            if next.isEmpty { break }
            if depth + 1 == settings.maxDepth {
                for node in next { leaves.append((node.id, node.begin, node.end)) }
                for i in parents where level[i].slot >= 0 { freeSlots.append(level[i].slot) }
                level = []
                break
            }
            let nextFeatures = drawFeatures(for: &next, levelSet: levelSets[depth + 1], rng: &rng)
            plan = planChildHistograms(parents: parents, level: level, parentSet: tracked[depth],
                                       children: &next, childSet: tracked[depth + 1])
            buildHistograms(plan)
            level = next
            levelFeatures = nextFeatures
        }
        setLeafValues(&tree)
        return tree
    }

    /// Every leaf's value: the learning-rate-scaled weight of the exact gradient sum of its rows.
    private func setLeafValues(_ tree: inout BoostedTree) {
        let exact = gradients!.exact
        for leaf in leaves {
            var g = 0.0
            for k in leaf.begin..<leaf.end { g += exact[Int(rows[k])] }
            let h = Double(leaf.end - leaf.begin)
            tree.value[leaf.node] = settings.objective.weight(gradient: g, hessian: h) * settings.leafScale
        }
    }

    /// The nodes' candidate features: the level's set or, with `colsample_bynode`, a draw from
    /// it for each node; returns the flat list the nodes' `features` ranges index.
    private func drawFeatures(for level: inout [Node], levelSet: [Int32], rng: inout Xoshiro256) -> [Int32] {
        if settings.sampler.nodesShareLevelSet {
            for i in level.indices { level[i].features = 0..<levelSet.count }
            return levelSet
        }
        var flat: [Int32] = []
        for i in level.indices {
            let set = settings.sampler.node(levelSet, rng: &rng)
            level[i].features = flat.count..<(flat.count + set.count)
            flat += set
        }
        return flat
    }

    func acquireSlot() -> Int {
        if let s = freeSlots.popLast() { return s }
        slots.append(.allocate(capacity: Swift.max(totalBins, 1)))
        return slots.count - 1
    }

    /// Writes the current tree's value for every training row into `values` (indexed by
    /// training row): sampled rows by their leaf's row range, skipped rows by walking the tree.
    func writeValues(of tree: BoostedTree, into values: UnsafeMutablePointer<Double>) {
        for leaf in leaves {
            let v = tree.value[leaf.node]
            for k in leaf.begin..<leaf.end { values[Int(rows[k])] = v }
        }
        for k in 0..<skippedCount {
            let i = Int(skipped[k])
            values[i] = tree.value[tree.leaf(codes: codes, rows: n, row: i)]
        }
    }
}

/// A set of feature indices as a bitmask.
struct FeatureMask: Sendable, Equatable {
    private var words: [UInt64]

    init(features: Int) { words = [UInt64](repeating: 0, count: (features + 63) / 64) }

    @inline(__always)
    func contains(_ f: Int32) -> Bool { words[Int(f) >> 6] & (1 &<< UInt64(f & 63)) != 0 }

    @inline(__always)
    mutating func insert(_ f: Int32) { words[Int(f) >> 6] |= 1 &<< UInt64(f & 63) }
}
