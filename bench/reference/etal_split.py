"""The ET-AL benchmark's biased split, and a table of standard-normal draws both sides can share.

usage: etal_split.py DATA.csv GROUPS.csv N_LABELLED N_POOL OUT.csv [DRAWS.f64]
As the authors' etal_main.py (Zhang et al., Appl. Phys. Rev. 10, 021403, 2023), scaled to the data:
numpy default_rng(42); a random 10 % test set is set aside (role "test"); from the rest, the pool
(rows ET-AL may acquire; role "pool") is deliberately biased: the unstable (E_f > 0) tetragonal,
stable (E_f < 0) orthorhombic and unstable trigonal rows, shuffled, then the other rows, shuffled,
first N_POOL of that order; the labelled rows (role "labelled") are N_LABELLED random rows among
the others (never a biased row, so the bias stays). DRAWS.f64, if named: default_rng(7)'s
standard normals, rows x 1000, float64 little-endian, row r for data row r (common random numbers).
"""
import sys
import numpy as np
import pandas as pd

data, groups, n_labelled, n_pool, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
y = pd.read_csv(data, usecols=["target"]).target.to_numpy()
system = pd.read_csv(groups).crystal_system.to_numpy()
n = len(y)
rng = np.random.default_rng(42)
order = rng.permutation(n)
test, rest = order[: n // 10], order[n // 10:]
biased_mask = (((system == "tetragonal") & (y > 0)) | ((system == "orthorhombic") & (y < 0))
               | ((system == "trigonal") & (y > 0)))
biased = rng.permutation(rest[biased_mask[rest]])
others = rng.permutation(rest[~biased_mask[rest]])
pool = np.concatenate([biased, others])[:n_pool]
free = np.setdiff1d(others, pool)
labelled = rng.permutation(free)[:n_labelled]
with open(out, "w") as f:
    f.write("role,row\n")
    for role, rows in (("labelled", np.sort(labelled)), ("pool", np.sort(pool)), ("test", np.sort(test))):
        for r in rows:
            f.write(f"{role},{r}\n")
print(f"labelled {len(labelled)}, pool {len(pool)} ({min(len(biased), n_pool)} biased), test {len(test)}")
if len(sys.argv) > 6:
    np.random.default_rng(7).standard_normal((n, 1000)).astype("<f8").tofile(sys.argv[6])
