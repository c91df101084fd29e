#!/usr/bin/env python3
"""matminer's featurisers on Sieve's committed structure datasets: the reference values Sieve's native
featurisers are tested against.

usage:
  prepare_matminer_reference.py composition   writes Tests/SieveDataTests/Fixtures/matminer_reference_composition.csv
                                              (every row of flla_2015 and elastic_tensor, 5,119 structures)
  prepare_matminer_reference.py structure [--rows N] [--shard K/N]
                                              writes Tests/SieveDataTests/Fixtures/matminer_reference_structure.csv.gz
                                              (gzip, 3.9 MB for 9.8 MB of CSV; every structure, or a deterministic subset of N; resumable: rows
                                              already in <file>.partial* are kept, so an interrupted run goes on
                                              where it stopped; with --shard K/N, only every N-th structure from
                                              the K-th, into <file>.partial-K-of-N, so N processes share the work:
                                              about 1.1 s per structure on one core, 95 minutes for all 5,119)
  prepare_matminer_reference.py wrapped       writes Tests/SieveDataTests/Fixtures/matminer_reference_structure_wrapped.csv:
                                              the same features for every committed structure that has a
                                              fractional coordinate outside [0, 1) (241 of 5,119), computed on the
                                              structure with its coordinates wrapped into [0, 1) first (see below)
  prepare_matminer_reference.py bench [--rows N]
                                              times matminer's five structure families on the first N rows
                                              (100 by default) of the structure reference; writes nothing
  prepare_matminer_reference.py elements      writes Sources/SieveData/Resources/matminer_elements.csv (the
                                              element data the native composition featurisers read) and
                                              Sources/SieveVoronoi/Resources/magpie_ward2017.csv (the 22 Magpie
                                              properties of LocalPropertyDifference's ward-prb-2017 preset)

Pinned: scripts/requirements-matminer-ref.txt (matminer 0.10.1, pymatgen 2026.10.24, pymatgen-core
2026.10.16 and every dependency as resolved); the script refuses another matminer or pymatgen-core.
Install with `python3.11 -m venv .venv-matminer && .venv-matminer/bin/pip install -r
scripts/requirements-matminer-ref.txt`.

Input: experiments/data/flla_2015.csv and experiments/data/elastic_tensor.csv (written by
scripts/prepare_matminer.py), each row's `structure` read with pymatgen's `Poscar.from_str`. The
featurisers are those of the redundancy paper (K. Li, D. Persaud, K. Choudhary, B. DeCost, M. Greenwood,
J. Hattrick-Simpers, "Exploiting redundancy in large materials datasets for efficient machine learning
with less data", Nat. Commun. 14, 7283, 2023), each wrapped in `StructureComposition` for composition:

  composition  Stoichiometry() (6), ValenceOrbital(props=["frac"]) (4), IonProperty(fast=True) (3);
               Magpie's 132 ElementProperty features are left out (Sieve tests them against its own table).
  structure    SiteStatsFingerprint.from_preset("CoordinationNumber_ward-prb-2017") (5),
               SiteStatsFingerprint.from_preset("LocalPropertyDifference_ward-prb-2017") (110),
               StructuralHeterogeneity() (9), MaximumPackingEfficiency() (1), ChemicalOrdering() (3).

Columns: dataset, material_id, formula (pymatgen's cell composition, e.g. "Hf4S2"), then each feature
under matminer's `feature_labels()` name, in order. Floats are Python's shortest round-trip repr;
`compound possible` is written as 1.0 or 0.0. A structure featuriser that raises leaves its family's
cells empty and its message in the `errors` column (e.g. "No Voronoi neighbors found"). Rows keep the
datasets' order (flla_2015 first). The structure subset is the N structures with the smallest SHA-256
of "sieve-matminer-structure\\n<dataset>/<material_id>", so reruns give the same file.
Why `wrapped`: pymatgen's VoronoiNN.get_all_voronoi_polyhedra (which every structure featuriser here
uses) moves each site into the unit cell but takes its neighbours' periodic images from the unmoved
coordinates, so a structure with a coordinate just outside [0, 1) (flla_2015 has many, e.g. -1.6e-06) gets
a tessellation with one of that site's images duplicated or missing: matminer then raises "No Voronoi
neighbors found" or returns cells of the wrong shape. The same crystal with its coordinates wrapped first
has neither problem; Sieve always wraps, and its tests compare those rows with this file.
Timings (seconds per structure for each family) are printed at the end, never written into the file.
"""
import argparse, csv, glob, gzip, hashlib, io, math, os, sys, time, warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "SieveDataTests", "Fixtures")
DATASETS = [("flla_2015", os.path.join(ROOT, "experiments", "data", "flla_2015.csv")),
            ("elastic_tensor", os.path.join(ROOT, "experiments", "data", "elastic_tensor.csv"))]
MATMINER_VERSION, PYMATGEN_CORE_VERSION = "0.10.1", "2026.10.16"
STRUCTURE_SALT = "sieve-matminer-structure"


