import SieveCore

/// Magpie composition features: 22 element properties × {min, max, range, mean, mean absolute
/// deviation, mode} = 132 features (Ward et al., npj Comput. Mater. 2, 16028, 2016).
///
/// Fractions are by atom count. `mode` is the property of the most abundant element, ties going
/// to the element that appears first in the formula. Feature names are `<stat>_<property>`, as in
/// `shared/bench/featurize_magpie.py`.
public struct MagpieFeaturizer: Sendable {
    public static let statistics = ["min", "max", "range", "mean", "avgdev", "mode"]

    public let table: MagpieTable

    public init(table: MagpieTable = .shipped) { self.table = table }

    public var featureNames: [String] {
        MagpieFeaturizer.statistics.flatMap { stat in table.properties.map { "\(stat)_\($0)" } }
    }

    public var featureCount: Int { MagpieFeaturizer.statistics.count * table.properties.count }

    /// The first element of `composition` missing from the table, if any.
    public func unknownElement(in composition: Composition) -> String? {
        composition.elements.first { table.values[$0] == nil }
    }

    /// Writes the 132 features of `composition` into `out` (which must hold `featureCount` values).
    /// Every element must be in the table (check with ``unknownElement(in:)``).
    public func features(of composition: Composition, into out: UnsafeMutableBufferPointer<Float>) {
        let p = table.properties.count
        precondition(out.count == 6 * p, "Magpie features need a buffer of \(6 * p) values.")
        let fractions = composition.fractions
        let rows = composition.elements.map { table.values[$0]! }
        var modeIndex = 0
        for i in fractions.indices where fractions[i] > fractions[modeIndex] { modeIndex = i }
        for j in 0..<p {
            var lo = Double.infinity, hi = -Double.infinity, mean = 0.0
            for i in rows.indices {
                let v = rows[i][j]
                lo = Swift.min(lo, v); hi = Swift.max(hi, v)
                mean += fractions[i] * v
            }
            var deviation = 0.0
            for i in rows.indices { deviation += fractions[i] * Swift.abs(rows[i][j] - mean) }
            out[j] = Float(lo)
            out[p + j] = Float(hi)
            out[2 * p + j] = Float(hi - lo)
            out[3 * p + j] = Float(mean)
            out[4 * p + j] = Float(deviation)
            out[5 * p + j] = Float(rows[modeIndex][j])
        }
    }

    /// The features of one composition as a new array.
    public func features(of composition: Composition) -> [Float] {
        var out = [Float](repeating: 0, count: featureCount)
        out.withUnsafeMutableBufferPointer { features(of: composition, into: $0) }
        return out
    }
}
