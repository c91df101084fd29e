import Foundation
import Testing

/// The structure-feature cache seen from the command line: `sieve validate` stores it in the output
/// folder, a second command reads it, results are byte-equal with and without it, and a damaged
/// cache is recomputed.
struct FeatureCacheTests {
    /// The header and the first `count` records of flla_2015 (records span lines: POSCAR texts).
    static func fllaHead(_ count: Int) throws -> String {
        let text = try String(contentsOfFile: BinaryTests.root + "/experiments/data/flla_2015.csv", encoding: .utf8)
        var lines: [Substring] = []
        var records = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            // A record starts with its id and a comma; the POSCAR's first line is the bare id.
            if line.hasPrefix("mp-"), line.contains(",") {
                records += 1
                if records > count { break }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func spec(data: String, output: String) -> String {
        """
        name: feature-cache
        dataset:
          path: \(data)
          target: formation_energy_per_atom
          features: {magpie: formula, matminer: [coordination_number, chemical_ordering]}
          structure: structure
          missing: drop_rows
        splits:
          id_test: {fraction: 0.25, seed: 0}
        models:
          rf: {kind: random_forest, trees: 10}
        train_sizes: [1.0]
        seeds: 1
        output: \(output)
        """
    }

    /// The output folder's tables but runs.csv (whose timing columns differ from run to run).
    static func topLevelCSVs(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".csv") && name != "runs.csv" {
            files[name] = FileManager.default.contents(atPath: folder + "/" + name)
        }
        return files
    }

    @Test func commandsShareTheCacheAndResultsAreTheSame() throws {
        let folder = BinaryTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.fllaHead(30).write(toFile: folder + "/data.csv", atomically: true, encoding: .utf8)
        let spec = folder + "/spec.yaml"
        try Self.spec(data: folder + "/data.csv", output: folder + "/one").write(toFile: spec, atomically: true, encoding: .utf8)

        let first = try BinaryTests.sieve(["validate", spec])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("Structure features computed and stored in the cache \(folder)/one/cache/features-"), "\(first.out)")
        let cacheFiles = try FileManager.default.contentsOfDirectory(atPath: folder + "/one/cache").filter { $0.hasPrefix("features-") }
        #expect(cacheFiles.count == 1)
        let cache = folder + "/one/cache/" + (cacheFiles.first ?? "")
        let stored = try #require(FileManager.default.contents(atPath: cache))

        let second = try BinaryTests.sieve(["validate", spec])
        #expect(second.status == 0, "\(second.err)")
        #expect(second.out.contains("Structure features read from the cache \(cache)."), "\(second.out)")

        // `sieve run` reads the cache validate wrote; a run without it (another output folder) agrees byte for byte.
        let cached = try BinaryTests.sieve(["run", spec, "--quiet"])
        #expect(cached.status == 0, "\(cached.err)")
        #expect(FileManager.default.contents(atPath: cache) == stored)
        let fresh = try BinaryTests.sieve(["run", spec, "--output", folder + "/two", "--quiet"])
        #expect(fresh.status == 0, "\(fresh.err)")
        #expect(FileManager.default.contents(atPath: folder + "/two/cache/" + (cacheFiles.first ?? "")) == stored,
                "the same data and settings give the same cache file")
        let one = try Self.topLevelCSVs(folder + "/one"), two = try Self.topLevelCSVs(folder + "/two")
        #expect(!one.isEmpty && one == two)

        // A damaged cache is recomputed (with a warning) and rewritten whole.
        try Data(stored.prefix(stored.count / 2)).write(to: URL(fileURLWithPath: cache))
        let damaged = try BinaryTests.sieve(["validate", spec])
        #expect(damaged.status == 0, "\(damaged.err)")
        #expect(damaged.err.contains("The feature cache \(cache) was damaged"), "\(damaged.err)")
        #expect(FileManager.default.contents(atPath: cache) == stored)

        // A changed data file misses the cache: a second file appears beside the first.
        try Self.fllaHead(29).write(toFile: folder + "/data.csv", atomically: true, encoding: .utf8)
        let changed = try BinaryTests.sieve(["validate", spec])
        #expect(changed.status == 0, "\(changed.err)")
        #expect(changed.out.contains("computed and stored in the cache"), "\(changed.out)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/one/cache").filter { $0.hasPrefix("features-") }.count == 2)
    }
}