def check_versions():
    from importlib.metadata import version
    got = (version("matminer"), version("pymatgen-core"))
    if got != (MATMINER_VERSION, PYMATGEN_CORE_VERSION):
        sys.exit(f"error: matminer {got[0]} and pymatgen-core {got[1]} are installed; this reference needs matminer "
                 f"{MATMINER_VERSION} and pymatgen-core {PYMATGEN_CORE_VERSION} (scripts/requirements-matminer-ref.txt).")


def structures():
    """(dataset, material_id, pymatgen Structure) for every committed structure, in file order."""
    from pymatgen.io.vasp import Poscar
    csv.field_size_limit(1 << 24)
    for name, path in DATASETS:
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                yield name, row["material_id"], Poscar.from_str(row["structure"]).structure


def composition_featurisers():
    from matminer.featurizers.composition import Stoichiometry, ValenceOrbital, IonProperty
    from matminer.featurizers.structure import StructureComposition
    return [("stoichiometry", StructureComposition(Stoichiometry())),
            ("valence_orbital", StructureComposition(ValenceOrbital(props=["frac"]))),
            ("ion_property", StructureComposition(IonProperty(fast=True)))]


def structure_featurisers():
    from matminer.featurizers.structure import (SiteStatsFingerprint, StructuralHeterogeneity,
                                                MaximumPackingEfficiency, ChemicalOrdering)
    return [("coordination_number", SiteStatsFingerprint.from_preset("CoordinationNumber_ward-prb-2017")),
            ("local_property_difference", SiteStatsFingerprint.from_preset("LocalPropertyDifference_ward-prb-2017")),
            ("structural_heterogeneity", StructuralHeterogeneity()),
            ("maximum_packing_efficiency", MaximumPackingEfficiency()),
            ("chemical_ordering", ChemicalOrdering())]


def text(value):
    v = float(value)
    return "" if math.isnan(v) else repr(v)


def featurise(families, structure, seconds):
    """The cells of one structure for every family, and the errors of the families that raised."""
    cells, errors = [], []
    for name, featuriser in families:
        start = time.perf_counter()
        try:
            values = featuriser.featurize(structure)
            cells += [text(v) for v in values]
        except Exception as error:  # matminer raises plain ValueError/IndexError for structures it cannot do
            cells += [""] * len(featuriser.feature_labels())
            errors.append(f"{name}: {str(error).splitlines()[0] if str(error) else type(error).__name__}")
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start
    return cells, ";".join(errors)


def header(families):
    return ["dataset", "material_id", "formula"] + [l for _, f in families for l in f.feature_labels()] + ["errors"]


def formula(structure):
    return structure.composition.formula.replace(" ", "")


def report(seconds, count):
    for name, total in seconds.items():
        print(f"matminer {name}: {total:.2f} s for {count} structures, {1e3 * total / max(count, 1):.3f} ms per structure",
              file=sys.stderr)


def write_composition():
    families = composition_featurisers()
    rows, seconds = [], {}
    for dataset, material_id, structure in structures():
        cells, errors = featurise(families, structure, seconds)
        rows.append([dataset, material_id, formula(structure)] + cells + [errors])
    write(os.path.join(FIXTURES, "matminer_reference_composition.csv"), header(families), rows)
    report(seconds, len(rows))


