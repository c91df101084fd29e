import Testing
import SieveCore
import SieveModels
import SievePlan
import SieveResolve
import SieveExecute
import SieveStore
import SieveSelection
@testable import SieveEngine

@Suite struct SpecCheckerTests {
    func problems(_ text: String) -> [String] {
        do {
            _ = try Support.checked(text)
            return []
        } catch let error as DiagnosticsError {
            return error.diagnostics.map { "\($0.location!.line):\($0.location!.column): \($0.message)" }
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    @Test func modelKindsAndParametersAreChecked() {
        let text = """
            name: t
            dataset: {path: \(Support.mpSample), target: target, features: {magpie: formula}}
            models:
              rf: {kind: random_forrest, trees: 100}
              xgb: {kind: xgboost, rounds: -3, learning_rat: 0.1, subsample: 0}
              f2: {kind: random_forest, max_features: 1.5, trees: many}
              f3: {kind: svm}
            """
        #expect(problems(text) == [
            "4:14: Unknown model kind 'random_forrest'. Did you mean 'random_forest'?",
            "5:32: In the model 'xgb': rounds must be at least 1, got -3.",
            "5:36: The xgboost model 'xgb' has no parameter 'learning_rat'. Did you mean 'learning_rate'?",
            "5:66: In the model 'xgb': subsample must be in (0, 1], got 0.0.",
            "6:43: In the model 'f2': max_features as a fraction must be in (0, 1], got 1.5.",
            "6:55: trees must be an integer, not text ('many').",
            "7:14: Unknown model kind 'svm'. The kinds are: random_forest, xgboost, gradient_boosting, ridge, command, mean.",
        ])
    }

    @Test func dataFilesAndColumnsAreChecked() {
        let text = """
            name: t
            dataset: {path: \(Support.mpSample), target: targt, features: {magpie: formul}}
            splits:
              ood:
                - name: gone
                  dataset: {path: /no/such.csv, target: target, features: {magpie: formula}}
            models: {rf: {kind: random_forest}}
            """
        let found = problems(text)
        #expect(found.count == 3, "\(found)")
        #expect(found.contains { $0.hasPrefix("2:") && $0.contains("no column 'targt' for the target. Did you mean 'target'?") })
        #expect(found.contains { $0.hasPrefix("2:") && $0.contains("no column 'formul' for the formulas. Did you mean 'formula'?") })
        #expect(found.contains { $0.hasPrefix("6:23: The data file /no/such.csv does not exist.") })
    }

    @Test func rulesNeedFormulas() {
        let text = """
            name: t
            dataset: {path: \(Support.mpSample), target: target, features: {exclude: [formula]}}
            splits:
              ood:
                - name: big
                  where: {elements: {min: 5}}
            models: {rf: {kind: random_forest}}
            """
        #expect(problems(text) == [
            "6:14: This rule looks at each row's elements, so the main dataset needs formulas: give `formula: <column>` or `features: {magpie: <column>}` in `dataset`.",
        ])
    }
}
