import SieveCore
import SieveData
import SieveModels
import SieveResolve
import SieveSelection

/// A named set of test rows of the feature store.
public typealias TestSet = NamedRows

/// What was read from one data file, for the manifest.
public struct DatasetProvenance: Sendable, Equatable, Codable {
    public let role: String
    public let path: String
    public let sha256: String
    public let rows: Int
    public let droppedRows: Int
    /// What the dataset's row rules did (only when it has rules).
    public var rowRules: RowRuleCounts? = nil
}

/// An experiment's data, loaded once and shared read-only by every run: one feature store holding
/// the main dataset and any other-file test sets, the training pool, and the test sets.
public struct ExperimentData: Sendable {
    public let store: FeatureStore
    public let targets: [Double]
    /// Rows runs draw their training sets from, ascending (the first fold's under cross-validation).
    public let pool: [Int]
    /// The ID test set ("id", or a fold's "held_out") first, then the OOD sets in spec order (the
    /// first fold's under cross-validation).
    public let testSets: [TestSet]
    /// Under cross-validation, each fold's pool and test sets; otherwise one entry, the above.
    public var folds: [DataFold] = []
    public let provenance: [DatasetProvenance]
    /// What identifies each store row to a person: its formula, or its file and line.
    public let rowNames: [String]
    /// The group of each store row, when the dataset has a group rule ("" for rows of other files).
    public var groups: [String]?
    /// Things the user should know about the data that are not errors, as sentences.
    public var warnings: [String] = []
    /// What loading did with the structure-feature cache, one entry per data file with structures.
    public var featureCache: [StructureFeatureCache.Outcome] = []

    public var splitNames: [String] { testSets.map(\.name) }

    /// The pool and test sets of a run's fold (nil: the experiment has no folds).
    public func fold(_ number: Int?) -> DataFold {
        guard let number else { return folds[0] }
        return folds[number - 1]
    }

    /// Whether runs are cut into cross-validation folds.
    public var isCrossValidated: Bool { folds.first?.number != nil }

    /// What campaigns see of the data.
    public var campaignData: CampaignData {
        CampaignData(store: store, targets: targets, pool: pool, testSets: testSets, rowNames: rowNames, groups: groups)
    }

