#!/usr/bin/python3
"""scikit-learn side of ScoringJob: fit HistGradientBoostingClassifier (100 trees, 31 leaves, learning rate 0.1,
20 rows per leaf, as the engine's versions) on the training CSV, then score the 1,000,000 rows of the scoring CSV
with predict_proba. One JSON line out.

Usage: /usr/bin/python3 score_sklearn.py TRAIN.csv SCORE.csv
Timed: load_score (read_csv + category coding + float matrix), predict (predict_proba alone) and their sum; the fit
is not part of scoring. The peak resident set is measured from just before loading the scoring file (the fitted
model and imports stay resident, as the engine's process keeps its runtime). Threads: OpenMP default (all cores)
unless OMP_NUM_THREADS is set.
"""
import json
import os
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier

KEY, TARGET = "id", "target"


def status(field):
    # VmHWM / VmRSS of this process, native memory included, as the C# side reads them.
    with open("/proc/self/status") as lines:
        for line in lines:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak():
    # Linux >= 4.0: the peak restarts from the current resident set (as PeakMemory.Reset does on the C# side).
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def load(path, categoricals):
    return pd.read_csv(path, dtype={c: "string" for c in categoricals})


def matrix(frame, features, levels):
    # sklearn 1.2 takes categories as integer codes (missing or unseen = NaN), coded with the training levels.
    for c, known in levels.items():
        codes = pd.Categorical(frame[c], categories=known).codes.astype("float64")
        codes[codes < 0] = np.nan
        frame[c] = codes
    return frame[features].astype("float64").to_numpy()


train_path, score_path = sys.argv[1], sys.argv[2]
categoricals = [c for c in pd.read_csv(train_path, nrows=0).columns if c.startswith("c")]

started = time.perf_counter()
train = load(train_path, categoricals)
features = [c for c in train.columns if c not in (KEY, TARGET)]
levels = {c: sorted(train[c].dropna().unique()) for c in categoricals}
x_train, y_train = matrix(train, features, levels), train[TARGET].to_numpy()
model = HistGradientBoostingClassifier(
    max_iter=100, max_leaf_nodes=31, learning_rate=0.1, min_samples_leaf=20, early_stopping=False,
    categorical_features=[f in categoricals for f in features], random_state=42)
model.fit(x_train, y_train)
fitted = time.perf_counter()
del train, x_train, y_train

baseline = status("VmRSS:")
was_reset = reset_peak()
t0, c0 = time.perf_counter(), time.process_time()
rows = load(score_path, categoricals)
x = matrix(rows, features, levels)
t1, c1 = time.perf_counter(), time.process_time()
p = model.predict_proba(x)[:, 1]
t2, c2 = time.perf_counter(), time.process_time()

print(json.dumps({
    "sklearn": sklearn.__version__,
    "threads": os.environ.get("OMP_NUM_THREADS", str(os.cpu_count())),
    "rows": int(len(p)),
    "mean": round(float(p.mean()), 4),
    "fit_seconds": round(fitted - started, 3),
    "load_seconds": round(t1 - t0, 3),
    "predict_seconds": round(t2 - t1, 3),
    "load_and_predict_seconds": round(t2 - t0, 3),
    "load_cpu_seconds": round(c1 - c0, 3),
    "predict_cpu_seconds": round(c2 - c1, 3),
    "rows_per_second_predict": round(len(p) / (t2 - t1)),
    "baseline_mb": round(baseline, 1),
    "peak_mb": round(status("VmHWM:"), 1),
    "peak_reset": was_reset,
}))
