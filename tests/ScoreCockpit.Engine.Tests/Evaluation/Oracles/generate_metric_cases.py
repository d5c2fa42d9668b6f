"""Extra oracle cases for Metrics.Compute, DeLong and the decile table, computed independently of the C# code.

Conventions are those of metrics.json beside this script (the project's scikit-learn reference values). AUC, ROC (for KS) and Brier come from scikit-learn;
Brier is the plain mean (sklearn cross-checks it); lift, capture and deciles use a per-row inclusion weight (a different formulation from the C# group walk);
DeLong variances use the plain O(positives x negatives) kernel of DeLong et al. (1988).

Run with Debian's Python (the one with scikit-learn):
    /usr/bin/python3 generate_metric_cases.py > extra_metric_cases.json
"""
import json
import sys

import numpy as np
from sklearn.metrics import brier_score_loss, roc_auc_score, roc_curve

CUTOFFS = [1, 2.5, 5, 10, 20, 33.3, 100]


def top_weights(score, take):
    """Expected share of each row inside the top `take` rows under random tie-breaking."""
    above = np.array([(score > s).sum() for s in score]) if len(score) < 3000 else rows_above(score)
    tied = np.array([(score == s).sum() for s in score]) if len(score) < 3000 else tie_counts(score)
    return np.clip((take - above) / tied, 0.0, 1.0)


def rows_above(score):
    ordered = np.sort(score)
    return len(score) - np.searchsorted(ordered, score, side="right")


def tie_counts(score):
    ordered = np.sort(score)
    return np.searchsorted(ordered, score, side="right") - np.searchsorted(ordered, score, side="left")


def cut_name(k):
    return str(int(k)) if float(k).is_integer() else str(k)


def delong(score, label):
    pos, neg = score[label == 1], score[label == 0]
    psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    v10, v01 = psi.mean(axis=1), psi.mean(axis=0)
    return psi.mean(), v10, v01


def sample_var(x):
    return float(np.var(x, ddof=1)) if len(x) > 1 else 0.0


def expected(score, label):
    n, positives = len(score), int(label.sum())
    two = 0 < positives < n
    out = {"rows": n, "positives": positives, "base_rate": positives / n}
    out["auc"] = float(roc_auc_score(label, score)) if two else None
    out["gini"] = 2 * out["auc"] - 1 if two else None
    if two:
        fpr, tpr, _ = roc_curve(label, score)
        out["ks"] = float(np.max(tpr - fpr))
    else:
        out["ks"] = None
    for k in CUTOFFS:
        take = k / 100 * n
        caught = float((top_weights(score, take) * label).sum())
        out[f"lift_{cut_name(k)}"] = caught / take / (positives / n) if positives else None
        out[f"capture_{cut_name(k)}"] = caught / positives if positives else None
    # The convention scores Brier "on the score as given", so scikit-learn (which refuses scores outside [0, 1])
    # only serves as a cross-check where it applies.
    out["brier"] = float(np.mean((score - label) ** 2))
    if 0 <= score.min() and score.max() <= 1 and two:
        assert abs(out["brier"] - brier_score_loss(label, score)) < 1e-12
    p = np.clip(score, 1e-15, 1 - 1e-15)
    out["log_loss"] = float(np.mean(-label * np.log(p) - (1 - label) * np.log(1 - p)))
    deciles, previous_take, previous_caught = [], 0.0, 0.0
    for d in range(1, 11):
        take = d * 10 / 100 * n
        caught = float((top_weights(score, take) * label).sum())
        rows, inside = take - previous_take, caught - previous_caught
        rate = inside / rows
        deciles.append({"decile": d, "rows": rows, "positives": inside, "response_rate": rate,
                        "cumulative_capture": caught / positives if positives else None,
                        "lift": rate / (positives / n) if positives else None})
        previous_take, previous_caught = take, caught
    out["deciles"] = deciles
    if two and n <= 3000:
        auc, v10, v01 = delong(score, label)
        out["delong_variance"] = sample_var(v10) / positives + sample_var(v01) / (n - positives)
    return out


def pair(score_a, score_b, label):
    auc_a, a10, a01 = delong(score_a, label)
    auc_b, b10, b01 = delong(score_b, label)
    m, n = len(a10), len(a01)
    variance = sample_var(a10 - b10) / m + sample_var(a01 - b01) / n
    return {"difference": auc_a - auc_b, "variance": variance}


def case(name, score, label, score_b=None):
    score, label = np.asarray(score, dtype=float), np.asarray(label, dtype=int)
    item = {"name": name, "cutoffs": CUTOFFS, "label": label.tolist(), "score": score.tolist(),
            "expected": expected(score, label)}
    if score_b is not None:
        item["score_b"] = np.asarray(score_b, dtype=float).tolist()
        item["expected_pair"] = pair(score, np.asarray(score_b, dtype=float), label)
    return item


def main():
    rng = np.random.default_rng(20261125)
    cases = [
        case("single_positive_row", [0.7], [1]),
        case("single_negative_row", [0.7], [0]),
        case("three_rows", [0.3, 0.3, 0.9], [1, 0, 0]),
        case("all_positive", [0.2, 0.9, 0.4, 0.4], [1, 1, 1, 1]),
        case("all_negative_ties", [0.5] * 7, [0] * 7),
        case("seven_rows_ties", [0.1, 0.5, 0.5, 0.5, 0.9, 0.9, 0.2], [0, 1, 0, 1, 1, 0, 0]),
        case("scores_outside_unit_interval", [-2.0, 0.0, 1.5, 3.0, -0.0, 0.0], [0, 1, 1, 1, 0, 0]),
    ]
    for i, n in enumerate([13, 99, 101, 333, 777, 1001, 2500, 4999]):
        base = rng.uniform(0.01, 0.6)
        label = (rng.random(n) < base).astype(int)
        signal = rng.uniform(0, 2.5)
        raw = 1 / (1 + np.exp(-(rng.normal(0, 1, n) + signal * label - 1)))
        digits = [1, 2, 3, 6][i % 4]  # few digits = heavy ties
        score = np.round(raw, digits)
        other = np.round(1 / (1 + np.exp(-(rng.normal(0, 1, n) + 0.7 * signal * label - 1))), digits)
        cases.append(case(f"random_{n}_digits_{digits}", score, label, other if n <= 3000 else None))
    heavy = rng.integers(0, 4, 1234) / 4.0
    cases.append(case("four_distinct_scores", heavy, (rng.random(1234) < 0.2 + 0.5 * heavy).astype(int)))
    rare = rng.random(3000)
    cases.append(case("rare_positives", rare, (rng.random(3000) < 0.004 + 0.01 * rare).astype(int)))
    same = rng.random(200)
    same_label = (rng.random(200) < same).astype(int)
    cases.append(case("model_against_itself", same, same_label, same))
    json.dump({"generator": "generate_metric_cases.py", "cases": cases}, sys.stdout)


if __name__ == "__main__":
    main()
