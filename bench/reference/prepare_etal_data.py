"""Data for the ET-AL benchmark: flla_2015 formation energies grouped by crystal system.

usage: prepare_etal_data.py OUT_DIR      (Python 3.12: spglib==2.8.0, numpy; see bench/requirements.txt)
Reads matminer 0.3.9's flla_2015.csv (Faber, Lindmaa, von Lilienfeld & Armiento, Int. J. Quantum Chem.
115, 1094, 2015; Materials Project data, CC BY 4.0) from the sdist fetched by exact version and checked
by SHA-256, and writes into OUT_DIR:
- etal_flla.csv: formula,target (formation_energy_per_atom, eV/atom), rows in the source's order;
  formulas written from the source's element dict in its order ("SHf2");
- etal_groups.csv: row,crystal_system, from spglib.get_symmetry_dataset(cell, symprec=0.1) on the
  pymatgen structure dict (lattice rows = basis vectors, fractional coordinates `abc`, first species
  of each site), space group number -> crystal system (1-2 triclinic, 3-15 monoclinic, 16-74
  orthorhombic, 75-142 tetragonal, 143-167 trigonal, 168-194 hexagonal, 195-230 cubic).
Magpie features come after, from featurize_magpie.py (bench/run.sh runs it).
"""
import ast, csv, hashlib, io, os, subprocess, sys, tarfile
from collections import Counter
import numpy as np
import spglib

SPEC, FILE, SHA = "matminer==0.3.9", "matminer-0.3.9.tar.gz", "3faf9e83464f3d48f68a759bf476ad24da4c8c3e950c8f340cb917d3bb906400"
MEMBER = "matminer-0.3.9/matminer/datasets/flla_2015.csv"
SYSTEMS = [(2, "triclinic"), (15, "monoclinic"), (74, "orthorhombic"), (142, "tetragonal"),
           (167, "trigonal"), (194, "hexagonal"), (230, "cubic")]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def archive():
    cache = os.path.join(ROOT, "data", "archives")
    path = os.path.join(cache, FILE)
    if not os.path.exists(path):
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                        "--dest", cache, SPEC], check=True)
    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
    if digest != SHA:
        sys.exit(f"error: {path} has SHA-256 {digest}, expected {SHA}.")
    return path


def amount(x):
    return "" if x == 1 else (str(int(x)) if float(x).is_integer() else repr(float(x)))


def main(out):
    with tarfile.open(archive()) as t:
        text = t.extractfile(MEMBER).read().decode("utf-8")
    lines = text.splitlines(keepends=True)
    rows = list(csv.DictReader(io.StringIO("".join(l for l in lines if not l.startswith("# ref")))))
    os.makedirs(out, exist_ok=True)
    counts = Counter()
    with open(os.path.join(out, "etal_flla.csv"), "w") as f, open(os.path.join(out, "etal_groups.csv"), "w") as g:
        f.write("formula,target\n")
        g.write("row,crystal_system\n")
        for i, r in enumerate(rows):
            formula = "".join(f"{el}{amount(n)}" for el, n in ast.literal_eval(r["formula"]).items())
            s = ast.literal_eval(r["structure"])
            lattice = np.array(s["lattice"]["matrix"], dtype=float)
            positions = np.array([site["abc"] for site in s["sites"]], dtype=float)
            elements = sorted({site["species"][0]["element"] for site in s["sites"]})
            numbers = [elements.index(site["species"][0]["element"]) + 1 for site in s["sites"]]
            number = spglib.get_symmetry_dataset((lattice, positions, numbers), symprec=0.1).number
            system = next(name for last, name in SYSTEMS if number <= last)
            counts[system] += 1
            f.write(f"{formula},{r['formation_energy_per_atom']}\n")
            g.write(f"{i},{system}\n")
    print(f"{len(rows)} rows;", ", ".join(f"{k} {v}" for k, v in counts.most_common()))


if __name__ == "__main__":
    main(sys.argv[1])
