
/// Every periodic image of every site within a cutoff of one site, as pymatgen's
/// `Structure.get_sites_in_sphere` finds them (fractional coordinates wrapped into [0, 1) first).
struct PeriodicNeighbors {
    let structure: CrystalStructure
    /// Cartesian positions of the wrapped sites.
    let positions: [SIMD3<Double>]

    init(_ structure: CrystalStructure) {
        self.structure = structure
        positions = structure.fractionalCoordinates.map { f in
            structure.lattice.cartesian(f - SIMD3(f.x.rounded(.down), f.y.rounded(.down), f.z.rounded(.down)))
        }
    }

    /// The sites (index, lattice translation from the wrapped cell, Cartesian position) within `cutoff` Å of
    /// site `center`, the site itself left out.
    func around(_ center: Int, cutoff: Double) -> [(site: Int, image: SIMD3<Int>, position: SIMD3<Double>)] {
        let l = structure.lattice
        let volume = l.volume
        // How many cells fit across the cutoff along each axis: the spacing of the lattice planes.
        let reach = [cross(l.b, l.c), cross(l.c, l.a), cross(l.a, l.b)].map { n in
            Int((cutoff * (n * n).sum().squareRoot() / volume).rounded(.up)) + 1
        }
        let origin = positions[center]
        var found: [(site: Int, image: SIMD3<Int>, position: SIMD3<Double>)] = []
        let limit = cutoff * cutoff
        for i in -reach[0]...reach[0] {
            for j in -reach[1]...reach[1] {
                for k in -reach[2]...reach[2] {
                    let shift = Double(i) * l.a + Double(j) * l.b + Double(k) * l.c
                    for (site, p) in positions.enumerated() {
                        if site == center && i == 0 && j == 0 && k == 0 { continue }
                        let q = p + shift
                        let d = q - origin
                        if (d * d).sum() <= limit { found.append((site, SIMD3(i, j, k), q)) }
                    }
                }
            }
        }
        return found
    }
}
