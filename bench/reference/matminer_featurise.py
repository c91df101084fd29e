#!/usr/bin/env python3
"""matminer 0.10.1's side of the bench's `featurise` part: the redundancy paper's 273 features of the first
N structures of a POSCAR column, one featuriser after another on one core, as matminer computes them.

usage: matminer_featurise.py DATA.csv ROWS

Prints one key=value line (seconds; the structures pymatgen reads are not timed): `family_<name>_s` for each
of the five structure families in matminer's order (coordination_number includes the Voronoi tessellation
that local_property_difference, structural_heterogeneity and chemical_ordering then reuse from pymatgen's
cache; maximum_packing_efficiency tessellates again), `structure_s` (all five), `composition_s` (Magpie's
ElementProperty and the three composition families, through StructureComposition) and `all_s`.
Needs the pinned environment of scripts/requirements-matminer-ref.txt (the featurisers are those of
scripts/prepare_matminer_reference.py, which checks the versions).
"""
import csv, os, sys, time, warnings

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import prepare_matminer_reference as reference  # noqa: E402


def main():
    path, rows = sys.argv[1], int(sys.argv[2])
    reference.check_versions()
    warnings.filterwarnings("ignore")
    from pymatgen.io.vasp import Poscar
    from matminer.featurizers.composition import ElementProperty
    from matminer.featurizers.structure import StructureComposition
    csv.field_size_limit(1 << 24)
    structures = []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if len(structures) == rows:
                break
            structures.append(Poscar.from_str(row["structure"]).structure)
    composition = [("magpie", StructureComposition(ElementProperty.from_preset("magpie")))] + reference.composition_featurisers()
    structure = reference.structure_featurisers()
    seconds = {}
    failed = 0
    for s in structures:
        _, errors = reference.featurise(composition, s, seconds)
        _, errors = reference.featurise(structure, s, seconds)
        failed += bool(errors)
    structure_s = sum(seconds[name] for name, _ in structure)
    composition_s = sum(seconds[name] for name, _ in composition)
    print(f"matminer featurise structures={len(structures)} raised={failed}")
    for name, _ in structure:
        print(f"family_{name}_s={seconds[name]}")
    print(f"structure_s={structure_s}")
    print(f"composition_s={composition_s}")
    print(f"all_s={structure_s + composition_s}")


if __name__ == "__main__":
    main()
