/// A rule picking rows by chemistry, group or target; every given condition must hold. The one
/// type behind `where` (OOD test sets), `keep_rows` and ET-AL's `unlabelled.first`: read by
/// ``read(_:what:path:log:)``, matched by ``matches(elements:target:group:)``.
public struct RowRule: Sendable, Equatable {
    public var minElements: Int?
    public var maxElements: Int?
    /// Rows containing at least one of these elements, as written.
    public var containsAny: [String]
    /// Rows of one of these groups (crystal systems, or a group column's values), as written:
    /// ET-AL's fingerprint keeps this order.
    public var groups: [String]
    public var minTarget: Double?
    public var maxTarget: Double?
    /// Where the rule and each of its groups were written (nil and empty when built in code), for
    /// the checks that need the dataset; equality ignores them.
    public var location: SourceLocation?
    public var groupLocations: [SourceLocation] = []

    public init(minElements: Int? = nil, maxElements: Int? = nil, containsAny: [String] = [], groups: [String] = [],
                minTarget: Double? = nil, maxTarget: Double? = nil, location: SourceLocation? = nil) {
        self.minElements = minElements; self.maxElements = maxElements; self.containsAny = containsAny
        self.groups = groups; self.minTarget = minTarget; self.maxTarget = maxTarget; self.location = location
    }

    public static func == (a: RowRule, b: RowRule) -> Bool {
        a.minElements == b.minElements && a.maxElements == b.maxElements && a.containsAny == b.containsAny
            && a.groups == b.groups && a.minTarget == b.minTarget && a.maxTarget == b.maxTarget
    }

    /// The groups with where each was written, when the rule was read from a spec.
    public var locatedGroups: [Located<String>] {
        zip(groups, groupLocations).map { Located($0, at: $1) }
    }

    /// The rule in words: "at least 5 elements and target ≤ 5.0".
    public var summary: String {
        var parts: [String] = []
        if let lo = minElements { parts.append("at least \(lo) elements") }
        if let hi = maxElements { parts.append("at most \(hi) elements") }
        if !containsAny.isEmpty { parts.append("contains any of \(Set(containsAny).sorted().joined(separator: ", "))") }
        if !groups.isEmpty { parts.append("group in \(Set(groups).sorted().joined(separator: ", "))") }
        if let lo = minTarget { parts.append("target ≥ \(lo)") }
        if let hi = maxTarget { parts.append("target ≤ \(hi)") }
        return parts.joined(separator: " and ")
    }

    /// Whether the rule looks at each row's elements (so the rows need compositions).
    public var needsElements: Bool { minElements != nil || maxElements != nil || !containsAny.isEmpty }

    /// Whether a row with these distinct elements (nil when the rows have no compositions), target
    /// and group matches. A NaN target matches no target bound.
    public func matches(elements: [String]?, target: Double, group: String?) -> Bool {
        if let lo = minTarget, !(target >= lo) { return false }
        if let hi = maxTarget, !(target <= hi) { return false }
        if !groups.isEmpty && !(group.map(groups.contains) ?? false) { return false }
        guard needsElements else { return true }
        guard let elements else { return false }
        if let lo = minElements, elements.count < lo { return false }
        if let hi = maxElements, elements.count > hi { return false }
        if !containsAny.isEmpty && !elements.contains(where: containsAny.contains) { return false }
        return true
    }
}
