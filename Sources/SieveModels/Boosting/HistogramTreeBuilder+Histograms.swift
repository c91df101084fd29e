/// The histograms a level needs: which node's rows to read, for which features, into which slot.
struct HistogramPlan: Sendable {
    struct Task: Sendable {
        var begin: Int
        var end: Int
        var slot: Int
        /// The slot of the larger sibling, which gets `parent − this` for the flagged features.
        var subtractInto: Int
        /// A range of ``features``.
        var features: Range<Int>
    }

    var tasks: [Task] = []
    /// Every task's features; `~f` (negative) means: build `f`, then subtract it from the
    /// sibling's slot, which holds the parent's histogram of `f`.
    var features: [Int32] = []
    /// Slots used only to subtract from, released once the plan has run.
    var temporarySlots: [Int] = []

    mutating func add(begin: Int, end: Int, slot: Int, features list: [Int32], subtractInto: Int) {
        guard !list.isEmpty else { return }
        tasks.append(Task(begin: begin, end: end, slot: slot, subtractInto: subtractInto,
                          features: features.count..<(features.count + list.count)))
        features += list
    }
}

extension HistogramTreeBuilder {
    /// Features per work unit: histograms of a unit's features are built in one pass over the
    /// node's rows, four at a time, so each row's gradient is read once per four features.
    static let featuresPerUnit = 16

    /// Plans the histograms of the children of the level's splits (`children[2j]`, `children[2j+1]`
    /// are the children of `level[parents[j]]`) and hands out their slots.
    ///
    /// Every node of a depth keeps histograms of that depth's tracked features (`parentSet` for
    /// the level, `childSet` for the children; see ``trackedFeatures(levelSets:)``), less those
    /// known constant. For a pair with smaller child A and larger child B: A is built directly;
    /// B takes the parent's slot, gets `parent − A` for the features the parent also tracked,
    /// and is built directly on the others. A child that cannot split gets no histogram (but A is
    /// still built when B needs it to subtract).
    func planChildHistograms(parents: [Int], level: [Node], parentSet: [Int32],
                             children: inout [Node], childSet: [Int32]) -> HistogramPlan {
        var plan = HistogramPlan()
        for f in parentSet { marks[Int(f)] = 1 }
        defer { for f in parentSet { marks[Int(f)] = 0 } }
        for (j, i) in parents.enumerated() {
            let parent = level[i]
            precondition(parent.slot >= 0, "A split node has a histogram.")
            let (a, b) = children[2 * j].rowCount <= children[2 * j + 1].rowCount ? (2 * j, 2 * j + 1) : (2 * j + 1, 2 * j)
            let needA = mightSplit(children[a]), needB = mightSplit(children[b])
            guard needA || needB else { freeSlots.append(parent.slot); continue }
            let known = parent.constant
            guard needB else {
                children[a].slot = parent.slot
                plan.add(begin: children[a].begin, end: children[a].end, slot: parent.slot,
                         features: childSet.filter { !known.contains($0) }, subtractInto: -1)
                continue
            }
            // A's list flags (as ~f) the features B gets by subtraction; B builds the rest itself.
            var smaller: [Int32] = [], direct: [Int32] = []
            for f in childSet where !known.contains(f) {
                if marks[Int(f)] != 0 {
                    smaller.append(~f)
                } else {
                    direct.append(f)
                    if needA { smaller.append(f) }
                }
            }
            children[b].slot = parent.slot
            let slotA = acquireSlot()
            if needA { children[a].slot = slotA } else { plan.temporarySlots.append(slotA) }
            plan.add(begin: children[a].begin, end: children[a].end, slot: slotA, features: smaller,
                     subtractInto: parent.slot)
            plan.add(begin: children[b].begin, end: children[b].end, slot: parent.slot, features: direct,
                     subtractInto: -1)
        }
        return plan
    }

    /// The features whose histograms each depth keeps: a feature is tracked from the first depth
    /// whose level set holds it to the last, across gaps of at most ``maximumGap`` depths.
    ///
    /// Bridging a gap costs a histogram of each smaller child per bridged depth; not bridging it
    /// costs a histogram of every row at the depth after the gap, where the feature is new. With
    /// the unbalanced splits of boosting (smaller children hold a tenth to a third of the rows),
    /// bridging short gaps is the cheaper; the model is the same either way.
    static func trackedFeatures(levelSets: [[Int32]], features p: Int) -> [[Int32]] {
        var tracked = levelSets
        var last = [Int](repeating: -1, count: p)
        for (d, set) in levelSets.enumerated() {
            for f in set {
                let previous = last[Int(f)]
                if previous >= 0 && d - previous > 1 && d - previous - 1 <= maximumGap {
                    for bridged in (previous + 1)..<d { tracked[bridged].append(f) }
                }
                last[Int(f)] = d
            }
        }
        return tracked.map { $0.sorted() }
    }

    /// The longest run of depths a feature is tracked across without being in their level sets.
    static let maximumGap = 3

    /// Runs a plan: every (task, group of features) is one unit of work.
    func buildHistograms(_ plan: HistogramPlan) {
        var units: [(task: Int, features: Range<Int>)] = []
        var work = 0
        for (t, task) in plan.tasks.enumerated() {
            var start = task.features.lowerBound
            while start < task.features.upperBound {
                let end = Swift.min(start + Self.featuresPerUnit, task.features.upperBound)
                units.append((t, start..<end))
                start = end
            }
            work += (task.end - task.begin) * task.features.count
        }
        // Small levels are not worth waking other threads for; the histograms are the same either way.
        let threads = work >= 65_536 ? settings.threads : 1
        let allUnits = units
        ParallelLoop.run(items: allUnits.count, threads: threads) { unit, _ in
            let (t, range) = allUnits[unit]
            self.buildUnit(plan.tasks[t], features: plan.features[range])
        }
        freeSlots += plan.temporarySlots
    }

    /// Builds one task's histograms for some of its features (and subtracts the flagged ones).
    private func buildUnit(_ task: HistogramPlan.Task, features: ArraySlice<Int32>) {
        let slot = slots[task.slot]
        let g = gradients!.packed
        let count = features.count
        withUnsafeTemporaryAllocation(of: UnsafePointer<UInt8>.self, capacity: count) { columns in
        withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Int64>.self, capacity: count) { bins in
            for (j, entry) in features.enumerated() {
                let f = Int(entry < 0 ? ~entry : entry)
                columns[j] = codes + f * n
                let h = slot + binOffsets[f]
                h.update(repeating: 0, count: binCounts[f])
                bins[j] = h
            }
            HistogramKernels.accumulate(rows, task.begin, task.end, g, columns: UnsafePointer(columns.baseAddress!),
                                        bins: UnsafePointer(bins.baseAddress!), count: count)
            guard task.subtractInto >= 0 else { return }
            let sibling = slots[task.subtractInto]
            for (j, entry) in features.enumerated() where entry < 0 {
                let f = Int(~entry)
                let target = sibling + binOffsets[f], source = bins[j]
                for b in 0..<binCounts[f] { target[b] &-= source[b] }
            }
        }}
    }
}
