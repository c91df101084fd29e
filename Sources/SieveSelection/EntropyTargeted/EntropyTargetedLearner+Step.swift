import Dispatch
import Synchronization
import SieveCore
import SieveModels

extension EntropyTargetedLearner {
    /// The next step from `state` (see the type's documentation), on up to `threads` threads.
    /// Throws when the target group's GP cannot be fitted.
    public func next(_ state: EntropyTargetedState, threads: Int) throws -> EntropyTargetedStep {
        let labelled = Set(state.labelled)
        let index = Dictionary(uniqueKeysWithValues: state.groups.enumerated().map { ($1, $0) })
        var open = [Bool](repeating: false, count: state.groups.count)
        for r in pool where !labelled.contains(r) { open[index[rowGroups[r]]!] = true }
        let candidates = state.groups.indices.filter { open[$0] && state.noGain[$0] < settings.patience }
        if candidates.isEmpty { return .stop(.candidatesExhausted) }
        let h = state.currentEntropies
        let undefined = candidates.filter { h[$0].isNaN }
        if settings.undefinedEntropy == .fillFirst, !undefined.isEmpty {
            // Warm-up: the group with the fewest labelled rows (then the first name) until it has 5.
            let counts = undefined.map { g in state.labelled.reduce(0) { $0 + (rowGroups[$1] == state.groups[g] ? 1 : 0) } }
            let target = undefined[counts.indices.min { counts[$0] < counts[$1] }!]
            return .acquire(try warmUp(state.groups[target], state, labelled, threads: threads))
        }
        guard let target = candidates.filter({ !h[$0].isNaN }).min(by: { h[$0] < h[$1] }) else { return .stop(.noDefinedEntropy) }
        let incumbent = h[target]
        if candidates.count == 1, let highest = h.filter({ !$0.isNaN }).max(), incumbent >= highest {
            return .stop(.noFairnessGain)
        }
        let name = state.groups[target]
        let groupLabelled = state.labelled.filter { rowGroups[$0] == name }.sorted()
        let groupUnlabelled = pool.filter { !labelled.contains($0) && rowGroups[$0] == name }.sorted()
        let values = groupLabelled.map { labels[$0] }

        let fitStart = Clock.now()
        let gp = try GaussianProcess.fit(inputs: representation.gatheringRows(groupLabelled), targets: values, options: settings.gp,
                                         extraStart: settings.warmStart ? state.hyperparameters[name] : nil, threads: threads)
        let fitSeconds = Clock.now() - fitStart
        let scoringStart = Clock.now()
        let posterior = try gp.posterior(at: representation.gatheringRows(groupUnlabelled))
        let scores = score(groupUnlabelled, mean: posterior.mean, variance: posterior.variance,
                           entropy: EntropyWithAddedValue(sample: values), incumbent: incumbent,
                           iteration: state.iterations.count, threads: threads)
        let best = Self.argmax(scores.map(\.ei))
        return .acquire(EntropyTargetedAcquisition(
            row: groupUnlabelled[best], group: name, rule: .expectedImprovement, incumbentEntropy: incumbent,
            expectedImprovement: scores[best].ei, meanEntropy: scores[best].mean, entropyDeviation: scores[best].deviation,
            candidates: groupUnlabelled.count, labelledInGroup: groupLabelled.count, hyperparameters: gp.hyperparameters,
            fit: gp.fitReport, fitSeconds: fitSeconds, scoringSeconds: Clock.now() - scoringStart))
    }

    /// The index of the largest value; NaN counts lowest, ties go to the first.
    static func argmax(_ values: [Double]) -> Int {
        var best = 0
        for j in values.indices.dropFirst() where values[j] > values[best] || (values[best].isNaN && !values[j].isNaN) { best = j }
        return best
    }

    /// EI, mean and deviation of the entropy over each candidate's posterior draws. Candidates go
    /// in contiguous blocks to up to `threads` workers; each candidate's numbers depend only on its
    /// own draws, so the result does not depend on `threads`.
    func score(_ rows: [Int], mean: [Double], variance: [Double], entropy: EntropyWithAddedValue, incumbent: Double,
               iteration: Int, threads: Int) -> [(ei: Double, mean: Double, deviation: Double)] {
        let count = rows.count, drawCount = settings.draws
        let workers = Swift.max(1, Swift.min(threads, count))
        let block = (count + workers - 1) / workers
        let out = Mutex([(ei: Double, mean: Double, deviation: Double)](repeating: (0, 0, 0), count: count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var z = [Double](repeating: 0, count: drawCount)
            var values = [Double](repeating: 0, count: drawCount)
            var entropies = [Double](repeating: 0, count: drawCount)
            var local: [(ei: Double, mean: Double, deviation: Double)] = []
            let range = (w * block)..<Swift.min(count, (w + 1) * block)
            for j in range {
                z.withUnsafeMutableBufferPointer { fillDraws($0, row: rows[j], iteration: iteration) }
                let sd = variance[j].squareRoot(), mu = mean[j]
                for k in 0..<drawCount { values[k] = mu + sd * z[k] }
                values.withUnsafeBufferPointer { v in entropies.withUnsafeMutableBufferPointer { entropy.entropies(adding: v, into: $0) } }
                var sum = 0.0
                for k in 0..<drawCount { sum += entropies[k] }
                let m = sum / Double(drawCount)
                var squares = 0.0
                for k in 0..<drawCount { let t = entropies[k] - m; squares += t * t }
                let deviation = (squares / Double(drawCount)).squareRoot()
                local.append((ExpectedImprovement.value(mean: m, deviation: deviation, incumbent: incumbent), m, deviation))
            }
            out.withLock { all in for (offset, j) in range.enumerated() { all[j] = local[offset] } }
        }
        return out.withLock { $0 }
    }

    /// Row `row`'s standard-normal draws at `iteration`.
    func fillDraws(_ z: UnsafeMutableBufferPointer<Double>, row: Int, iteration: Int) {
        switch draws {
        case .seeded:
            var rng = Xoshiro256(seed: SplitMix64.mix(seed ^ StableSeed.of("etal-draws|\(iteration)|\(row)")))
            NormalDraws.fill(z, &rng)
        case let .table(table):
            table.withUnsafeBufferPointer { t in
                for k in z.indices { z[k] = t[row * table.columns + k] }
            }
        }
    }
}
