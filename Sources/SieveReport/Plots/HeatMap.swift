import Foundation
import SieveCore

/// A matrix as coloured cells (blue negative, red positive, white zero), with row and column
/// labels: an adjacency matrix, for instance.
public struct HeatMap: Sendable {
    public var title: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// Row-major values, `rowLabels.count × columnLabels.count`.
    public var values: [Double]
    /// The magnitude that gets the full colour (the largest |value| when nil).
    public var scale: Double?

    public init(title: String, rowLabels: [String], columnLabels: [String], values: [Double], scale: Double? = nil) {
        precondition(values.count == rowLabels.count * columnLabels.count, "A heat map needs one value per cell.")
        self.title = title; self.rowLabels = rowLabels; self.columnLabels = columnLabels; self.values = values; self.scale = scale
    }

    public func svg(cell: Double = 26) -> String {
        let left = (rowLabels.map { SVG.textWidth($0, size: 11) }.max() ?? 0) + 14
        let top = (columnLabels.map { SVG.textWidth($0, size: 11) }.max() ?? 0) * 0.72 + 40
        let width = left + cell * Double(columnLabels.count) + 90
        let height = top + cell * Double(rowLabels.count) + 20
        let full = scale ?? max(values.map(Swift.abs).max() ?? 1, 1e-12)
        var body = [SVG.text(title, x: 12, y: 20, size: 14, weight: "bold")]
        for (j, label) in columnLabels.enumerated() {
            let x = left + (Double(j) + 0.5) * cell
            body.append(SVG.text(label, x: x, y: top - 6, size: 11, rotate: -45))
        }
        for (i, label) in rowLabels.enumerated() {
            let y = top + Double(i) * cell
            body.append(SVG.text(label, x: left - 6, y: y + cell * 0.65, size: 11, anchor: "end"))
            for j in columnLabels.indices {
                let v = values[i * columnLabels.count + j]
                body.append("<rect x=\"\(SVG.number(left + Double(j) * cell))\" y=\"\(SVG.number(y))\" width=\"\(SVG.number(cell))\" "
                            + "height=\"\(SVG.number(cell))\" fill=\"\(Self.colour(v / full))\" stroke=\"#ddd\">"
                            + "<title>\(SVG.escape("\(label) ← \(columnLabels[j]): \(NumberText.fixed(v, 4))"))</title></rect>")
            }
        }
        // The colour key.
        let keyX = left + cell * Double(columnLabels.count) + 24
        for k in 0...10 {
            let v = 1 - Double(k) / 5
            body.append("<rect x=\"\(SVG.number(keyX))\" y=\"\(SVG.number(top + Double(k) * 12))\" width=\"14\" height=\"12\" "
                        + "fill=\"\(Self.colour(v))\"/>")
        }
        body.append(SVG.text(NumberText.fixed(full, 3), x: keyX + 18, y: top + 10, size: 10))
        body.append(SVG.text(NumberText.fixed(-full, 3), x: keyX + 18, y: top + 130, size: 10))
        return SVG.document(width: width, height: max(height, top + 150), title: title, body: body)
    }

    /// White at 0, saturating to blue (−1) and red (+1).
    static func colour(_ t: Double) -> String {
        let x = max(-1, min(1, t.isFinite ? t : 0))
        let (r, g, b): (Double, Double, Double) = x >= 0 ? (1, 1 - 0.75 * x, 1 - 0.8 * x) : (1 + 0.9 * x, 1 + 0.55 * x, 1)
        func hex(_ c: Double) -> String {
            let v = Int((max(0, min(1, c)) * 255).rounded())
            return String(v, radix: 16).count == 1 ? "0" + String(v, radix: 16) : String(v, radix: 16)
        }
        return "#" + hex(r) + hex(g) + hex(b)
    }
}
