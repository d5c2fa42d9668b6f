"""The metric set of `scorecockpit evaluate-file`, computed the usual Python way, for the benchmark.

Reads the CSV with pandas (its C parser; numpy.loadtxt/genfromtxt are several times slower, which would be
unfair to Python), then scikit-learn for AUC and the ROC curve (KS), numpy for the rest, following the
conventions of the scikit-learn oracle, tests/ScoreCockpit.Engine.Tests/Evaluation/Oracles/metrics.json (ties at a cut shared pro rata). Prints the same JSON keys.

    /usr/bin/python3 metrics_sklearn.py FILE.csv [--cutoffs 1,5,10,20]
"""
import json
import sys

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score, roc_curve


def positives_in_top(cum_rows, cum_pos, rows, pos, take):
    """Expected positives in the top `take` rows: whole tie groups above the cut, the cut group pro rata."""
    g = int(np.searchsorted(cum_rows, take, side="left"))
    if g >= len(rows):
        return float(cum_pos[-1])
    above_rows = cum_rows[g - 1] if g > 0 else 0
    above_pos = cum_pos[g - 1] if g > 0 else 0
    return float(above_pos + pos[g] * (take - above_rows) / rows[g])


def main():
    path = sys.argv[1]
    cutoffs = [float(c) for c in (sys.argv[3] if len(sys.argv) > 3 else "1,5,10,20").split(",")]
    frame = pd.read_csv(path, dtype={"label": np.int8, "score": np.float64}, engine="c")
    y, p = frame["label"].to_numpy(), frame["score"].to_numpy()
    n, positives = len(y), int(y.sum())
    two = 0 < positives < n
    out = {"rows": n, "positives": positives, "base_rate": positives / n}
    out["auc"] = float(roc_auc_score(y, p)) if two else None
    out["gini"] = 2 * out["auc"] - 1 if two else None
    if two:
        fpr, tpr, _ = roc_curve(y, p)
        out["ks"] = float(np.max(tpr - fpr))
    else:
        out["ks"] = None

    order = np.argsort(-p, kind="stable")
    sorted_scores, sorted_labels = p[order], y[order]
    starts = np.flatnonzero(np.r_[True, sorted_scores[1:] != sorted_scores[:-1]])
    rows = np.diff(np.r_[starts, n])
    pos = np.add.reduceat(sorted_labels.astype(np.int64), starts)
    cum_rows, cum_pos = np.cumsum(rows), np.cumsum(pos)
    for k in cutoffs:
        name = str(int(k)) if k.is_integer() else str(k)
        take = k / 100 * n
        caught = positives_in_top(cum_rows, cum_pos, rows, pos, take)
        out[f"lift_{name}"] = caught / take / (positives / n) if positives else None
        out[f"capture_{name}"] = caught / positives if positives else None
    out["brier"] = float(np.mean((p - y) ** 2))
    clipped = np.clip(p, 1e-15, 1 - 1e-15)
    out["log_loss"] = float(np.mean(-y * np.log(clipped) - (1 - y) * np.log(1 - clipped)))
    deciles, previous_take, previous_caught = [], 0.0, 0.0
    for d in range(1, 11):
        take = d / 10 * n
        caught = positives_in_top(cum_rows, cum_pos, rows, pos, take)
        size, inside = take - previous_take, caught - previous_caught
        deciles.append({"decile": d, "rows": size, "positives": inside, "response_rate": inside / size,
                        "cumulative_capture": caught / positives if positives else None,
                        "lift": inside / size / (positives / n) if positives else None})
        previous_take, previous_caught = take, caught
    out["deciles"] = deciles
    json.dump(out, sys.stdout, indent=2)


if __name__ == "__main__":
    main()
