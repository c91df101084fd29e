import Foundation
import SieveCore
import Testing
@testable import SieveData

@Suite struct StructureFeaturesTests {
    @Test(arguments: [
        (1, CrystalSystem.triclinic), (2, .triclinic), (3, .monoclinic), (15, .monoclinic), (16, .orthorhombic),
        (74, .orthorhombic), (75, .tetragonal), (142, .tetragonal), (143, .trigonal), (167, .trigonal),
        (168, .hexagonal), (194, .hexagonal), (195, .cubic), (230, .cubic),
    ])
    func crystalSystemBoundaries(number: Int, system: CrystalSystem) {
        #expect(CrystalSystem(spaceGroupNumber: number) == system)
        #expect(system.spaceGroupNumbers.contains(number))
        #expect(SpaceGroup(number: number)?.crystalSystem == system)
    }

    @Test func crystalSystemsPartitionTheSpaceGroups() {
        #expect(CrystalSystem(spaceGroupNumber: 0) == nil)
        #expect(CrystalSystem(spaceGroupNumber: 231) == nil)
        #expect(SpaceGroup(number: 0) == nil)
        let all = CrystalSystem.allCases.flatMap { Array($0.spaceGroupNumbers) }
        #expect(all == Array(1...230))
        #expect(CrystalSystem.allCases.map(\.rawValue)
                == ["triclinic", "monoclinic", "orthorhombic", "tetragonal", "trigonal", "hexagonal", "cubic"])
        #expect(CrystalSystem(rawValue: "trigonal") == .trigonal)
    }

    /// NaCl by hand: 4 formula units of 22.98976928 + 35.45 Da in a 5.64 Å cube.
    @Test func rockSaltDensityAndVolumeByHand() throws {
        let mass = 4 * (22.98976928 + 35.45)
        let volume = 5.64 * 5.64 * 5.64
        let density = mass * 1.66053906660e-24 / (volume * 1e-24)  // g / cm³
        let conventional = StructureData.rockSalt()
        #expect(abs(conventional.density - density) < 1e-12 * density)
        #expect(abs(conventional.density - 2.1636) < 1e-4)  // handbooks give 2.165 g/cm³ at a = 5.640 Å
        #expect(abs(conventional.volumePerAtom - volume / 8) < 1e-12)
        // The same crystal in its 2-site primitive cell, read from POSCAR text.
        let h = 5.64 / 2
        let primitive = try StructureColumn.parse("NaCl\n1.0\n0 \(h) \(h)\n\(h) 0 \(h)\n\(h) \(h) 0\nNa Cl\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5",
                                                  file: "p", line: 2)
        #expect(abs(primitive.volume - volume / 4) < 1e-9)
        #expect(abs(primitive.density - density) < 1e-12 * density)
        let group = try primitive.spaceGroup()
        #expect(group == SpaceGroup(number: 225, symbol: "Fm-3m"))
        let features = StructureFeatures.values(for: primitive, spaceGroup: group)
        #expect(StructureFeatures.names == ["density", "volume_per_atom", "site_count", "space_group_number",
                                            "crystal_system_triclinic", "crystal_system_monoclinic", "crystal_system_orthorhombic",
                                            "crystal_system_tetragonal", "crystal_system_trigonal", "crystal_system_hexagonal",
                                            "crystal_system_cubic"])
        #expect(features.count == StructureFeatures.count)
        #expect(Array(features[2...]) == [2, 225, 0, 0, 0, 0, 0, 0, 1])
        #expect(abs(features[0] - density) < 1e-12 * density && abs(features[1] - volume / 8) < 1e-9)
        #expect(primitive.reducedFormula == "NaCl" && conventional.reducedFormula == "NaCl")
    }

    @Test func oneHotFollowsTheGivenSpaceGroup() throws {
        let s = StructureData.rockSalt()
        let trigonal = try #require(SpaceGroup(number: 166))
        let v = StructureFeatures.values(for: s, spaceGroup: trigonal)
        #expect(Array(v[3...]) == [166, 0, 0, 0, 0, 1, 0, 0])
    }

    /// The IUPAC 2021 weights against the Magpie table's AtomicWeight (an older IUPAC edition):
    /// within 0.1 % where a standard weight exists, 1.1 % for the bracketed mass numbers (Tc 97 vs 98).
    @Test func atomicWeightsAgreeWithTheMagpieTable() throws {
        let table = MagpieTable.shipped
        let column = try #require(table.properties.firstIndex(of: "AtomicWeight"))
        #expect(PeriodicTable.atomicWeights.count == 118)
        let noStandardWeight: Set<String> = ["Tc", "Pm", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Np", "Pu", "Am", "Cm", "Bk"]
        for (symbol, values) in table.values {
            let ours = try #require(PeriodicTable.atomicWeight(of: symbol))
            let tolerance = noStandardWeight.contains(symbol) ? 0.011 : 0.001
            #expect(abs(ours - values[column]) / values[column] <= tolerance, "\(symbol): \(ours) vs \(values[column])")
        }
        #expect(PeriodicTable.atomicWeights.enumerated().allSatisfy { $0.element > Double($0.offset) })
        #expect(PeriodicTable.atomicWeight(of: "Og") == 294)
    }
}
