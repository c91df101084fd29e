/// A layered drawing of a directed graph, after Sugiyama, Tagawa & Toda ("Methods for visual
/// understanding of hierarchical system structures", IEEE Trans. SMC 11, 1981) and Graphviz's
/// `dot` (Gansner, Koutsofios, North & Vo, IEEE Trans. Softw. Eng. 19, 1993).
///
/// Nodes go into layers by the longest path from a source, so every edge points down; an edge
/// that spans several layers becomes a chain of dummy vertices, one per rank it crosses. When
/// edges carry labels the ranks are doubled, as `dot` does: nodes sit on even ranks and every
/// edge's label is a box on one of its dummies on an odd rank (the least crowded one). Barycentre
/// sweeps down and up reorder each rank (the order with fewest crossings is kept); then each
/// rank's x coordinates are the least-squares fit to its neighbours' under the boxes' separation
/// (isotonic regression by pool-adjacent-violators), sweeping down, up and both ways. Boxes in a
/// rank are apart by construction and ranks are disjoint bands, so no two boxes overlap.
/// Everything is deterministic: ties keep the previous order, and no `Dictionary` is iterated.
public struct LayeredLayout: Sendable {
    public struct Point: Sendable, Equatable { public var x: Double; public var y: Double }
    public struct Size: Sendable, Equatable {
        public var width: Double; public var height: Double
        public init(width: Double, height: Double) { self.width = width; self.height = height }
    }
    /// An axis-aligned box by its centre.
    public struct Box: Sendable, Equatable {
        public var x: Double, y: Double, width: Double, height: Double
        public var minX: Double { x - width / 2 }
        public var maxX: Double { x + width / 2 }
        public var minY: Double { y - height / 2 }
        public var maxY: Double { y + height / 2 }
        public func overlaps(_ other: Box) -> Bool {
            minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
        }
    }

    /// Each node's layer (0 for sources) and box.
    public private(set) var layers: [Int]
    public private(set) var nodes: [Box]
    /// Each edge's label box (nil when the edge has no label or is a self-loop).
    public private(set) var labels: [Box?]
    /// Each edge's route from its tail's box to its head's, through its dummies (empty for a self-loop).
    public private(set) var routes: [[Point]]
    public private(set) var width: Double
    public private(set) var height: Double

