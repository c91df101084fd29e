import ArgumentParser
import Foundation
import Testing
@testable import SieveCLI
import SieveTestSupport

@Suite struct CLITests {
    static let root = Repository.root

    /// Parses and runs a command line in process; returns the exit code.
    func exitCode(_ arguments: [String]) -> Int32 {
        do {
            var command = try SieveCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch {
            return SieveCommand.exitCode(for: error).rawValue
        }
    }

    @Test func validateAcceptsTheQuickstart() {
        #expect(exitCode(["validate", Self.root + "/experiments/quickstart.yaml"]) == 0)
    }

    @Test func aBadSpecExitsWith64() throws {
        let path = NSTemporaryDirectory() + "sieve-cli-\(UUID().uuidString).yaml"
        try "name: x\nmodels: {rf: {kind: forest}}\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(exitCode(["validate", path]) == 64)
        #expect(exitCode(["plan", path]) == 64)
        #expect(exitCode(["validate", "/no/such/spec.yaml"]) == 64)
    }

    @Test func badDataExitsWith65() throws {
        let folder = TestFiles.temporaryFolder("sieve-cli")
        try "formula,target\nNaCl,1\nNa(Cl,2\n".write(toFile: folder + "/d.csv", atomically: true, encoding: .utf8)
        try "name: x\ndataset: {path: d.csv, target: target, features: {magpie: formula}}\nmodels: {rf: {kind: random_forest}}\n"
            .write(toFile: folder + "/s.yaml", atomically: true, encoding: .utf8)
        #expect(exitCode(["validate", folder + "/s.yaml"]) == 65)
    }

    @Test func jobsMustBePositive() {
        #expect(exitCode(["run", Self.root + "/experiments/quickstart.yaml", "--jobs", "0"]) == 64)
    }
}
