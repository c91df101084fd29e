import SieveCore
import SieveModels

/// Entropy-targeted active learning (ET-AL; Zhang, Chen, Rondinelli & Chen, "ET-AL: Entropy-targeted
/// active learning for bias mitigation in materials data", Appl. Phys. Rev. 10, 021403, 2023): label,
/// one row per iteration, whatever most raises the differential entropy of the labels of the group
/// (e.g. crystal system) that has the lowest.
///
/// Each step (as the authors' `etal_main.py`):
/// 1. Candidate groups: groups with unlabelled rows, less those that were targeted `patience` (5)
///    iterations in a row without an entropy gain. Stop when none is left ("samples run out").
/// 2. Target c*: the candidate group of lowest entropy h_cur (ties to the first name). Stop when c*
///    is the only candidate group and h_cur is already the highest entropy. Groups with no entropy
///    yet (fewer than 5 labelled rows) are filled first by a warm-up rule, or passed over as the
///    authors' code does (``UndefinedEntropy``).
/// 3. An exact GP (``GaussianProcess/fit(inputs:targets:options:extraStart:threads:)``) on c*'s
///    labelled rows, over the rows of the representation matrix (e.g. 32 principal components).
/// 4. Every unlabelled row u of c*: `draws` (1,000) samples of the latent f(u) from the GP posterior;
///    the group's entropy with each sample added (``EntropyWithAddedValue``); their mean μ and
///    population standard deviation σ give ``ExpectedImprovement`` over h_cur.
/// 5. Acquire the highest EI (NaN counts lowest; ties to the lower row number), reveal its label,
///    update c*'s entropy and its no-gain counter (reset on a gain, else one more).
///
/// Draws: row u at iteration i uses ``NormalDraws`` from `Xoshiro256(seed: SplitMix64.mix(seed ^
/// StableSeed.of("etal-draws|i|u")))`, or row u of a given table (common random numbers for
/// comparing with another implementation). ``next(_:threads:)`` is a pure function of the state:
/// resuming after any iteration gives the same campaign, whatever the thread count.
public struct EntropyTargetedLearner: Sendable {
    /// The algorithm's constants.
    public struct Settings: Sendable, Equatable {
        /// Posterior samples per candidate.
        public var draws = 1000
        /// Iterations in a row without gain after which a group is no longer targeted.
        public var patience = 5
        public var gp = GaussianProcessFitOptions()
        /// Also start each GP fit from the target group's previous optimum (kept in the state).
        /// Off by default: on flla_2015 the three cold starts reached the same optimum in as few
        /// evaluations, and without it a fit depends only on the group's labelled rows.
        public var warmStart = false
        /// Groups without entropy: filled first (default) or passed over as the authors' code does.
        public var undefinedEntropy = UndefinedEntropy.fillFirst
        public init() {}
    }

    /// Where the standard-normal draws come from.
    public enum Draws: Sendable {
        /// From the seed, per iteration and row (the default).
        case seeded
        /// Row r of the matrix (at least `draws` columns) for row r, at every iteration.
        case table(Matrix<Double>)
    }

    public let labels: [Double]
    public let rowGroups: [String]
    public let representation: Matrix<Double>
    public let pool: [Int]
    public let seed: UInt64
    public var settings: Settings
    public var draws: Draws

    /// `labels`, `rowGroups` and `representation` have one entry (row) per dataset row; `pool` holds
    /// the rows that may be acquired (the unlabelled rows at the start); labels of pool rows are
    /// read only when acquired.
    public init(labels: [Double], rowGroups: [String], representation: Matrix<Double>, pool: [Int], seed: UInt64,
                settings: Settings = .init(), draws: Draws = .seeded) {
        precondition(labels.count == rowGroups.count && representation.rows == labels.count,
                     "ET-AL needs a label, a group and a representation row for every row.")
        precondition(pool.allSatisfy { $0 >= 0 && $0 < labels.count }, "Pool rows must be rows of the data.")
        self.labels = labels
        self.rowGroups = rowGroups
        self.representation = representation
        self.pool = pool
        self.seed = seed
        self.settings = settings
        self.draws = draws
        if case let .table(table) = draws {
            precondition(table.rows == labels.count && table.columns >= settings.draws, "The draw table needs one row per data row and \(settings.draws) columns.")
        }
    }

    /// The state before the first iteration: `labelled` rows (disjoint from the pool) and the
    /// entropy of every group that has rows among them or in the pool.
    public func start(labelled: [Int]) -> EntropyTargetedState {
        let labelledSet = Set(labelled)
        precondition(!pool.contains { labelledSet.contains($0) }, "The labelled rows and the pool must not overlap.")
        let names = Set((labelled + pool).map { rowGroups[$0] }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var values = [[Double]](repeating: [], count: names.count)
        for r in labelled { values[index[rowGroups[r]]!].append(labels[r]) }
        return EntropyTargetedState(groups: names, initialLabelled: labelled.sorted(), entropies: values.map(DifferentialEntropy.of))
    }

    /// Runs (or resumes) until a stopping rule or `maxIterations` iterations in all, calling
    /// `checkpoint` after every iteration; `threadShare` is asked at every iteration.
    public func run(from state: EntropyTargetedState, maxIterations: Int, threadShare: () -> Int,
                    shouldStop: () -> Bool = { false }, checkpoint: (EntropyTargetedState) throws -> Void) throws -> EntropyTargetedState {
        var state = state
        while !state.finished && !shouldStop() {
            let step = state.iterations.count >= maxIterations ? .stop(.budget) : try next(state, threads: threadShare())
            state = applying(step, to: state)
            try checkpoint(state)
        }
        return state
    }

    /// The state after `step`: the acquisition recorded, its label revealed, entropies and counters
    /// updated; or the campaign finished.
    public func applying(_ step: EntropyTargetedStep, to state: EntropyTargetedState) -> EntropyTargetedState {
        var state = state
        switch step {
        case let .stop(reason):
            state.finished = true
            state.stopReason = reason
        case let .acquire(a):
            let g = state.groups.firstIndex(of: a.group)!
            let values = (state.labelled + [a.row]).filter { rowGroups[$0] == a.group }.map { labels[$0] }
            let after = DifferentialEntropy.of(values)
            let improved = after > a.incumbentEntropy
            if !a.incumbentEntropy.isNaN { state.noGain[g] = improved ? 0 : state.noGain[g] + 1 }
            var row = state.currentEntropies
            row[g] = after
            state.entropies.append(row)
            if let h = a.hyperparameters { state.hyperparameters[a.group] = h }
            state.iterations.append(EntropyTargetedIteration(acquisition: a, entropyAfter: after, improved: improved))
        }
        return state
    }
}

/// What one ET-AL step decides.
public enum EntropyTargetedStep: Sendable, Equatable {
    case acquire(EntropyTargetedAcquisition)
    case stop(EntropyTargetedStopReason)
}
