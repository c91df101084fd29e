import SieveCore

/// Picks rows of a dataset by their chemistry or target; every given condition must hold.
public struct RowFilter: Sendable, Equatable {
    public var minElements: Int?
    public var maxElements: Int?
    /// Rows containing at least one of these elements.
    public var containsAny: Set<String>
    public var minTarget: Double?
    public var maxTarget: Double?
    /// Rows of one of these groups (crystal systems, or a group column's values).
    public var groups: Set<String> = []

    public init(minElements: Int? = nil, maxElements: Int? = nil, containsAny: Set<String> = [],
                minTarget: Double? = nil, maxTarget: Double? = nil) {
        self.minElements = minElements; self.maxElements = maxElements; self.containsAny = containsAny
        self.minTarget = minTarget; self.maxTarget = maxTarget
    }

    /// The rule in words: "at least 5 elements and target ≤ 5.0".
    public var summary: String {
        var parts: [String] = []
        if let lo = minElements { parts.append("at least \(lo) elements") }
        if let hi = maxElements { parts.append("at most \(hi) elements") }
        if !containsAny.isEmpty { parts.append("contains any of \(containsAny.sorted().joined(separator: ", "))") }
        if !groups.isEmpty { parts.append("group in \(groups.sorted().joined(separator: ", "))") }
        if let lo = minTarget { parts.append("target ≥ \(lo)") }
        if let hi = maxTarget { parts.append("target ≤ \(hi)") }
        return parts.joined(separator: " and ")
    }

    public var needsCompositions: Bool { minElements != nil || maxElements != nil || !containsAny.isEmpty }

    /// Whether a row with this composition (nil when the dataset has none) and target matches.
    public func matches(_ composition: Composition?, target: Double, group: String? = nil) -> Bool {
        if let lo = minTarget, target < lo { return false }
        if let hi = maxTarget, target > hi { return false }
        if !groups.isEmpty && !(group.map(groups.contains) ?? false) { return false }
        guard needsCompositions else { return true }
        guard let composition else { return false }
        if let lo = minElements, composition.count < lo { return false }
        if let hi = maxElements, composition.count > hi { return false }
        if !containsAny.isEmpty && !composition.elements.contains(where: containsAny.contains) { return false }
        return true
    }

    /// Indices of the rows of `dataset` that match.
    public func matchingRows(of dataset: Dataset) -> [Int] {
        (0..<dataset.count).filter { matches(dataset.compositions?[$0], target: dataset.targets[$0], group: dataset.groups?[$0]) }
    }
}
