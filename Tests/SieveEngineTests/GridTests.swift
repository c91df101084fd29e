import Foundation
import Testing
import SieveCore
import SieveModels
import SievePlan
import SieveResolve
import SieveResolveTestSupport
import SieveExecute
import SieveStore
import SieveSelection
@testable import SieveEngine
import SieveTestSupport

@Suite(.serialized) struct GridTests {
    /// Every output but the timing columns must be byte-identical whatever the number of jobs.
    @Test func outputsDoNotDependOnJobs() throws {
        var outputs: [[String: String]] = []
        for jobs in [1, 2] {
            let folder = TestFiles.temporaryFolder()
            let experiment = try TestSpec.resolved(TestSpec.smallGrid(output: folder))
            let summary = try ExperimentRunner(experiment).run(RunOptions(jobs: jobs, cores: 2))
            #expect(summary.failed.isEmpty)
            var files: [String: String] = [:]
            for name in ["runs.csv", "rmse_table.md", "rmse_table.csv", "curves.csv"] {
                let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
                files[name] = name == "runs.csv" ? RunsTable.withoutTimings(text) : text
            }
            outputs.append(files)
        }
        #expect(outputs[0] == outputs[1])
    }

    @Test func aFailingRunIsRecordedAndTheOthersGoOn() throws {
        let folder = TestFiles.temporaryFolder()
        // Early stopping holds out half of the rows; with 2 training rows one is left, too few to fit.
        let spec = TestSpec.smallGrid(output: folder, extraModels: """
              stopper: {kind: xgboost, rounds: 10, early_stopping: {validation_fraction: 0.5, rounds: 3}}
            """, sizes: "[2, 0.05]")
        let summary = try ExperimentRunner(try TestSpec.resolved(spec)).run(RunOptions(jobs: 2, cores: 2))
        #expect(summary.planned == 12)
        #expect(summary.failed.map(\.key.canonical) == [
            "model=stopper/strategy=random/size=2/seed=0", "model=stopper/strategy=random/size=2/seed=1"])
        #expect(summary.failed[0].error!.contains("the model needs at least 2"))
        let runs = try String(contentsOfFile: folder + "/runs.csv", encoding: .utf8)
        #expect(runs.contains(",failed,"))
        #expect(runs.split(separator: "\n").filter { $0.contains(",done,") }.count == 10 * 3)
    }

    @Test func aSecondRunReusesFinishedRecords() throws {
        let folder = TestFiles.temporaryFolder()
        let experiment = try TestSpec.resolved(TestSpec.smallGrid(output: folder))
        let first = try ExperimentRunner(experiment).run(RunOptions(jobs: 2, cores: 2))
        let before = try String(contentsOfFile: folder + "/runs.csv", encoding: .utf8)
        let second = try ExperimentRunner(experiment).run(RunOptions(jobs: 2, cores: 2))
        #expect(first.ranNow == 8 && second.ranNow == 0 && second.reused == 8)
        #expect(try String(contentsOfFile: folder + "/runs.csv", encoding: .utf8) == before)
    }
}

@Suite struct ModelKindsInAGridTests {
    @Test func ridgeAndACommandRunBesideTheTrees() throws {
        let folder = TestFiles.temporaryFolder()
        let spec = TestSpec.smallGrid(output: folder, extraModels: """
              ridge: {kind: ridge, alpha: [0.1, 10]}
              knn: {kind: command, command: [python3, \(Repository.root)/experiments/models/knn.py], timeout: 120}
            """, sizes: "[0.1]")
        let summary = try ExperimentRunner(try TestSpec.resolved(spec)).run(RunOptions(jobs: 2, cores: 2))
        #expect(summary.failed.isEmpty, "\(summary.failed.map { $0.error ?? "" })")
        let table = try String(contentsOfFile: folder + "/rmse_table.csv", encoding: .utf8)
        #expect(Set(table.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }) == ["knn", "rf", "ridge", "xgb"])
    }

    /// The `gradient_boosting` kind (read as in GradientBoostingKindTests of SieveResolveTests) in a grid.
    @Test func gradientBoostingRunsInAGrid() throws {
        let folder = TestFiles.temporaryFolder()
        let spec = TestSpec.smallGrid(output: folder, extraModels: """
              gbm: {kind: gradient_boosting, rounds: 30, max_depth: 4, subsample: 0.8, colsample_bylevel: 0.5}
            """, sizes: "[0.2]")
        let summary = try ExperimentRunner(try TestSpec.resolved(spec)).run(RunOptions(jobs: 2, cores: 2))
        #expect(summary.failed.isEmpty, "\(summary.failed.map { $0.error ?? "" })")
        let table = try String(contentsOfFile: folder + "/rmse_table.csv", encoding: .utf8)
        #expect(table.split(separator: "\n").contains { $0.hasPrefix("gbm,") })
    }
}
