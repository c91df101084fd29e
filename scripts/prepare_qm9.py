#!/usr/bin/env python3
"""QM9 with the 20 RDKit descriptors of Fox & Ghosh (Mach. Learn.: Sci. Technol. 5, 035056, 2024).

usage:
  prepare_qm9.py sample [--cache DIR]   writes experiments/data/qm9_sample.csv (10,000 molecules, committed)
  prepare_qm9.py full   [--cache DIR]   writes data/full/qm9_descriptors.csv (every molecule; `make data`)

Pinned: rdkit==2026.9.1, numpy==2.2.6, pillow==13.0.0 (scripts/requirements-qm9.txt); the script refuses
another RDKit. The archive is the qm9pack==1.0.3 wheel from PyPI, fetched by exact version and refused
unless its SHA-256 matches (the helper of scripts/fetch_data.py). Its qm9_part{1,2,3}.csv hold 130,831
molecules with SMILES, dipole moment (Debye) and isotropic polarizability (bohr^3).

Output columns: smiles, the 20 descriptors in the paper's order, polarizability, dipole. Rows keep
QM9's order. A molecule RDKit cannot parse, or whose descriptors are not all finite (Gasteiger
charges can fail), is dropped and counted; the counts are printed.

The sample is the 10,000 valid molecules whose SHA-256 of "sieve-qm9-10000\\n<QM9 id>" is smallest,
in QM9's order: no random module, so reruns reproduce the file byte for byte. Floats are written with
Python's shortest round-trip repr, integer descriptors as integers.
"""
import argparse, csv, hashlib, math, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fetch_data import ROOT, fetch, sha256  # noqa: E402

QM9PACK = ("qm9pack==1.0.3", "qm9pack-1.0.3-py3-none-any.whl",
           "1d88c2988007c6778e717ee3224cf511bd60e10732ebe3b7ed500ea5af05c9f0")
PARTS = [f"qm9pack/data/qm9_part{i}.csv" for i in (1, 2, 3)]
RDKIT_VERSION = "2026.09.1"
DESCRIPTORS = ["ExactMolWt", "TPSA", "MolLogP", "NumValenceElectrons", "MaxPartialCharge", "NHOHCount",
               "NOCount", "NumHAcceptors", "NumHDonors", "NumHeteroatoms", "NumRotatableBonds", "RingCount",
               "MolMR", "NumAliphaticCarbocycles", "NumAliphaticHeterocycles", "NumAliphaticRings",
               "NumSaturatedCarbocycles", "NumSaturatedHeterocycles", "NumSaturatedRings", "HeavyAtomMolWt"]
SAMPLE_SIZE, SAMPLE_SALT = 10_000, "sieve-qm9-10000"


def molecules(archive):
    """(QM9 id, SMILES, polarizability, dipole) for every row of the three parts, in QM9's order."""
    import io, zipfile
    csv.field_size_limit(1 << 24)
    with zipfile.ZipFile(archive) as z:
        for part in PARTS:
            with z.open(part) as raw:
                reader = csv.reader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
                header = next(reader)
                col = {name: header.index(name) for name in ("XYZ_file", "SMILES", "Dipole_debye", "Polarizability_bohr3")}
                for line, row in enumerate(reader, start=2):
                    if len(row) != len(header):
                        sys.exit(f"error: {part}:{line} has {len(row)} fields, the header {len(header)}.")
                    yield (row[col["XYZ_file"]], row[col["SMILES"]],
                           float(row[col["Polarizability_bohr3"]]), float(row[col["Dipole_debye"]]))


class Featuriser:
    """The 20 descriptors of one SMILES with the pinned RDKit, or the reason it has none."""

    def __init__(self):
        from rdkit import Chem, RDLogger, rdBase
        from rdkit.Chem import Descriptors
        if rdBase.rdkitVersion != RDKIT_VERSION:
            sys.exit(f"error: RDKit {rdBase.rdkitVersion} is installed; this script is pinned to {RDKIT_VERSION} "
                     "(pip install -r scripts/requirements-qm9.txt).")
        RDLogger.DisableLog("rdApp.*")
        self.chem = Chem
        self.functions = [getattr(Descriptors, name) for name in DESCRIPTORS]
        self.unparsed = 0
        self.nonfinite = 0

    def __call__(self, smiles):
        mol = self.chem.MolFromSmiles(smiles)
        if mol is None:
            self.unparsed += 1
            return None
        values = [f(mol) for f in self.functions]
        if not all(math.isfinite(v) for v in values):
            self.nonfinite += 1
            return None
        return values


def text(value):
    return str(value) if isinstance(value, int) else repr(float(value))


def write_table(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", newline="\n") as f:
        f.write(",".join(["smiles"] + DESCRIPTORS + ["polarizability", "dipole"]) + "\n")
        for smiles, values, alpha, mu in rows:
            if "," in smiles or '"' in smiles:
                sys.exit(f"error: SMILES {smiles!r} would need quoting; refusing to write an ambiguous CSV.")
            f.write(",".join([smiles] + [text(v) for v in values] + [text(alpha), text(mu)]) + "\n")
    os.replace(tmp, path)
    print(f"{os.path.relpath(path, ROOT)}: {len(rows)} molecules, sha256 {sha256(path)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["sample", "full"])
    ap.add_argument("--cache", default=os.path.join(ROOT, "data", "archives"))
    a = ap.parse_args()
    archive = fetch(*QM9PACK, a.cache)
    featurise = Featuriser()
    all_rows = list(molecules(archive))
    if a.what == "full":
        rows = []
        for ident, smiles, alpha, mu in all_rows:
            values = featurise(smiles)
            if values is not None:
                rows.append((smiles, values, alpha, mu))
        write_table(os.path.join(ROOT, "data", "full", "qm9_descriptors.csv"), rows)
        seen = len(all_rows)
    else:
        order = sorted(range(len(all_rows)),
                       key=lambda i: hashlib.sha256(f"{SAMPLE_SALT}\n{all_rows[i][0]}".encode()).digest())
        chosen, seen = {}, 0
        for i in order:
            if len(chosen) == SAMPLE_SIZE:
                break
            seen += 1
            values = featurise(all_rows[i][1])
            if values is not None:
                chosen[i] = values
        rows = [(all_rows[i][1], chosen[i], all_rows[i][2], all_rows[i][3]) for i in sorted(chosen)]
        write_table(os.path.join(ROOT, "experiments", "data", "qm9_sample.csv"), rows)
    print(f"{seen} of {len(all_rows)} QM9 molecules featurised: {featurise.unparsed} not parsed by RDKit, "
          f"{featurise.nonfinite} with a non-finite descriptor, all dropped.")


if __name__ == "__main__":
    main()
