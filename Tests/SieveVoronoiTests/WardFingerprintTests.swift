import Foundation
import Testing
@testable import SieveData

/// matminer's ward-prb-2017 structure fingerprints against the reference, family by family.
@Suite struct WardFingerprintTests {
    struct Family: Sendable {
        var name: String
        var featureNames: [String]
        var compute: @Sendable (CrystalStructure, SiteCells) -> [Double]
    }

    static let families = [
        Family(name: "CoordinationNumber_ward-prb-2017", featureNames: CoordinationNumberFingerprint.featureNames) { _, cells in
            CoordinationNumberFingerprint.features(of: cells)
        },
        Family(name: "LocalPropertyDifference_ward-prb-2017", featureNames: LocalPropertyDifferenceFingerprint().featureNames) { s, cells in
            LocalPropertyDifferenceFingerprint().features(of: s, cells: cells)
        },
        Family(name: "StructuralHeterogeneity", featureNames: StructuralHeterogeneity.featureNames) { _, cells in
            StructuralHeterogeneity.features(of: cells)
        },
        Family(name: "MaximumPackingEfficiency", featureNames: MaximumPackingEfficiency.featureNames) { s, cells in
            MaximumPackingEfficiency.features(of: s, cells: cells)
        },
        Family(name: "ChemicalOrdering", featureNames: ChemicalOrdering.featureNames) { s, cells in
            ChemicalOrdering.features(of: s, cells: cells)
        },
    ]

    /// Every committed structure (flla_2015 and elastic_tensor, 5,119): those with a coordinate outside the
    /// cell (241) against matminer on the wrapped structure (unwrapped, matminer raises on some and gives
    /// misshapen cells on others), the rest against matminer directly. A structure matminer cannot featurise
    /// even wrapped (a slab: unbounded cells) must be refused by Sieve too.
    @Test func matchesMatminerOnTheReferenceStructures() throws {
        let rows = try StructureReference.rows()
        #expect(rows.count == 5_119)
        var refused: [String] = []
        var worst = [Double](repeating: 0, count: Self.families.count), worstAbsolute = worst
        var seconds = worst, cellSeconds = 0.0, firstHundred = 0.0
        let clock = ContinuousClock()
        func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
            var result: T?
            let elapsed = try clock.measure { result = try body() }
            return (result!, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        for (index, row) in rows.enumerated() {
            if !row.errors.isEmpty {
                #expect(throws: VoronoiError.self, "\(row.key): matminer raised '\(row.errors)', Sieve did not") {
                    try SiteCells(row.structure)
                }
                refused.append(row.key)
                continue
            }
            let (built, t) = timed { Result { try SiteCells(row.structure) } }
            guard case let .success(cells) = built else {
                Issue.record("\(row.key): Sieve refused it (\(built)), matminer featurised it\(row.wrapped ? " once wrapped" : "")")
                continue
            }
            cellSeconds += t
            if index < 100 { firstHundred += t }
            for (f, family) in Self.families.enumerated() {
                let (ours, t) = timed { family.compute(row.structure, cells) }
                seconds[f] += t
                if index < 100 { firstHundred += t }
                #expect(ours.count == family.featureNames.count)
                for (name, value) in zip(family.featureNames, ours) {
                    let expected = try #require(row.cells[name].flatMap(Double.init), "\(row.key) has no reference for \(name)")
                    let difference = abs(value - expected)
                    #expect(difference <= 1e-6 * abs(expected) + 1e-9, "\(row.key) \(name): Sieve \(value), matminer \(expected)")
                    worstAbsolute[f] = max(worstAbsolute[f], difference)
                    if abs(expected) > 1e-6 { worst[f] = max(worst[f], difference / abs(expected)) }
                }
            }
        }
        print("refused by matminer and Sieve alike: \(refused.count) (\(refused.joined(separator: ", ")))")
        print("Voronoi cells of every site: \(1000 * cellSeconds / Double(rows.count)) ms per structure")
        print("all five families on the first 100 reference structures (one thread): \(firstHundred) s, \(100 / firstHundred) structures/s")
        for (f, family) in Self.families.enumerated() {
            print("\(family.name): \(rows.count) structures (\(rows.filter(\.wrapped).count) wrapped first), max relative difference "
                  + "\(worst[f]) (values above 1e-6), max absolute \(worstAbsolute[f]); \(1000 * seconds[f] / Double(rows.count)) ms per structure beyond the cells")
        }
    }

    /// Rock salt: every site has 6 equal square faces, so its effective coordination number is 6, and every
    /// neighbour is of the other element.
    @Test func rockSalt() throws {
        let a = 5.64
        let na: [SIMD3<Double>] = [SIMD3(0, 0, 0), SIMD3(0, 0.5, 0.5), SIMD3(0.5, 0, 0.5), SIMD3(0.5, 0.5, 0)]
        let cl = na.map { SIMD3(($0.x + 0.5).truncatingRemainder(dividingBy: 1), ($0.y + 0.5).truncatingRemainder(dividingBy: 1),
                                ($0.z + 0.5).truncatingRemainder(dividingBy: 1)) }
        let structure = CrystalStructure(lattice: Lattice(rows: [a, 0, 0, 0, a, 0, 0, 0, a]),
                                         atomicNumbers: [11, 11, 11, 11, 17, 17, 17, 17], fractionalCoordinates: na + cl)
        let cells = try SiteCells(structure)
        for v in CoordinationNumberFingerprint.siteValues(of: cells) { #expect(abs(v - 6) < 1e-9) }
        let cell = try VoronoiCell(center: SIMD3(0, 0, 0), neighbors: PeriodicNeighbors(structure).around(0, cutoff: 13).map(\.position))
        #expect(abs(cell.volume - a * a * a / 8) < 1e-9, "the cells of 8 sites fill the cell")
        let lpd = LocalPropertyDifferenceFingerprint()
        let number = lpd.featureNames.firstIndex(of: "mean local difference in Number")!
        #expect(abs(lpd.features(of: structure, cells: cells)[number] - 6) < 1e-9, "|Z(Cl) − Z(Na)| = 6 for every face")
    }

    /// One atom in a 30 Å box has no neighbour within 13 Å: an error, never a crash.
    @Test func aLoneAtomHasNoCell() {
        let gas = CrystalStructure(lattice: Lattice(rows: [30, 0, 0, 0, 30, 0, 0, 0, 30]), atomicNumbers: [18],
                                   fractionalCoordinates: [SIMD3(0.5, 0.5, 0.5)])
        #expect(throws: VoronoiError.self) { try SiteCells(gas) }
    }
}
