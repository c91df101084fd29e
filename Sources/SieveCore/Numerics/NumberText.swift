/// Number formatting for tables and CSV files, without `String(format:)` (slow on Linux and
/// locale-dependent).
public enum NumberText {
    /// A count with its noun, plural unless one: `counted(1, "iteration") == "1 iteration"`.
    public static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// `value` rounded to `digits` decimals, e.g. `fixed(0.30712, 3) == "0.307"`.
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        precondition(digits >= 0 && digits <= 15, "fixed() takes 0 to 15 decimals.")
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (Swift.abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return value.description }
        let integer = UInt64(scaled)
        let negative = value < 0 && integer != 0
        var digitsText = String(integer)
        if digits > 0 {
            if digitsText.count <= digits {
                digitsText = String(repeating: "0", count: digits - digitsText.count + 1) + digitsText
            }
            digitsText.insert(".", at: digitsText.index(digitsText.endIndex, offsetBy: -digits))
        }
        return (negative ? "-" : "") + digitsText
    }

    /// `value` with `significant` significant digits in plain (not scientific) notation for
    /// magnitudes from 1e-6 to 1e15.
    public static func significant(_ value: Double, _ significant: Int) -> String {
        guard value.isFinite, value != 0 else { return value == 0 ? "0" : fixed(value, 0) }
        let magnitude = Int((Swift.abs(value)).log10Floor)
        let decimals = Swift.max(0, Swift.min(15, significant - 1 - magnitude))
        return fixed(value, decimals)
    }

    /// Shortest text that reads back as exactly the same `Double` (Swift's `description`), with
    /// integral values written without a trailing ".0" so CSV readers see integers as integers.
    public static func exact(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), Swift.abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }
}

extension Double {
    /// ⌊log10(|self|)⌋, exact at powers of ten.
    var log10Floor: Double {
        var m = 0.0
        var x = self
        while x >= 10 { x /= 10; m += 1 }
        while x < 1 { x *= 10; m -= 1 }
        return m
    }
}

extension NumberText {
    /// A fraction written as briefly as it reads back exactly ("0.05", "1", "0.001").
    public static func exactFraction(_ value: Double) -> String {
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}

extension NumberText {
    /// `value` rounded to at most `maxDecimals` decimals, without trailing zeros ("7", "0.5", "12.25").
    public static func trimmed(_ value: Double, maxDecimals: Int = 6) -> String {
        var text = fixed(value, maxDecimals)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
