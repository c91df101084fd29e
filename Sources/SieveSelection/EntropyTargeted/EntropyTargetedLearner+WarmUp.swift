import SieveCore
import SieveModels

extension EntropyTargetedLearner {
    /// What to do with candidate groups that have no entropy yet (fewer than 5 labelled rows).
    public enum UndefinedEntropy: String, Sendable, Codable, CaseIterable {
        /// Fill them first (the default): such a group is as under-covered as a group can be, yet
        /// has no entropy to improve, so it is given rows by uncertainty until it has 5 (see
        /// ``EntropyTargetedLearner/warmUp(_:_:_:threads:)``). Its no-gain counter is left alone.
        case fillFirst = "fill first"
        /// Pass over them, as pandas' `idxmin` passes over NaN in the authors' code; when no
        /// candidate group has an entropy, the campaign stops (``EntropyTargetedStopReason/noDefinedEntropy``).
        case passOver = "pass over"
    }

    /// A warm-up acquisition for a group without entropy: with at least 2 labelled rows, the
    /// candidate of largest GP posterior variance (the GP fitted as for EI); with 1, the candidate
    /// farthest from it in the representation; with none, the candidate nearest the candidates'
    /// centroid. Ties go to the lower row number.
    func warmUp(_ name: String, _ state: EntropyTargetedState, _ labelled: Set<Int>, threads: Int) throws -> EntropyTargetedAcquisition {
        let groupLabelled = state.labelled.filter { rowGroups[$0] == name }.sorted()
        let groupUnlabelled = pool.filter { !labelled.contains($0) && rowGroups[$0] == name }.sorted()
        var acquisition = EntropyTargetedAcquisition(
            row: -1, group: name, rule: .posteriorVariance, incumbentEntropy: .nan, expectedImprovement: .nan, meanEntropy: .nan,
            entropyDeviation: .nan, candidates: groupUnlabelled.count, labelledInGroup: groupLabelled.count, hyperparameters: nil,
            fit: nil, fitSeconds: 0, scoringSeconds: 0)
        let start = Clock.now()
        if groupLabelled.count >= 2 {
            let gp = try GaussianProcess.fit(inputs: representation.gatheringRows(groupLabelled), targets: groupLabelled.map { labels[$0] },
                                             options: settings.gp, extraStart: settings.warmStart ? state.hyperparameters[name] : nil,
                                             threads: threads)
            acquisition.fitSeconds = Clock.now() - start
            let variance = try gp.posterior(at: representation.gatheringRows(groupUnlabelled)).variance
            acquisition.row = groupUnlabelled[Self.argmax(variance)]
            acquisition.hyperparameters = gp.hyperparameters
            acquisition.fit = gp.fitReport
        } else {
            acquisition.rule = .distance
            let d = representation.columns
            var anchor = [Double](repeating: 0, count: d)
            if let only = groupLabelled.first {
                anchor = representation.row(only)
            } else {
                for r in groupUnlabelled { for k in 0..<d { anchor[k] += representation[r, k] } }
                for k in 0..<d { anchor[k] /= Double(groupUnlabelled.count) }
            }
            let sign: Double = groupLabelled.isEmpty ? -1 : 1
            let scores = groupUnlabelled.map { r in
                sign * (0..<d).reduce(0.0) { $0 + (representation[r, $1] - anchor[$1]) * (representation[r, $1] - anchor[$1]) }
            }
            acquisition.row = groupUnlabelled[Self.argmax(scores)]
        }
        acquisition.scoringSeconds = Clock.now() - start - acquisition.fitSeconds
        return acquisition
    }
}
