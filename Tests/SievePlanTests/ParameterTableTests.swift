import Testing
import SieveCore
import SieveModels
import SievePlan
import SieveResolve
import SieveResolveTestSupport
import SieveTestSupport

/// Every model kind declares its parameters once; this checks that the declaration reaches
/// everything that derives from it.
@Suite struct ParameterTableTests {
    /// A parameter missing from the fingerprint would leave finished runs looking up to date when
    /// they are stale: changing any declared parameter must change the run's identity.
    @Test func everyDeclaredParameterChangesTheFingerprint() {
        for kind in ModelCatalog.kinds {
            check(kind)
        }
    }

    private func check<M: ConfigurableModel>(_ kind: M.Type) {
        let base = M()
        let identity = Identity.model(NamedModel(name: "m", kind: M.kind, regressor: base))
        for parameter in M.parameters {
            let varied = parameter.varying(base)
            #expect(parameter.problem(in: varied) == nil, "\(M.kind).\(parameter.name): the varied value must be valid")
            #expect(Identity.model(NamedModel(name: "m", kind: M.kind, regressor: varied)) != identity,
                    "\(M.kind).\(parameter.name) does not reach the fingerprint")
        }
    }

    /// Reading a parameter from the spec lands in the model: what the spec says is what the
    /// manifest and the fingerprint show.
    @Test func aSpecValueReachesTheResolvedParameters() throws {
        let spec = """
            name: p
            dataset: {path: \(Repository.mpSample), target: target, features: {magpie: formula}}
            models:
              rf: {kind: random_forest, trees: 7, max_features: sqrt, max_depth: 5}
              xgb: {kind: xgboost, learning_rate: 0.05, colsample_bylevel: 0.5, early_stopping: {validation_fraction: 0.2, rounds: 5}}
              ridge: {kind: ridge, alpha: [0.1, 1.0]}
            """
        let experiment = try TestSpec.resolved(spec)
        func parameters(_ name: String) -> [String: String] {
            Dictionary(uniqueKeysWithValues: experiment.models.first { $0.name == name }!.regressor.resolvedParameters.map { ($0.name, $0.value) })
        }
        #expect(parameters("rf")["trees"] == "7" && parameters("rf")["max_features"] == "sqrt" && parameters("rf")["max_depth"] == "5")
        #expect(parameters("xgb")["learning_rate"] == "0.05" && parameters("xgb")["colsample_bylevel"] == "0.5")
        #expect(parameters("xgb")["early_stopping"] == "{validation_fraction: 0.2, rounds: 5}")
        #expect(parameters("ridge")["alpha"] == "[0.1, 1.0]")
        let xgb = experiment.models.first { $0.name == "xgb" }!.regressor as! XGBoostRegressor
        let library = Dictionary(uniqueKeysWithValues: xgb.libraryParameters(seed: 1, threads: 2))
        #expect(library["eta"] == "0.05" && library["colsample_bylevel"] == "0.5" && library["nthread"] == "2")
        #expect(library["rounds"] == nil && library["early_stopping"] == nil, "only the library's own parameters are handed on")
    }
}
