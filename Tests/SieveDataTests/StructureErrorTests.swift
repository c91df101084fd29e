import Foundation
import Testing
@testable import SieveData

@Suite struct StructureErrorTests {
    let good = "ok\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa Cl\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5"

    func reason(_ text: String, format: StructureFormat = .auto) -> String? {
        do {
            _ = try StructureColumn.parse(text, format: format, file: "f.csv", line: 7)
            return nil
        } catch let StructureError.unreadable(file, line, _, reason) {
            #expect(file == "f.csv" && line == 7)
            return reason
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test(arguments: [
        ("x\n1.0\n4 0 0\n0 4 0\n0 0 4\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5", "VASP 4 format"),
        ("x\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa Xx\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5", "line 6 names 'Xx', which is not an element symbol"),
        ("x\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa Cl\n1\nDirect\n0 0 0", "line 7 gives 1 site counts for the 2 symbols of line 6"),
        ("x\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa Cl\n1 1\nDirect\n0 0 0", "line 7 counts 2 sites (1 1) but only 1 line follows line 8"),
        ("x\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa Cl\n1 1\nDirect\n0 0 0\n", "line 10 should hold the coordinates of site 2 of 2 but is empty"),
        // A count is checked against the lines before anything is sized from it (this allocated 8 GB).
        ("x\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa\n999999999\nDirect\n0 0 0", "line 7 counts sites (999999999) but only 1 line follows line 8"),
        ("x\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa Cl\n9223372036854775807 9223372036854775807\nDirect\n0 0 0", "but only 1 line follows line 8"),
        // One coordinate line more than the counts: the site was dropped and the space group changed.
        ("x\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa Cl\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n0.5 0 0", "line 11 holds the coordinates of a site beyond the 2 that line 7 counts"),
        ("x\n1e200\n4 0 0\n0 4 0\n0 0 4\nNa Cl\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5", "the lattice vector a is 4e+200 Å long, outside the physical range up to 10000 Å"),
        ("x\n1.0\n0.01 0 0\n0 0.01 0\n0 0 0.01\nNa Cl\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5", "below the physical minimum of 0.1 Å³"),
        ("x\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa Cl\n1 1\nDirect\n0 0 0\n0.5 1e300 0.5", "line 10: site 2 lies 1e+300 cells from the origin"),
        ("x\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa Cl\n1 1\nCartesian\n0 0 0\n2 4e6 2", "line 10: site 2 lies 1000000.0 cells from the origin"),
        ("x\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa Cl\n1 1\nDirect\n0 0 0\n0.5 zero 0.5", "line 10 should hold the coordinates of site 2 as three numbers but holds '0.5 zero 0.5'"),
        ("x\none\n4 0 0\n0 4 0\n0 0 4\nNa Cl\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5", "line 2 should hold the scale factor but holds 'one'"),
        ("x\n1.0\n4 0 0\n8 0 0\n0 0 4\nNa Cl\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5", "coplanar"),
        ("x\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa Cl\n1 1\nFractional\n0 0 0\n0.5 0.5 0.5", "line 8 should say 'Direct' or 'Cartesian' but says 'Fractional'"),
    ])
    func poscarProblemsSayWhichLine(text: String, expected: String) {
        let found = reason(text)
        #expect(found?.contains(expected) == true, "\(found ?? "no error")")
    }

    @Test(arguments: [
        ("{'lattice': {'matrix': [[4, 0, 0], [0, 4, 0], [0, 0, 4]]}, 'sites': [{'species': [{'element': 'Fe', 'occu': 0.5}, {'element': 'Co', 'occu': 0.5}], 'abc': [0, 0, 0]}]}",
         "site 1 is disordered (Fe 0.5, Co 0.5); Sieve needs every site fully occupied by one element"),
        ("{'lattice': {'matrix': [[4, 0, 0], [0, 4, 0], [0, 0, 4]]}, 'sites': [{'species': [{'element': 'Fe', 'occu': 0.75}], 'abc': [0, 0, 0]}]}",
         "site 1 is disordered (Fe 0.75)"),
        ("{'@class': 'Molecule', 'sites': []}", "it is a pymatgen Molecule, not a Structure"),
        ("{'lattice': {'matrix': [[4, 0, 0], [0, 4, 0]]}, 'sites': []}", "its 'lattice' has no 3×3 'matrix'"),
        ("{'lattice': {'matrix': [[4, 0, 0], [0, 4, 0], [0, 0, 4]]}, 'sites': [{'species': [{'element': 'Q', 'occu': 1}], 'abc': [0, 0, 0]}]}",
         "site 1 holds 'Q', which is not an element symbol"),
        ("{'lattice': {'matrix': [[4, 0, 0], [0, 4, 0], [0, 0, 4]]}, 'sites': [{'species': [{'element': 'Fe', 'occu': 1}]}]}",
         "site 1 has neither 'abc' nor 'xyz' coordinates"),
        ("{'lattice': {'matrix': [[4, 0, 0], [0, 4, 0], [0, 0, 4]]}, 'sites': [{'species': [{'element': 'Fe', 'occu': 1}], 'abc': [0, 0]}]}",
         "the 'abc' of site 1 is not three finite numbers"),
        ("{'lattice': {'matrix': [[4e300, 0, 0], [0, 4, 0], [0, 0, 4]]}, 'sites': [{'species': [{'element': 'Fe', 'occu': 1}], 'abc': [0, 0, 0]}]}",
         "the lattice vector a is 4e+300 Å long, outside the physical range up to 10000 Å"),
        ("{'lattice': {'matrix': [[4, 0, 0], [0, 4, 0], [0, 0, 4]]}, 'sites': [{'species': [{'element': 'Fe', 'occu': 1}], 'abc': [0, -5e4, 0]}]}",
         "site 1 lies 50000.0 cells from the origin"),
        ("{'lattice': {'matrix': [[4, 0, 0], [0, 4, 0], [0, 0, 4]]}, 'sites': [}", "at character 70, unexpected '}'"),
        ("{'lattice': {'matrix': [[4, 0, 0], [0, 4, 0], [0, 0, 4]]}, 'sites': [{'species': 'x}]", "at character 82, a string is never closed"),
        ("{\"lattice\" 1}", "at character 12, expected ':' after the key 'lattice'"),
        ("{'a': 1} 2", "at character 10, unexpected text after the end of the dict"),
    ])
    func pymatgenProblemsSayWhere(text: String, expected: String) {
        let found = reason(text)
        #expect(found?.contains(expected) == true, "\(found ?? "no error")")
    }

    @Test func messagesAreSentencesWithFileAndLine() {
        let error = StructureError.unreadable(file: "data/x.csv", line: 14, format: .poscar,
                                              reason: "line 6 names 'Xx', which is not an element symbol")
        #expect(error.description == "data/x.csv:14: the structure cannot be read as POSCAR text: line 6 names 'Xx', which is not an element symbol.")
    }

    /// A bad structure after a multi-line one is reported at the line its CSV record starts on.
    @Test func aBadRowInAFileIsLocatedByItsRecordLine() throws {
        let bad = good.replacingOccurrences(of: "Na Cl", with: "Na Kk")
        let path = NSTemporaryDirectory() + "sieve-structures-\(UUID().uuidString).csv"
        try "id,structure\na,\"\(good)\"\nb,\"\(bad)\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var messages: [String] = []
        try CSVReader(path: path).forEachRecord { line, fields in
            guard line > 1 else { return true }
            do { _ = try StructureColumn.parse(fields[1], file: path, line: line) } catch { messages.append("\(error)") }
            return true
        }
        #expect(messages == ["\(path):12: the structure cannot be read as POSCAR text: line 6 names 'Kk', which is not an element symbol."])
    }

    @Test func aFailedSymmetrySearchIsLocatedToo() throws {
        let close = try StructureColumn.parse("c\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa\n2\nDirect\n0 0 0\n0.01 0 0", file: "d.csv", line: 3)
        #expect(throws: StructureError.symmetrySearchFailed(file: "d.csv", line: 3, symprec: 0.1,
                                                            message: "spg_get_dataset: too close distance between atoms")) {
            try StructureColumn.spaceGroup(of: close, symprec: 0.1, file: "d.csv", line: 3)
        }
        #expect(try StructureColumn.spaceGroup(of: close, symprec: 0.001, file: "d.csv", line: 3).number >= 1)
    }

