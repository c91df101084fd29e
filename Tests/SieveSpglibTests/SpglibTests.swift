import Dispatch
import Synchronization
import Testing
@testable import SieveSpglib

/// Textbook structures whose space groups are known, in the row convention (rows are a, b, c).
@Suite struct SpglibTests {
    /// Rock salt NaCl, conventional cubic cell (a = 5.64 Å, 8 atoms): Fm-3m, 225.
    func rockSalt(c: Double = 5.64) -> (lattice: [Double], positions: [Double], types: [Int32]) {
        let a = 5.64
        let sodium: [[Double]] = [[0, 0, 0], [0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0]]
        let chlorine = sodium.map { $0.map { ($0 + 0.5).truncatingRemainder(dividingBy: 1) } }
        return ([a, 0, 0, 0, a, 0, 0, 0, c], (sodium + chlorine).flatMap { $0 }, [11, 11, 11, 11, 17, 17, 17, 17])
    }

    /// Wurtzite ZnO (a = 3.25 Å, c = 5.21 Å, u = 0.382): P6_3mc, 186. Rows a = (a, 0, 0),
    /// b = (−a/2, a√3/2, 0): the matrix is not symmetric, so reading rows as columns would
    /// describe another lattice and lose the hexagonal symmetry.
    func wurtzite() -> (lattice: [Double], positions: [Double], types: [Int32]) {
        let a = 3.25, c = 5.21, u = 0.382
        let lattice = [a, 0, 0, -a / 2, a * 3.0.squareRoot() / 2, 0, 0, 0, c]
        let positions: [Double] = [1.0 / 3, 2.0 / 3, 0, 2.0 / 3, 1.0 / 3, 0.5, 1.0 / 3, 2.0 / 3, u, 2.0 / 3, 1.0 / 3, 0.5 + u]
        return (lattice, positions, [30, 30, 8, 8])
    }

    @Test func rockSaltIsFm3m() throws {
        let s = rockSalt()
        let group = try Spglib.spaceGroup(lattice: s.lattice, positions: s.positions, types: s.types, symprec: 0.1)
        #expect(group.number == 225)
        #expect(group.international == "Fm-3m")
    }

    @Test func wurtziteNeedsRowsReadAsBasisVectors() throws {
        let s = wurtzite()
        let group = try Spglib.spaceGroup(lattice: s.lattice, positions: s.positions, types: s.types, symprec: 0.01)
        #expect(group.number == 186)
        #expect(group.international == "P6_3mc")
        // The same numbers read as columns are a different, lower-symmetry cell.
        var transposed = s.lattice
        for i in 0..<3 { for j in 0..<3 { transposed[3 * i + j] = s.lattice[3 * j + i] } }
        let wrong = try Spglib.spaceGroup(lattice: transposed, positions: s.positions, types: s.types, symprec: 0.01)
        #expect(wrong.number != 186)
    }

    @Test func typeLabelsOnlyNeedToDistinguishSpecies() throws {
        let s = wurtzite()
        let relabelled = s.types.map { $0 == 30 ? Int32(2) : Int32(1) }
        let group = try Spglib.spaceGroup(lattice: s.lattice, positions: s.positions, types: relabelled, symprec: 0.01)
        #expect(group.number == 186)
        // One species everywhere: the oxygen sites become equivalent to zinc sites' neighbours,
        // so the group changes (and must still be a valid one).
        let same = try Spglib.spaceGroup(lattice: s.lattice, positions: s.positions, types: [1, 1, 1, 1], symprec: 0.01)
        #expect((1...230).contains(same.number))
    }

    @Test func symprecDecidesWhetherASmallStrainIsSeen() throws {
        // c stretched by 1 %: 0.056 Å, below a 0.1 Å tolerance and far above 0.001 Å.
        let s = rockSalt(c: 5.64 * 1.01)
        let loose = try Spglib.spaceGroup(lattice: s.lattice, positions: s.positions, types: s.types, symprec: 0.1)
        let tight = try Spglib.spaceGroup(lattice: s.lattice, positions: s.positions, types: s.types, symprec: 0.001)
        #expect(loose.number == 225)
        #expect(tight.number == 139)
        #expect(tight.international == "I4/mmm")
    }

    @Test func atomsTooCloseThrowWithFunctionAndMessage() {
        let lattice: [Double] = [4, 0, 0, 0, 4, 0, 0, 0, 4]
        let positions: [Double] = [0, 0, 0, 0.01, 0, 0]
        do {
            _ = try Spglib.spaceGroup(lattice: lattice, positions: positions, types: [1, 1], symprec: 0.1)
            Issue.record("two atoms 0.04 Å apart at symprec 0.1 should fail")
        } catch let error as SpglibError {
            #expect(error.function == "spg_get_dataset")
            #expect(error.message == "too close distance between atoms")
            #expect(error.description.hasPrefix("spglib's spg_get_dataset failed: "))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// Searches from many threads at once, failures among them, give the answers and messages of
    /// searches made one at a time.
    @Test func concurrentSearchesAgreeWithSerialOnes() throws {
        let salt = rockSalt(), zinc = wurtzite()
        let close: (lattice: [Double], positions: [Double], types: [Int32]) = ([4, 0, 0, 0, 4, 0, 0, 0, 4], [0, 0, 0, 0.01, 0, 0], [1, 1])
        let cells = [salt, zinc, close]
        let outcomes = Mutex([String](repeating: "", count: 90))
        DispatchQueue.concurrentPerform(iterations: 90) { i in
            let cell = cells[i % 3]
            let text: String
            do {
                let g = try Spglib.spaceGroup(lattice: cell.lattice, positions: cell.positions, types: cell.types,
                                              symprec: i % 3 == 1 ? 0.01 : 0.1)
                text = "\(g.number) \(g.international)"
            } catch {
                text = "\(error)"
            }
            outcomes.withLock { $0[i] = text }
        }
        let expected = ["225 Fm-3m", "186 P6_3mc", "spglib's spg_get_dataset failed: too close distance between atoms."]
        let wrong = outcomes.withLock { $0 }.enumerated().filter { $0.element != expected[$0.offset % 3] }
        #expect(wrong.isEmpty, "\(wrong.count) of 90 differ, first: \(wrong.first.map { "\($0.offset): \($0.element)" } ?? "")")
    }

    @Test func linkedVersionIsTwoOrLater() {
        let parts = Spglib.version.split(separator: ".").compactMap { Int($0) }
        #expect(parts.count == 3)
        #expect(parts[0] >= 2)
    }
}
