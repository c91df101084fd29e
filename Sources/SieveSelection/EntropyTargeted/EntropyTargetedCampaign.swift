import SieveCore
import SieveModels

/// ET-AL as a campaign kind (Zhang, Chen, Rondinelli & Chen, Appl. Phys. Rev. 10, 021403, 2023):
/// the pool is divided into labelled rows and a deliberately biased unlabelled set (rules first,
/// then random rows), then ``EntropyTargetedLearner`` acquires one row per iteration for the group
/// of lowest label entropy. When it stops, the downstream test: models trained on the labelled
/// rows plus ET-AL's acquisitions against the labelled rows plus as many random acquisitions
/// (`repetitions` draws), on the ID test set, overall and per group.
public struct EntropyTargetedCampaign: Campaign {
    public static let kind = "etal"
    public static let specPath = ["etal"]
    public static let idPrefix = "etal-"

    public struct Representation: Sendable, Equatable {
        /// The first `components` principal components of the standardised features, or the
        /// listed feature columns.
        public var components: Int?
        public var columns: [String]?
    }

    /// Which pool rows start unlabelled: every row matching one of `first`, then random others
    /// until `rows` (a fraction of the pool or a count).
    public var unlabelledRules: [RowRule] = []
    public var unlabelledRows = TrainSize.fraction(0.8)
    public var representation = Representation(components: 32, columns: nil)
    public var settings = EntropyTargetedLearner.Settings()
    public var maxIterations = 1000
    public var evaluate: [NamedModel] = []
    public var repetitions = 30
    public var seed = 0
    /// Where `unlabelled.rows`, `representation` (and the section, under "") are written, for data problems.
    public var locations: [String: SourceLocation] = [:]

    /// Unlabelled rows that leave nothing labelled, more components than features, columns that
    /// are not features.
    public func dataProblems(_ data: CampaignData) -> [Located<String>] {
        guard let section = locations[""] else { return [] }
        var out: [Located<String>] = []
        let n = data.pool.count
        if unlabelledRows.rows(inPool: n) >= n || { if case let .count(c) = unlabelledRows { return c >= n }; return false }() {
            out.append(Located("etal.unlabelled.rows asks for \(unlabelledRows) of the \(n) pool rows unlabelled, which leaves no "
                               + "labelled row to start from.", at: locations["rows"] ?? section))
        }
        if out.isEmpty, let groups = data.groups, division(data, groups: groups).labelled.isEmpty {
            out.append(Located("etal.unlabelled.first matches every pool row, which leaves no labelled row to start from.",
                               at: locations["rows"] ?? section))
        }
        if n < 2 {
            out.append(Located("etal needs a pool of at least 2 rows, and this one has \(n).", at: section))
        }
        if let k = representation.components, k > data.store.featureCount {
            out.append(Located("etal.representation.pca is \(k) components, more than the \(data.store.featureCount) features.",
                               at: locations["representation"] ?? section))
        }
        if let columns = representation.columns {
            for column in columns where !data.store.featureNames.contains(column) {
                out.append(Located("etal.representation.columns names '\(column)', which is not a feature"
                                   + EditDistance.didYouMeanOrPeriod(column, among: data.store.featureNames),
                                   at: locations["representation"] ?? section))
            }
        }
        return out
    }

    public var strategy: String { "etal" }
    public var label: String { "etal seed=\(seed)" }
    public var identityKey: RunKey { RunKey(model: "etal", strategy: "etal", trainSize: unlabelledRows, seed: seed) }

    /// A GP fit and a thousand draws per candidate each iteration, then the downstream fits.
    public func cost(poolRows: Int) -> Double { Double(maxIterations) * 40 + Double(repetitions + 1) * Double(poolRows) * 2 }

    public func plannedIterations(poolRows: Int) -> Int? { nil }

    public func initialState() -> EntropyTargetedCampaignState { EntropyTargetedCampaignState() }
    public func iterationsDone(_ state: EntropyTargetedCampaignState) -> Int { state.learner?.iterations.count ?? 0 }
    public func isFinished(_ state: EntropyTargetedCampaignState) -> Bool { state.downstream != nil }

    public func progressNote(_ state: EntropyTargetedCampaignState) -> String? {
        guard let learner = state.learner else { return nil }
        let lowest = zip(learner.groups, learner.currentEntropies).filter { $0.1.isFinite }.min { $0.1 < $1.1 }
        return "\(learner.iterations.count) acquired" + (lowest.map { ", lowest entropy \($0.0) \(NumberText.fixed($0.1, 3))" } ?? "")
    }

    /// The seed every random choice of the campaign derives from.
    var campaignSeed: UInt64 { StableSeed.of("etal|seed=\(seed)") }

    /// The training sets it builds: the labelled rows with its acquisitions, for the bias table.
    public func trainingSets(_ state: EntropyTargetedCampaignState) -> [(name: String, rows: [Int])] {
        guard let learner = state.learner else { return [] }
        return [("etal initial labelled, seed \(seed)", learner.initialLabelled),
                ("etal labelled + acquired, seed \(seed)", learner.labelled)]
    }
}

extension RowRule {
    /// The rule's part of an ET-AL fingerprint: groups in the order written, then the target bounds.
    var entropyTargetedFingerprint: String {
        "{groups=\(groups.joined(separator: "+"));min=\(minTarget.map { $0.description } ?? "-");max=\(maxTarget.map { $0.description } ?? "-")}"
    }
}

/// The campaign's checkpoint: the learner's state, and the downstream test once it ran.
public struct EntropyTargetedCampaignState: Sendable, Equatable, Codable {
    public var learner: EntropyTargetedState?
    public var downstream: [DownstreamResult]?

    public init() {}
}

/// One model trained on one training set, measured on the test set overall and per group.
public struct DownstreamResult: Sendable, Equatable, Codable {
    /// "etal" or "random".
    public var set: String
    public var repetition: Int
    public var model: String
    public var rows: Int
    /// "all" and each group.
    public var metrics: [String: RegressionMetrics]
}
