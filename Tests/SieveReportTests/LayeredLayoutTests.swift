import Foundation
import Testing
import SieveCore
@testable import SieveReport

/// The layered DAG layout: edges point down the layers, the result is deterministic, and no two
/// label boxes (nodes' or edges') overlap, on the committed causal studies' graphs and on random DAGs.
@Suite struct LayeredLayoutTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The pool's graph of a committed causal study, read from its `causal_graphs.csv` and
    /// `causal_edges.csv` (the figure's own inputs).
    static func committed(_ study: String) throws -> GraphDrawing {
        func rows(_ file: String) throws -> [[String]] {
            try String(contentsOfFile: "\(root)/results/\(study)/\(file)", encoding: .utf8)
                .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        var probability: [String: Double] = [:]
        for r in try rows("causal_edges.csv") { probability[r[0] + "→" + r[1]] = Double(r[2]) }
        let pool = try rows("causal_graphs.csv").filter { $0[0] == "pool" }
        var names: [String] = []
        for r in pool where !names.contains(r[1]) { names.append(r[1]) }
        let edges = pool.compactMap { r -> GraphDrawing.Edge? in
            guard let w = Double(r[3]), w != 0 else { return nil }
            return .init(from: names.firstIndex(of: r[2])!, to: names.firstIndex(of: r[1])!, weight: w,
                         probability: probability[r[2] + "→" + r[1]])
        }
        return GraphDrawing(title: study, nodes: names, edges: edges, highlighted: names.count - 1, minProbability: 0.5)
    }

    /// A random DAG on `nodes` nodes with `edges` edges (i → j only for i < j, then relabelled).
    static func randomDAG(seed: UInt64, nodes: Int, edges count: Int) -> GraphDrawing {
        var rng = SplitMix64(seed: seed)
        var pairs: [(Int, Int)] = []
        for i in 0..<nodes { for j in (i + 1)..<max(i + 1, nodes) { pairs.append((i, j)) } }
        for i in stride(from: pairs.count - 1, to: 0, by: -1) { pairs.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        var names = (0..<nodes).map { "Variable\(String(repeating: "x", count: Int(rng.next() % 12)))_\($0)" }
        let relabel = (0..<nodes).map { ($0 * 7 + 3) % nodes }   // gcd(7, nodes) = 1: a permutation
        names = names.indices.map { names[relabel[$0]] }
        let edges = pairs.prefix(count).map { p in
            GraphDrawing.Edge(from: relabel[p.0], to: relabel[p.1], weight: Double(Int(rng.next() % 2001)) / 100 - 10,
                              probability: Double(Int(rng.next() % 101)) / 100)
        }
        return GraphDrawing(title: "random", nodes: names, edges: edges, highlighted: 0, minProbability: 0)
    }

    /// Every pair of boxes among nodes and edge labels; returns the overlapping pairs' descriptions.
    static func overlaps(_ drawing: GraphDrawing, _ layout: LayeredLayout) -> [String] {
        let shown = drawing.drawnEdges
        let boxes = layout.nodes.enumerated().map { ("node \(drawing.nodes[$0])", $1) }
            + layout.labels.enumerated().compactMap { e, b in b.map { ("label of \(drawing.nodes[shown[e].from]) → \(drawing.nodes[shown[e].to])", $0) } }
        var out: [String] = []
        for i in boxes.indices { for j in boxes.indices where j > i && boxes[i].1.overlaps(boxes[j].1) { out.append("\(boxes[i].0) / \(boxes[j].0)") } }
        return out
    }

    static func checkEdgesGoDown(_ drawing: GraphDrawing, _ layout: LayeredLayout) {
        for (e, edge) in drawing.drawnEdges.enumerated() {
            #expect(layout.layers[edge.from] < layout.layers[edge.to], "edge \(drawing.nodes[edge.from]) → \(drawing.nodes[edge.to]) goes down")
            let route = layout.routes[e]
            #expect(zip(route, route.dropFirst()).allSatisfy { $0.y < $1.y }, "its route descends: \(route)")
            #expect(layout.labels[e] != nil, "every drawn edge has its label placed")
        }
    }

    @Test(arguments: ["qm9-causal", "mp-causal"])
    func committedStudiesGraphsHaveNoOverlappingLabels(study: String) throws {
        let drawing = try Self.committed(study)
        #expect(drawing.drawnEdges.count >= 20, "the committed graph is read: \(drawing.drawnEdges.count) edges")
        let layout = drawing.layout()
        Self.checkEdgesGoDown(drawing, layout)
        #expect(Self.overlaps(drawing, layout) == [])
        try PlotTests.xmllint(drawing.svg())
    }

    @Test func fortyEdgeRandomDAGsHaveNoOverlappingLabels() {
        for seed in UInt64(0)..<20 {
            let drawing = Self.randomDAG(seed: seed, nodes: 12, edges: 40)
            let layout = drawing.layout()
            #expect(drawing.drawnEdges.count == 40)
            Self.checkEdgesGoDown(drawing, layout)
            #expect(Self.overlaps(drawing, layout) == [], "seed \(seed)")
        }
    }

    @Test func layoutIsDeterministic() throws {
        let drawing = try Self.committed("qm9-causal")
        #expect(drawing.svg() == drawing.svg())
        let a = Self.randomDAG(seed: 7, nodes: 12, edges: 40).layout(), b = Self.randomDAG(seed: 7, nodes: 12, edges: 40).layout()
        #expect(a.nodes == b.nodes && a.labels == b.labels && a.routes == b.routes)
    }

    @Test func layersFollowTheLongestPathFromASource() {
        // 0 → 1 → 2 and 0 → 2: node 2 is on layer 2, not 1; 3 is isolated and a source.
        let layout = LayeredLayout(nodes: Array(repeating: .init(width: 40, height: 20), count: 4),
                                   edges: [(0, 1), (1, 2), (0, 2)], edgeLabels: [nil, nil, nil])
        #expect(layout.layers == [0, 1, 2, 0])
        #expect(layout.routes[2].count == 3, "the long edge passes through one dummy")
        // A cycle is broken, not looped over: every node still gets a layer.
        let cyclic = LayeredLayout(nodes: Array(repeating: .init(width: 40, height: 20), count: 3),
                                   edges: [(0, 1), (1, 2), (2, 0)], edgeLabels: [nil, nil, nil])
        #expect(cyclic.layers.sorted() == [0, 1, 2])
    }

    @Test func thresholdLeavesOutUnlikelyEdges() {
        let drawing = GraphDrawing(title: "t", nodes: ["a", "b", "c"], edges: [
            .init(from: 0, to: 1, weight: 1, probability: 0.9), .init(from: 1, to: 2, weight: -1, probability: 0.3),
            .init(from: 0, to: 2, weight: 0.5)], minProbability: 0.5)
        #expect(drawing.drawnEdges.map(\.to) == [1, 2], "p 0.3 is left out; an edge without a probability is drawn")
        #expect(drawing.svg().contains("2 of 3 edges have p ≥ 0.50"))
    }

    @Test func crossingCountMatchesPairwiseCount() {
        for seed in UInt64(0)..<50 {
            var rng = SplitMix64(seed: seed)
            let upper = 1 + Int(rng.next() % 8), lower = 1 + Int(rng.next() % 8)
            let ranks = [Array(0..<upper), Array(upper..<(upper + lower))]
            var down = [[Int]](repeating: [], count: upper + lower)
            for u in 0..<upper { for v in upper..<(upper + lower) where rng.next() % 3 == 0 { down[u].append(v) } }
            let slot = (0..<upper).map { $0 } + (0..<lower).map { $0 }
            var segments: [(Int, Int)] = []
            for u in 0..<upper { for v in down[u] { segments.append((u, v - upper)) } }
            var pairwise = 0
            for i in segments.indices { for j in segments.indices where j > i && (segments[i].0 - segments[j].0) * (segments[i].1 - segments[j].1) < 0 { pairwise += 1 } }
            #expect(LayeredLayout.crossings(ranks, down: down, slot: slot) == pairwise, "seed \(seed)")
        }
    }

    @Test func separationFitIsLeastSquaresUnderTheGaps() {
        #expect(LayeredLayout.fit([0, 0, 0], gaps: [2, 2]) == [-2, 0, 2])
        #expect(LayeredLayout.fit([0, 10, 11], gaps: [1, 1]) == [0, 10, 11])
        let x = LayeredLayout.fit([5, 1, 9, 2], gaps: [3, 1, 4])
        #expect(zip(x, x.dropFirst()).enumerated().allSatisfy { i, p in p.1 - p.0 >= [3.0, 1, 4][i] - 1e-9 })
    }
}