    /// Lays out `nodes` (their boxes' sizes) joined by `edges`; `edgeLabels[e]` is the size of
    /// edge e's label, if any. Cycles are broken by reversing the edges that point back in a
    /// topological order taken smallest index first.
    public init(nodes nodeSizes: [Size], edges: [(from: Int, to: Int)], edgeLabels: [Size?],
                separation: Double = 12, rankGap: Double = 14, dummyWidth: Double = 6) {
        precondition(edgeLabels.count == edges.count, "one label size (or nil) per edge")
        precondition(edges.allSatisfy { nodeSizes.indices.contains($0.from) && nodeSizes.indices.contains($0.to) },
                     "edges join given nodes")
        let n = nodeSizes.count
        // 1. Layers: longest path from a source, in a topological order (cycles broken).
        let order = Self.topologicalOrder(n, edges)
        var position = [Int](repeating: 0, count: n)
        for (i, v) in order.enumerated() { position[v] = i }
        var layer = [Int](repeating: 0, count: n)
        let oriented = edges.map { position[$0.from] <= position[$0.to] ? ($0.from, $0.to) : ($0.to, $0.from) }
        var heads = [[Int]](repeating: [], count: n)
        for (a, b) in oriented where a != b { heads[a].append(b) }
        for v in order {
            for b in heads[v] { layer[b] = max(layer[b], layer[v] + 1) }
        }
        let step = edgeLabels.contains { $0 != nil } ? 2 : 1
        // 2. Virtual vertices: the nodes, then one dummy per edge and rank crossed.
        var rankOf = layer.map { $0 * step }
        var size = nodeSizes
        var chains = [[Int]](repeating: [], count: edges.count)
        var labelVertex = [Int?](repeating: nil, count: edges.count)
        var labelLoad = [Double](repeating: 0, count: (layer.max() ?? 0) * step + 1)
        // Shorter edges choose their label's rank first: they have fewer ranks to choose from.
        let byLength = edges.indices.sorted { (rankOf[oriented[$0].1] - rankOf[oriented[$0].0], $0) < (rankOf[oriented[$1].1] - rankOf[oriented[$1].0], $1) }
        for e in byLength {
            let (a, b) = oriented[e]
            guard a != b else { continue }
            let ranks = Array(rankOf[a] + 1 ..< rankOf[b])
            var labelRank: Int?
            if let label = edgeLabels[e] {
                let middle = Double(rankOf[a] + rankOf[b]) / 2
                labelRank = ranks.filter { $0 % step == 1 || step == 1 }.min {
                    (labelLoad[$0], Swift.abs(Double($0) - middle), $0) < (labelLoad[$1], Swift.abs(Double($1) - middle), $1)
                }
                if let r = labelRank { labelLoad[r] += label.width + separation }
            }
            for r in ranks {
                rankOf.append(r)
                if r == labelRank, let label = edgeLabels[e] {
                    labelVertex[e] = size.count
                    size.append(label)
                } else {
                    size.append(Size(width: dummyWidth, height: 1))
                }
                chains[e].append(size.count - 1)
            }
        }
        let vertices = size.count, rankCount = labelLoad.count
        var up = [[Int]](repeating: [], count: vertices), down = [[Int]](repeating: [], count: vertices)
        for e in edges.indices where oriented[e].0 != oriented[e].1 {
            let path = [oriented[e].0] + chains[e] + [oriented[e].1]
            for (u, v) in zip(path, path.dropFirst()) { down[u].append(v); up[v].append(u) }
        }
        var ranks = [[Int]](repeating: [], count: rankCount)
        for v in 0..<vertices { ranks[rankOf[v]].append(v) }
        // 3. Crossing reduction: barycentre sweeps, keeping the best order seen.
        var slot = [Int](repeating: 0, count: vertices)
        func renumber() { for rank in ranks { for (i, v) in rank.enumerated() { slot[v] = i } } }
        renumber()
        var best = ranks, fewest = Self.crossings(ranks, down: down, slot: slot)
        for sweep in 0..<16 where fewest > 0 {
            let downward = sweep % 2 == 0
            for r in downward ? Array(1..<max(1, rankCount)) : Array((0..<max(0, rankCount - 1)).reversed()) {
                let key = ranks[r].map { v -> Double in
                    let neighbours = downward ? up[v] : down[v]
                    guard !neighbours.isEmpty else { return Double(slot[v]) }
                    return Double(neighbours.reduce(0) { $0 + slot[$1] }) / Double(neighbours.count)
                }
                ranks[r] = ranks[r].indices.sorted { (key[$0], $0) < (key[$1], $1) }.map { ranks[r][$0] }
                for (i, v) in ranks[r].enumerated() { slot[v] = i }
            }
            let count = Self.crossings(ranks, down: down, slot: slot)
            if count < fewest { fewest = count; best = ranks }
        }
        ranks = best
        renumber()
        // 4. Coordinates: y by rank bands; x packed, then fitted to neighbours under separation.
        var y = [Double](repeating: 0, count: rankCount)
        var top = 0.0
        for r in 0..<rankCount {
            let h = ranks[r].map { size[$0].height }.max() ?? 0
            y[r] = top + h / 2
            top += h + rankGap
        }
        var x = [Double](repeating: 0, count: vertices)
        for rank in ranks {
            var left = 0.0
            for v in rank { x[v] = left + size[v].width / 2; left += size[v].width + separation }
        }
        for pass in 0..<24 {
            let direction = pass % 3   // 0: to upper neighbours, 1: to lower, 2: to both
            for r in direction == 1 ? Array((0..<rankCount).reversed()) : Array(0..<rankCount) {
                let rank = ranks[r]
                guard !rank.isEmpty else { continue }
                let desired = rank.map { v -> Double in
                    let neighbours = direction == 0 ? up[v] : direction == 1 ? down[v] : up[v] + down[v]
                    guard !neighbours.isEmpty else { return x[v] }
                    return neighbours.reduce(0) { $0 + x[$1] } / Double(neighbours.count)
                }
                let gaps = zip(rank, rank.dropFirst()).map { (size[$0].width + size[$1].width) / 2 + separation }
                for (v, value) in zip(rank, Self.fit(desired, gaps: gaps)) { x[v] = value }
            }
        }
        let left = (0..<vertices).map { x[$0] - size[$0].width / 2 }.min() ?? 0
        let right = (0..<vertices).map { x[$0] + size[$0].width / 2 }.max() ?? 0
        func box(_ v: Int) -> Box { Box(x: x[v] - left, y: y[rankOf[v]], width: size[v].width, height: size[v].height) }
        layers = layer
        nodes = (0..<n).map(box)
        labels = labelVertex.map { $0.map(box) }
        routes = edges.indices.map { e in
            let (a, b) = oriented[e]
            guard a != b else { return [] }
            let tail = box(a), head = box(b)
            let path = [Point(x: tail.x, y: tail.maxY)] + chains[e].map { Point(x: box($0).x, y: box($0).y) }
                + [Point(x: head.x, y: head.minY)]
            return edges[e].from == a ? path : path.reversed()
        }
        width = right - left
        height = max(0, top - rankGap)
    }

