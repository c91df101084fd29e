#!/usr/bin/env python3
"""Reference for Sieve's ridge regression on real data: scikit-learn 1.9.1 on Magpie features of
Materials Project formation energies, at 50, 240, 2,000 and 20,000 training rows.

usage:
  ridge_reference.py cut [--cache DIR]   writes Tests/SieveModelsTests/Fixtures/ridge_mp.csv: 22,000
                                         rows of Matbench mp_e_form (crabnet==2.0.8 wheel, hash
                                         checked by scripts/fetch_data.py), chosen and ordered by
                                         keyed hash (salt sieve-ridge-22000), rows with elements outside the
                                         Magpie table left out first
  ridge_reference.py reference           writes Tests/SieveModelsTests/Fixtures/ridge_mp_reference.csv

The split (the same in RidgeTests.swift): the last 2,000 rows are the test set; a training set of
n rows starting at row o is rows o ..< o+n (WINDOWS below).
Features are bench/reference/featurize_magpie.py's, rounded to float32 as Sieve stores them.
Per (rows, first row) the file holds the test RMSE of make_pipeline(StandardScaler(), Ridge(alpha=1))
(the model Sieve's `kind: ridge` is), of plain Ridge(alpha=1) (Sieve's `standardise: false`),
and of the training mean, plus the pipeline's predictions on the first 10 test rows.
Needs scikit-learn==1.9.1 (bench/requirements.txt), e.g. in .venv-ref.
"""
import argparse, csv, os, sys
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, os.path.join(ROOT, "bench", "reference"))
FIXTURES = os.path.join(ROOT, "Tests", "SieveModelsTests", "Fixtures")
DATA = os.path.join(FIXTURES, "ridge_mp.csv")
OUT = os.path.join(FIXTURES, "ridge_mp_reference.csv")
TABLE = os.path.join(ROOT, "Sources", "SieveData", "Resources", "magpie.csv")
ROWS, TEST = 22000, 2000
# (training rows, first training row): three windows per size, plus the windows where the
# standardised model does worst among windows every 97 rows (50, 240) or 499 rows (2,000): there a
# column is nearly constant on the training rows (Magpie's GSmagmom of 6e-6 for most elements)
# and far from it on test rows, so standardising it blows the predictions up.
WINDOWS = [(50, 0), (50, 5000), (50, 10000), (50, 6984), (50, 18042),
           (240, 0), (240, 5000), (240, 10000), (240, 18527), (240, 6402),
           (2000, 0), (2000, 5000), (2000, 10000), (2000, 11976), (2000, 12475),
           (20000, 0)]


def magpie_table():
    with open(TABLE) as f:
        rows = list(csv.reader(f))
    return {r[0]: np.array([float(x) for x in r[1:]]) for r in rows[1:]}


def features(formula, table):
    from featurize_magpie import parse
    comp = parse(formula)
    els = list(comp)
    frac = np.array([comp[e] for e in els]); frac = frac / frac.sum()
    vals = np.stack([table[e] for e in els])
    mean = frac @ vals
    return np.concatenate([vals.min(0), vals.max(0), vals.max(0) - vals.min(0), mean,
                           frac @ np.abs(vals - mean), vals[np.argmax(frac)]])


def cut(cache):
    import fetch_data
    from featurize_magpie import parse
    table = magpie_table()
    archive = fetch_data.fetch(*fetch_data.CRABNET, cache)
    rows = [r for r in fetch_data.read_rows(archive, fetch_data.MP_E_FORM)
            if (c := parse(r.rsplit(",", 1)[0])) and all(e in table for e in c)]
    # Kept in keyed-hash order, not the archive's (sorted by target), so that consecutive rows
    # are a random sample and the split below needs no random numbers.
    key = lambda r: fetch_data.hashlib.sha256(f"sieve-ridge-22000\n{r}".encode()).digest()
    fetch_data.write_csv(DATA, sorted(rows, key=key)[:ROWS])


def reference():
    import sklearn
    from sklearn.linear_model import Ridge
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    if sklearn.__version__ != "1.9.1":
        sys.exit(f"error: scikit-learn {sklearn.__version__}; the reference is pinned to 1.9.1.")
    table = magpie_table()
    with open(DATA) as f:
        r = csv.reader(f); next(r)
        data = [(formula, float(target)) for formula, target in r]
    x = np.array([features(f, table) for f, _ in data]).astype(np.float32).astype(np.float64)
    y = np.array([t for _, t in data])
    test = np.arange(len(y) - TEST, len(y))
    rmse = lambda p: float(np.sqrt(np.mean((p - y[test]) ** 2)))
    with open(OUT, "w", newline="\n") as g:
        w = csv.writer(g, lineterminator="\n")
        w.writerow(["rows", "first", "standardised_rmse", "plain_rmse", "mean_rmse"] + [f"p{i}" for i in range(10)])
        for n, first in WINDOWS:
                s = first
                train = np.arange(first, first + n)
                pipe = make_pipeline(StandardScaler(), Ridge(alpha=1.0)).fit(x[train], y[train])
                plain = Ridge(alpha=1.0).fit(x[train], y[train])
                p = pipe.predict(x[test])
                row = [n, s, rmse(p), rmse(plain.predict(x[test])), rmse(np.full(TEST, y[train].mean()))]
                w.writerow([repr(float(v)) if isinstance(v, float) else v for v in row] + [repr(float(v)) for v in p[:10]])
                print(*[f"{v:.4g}" if isinstance(v, float) else v for v in row], file=sys.stderr)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["cut", "reference"])
    ap.add_argument("--cache", default=os.path.join(ROOT, "data", "archives"))
    a = ap.parse_args()
    cut(a.cache) if a.what == "cut" else reference()
