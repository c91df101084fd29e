import Foundation
import Testing

/// Every committed sample spec, run as shipped, writes exactly the outputs stored under
/// `Golden/<spec>/` (made by the version before the engine was split along the path of data),
/// except what honestly changes from run to run: times, the commit, and where files live.
///
/// To accept an intended change of results, rerun with SIEVE_UPDATE_GOLDEN=1 (rewrites the
/// copies from this run); SIEVE_GOLDEN_SOURCE=<folder> takes the outputs from `<folder>/<spec>`
/// instead of running.
@Suite(.serialized) struct GoldenOutputTests {
    static let specs = ["quickstart", "models", "active-learning-sample", "mp-redundancy-sample", "oqmd-redundancy-sample"]
    static let golden = BinaryTests.root + "/Tests/SieveEndToEndTests/Golden"

    @Test(arguments: specs)
    func sampleSpecWritesTheGoldenOutputs(spec: String) throws {
        let environment = ProcessInfo.processInfo.environment
        let out: String
        if let source = environment["SIEVE_GOLDEN_SOURCE"] {
            out = source + "/" + spec
        } else {
            out = BinaryTests.folder() + "/" + spec
            // Run from the repository with the spec's relative path, as a user of the README would.
            let run = try BinaryTests.sieve(["run", "experiments/\(spec).yaml", "--output", out, "--quiet"], in: BinaryTests.root)
            #expect(run.status == 0, "\(run.err)")
            try Self.checkStudy(spec, out: out)
        }
        let produced = try Self.normalizedOutputs(out)
        let folder = Self.golden + "/" + spec
        if environment["SIEVE_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(atPath: folder)
            for (name, text) in produced {
                let path = folder + "/" + name
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            }
            return
        }
        let expected = try Self.files(under: folder).reduce(into: [String: String]()) { all, name in
            all[name] = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
        }
        #expect(!expected.isEmpty, "no golden copies in \(folder)")
        #expect(Set(produced.keys) == Set(expected.keys), "files: \(Set(produced.keys).symmetricDifference(expected.keys).sorted())")
        for (name, text) in produced.sorted(by: { $0.key < $1.key }) where expected[name] != nil {
            #expect(text == expected[name], "\(spec)/\(name) differs from its golden copy")
        }
    }

    /// Study-specific checks on the outputs of the sample specs.
    static func checkStudy(_ spec: String, out: String) throws {
        switch spec {
        case "mp-redundancy-sample", "oqmd-redundancy-sample":
            let verdict = try String(contentsOfFile: out + "/redundancy.md", encoding: .utf8)
            #expect(verdict.contains("## Smallest training set as good as the full pool"))
            #expect(verdict.contains("| xgb | ID test | random |") && verdict.contains("| xgb | ID test | prune-xgb |"))
            #expect(verdict.contains("## The rows left out"))
            let curves = try String(contentsOfFile: out + "/pruning_curves.csv", encoding: .utf8).split(separator: "\n")
            #expect(curves.count > 10 && curves.contains { $0.contains(",transfer,removed,") })
        case "active-learning-sample":
            let plan = try BinaryTests.sieve(["plan", BinaryTests.root + "/experiments/\(spec).yaml", "--output", out])
            #expect(plan.out.contains("done         active learning qbc seed=0  — 15 iterations of 15"), "\(plan.out)")
            #expect(plan.out.contains("8 campaigns: 8 done, 0 in progress, 0 running, 0 pending, 0 failed."))
            let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
            #expect(html.contains("<h2>Active learning</h2>") && html.contains("Active learning — xgb"))
            #expect(html.contains("8 active learning campaign(s)"), "the summary names campaigns by their kind")
        default:
            break
        }
    }

    /// The output folder's files (run records, checkpoints and work folders aside), with what
    /// changes between identical runs taken out.
    static func normalizedOutputs(_ out: String) throws -> [String: String] {
        var result: [String: String] = [:]
        // Records, checkpoints, work folders and the binary feature cache are the store, not outputs.
        for name in try files(under: out) where !["runs/", "campaigns/", "work/", "cache/"].contains(where: name.hasPrefix) {
            var text = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            text = text.replacingOccurrences(of: out, with: "<output>").replacingOccurrences(of: BinaryTests.root, with: "<root>")
            switch name {
            case "manifest.json":
                text = text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
                    !["\"started\"", "\"finished\"", "\"commit\"", "\"output\""].contains { line.contains($0 + " :") }
                }.joined(separator: "\n")
            case "runs.csv":
                text = dropTimingColumns(text)
            case "index.html":
                text = text.replacing(#/<dt>(Written|Sieve)</dt><dd>[^<]*</dd>/#, with: "")
            default:
                break
            }
            result[name] = text
        }
        return result
    }

    /// runs.csv without fit_seconds and predict_seconds (fields hold no commas or quotes there).
    static func dropTimingColumns(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init),
              let fit = header.firstIndex(of: "fit_seconds"), let predict = header.firstIndex(of: "predict_seconds") else { return text }
        return lines.map { line in
            guard !line.contains("\"") else { return line }
            return line.split(separator: ",", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset != fit && $0.offset != predict }.map { String($0.element) }.joined(separator: ",")
        }.joined(separator: "\n")
    }

    /// Relative paths of the regular files under `folder`, sorted.
    static func files(under folder: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var names: [String] = []
        while let name = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue,
               !(name as NSString).lastPathComponent.hasPrefix(".") {
                names.append(name)
            }
        }
        return names.sorted()
    }
}
