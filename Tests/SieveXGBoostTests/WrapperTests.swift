import Testing
@testable import SieveXGBoost

@Suite struct WrapperTests {
    @Test func matricesKeepTheirShape() throws {
        let values: [Float] = [1, 2, 3, 4, 5, 6]
        let matrix = try values.withUnsafeBufferPointer { try DMatrix(rowMajor: $0, rows: 3, columns: 2, threads: 1) }
        #expect(try matrix.rowCount() == 3)
        #expect(try matrix.columnCount() == 2)
        try matrix.setLabels([1, 2, 3])
    }

    @Test func outputBuffersAreCopiedBeforeTheNextCall() throws {
        let values: [Float] = (0..<40).map(Float.init)
        let matrix = try values.withUnsafeBufferPointer { try DMatrix(rowMajor: $0, rows: 20, columns: 2, threads: 1) }
        try matrix.setLabels((0..<20).map { Float($0 % 5) })
        let booster = try Booster(training: matrix)
        try booster.setParameter("max_depth", "2")
        for round in 0..<5 { try booster.updateOneIteration(round, training: matrix) }
        #expect(try booster.boostedRounds() == 5)
        let first = try booster.predict(matrix).values
        let leaves = try booster.predict(matrix, kind: .leafIndices)
        // A second prediction reuses the library's buffer; the first result must be unaffected.
        #expect(try booster.predict(matrix).values == first)
        #expect(leaves.shape == [20, 5])
        #expect(first.count == 20)
        let trees = try booster.dumpTrees()
        #expect(trees.count == 5 && trees[0].contains("split"))
        #expect(try booster.jsonConfig().contains("\"max_depth\":\"2\""))
    }

    @Test func aBadParameterValueIsAThrownErrorNamingTheFunction() throws {
        let values: [Float] = [1, 2, 3, 4]
        let matrix = try values.withUnsafeBufferPointer { try DMatrix(rowMajor: $0, rows: 2, columns: 2, threads: 1) }
        try matrix.setLabels([0, 1])
        let booster = try Booster(training: matrix)
        try booster.setParameter("max_depth", "-4")
        do {
            try booster.updateOneIteration(0, training: matrix)
            Issue.record("a negative max_depth must fail")
        } catch let error as XGBoostError {
            #expect(error.function == "XGBoosterUpdateOneIter")
            #expect(!error.message.isEmpty)
        }
        // The library would crash on a second call; the wrapper refuses it instead.
        do {
            try booster.updateOneIteration(0, training: matrix)
            Issue.record("a failed booster must refuse later calls")
        } catch let error as XGBoostError {
            #expect(error.message.hasPrefix("the booster is unusable after an earlier failure"))
        }
    }
}
