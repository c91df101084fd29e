#!/usr/bin/env python3
"""Cut Sieve's crystal-structure datasets out of the matminer 0.3.9 source archive, deterministically.

usage:
  prepare_matminer.py data     [--cache DIR]  writes experiments/data/flla_2015.csv and elastic_tensor.csv
  prepare_matminer.py fixtures [--cache DIR]  writes the raw pymatgen-dict rows the Swift tests parse
  prepare_matminer.py full     [--cache DIR]  writes data/full/flla_2015_pymatgen.csv (structures as
                                              full pymatgen dicts in JSON; 13 MB, not committed)

The archive is fetched by exact version with `pip download --no-deps --no-binary :all: matminer==0.3.9`
and its SHA-256 is checked before anything is read from it. Standard library only (Python >= 3.9).

What is written:
- flla_2015.csv (Faber, Lindmaa, von Lilienfeld, Armiento 2015; 3,938 Materials Project entries):
  material_id, formula, formation_energy_per_atom, e_above_hull, nsites, structure. The source's
  `formula` is a Python dict ({'S': 1.0, 'Hf': 2.0}); it is written as a formula string in the same
  element order ("SHf2"). The source's `structure` is a pymatgen Structure dict in Python-literal
  form; with its pymatgen bookkeeping (forces, coordination numbers, Cartesian copies) it would make a
  13 MB file, so it is written as VASP 5 POSCAR text in one quoted CSV field: the lattice matrix
  and fractional coordinates are Python's shortest round-trip reprs of the dict's floats, so a
  reader recovers the dict's numbers bit for bit. Sites keep their order; the species line lists
  runs of equal species (pymatgen's own convention), so a species may appear twice in it.
  The `formation_energy` column (per cell, = per atom x nsites) is left out.
- elastic_tensor.csv (de Jong et al. 2015; 1,181 entries): every scalar column of the source
  (material_id, formula, K_VRH, G_VRH, the Voigt and Reuss bounds, elastic_anisotropy,
  poisson_ratio, space_group, nsites, volume, kpoint_density) and `structure`, the source's
  `poscar` text unchanged. The tensors and the CIF copy of the structure are left out.
Numbers are copied as the source's text, never re-formatted. Rows keep the source order.
"""
import argparse, ast, csv, hashlib, io, json, os, subprocess, sys, tarfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARCHIVE = ("matminer==0.3.9", "matminer-0.3.9.tar.gz",
           "3faf9e83464f3d48f68a759bf476ad24da4c8c3e950c8f340cb917d3bb906400")
FLLA = "matminer-0.3.9/matminer/datasets/flla_2015.csv"
ELASTIC = "matminer-0.3.9/matminer/datasets/elastic_tensor.csv"
ELASTIC_COLUMNS = ["material_id", "formula", "K_VRH", "G_VRH", "K_Voigt", "K_Reuss", "G_Voigt", "G_Reuss",
                   "elastic_anisotropy", "poisson_ratio", "space_group", "nsites", "volume", "kpoint_density"]
FIXTURE_ROWS = 80
FIXTURE_SALT = "sieve-flla-pymatgen-80"


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(spec, filename, expected, cache):
    os.makedirs(cache, exist_ok=True)
    path = os.path.join(cache, filename)
    if not os.path.exists(path) or sha256(path) != expected:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "--dest", cache, spec]
        print("fetching", spec, file=sys.stderr)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    got = sha256(path)
    if got != expected:
        sys.exit(f"error: {filename} has SHA-256 {got}, expected {expected}; refusing to use it.")
    return path


def read_table(archive, member):
    """The rows of a matminer CSV as dicts, after its leading '# ref:' comment line."""
    with tarfile.open(archive, "r:gz") as t:
        text = t.extractfile(member).read().decode("utf-8")
    first, rest = text.split("\n", 1)
    if not first.startswith("# ref:"):
        sys.exit(f"error: {member} starts with {first[:40]!r}, expected a '# ref:' comment.")
    return list(csv.DictReader(io.StringIO(rest, newline="")))


def formula_text(dict_text):
    """{'S': 1.0, 'Hf': 2.0} -> 'SHf2' (element order kept, amounts must be whole)."""
    parts = []
    for element, amount in ast.literal_eval(dict_text).items():
        if amount != int(amount) or amount <= 0:
            sys.exit(f"error: formula {dict_text} has a non-integral amount.")
        parts.append(element if amount == 1 else f"{element}{int(amount)}")
    return "".join(parts)


