/// Features of a crystal structure that a composition cannot give, for use beside Magpie's.
///
/// In ``names`` order: `density` (g/cm³, IUPAC 2021 atomic weights), `volume_per_atom` (Å³ per
/// site), `site_count` (sites in the cell as given, not reduced to the primitive cell),
/// `space_group_number` (1–230), and a one-hot of the crystal system,
/// `crystal_system_triclinic` … `crystal_system_cubic` (1 for the structure's system, 0 for the
/// others). Density and volume per atom are the structural descriptors of matminer's
/// `DensityFeatures`; the symmetry columns follow Ward et al.'s Magpie practice of a space-group
/// descriptor (npj Comput. Mater. 2, 16028, 2016). All values are exact functions of the
/// structure and its space group, so they are the same on every run and every machine.
public enum StructureFeatures {
    /// The feature names, fixed, in the order ``values(for:spaceGroup:)`` returns them.
    public static let names: [String] = ["density", "volume_per_atom", "site_count", "space_group_number"]
        + CrystalSystem.allCases.map { "crystal_system_\($0.rawValue)" }

    /// The number of features (11).
    public static var count: Int { names.count }

    /// The features of a structure whose space group is `spaceGroup` (found with
    /// ``CrystalStructure/spaceGroup(symprec:)`` or taken from a data column).
    public static func values(for structure: CrystalStructure, spaceGroup: SpaceGroup) -> [Double] {
        var out = [structure.density, structure.volumePerAtom, Double(structure.siteCount), Double(spaceGroup.number)]
        var oneHot = [Double](repeating: 0, count: CrystalSystem.allCases.count)
        oneHot[spaceGroup.crystalSystem.index] = 1
        out += oneHot
        return out
    }
}