    @Test func formatDetectionLooksAtTheFirstCharacter() {
        #expect(StructureColumn.detectFormat(of: "  \n{'lattice': 1}") == .pymatgen)
        #expect(StructureColumn.detectFormat(of: good) == .poscar)
        // Forced formats are honoured: a POSCAR read as a dict fails as a dict.
        #expect(reason(good, format: .pymatgen)?.contains("at character 1") == true)
    }

    @Test func pythonLiteralsAndJSONReadAlike() throws {
        let python = "{'lattice': {'matrix': ((4, 0, 0), (0, 4, 0), (0, 0, 4),)}, 'charge': None, 'x': True, 'n': nan,"
            + " 'sites': [{'label': 'Na\\'s', 'species': [{'element': 'Na', 'occu': 1.0}], 'abc': [0, 0, 0], 'properties': {}},"
            + " {'species': [{'element': 'Cl', 'occu': 1}], 'xyz': [2.0, 2.0, 2.0]},]}"
        let json = "{\"lattice\": {\"matrix\": [[4, 0, 0], [0, 4, 0], [0, 0, 4]]}, \"charge\": null, \"x\": true, "
            + "\"sites\": [{\"label\": \"Na\\u0027s\", \"species\": [{\"element\": \"Na\", \"occu\": 1}], \"abc\": [0, 0, 0]}, "
            + "{\"species\": [{\"element\": \"Cl\", \"occu\": 1e0}], \"abc\": [0.5, 0.5, 0.5]}]}"
        let a = try StructureColumn.parse(python, file: "p", line: 1)
        let b = try StructureColumn.parse(json, file: "j", line: 1)
        #expect(a == b)
        #expect(a.species == ["Na", "Cl"])
        #expect(try a.spaceGroup().number == 221)
    }
}
