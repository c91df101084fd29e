import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SieveCore
import Testing
@testable import SieveData

/// The structure-feature cache: a second load reads what the first stored, gives the same dataset
/// bit for bit, and a damaged file or changed data file is never trusted.
struct StructureFeatureCacheTests {
    /// A folder with a small structure CSV (the first rows of flla_2015, one of them without
    /// Voronoi cells under `missing: drop_rows` when present) and an empty cache folder.
    final class Scratch {
        let folder: String
        var data: String { folder + "/data.csv" }
        var cacheFolder: String { folder + "/cache" }

        init(rows: Int) throws {
            folder = NSTemporaryDirectory() + "sieve-feature-cache-\(UInt64.random(in: 0...UInt64.max))"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Self.write(rows: rows, to: folder + "/data.csv")
        }

        static func write(rows: Int, to path: String, changeLastTarget: Bool = false) throws {
            var text = "formula,formation_energy_per_atom,structure\n"
            let all = try StructureData.rows(of: StructureData.flla)
            for (k, row) in all.prefix(rows).enumerated() {
                let target = changeLastTarget && k == rows - 1 ? "0.125" : row["formation_energy_per_atom"]
                text += "\(row["formula"]),\(target),\"\(row["structure"].replacingOccurrences(of: "\"", with: "\"\""))\"\n"
            }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }

        var cache: StructureFeatureCache {
            StructureFeatureCache(folder: cacheFolder) { bytes, path in
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                let temporary = path + ".tmp"
                try Data(bytes).write(to: URL(fileURLWithPath: temporary))
                guard rename(temporary, path) == 0 else { throw DataError.noRows(path: "rename to \(path) failed") }
            }
        }

        func options() -> DatasetOptions {
            var options = DatasetOptions(path: data, target: "formation_energy_per_atom", features: .magpie(formulaColumn: "formula"),
                                         missingValues: .dropRows)
            var structure = StructureOptions(column: "structure", features: true)
            structure.matminer = StructureFamily.allCases
            options.structure = structure
            options.group = .crystalSystem
            return options
        }

        deinit { try? FileManager.default.removeItem(atPath: folder) }
    }

    static func sameData(_ a: Dataset, _ b: Dataset) {
        #expect(a.featureNames == b.featureNames)
        #expect(a.features.storage.map(\.bitPattern) == b.features.storage.map(\.bitPattern))
        #expect(a.targets == b.targets)
        #expect(a.lines == b.lines)
        #expect(a.groups == b.groups)
        #expect(a.droppedRows == b.droppedRows)
    }

    @Test func secondLoadReadsTheCacheAndGivesTheSameDataset() throws {
        let scratch = try Scratch(rows: 24)
        let plain = try DatasetLoader().load(scratch.options())
        #expect(plain.featureCache == nil)
        let loader = DatasetLoader(featureCache: scratch.cache)
        let first = try loader.load(scratch.options())
        guard case let .stored(path)? = first.featureCache else {
            Issue.record("the first load should store the features, not \(String(describing: first.featureCache))")
            return
        }
        #expect(path.hasPrefix(scratch.cacheFolder + "/features-") && path.hasSuffix(".bin"))
        let stored = try #require(FileManager.default.contents(atPath: path))
        let second = try loader.load(scratch.options())
        #expect(second.featureCache == .read(path: path))
        #expect(FileManager.default.contents(atPath: path) == stored, "a read must leave the file alone")
        Self.sameData(plain, first)
        Self.sameData(plain, second)
        // Other threads give the same key (threads never change features).
        var threaded = scratch.options()
        threaded.threads = 2
        #expect(try loader.load(threaded).featureCache == .read(path: path))
    }

    @Test func damagedCacheIsRecomputedNeverTrusted() throws {
        let scratch = try Scratch(rows: 12)
        let loader = DatasetLoader(featureCache: scratch.cache)
        let first = try loader.load(scratch.options())
        let path = try #require(first.featureCache?.path)
        let whole = try #require(FileManager.default.contents(atPath: path))
        var flipped = Array(whole)
        flipped[flipped.count / 2] ^= 0x10  // one bit of a feature value
        for damaged in [flipped, Array(whole.prefix(whole.count - 9)), Array(whole.prefix(5)), []] {
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            let again = try loader.load(scratch.options())
            guard case .replacedDamaged(path, _)? = again.featureCache else {
                Issue.record("a damaged cache of \(damaged.count) bytes gave \(String(describing: again.featureCache))")
                continue
            }
            Self.sameData(first, again)
            #expect(FileManager.default.contents(atPath: path) == whole, "the damaged file is rewritten whole")
        }
    }

    @Test func changedDataOrSettingsMissTheCache() throws {
        let scratch = try Scratch(rows: 12)
        let loader = DatasetLoader(featureCache: scratch.cache)
        let first = try #require(try loader.load(scratch.options()).featureCache?.path)
        // Another data file content (only a target changed): another key, so a new file.
        try Scratch.write(rows: 12, to: scratch.data, changeLastTarget: true)
        guard case let .stored(second)? = try loader.load(scratch.options()).featureCache else {
            Issue.record("a changed data file must miss the cache")
            return
        }
        #expect(second != first)
        // Other structure settings: another key.
        var fewer = scratch.options()
        fewer.structure!.matminer = [.coordinationNumber]
        guard case let .stored(third)? = try loader.load(fewer).featureCache else {
            Issue.record("other families must miss the cache")
            return
        }
        #expect(third != second)
    }

    @Test func aCacheThatCannotBeWrittenIsOnlyAWarning() throws {
        let scratch = try Scratch(rows: 6)
        let failing = StructureFeatureCache(folder: scratch.cacheFolder) { _, _ in
            throw DataError.noRows(path: "read-only")
        }
        let loaded = try DatasetLoader(featureCache: failing).load(scratch.options())
        guard case .notStored? = loaded.featureCache else {
            Issue.record("expected notStored, got \(String(describing: loaded.featureCache))")
            return
        }
        Self.sameData(try DatasetLoader().load(scratch.options()), loaded)
    }
}