    /// Loads the datasets, featurises them, and cuts the splits the experiment declares.
    public static func load(_ experiment: ResolvedExperiment, loader: DatasetLoader = DatasetLoader()) throws -> ExperimentData {
        let keepOriginals = experiment.models.contains { $0.regressor.usesOriginalColumns }
        func options(_ o: DatasetOptions) -> DatasetOptions {
            var o = o
            o.keepOriginalColumns = keepOriginals
            return o
        }
        let main: Dataset
        do {
            main = try loader.load(options(experiment.dataset.options))
        } catch DataError.noRows(let path) where experiment.dataset.keepRowsLocation != nil {
            throw ExperimentError.problems([Located("keep_rows leaves no row of \(path); loosen the rule or check the data.",
                                                    at: experiment.dataset.keepRowsLocation!)])
        }
        var problems: [Located<String>] = []
        if let sample = experiment.dataset.options.sample, sample.rows > main.count, let at = experiment.dataset.sampleLocation {
            problems.append(Located("sample asks for \(sample.rows) rows, but the dataset has \(main.count) after its other rules.", at: at))
        }
        let rules = experiment.dataset.options
        let hasRules = rules.keepRows != nil || rules.duplicates != nil || rules.sample != nil
        var provenance = [DatasetProvenance(role: "dataset", path: main.path, sha256: main.sha256, rows: main.count,
                                            droppedRows: main.droppedRows, rowRules: hasRules ? main.rowCounts : nil)]
        var warnings: [String] = []
        var cacheOutcomes = [main.featureCache].compactMap { $0 }
        if case .magpie = rules.features, rules.structure?.features != true, rules.structure?.matminer.isEmpty ?? true, rules.duplicates == nil, main.rowCounts.duplicateRows > 0 {
            warnings.append("\(main.rowCounts.duplicateRows) rows of \(main.path) share their composition with another row "
                            + "(\(main.rowCounts.duplicateGroups) compositions): Magpie features cannot tell them apart, so a model "
                            + "sees them as one input with several targets. Say how to merge them with "
                            + "`duplicates: {by: formula, keep: lowest}` (or mean, highest, first; `all` keeps them and silences this).")
        }
        // Rule-based OOD sets take their rows out of the main dataset before the ID split.
        var removed = Set<Int>()
        var ruleSets: [String: [Int]] = [:]
        for set in experiment.ood {
            guard case let .filter(rule) = set.source else { continue }
            let rows = rule.matchingRows(of: main)
            guard !rows.isEmpty else { throw ExperimentError.emptyTestSet(name: set.name, at: set.location) }
            ruleSets[set.name] = rows
            removed.formUnion(rows)
        }
        let remaining = (0..<main.count).filter { !removed.contains($0) }
        guard remaining.count >= 4 else {
            throw ExperimentError.tooFewRows(remaining: remaining.count, at: experiment.crossValidation?.location ?? experiment.idTest.location)
        }
        let cut: [Fold]
        if let cv = experiment.crossValidation {
            do {
                cut = try CrossValidation(cv.rule).folds(of: remaining, in: main)
            } catch let problem as FoldProblem {
                throw ExperimentError.problems([Located(problem.description, at: cv.location)])
            }
        } else {
            let holdout = RandomHoldout(fraction: experiment.idTest.fraction, seed: experiment.idTest.seed)
            let (idTest, pool) = holdout.split(remaining)
            cut = [Fold(name: "", test: idTest, train: pool)]
        }
        let heldOutName = experiment.crossValidation?.rule.testSetName ?? "id"
        let (idTest, pool) = (cut[0].test, cut[0].train)

        var matrix = main.features
        var targets = main.targets
        var rowNames = main.formulas ?? main.lines.map { "\(main.path):\($0)" }
        var groups = main.groups
        var originalRows = main.originalRows
        var testSets = [TestSet(name: heldOutName, rows: idTest)]
        let mainKeys = Set(main.compositions?.map(\.reducedKey) ?? [])
        for set in experiment.ood {
            switch set.source {
            case .filter:
                testSets.append(TestSet(name: set.name, rows: Self.sampled(ruleSets[set.name]!, set)))
            case let .dataset(datasetOptions, dropOverlap, location):
                var other = try loader.load(options(datasetOptions))
                if let outcome = other.featureCache { cacheOutcomes.append(outcome) }
                guard other.featureNames == main.featureNames else {
                    throw ExperimentError.featureMismatch(name: set.name, at: location)
                }
                let before = other.count
                if dropOverlap, let compositions = other.compositions {
                    let kept = (0..<other.count).filter { !mainKeys.contains(compositions[$0].reducedKey) }
                    other = other.selecting(rows: kept)
                }
                guard other.count > 0 else { throw ExperimentError.emptyTestSet(name: set.name, at: set.location) }
                if set.sample != nil { other = other.selecting(rows: Self.sampled(Array(0..<other.count), set)) }
                provenance.append(DatasetProvenance(role: "ood:\(set.name)", path: other.path, sha256: other.sha256,
                                                    rows: other.count, droppedRows: other.droppedRows + (before - other.count)))
                let start = matrix.rows
                matrix = matrix.appendingRows(of: other.features)
                targets += other.targets
                rowNames += other.formulas ?? other.lines.map { "\(other.path):\($0)" }
                if groups != nil { groups! += other.groups ?? Array(repeating: "", count: other.count) }
                if let header = main.originalHeader, let otherHeader = other.originalHeader, let rows = other.originalRows {
                    // Columns are matched by name; a column the other file lacks is left empty.
                    let map = header.map { otherHeader.firstIndex(of: $0) }
                    originalRows! += rows.map { fields in map.map { $0.map { fields[$0] } ?? "" } }
                }
                testSets.append(TestSet(name: set.name, rows: Array(start..<matrix.rows)))
            }
        }
        var store = FeatureStore(matrix: matrix, featureNames: main.featureNames)
        if let header = main.originalHeader, let originalRows {
            store.originals = OriginalColumns(header: header, rows: originalRows, targetColumn: experiment.dataset.options.target)
        }
        if experiment.models.contains(where: { $0.regressor.usesBinnedFeatures }) {
            // Under cross-validation the bins are cut once on every row the folds cover (features
            // only, never targets) and shared by every fold.
            store = store.binning(referenceRows: experiment.crossValidation == nil ? pool : remaining)
        }
        var data = ExperimentData(store: store, targets: targets, pool: pool, testSets: testSets, provenance: provenance,
                                  rowNames: rowNames, groups: groups, warnings: warnings)
        data.featureCache = cacheOutcomes
        for outcome in cacheOutcomes {
            switch outcome {
            case .replacedDamaged, .notStored: data.warnings.append(outcome.description)
            case .read, .stored: break
            }
        }
        data.folds = cut.enumerated().map { k, fold in
            DataFold(number: experiment.crossValidation == nil ? nil : k + 1, name: fold.name, pool: fold.train,
                     testSets: [TestSet(name: heldOutName, rows: fold.test)] + testSets.dropFirst())
        }
        // Sizes are checked against the data, never clamped: `[5000, 999999, 1.0]` ran three sizes on the same rows.
        let smallest = data.folds.min { $0.pool.count < $1.pool.count }!
        for size in experiment.trainSizes {
            if case let .count(c) = size, c > smallest.pool.count {
                let whose = smallest.number == nil ? "the pool" : "the training part of fold '\(smallest.name)'"
                problems.append(Located("The training size \(c) is more than the \(smallest.pool.count) rows of \(whose); use 1.0 for the whole pool.",
                                        at: experiment.trainSizeLocations[size] ?? experiment.dataset.location))
            }
        }
        for set in experiment.ood {
            if let n = set.sample, let rows = testSets.first(where: { $0.name == set.name })?.rows.count, n > rows {
                problems.append(Located("The test set '\(set.name)' asks for a sample of \(n) rows but has only \(rows).",
                                        at: set.location))
            }
        }
        let campaignData = data.campaignData
        for campaign in experiment.campaigns { problems += campaign.dataProblems(campaignData) }
        guard problems.isEmpty else { throw ExperimentError.problems(problems) }
        return data
    }
}

