import Foundation

/// matminer's `MaximumPackingEfficiency()` (L. Ward et al., Phys. Rev. B 96, 024104, 2017): the fraction of
/// the cell filled when every site holds the largest sphere its Voronoi cell allows, whose radius is the
/// distance to the cell's nearest face (half the nearest-neighbour distance).
public enum MaximumPackingEfficiency {
    public static let featureNames = ["max packing efficiency"]

    public static func features(of structure: CrystalStructure, cells: SiteCells) -> [Double] {
        let cubes = cells.faces.reduce(0.0) { sum, faces in
            let r = faces.map(\.distance).min() ?? 0
            return sum + r * r * r
        }
        return [4.0 / 3.0 * Double.pi * cubes / structure.volume]
    }
}