    /// Kahn's algorithm taking the smallest ready index; when only cycles remain, the remaining
    /// node with fewest remaining predecessors (smallest index on ties) goes next.
    static func topologicalOrder(_ n: Int, _ edges: [(from: Int, to: Int)]) -> [Int] {
        var indegree = [Int](repeating: 0, count: n)
        var successors = [[Int]](repeating: [], count: n)
        for e in edges where e.from != e.to { indegree[e.to] += 1; successors[e.from].append(e.to) }
        var done = [Bool](repeating: false, count: n), order: [Int] = []
        while order.count < n {
            let next = (0..<n).filter { !done[$0] }.min { (indegree[$0], $0) < (indegree[$1], $1) }!
            done[next] = true
            order.append(next)
            for s in successors[next] { indegree[s] -= 1 }
        }
        return order
    }

    /// Crossings between consecutive ranks: pairs of segments whose ends are in opposite orders,
    /// counted as inversions of the lower ends taken in upper order, with a Fenwick tree
    /// (Barth, Jünger & Mutzel, "Simple and efficient bilayer cross counting", 2002).
    static func crossings(_ ranks: [[Int]], down: [[Int]], slot: [Int]) -> Int {
        var total = 0
        for (r, rank) in ranks.enumerated() where r + 1 < ranks.count {
            var segments: [(Int, Int)] = []
            for u in rank { for v in down[u] { segments.append((slot[u], slot[v])) } }
            segments.sort { $0 < $1 }
            var tree = [Int](repeating: 0, count: ranks[r + 1].count + 1)
            for (seen, segment) in segments.enumerated() {
                // Earlier segments (smaller upper end) whose lower end is strictly greater cross this one.
                var i = segment.1 + 1, atMost = 0
                while i > 0 { atMost += tree[i]; i -= i & -i }
                total += seen - atMost
                i = segment.1 + 1
                while i < tree.count { tree[i] += 1; i += i & -i }
            }
        }
        return total
    }

    /// Positions closest to `desired` (least squares) with `x[i+1] - x[i] >= gaps[i]`: with
    /// `s[i]` the summed gaps, `x[i] - s[i]` is the isotonic regression of `desired[i] - s[i]`,
    /// found by pool-adjacent-violators.
    static func fit(_ desired: [Double], gaps: [Double]) -> [Double] {
        var offset = [0.0]
        for g in gaps { offset.append(offset.last! + g) }
        var blocks: [(sum: Double, count: Int)] = []
        for (d, s) in zip(desired, offset) {
            blocks.append((d - s, 1))
            while blocks.count > 1 {
                let last = blocks[blocks.count - 1], previous = blocks[blocks.count - 2]
                guard previous.sum / Double(previous.count) > last.sum / Double(last.count) else { break }
                blocks.removeLast(2)
                blocks.append((previous.sum + last.sum, previous.count + last.count))
            }
        }
        var out: [Double] = []
        for block in blocks {
            for _ in 0..<block.count { out.append(block.sum / Double(block.count) + offset[out.count]) }
        }
        return out
    }
}
