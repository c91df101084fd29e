"""Python reference for ET-AL (Zhang, Chen, Rondinelli & Chen, Appl. Phys. Rev. 10, 021403, 2023), beside
`sieve-bench etal`: the authors' algorithm (etal_main.py) with scikit-learn's GP machinery, SciPy's
differential entropy and numpy, on the same data, split and representation.

usage: etal_reference.py DATA.csv GROUPS.csv SPLIT.csv MODE MAX_ITERATIONS THREADS EXPORT_DIR [DRAWS.f64]
  MODE seeded: draws from numpy default_rng([7, iteration, row]) (Sieve draws its own);
       shared: row r's draws are row r of DRAWS.f64 (rows x 1000 float64), as Sieve's --draws file;
       replay: shared draws, and the GP hyperparameters Sieve found at each iteration (read from
               EXPORT_DIR/etal-sieve-shared.csv) instead of fitting: isolates everything but the
               optimiser (the marginal likelihood is often flat between output scale and noise,
               so two exact optimisers can stop at different points of equal likelihood).
Representation: StandardScaler then PCA(32) of the Magpie features, fitted on all rows.
Per iteration, as etal_main.py: candidate groups (unlabelled rows left, fewer than 5 iterations in a
row without gain); groups without entropy (fewer than 5 labelled rows) first, by Sieve's warm-up rule
(largest GP posterior variance; with one labelled row the farthest candidate, with none the one
nearest the candidates' centroid); else target = lowest entropy; stop rules "samples run out" and
"no fairness improvement"; exact GP on the target's labelled rows; 1,000 posterior draws of the
latent f per unlabelled row, SciPy's differential_entropy of the group with each draw added
(vectorised over the draws, as the authors do), EI of mean/std over the incumbent; acquire the argmax.
GP, as Sieve's: ConstantKernel(s) * RBF(l) + WhiteKernel(noise) (kernel values and gradients from
scikit-learn) on y - c, the constant c profiled out (c* = 1'K^-1 y / 1'K^-1 1), the log marginal
likelihood maximised by SciPy's L-BFGS-B over log(s, l, noise) in Sieve's bounds from Sieve's three
starts (the first only above 300 rows); posterior from GaussianProcessRegressor(optimizer=None).
(The authors train GPyTorch with Adam for 100 steps; the issue asks for the exact optimum.)
Writes EXPORT_DIR/etal-python-MODE.csv (iteration,row,group,ei) and, when Sieve's
EXPORT_DIR/etal-sieve-MODE.csv exists, compares the acquisition orders.
"""
import math, os, sys, time
import numpy as np
import pandas as pd
import scipy
from scipy.linalg import cho_solve, cholesky
from scipy.optimize import minimize
from scipy.spatial.distance import pdist
from scipy.stats import differential_entropy, norm
from sklearn.decomposition import PCA
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, RBF, WhiteKernel
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits
import warnings

warnings.filterwarnings("ignore")
data, groups_path, split, mode, max_iter, threads, export = sys.argv[1:8]
max_iter, threads = int(max_iter), int(threads)
draw_table, replay = None, None
if mode in ("shared", "replay"):
    draw_table = np.fromfile(sys.argv[8], dtype="<f8")
if mode == "replay":
    replay = pd.read_csv(f"{export}/etal-sieve-shared.csv")
df = pd.read_csv(data)
labels = df.target.to_numpy(np.float64)
features = df.iloc[:, 2:].to_numpy(np.float32).astype(np.float64)
row_group = pd.read_csv(groups_path).crystal_system.to_numpy()
roles = pd.read_csv(split)
labelled = list(np.sort(roles[roles.role == "labelled"].row.to_numpy()))
pool = np.sort(roles[roles.role == "pool"].row.to_numpy())
if draw_table is not None:
    draw_table = draw_table.reshape(len(labels), -1)
DRAWS, PATIENCE = 1000, 5


