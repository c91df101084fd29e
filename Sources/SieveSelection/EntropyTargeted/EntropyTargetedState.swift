import SieveModels

/// Everything an ET-AL campaign has done: enough to recompute any next step exactly and to resume
/// after any iteration (``EntropyTargetedLearner/next(_:threads:)`` reads nothing else that changes).
public struct EntropyTargetedState: Sendable, Equatable, Codable {
    /// The groups, in byte order of name; every per-group array follows this order.
    public var groups: [String]
    /// Rows labelled before the first iteration, ascending.
    public var initialLabelled: [Int]
    /// One record per iteration, in order; its `row` was acquired then.
    public var iterations: [EntropyTargetedIteration] = []
    /// Entropy of each group's labelled labels: row 0 before the first iteration, row i + 1 after
    /// iteration i (NaN for a group with fewer than 5 labelled rows, as SciPy gives).
    public var entropies: [[Double]]
    /// Iterations in a row that targeted each group without raising its entropy.
    public var noGain: [Int]
    /// Each group's GP hyperparameters at its last fit (a start for its next fit).
    public var hyperparameters: [String: GaussianProcessHyperparameters] = [:]
    public var finished = false
    public var stopReason: EntropyTargetedStopReason?

    public init(groups: [String], initialLabelled: [Int], entropies: [Double]) {
        self.groups = groups
        self.initialLabelled = initialLabelled
        self.entropies = [entropies]
        noGain = [Int](repeating: 0, count: groups.count)
    }

    /// Rows acquired so far, in order.
    public var acquired: [Int] { iterations.map(\.acquisition.row) }

    /// All labelled rows: the initial ones, then the acquired ones in order.
    public var labelled: [Int] { initialLabelled + acquired }

    /// The latest entropy of each group.
    public var currentEntropies: [Double] { entropies[entropies.count - 1] }

    /// Equal when every field is, numbers compared bit for bit (so NaN entropies compare equal).
    public static func == (a: Self, b: Self) -> Bool {
        a.groups == b.groups && a.initialLabelled == b.initialLabelled && a.iterations == b.iterations
            && a.entropies.count == b.entropies.count && zip(a.entropies, b.entropies).allSatisfy { sameBits($0, $1) }
            && a.noGain == b.noGain && a.hyperparameters == b.hyperparameters && a.finished == b.finished
            && a.stopReason == b.stopReason
    }

    /// `etal_entropy.csv`: a header `iteration,<group>…` and one row per entry of ``entropies``
    /// (iteration 0 = before any acquisition); numbers as `Double.description`.
    public var entropyTable: [[String]] {
        [["iteration"] + groups] + entropies.enumerated().map { i, row in [String(i)] + row.map(\.description) }
    }
}

/// One ET-AL iteration: what was acquired and what it did to its group's entropy.
public struct EntropyTargetedIteration: Sendable, Equatable, Codable {
    public var acquisition: EntropyTargetedAcquisition
    /// The target group's entropy with the acquired row's true label.
    public var entropyAfter: Double
    /// Whether that is higher than the incumbent (else the group's no-gain counter grows; a
    /// warm-up acquisition, whose incumbent is NaN, leaves the counter alone).
    public var improved: Bool

    public static func == (a: Self, b: Self) -> Bool {
        a.acquisition == b.acquisition && a.entropyAfter.bitPattern == b.entropyAfter.bitPattern && a.improved == b.improved
    }
}

/// Element-wise equality of the bit patterns (NaN equals NaN).
func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
}

/// The row an ET-AL step chooses and why.
public struct EntropyTargetedAcquisition: Sendable, Equatable, Codable {
    public var row: Int
    /// The target group c* (lowest entropy among the candidate groups) and its entropy h_cur.
    public var group: String
    /// How the row was chosen: by EI, or (warm-up of a group without entropy) otherwise.
    public var rule: EntropyTargetedRule
    public var incumbentEntropy: Double
    /// The winning candidate's expected improvement, and the mean and standard deviation of the
    /// group's entropy over its posterior draws.
    public var expectedImprovement: Double
    public var meanEntropy: Double
    public var entropyDeviation: Double
    /// Unlabelled rows of the group scored, and labelled rows the GP was fitted on.
    public var candidates: Int
    public var labelledInGroup: Int
    /// The GP's hyperparameters (nil when no GP was fitted).
    public var hyperparameters: GaussianProcessHyperparameters?
    public var fit: GaussianProcessFitReport?
    /// Wall-clock seconds of the GP fit and of scoring the candidates (not part of equality).
    public var fitSeconds: Double
    public var scoringSeconds: Double

    public static func == (a: Self, b: Self) -> Bool {
        a.row == b.row && a.group == b.group && a.rule == b.rule && a.incumbentEntropy.bitPattern == b.incumbentEntropy.bitPattern
            && a.expectedImprovement.bitPattern == b.expectedImprovement.bitPattern
            && a.meanEntropy.bitPattern == b.meanEntropy.bitPattern && a.entropyDeviation.bitPattern == b.entropyDeviation.bitPattern
            && a.candidates == b.candidates && a.labelledInGroup == b.labelledInGroup
            && a.hyperparameters == b.hyperparameters && a.fit == b.fit
    }
}

/// How an ET-AL acquisition was chosen.
public enum EntropyTargetedRule: String, Sendable, Equatable, Codable {
    /// The highest expected improvement of the group's entropy (ET-AL proper).
    case expectedImprovement = "expected improvement"
    /// Warm-up of a group without entropy: the largest GP posterior variance.
    case posteriorVariance = "posterior variance"
    /// Warm-up of a group with fewer than 2 labelled rows: by distance in the representation.
    case distance
}

/// Why an ET-AL campaign stopped (the paper's two rules, and a budget).
public enum EntropyTargetedStopReason: String, Sendable, Equatable, Codable {
    /// No group has unlabelled rows left that it may still target ("samples run out").
    case candidatesExhausted = "candidates exhausted"
    /// One candidate group is left and its entropy is already the highest ("no fairness improvement").
    case noFairnessGain = "no fairness gain"
    /// No candidate group has an entropy yet (each has fewer than 5 labelled rows).
    case noDefinedEntropy = "no defined entropy"
    /// The campaign's iteration budget is spent.
    case budget
}
