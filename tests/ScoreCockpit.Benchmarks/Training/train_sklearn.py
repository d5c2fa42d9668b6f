#!/usr/bin/python3
"""scikit-learn side of TrainingVsSklearnJob: the same CSV exports, HistGradientBoostingClassifier with the
hyperparameters the engine uses (100 trees, 31 leaves, learning rate 0.1, 20 rows per leaf), one JSON line out.

Usage: /usr/bin/python3 train_sklearn.py TRAIN.csv VALID.csv
Runs with Debian's python3-sklearn (apt-get install -y python3-sklearn python3-pandas). The thread count is the
OpenMP default (all cores) unless OMP_NUM_THREADS is set; the C# job runs it both ways.
"""
import json
import os
import resource
import sys
import time

start = time.perf_counter()

import numpy as np  # noqa: E402  (imports are part of the measured total, as the .NET side pays its JIT)
import pandas as pd  # noqa: E402
import sklearn  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402

KEY, TARGET = "id", "target"


def load(path):
    # Categorical columns are read as text so that pandas keeps them as strings (empty field = missing).
    return pd.read_csv(path, dtype={c: "string" for c in CATEGORICALS})


def peak_mb():
    # VmHWM, the peak resident set of this process (numpy/OpenMP native memory included), as the C# side reads it.
    # Not ru_maxrss: Linux carries the parent's peak across fork+exec into it, so it would report the .NET
    # process's peak when that is higher.
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


train_path, valid_path = sys.argv[1], sys.argv[2]
header = pd.read_csv(train_path, nrows=0).columns
CATEGORICALS = [c for c in header if c.startswith("c")]

train = load(train_path)
valid = load(valid_path)
features = [c for c in train.columns if c not in (KEY, TARGET)]

# sklearn 1.2 takes categories as small integer codes (missing = NaN); the levels come from the training rows only,
# so a level unseen in training is "missing" at validation, as the engine treats it as "other".
for c in CATEGORICALS:
    levels = sorted(train[c].dropna().unique())
    for frame in (train, valid):
        codes = pd.Categorical(frame[c], categories=levels).codes.astype("float64")
        codes[codes < 0] = np.nan
        frame[c] = codes

x_train = train[features].astype("float64").to_numpy()
y_train = train[TARGET].to_numpy()
x_valid = valid[features].astype("float64").to_numpy()
y_valid = valid[TARGET].to_numpy()
loaded = time.perf_counter()

model = HistGradientBoostingClassifier(
    max_iter=100,
    max_leaf_nodes=31,
    learning_rate=0.1,
    min_samples_leaf=20,
    early_stopping=False,
    categorical_features=[f in CATEGORICALS for f in features],
    random_state=42,
)
model.fit(x_train, y_train)
fitted = time.perf_counter()

scores = model.predict_proba(x_valid)[:, 1]
auc = roc_auc_score(y_valid, scores)
done = time.perf_counter()

print(json.dumps({
    "sklearn": sklearn.__version__,
    "threads": os.environ.get("OMP_NUM_THREADS", str(os.cpu_count())),
    "train_rows": int(len(y_train)),
    "valid_rows": int(len(y_valid)),
    "features": len(features),
    "load_seconds": round(loaded - start, 3),
    "fit_seconds": round(fitted - loaded, 3),
    "predict_seconds": round(done - fitted, 3),
    "total_seconds": round(done - start, 3),
    "cpu_seconds": round(cpu_seconds(), 3),
    "auc": auc,
    "peak_mb": round(peak_mb(), 1),
}))
