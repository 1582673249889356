"""Change-point detection on the Turing Change Point Dataset (TCPD): F1 (margin 5) and covering.

Why: lull's observed evidence marks where a series changes regime with
``lull.analyse.lulls.change_points`` (Pelt, L2 cost, penalty 2 sigma^2 ln n
with sigma the MAD noise scale of first differences). TCPD's 32 public series
with five human annotators each are the standard test of such a detector.

Metrics exactly as the dataset README (van den Burg & Williams 2020) defines
them: index 0 is added to every annotator's set and to the prediction; F1
with margin 5 (precision against the union of annotators, recall the mean
over annotators, each prediction matched once, closest first); covering is
the mean over annotators of the size-weighted best Jaccard overlap. Scores
are averaged over series (the paper's "default" experiment).

Anchors in the same run on the same series:
* zero: no change point at all (strong on TCPD);
* binseg / pelt: ruptures' Binseg and Pelt, L2 cost, on the z-scored series with
  penalty 3 ln n (R changepoint's MBIC-like default that TCPDBench used);
  Binseg capped at 5 change points like R's default Q.
Missing values (uk_coal_employ) are carried forward. The multivariate run_log
series is scored like the others.

Run: ``.venv/bin/python benchmarks/bench_tcpd.py`` (seconds).
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from _common import Row, benchmark_data, emit, load_function, missing_data_note, progress

FOLDER = "changepoint-tcpd"
DATA = "TCPD, 32 public series, 5 annotators each"
MARGIN = 5


def true_positives(truth: set[int], predicted: set[int], margin: int = MARGIN) -> set[int]:
    """TCPD's matching: each true point takes the closest unused prediction within the margin."""
    found: set[int] = set()
    left = set(predicted)
    for t in sorted(truth):
        close = [x for x in left if abs(t - x) <= margin]
        if close:
            best = min(close, key=lambda x: (abs(t - x), x))
            left.discard(best)
            found.add(t)
    return found


def f_measure(annotations: Mapping[str, Sequence[int]], predictions: Sequence[int], margin: int = MARGIN) -> float:
    truth = {k: set(v) | {0} for k, v in annotations.items()}
    predicted = set(predictions) | {0}
    union = set().union(*truth.values())
    precision = len(true_positives(union, predicted, margin)) / len(predicted)
    recall = sum(len(true_positives(t, predicted, margin)) / len(t) for t in truth.values()) / len(truth)
    return 0.0 if precision + recall == 0 else precision * recall / (0.5 * precision + 0.5 * recall)


def _partition(points: Sequence[int], n: int) -> list[set[int]]:
    cuts = sorted({0, *[p for p in points if 0 < p < n], n})
    return [set(range(a, b)) for a, b in zip(cuts, cuts[1:])]


def covering(annotations: Mapping[str, Sequence[int]], predictions: Sequence[int], n: int) -> float:
    predicted = _partition(predictions, n)
    scores = []
    for points in annotations.values():
        total = 0.0
        for region in _partition(points, n):
            total += len(region) * max(len(region & p) / len(region | p) for p in predicted)
        scores.append(total / n)
    return sum(scores) / len(scores)


def load_series(folder) -> dict[str, np.ndarray]:
    series = {}
    for path in sorted((folder / "datasets").glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        columns = []
        for column in record["series"]:
            values = [np.nan if v is None else float(v) for v in column["raw"]]
            filled = []
            for v in values:
                filled.append(filled[-1] if math.isnan(v) and filled else (0.0 if math.isnan(v) else v))
            columns.append(filled)
        series[record["name"]] = np.asarray(columns, dtype=float).T
    return series


def ruptures_anchor(kind: str) -> Callable[[np.ndarray], list[int]]:
    import ruptures

    def detect(x: np.ndarray) -> list[int]:
        z = (x - x.mean(axis=0)) / np.where(x.std(axis=0) > 0, x.std(axis=0), 1)
        penalty = 3 * math.log(len(z)) * z.shape[1]
        if kind == "pelt":
            ends = ruptures.Pelt(model="l2", min_size=2, jump=1).fit(z).predict(pen=penalty)
        else:
            algo = ruptures.Binseg(model="l2", min_size=2, jump=1).fit(z)
            ends = algo.predict(pen=penalty)
            if len(ends) - 1 > 5:
                ends = algo.predict(n_bkps=5)
        return [int(e) for e in ends[:-1]]

    return detect


def main() -> None:
    folder = benchmark_data(FOLDER)
    if folder is None:
        for metric in ("F1 (margin 5)", "covering"):
            emit(Row("change points", DATA, metric, None, notes=missing_data_note(FOLDER), status="skipped"))
        return
    ours = load_function("lull.analyse.lulls", "change_points")
    if isinstance(ours, str):
        for metric in ("F1 (margin 5)", "covering"):
            emit(Row("change points", DATA, metric, None, notes=ours, status="skipped"))
        return
    annotations = json.loads((folder / "annotations.json").read_text(encoding="utf-8"))
    series = load_series(folder)
    methods: dict[str, Callable[[np.ndarray], list[int]]] = {
        "ours": lambda x: ours(x), "zero": lambda x: [], "binseg": ruptures_anchor("binseg"),
        "pelt": ruptures_anchor("pelt"),
    }
    f1: dict[str, list[float]] = {name: [] for name in methods}
    cover: dict[str, list[float]] = {name: [] for name in methods}
    for name, x in series.items():
        gold = annotations[name]
        for method, detect in methods.items():
            predicted = detect(x)
            f1[method].append(f_measure(gold, predicted))
            cover[method].append(covering(gold, predicted, len(x)))
        progress(f"{name}: n={len(x)} ours F1 {f1['ours'][-1]:.3f} zero {f1['zero'][-1]:.3f}")
    mean = lambda values: sum(values) / len(values)  # noqa: E731
    note = ("ours = lull.analyse.lulls.change_points (Pelt, L2, pen 2 sigma^2 ln n, sigma from MAD of differences); "
            "binseg/pelt = ruptures L2 on z-scored series, pen 3 ln n (binseg <= 5 cps); mean over series")
    for metric, scores in (("F1 (margin 5)", f1), ("covering", cover)):
        emit(Row("change points", DATA, metric, mean(scores["ours"]),
                 anchors={m: mean(scores[m]) for m in ("zero", "binseg", "pelt")}, n=len(series), notes=note))


if __name__ == "__main__":
    main()
