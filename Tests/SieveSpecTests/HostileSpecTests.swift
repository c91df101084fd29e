import Foundation
import Testing
import SieveTestSupport
import SieveCore
@testable import SieveSpec

/// Specs written to break the reader: alias bombs, tabs, deep nesting, and every input the
/// spec fuzzer (Fuzz/, `make fuzz`) found worth keeping. Each must end in diagnostics, never a
/// trap, a hang or a blow-up of memory.
@Suite struct HostileSpecTests {
    /// "line:col: message" for every problem in `text`.
    func problems(_ text: String) -> [String] {
        SpecReader.parse(text: text, path: "specs/t.yaml").diagnostics.map {
            "\($0.location.map { "\($0.line):\($0.column)" } ?? "-"): \($0.message)"
        }
    }

    /// Nine anchors, each a list of nine aliases to the one before: 9⁹ values once expanded.
    static func aliasBomb(levels: Int = 9, keyAt end: Bool = false) -> String {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for level in 1..<levels {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        if end { lines.append("k: {*a\(levels - 1): 1, *a\(levels - 2): 2}") }
        return (lines + ["name: bomb"]).joined(separator: "\n") + "\n"
    }

    @Test(.timeLimit(.minutes(1))) func anAliasBombIsOneLocatedError() {
        // a0..a3 repeat 9 + 81·10 + 729·10 + … ; the first alias of a4 passes 10000.
        let found = problems(Self.aliasBomb())
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("5:10: The alias '*a3' takes the values the spec repeats through aliases past 10000") == true,
                "\(found)")
    }

    @Test(.timeLimit(.minutes(1))) func anAliasBombAsAMappingKeyDoesNotHangTheYAMLLibrary() {
        // Yams hashes every key in full to find duplicates: this hung before the alias budget.
        let found = problems(Self.aliasBomb(levels: 9, keyAt: true))
        #expect(found.count == 1 && found[0].contains("'*a3'"), "\(found)")
    }

    @Test func theLimitCountsEveryRepeatedValue() {
        // A list of 100 scalars is 101 values: 99 aliases repeat 9999 (allowed), the 100th passes.
        let list = "shared: &s [" + (1...100).map(String.init).joined(separator: ", ") + "]\n"
        func spec(aliases: Int) -> String {
            list + "uses:\n" + String(repeating: "  - *s\n", count: aliases) + "name: t\n"
        }
        #expect(!problems(spec(aliases: 99)).contains { $0.contains("alias") })
        let over = problems(spec(aliases: 100))
        #expect(over.first?.hasPrefix("102:5: The alias '*s'") == true, "\(over)")
    }

    @Test func aSpecThatSharesItsDatasetThroughAnAliasReads() throws {
        let text = """
            name: shared
            dataset: &mp {path: data/mp.csv, target: target, features: {magpie: formula}}
            splits:
              ood:
                - name: again
                  dataset: *mp
            models:
              rf: &forest {kind: random_forest, trees: 10}
              rf2: *forest
            """
        let spec = try SpecReader.read(text: text, path: "specs/t.yaml")
        #expect(spec.models.map(\.name.value) == ["rf", "rf2"])
    }

    @Test func aTabInTheIndentationIsCalledATab() {
        let message = "The spec has a tab here; YAML indents with spaces only, so replace the tab with spaces."
        #expect(problems("name: t\ndataset:\n\tpath: x.csv\n") == ["3:1: \(message)"])
        #expect(problems("name: t\nmodels:\n  \trf: {kind: random_forest}\n") == ["3:3: \(message)"])
        #expect(problems("name: t\ndescription: |\n  a\n\tb\n") == ["4:1: \(message)"])
        // A tab inside a value is not a syntax error and is not blamed.
        #expect(!problems("name: \"a\tb\"\n").contains { $0.contains("tab") })
    }

    @Test func nestingPastLibyamlsLimitIsNamed() {
        let text = "name: " + String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000) + "\n"
        let found = problems(text)
        #expect(found.count == 1 && found[0].contains("nests lists and mappings too deeply"), "\(found)")
    }

    @Test func aSpecPathThatIsAFolderOrALinkLoopSaysSo() throws {
        let folder = TestFiles.temporaryFolder("sieve-spec")
        try FileManager.default.createSymbolicLink(atPath: folder + "/a.yaml", withDestinationPath: folder + "/b.yaml")
        try FileManager.default.createSymbolicLink(atPath: folder + "/b.yaml", withDestinationPath: folder + "/a.yaml")
        func message(_ path: String) -> String {
            do { _ = try SpecReader.parse(path: path); return "no error" } catch { return "\(error)" }
        }
        #expect(message(folder).hasPrefix("error: The spec path \(folder) is a folder; give the spec's YAML file."))
        #expect(message(folder + "/a.yaml").hasPrefix("error: The spec path \(folder)/a.yaml is a symbolic link that never reaches a file"))
        #expect(message(folder + "/none.yaml").hasPrefix("error: The spec file \(folder)/none.yaml does not exist."))
    }

    static let root = Repository.root

    /// The inputs kept from fuzzing: those that once failed (Fuzz/Regressions/spec) and the corpus
    /// of a long run reduced to the inputs that cover its features (Fuzz/Corpus/spec).
    @Test func everyKeptFuzzInputEndsInASpecOrDiagnostics() throws {
        var count = 0
        for set in ["Regressions", "Corpus"] {
            let folder = Self.root + "/Fuzz/\(set)/spec"
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() {
                let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
                let reading = SpecReader.parse(text: String(decoding: data, as: UTF8.self), path: name)
                #expect(reading.spec != nil || !reading.diagnostics.isEmpty, "\(set)/\(name) gave neither a spec nor a diagnostic")
                for diagnostic in reading.diagnostics { #expect(!diagnostic.description.isEmpty) }
                if let spec = reading.spec { #expect(!spec.root.description.isEmpty) }
                count += 1
            }
        }
        #expect(count > 10, "the kept spec fuzz inputs are missing from Fuzz/")
    }
}
