import Foundation
import Testing
@testable import SieveData
import SieveTestSupport

/// Data paths and text written to break the readers: folders, symbolic-link loops, pipes and
/// devices given as data files; formulas that overflow or nest without end; and every input the
/// CSV and formula fuzzers (Fuzz/, `make fuzz`) found worth keeping.
@Suite struct HostileDataTests {
    static func folder() throws -> String { TestFiles.temporaryFolder("sieve-hostile") }

    @Test func aFolderIsNamedAFolder() throws {
        let folder = try Self.folder()
        #expect(throws: DataError.isFolder(path: folder)) { try CSVReader(path: folder) }
        #expect(DataError.isFolder(path: folder).description == "The data path \(folder) is a folder; give the path of a CSV file.")
    }

    @Test func aSymbolicLinkLoopIsNamedALoop() throws {
        let folder = try Self.folder()
        try FileManager.default.createSymbolicLink(atPath: folder + "/a.csv", withDestinationPath: folder + "/b.csv")
        try FileManager.default.createSymbolicLink(atPath: folder + "/b.csv", withDestinationPath: folder + "/a.csv")
        #expect(throws: DataError.linkLoop(path: folder + "/a.csv")) { try CSVReader(path: folder + "/a.csv") }
    }

    @Test func aLinkToNothingNamesItsTarget() throws {
        let folder = try Self.folder()
        try FileManager.default.createSymbolicLink(atPath: folder + "/data.csv", withDestinationPath: "gone.csv")
        #expect(throws: DataError.danglingLink(path: folder + "/data.csv", target: "gone.csv")) {
            try CSVReader(path: folder + "/data.csv")
        }
        #expect(throws: DataError.fileNotFound(path: folder + "/none.csv")) { try CSVReader(path: folder + "/none.csv") }
    }

    @Test(.timeLimit(.minutes(1))) func aPipeOrADeviceIsRefusedBeforeReading() throws {
        // Reading either never ended before: a pipe with no writer blocks, /dev/zero fills memory.
        let fifo = try Self.folder() + "/data.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: DataError.notARegularFile(path: fifo, kind: "a named pipe")) { try CSVReader(path: fifo) }
        #expect(throws: DataError.notARegularFile(path: "/dev/zero", kind: "a device")) { try CSVReader(path: "/dev/zero") }
    }

    @Test func aFileAlongThePathIsNotAFolder() throws {
        let folder = try Self.folder()
        try "x".write(toFile: folder + "/file", atomically: true, encoding: .utf8)
        #expect(throws: DataError.unreadable(path: folder + "/file/data.csv",
                                             reason: "a part of the path before the file name is a file, not a folder")) {
            try CSVReader(path: folder + "/file/data.csv")
        }
    }

    @Test(arguments: [
        ("Fe" + String(repeating: "9", count: 400) + "O", 2, "the amount '\(String(repeating: "9", count: 400))' is too large"),
        ("(Fe" + String(repeating: "9", count: 200) + ")" + String(repeating: "9", count: 200), 0, "the amounts are too large to add up"),
        (String(repeating: "(", count: 100_000) + "H" + String(repeating: ")", count: 100_000), 32, "brackets nest more than 32 deep"),
    ])
    func formulasThatOverflowOrNestWithoutEndFail(formula: String, offset: Int, reason: String) {
        #expect(throws: FormulaParser.Failure(offset: offset, reason: reason)) { try FormulaParser().parse(formula) }
    }

    @Test func bracketsUpToTheLimitStillRead() throws {
        let depth = FormulaParser.maximumDepth
        let formula = String(repeating: "(", count: depth) + "H2" + String(repeating: ")2", count: depth)
        #expect(try FormulaParser().parse(formula).amounts == [2 * pow(2, Double(depth))])
    }

    static let root = Repository.root

    /// The inputs kept from fuzzing: those that once failed (Fuzz/Regressions/<kind>) and the
    /// corpus of a long run reduced to the inputs that cover its features (Fuzz/Corpus/<kind>).
    static func keptInputs(_ kind: String) throws -> [(name: String, text: String)] {
        try ["Regressions", "Corpus"].flatMap { set in
            let folder = root + "/Fuzz/\(set)/" + kind
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return try names.sorted().map { name in
                ("\(set)/\(kind)/\(name)", String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)), as: UTF8.self))
            }
        }
    }

    /// As the CSV fuzzer reads them: record by record, then as a data set (target: the last
    /// column; every numeric column, or Magpie features when there is a `formula` column).
    @Test func everyKeptCSVInputGivesRecordsOrADataError() throws {
        let inputs = try Self.keptInputs("csv")
        #expect(inputs.count > 10, "the kept CSV fuzz inputs are missing")
        let file = try Self.folder() + "/data.csv"
        for (name, text) in inputs {
            let header: [String]
            do {
                let reader = CSVReader(text: text, path: name)
                header = try reader.header()
                try reader.forEachRecord { _, fields in !fields.isEmpty }
            } catch let error as DataError {
                #expect(error.description.contains(name), "\(name): \(error)")
                continue
            }
            guard let target = header.last, header.count >= 2 else { continue }
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            var options = [DatasetOptions(path: file, target: target, features: .allNumeric, missingValues: .dropRows)]
            if header.contains("formula") {
                options.append(DatasetOptions(path: file, target: target, features: .magpie(formulaColumn: "formula")))
            }
            for option in options {
                do {
                    let dataset = try DatasetLoader().load(option)
                    #expect(dataset.targets.allSatisfy { $0.isFinite }, "\(name)")
                    #expect(dataset.features.rows == dataset.targets.count, "\(name)")
                } catch let error as DataError {
                    #expect(!error.description.isEmpty, "\(name)")
                }
            }
        }
    }

    @Test func everyKeptFormulaParsesToFiniteAmountsOrFailsInside() throws {
        let inputs = try Self.keptInputs("formula")
        #expect(inputs.count > 10, "the kept formula fuzz inputs are missing")
        for (name, text) in inputs {
            do {
                let composition = try FormulaParser().parse(text)
                #expect(composition.fractions.allSatisfy { $0.isFinite }, "\(name)")
            } catch let failure as FormulaParser.Failure {
                #expect(failure.offset >= 0 && failure.offset <= text.unicodeScalars.count, "\(name): \(failure)")
            }
        }
    }
}
