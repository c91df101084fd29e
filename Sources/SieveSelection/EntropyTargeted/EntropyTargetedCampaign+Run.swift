import SieveCore
import SieveModels

extension EntropyTargetedCampaign {
    public func run(from state: EntropyTargetedCampaignState, id: String, data: CampaignData, environment: CampaignEnvironment,
                    checkpoint: (EntropyTargetedCampaignState) throws -> Void) throws -> EntropyTargetedCampaignState {
        guard let groups = data.groups else { throw CampaignDataMissing(what: "a group for every row (the dataset's `group`)") }
        var state = state
        let (labelled, unlabelled) = division(data, groups: groups)
        let representation = try self.representation(data)
        let learner = EntropyTargetedLearner(labels: data.targets, rowGroups: groups, representation: representation,
                                             pool: unlabelled, seed: campaignSeed, settings: settings)
        if state.learner == nil {
            state.learner = learner.start(labelled: labelled)
            try checkpoint(state)
        }
        state.learner = try learner.run(from: state.learner!, maxIterations: maxIterations, threadShare: environment.threadShare,
                                        shouldStop: environment.shouldStop) { learned in
            var next = state
            next.learner = learned
            try checkpoint(next)
        }
        if state.learner!.finished && state.downstream == nil && !environment.shouldStop() {
            state.downstream = try downstream(state.learner!, unlabelled: unlabelled, data: data, groups: groups,
                                              threads: environment.threadShare())
            try checkpoint(state)
        }
        return state
    }

    /// Which pool rows start labelled and which unlabelled: every row matching a rule goes
    /// unlabelled, then seeded random others until the unlabelled count; the rest is labelled.
    func division(_ data: CampaignData, groups: [String]) -> (labelled: [Int], unlabelled: [Int]) {
        let wanted = unlabelledRows.rows(inPool: data.pool.count)
        var unlabelled = data.pool.filter { r in unlabelledRules.contains { $0.matches(elements: nil, target: data.targets[r], group: groups[r]) } }
        if unlabelled.count < wanted {
            let chosen = Set(unlabelled)
            var others = data.pool.filter { !chosen.contains($0) }
            var rng = Xoshiro256(seed: SplitMix64.mix(campaignSeed ^ StableSeed.of("etal-unlabelled")))
            rng.shuffle(&others)
            unlabelled += others.prefix(wanted - unlabelled.count)
        }
        let unlabelledSet = Set(unlabelled)
        return (data.pool.filter { !unlabelledSet.contains($0) }, unlabelled.sorted())
    }

    /// The rows as the GP sees them: principal components of the standardised features (fitted on
    /// the pool) or chosen feature columns.
    func representation(_ data: CampaignData) throws -> Matrix<Double> {
        let all = Array(0..<data.store.rowCount)
        if let columns = representation.columns {
            let indices = columns.compactMap { data.store.featureNames.firstIndex(of: $0) }
            guard indices.count == columns.count else {
                throw CampaignDataMissing(what: "the representation columns \(columns.joined(separator: ", ")) among the features")
            }
            return Matrix(all.map { r in indices.map { Double(data.store.matrix[r, $0]) } })
        }
        let k = min(representation.components ?? 32, data.store.featureCount)
        return try PrincipalComponents(fitting: data.store.matrix, rows: data.pool, count: k).transform(data.store.matrix, rows: all)
    }

    /// Models trained on the labelled rows plus ET-AL's acquisitions, and on the labelled rows plus
    /// as many random rows of the initial unlabelled set (`repetitions` times), measured on the ID
    /// test set overall and per group.
    func downstream(_ learned: EntropyTargetedState, unlabelled: [Int], data: CampaignData, groups: [String],
                    threads: Int) throws -> [DownstreamResult] {
        let test = data.testSets[0].rows
        let acquired = learned.acquired.count
        var sets: [(name: String, repetition: Int, rows: [Int])] = [("etal", 0, learned.labelled.sorted())]
        for r in 0..<repetitions {
            var rng = Xoshiro256(seed: SplitMix64.mix(campaignSeed ^ StableSeed.of("etal-random|\(r)")))
            let picked = rng.sample(acquired, from: unlabelled.count).map { unlabelled[$0] }
            sets.append(("random", r, (learned.initialLabelled + picked).sorted()))
        }
        var out: [DownstreamResult] = []
        for set in sets {
            for model in evaluate {
                let fitted = try data.fit(model.regressor, rows: set.rows, seed: campaignSeed,
                                          salt: "etal-downstream|\(set.name)|\(set.repetition)|\(model.name)", threads: threads,
                                          label: "etal downstream")
                let predictions = try fitted.predict(data.store, rows: test)
                var metrics = ["all": RegressionMetrics(predicted: predictions, actual: test.map { data.targets[$0] })]
                for group in Set(test.map { groups[$0] }) {
                    let at = test.indices.filter { groups[test[$0]] == group }
                    metrics[group] = RegressionMetrics(predicted: at.map { predictions[$0] }, actual: at.map { data.targets[test[$0]] })
                }
                out.append(DownstreamResult(set: set.name, repetition: set.repetition, model: model.name, rows: set.rows.count,
                                            metrics: metrics))
            }
        }
        return out
    }
}

/// A campaign needs something of the data that the experiment does not provide.
public struct CampaignDataMissing: Error, Sendable, CustomStringConvertible {
    public let what: String
    public var description: String { "The campaign needs \(what), which the data does not have." }
}
