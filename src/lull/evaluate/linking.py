"""Coreference scores for event linking (MUC, B³, CEAF-e, CoNLL F1) and the assignment solver they need.

Standard definitions, checked on worked examples from the papers in tests/test_bench_ecbplus.py:

- MUC (Vilain et al. 1995): recall Σ(|K| - p(K)) / Σ(|K| - 1), p(K) the number of response clusters a key
  cluster is cut into; precision the same with the roles swapped (singletons carry no links).
- B³ (Bagga & Baldwin 1998): per mention, |K∩R|/|R| and |K∩R|/|K|, averaged over mentions.
- CEAF-e (Luo 2005): the best one-to-one alignment of key and response clusters under
  φ4 = 2|K∩R| / (|K|+|R|); recall Σφ4 / #key clusters, precision Σφ4 / #response clusters.
- CoNLL F1: the mean of the three F1.

``score_linking`` takes two partitions of the same items (item -> cluster key)
and adds what an analyst reads first: gold clusters split across several
system clusters and system clusters holding several gold clusters. ``assign``
(Hungarian algorithm) is also used by ``evaluate.gold_dev`` to align records.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

Clusters = Sequence[frozenset]


@dataclass(frozen=True, slots=True)
class PRF:
    recall: float
    precision: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _muc_side(key: Clusters, response: Clusters) -> float:
    where = {m: i for i, c in enumerate(response) for m in c}
    num = den = 0
    for cluster in key:
        parts = {where.get(m, ("alone", m)) for m in cluster}  # a mention absent from the response is alone
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return _ratio(num, den)


def muc(key: Clusters, response: Clusters) -> PRF:
    return PRF(_muc_side(key, response), _muc_side(response, key))


def _b3_side(key: Clusters, response: Clusters) -> float:
    where = {m: c for c in response for m in c}
    total = sum(len(c) for c in key)
    score = sum(len(cluster & where.get(m, frozenset({m}))) / len(cluster) for cluster in key for m in cluster)
    return _ratio(score, total)


def b_cubed(key: Clusters, response: Clusters) -> PRF:
    return PRF(_b3_side(key, response), _b3_side(response, key))


def ceaf_e(key: Clusters, response: Clusters) -> PRF:
    """phi4 = 2|K∩R| / (|K|+|R|), best one-to-one alignment, solved per connected component."""
    by_mention = defaultdict(list)
    for j, r in enumerate(response):
        for m in r:
            by_mention[m].append(j)
    total = 0.0
    seen_k: set[int] = set()
    key_of = defaultdict(list)
    for i, k in enumerate(key):
        for m in k:
            key_of[m].append(i)
    for start in range(len(key)):
        if start in seen_k:
            continue
        ks, rs, frontier = {start}, set(), [("k", start)]
        while frontier:
            side, idx = frontier.pop()
            members = key[idx] if side == "k" else response[idx]
            for m in members:
                for j in (by_mention[m] if side == "k" else key_of[m]):
                    bucket = rs if side == "k" else ks
                    if j not in bucket:
                        bucket.add(j)
                        frontier.append(("r" if side == "k" else "k", j))
        seen_k |= ks
        kl, rl = sorted(ks), sorted(rs)
        weights = [[2 * len(key[i] & response[j]) / (len(key[i]) + len(response[j])) for j in rl] for i in kl]
        total += _best_assignment(weights)
    return PRF(_ratio(total, len(key)), _ratio(total, len(response)))


def assign(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """(row, column) pairs of a maximum-weight one-to-one assignment (Kuhn-Munkres / Hungarian, O(n^3)).

    Rows and columns may differ in number; pairs of weight <= 0 are left out."""
    if not weights or not weights[0]:
        return []
    transpose = len(weights) > len(weights[0])
    w = [list(col) for col in zip(*weights)] if transpose else weights
    n, m = len(w), len(w[0])
    cost = [[-x for x in row] for row in w]
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (m + 1), [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    pairs = [(p[j] - 1, j - 1) for j in range(1, m + 1) if p[j]]
    pairs = [(j, i) for i, j in pairs] if transpose else pairs
    return sorted((i, j) for i, j in pairs if weights[i][j] > 0)


def _best_assignment(weights: list[list[float]]) -> float:
    """The total weight of the best one-to-one assignment."""
    return sum(weights[i][j] for i, j in assign(weights))


def scores(key: Clusters, response: Clusters) -> dict[str, PRF]:
    return {"MUC": muc(key, response), "B3": b_cubed(key, response), "CEAF-e": ceaf_e(key, response)}


def conll_f1(found: Mapping[str, PRF]) -> float:
    return sum(found[name].f1 for name in ("MUC", "B3", "CEAF-e")) / 3


@dataclass(frozen=True, slots=True)
class LinkingScores:
    """Linking scores over the aligned items; ``split``/``merged`` name clusters, not items."""

    items: int
    gold_clusters: int
    system_clusters: int
    muc: PRF
    b_cubed: PRF
    ceaf_e: PRF
    split: tuple[Hashable, ...]  # gold clusters whose items sit in more than one system cluster
    merged: tuple[Hashable, ...]  # system clusters holding items of more than one gold cluster

    @property
    def conll_f1(self) -> float:
        return conll_f1({"MUC": self.muc, "B3": self.b_cubed, "CEAF-e": self.ceaf_e})


def _partition(keys: Mapping[Hashable, Hashable]) -> dict[Hashable, frozenset]:
    found: dict[Hashable, set] = defaultdict(set)
    for item, key in keys.items():
        found[key].add(item)
    return {key: frozenset(items) for key, items in found.items()}


def score_linking(gold: Mapping[Hashable, Hashable], system: Mapping[Hashable, Hashable]) -> LinkingScores:
    """Scores of the ``system`` partition against ``gold``; both map every item to its cluster key."""
    if set(gold) != set(system):
        raise ValueError("gold and system must cluster the same items")
    key, response = _partition(gold), _partition(system)
    found = scores(list(key.values()), list(response.values()))
    split = tuple(k for k, c in key.items() if len({system[i] for i in c}) > 1)
    merged = tuple(k for k, c in response.items() if len({gold[i] for i in c}) > 1)
    return LinkingScores(len(gold), len(key), len(response), found["MUC"], found["B3"], found["CEAF-e"],
                         split, merged)
