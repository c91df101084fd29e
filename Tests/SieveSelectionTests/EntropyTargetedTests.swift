import Foundation
import Testing
import SieveCore
import SieveModels
@testable import SieveSelection

@Suite struct EntropyTargetedTests {
    /// scipy.stats.norm: (μ − h)Φ(z) + σφ(z) with z = (μ − h)/(σ + 1e-9).
    @Test func expectedImprovementMatchesSciPy() {
        let cases: [(Double, Double, Double, Double)] = [
            (1.2, 0.1, 1.0, 0.20084907026168292), (0.9, 0.05, 1.0, 0.0004245351308414802),
            (1.0, 0.0, 1.0, 0.0), (0.5, 0.01, 1.0, 0.0), (2.0, 0.3, -1.5, 3.5),
        ]
        for (mean, deviation, incumbent, want) in cases {
            let got = ExpectedImprovement.value(mean: mean, deviation: deviation, incumbent: incumbent)
            #expect(abs(got - want) <= 1e-15 * Swift.max(1, abs(want)), "\(mean), \(deviation), \(incumbent)")
        }
        #expect(ExpectedImprovement.value(mean: -.infinity, deviation: .nan, incumbent: 1).isNaN)
    }

    @Test func boxMullerDrawsAreStandardNormal() {
        var rng = Xoshiro256(seed: 11)
        var z = [Double](repeating: 0, count: 200_001)
        z.withUnsafeMutableBufferPointer { NormalDraws.fill($0, &rng) }
        let mean = z.reduce(0, +) / Double(z.count)
        let variance = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(z.count)
        let beyond2 = Double(z.filter { abs($0) > 2 }.count) / Double(z.count)
        #expect(abs(mean) < 0.01 && abs(variance - 1) < 0.01)
        #expect(abs(beyond2 - 0.0455) < 0.002)  // P(|Z| > 2) = 0.0455
        var again = Xoshiro256(seed: 11), w = [Double](repeating: 0, count: 200_001)
        w.withUnsafeMutableBufferPointer { NormalDraws.fill($0, &again) }
        #expect(z == w)
    }

    /// Three groups on a 2-d representation; "narrow" has a tight label range (lowest entropy).
    static func problem(seed: UInt64 = 3) -> (EntropyTargetedLearner, [Int]) {
        var rng = Xoshiro256(seed: 99)
        var labels: [Double] = [], groups: [String] = [], points: [[Double]] = []
        for (name, spread, count) in [("narrow", 0.3, 40), ("wide", 3.0, 40), ("middle", 1.0, 40)] {
            for _ in 0..<count {
                let x = rng.unitDouble() * 4, y = rng.unitDouble() * 4
                points.append([x, y])
                labels.append(spread * (0.5 * x + (y * 1.3).sin()) + 0.05 * rng.unitDouble())
                groups.append(name)
            }
        }
        // Labelled: the first 12 rows of each group; the pool: the rest.
        let labelled = (0..<120).filter { $0 % 40 < 12 }
        let pool = (0..<120).filter { $0 % 40 >= 12 }
        var settings = EntropyTargetedLearner.Settings()
        settings.draws = 200
        return (EntropyTargetedLearner(labels: labels, rowGroups: groups, representation: Matrix(points), pool: pool,
                                       seed: seed, settings: settings), labelled)
    }

