import Foundation
import Testing
@testable import SieveData

@Suite struct StructureReaderTests {
    /// The 80 raw pymatgen dicts of the fixture (Python literals as matminer ships them, and the
    /// same dicts as JSON) give bit for bit the structures of the committed POSCAR column.
    @Test func pymatgenDictsAndPoscarAgreeOnRealRows() throws {
        let path = StructureData.fixtures + "/flla_pymatgen_sample.csv"
        let sample = try StructureData.rows(of: path)
        #expect(sample.count == 80)
        let poscar = Dictionary(uniqueKeysWithValues: try StructureData.rows(of: StructureData.flla).map { ($0["material_id"], $0) })
        for row in sample {
            let literal = try StructureColumn.parse(row["structure"], file: path, line: row.line)
            let json = try StructureColumn.parse(row["structure_json"], format: .pymatgen, file: path, line: row.line)
            let committed = try #require(poscar[row["material_id"]])
            let fromPoscar = try StructureColumn.parse(committed["structure"], format: .poscar, file: StructureData.flla,
                                                       line: committed.line)
            #expect(literal == json, "\(row["material_id"])")
            #expect(literal == fromPoscar, "\(row["material_id"])")
            #expect(literal.siteCount == Int(committed["nsites"]))
        }
    }

    @Test func everyCommittedStructureParsesWithItsSiteCountAndFormula() throws {
        for path in [StructureData.flla, StructureData.elastic] {
            let parsed = try StructureData.structures(of: path)
            #expect(parsed.count == (path == StructureData.flla ? 3938 : 1181))
            for (row, structure) in parsed {
                #expect(structure.siteCount == Int(row["nsites"]), "\(path):\(row.line)")
                let formula = try FormulaParser().parse(row["formula"])
                #expect(structure.reducedComposition.reducedKey == formula.reducedKey, "\(path):\(row.line)")
            }
        }
    }

    @Test func elasticVolumesMatchTheSourceColumn() throws {
        // The POSCAR text has 6 decimals; the volume column came from the full-precision cell.
        var worst = 0.0
        for (row, structure) in try StructureData.structures(of: StructureData.elastic) {
            let given = try #require(Double(row["volume"]))
            worst = max(worst, abs(structure.volume - given) / given)
            #expect(abs(structure.volumePerAtom - given / Double(row["nsites"])!) / given < 1e-5)
        }
        #expect(worst < 1e-5)
    }

    @Test func reducedFormulaKeepsFirstAppearance() throws {
        let text = "x\n1.0\n3.38667876 0 0\n-1.69333938 2.93294984 0\n0 0 11.78735763\nS Hf\n2 4\ndirect\n"
            + "0 0 0.75\n0 0 0.25\n0.66666667 0.33333333 0.899523\n0.33333333 0.66666667 0.399523\n"
            + "0.66666667 0.33333333 0.600477\n0.33333333 0.66666667 0.100477\n"
        let s = try StructureColumn.parse(text, file: "t.csv", line: 2)
        #expect(s.species == ["S", "S", "Hf", "Hf", "Hf", "Hf"])
        #expect(s.reducedFormula == "SHf2")
        #expect(s.composition.amounts == [2, 4])
    }
}