def gp_fit(X, y, warm):
    n = len(y)
    v = float(np.var(y)) or 1.0
    r = float(np.median(pdist(X[:256]))) if n > 1 else 1.0
    r = r if r > 0 else 1.0
    bounds = [(math.log(1e-4 * v), math.log(1e4 * v)), (math.log(1e-3 * r), math.log(1e3 * r)),
              (math.log(1e-6 * v), math.log(10 * v))]
    ones = np.ones(n)

    def objective(theta):
        k = ConstantKernel() * RBF() + WhiteKernel()
        K, dK = k.clone_with_theta(theta)(X, eval_gradient=True)
        try:
            L = cholesky(K, lower=True)
        except np.linalg.LinAlgError:
            return np.inf, np.zeros(3)
        a, b = cho_solve((L, True), y), cho_solve((L, True), ones)
        c = a.sum() / b.sum()
        alpha = a - c * b
        lml = -0.5 * (y - c) @ alpha - np.log(np.diag(L)).sum() - 0.5 * n * math.log(2 * math.pi)
        inner = np.outer(alpha, alpha) - cho_solve((L, True), np.eye(n))
        grad = 0.5 * np.einsum("ij,jik->k", inner, dK)
        return -lml, -grad

    starts = [[math.log(v), math.log(r), math.log(0.1 * v)], [math.log(v), math.log(r / 4), math.log(0.01 * v)],
              [math.log(v), math.log(4 * r), math.log(0.5 * v)]][: 3 if n <= 300 else 1]
    if warm is not None:
        starts.append([min(max(w, lo), hi) for w, (lo, hi) in zip(np.log(warm), bounds)])
    best = None
    for s in starts:
        res = minimize(objective, np.array(s), jac=True, method="L-BFGS-B", bounds=bounds)
        if np.isfinite(res.fun) and (best is None or res.fun < best.fun):
            best = res
    s, l, noise = np.exp(best.x)
    K = s * np.exp(-0.5 * squareform_sq(X) / l ** 2) + noise * np.eye(n)
    L = cholesky(K, lower=True)
    c = cho_solve((L, True), y).sum() / cho_solve((L, True), ones).sum()
    return c, s, l, noise


def fitted(it, target, X, y):
    """The GP's hyperparameters at iteration `it`: Sieve's (replay mode) or our own fit."""
    if replay is not None and it < len(replay) and replay.group[it] == target and not math.isnan(replay.outputscale[it]):
        r = replay.iloc[it]
        return r.constant, r.outputscale, r.lengthscale, r.noise
    return gp_fit(X, y, None)


def squareform_sq(X):
    from scipy.spatial.distance import squareform
    return squareform(pdist(X, "sqeuclidean"))


