import SieveCore
import SieveResolve
import SieveTestSupport

/// Specs for the tests of the stages from Resolve on (SieveResolveTests, SievePlanTests,
/// SieveExecuteTests, SieveStoreTests, SieveEngineTests), which copied these until issue 24.
/// Apart from SieveTestSupport because it imports SieveResolve, which SieveEndToEndTests must not.
public enum TestSpec {
    /// The path resolved specs are said to come from: diagnostics begin with it.
    public static let path = "/tmp/spec.yaml"

    /// A spec's text resolved as `sieve validate` resolves it (without loading its data).
    public static func resolved(_ text: String, path: String = TestSpec.path) throws -> ResolvedExperiment {
        try SpecResolver.load(text: text, path: path)
    }

    /// Every problem the resolver finds in a spec's text, as "line:column: message" (none when it resolves).
    public static func problems(_ text: String) -> [String] {
        do {
            _ = try resolved(text)
            return []
        } catch let error as DiagnosticsError {
            return error.diagnostics.map { "\($0.location!.line):\($0.location!.column): \($0.message)" }
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    /// A small real grid: 2 models × 2 sizes × 2 seeds on the MP sample, with one OOD file and one rule.
    public static func smallGrid(output: String, extraModels: String = "", sizes: String = "[0.05, 0.2]") -> String {
        """
        name: small
        dataset: {path: \(Repository.mpSample), target: target, features: {magpie: formula}, units: eV/atom}
        splits:
          id_test: {fraction: 0.1, seed: 0}
          ood:
            - name: oqmd
              dataset: {path: \(Repository.oqmdSample), target: target, features: {magpie: formula}}
              drop_overlap: formula
            - name: halides
              where: {contains: [F, Cl, Br, I]}
        models:
          rf: {kind: random_forest, trees: 10}
          xgb: {kind: xgboost, rounds: 20, max_depth: 4}
        \(extraModels)
        train_sizes: \(sizes)
        seeds: 2
        output: \(output)
        """
    }
}
