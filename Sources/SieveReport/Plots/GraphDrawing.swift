import Foundation
import SieveCore

/// A directed acyclic graph drawn in layers that follow its causal order (`LayeredLayout`): an
/// arrow for every edge found in at least `minProbability` of the bootstrap resamples, its width
/// by the effect's size, its colour by sign, labelled with the effect and that probability.
/// Node and edge labels are boxes of the layout, so no two of them overlap.
public struct GraphDrawing: Sendable {
    public struct Edge: Sendable {
        public var from: Int
        public var to: Int
        public var weight: Double
        /// Share of bootstrap resamples that found the edge, if known.
        public var probability: Double?
        public init(from: Int, to: Int, weight: Double, probability: Double? = nil) {
            self.from = from; self.to = to; self.weight = weight; self.probability = probability
        }
    }

    public var title: String
    public var nodes: [String]
    public var edges: [Edge]
    /// A node drawn apart (the target), if any.
    public var highlighted: Int?
    /// Edges with a bootstrap probability below this are left out (edges without one are drawn).
    public var minProbability: Double

    public init(title: String, nodes: [String], edges: [Edge], highlighted: Int? = nil, minProbability: Double = 0) {
        self.title = title; self.nodes = nodes; self.edges = edges; self.highlighted = highlighted
        self.minProbability = minProbability
    }

    static let nodeFont = 11.0, edgeFont = 9.0

    /// The edges drawn: those at or above the threshold.
    public var drawnEdges: [Edge] { edges.filter { ($0.probability ?? 1) >= minProbability } }

    static func label(_ edge: Edge) -> String {
        NumberText.fixed(edge.weight, 3) + (edge.probability.map { " (p \(NumberText.fixed($0, 2)))" } ?? "")
    }

    /// The layout of the drawn edges: node boxes sized from their names, edge labels from their text.
    public func layout() -> LayeredLayout {
        let shown = drawnEdges
        return LayeredLayout(
            nodes: nodes.enumerated().map { i, name in
                .init(width: SVG.textWidthBound(name, size: Self.nodeFont, bold: i == highlighted) + 16, height: 26)
            },
            edges: shown.map { (from: $0.from, to: $0.to) },
            edgeLabels: shown.map { .init(width: SVG.textWidthBound(Self.label($0), size: Self.edgeFont) + 6, height: 13) })
    }

    public func svg() -> String {
        let shown = drawnEdges, layout = layout()
        let margin = 16.0, top = 44.0
        let caption = "edge: effect of the tail on the head (red positive, blue negative); p: bootstrap probability"
            + (minProbability > 0 ? "; \(shown.count) of \(edges.count) edges have p ≥ \(NumberText.fixed(minProbability, 2))" : "")
        let width = max(layout.width + 2 * margin, SVG.textWidthBound(title, size: 14, bold: true) + 24,
                        SVG.textWidthBound(caption, size: 10) + 24)
        let dx = (width - layout.width) / 2, height = top + layout.height + 44
        func p(_ x: Double, _ y: Double) -> String { "\(SVG.number(x + dx)) \(SVG.number(y + top))" }
        let strongest = max(shown.map { Swift.abs($0.weight) }.max() ?? 1, 1e-12)
        var body = [SVG.text(title, x: 12, y: 22, size: 14, weight: "bold"),
                    "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" "
                        + "markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>"]
        var labels: [String] = []
        for e in shown.indices.sorted(by: { Swift.abs(shown[$0].weight) < Swift.abs(shown[$1].weight) }) {
            let edge = shown[e], route = layout.routes[e]
            guard let first = route.first else { continue }
            // Vertical tangents at every point: a smooth curve through the dummies, as `dot` draws.
            var d = "M \(p(first.x, first.y))"
            for (a, b) in zip(route, route.dropFirst()) {
                let mid = (a.y + b.y) / 2
                d += " C \(p(a.x, mid)) \(p(b.x, mid)) \(p(b.x, b.y))"
            }
            let colour = edge.weight >= 0 ? "#D55E00" : "#0072B2"
            let text = Self.label(edge)
            body.append("<path d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(SVG.number(0.8 + 4 * Swift.abs(edge.weight) / strongest))\" "
                        + "stroke-opacity=\"0.7\" marker-end=\"url(#arrow)\">"
                        + "<title>\(SVG.escape("\(nodes[edge.from]) → \(nodes[edge.to]): \(text)"))</title></path>")
            if let box = layout.labels[e] {
                labels.append("<rect x=\"\(SVG.number(box.minX + dx))\" y=\"\(SVG.number(box.minY + top))\" width=\"\(SVG.number(box.width))\" "
                              + "height=\"\(SVG.number(box.height))\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.9\" stroke=\"\(colour)\" stroke-width=\"0.5\"/>")
                labels.append(SVG.text(text, x: box.x + dx, y: box.y + top + 3, size: Self.edgeFont, anchor: "middle", fill: "#333",
                                       className: "edge-label"))
            }
        }
        body += labels
        for (i, name) in nodes.enumerated() {
            let box = layout.nodes[i]
            let fill = i == highlighted ? "#fde7d9" : "#eef4fa"
            body.append("<rect x=\"\(SVG.number(box.minX + dx))\" y=\"\(SVG.number(box.minY + top))\" width=\"\(SVG.number(box.width))\" "
                        + "height=\"\(SVG.number(box.height))\" rx=\"8\" fill=\"\(fill)\" stroke=\"#333\"/>")
            body.append(SVG.text(name, x: box.x + dx, y: box.y + top + 4, size: Self.nodeFont, anchor: "middle",
                                 weight: i == highlighted ? "bold" : "normal", className: "node-label"))
        }
        body.append(SVG.text(caption, x: 12, y: height - 14, size: 10, fill: "#555"))
        return SVG.document(width: width, height: height, title: title, body: body)
    }
}
