#!/usr/bin/env python3
"""Matbench v0.1's composition regression tasks and the reference folds Sieve's k-fold is tested against.

usage:
  prepare_matbench.py data  [--cache DIR]   writes experiments/data/matbench_expt_gap.csv and matbench_steels.csv
                                            (standard library only)
  prepare_matbench.py folds [--cache DIR]   writes Tests/SieveDataTests/Fixtures/folds/*.csv with scikit-learn
                                            (pinned in scripts/requirements-folds.txt)

Both tasks come whole, in Matbench's order, from the pinned CrabNet 2.0.8 wheel that the other samples
come from (scripts/fetch_data.py checks its hash). `folds` writes, for each case, one line per row:
the row's index and its fold (1-based), as scikit-learn's KFold(n_splits, shuffle=True,
random_state=seed) cuts them, and checks the wheel's own Matbench fold files against them.
"""
import argparse, csv, io, os, sys, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fetch_data import CRABNET, ROOT, fetch, read_rows, write_csv  # noqa: E402

TASKS = {"matbench_expt_gap": "expt_gap", "matbench_steels": "steels_yield"}
MATBENCH_SEED = 18012019
# (name, rows, folds, seed): edge cases beside the two Matbench tasks.
CASES = [("n12_k5_seed0", 12, 5, 0), ("n1000_k10_seed42", 1000, 10, 42), ("n7_k7_seedmax", 7, 7, 2**32 - 1),
         ("n5000_k3_seed1", 5000, 3, 1)]


def kfold(n, k, seed):
    import numpy as np
    from sklearn.model_selection import KFold
    fold = np.zeros(n, dtype=int)
    for i, (_, test) in enumerate(KFold(n_splits=k, shuffle=True, random_state=seed).split(np.arange(n))):
        fold[test] = i + 1
    return fold


def key(row):
    formula, target = row.rsplit(",", 1)
    return f"{formula},{float(target)!r}"


def write_folds(path, fold):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="\n") as f:
        f.write("row,fold\n")
        for i, k in enumerate(fold):
            f.write(f"{i},{k}\n")
    print(f"{os.path.relpath(path, ROOT)}: {len(fold)} rows")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["data", "folds"])
    ap.add_argument("--cache", default=os.path.join(ROOT, "data", "archives"))
    a = ap.parse_args()
    archive = fetch(*CRABNET, a.cache)
    if a.what == "data":
        for name, member in TASKS.items():
            write_csv(os.path.join(ROOT, "experiments", "data", f"{name}.csv"),
                      read_rows(archive, f"crabnet/data/matbench/{member}.csv"))
        return
    import sklearn
    if sklearn.__version__ != "1.9.1":
        sys.exit(f"error: scikit-learn {sklearn.__version__}; the reference folds are made with 1.9.1 "
                 "(pip install -r scripts/requirements-folds.txt).")
    out = os.path.join(ROOT, "Tests", "SieveDataTests", "Fixtures", "folds")
    for name, member in TASKS.items():
        rows = read_rows(archive, f"crabnet/data/matbench/{member}.csv")
        fold = kfold(len(rows), 5, MATBENCH_SEED)
        write_folds(os.path.join(out, f"{name}.csv"), fold)
        # The wheel's own fold files list test rows by formula and target: compare as multisets.
        with zipfile.ZipFile(archive) as z:
            for k in range(5):
                # Targets are compared as numbers: the fold files write 1.0 where the task file writes 1.
                theirs = [key(r) for r in z.read(f"crabnet/data/matbench_cv/{member}/test{k}.csv").decode().splitlines()[1:]]
                ours = [key(rows[i]) for i in range(len(rows)) if fold[i] == k + 1]
                missing = sorted(set(ours) - set(theirs))
                extra = sorted(set(theirs) - set(ours))
                print(f"  {name} fold {k + 1}: {len(ours)} rows; the wheel's test{k}.csv lacks {len(missing)} of them "
                      f"{missing if missing else ''}and has {len(extra)} others")
    for name, n, k, seed in CASES:
        write_folds(os.path.join(out, f"{name}.csv"), kfold(n, k, seed))


if __name__ == "__main__":
    main()
