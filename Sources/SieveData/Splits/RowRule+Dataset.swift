import SieveCore

/// ``RowRule`` (SieveCore) against a dataset's rows: their compositions, targets and groups.
extension RowRule {
    /// Whether a row with this composition (nil when the dataset has none), target and group matches.
    public func matches(_ composition: Composition?, target: Double, group: String? = nil) -> Bool {
        matches(elements: composition?.elements, target: target, group: group)
    }

    /// Indices of the rows of `dataset` that match.
    public func matchingRows(of dataset: Dataset) -> [Int] {
        (0..<dataset.count).filter { matches(dataset.compositions?[$0], target: dataset.targets[$0], group: dataset.groups?[$0]) }
    }
}
