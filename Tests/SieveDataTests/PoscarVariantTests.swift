import Foundation
import Testing
@testable import SieveData

/// One real structure (elastic_tensor's first row, Nb4CoSi, P4/mcc) written the other ways
/// VASP 5 allows, each of which must give the same cell and the same space group.
@Suite struct PoscarVariantTests {
    let lattice = [6.221780, 0, 0, 0, 6.221780, 0, 0, 0, 5.022400]
    let fractional: [[Double]] = [
        [0.152391, 0.333153, 0.5], [0.847609, 0.666847, 0.5], [0.666847, 0.152391, 0.5], [0.333153, 0.847609, 0.5],
        [0.847609, 0.333153, 0], [0.666847, 0.847609, 0], [0.333153, 0.152391, 0], [0.152391, 0.666847, 0],
        [0, 0, 0.75], [0, 0, 0.25], [0.5, 0.5, 0.75], [0.5, 0.5, 0.25],
    ]

    func poscar(scale: String = "1.0", latticeFactor: Double = 1, species: String = "Nb Co Si", counts: String = "8 2 2",
                extra: String? = nil, mode: String = "direct", cartesianFactor: Double? = nil) -> String {
        var lines = ["Nb8 Co2 Si2", scale]
        for r in 0..<3 {
            lines.append((0..<3).map { "\(lattice[3 * r + $0] * latticeFactor)" }.joined(separator: " "))
        }
        lines += [species, counts]
        if let extra { lines.append(extra) }
        lines.append(mode)
        for f in fractional {
            let p = cartesianFactor.map { k in (0..<3).map { f[$0] * lattice[4 * $0] / k } } ?? f
            lines.append(p.map { "\($0)" }.joined(separator: " ") + " T T F")
        }
        return lines.joined(separator: "\n")
    }

    func parsed(_ text: String) throws -> CrystalStructure { try StructureColumn.parse(text, file: "v.csv", line: 2) }

    @Test func variantsGiveTheSameCell() throws {
        let reference = try parsed(poscar())
        #expect(try reference.spaceGroup().number == 124)
        let volume = 6.221780 * 6.221780 * 5.022400
        let variants = [
            poscar(scale: "2.0", latticeFactor: 0.5),                                  // scale factor
            poscar(scale: "-\(volume)", latticeFactor: 0.37),                          // negative scale: the volume
            poscar(scale: "0.5 0.5 0.5", latticeFactor: 2),                            // three scale factors
            poscar(species: "Nb_pv Co Si_GW/abc123"),                                  // POTCAR suffixes
            poscar(extra: "Selective dynamics"),                                       // selective dynamics
            poscar(mode: "Cartesian", cartesianFactor: 1),                             // Cartesian coordinates
            poscar(scale: "2", latticeFactor: 0.5, mode: "cartesian", cartesianFactor: 2),  // scaled Cartesian
            poscar(species: "Nb Nb Co Si", counts: "5 3 2 2"),                         // a repeated symbol
        ]
        for text in variants {
            let s = try parsed(text)
            #expect(s.atomicNumbers == reference.atomicNumbers)
            #expect(abs(s.volume - volume) < 1e-9 * volume, "\(text.split(separator: "\n")[1])")
            for (p, q) in zip(s.fractionalCoordinates, reference.fractionalCoordinates) {
                #expect(((p - q) * (p - q)).sum() < 1e-24)
            }
            for (u, v) in [(s.lattice.a, reference.lattice.a), (s.lattice.b, reference.lattice.b), (s.lattice.c, reference.lattice.c)] {
                #expect(((u - v) * (u - v)).sum() < 1e-20)
            }
            #expect(try s.spaceGroup().number == 124)
        }
    }

    @Test func rowAndColumnConventionsFollowPymatgen() throws {
        // A hexagonal cell: a = (a, 0, 0), b = (-a/2, a√3/2, 0) as rows. Site (1/3, 2/3, 0) lies at
        // a/3·a + 2/3·b = (0, a/√3, 0) in Cartesian space.
        let a = 3.0
        let text = "hex\n1.0\n\(a) 0 0\n\(-a / 2) \(a * 3.0.squareRoot() / 2) 0\n0 0 5\nC\n1\nDirect\n0.3333333333333333 0.6666666666666666 0\n"
        let s = try parsed(text)
        let r = s.lattice.cartesian(s.fractionalCoordinates[0])
        #expect(abs(r.x) < 1e-12 && abs(r.y - a / 3.0.squareRoot()) < 1e-12 && r.z == 0)
        let back = s.lattice.fractional(r)
        #expect(abs(back.x - 1.0 / 3) < 1e-12 && abs(back.y - 2.0 / 3) < 1e-12)
    }
}
