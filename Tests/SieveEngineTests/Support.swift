import Foundation
import SieveCore
import SieveModels
import SievePlan
import SieveResolve
import SieveExecute
import SieveStore
import SieveSelection
@testable import SieveEngine

/// Paths and small specs shared by the engine tests.
enum Support {
    /// The repository's root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.path
    }()

    static let mpSample = root + "/experiments/data/mp_e_form_sample.csv"
    static let oqmdSample = root + "/experiments/data/oqmd_sample.csv"

    /// A fresh temporary folder.
    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "sieve-test-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A small real grid: 2 models × 2 sizes × 2 seeds on the MP sample, with one OOD file and one rule.
    static func smallSpec(output: String, extraModels: String = "", sizes: String = "[0.05, 0.2]") -> String {
        """
        name: small
        dataset: {path: \(mpSample), target: target, features: {magpie: formula}, units: eV/atom}
        splits:
          id_test: {fraction: 0.1, seed: 0}
          ood:
            - name: oqmd
              dataset: {path: \(oqmdSample), target: target, features: {magpie: formula}}
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

    static func checked(_ text: String, path: String = "/tmp/spec.yaml") throws -> ResolvedExperiment {
        try SpecResolver.load(text: text, path: path)
    }
}
