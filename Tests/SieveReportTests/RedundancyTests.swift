import Testing
import SieveCore
@testable import SieveReport

@Suite struct RedundancyTests {
    /// A hand-made learning curve: full pool RMSE 0.30 (seeds 0.29, 0.31); within 10 % means ≤ 0.33.
    static func records() -> [RunRecord] {
        func run(_ strategy: String, _ fraction: Double, _ seed: Int, id: Double, ood: Double, unused: Double?) -> RunRecord {
            var splits = [SplitMetrics(split: "id", metrics: .init(rmse: id, mae: 0, r2: 0, count: 10)),
                          SplitMetrics(split: "ood", metrics: .init(rmse: ood, mae: 0, r2: 0, count: 10))]
            if let unused { splits.append(SplitMetrics(split: "unused", metrics: .init(rmse: unused, mae: 0, r2: 0, count: 10))) }
            return RunRecord(id: "\(strategy)\(fraction)\(seed)", key: RunKey(model: "m", strategy: strategy, trainSize: .fraction(fraction), seed: seed),
                             identity: .init(version: "v", model: "m", data: "d"), status: .done,
                             trainRows: Int(fraction * 1000), poolRows: 1000, splits: splits, fitSeconds: 0, predictSeconds: 0)
        }
        return [
            run("random", 0.1, 0, id: 0.40, ood: 0.60, unused: 0.41), run("random", 0.1, 1, id: 0.42, ood: 0.62, unused: 0.43),
            run("random", 0.3, 0, id: 0.34, ood: 0.50, unused: 0.33), run("random", 0.3, 1, id: 0.32, ood: 0.52, unused: 0.31),
            run("random", 0.5, 0, id: 0.32, ood: 0.45, unused: 0.30), run("random", 0.5, 1, id: 0.32, ood: 0.47, unused: 0.30),
            run("random", 1.0, 0, id: 0.29, ood: 0.44, unused: nil), run("random", 1.0, 1, id: 0.31, ood: 0.44, unused: nil),
            run("prune-m", 0.1, 0, id: 0.35, ood: 0.70, unused: 0.20), run("prune-m", 0.1, 1, id: 0.33, ood: 0.70, unused: 0.20),
            run("prune-m", 0.3, 0, id: 0.31, ood: 0.46, unused: 0.15), run("prune-m", 0.3, 1, id: 0.31, ood: 0.46, unused: 0.15),
        ]
    }

    @Test func smallestFractionWithinToleranceByHand() {
        let verdict = RedundancyVerdict(groups: ResultGroup.grouping(Self.records()), splits: ["id", "ood"], tolerance: 0.1)
        func line(_ split: String, _ strategy: String) -> RedundancyVerdict.Line {
            verdict.lines.first { $0.split == split && $0.strategy == strategy }!
        }
        // ID: full 0.30, bound 0.33. Random: 0.1 → 0.41 no, 0.3 → 0.33 yes. Pruned: 0.1 → 0.34 no, 0.3 → 0.31 yes.
        #expect(abs(line("id", "random").fullPool.mean - 0.30) < 1e-12)
        #expect(line("id", "random").smallest?.trainSize == .fraction(0.3))
        #expect(line("id", "prune-m").smallest?.trainSize == .fraction(0.3))
        // OOD: full 0.44, bound 0.484. Random: 0.3 → 0.51 no, 0.5 → 0.46 yes. Pruned: 0.3 → 0.46 yes.
        #expect(line("ood", "random").smallest?.trainSize == .fraction(0.5))
        #expect(line("ood", "prune-m").smallest?.trainSize == .fraction(0.3))
        let tight = RedundancyVerdict(groups: ResultGroup.grouping(Self.records()), splits: ["id"], tolerance: 0.01)
        #expect(tight.lines.first { $0.strategy == "prune-m" }?.smallest == nil, "0.31 > 0.303: no pruned size qualifies")
        #expect(verdict.csv().contains("m,id,random,0.1,0.3,0.014142135623730963,0.3,300,0.33,0.014142135623730963,2"))
    }

    @Test func ratiosBySize() throws {
        let verdict = RedundancyVerdict(groups: ResultGroup.grouping(Self.records()), splits: ["id", "ood"], tolerance: 0.1)
        let lines = verdict.bySizeCSV().split(separator: "\n")
        #expect(lines[0] == "model,strategy,train_size,train_fraction,n_train,id_rmse,ood_rmse,ood_over_id,unused_rmse,unused_over_id")
        // random at 0.5: id 0.32, ood 0.46, unused 0.30.
        let half = try #require(lines.first { $0.hasPrefix("m,random,0.5,0.5,500,") }).split(separator: ",").map { Double($0) ?? .nan }
        #expect(abs(half[5] - 0.32) < 1e-12 && abs(half[6] - 0.46) < 1e-12 && abs(half[7] - 0.46 / 0.32) < 1e-12)
        #expect(abs(half[8] - 0.3) < 1e-12 && abs(half[9] - 0.3 / 0.32) < 1e-12)
        let md = verdict.markdown(title: "T", units: "eV/atom")
        #expect(md.contains("| m | ID test | random | 0.3000 ± 0.0141 | 30 % | 300 | 0.3300 ± 0.0141 |"))
        #expect(md.contains("| m | prune-m | 10 % | 100 | 0.2000 | 0.3400 | 0.59 |"))
    }
}
