/// Atomic weights of the elements H (1) to Og (118), in unified atomic mass units (Da).
///
/// Elements with a standard atomic weight take the conventional (single) value of the IUPAC
/// Commission on Isotopic Abundances and Atomic Weights: T. Prohaska et al., "Standard atomic
/// weights of the elements 2021 (IUPAC Technical Report)", Pure Appl. Chem. 94, 573–600 (2022),
/// and ciaaw.org. Elements without one (Tc, Pm, and Po onwards except Th, Pa and U) take the mass
/// number of their longest-lived isotope, as IUPAC's periodic table prints in brackets. Used for
/// densities; the values agree with the Magpie table's `AtomicWeight` (an older IUPAC edition)
/// to 0.1 % for every element that has a standard weight.
extension PeriodicTable {
    public static let atomicWeights: [Double] = [
        1.008, 4.002602, 6.94, 9.0121831, 10.81, 12.011, 14.007, 15.999, 18.998403162, 20.1797,  // H–Ne
        22.98976928, 24.305, 26.9815384, 28.085, 30.973761998, 32.06, 35.45, 39.95,  // Na–Ar
        39.0983, 40.078, 44.955907, 47.867, 50.9415, 51.9961, 54.938043, 55.845, 58.933194,  // K–Co
        58.6934, 63.546, 65.38, 69.723, 72.630, 74.921595, 78.971, 79.904, 83.798,  // Ni–Kr
        85.4678, 87.62, 88.905838, 91.222, 92.90637, 95.95, 97, 101.07, 102.90549,  // Rb–Rh
        106.42, 107.8682, 112.414, 114.818, 118.710, 121.760, 127.60, 126.90447, 131.293,  // Pd–Xe
        132.90545196, 137.327, 138.90547, 140.116, 140.90766, 144.242, 145, 150.36, 151.964,  // Cs–Eu
        157.249, 158.925354, 162.500, 164.930329, 167.259, 168.934219, 173.045, 174.96669,  // Gd–Lu
        178.486, 180.94788, 183.84, 186.207, 190.23, 192.217, 195.084, 196.966570, 200.592,  // Hf–Hg
        204.38, 207.2, 208.98040, 209, 210, 222,  // Tl–Rn
        223, 226, 227, 232.0377, 231.03588, 238.02891, 237, 244, 243, 247, 247, 251, 252,  // Fr–Es
        257, 258, 259, 262, 267, 268, 269, 270, 269, 278, 281, 282, 285, 286, 289, 290,  // Fm–Mc
        293, 294, 294,  // Lv–Og
    ]

    /// The atomic weight of an element symbol (Da), or nil for a symbol that is not an element.
    public static func atomicWeight(of symbol: String) -> Double? {
        atomicNumber(of: symbol).map { atomicWeights[$0 - 1] }
    }
}
