"""Reference space groups for Sieve's structure datasets, from spglib's Python package.

usage: python spglib_space_groups.py [OUT.csv]
  (default OUT: Tests/SieveDataTests/Fixtures/space_groups_spglib.csv)

Pinned: spglib==2.8.0, numpy==2.4.6 (Python 3.11). Reads every structure of the committed
experiments/data/flla_2015.csv and experiments/data/elastic_tensor.csv (VASP 5 POSCAR text in the
`structure` column, read here by a small parser of its own so the check does not share code with
Sieve's), and writes dataset,material_id,nsites,number,international with
spglib.get_symmetry_dataset(cell, symprec=0.1) (angle tolerance: spglib's default). Lattice rows are
the basis vectors, as spglib's Python API wants. Rows keep the files' order; the output is
deterministic. It also prints the crystal-system counts per dataset and, for elastic_tensor, how
many rows disagree with the source's own space_group column.
"""
import csv, os, sys
from collections import Counter

import numpy as np
import spglib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SYMPREC = 0.1
SYSTEMS = [(2, "triclinic"), (15, "monoclinic"), (74, "orthorhombic"), (142, "tetragonal"),
           (167, "trigonal"), (194, "hexagonal"), (230, "cubic")]


def crystal_system(number):
    return next(name for last, name in SYSTEMS if number <= last)


def read_poscar(text):
    """(lattice rows in Å, fractional positions, species per site) of VASP 5 POSCAR text."""
    lines = [l.strip() for l in text.strip().splitlines()]
    scale = float(lines[1].split()[0])
    basis = np.array([[float(x) for x in lines[i].split()[:3]] for i in (2, 3, 4)])
    # A negative scale is the cell volume; the factor then scales vectors and Cartesian positions alike.
    factor = (-scale / abs(np.linalg.det(basis))) ** (1 / 3) if scale < 0 else scale
    basis *= factor
    symbols, counts = lines[5].split(), [int(c) for c in lines[6].split()]
    species = [s for s, n in zip(symbols, counts) for _ in range(n)]
    row = 7
    if lines[row][0] in "sS":  # selective dynamics
        row += 1
    cartesian = lines[row][0] in "cCkK"
    coords = np.array([[float(x) for x in lines[row + 1 + i].split()[:3]] for i in range(len(species))])
    if cartesian:
        coords = np.linalg.solve(basis.T, (coords * factor).T).T
    return basis, coords, species


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "Tests", "SieveDataTests", "Fixtures",
                                                             "space_groups_spglib.csv")
    rows = []
    for dataset in ("flla_2015", "elastic_tensor"):
        with open(os.path.join(ROOT, "experiments", "data", dataset + ".csv"), newline="") as f:
            table = list(csv.DictReader(f))
        counts, disagree = Counter(), 0
        for r in table:
            basis, coords, species = read_poscar(r["structure"])
            kinds = {s: i + 1 for i, s in enumerate(dict.fromkeys(species))}
            cell = (basis, coords, [kinds[s] for s in species])
            data = spglib.get_symmetry_dataset(cell, symprec=SYMPREC)
            if data is None:
                sys.exit(f"error: spglib found no space group for {dataset} {r['material_id']}: {spglib.get_error_message()}")
            rows.append([dataset, r["material_id"], len(species), data.number, data.international])
            counts[crystal_system(data.number)] += 1
            if "space_group" in r and int(r["space_group"]) != data.number:
                disagree += 1
        print(dataset, len(table), "structures:", ", ".join(f"{k} {v}" for k, v in counts.most_common()))
        if dataset == "elastic_tensor":
            print(f"elastic_tensor: {disagree} rows differ from the source's space_group column")
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["dataset", "material_id", "nsites", "number", "international"])
        w.writerows(rows)
    print(f"{os.path.relpath(out, ROOT)}: {len(rows)} rows (spglib {spglib.__version__}, numpy {np.__version__})")


if __name__ == "__main__":
    main()
