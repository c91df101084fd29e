import Foundation
import Testing
@testable import SieveData

@Suite struct DatasetLoaderTests {
    func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "sieve-loader-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func readsNumericColumnsAndSkipsText() throws {
        let path = try write("id,formula,a,b,target\nx1,NaCl,1,2.5,0.1\nx2,KBr,3,4,0.2\r\n")
        let d = try DatasetLoader().load(DatasetOptions(path: path, target: "target"))
        #expect(d.featureNames == ["a", "b"])
        #expect(d.features.storage == [1, 2.5, 3, 4])
        #expect(d.targets == [0.1, 0.2])
        #expect(d.lines == [2, 3])
    }

    @Test func quotedFieldsMayHoldCommasAndQuotes() throws {
        let path = try write("name,a,target\n\"a, \"\"b\"\"\",1,2\n")
        var names: [String] = []
        try CSVReader(path: path).forEachRecord { _, f in names.append(String(f[0])); return true }
        #expect(names == ["name", "a, \"b\""])
    }

    @Test func aBadCellNamesFileLineAndColumn() throws {
        let path = try write("a,b,target\n1,2,3\n4,oops,6\n")
        #expect(throws: DataError.notANumber(path: path, line: 3, column: "b", text: "oops")) {
            try DatasetLoader().load(DatasetOptions(path: path, target: "target", features: .columns(["a", "b"])))
        }
    }

    /// A number a feature cannot hold is located with its column, not "Feature 2 of row 0 is NaN"
    /// later in a model: features are Float, so 1e39 overflows them.
    @Test func numbersOutsideTheirRangeNameFileLineAndColumn() throws {
        let path = try write("a,b,target\n1,2,3\n4,1e39,6\n7,8,1e999\n")
        let options = DatasetOptions(path: path, target: "target", features: .columns(["a", "b"]))
        #expect(throws: DataError.outOfRange(path: path, line: 3, column: "b", text: "1e39", range: DatasetLoader.featureRange)) {
            try DatasetLoader().load(options)
        }
        #expect(DataError.outOfRange(path: "d.csv", line: 3, column: "b", text: "1e39", range: DatasetLoader.featureRange).description
                == "d.csv:3: column 'b' holds 1e39, which is outside the range of features, ±3.4e38 (they are stored in single precision).")
        let target = try write("a,target\n1,3\n7,1e999\n")
        #expect(throws: DataError.outOfRange(path: target, line: 3, column: "target", text: "1e999", range: "the range of numbers, ±1.8e308")) {
            try DatasetLoader().load(DatasetOptions(path: target, target: "target", features: .columns(["a"])))
        }
    }

    /// A given space group outside 1–230 says so, not "not a number".
    @Test func aSpaceGroupOutsideTheTableSaysSo() throws {
        let cell = "x\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa Cl\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5"
        let path = try write("a,structure,sg,target\n1,\"\(cell)\",225,1\n2,\"\(cell)\",231,2\n")
        var options = DatasetOptions(path: path, target: "target", features: .columns(["a"]))
        options.structure = StructureOptions(column: "structure", spaceGroupColumn: "sg")
        #expect(throws: DataError.outOfRange(path: path, line: 12, column: "sg", text: "231", range: "1–230, the numbers of the space groups")) {
            try DatasetLoader().load(options)
        }
    }

    @Test func missingValuesFailByDefaultOrDropRows() throws {
        let path = try write("a,target\n1,3\n,4\nnan,5\n2,6\n")
        #expect(throws: DataError.missingValue(path: path, line: 3, column: "a")) {
            try DatasetLoader().load(DatasetOptions(path: path, target: "target", features: .columns(["a"])))
        }
        let d = try DatasetLoader().load(DatasetOptions(path: path, target: "target", features: .columns(["a"]),
                                                        missingValues: .dropRows))
        #expect(d.targets == [3, 6])
        #expect(d.droppedRows == 2)
        #expect(d.lines == [2, 5])
    }

    @Test func shortRowsAndUnknownColumnsAreErrors() throws {
        let path = try write("a,b,target\n1,2,3\n4,5\n")
        #expect(throws: DataError.wrongFieldCount(path: path, line: 3, expected: 3, found: 2)) {
            try DatasetLoader().load(DatasetOptions(path: path, target: "target"))
        }
        #expect(throws: DataError.missingColumn(path: path, column: "y", available: ["a", "b", "target"])) {
            try DatasetLoader().load(DatasetOptions(path: path, target: "y"))
        }
        let message = DataError.missingColumn(path: path, column: "targt", available: ["a", "target"]).description
        #expect(message.contains("did you mean 'target'?"))
    }

    @Test func badFormulasAndUnknownElementsAreLocated() throws {
        let path = try write("formula,target\nNaCl,1\nNa(Cl,2\n")
        #expect(throws: DataError.badFormula(path: path, line: 3, formula: "Na(Cl", reason: "missing ')' (at character 6)")) {
            try DatasetLoader().load(DatasetOptions(path: path, target: "target", features: .magpie(formulaColumn: "formula")))
        }
        let og = try write("formula,target\nOg2,1\n")
        #expect(throws: DataError.unknownElement(path: og, line: 2, formula: "Og2", element: "Og")) {
            try DatasetLoader().load(DatasetOptions(path: og, target: "target", features: .magpie(formulaColumn: "formula")))
        }
    }

    @Test func missingFileIsReported() {
        #expect(throws: DataError.fileNotFound(path: "/no/such/file.csv")) {
            try DatasetLoader().load(DatasetOptions(path: "/no/such/file.csv", target: "t"))
        }
    }
}
