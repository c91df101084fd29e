import Foundation
import SieveCore

/// A directed graph drawn on a circle: an arrow for every edge, its width by the effect's size,
/// its colour by sign, labelled with the effect and how often the bootstrap found the edge.
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

    public init(title: String, nodes: [String], edges: [Edge], highlighted: Int? = nil) {
        self.title = title; self.nodes = nodes; self.edges = edges; self.highlighted = highlighted
    }

    public func svg(size: Double = 720) -> String {
        let centre = size / 2, radius = size * 0.34
        let positions = nodes.indices.map { i -> (Double, Double) in
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(max(1, nodes.count))
            return (centre + radius * cos(angle), centre + 20 + radius * sin(angle))
        }
        let strongest = max(edges.map { Swift.abs($0.weight) }.max() ?? 1, 1e-12)
        var body = [SVG.text(title, x: 12, y: 22, size: 14, weight: "bold"),
                    "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
                        + "orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>"]
        for edge in edges.sorted(by: { Swift.abs($0.weight) < Swift.abs($1.weight) }) {
            let (x1, y1) = positions[edge.from], (x2, y2) = positions[edge.to]
            let length = max(1, ((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)).squareRoot())
            let shrink = 30 / length
            let (sx, sy) = (x1 + (x2 - x1) * shrink, y1 + (y2 - y1) * shrink)
            let (ex, ey) = (x2 - (x2 - x1) * shrink, y2 - (y2 - y1) * shrink)
            let width = 0.8 + 5 * Swift.abs(edge.weight) / strongest
            let colour = edge.weight >= 0 ? "#D55E00" : "#0072B2"
            let label = NumberText.fixed(edge.weight, 3) + (edge.probability.map { " (p \(NumberText.fixed($0, 2)))" } ?? "")
            body.append("<line x1=\"\(SVG.number(sx))\" y1=\"\(SVG.number(sy))\" x2=\"\(SVG.number(ex))\" y2=\"\(SVG.number(ey))\" "
                        + "stroke=\"\(colour)\" stroke-width=\"\(SVG.number(width))\" stroke-opacity=\"0.75\" marker-end=\"url(#arrow)\">"
                        + "<title>\(SVG.escape("\(nodes[edge.from]) → \(nodes[edge.to]): \(label)"))</title></line>")
            body.append(SVG.text(label, x: (sx + ex) / 2, y: (sy + ey) / 2 - 3, size: 9, anchor: "middle", fill: "#444"))
        }
        for (i, name) in nodes.enumerated() {
            let (x, y) = positions[i]
            let fill = i == highlighted ? "#fde7d9" : "#eef4fa"
            body.append("<circle cx=\"\(SVG.number(x))\" cy=\"\(SVG.number(y))\" r=\"26\" fill=\"\(fill)\" stroke=\"#333\"/>")
            body.append(SVG.text(name, x: x, y: y + (y > centre + 20 ? 44 : -32), size: 11, anchor: "middle",
                                 weight: i == highlighted ? "bold" : "normal"))
        }
        body.append(SVG.text("edge: effect of the tail on the head (red positive, blue negative); p: bootstrap probability",
                             x: 12, y: size + 30, size: 10, fill: "#555"))
        return SVG.document(width: size, height: size + 40, title: title, body: body)
    }
}
