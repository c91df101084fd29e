import SieveCore

/// Small helpers to write SVG text.
enum SVG {
    /// The Okabe–Ito palette, distinguishable with the common colour-vision deficiencies
    /// (yellow, hard to see on white, comes last).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
    /// Dash patterns that tell strategies apart in one colour.
    static let dashes = ["", "7 4", "2 3", "9 3 2 3"]
    static let font = "DejaVu Sans, Helvetica, Arial, sans-serif"

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    static func number(_ x: Double) -> String { NumberText.fixed(x, 2) }

    /// Approximate width of `text` at `size` px (for layout: labels must not overlap).
    static func textWidth(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.6 }

    /// A width `text` at `size` px does not exceed in DejaVu Sans or the narrower Helvetica and
    /// Arial (per character class, rounded up from DejaVu Sans's advance widths), for boxes that
    /// must hold their label.
    static func textWidthBound(_ text: String, size: Double, bold: Bool = false) -> Double {
        var em = 0.0
        for c in text {
            switch c {
            case "i", "l", "j", "I", "|", "!", "'", ".", ",", ":", ";", " ", "(", ")", "[", "]", "-", "f", "t", "r": em += 0.42
            case "m", "w", "M", "W", "−", "→", "≥", "%", "@": em += 1.0
            case "A"..."Z": em += 0.8
            default: em += 0.66
            }
        }
        return em * size * (bold ? 1.12 : 1)
    }

    static func text(_ s: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
                     weight: String = "normal", rotate: Double? = nil, fill: String = "#222", className: String? = nil) -> String {
        let transform = rotate.map { " transform=\"rotate(\(number($0)) \(number(x)) \(number(y)))\"" } ?? ""
        let cls = className.map { " class=\"\($0)\"" } ?? ""
        return "<text\(cls) x=\"\(number(x))\" y=\"\(number(y))\" font-size=\"\(number(size))\" text-anchor=\"\(anchor)\" "
            + "font-weight=\"\(weight)\" fill=\"\(fill)\"\(transform)>\(escape(s))</text>"
    }

    static func document(width: Double, height: Double, title: String, body: [String]) -> String {
        (["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(number(width))\" height=\"\(number(height))\" "
            + "viewBox=\"0 0 \(number(width)) \(number(height))\" font-family=\"\(font)\" role=\"img\">",
          "<title>\(escape(title))</title>",
          "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"] + body + ["</svg>"]).joined(separator: "\n") + "\n"
    }
}
