import SieveCausal
import SieveCore
import SieveModels

extension CausalCampaign {
    public func run(from state: CausalCampaignState, id: String, data: CampaignData, environment: CampaignEnvironment,
                    checkpoint: (CausalCampaignState) throws -> Void) throws -> CausalCampaignState {
        var state = state
        let threads = environment.threadShare()
        let variables = try selectedVariables(data, threads: threads)
        state.variables = variables.map { data.store.featureNames[$0] } + ["target"]
        let matrix = poolMatrix(data, columns: variables)
        let target = variables.count
        let model = DirectLiNGAM(priorKnowledge: try PriorKnowledge(variables: target + 1, sinks: [target]))
        let global = try model.fit(matrix, threads: threads)
        if role == .global {
            if state.global == nil {
                state.global = global
                state.bootstrap = try CausalBootstrap(model: model, resamples: settings.bootstrap)
                    .run(matrix, seed: campaignSeed, threads: threads)
            }
            state.finished = true
            try checkpoint(state)
            return state
        }
        let subsets = try self.subsets(data)
        let selection = try CausalSubsetSelection(data: matrix, subsets: subsets, global: global, model: model,
                                                  mode: role == .causal ? .causal : .random, batch: settings.batch, seed: campaignSeed)
        if state.selection == nil {
            let start = selection.start()
            state.selection = start
            state.rows = start.rows.map { data.pool[$0] }
            try checkpoint(state)
        }
        while state.selection!.completed < settings.iterations && !environment.shouldStop() {
            let next = try selection.step(state.selection!, threads: environment.threadShare())
            state.selection = next
            state.rows = next.rows.map { data.pool[$0] }
            if let evaluate {
                let rows = state.rows.sorted()
                let fitted = try data.fit(evaluate.regressor, rows: rows, seed: campaignSeed, salt: "causal-accuracy|\(next.completed)",
                                          threads: environment.threadShare(), label: "causal")
                let test = data.testSets[0].rows
                state.accuracy.append(RegressionMetrics(predicted: try fitted.predict(data.store, rows: test),
                                                        actual: test.map { data.targets[$0] }))
            }
            try checkpoint(state)
        }
        if state.selection!.completed >= settings.iterations && !state.finished {
            if role == .causal, let desired = settings.desired {
                var planner = InterventionPlanner(target: target, desired: desired)
                planner.topVariables = settings.interventionVariables
                state.interventions = try planner.plan(pool: matrix, active: state.selection!.rows, threads: environment.threadShare())
            }
            state.finished = true
            try checkpoint(state)
        }
        return state
    }

    /// Pool rows × (variables, then the target), in Double.
    func poolMatrix(_ data: CampaignData, columns: [Int]) -> Matrix<Double> {
        Matrix(data.pool.map { r in columns.map { Double(data.store.matrix[r, $0]) } + [data.targets[r]] })
    }

    /// The variables the graphs are learnt on: those named, or the `top` features by mean outgoing
    /// effect in the graph of every feature and the target on the standardised pool (the paper's
    /// feature selection).
    func selectedVariables(_ data: CampaignData, threads: Int) throws -> [Int] {
        let names = data.store.featureNames
        if let chosen = settings.variables {
            return try chosen.map { name in
                guard let i = names.firstIndex(of: name) else { throw CampaignDataMissing(what: "the feature '\(name)'") }
                return i
            }
        }
        let all = Array(0..<names.count)
        var matrix = poolMatrix(data, columns: all)
        for c in 0..<matrix.columns {
            let column = (0..<matrix.rows).map { matrix[$0, c] }
            let s = Summary(column)
            let scale = s.std > 0 ? s.std : 1
            for r in 0..<matrix.rows { matrix[r, c] = (matrix[r, c] - s.mean) / scale }
        }
        let target = names.count
        let graph = try DirectLiNGAM(priorKnowledge: try PriorKnowledge(variables: target + 1, sinks: [target])).fit(matrix, threads: threads)
        return CausalFeatureRanking.top(graph, keep: min(settings.topVariables ?? 9, names.count), excluding: [target]).sorted()
    }

    /// The names of the subsets `subsets: group` makes, in subset order (sorted).
    static func groupSubsetNames(pool: [Int], groups: [String]) -> [String] {
        Array(Set(pool.map { groups[$0] })).sorted()
    }

    /// Pool-relative rows of each Gaussian-mixture component.
    func subsets(_ data: CampaignData) throws -> [[Int]] {
        if settings.subsetsFromGroups {
            guard let groups = data.groups else { throw CampaignDataMissing(what: "the dataset's groups for the subsets") }
            return Self.groupSubsetNames(pool: data.pool, groups: groups).map { name in
                data.pool.indices.filter { groups[data.pool[$0]] == name }
            }
        }
        let columns = try settings.subsetFeatures.map { name in
            guard let i = data.store.featureNames.firstIndex(of: name) else { throw CampaignDataMissing(what: "the feature '\(name)' for the subsets") }
            return i
        }
        let points = Matrix(data.pool.map { r in columns.map { Double(data.store.matrix[r, $0]) } })
        var mixture = GaussianMixture(components: settings.subsetComponents)
        mixture.initialisations = 10
        let labels = try mixture.fit(points, seed: StableSeed.of("causal-subsets|\(settings.subsetSeed)")).labels(points)
        return (0..<settings.subsetComponents).map { k in labels.indices.filter { labels[$0] == k } }.filter { !$0.isEmpty }
    }
}