    @Test func aStepTargetsTheLowestEntropyGroupAndScoresLikeBruteForce() throws {
        let (learner, labelled) = Self.problem()
        let state = learner.start(labelled: labelled)
        #expect(state.groups == ["middle", "narrow", "wide"])
        let h = state.currentEntropies
        for (g, name) in state.groups.enumerated() {
            #expect(h[g] == DifferentialEntropy.of(labelled.filter { learner.rowGroups[$0] == name }.map { learner.labels[$0] }))
        }
        guard case let .acquire(a) = try learner.next(state, threads: 2) else { Issue.record("The first step stopped."); return }
        #expect(a.group == "narrow" && a.incumbentEntropy == h.min()! && a.rule == .expectedImprovement)
        #expect(learner.pool.contains(a.row) && learner.rowGroups[a.row] == "narrow" && a.candidates == 28 && a.labelledInGroup == 12)
        // Brute force: every candidate's EI with the same GP and draws, entropies from scratch.
        let rows = learner.pool.filter { learner.rowGroups[$0] == "narrow" }.sorted()
        let train = labelled.filter { learner.rowGroups[$0] == "narrow" }
        let values = train.map { learner.labels[$0] }
        let gp = try GaussianProcess(inputs: learner.representation.gatheringRows(train), targets: values, hyperparameters: a.hyperparameters!)
        let posterior = try gp.posterior(at: learner.representation.gatheringRows(rows))
        var best = (ei: -Double.infinity, row: -1)
        for (j, r) in rows.enumerated() {
            var z = [Double](repeating: 0, count: learner.settings.draws)
            z.withUnsafeMutableBufferPointer { learner.fillDraws($0, row: r, iteration: 0) }
            let hs = z.map { DifferentialEntropy.of(values + [posterior.mean[j] + posterior.variance[j].squareRoot() * $0]) }
            let mean = hs.reduce(0, +) / Double(hs.count)
            let sd = (hs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(hs.count)).squareRoot()
            let ei = ExpectedImprovement.value(mean: mean, deviation: sd, incumbent: a.incumbentEntropy)
            if ei > best.ei { best = (ei, r) }
            if r == a.row {
                #expect(abs(mean - a.meanEntropy) < 1e-12 && abs(sd - a.entropyDeviation) < 1e-10)
            }
        }
        #expect(best.row == a.row)
        #expect(abs(best.ei - a.expectedImprovement) < 1e-10)
    }

    @Test func resumingAndThreadCountChangeNothing() throws {
        let (learner, labelled) = Self.problem()
        let straight = try learner.run(from: learner.start(labelled: labelled), maxIterations: 8, threadShare: { 1 }) { _ in }
        #expect(straight.iterations.count == 8 && straight.finished && straight.stopReason == .budget)
        var halfway: EntropyTargetedState?
        _ = try learner.run(from: learner.start(labelled: labelled), maxIterations: 8, threadShare: { 3 },
                            shouldStop: { halfway != nil }) { s in if s.iterations.count == 4 { halfway = s } }
        // Through JSON as the engine stores it (NaN and infinities as strings).
        let encoder = JSONEncoder(), decoder = JSONDecoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let restored = try decoder.decode(EntropyTargetedState.self, from: encoder.encode(halfway!))
        #expect(restored == halfway!)
        let resumed = try learner.run(from: restored, maxIterations: 8, threadShare: { 2 }) { _ in }
        #expect(resumed == straight)
        #expect(Set(straight.acquired).count == 8 && straight.entropies.count == 9)
        // Every iteration raised or kept its group's entropy as recorded.
        for (i, it) in straight.iterations.enumerated() {
            let g = straight.groups.firstIndex(of: it.acquisition.group)!
            #expect(straight.entropies[i + 1][g] == it.entropyAfter)
        }
    }

    @Test func aGroupWithoutGainIsDroppedAfterPatience() throws {
        let (learner, labelled) = Self.problem()
        var state = learner.start(labelled: labelled)
        state.noGain = [0, learner.settings.patience, 0]  // "narrow" is out
        guard case let .acquire(a) = try learner.next(state, threads: 1) else { Issue.record("stopped"); return }
        #expect(a.group == state.groups[state.currentEntropies.indices.filter { $0 != 1 }.min { state.currentEntropies[$0] < state.currentEntropies[$1] }!])
        // One candidate group left, already the highest entropy: no fairness gain.
        let wide = state.groups.firstIndex(of: "wide")!
        state.noGain = state.groups.indices.map { $0 == wide ? 0 : learner.settings.patience }
        #expect(state.currentEntropies[wide] == state.currentEntropies.max()!)
        #expect(try learner.next(state, threads: 1) == .stop(.noFairnessGain))
        state.noGain = [Int](repeating: learner.settings.patience, count: 3)
        #expect(try learner.next(state, threads: 1) == .stop(.candidatesExhausted))
    }

