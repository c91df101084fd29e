import Foundation
import Testing
import SieveCore
@testable import SieveData

/// Duplicate compositions, row filters and samples, on a planted table.
@Suite struct RowRulesTests {
    /// Fe2O3/Fe4O6/O3Fe2 are one composition, NaCl/Na2Cl2 another, KBr and LiF stand alone.
    static let table = """
        formula,target
        Fe2O3,1.0
        NaCl,2.0
        Fe4O6,0.5
        KBr,4.0
        Na2Cl2,3.0
        O3Fe2,1.5
        LiF,-6.0
        """

    func load(keep: DuplicateRule.Keep?, filter: RowRule? = nil, sample: RowSample? = nil) throws -> Dataset {
        let path = NSTemporaryDirectory() + "sieve-rules-\(UUID().uuidString).csv"
        try Self.table.write(toFile: path, atomically: true, encoding: .utf8)
        var options = DatasetOptions(path: path, target: "target", features: .magpie(formulaColumn: "formula"))
        options.duplicates = keep.map(DuplicateRule.init)
        options.keepRows = filter
        options.sample = sample
        return try DatasetLoader().load(options)
    }

    @Test func duplicatesAreCountedAndTheChosenRowKept() throws {
        let lowest = try load(keep: .lowest)
        #expect(lowest.formulas == ["NaCl", "Fe4O6", "KBr", "LiF"], "rows keep file order")
        #expect(lowest.targets == [2.0, 0.5, 4.0, -6.0])
        #expect(lowest.rowCounts.duplicateRows == 5 && lowest.rowCounts.duplicateGroups == 2 && lowest.rowCounts.merged == 3)
        #expect(try load(keep: .highest).targets == [4.0, 3.0, 1.5, -6.0], "KBr, Na2Cl2, O3Fe2, LiF in file order")
        #expect(try load(keep: .first).formulas == ["Fe2O3", "NaCl", "KBr", "LiF"])
        let mean = try load(keep: .mean)
        #expect(mean.formulas == ["Fe2O3", "NaCl", "KBr", "LiF"] && mean.targets == [1.0, 2.5, 4.0, -6.0])
        let all = try load(keep: .all)
        #expect(all.count == 7 && all.rowCounts.merged == 0 && all.rowCounts.duplicateRows == 5)
        // Without a rule nothing is merged, but duplicates are still counted (for the warning).
        let none = try load(keep: nil)
        #expect(none.count == 7 && none.rowCounts.duplicateRows == 5)
    }

    @Test func filterThenMergeThenSample() throws {
        let filtered = try load(keep: .lowest, filter: RowRule(minTarget: -5, maxTarget: 5))
        #expect(filtered.rowCounts.filtered == 1 && !filtered.formulas!.contains("LiF"))
        let a = try load(keep: .lowest, sample: RowSample(rows: 2, seed: 3))
        let b = try load(keep: .lowest, sample: RowSample(rows: 2, seed: 3))
        #expect(a.count == 2 && a.formulas == b.formulas && a.rowCounts.sampledFrom == 4, "a seeded sample is the same every time")
        let seeds = Set((0..<20).map { try! load(keep: .lowest, sample: RowSample(rows: 2, seed: $0)).formulas! })
        #expect(seeds.count > 1, "other seeds draw other rows")
    }
}
