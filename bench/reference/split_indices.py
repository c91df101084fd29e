"""Write the train and test row indices that shared/bench/py_baseline.py uses, so Sieve trains on the same split.

usage: split_indices.py DATA.csv N_TRAIN SEED OUT.csv
Same protocol as py_baseline.py: rows permuted by numpy's default_rng(SEED); the first 10% are the
test set; the first N_TRAIN of the rest train. OUT has columns role,row (0-based data rows).
"""
import sys
import numpy as np

path, n_train, seed, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
with open(path) as f:
    n = sum(1 for _ in f) - 1
idx = np.random.default_rng(seed).permutation(n)
n_test = n // 10
test, pool = idx[:n_test], idx[n_test:]
with open(out, "w") as f:
    f.write("role,row\n")
    for r in pool[:n_train]:
        f.write(f"train,{r}\n")
    for r in test:
        f.write(f"test,{r}\n")
