#!/usr/bin/env python3
"""k-nearest-neighbours regression as an external Sieve model (kind: command).

usage: knn.py TRAIN.csv TEST.csv PREDICTIONS.csv   (Sieve appends the three paths)
Environment: KNN_K (default 5). Features are standardised on the training rows; the prediction
is the mean target of the k nearest training rows (Euclidean distance). Uses numpy when it is
installed and the standard library otherwise (much slower; fine for small sets).
"""
import csv, math, os, sys

def read(path, with_target):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    if header[0] != "row_id" or (with_target and header[1] != "target"):
        sys.exit(f"{path}: expected columns row_id{',target' if with_target else ''},features...; got {header[:3]}")
    start = 2 if with_target else 1
    ids = [r[0] for r in body]
    targets = [float(r[1]) for r in body] if with_target else None
    features = [[float(v) for v in r[start:]] for r in body]
    return ids, targets, features

def main(train_path, test_path, out_path):
    k = int(os.environ.get("KNN_K", "5"))
    _, y, x = read(train_path, True)
    ids, _, q = read(test_path, False)
    k = min(k, len(y))
    try:
        import numpy as np
        X, Q, Y = np.array(x), np.array(q), np.array(y)
        mu, sd = X.mean(0), X.std(0)
        sd[sd == 0] = 1
        X, Q = (X - mu) / sd, (Q - mu) / sd
        predictions = []
        for start in range(0, len(Q), 512):
            block = Q[start:start + 512]
            d = (block ** 2).sum(1)[:, None] - 2 * block @ X.T + (X ** 2).sum(1)[None, :]
            nearest = np.argpartition(d, k - 1, axis=1)[:, :k]
            predictions.extend(Y[nearest].mean(1).tolist())
    except ImportError:
        p = len(x[0])
        mu = [sum(r[j] for r in x) / len(x) for j in range(p)]
        sd = [math.sqrt(sum((r[j] - mu[j]) ** 2 for r in x) / len(x)) or 1.0 for j in range(p)]
        X = [[(r[j] - mu[j]) / sd[j] for j in range(p)] for r in x]
        predictions = []
        for r in q:
            z = [(r[j] - mu[j]) / sd[j] for j in range(p)]
            d = sorted((sum((a - b) ** 2 for a, b in zip(z, xi)), yi) for xi, yi in zip(X, y))
            predictions.append(sum(t for _, t in d[:k]) / k)
    with open(out_path, "w") as f:
        f.write("row_id,prediction\n")
        for i, v in zip(ids, predictions):
            f.write(f"{i},{v!r}\n")

if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
