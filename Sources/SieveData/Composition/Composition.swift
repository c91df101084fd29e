import SieveCore

/// The elements of a chemical formula and their amounts, in order of first appearance.
///
/// Order matters for the Magpie "mode" statistic, whose ties go to the element that appears first
/// (as NumPy's `argmax` does in the reference featuriser).
public struct Composition: Sendable, Equatable {
    public private(set) var elements: [String] = []
    public private(set) var amounts: [Double] = []

    public init() {}

    public init(_ pairs: [(String, Double)]) {
        for (element, amount) in pairs { add(element, amount) }
    }

    /// Adds `amount` of `element`, keeping the element's first position if it is already present.
    public mutating func add(_ element: String, _ amount: Double) {
        if let i = elements.firstIndex(of: element) {
            amounts[i] += amount
        } else {
            elements.append(element)
            amounts.append(amount)
        }
    }

    public var count: Int { elements.count }
    public var isEmpty: Bool { elements.isEmpty }

    public func amount(of element: String) -> Double {
        elements.firstIndex(of: element).map { amounts[$0] } ?? 0
    }

    public func contains(_ element: String) -> Bool { elements.contains(element) }

    /// Atomic fractions, summing to 1.
    public var fractions: [Double] {
        let total = amounts.reduce(0, +)
        return amounts.map { $0 / total }
    }

    /// A key equal for compositions in the same proportions (`Fe2O3`, `Fe4O6`, `O3Fe2`,
    /// `Fe0.4O0.6`): elements sorted by symbol with atomic fractions rounded to 1e-6.
    public var reducedKey: String {
        let f = fractions
        return zip(elements, f).sorted { $0.0 < $1.0 }
            .map { "\($0.0)\(NumberText.fixed($0.1, 6))" }
            .joined()
    }
}

