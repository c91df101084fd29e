import Foundation
import Testing
@testable import SieveData

/// Sieve's space groups (spglib 2.0.2 C library) against spglib 2.8.0's Python package on every
/// committed structure: `bench/reference/spglib_space_groups.py` wrote the fixture with its own
/// POSCAR reader, symprec 0.1.
@Suite struct SpaceGroupReferenceTests {
    struct Reference { var number: Int; var symbol: String; var sites: Int }

    static func reference() throws -> [String: Reference] {
        var out: [String: Reference] = [:]
        for row in try StructureData.rows(of: StructureData.fixtures + "/space_groups_spglib.csv") {
            out[row["dataset"] + "/" + row["material_id"]] = Reference(number: Int(row["number"])!, symbol: row["international"],
                                                                      sites: Int(row["nsites"])!)
        }
        return out
    }

    /// Space groups of a committed dataset, found once per process on two threads.
    static func spaceGroups(of path: String) throws -> [SpaceGroup] {
        try (path == StructureData.flla ? fllaGroups : elasticGroups).get()
    }

    private static let fllaGroups = Result { try batch(StructureData.flla) }
    private static let elasticGroups = Result { try batch(StructureData.elastic) }

    private static func batch(_ path: String) throws -> [SpaceGroup] {
        let parsed = try StructureData.structures(of: path)
        return try StructureColumn.spaceGroups(of: parsed.map(\.structure), lines: parsed.map(\.row.line), file: path, threads: 2)
    }

    @Test func everyStructureHasTheReferenceSpaceGroup() throws {
        let reference = try Self.reference()
        #expect(reference.count == 3938 + 1181)
        var compared = 0
        var mismatches: [String] = []
        for (name, path) in [("flla_2015", StructureData.flla), ("elastic_tensor", StructureData.elastic)] {
            for ((row, structure), group) in zip(try StructureData.structures(of: path), try Self.spaceGroups(of: path)) {
                let expected = try #require(reference[name + "/" + row["material_id"]])
                #expect(structure.siteCount == expected.sites)
                if group.number != expected.number || group.symbol != expected.symbol {
                    mismatches.append("\(name) \(row["material_id"]): Sieve \(group), spglib \(expected.symbol) (\(expected.number))")
                }
                compared += 1
            }
        }
        #expect(compared == 5119)
        #expect(mismatches.isEmpty, "\(mismatches.count) differ: \(mismatches.prefix(10).joined(separator: "; "))")
    }

    /// DATA.md's counts for flla_2015, measured once with spglib at symprec 0.1.
    @Test func fllaCrystalSystemsMatchTheMeasuredCounts() throws {
        var counts: [CrystalSystem: Int] = [:]
        for group in try Self.spaceGroups(of: StructureData.flla) { counts[group.crystalSystem, default: 0] += 1 }
        #expect(counts == [.orthorhombic: 854, .tetragonal: 728, .cubic: 659, .monoclinic: 605, .hexagonal: 489,
                           .trigonal: 463, .triclinic: 140])
    }

    /// The elastic data's own space_group column agrees except for one cell (mp-85, indium,
    /// whose slightly tetragonal fcc cell spglib calls I4/mmm at 0.1 Å).
    @Test func elasticSpaceGroupColumnAgreesExceptIndium() throws {
        var differing: [String] = []
        for ((row, _), group) in zip(try StructureData.structures(of: StructureData.elastic), try Self.spaceGroups(of: StructureData.elastic)) {
            if group.number != Int(row["space_group"])! { differing.append(row["material_id"]) }
        }
        #expect(differing == ["mp-85"])
    }

    /// One thread or several, one structure at a time or in a batch: the same answers.
    @Test func batchesAgreeWithSingleSearchesForAnyThreadCount() throws {
        let parsed = Array(try StructureData.structures(of: StructureData.elastic).prefix(150))
        let single = try parsed.map { try $0.structure.spaceGroup() }
        for threads in [1, 3] {
            let batch = try StructureColumn.spaceGroups(of: parsed.map(\.structure), lines: parsed.map(\.row.line),
                                                        file: StructureData.elastic, threads: threads)
            #expect(batch == single)
        }
    }

    @Test func aBatchReportsItsFirstFailureInColumnOrder() throws {
        let good = StructureData.rockSalt()
        let close = try StructureColumn.parse("c\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa\n2\nDirect\n0 0 0\n0.01 0 0", file: "b.csv", line: 1)
        #expect(throws: StructureError.symmetrySearchFailed(file: "b.csv", line: 30, symprec: 0.1,
                                                            message: "spg_get_dataset: too close distance between atoms")) {
            try StructureColumn.spaceGroups(of: [good, good, close, good, close], lines: [10, 20, 30, 40, 50], file: "b.csv", threads: 2)
        }
    }
}
