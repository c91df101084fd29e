import Foundation
import Testing
import SieveCore
import SieveModels
import SievePlan
import SieveResolve
import SieveExecute
import SieveStore
import SieveSelection
@testable import SieveEngine

@Suite(.serialized) struct GridTests {
    @Test func theDataSplitsAreDisjointAndThePlanIsSorted() throws {
        let experiment = try Support.checked(Support.smallSpec(output: Support.temporaryFolder()))
        let (data, plan) = try ExperimentRunner(experiment).prepare()
        #expect(data.splitNames == ["id", "oqmd", "halides"])
        let id = Set(data.testSets[0].rows), halides = Set(data.testSets[2].rows), pool = Set(data.pool)
        #expect(id.isDisjoint(with: pool) && halides.isDisjoint(with: pool) && id.isDisjoint(with: halides))
        #expect(data.testSets[1].rows.allSatisfy { $0 >= 6000 }, "OQMD rows come after the main dataset's rows")
        #expect(plan.runs.count == 8)
        #expect(plan.runs.map(\.key) == plan.runs.map(\.key).sorted())
        #expect(Set(plan.runs.map(\.id)).count == 8)
        let again = try ExperimentRunner(experiment).prepare().1
        #expect(again.runs == plan.runs, "expansion and ids are deterministic")
    }

    @Test func subsetsAreNestedAndSharedAcrossModels() throws {
        let experiment = try Support.checked(Support.smallSpec(output: Support.temporaryFolder()))
        let (data, plan) = try ExperimentRunner(experiment).prepare()
        let executor = RunExecutor(data: data, models: experiment.models)
        func rows(_ model: String, _ size: Double, _ seed: Int) throws -> [Int] {
            try executor.trainingRows(for: plan.runs.first { $0.key == RunKey(model: model, trainSize: .fraction(size), seed: seed) }!)
        }
        let small = try rows("rf", 0.05, 1), large = try rows("rf", 0.2, 1), other = try rows("xgb", 0.05, 1)
        #expect(Set(small).isSubset(of: Set(large)))
        #expect(small == other)
        #expect(small.count == Int((0.05 * Double(data.pool.count)).rounded()))
        #expect(try small != rows("rf", 0.05, 0))
    }

    /// Every output but the timing columns must be byte-identical whatever the number of jobs.
    @Test func outputsDoNotDependOnJobs() throws {
        var outputs: [[String: String]] = []
        for jobs in [1, 2] {
            let folder = Support.temporaryFolder()
            let experiment = try Support.checked(Support.smallSpec(output: folder))
            let summary = try ExperimentRunner(experiment).run(RunOptions(jobs: jobs, cores: 2))
            #expect(summary.failed.isEmpty)
            var files: [String: String] = [:]
            for name in ["runs.csv", "rmse_table.md", "rmse_table.csv", "curves.csv"] {
                let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
                files[name] = name == "runs.csv" ? Self.withoutTimings(text) : text
            }
            outputs.append(files)
        }
        #expect(outputs[0] == outputs[1])
    }

    static func withoutTimings(_ csv: String) -> String {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = lines[0]
        let drop = Set(["fit_seconds", "predict_seconds"].compactMap { name in header.firstIndex { $0 == name } })
        return lines.map { fields in fields.indices.filter { !drop.contains($0) }.map { String(fields[$0]) }.joined(separator: ",") }
            .joined(separator: "\n")
    }

    @Test func aFailingRunIsRecordedAndTheOthersGoOn() throws {
        let folder = Support.temporaryFolder()
        // Early stopping holds out half of the rows; with 2 training rows one is left, too few to fit.
        let spec = Support.smallSpec(output: folder, extraModels: """
              stopper: {kind: xgboost, rounds: 10, early_stopping: {validation_fraction: 0.5, rounds: 3}}
            """, sizes: "[2, 0.05]")
        let summary = try ExperimentRunner(try Support.checked(spec)).run(RunOptions(jobs: 2, cores: 2))
        #expect(summary.planned == 12)
        #expect(summary.failed.map(\.key.canonical) == [
            "model=stopper/strategy=random/size=2/seed=0", "model=stopper/strategy=random/size=2/seed=1"])
        #expect(summary.failed[0].error!.contains("the model needs at least 2"))
        let runs = try String(contentsOfFile: folder + "/runs.csv", encoding: .utf8)
        #expect(runs.contains(",failed,"))
        #expect(runs.split(separator: "\n").filter { $0.contains(",done,") }.count == 10 * 3)
    }

    @Test func aSecondRunReusesFinishedRecords() throws {
        let folder = Support.temporaryFolder()
        let experiment = try Support.checked(Support.smallSpec(output: folder))
        let first = try ExperimentRunner(experiment).run(RunOptions(jobs: 2, cores: 2))
        let before = try String(contentsOfFile: folder + "/runs.csv", encoding: .utf8)
        let second = try ExperimentRunner(experiment).run(RunOptions(jobs: 2, cores: 2))
        #expect(first.ranNow == 8 && second.ranNow == 0 && second.reused == 8)
        #expect(try String(contentsOfFile: folder + "/runs.csv", encoding: .utf8) == before)
    }
}

@Suite struct ModelKindsInAGridTests {
    @Test func ridgeAndACommandRunBesideTheTrees() throws {
        let folder = Support.temporaryFolder()
        let spec = Support.smallSpec(output: folder, extraModels: """
              ridge: {kind: ridge, alpha: [0.1, 10]}
              knn: {kind: command, command: [python3, \(Support.root)/experiments/models/knn.py], timeout: 120}
            """, sizes: "[0.1]")
        let summary = try ExperimentRunner(try Support.checked(spec)).run(RunOptions(jobs: 2, cores: 2))
        #expect(summary.failed.isEmpty, "\(summary.failed.map { $0.error ?? "" })")
        let table = try String(contentsOfFile: folder + "/rmse_table.csv", encoding: .utf8)
        #expect(Set(table.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }) == ["knn", "rf", "ridge", "xgb"])
    }

    @Test func threadBudgetIsTheRunsShareOfTheCores() {
        #expect(RunScheduler(jobs: 2, cores: 2).threadsPerRun == 1)
        #expect(RunScheduler(jobs: 1, cores: 2).threadsPerRun == 2)
        #expect(RunScheduler(jobs: 3, cores: 8).threadsPerRun == 2)
        #expect(RunScheduler(jobs: 16, cores: 8).threadsPerRun == 1)
    }
}
