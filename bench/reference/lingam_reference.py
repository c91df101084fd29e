"""lingam 1.13.0's DirectLiNGAM on the rows `sieve-bench lingam` used, timed, and compared with Sieve's graph.

usage: lingam_reference.py DATA ROWS THREADS EXPORT [REPEATS]
  DATA     the QM9 descriptor CSV (scripts/prepare_qm9.py)
  ROWS     0 for all rows, else m rows i*n//m (i < m), as sieve-bench lingam --rows m
  THREADS  BLAS/OpenMP threads for numpy (lingam's pwling loop itself is single-threaded Python)
  EXPORT   folder holding Sieve's lingam_<ROWS>.json
Prints one key=value line: fit_s (wall, best of REPEATS), fit_cpu_s (process CPU time), order, order_equal (1 when Sieve's causal order
is the same), max_abs_dB (largest |B_sieve - B_lingam|).
Pinned: lingam==1.13.0, scikit-learn==1.9.1, numpy==2.2.6 (bench/requirements.txt).
"""
import json, os, sys, time

THREADS = sys.argv[3]
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = THREADS

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import lingam  # noqa: E402
from lingam.utils import make_prior_knowledge  # noqa: E402

COLUMNS = ["ExactMolWt", "HeavyAtomMolWt", "NumValenceElectrons", "NumSaturatedRings", "NOCount",
           "NumHDonors", "NumAliphaticRings", "NumHeteroatoms", "NumSaturatedCarbocycles", "dipole"]


def main():
    data, rows, export = sys.argv[1], int(sys.argv[2]), sys.argv[4]
    repeats = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    assert lingam.__version__ == "1.13.0", lingam.__version__
    X = pd.read_csv(data)[COLUMNS].to_numpy(dtype=np.float64)
    if rows:
        X = X[[i * len(X) // rows for i in range(rows)]]
    best, best_cpu, model = float("inf"), float("inf"), None
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        model = lingam.DirectLiNGAM(prior_knowledge=make_prior_knowledge(X.shape[1], sink_variables=[X.shape[1] - 1])).fit(X)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    with open(os.path.join(export, f"lingam_{rows}.json")) as f:
        sieve = json.load(f)
    order = [int(v) for v in model.causal_order_]
    diff = float(np.max(np.abs(np.array(sieve["adjacency"]) - model.adjacency_matrix_)))
    print(f"python lingam rows={len(X)} fit_s={best:.4f} fit_cpu_s={best_cpu:.4f} order={'-'.join(map(str, order))} "
          f"order_equal={int(order == sieve['order'])} max_abs_dB={diff:.2e}")


if __name__ == "__main__":
    main()
