import SieveCore

/// A table of numeric features and a numeric target, with where each row came from.
public struct Dataset: Sendable {
    /// The file the rows were read from, as the user named it.
    public var path: String
    /// SHA-256 of the file's bytes.
    public var sha256: String
    public var featureNames: [String]
    /// One row per sample, one column per feature.
    public var features: Matrix<Float>
    public var targets: [Double]
    /// The 1-based line of each row in its file.
    public var lines: [Int]
    /// The formula of each row, when the dataset has a formula column.
    public var formulas: [String]?
    /// The parsed formula of each row, when the dataset has a formula column.
    public var compositions: [Composition]?
    /// How many rows `missing: drop_rows` left out.
    public var droppedRows: Int
    /// The file's header and every kept row's fields, when the loader was asked to keep them.
    public var originalHeader: [String]?
    public var originalRows: [[String]]?
    /// What the row rules (keep_rows, duplicates, sample) did.
    public var rowCounts = RowRuleCounts()
    /// The group of each row (its crystal system, or a column's text), when the dataset has a
    /// group rule.
    public var groups: [String]?
    /// What the loader did with the structure-feature cache (nil: no structures, or no cache).
    public var featureCache: StructureFeatureCache.Outcome?

    public init(path: String, sha256: String, featureNames: [String], features: Matrix<Float>, targets: [Double],
                lines: [Int], formulas: [String]? = nil, compositions: [Composition]? = nil, droppedRows: Int = 0,
                originalHeader: [String]? = nil, originalRows: [[String]]? = nil) {
        precondition(features.rows == targets.count && lines.count == targets.count,
                     "A dataset needs one target and one line number per feature row.")
        precondition(features.columns == featureNames.count, "A dataset needs one name per feature column.")
        self.path = path; self.sha256 = sha256; self.featureNames = featureNames; self.features = features
        self.targets = targets; self.lines = lines; self.formulas = formulas; self.compositions = compositions
        self.droppedRows = droppedRows
        self.originalHeader = originalHeader; self.originalRows = originalRows
    }

    public var count: Int { targets.count }

    /// "path:line" of row `i`, for messages.
    public func location(ofRow i: Int) -> String { "\(path):\(lines[i])" }

    /// The rows at `indices`, in that order.
    public func selecting(rows indices: [Int]) -> Dataset {
        Dataset(path: path, sha256: sha256, featureNames: featureNames, features: features.gatheringRows(indices),
                targets: indices.map { targets[$0] }, lines: indices.map { lines[$0] },
                formulas: formulas.map { f in indices.map { f[$0] } },
                compositions: compositions.map { c in indices.map { c[$0] } }, droppedRows: droppedRows,
                originalHeader: originalHeader, originalRows: originalRows.map { o in indices.map { o[$0] } })
            .withGroups(groups.map { g in indices.map { g[$0] } }, featureCache: featureCache)
    }

    func withGroups(_ groups: [String]?, featureCache: StructureFeatureCache.Outcome? = nil) -> Dataset {
        var copy = self
        copy.groups = groups
        copy.featureCache = featureCache ?? copy.featureCache
        return copy
    }
}
