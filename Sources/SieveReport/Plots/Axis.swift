import Foundation
import SieveCore

/// An axis scale with ticks a person would choose.
struct Axis {
    enum Kind { case linear, log }

    let kind: Kind
    let lower: Double
    let upper: Double
    let ticks: [Double]

    /// A linear axis covering `values` (with a little margin) with 1, 2, 2.5 or 5 × 10^k steps.
    static func linear(covering values: [Double], includeZero: Bool = false, targetTicks: Int = 5) -> Axis {
        var lo = values.min() ?? 0, hi = values.max() ?? 1
        if includeZero { lo = Swift.min(lo, 0) }
        if hi - lo < 1e-12 { lo -= 0.5; hi += 0.5 }
        let step = niceStep((hi - lo) / Double(targetTicks))
        let first = (lo / step).rounded(.down) * step, last = (hi / step).rounded(.up) * step
        var ticks: [Double] = []
        var t = first
        while t <= last + step * 1e-9 { ticks.append(abs(t) < step * 1e-9 ? 0 : t); t += step }
        return Axis(kind: .linear, lower: first, upper: last, ticks: ticks)
    }

    /// A log axis covering `values` (all positive), extended to the nearest ticks at 1, 2, 5 × 10^k
    /// on either side so that both ends carry a label.
    static func log(covering values: [Double]) -> Axis {
        let positive = values.filter { $0 > 0 }
        let lo = positive.min() ?? 1, hi = positive.max() ?? 10
        let nice = Self.oneTwoFive(from: lo, to: hi)
        let lower = nice.last { $0 <= lo * 1.0001 } ?? lo
        let upper = nice.first { $0 >= hi * 0.9999 } ?? hi
        let ticks = nice.filter { $0 >= lower * 0.9999 && $0 <= upper * 1.0001 }
        return Axis(kind: .log, lower: lower, upper: upper == lower ? upper * 2 : upper, ticks: ticks)
    }

    /// The 1, 2, 5 × 10^k sequence from one step below `lo` to one step above `hi`.
    static func oneTwoFive(from lo: Double, to hi: Double) -> [Double] {
        var out: [Double] = []
        var decade = pow10((lo.log10Value).rounded(.down) - 1)
        while out.last.map({ $0 < hi * 10 }) ?? true {
            for m in [1.0, 2, 5] { out.append(m * decade) }
            decade *= 10
        }
        return out
    }

    /// Position of `value` in [0, 1] along the axis.
    func fraction(_ value: Double) -> Double {
        switch kind {
        case .linear: return (value - lower) / (upper - lower)
        case .log: return (value.log10Value - lower.log10Value) / (upper.log10Value - lower.log10Value)
        }
    }

    /// Tick label text: plain numbers, percent for fractions on a log axis when asked.
    func label(_ value: Double, percent: Bool = false) -> String {
        if percent { return NumberText.trimmed(value * 100, maxDecimals: 3) + " %" }
        if kind == .log && value >= 1000 {
            let exponent = Int(value.log10Value.rounded(.down))
            let mantissa = value / pow10(Double(exponent))
            if abs(mantissa - mantissa.rounded()) < 1e-9 && value >= 10_000 {
                return (mantissa == 1 ? "" : "\(Int(mantissa))×") + "10" + superscript(exponent)
            }
        }
        let step = ticks.count > 1 ? abs(ticks[1] - ticks[0]) : abs(value)
        let decimals = kind == .linear ? Swift.max(0, Swift.min(6, -Int((step.log10Value).rounded(.down)))) : 6
        return NumberText.trimmed(value, maxDecimals: decimals)
    }

    static func niceStep(_ raw: Double) -> Double {
        let exponent = (raw.log10Value).rounded(.down)
        let base = pow10(exponent)
        let m = raw / base
        let nice: Double = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10
        return nice * base
    }
}

func pow10(_ e: Double) -> Double { pow(10, e) }

func superscript(_ n: Int) -> String {
    let digits: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶",
                                          "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
    return String(String(n).map { digits[$0] ?? $0 })
}

extension Double {
    var log10Value: Double { self > 0 ? log10(self) : -.infinity }
}
