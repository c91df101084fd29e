import Testing
import SieveCore
import SieveModels
import SieveResolve
import SieveResolveTestSupport
import SieveTestSupport

/// The `gradient_boosting` kind reads the `xgboost` kind's parameters with the same numbers.
@Suite struct GradientBoostingKindTests {
    @Test func theAuthorsConfigurationReadsAsForXGBoost() throws {
        let parameters = """
            rounds: 1000, learning_rate: 0.25, lambda: 0.01, alpha: 0.1, subsample: 0.85, colsample_bytree: 0.3,
                  colsample_bylevel: 0.5, colsample_bynode: 0.9, num_parallel_tree: 4, max_depth: 6, gamma: 0.2,
                  min_child_weight: 2, max_bin: 128, base_score: 0.25, early_stopping: {validation_fraction: 0.1, rounds: 20}
            """
        let experiment = try TestSpec.resolved("""
            name: t
            dataset: {path: \(Repository.mpSample), target: target, features: {magpie: formula}}
            models:
              gbm: {kind: gradient_boosting, \(parameters)}
              xgb: {kind: xgboost, \(parameters)}
            """)
        let native = try #require(experiment.models.first { $0.name == "gbm" }?.regressor as? GradientBoostingRegressor)
        let library = try #require(experiment.models.first { $0.name == "xgb" }?.regressor as? XGBoostRegressor)
        #expect(native == GradientBoostingRegressor(library))
        #expect(native.parallelTrees == 4 && native.colsampleByLevel == 0.5 && native.earlyStopping?.patience == 20)
        #expect(native.usesBinnedFeatures)
    }

    @Test func treeMethodIsNotOneOfItsParameters() {
        do {
            _ = try TestSpec.resolved("""
                name: t
                dataset: {path: \(Repository.mpSample), target: target, features: {magpie: formula}}
                models:
                  gbm: {kind: gradient_boosting, tree_method: hist, max_depth: 0}
                """)
            Issue.record("tree_method and max_depth 0 must be reported")
        } catch let error as DiagnosticsError {
            let messages = error.diagnostics.map(\.message)
            #expect(messages.contains { $0.contains("has no parameter 'tree_method'") })
            #expect(messages.contains { $0.contains("max_depth must be between 1 and 16, got 0.") })
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
