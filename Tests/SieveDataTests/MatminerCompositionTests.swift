import Foundation
import Testing
@testable import SieveData

/// Sieve's native Stoichiometry, ValenceOrbital and IonProperty against matminer 0.10.1.
@Suite struct MatminerCompositionTests {
    /// Every row of `matminer_reference_composition.csv` (all 5,119 structures of flla_2015 and
    /// elastic_tensor, written by `scripts/prepare_matminer_reference.py composition`): the composition
    /// comes from Sieve's own reading of each structure, checked first against pymatgen's formula.
    @Test func everyReferenceRowMatchesMatminer() throws {
        let reference = try StructureData.rows(of: StructureData.fixtures + "/matminer_reference_composition.csv")
        #expect(reference.count == 5_119)
        var compositions: [String: Composition] = [:]
        for (name, path) in [("flla_2015", StructureData.flla), ("elastic_tensor", StructureData.elastic)] {
            for (row, structure) in try StructureData.structures(of: path) {
                compositions["\(name)/\(row["material_id"])"] = structure.composition
            }
        }
        let parser = FormulaParser()
        var worst: [CompositionFamily: Double] = [:]
        for row in reference {
            let key = "\(row["dataset"])/\(row["material_id"])"
            let composition = try #require(compositions[key], "\(key) is in the reference but not in the datasets")
            let pymatgen = try parser.parse(row["formula"])
            #expect(composition.reducedKey == pymatgen.reducedKey, "\(key): Sieve reads \(composition), pymatgen \(row["formula"])")
            for family in CompositionFamily.allCases {
                let ours = family.features(of: composition)
                for (name, value) in zip(family.featureNames, ours) {
                    let expected = try #require(Double(row[name]), "\(key) has no number for \(name)")
                    let relative = abs(value - expected) / max(abs(expected), 1e-300)
                    let ok = abs(value - expected) <= 1e-6 * abs(expected) + 1e-15
                    #expect(ok, "\(key) \(name): Sieve \(value), matminer \(expected)")
                    if expected != 0 || value != 0 { worst[family] = max(worst[family] ?? 0, relative) }
                }
            }
        }
        // Timing only, printed for the docs (never asserted): each family over every composition.
        let all = reference.map { compositions["\($0["dataset"])/\($0["material_id"])"]! }
        for family in CompositionFamily.allCases {
            let clock = ContinuousClock()
            var checksum = 0.0
            let elapsed = clock.measure { for c in all { checksum += family.features(of: c)[1] } }
            let microseconds = Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6
            print("matminer \(family.name): \(reference.count) rows, max relative difference \(worst[family] ?? 0); "
                  + "\(microseconds / Double(all.count)) µs per composition (checksum \(checksum))")
        }
    }

    @Test func rockSalt() throws {
        let nacl = try FormulaParser().parse("NaCl")
        expectClose(Stoichiometry.features(of: nacl), [2, 0.5.squareRoot(), pow(0.25, 1.0 / 3), pow(1.0 / 16, 1.0 / 5),
                                                       pow(1.0 / 64, 1.0 / 7), pow(1.0 / 512, 1.0 / 10)])
        // Na 3s¹ (1 valence electron), Cl 3s²3p⁵ (7): s (1 + 2)/8, p 5/8.
        expectClose(ValenceOrbital().features(of: nacl), [0.375, 0.625, 0, 0])
        // χ(Na) 0.93, χ(Cl) 3.16; Na⁺Cl⁻ is neutral.
        let character = 1 - exp(-0.25 * 2.23 * 2.23)
        expectClose(IonProperty().features(of: nacl), [1, character, 0.25 * character])
    }

    @Test func haematiteIsNeutralButMagnetiteIsNotWithOneStatePerElement() throws {
        let fe2o3 = try FormulaParser().parse("Fe2O3")
        expectClose(Array(Stoichiometry.features(of: fe2o3).prefix(2)), [2, 0.52.squareRoot()])
        // Fe 4s²3d⁶ (8), O 2s²2p⁴ (6): s (2·2 + 3·2)/5 = 2, p 12/5, d 12/5, total 34/5.
        expectClose(ValenceOrbital().features(of: fe2o3), [2 / 6.8, 2.4 / 6.8, 2.4 / 6.8, 0])
        let character = 1 - exp(-0.25 * (3.44 - 1.83) * (3.44 - 1.83))
        expectClose(IonProperty().features(of: fe2o3), [1, character, 0.24 * character])
        #expect(IonProperty().features(of: try FormulaParser().parse("Fe3O4"))[0] == 0)
    }

    @Test func oneElement() throws {
        let iron = try FormulaParser().parse("Fe4")
        expectClose(Stoichiometry.features(of: iron), [1, 1, 1, 1, 1, 1])
        expectClose(ValenceOrbital().features(of: iron), [0.25, 0, 0.75, 0])
        expectClose(IonProperty().features(of: iron), [1, 0, 0])
    }

    @Test func namesAreMatminersLabels() {
        #expect(CompositionFamily.allCases.flatMap(\.featureNames) == [
            "0-norm", "2-norm", "3-norm", "5-norm", "7-norm", "10-norm",
            "frac s valence electrons", "frac p valence electrons", "frac d valence electrons", "frac f valence electrons",
            "compound possible", "max ionic char", "avg ionic char"])
    }

    @Test func shippedTableCoversEveryMagpieElement() {
        let table = MatminerElementTable.shipped
        #expect(table.elements.count == 103)
        for element in MagpieTable.shipped.values.keys { #expect(table.elements[element] != nil, "\(element)") }
        #expect(table.elements["He"]?.commonOxidationStates == [])
    }

    private func expectClose(_ a: [Double], _ b: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.count == b.count, sourceLocation: sourceLocation)
        for (x, y) in zip(a, b) {
            #expect(abs(x - y) <= 1e-12 * max(1, abs(y)), "\(a) vs \(b)", sourceLocation: sourceLocation)
        }
    }
}
