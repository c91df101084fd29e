import SieveCore

/// A line chart with ±1 standard-deviation bands, on a log or linear x axis, as SVG.
public struct LineChart: Sendable {
    public struct Point: Sendable {
        public var x: Double
        public var y: Double
        public var spread: Double
        public init(x: Double, y: Double, spread: Double = 0) { self.x = x; self.y = y; self.spread = spread }
    }

    public struct Series: Sendable {
        public var name: String
        public var colour: Int
        public var dash: Int
        public var points: [Point]
        public init(name: String, colour: Int, dash: Int = 0, points: [Point]) {
            self.name = name; self.colour = colour; self.dash = dash; self.points = points.sorted { $0.x < $1.x }
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var logX = true
    /// Write x ticks as percentages (for fractions of the pool).
    public var percentX = false
    public var series: [Series]

    public init(title: String, xLabel: String, yLabel: String, logX: Bool = true, percentX: Bool = false, series: [Series]) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.logX = logX; self.percentX = percentX
        self.series = series.filter { !$0.points.isEmpty }
    }

    public func svg(width: Double = 760, height: Double = 460) -> String {
        let xs = series.flatMap { $0.points.map(\.x) }
        let ys = series.flatMap { $0.points.flatMap { [$0.y - $0.spread, $0.y + $0.spread] } }
        let xAxis = logX ? Axis.log(covering: xs) : Axis.linear(covering: xs)
        let yAxis = Axis.linear(covering: ys.isEmpty ? [0, 1] : ys)
        let legendWidth = (series.map { SVG.textWidth($0.name, size: 12) }.max() ?? 0) + 48
        let left = 74.0, top = 46.0, bottom = 62.0
        let right = legendWidth + 24
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        // Data keep a small margin from the frame so that end points and bands stay visible.
        let pad = 10.0
        func px(_ x: Double) -> Double { left + pad + xAxis.fraction(x) * (plotWidth - 2 * pad) }
        func py(_ y: Double) -> Double { top + (1 - yAxis.fraction(y)) * plotHeight }

        var body: [String] = [SVG.text(title, x: left, y: 26, size: 16, weight: "bold")]
        // Grid and y ticks.
        for t in yAxis.ticks {
            body.append("<line x1=\"\(SVG.number(left))\" y1=\"\(SVG.number(py(t)))\" x2=\"\(SVG.number(left + plotWidth))\" "
                        + "y2=\"\(SVG.number(py(t)))\" stroke=\"#e3e3e3\" stroke-width=\"1\"/>")
            body.append(SVG.text(yAxis.label(t), x: left - 8, y: py(t) + 4, anchor: "end"))
        }
        // x ticks, thinned so that labels never overlap.
        let labels = xAxis.ticks.map { xAxis.label($0, percent: percentX) }
        var lastRight = -Double.infinity
        for (t, label) in zip(xAxis.ticks, labels) {
            let x = px(t)
            body.append("<line x1=\"\(SVG.number(x))\" y1=\"\(SVG.number(top))\" x2=\"\(SVG.number(x))\" "
                        + "y2=\"\(SVG.number(top + plotHeight))\" stroke=\"#e3e3e3\" stroke-width=\"1\"/>")
            let half = SVG.textWidth(label, size: 12) / 2
            if x - half > lastRight + 6 {
                body.append(SVG.text(label, x: x, y: top + plotHeight + 18, anchor: "middle"))
                lastRight = x + half
            }
        }
        body.append("<rect x=\"\(SVG.number(left))\" y=\"\(SVG.number(top))\" width=\"\(SVG.number(plotWidth))\" "
                    + "height=\"\(SVG.number(plotHeight))\" fill=\"none\" stroke=\"#888\" stroke-width=\"1\"/>")
        body.append(SVG.text(xLabel, x: left + plotWidth / 2, y: height - 16, size: 13, anchor: "middle"))
        body.append(SVG.text(yLabel, x: 20, y: top + plotHeight / 2, size: 13, anchor: "middle", rotate: -90))
        // Bands, then lines and markers.
        for s in series where s.points.contains(where: { $0.spread > 0 }) {
            let upper = s.points.map { "\(SVG.number(px($0.x))),\(SVG.number(py($0.y + $0.spread)))" }
            let lower = s.points.reversed().map { "\(SVG.number(px($0.x))),\(SVG.number(py($0.y - $0.spread)))" }
            body.append("<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(colour(s))\" "
                        + "fill-opacity=\"0.16\" stroke=\"none\"/>")
        }
        for s in series {
            let points = s.points.map { "\(SVG.number(px($0.x))),\(SVG.number(py($0.y)))" }.joined(separator: " ")
            let dash = SVG.dashes[s.dash % SVG.dashes.count]
            body.append("<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(colour(s))\" stroke-width=\"2\""
                        + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>")
            for p in s.points {
                body.append("<circle cx=\"\(SVG.number(px(p.x)))\" cy=\"\(SVG.number(py(p.y)))\" r=\"3\" fill=\"\(colour(s))\"/>")
            }
        }
        // Legend, outside the plot on the right.
        let legendX = left + plotWidth + 20
        for (i, s) in series.enumerated() {
            let y = top + 10 + Double(i) * 20
            let dash = SVG.dashes[s.dash % SVG.dashes.count]
            body.append("<line x1=\"\(SVG.number(legendX))\" y1=\"\(SVG.number(y))\" x2=\"\(SVG.number(legendX + 26))\" "
                        + "y2=\"\(SVG.number(y))\" stroke=\"\(colour(s))\" stroke-width=\"2\""
                        + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>")
            body.append(SVG.text(s.name, x: legendX + 32, y: y + 4))
        }
        return SVG.document(width: width, height: height, title: title, body: body)
    }

    private func colour(_ s: Series) -> String { SVG.palette[s.colour % SVG.palette.count] }
}
