"""Python reference for one active-learning iteration, beside `sieve-bench al`.

usage: al_reference.py DATA.csv SPLIT.csv STRATEGY THREADS EXPORT_DIR [LABELLED_FRACTION]
Same protocol as Sieve's benchmark: the split's train rows are the pool, its first LABELLED_FRACTION
(0.1) are labelled. Times one iteration: fitting the paper's random forest (scikit-learn) and
XGBoost (xgboost 1.7.4), plus the strategy's scoring of every unlabelled row:
  random          uniform scores
  qbc             |rf − xgb| predictions
  rf_uncertainty  95th − 5th percentile of the trees' predictions
  xgb_uncertainty IBUG (Brophy & Lowd, NeurIPS 2022) in numpy/scipy over xgboost's leaf indices:
                  affinity = number of trees sharing a leaf; score = std of the targets of the
                  k = 100 training rows of highest affinity (ties to the earlier row)
Then checks Sieve's scores (EXPORT_DIR/<strategy>-scores.csv) against the reference on the same
fitted model: for IBUG, Python's own XGBoost model (deterministic settings give the same trees);
for rf_uncertainty and qbc, the member predictions Sieve exported. Prints a Spearman rank correlation.
"""
import sys, time
import numpy as np, pandas as pd
from scipy import sparse
from scipy.stats import spearmanr

data, split, strategy, threads, export = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
fraction = float(sys.argv[6]) if len(sys.argv) > 6 else 0.1
df = pd.read_csv(data)
X = df.iloc[:, 2:].to_numpy(np.float32); y = df["target"].to_numpy(np.float64)
roles = pd.read_csv(split)
pool = roles[roles.role == "train"].row.to_numpy()
n_lab = int(len(pool) * fraction)
lab, unl = np.sort(pool[:n_lab]), pool[n_lab:]

import xgboost as xgb
from sklearn.ensemble import RandomForestRegressor

def ibug_scores(train_leaves, query_leaves, targets, k=100, chunk=2000):
    n, trees = train_leaves.shape
    offsets = np.concatenate([[0], np.cumsum(train_leaves.max(0) + 1)])[:-1]
    t = sparse.csr_matrix((np.ones(n * trees), (np.repeat(np.arange(n), trees), (train_leaves + offsets).ravel())))
    out = np.empty(len(query_leaves))
    width = t.shape[1]
    for s in range(0, len(query_leaves), chunk):
        q = query_leaves[s:s + chunk] + offsets
        valid = q < (offsets + train_leaves.max(0) + 1)
        rows = np.repeat(np.arange(len(q)), trees)[valid.ravel()]
        qm = sparse.csr_matrix((np.ones(len(rows)), (rows, q.ravel()[valid.ravel()])), shape=(len(q), width))
        affinity = (qm @ t.T).toarray()
        # Highest affinity first, ties to the earlier training row: sort by (-affinity, row).
        order = np.lexsort((np.broadcast_to(np.arange(n), affinity.shape), -affinity), axis=1)[:, :k]
        out[s:s + chunk] = targets[order].std(axis=1)
    return out

start = time.perf_counter()
rf = RandomForestRegressor(n_estimators=100, max_features=1/3, n_jobs=threads, random_state=0).fit(X[lab], y[lab])
booster = xgb.XGBRegressor(n_estimators=1000, learning_rate=0.25, reg_lambda=0.01, reg_alpha=0.1, subsample=0.85,
                           colsample_bytree=0.3, colsample_bylevel=0.5, num_parallel_tree=4, tree_method="hist",
                           n_jobs=threads, random_state=0).fit(X[lab], y[lab])
evaluated = time.perf_counter() - start
scoring_start = time.perf_counter()
if strategy == "random":
    scores = np.random.default_rng(1).random(len(unl))
elif strategy == "qbc":
    scores = np.abs(rf.predict(X[unl]) - booster.predict(X[unl]))
elif strategy == "rf_uncertainty":
    per_tree = np.stack([t.predict(X[unl]) for t in rf.estimators_], axis=1)
    scores = np.percentile(per_tree, 95, axis=1) - np.percentile(per_tree, 5, axis=1)
else:
    one = xgb.XGBRegressor(n_estimators=1000, learning_rate=0.25, reg_lambda=0.01, reg_alpha=0.0, tree_method="hist",
                           n_jobs=threads, random_state=0).fit(X[lab], y[lab])
    b = one.get_booster()
    tl = b.predict(xgb.DMatrix(X[lab]), pred_leaf=True).astype(np.int64)
    ql = b.predict(xgb.DMatrix(X[unl]), pred_leaf=True).astype(np.int64)
    scores = ibug_scores(tl, ql, y[lab])
batch = np.argsort(-scores, kind="stable")[: len(pool) // 100]
scoring = time.perf_counter() - scoring_start

# Agreement with Sieve on the same fitted model.
agreement = ""
sieve = pd.read_csv(f"{export}/{strategy}-scores.csv").set_index("row").score
if strategy == "xgb_uncertainty":
    ref = pd.Series(scores, index=unl)
    agreement = f" spearman={spearmanr(sieve.loc[unl], ref.loc[unl]).statistic:.4f}"
elif strategy in ("rf_uncertainty", "qbc"):
    members = pd.read_csv(f"{export}/{strategy}-members.csv").set_index("row")
    m = members.to_numpy()
    ref = (np.percentile(m, 95, axis=1) - np.percentile(m, 5, axis=1)) if strategy == "rf_uncertainty" else np.abs(m[:, 0] - m[:, 1])
    agreement = f" spearman={spearmanr(sieve.loc[members.index], ref).statistic:.4f}"
print(f"python al strategy={strategy} labelled={len(lab)} unlabelled={len(unl)} threads={threads} "
      f"iteration_s={evaluated + scoring:.2f} evaluate_fits_s={evaluated:.2f} scoring_s={scoring:.2f}{agreement}")