def write_structure(count, shard):
    """The structure reference on `count` structures (all when None). With `shard` = (k, n), featurises only
    every n-th chosen structure from the k-th into its own partial file and stops there, so n processes can
    share the work; a run without a shard takes every partial file's rows as done, featurises what is left
    and writes the reference."""
    path = os.path.join(FIXTURES, "matminer_reference_structure.csv")  # partial files are plain CSV beside it
    families = structure_featurisers()
    head = header(families)
    everything = list(structures())
    key = lambda item: hashlib.sha256(f"{STRUCTURE_SALT}\n{item[0]}/{item[1]}".encode()).digest()
    ranked = [(d, m) for d, m, _ in sorted(everything, key=key)][:count]
    chosen = set(ranked)
    if shard:
        k, n = shard
        chosen = set(ranked[k::n])
        partial = f"{path}.partial-{k}-of-{n}"
    else:
        partial = path + ".partial"
    done = {}
    for name in sorted(glob.glob(path + ".partial*")):
        with open(name, newline="") as f:
            reader = csv.reader(f)
            if next(reader, None) == head:
                done.update({(r[0], r[1]): r for r in reader if len(r) == len(head)})
    seconds, featurised = {}, 0
    with open(partial + ".tmp", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(head)
        for k_, row in done.items():
            if k_ in chosen:
                w.writerow(row)
        f.flush()
        os.replace(partial + ".tmp", partial)
        for dataset, material_id, structure in everything:
            if (dataset, material_id) not in chosen or (dataset, material_id) in done:
                continue
            cells, errors = featurise(families, structure, seconds)
            row = [dataset, material_id, formula(structure)] + cells + [errors]
            done[(dataset, material_id)] = row
            w.writerow(row)
            f.flush()
            featurised += 1
            if featurised % 25 == 0:
                print(f"{sum(k_ in done for k_ in chosen)} of {len(chosen)} structures", file=sys.stderr)
    report(seconds, featurised)
    if shard:
        return
    order = {(d, m): i for i, (d, m, _) in enumerate(everything)}
    rows = sorted((r for k_, r in done.items() if k_ in chosen), key=lambda r: order[(r[0], r[1])])
    write(path + ".gz", head, rows)
    for name in glob.glob(path + ".partial*"):
        os.remove(name)


def out_of_cell(structure):
    f = structure.frac_coords
    return bool((f < 0).any() or (f >= 1).any())


def write_wrapped():
    from pymatgen.core import Structure
    families = structure_featurisers()
    rows, seconds = [], {}
    for dataset, material_id, structure in structures():
        if not out_of_cell(structure):
            continue
        wrapped = Structure(structure.lattice, structure.species, structure.frac_coords % 1.0)
        cells, errors = featurise(families, wrapped, seconds)
        rows.append([dataset, material_id, formula(structure)] + cells + [errors])
    write(os.path.join(FIXTURES, "matminer_reference_structure_wrapped.csv"), header(families), rows)
    report(seconds, len(rows))


def bench(count):
    path = os.path.join(FIXTURES, "matminer_reference_structure.csv.gz")
    with gzip.open(path, "rt", newline="") as f:
        keys = {(r["dataset"], r["material_id"]) for r in list(csv.DictReader(f))[:count]}
    chosen = [(d, m, s) for d, m, s in structures() if (d, m) in keys]
    families, seconds = structure_featurisers(), {}
    start = time.perf_counter()
    for _, _, structure in chosen:
        featurise(families, structure, seconds)
    total = time.perf_counter() - start
    report(seconds, len(chosen))
    print(f"matminer, all five structure families: {len(chosen)} structures in {total:.1f} s, "
          f"{len(chosen) / total:.2f} structures per second")


def write_elements():
    """Per element: pymatgen's Pauling electronegativity X as matminer's PymatgenData gives it (NaN imputed
    by the mean over all elements), pymatgen's common oxidation states, and Magpie's valence-shell electron
    counts as matminer's MagpieData gives them (NaN imputed)."""
    from pymatgen.core.periodic_table import Element
    from matminer.utils.data import PymatgenData, MagpieData
    pmg, magpie = PymatgenData(), MagpieData()
    shells = ["NsValence", "NpValence", "NdValence", "NfValence", "NValence"]
    rows = []
    for z in range(1, 104):
        e = Element.from_Z(z)
        x = pmg.get_elemental_property(e, "X")
        oxidation = " ".join(str(int(o)) for o in pmg.get_oxidation_states(e))
        rows.append([e.symbol, repr(float(x)), oxidation]
                    + [repr(float(magpie.get_elemental_properties([e], s)[0])) for s in shells])
    path = os.path.join(ROOT, "Sources", "SieveData", "Resources", "matminer_elements.csv")
    write(path, ["element", "X", "common_oxidation_states"] + shells, rows)
    # The 22 Magpie properties of LocalPropertyDifference.from_preset("ward-prb-2017"), as MagpieData gives them.
    from matminer.featurizers.site.chemical import LocalPropertyDifference
    properties = LocalPropertyDifference.from_preset("ward-prb-2017").properties
    rows = [[Element.from_Z(z).symbol] + [repr(float(magpie.get_elemental_properties([Element.from_Z(z)], p)[0]))
                                          for p in properties] for z in range(1, 104)]
    path = os.path.join(ROOT, "Sources", "SieveVoronoi", "Resources", "magpie_ward2017.csv")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    write(path, ["element"] + properties, rows)


def write(path, head, rows):
    """Writes the CSV atomically; a path ending in .gz is gzip-compressed with no name and no time in its
    header, so the same rows give the same bytes. The SHA-256 printed is the CSV's (uncompressed)."""
    text = io.StringIO()
    w = csv.writer(text, lineterminator="\n")
    w.writerow(head)
    w.writerows(rows)
    data = text.getvalue().encode()
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        if path.endswith(".gz"):
            with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as z:
                z.write(data)
        else:
            f.write(data)
    os.replace(tmp, path)
    digest = hashlib.sha256(data).hexdigest()
    print(f"{os.path.relpath(path, ROOT)}: {len(rows)} rows, {os.path.getsize(path):,} bytes, CSV sha256 {digest}")


def shard(text):
    if text is None:
        return None
    k, n = (int(x) for x in text.split("/"))
    if not 0 <= k < n:
        sys.exit(f"error: --shard {text} must be K/N with 0 <= K < N.")
    return k, n


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["composition", "structure", "wrapped", "bench", "elements"])
    ap.add_argument("--rows", type=int, help="structures in the structure reference (default: all 5,119) or the bench (100)")
    ap.add_argument("--shard", help="K/N: featurise only the K-th of N shares of the structure reference into a partial "
                                    "file (run N of these side by side, then once without --shard to write the file)")
    a = ap.parse_args()
    check_versions()
    warnings.filterwarnings("ignore")  # pymatgen warns on every imputed element property
    {"composition": write_composition, "structure": lambda: write_structure(a.rows, shard(a.shard)),
     "wrapped": write_wrapped, "bench": lambda: bench(a.rows or 100), "elements": write_elements}[a.what]()


if __name__ == "__main__":
    main()