def run():
    X = PCA(n_components=32).fit_transform(StandardScaler().fit_transform(features))
    groups = sorted(set(row_group[labelled]) | set(row_group[pool]), key=lambda g: g.encode())
    lab = list(labelled)
    unlabelled = set(pool.tolist())
    entropy = {g: float(differential_entropy(labels[[r for r in lab if row_group[r] == g]])) for g in groups}
    no_gain = {g: 0 for g in groups}
    order, first_iteration, stop = [], None, "budget"
    global slowest
    for it in range(max_iter):
        start = time.perf_counter()
        open_groups = {row_group[r] for r in unlabelled}
        candidates = [g for g in groups if g in open_groups and no_gain[g] < PATIENCE]
        if not candidates:
            stop = "candidates exhausted"; break
        undefined = [g for g in candidates if math.isnan(entropy[g])]
        if undefined:  # warm-up, as Sieve's default ("fill first")
            counts = [sum(row_group[r] == g for r in lab) for g in undefined]
            target = undefined[int(np.argmin(counts))]
            rows_l = sorted(r for r in lab if row_group[r] == target)
            rows_u = sorted(r for r in unlabelled if row_group[r] == target)
            if len(rows_l) >= 2:
                y = labels[rows_l]
                c, s, l, noise = fitted(it, target, X[rows_l], y)
                k = ConstantKernel(s, "fixed") * RBF(l, "fixed") + WhiteKernel(noise, "fixed")
                _, std = GaussianProcessRegressor(k, alpha=0.0, optimizer=None).fit(X[rows_l], y - c).predict(X[rows_u], return_std=True)
                u = rows_u[int(np.argmax(np.maximum(std ** 2 - noise, 0)))]
            elif len(rows_l) == 1:
                u = rows_u[int(np.argmax(((X[rows_u] - X[rows_l[0]]) ** 2).sum(axis=1)))]
            else:
                u = rows_u[int(np.argmin(((X[rows_u] - X[rows_u].mean(axis=0)) ** 2).sum(axis=1)))]
            lab.append(u)
            unlabelled.discard(u)
            entropy[target] = float(differential_entropy(labels[[r for r in lab if row_group[r] == target]]))
            order.append((it, u, target, float("nan"), (c, s, l, noise) if len(rows_l) >= 2 else (math.nan,) * 4))
            slowest = max(slowest, time.perf_counter() - start)
            if first_iteration is None:
                first_iteration = time.perf_counter() - start
            continue
        target = min(candidates, key=lambda g: entropy[g])
        h_cur = entropy[target]
        if len(candidates) == 1 and h_cur >= max(h for h in entropy.values() if not math.isnan(h)):
            stop = "no fairness gain"; break
        rows_l = sorted(r for r in lab if row_group[r] == target)
        rows_u = sorted(r for r in unlabelled if row_group[r] == target)
        y = labels[rows_l]
        c, s, l, noise = fitted(it, target, X[rows_l], y)
        k = ConstantKernel(s, "fixed") * RBF(l, "fixed") + WhiteKernel(noise, "fixed")
        gpr = GaussianProcessRegressor(k, alpha=0.0, optimizer=None).fit(X[rows_l], y - c)
        mean, std = gpr.predict(X[rows_u], return_std=True)
        mean = mean + c
        sd = np.sqrt(np.maximum(std ** 2 - noise, 0))
        acq = np.empty(len(rows_u))
        tiled = np.tile(y, (DRAWS, 1))
        for j, u in enumerate(rows_u):
            z = draw_table[u, :DRAWS] if draw_table is not None else np.random.default_rng([7, it, u]).standard_normal(DRAWS)
            h_new = differential_entropy(np.concatenate((tiled, (mean[j] + sd[j] * z)[:, None]), axis=1), axis=1)
            mu, sigma = np.mean(h_new), np.std(h_new)
            zs = (mu - h_cur) / (sigma + 1e-9)
            acq[j] = (mu - h_cur) * norm.cdf(zs) + sigma * norm.pdf(zs)
        best = int(np.argmax(np.where(np.isnan(acq), -np.inf, acq)))
        u = rows_u[best]
        lab.append(u)
        unlabelled.discard(u)
        new = float(differential_entropy(labels[[r for r in lab if row_group[r] == target]]))
        no_gain[target] = 0 if new > h_cur else no_gain[target] + 1
        entropy[target] = new
        order.append((it, u, target, float(acq[best]), (c, s, l, noise)))
        slowest = max(slowest, time.perf_counter() - start)
        if first_iteration is None:
            first_iteration = time.perf_counter() - start
    return order, first_iteration, stop


slowest = 0.0
with threadpool_limits(threads):
    t0 = time.perf_counter()
    order, first, stop = run()
    total = time.perf_counter() - t0
os.makedirs(export, exist_ok=True)
with open(f"{export}/etal-python-{mode}.csv", "w") as f:
    f.write("iteration,row,group,ei,constant,outputscale,lengthscale,noise\n")
    for it, u, g, e, h in order:
        f.write(f"{it},{u},{g},{e!r}," + ",".join(repr(float(x)) for x in h) + "\n")
agreement = ""
sieve_path = f"{export}/etal-sieve-{'shared' if mode == 'replay' else mode}.csv"
if os.path.exists(sieve_path):
    theirs = pd.read_csv(sieve_path).row.tolist()
    ours = [u for _, u, _, _, _ in order]
    prefix = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    same = sum(a == b for a, b in zip(ours, theirs)) / max(1, min(len(ours), len(theirs)))
    jaccard = len(set(ours) & set(theirs)) / max(1, len(set(ours) | set(theirs)))
    theirs_ei = pd.read_csv(sieve_path).ei.to_numpy()
    diffs = [abs(e - te) / max(abs(te), 1e-300) for (_, _, _, e, _), te in list(zip(order, theirs_ei))[:prefix]
             if np.isfinite(e) and np.isfinite(te)]
    agreement = f" ei_max_rel_diff_in_prefix={max(diffs) if diffs else float('nan'):.1e} same_prefix={prefix} same_position={same:.3f} jaccard={jaccard:.3f} sieve_iterations={len(theirs)}"
print(f"python etal mode={mode} scipy={scipy.__version__} labelled={len(labelled)} pool={len(pool)} threads={threads} "
      f"iterations={len(order)} stop={stop.replace(' ', '_')} one_iteration_s={first or 0:.3f} campaign_s={total:.2f} "
      f"per_iteration_s={total / max(1, len(order)):.3f} slowest_iteration_s={slowest:.3f}{agreement}")