    @Test func runsUntilThePoolIsSpentOrRulesStopIt() throws {
        var (learner, labelled) = Self.problem()
        learner.settings.draws = 50
        let final = try learner.run(from: learner.start(labelled: labelled), maxIterations: 1000, threadShare: { 2 }) { _ in }
        #expect(final.finished)
        #expect(final.stopReason == .candidatesExhausted || final.stopReason == .noFairnessGain)
        #expect(final.acquired.allSatisfy { learner.pool.contains($0) } && Set(final.acquired).count == final.acquired.count)
        // The lowest entropy rises over the campaign (the point of ET-AL).
        #expect(final.currentEntropies.min()! > final.entropies[0].min()!)
    }
}

extension EntropyTargetedTests {
    /// "narrow" starts with 0 labelled rows, "middle" with 1, "wide" with 3: warm-up fills the group
    /// with the fewest first (centroid, then farthest, then posterior variance) until each has 5.
    @Test func groupsWithoutEntropyAreFilledFirst() throws {
        let (learner, _) = Self.problem()
        let labelled = [80, 40, 41, 42].map { $0 }  // middle: 80; narrow: none; wide: 40, 41, 42
        var pool = learner.pool.filter { !labelled.contains($0) }
        pool += (0..<120).filter { !labelled.contains($0) && !learner.pool.contains($0) }
        let full = EntropyTargetedLearner(labels: learner.labels, rowGroups: learner.rowGroups, representation: learner.representation,
                                          pool: pool.sorted(), seed: 3, settings: learner.settings)
        var state = full.start(labelled: labelled)
        #expect(state.groups == ["middle", "narrow", "wide"] && state.currentEntropies.allSatisfy(\.isNaN))
        guard case let .acquire(first) = try full.next(state, threads: 1) else { Issue.record("stopped"); return }
        #expect(first.group == "narrow" && first.rule == .distance && first.hyperparameters == nil)
        // The narrow candidate nearest the centroid of narrow's candidates.
        let narrow = full.pool.filter { full.rowGroups[$0] == "narrow" }.sorted()
        let centroid = (0..<2).map { k in narrow.reduce(0.0) { $0 + full.representation[$1, k] } / Double(narrow.count) }
        func d2(_ r: Int, _ p: [Double]) -> Double { (0..<2).reduce(0.0) { $0 + (full.representation[r, $1] - p[$1]) * (full.representation[r, $1] - p[$1]) } }
        #expect(first.row == narrow.min { d2($0, centroid) < d2($1, centroid) })
        state = full.applying(.acquire(first), to: state)
        guard case let .acquire(second) = try full.next(state, threads: 1) else { Issue.record("stopped"); return }
        // narrow and middle now have 1 each: narrow first by name; the candidate farthest from its one row.
        #expect(second.group == "middle" || second.group == "narrow")
        #expect(second.rule == .distance)
        var rules: [EntropyTargetedRule] = []
        for _ in 0..<14 {
            guard case let .acquire(a) = try full.next(state, threads: 1) else { break }
            rules.append(a.rule)
            let before = state.noGain
            state = full.applying(.acquire(a), to: state)
            if a.rule != .expectedImprovement { #expect(state.noGain == before, "warm-up changed a no-gain counter") }
        }
        #expect(!state.currentEntropies.contains { $0.isNaN })
        #expect(rules.contains(.posteriorVariance) && rules.last == .expectedImprovement)
        // Passing over them instead (the authors' pandas semantics) stops at once.
        var passOver = full
        passOver.settings.undefinedEntropy = .passOver
        #expect(try passOver.next(full.start(labelled: labelled), threads: 1) == .stop(.noDefinedEntropy))
    }
}

extension Double {
    fileprivate func sin() -> Double { Foundation.sin(self) }
}
