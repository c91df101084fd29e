import Testing
import SieveCore
@testable import SieveReport

@Suite struct TableTests {
    static func record(_ model: String, _ size: TrainSize, seed: Int, id: Double, ood: Double, rows: Int = 10,
                       status: RunRecord.Status = .done) -> RunRecord {
        let splits = status == .done ? [
            SplitMetrics(split: "id", metrics: RegressionMetrics(rmse: id, mae: id / 2, r2: 0.5, count: 5)),
            SplitMetrics(split: "ood", metrics: RegressionMetrics(rmse: ood, mae: ood / 2, r2: 0.1, count: 7)),
        ] : []
        return RunRecord(id: "\(model)-\(size)-\(seed)", key: RunKey(model: model, trainSize: size, seed: seed),
                         identity: RunIdentity(version: "v", model: "kind=\(model)", data: "d"), status: status, trainRows: rows, poolRows: 100, splits: splits, fitSeconds: 1.5,
                         predictSeconds: 0.25, error: status == .failed ? "boom, it failed" : nil)
    }

    static let records = [
        record("rf", .fraction(0.1), seed: 0, id: 0.3, ood: 0.5),
        record("rf", .fraction(0.1), seed: 1, id: 0.5, ood: 0.7),
        record("rf", .fraction(1.0), seed: 0, id: 0.2, ood: 0.4, rows: 100),
        record("xgb", .fraction(0.1), seed: 0, id: 0, ood: 0, status: .failed),
    ]

    @Test func rmseTableShowsMeanAndStandardDeviationOverSeeds() {
        let md = RMSETable.markdown(ResultGroup.grouping(Self.records), splits: ["id", "ood"], title: "T", units: "eV/atom")
        #expect(md == """
            # T

            Test RMSE (eV/atom), mean ± standard deviation over seeds (n = seeds per row).

            | model | train size | n_train | ID test | OOD: ood | n |
            |---|---|---|---|---|---|
            | rf | 10 % | 10 | 0.4000 ± 0.1414 | 0.6000 ± 0.1414 | 2 |
            | rf | 100 % | 100 | 0.2000 ± 0.0000 | 0.4000 ± 0.0000 | 1 |

            """)
        let csv = RMSETable.csv(ResultGroup.grouping(Self.records), splits: ["id", "ood"])
        #expect(csv.split(separator: "\n")[0] == "model,strategy,train_size,train_fraction,n_train,n_seeds,id_rmse_mean,id_rmse_std,ood_rmse_mean,ood_rmse_std")
        #expect(csv.split(separator: "\n")[1] == "rf,random,0.1,0.1,10,2,0.4,0.14142135623730953,0.6,0.14142135623730948")
    }

    @Test func curvesAreLongFormat() {
        let csv = LearningCurves.csv(ResultGroup.grouping(Self.records), splits: ["id", "ood"])
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 1 + 2 * 2)
        #expect(lines[1] == "id,rf,random,0.1,0.1,10,0.4,0.14142135623730953,0.2,0.5,2")
        #expect(lines[3].hasPrefix("ood,rf,random,0.1,"))
    }

    @Test func runsTableHasARowPerSplitAndKeepsFailures() {
        let csv = RunsTable.csv(Self.records)
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 1 + 3 * 2 + 1)
        #expect(lines[1] == "rf-0.1-0,rf,random,0.1,0.1,10,0,id,5,0.3,0.15,0.5,1.500,0.250,done,")
        #expect(lines.last == "xgb-0.1-0,xgb,random,0.1,0.1,10,0,,,,,,1.500,0.250,failed,\"boom, it failed\"")
    }
}