/// One fold's view of an experiment's data: the pool its runs draw from and the sets they are measured on.
public struct DataFold: Sendable {
    /// 1-based under cross-validation; nil for the single random holdout.
    public let number: Int?
    /// "1" … "k", or the held-out group, element or cluster ("" without cross-validation).
    public let name: String
    /// Ascending.
    public let pool: [Int]
    /// The fold's test rows first, then the OOD sets every fold shares.
    public let testSets: [TestSet]
}

extension ExperimentData {
    /// A seeded random sample of `rows` (ascending) when the test set asks for one.
    static func sampled(_ rows: [Int], _ set: ResolvedOOD) -> [Int] {
        guard let n = set.sample, n < rows.count else { return rows }
        var rng = Xoshiro256(seed: StableSeed.of("ood-sample|\(set.name)"))
        return rng.sample(n, from: rows.count).map { rows[$0] }.sorted()
    }
}

/// A problem with an experiment found while preparing its data.
public enum ExperimentError: Error, Sendable, CustomStringConvertible {
    case emptyTestSet(name: String, at: SourceLocation)
    case tooFewRows(remaining: Int, at: SourceLocation)
    case featureMismatch(name: String, at: SourceLocation)
    /// Settings the data cannot satisfy (sizes above the pool, columns that are not features), all at once.
    case problems([Located<String>])

    public var description: String {
        switch self {
        case let .emptyTestSet(name, at):
            return "\(at): error: The test set '\(name)' has no rows; loosen its rule or check its data."
        case let .tooFewRows(remaining, at):
            return "\(at): error: Only \(remaining) rows are left after the OOD rules for the ID test set and the pool "
                + "(or the cross-validation folds); the experiment needs at least 4."
        case let .featureMismatch(name, at):
            return "\(at): error: The test set '\(name)' yields different feature columns from the main dataset."
        case let .problems(list):
            return list.sorted { $0.location < $1.location }.map { "\($0.location): error: \($0.value)" }.joined(separator: "\n")
        }
    }
}