def poscar_text(material_id, structure):
    """A pymatgen Structure dict (ordered, fully occupied sites) as VASP 5 POSCAR text."""
    symbols = []
    for i, site in enumerate(structure["sites"]):
        species = site["species"]
        if len(species) != 1 or species[0]["occu"] != 1:
            sys.exit(f"error: {material_id} site {i + 1} is partially occupied: {species}.")
        symbols.append(species[0]["element"])
    runs = []  # [symbol, count] for each run of equal neighbours
    for s in symbols:
        if runs and runs[-1][0] == s:
            runs[-1][1] += 1
        else:
            runs.append([s, 1])
    lines = [material_id, "1.0"]
    lines += [" ".join(repr(float(x)) for x in row) for row in structure["lattice"]["matrix"]]
    lines.append(" ".join(r[0] for r in runs))
    lines.append(" ".join(str(r[1]) for r in runs))
    lines.append("direct")
    lines += [" ".join(repr(float(x)) for x in site["abc"]) for site in structure["sites"]]
    return "\n".join(lines)


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    os.replace(tmp, path)
    print(f"{os.path.relpath(path, ROOT)}: {len(rows)} rows, {os.path.getsize(path):,} bytes, sha256 {sha256(path)}")


def write_data(archive):
    out = os.path.join(ROOT, "experiments", "data")
    flla = read_table(archive, FLLA)
    rows = []
    for r in flla:
        structure = ast.literal_eval(r["structure"])
        if len(structure["sites"]) != int(r["nsites"]):
            sys.exit(f"error: {r['material_id']} has {len(structure['sites'])} sites but nsites {r['nsites']}.")
        rows.append([r["material_id"], formula_text(r["formula"]), r["formation_energy_per_atom"],
                     r["e_above_hull"], r["nsites"], poscar_text(r["material_id"], structure)])
    write_csv(os.path.join(out, "flla_2015.csv"),
              ["material_id", "formula", "formation_energy_per_atom", "e_above_hull", "nsites", "structure"], rows)
    elastic = read_table(archive, ELASTIC)
    rows = [[r[c] for c in ELASTIC_COLUMNS] + [r["poscar"]] for r in elastic]
    write_csv(os.path.join(out, "elastic_tensor.csv"), ELASTIC_COLUMNS + ["structure"], rows)


def write_fixtures(archive):
    """A keyed-hash sample of flla rows with the structure exactly as the source holds it (a
    Python-literal dict) and the same dict as JSON, for the Swift pymatgen-dict parser's tests."""
    flla = read_table(archive, FLLA)
    chosen = sorted(range(len(flla)), key=lambda i: hashlib.sha256(
        f"{FIXTURE_SALT}\n{flla[i]['material_id']}".encode()).digest())[:FIXTURE_ROWS]
    rows = []
    for i in sorted(chosen):
        r = flla[i]
        as_json = json.dumps(ast.literal_eval(r["structure"]), separators=(",", ":"))
        rows.append([r["material_id"], r["structure"], as_json])
    path = os.path.join(ROOT, "Tests", "SieveDataTests", "Fixtures", "flla_pymatgen_sample.csv")
    write_csv(path, ["material_id", "structure", "structure_json"], rows)


def write_full(archive):
    flla = read_table(archive, FLLA)
    rows = [[r["material_id"], formula_text(r["formula"]), r["formation_energy_per_atom"], r["e_above_hull"],
             r["nsites"], json.dumps(ast.literal_eval(r["structure"]), separators=(",", ":"))] for r in flla]
    write_csv(os.path.join(ROOT, "data", "full", "flla_2015_pymatgen.csv"),
              ["material_id", "formula", "formation_energy_per_atom", "e_above_hull", "nsites", "structure"], rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["data", "fixtures", "full"])
    ap.add_argument("--cache", default=os.path.join(ROOT, "data", "archives"))
    a = ap.parse_args()
    archive = fetch(*ARCHIVE, a.cache)
    print(f"{ARCHIVE[1]}: sha256 {ARCHIVE[2]} (checked)")
    {"data": write_data, "fixtures": write_fixtures, "full": write_full}[a.what](archive)


if __name__ == "__main__":
    main()
