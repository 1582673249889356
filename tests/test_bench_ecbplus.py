"""The coreference metrics of benchmarks/bench_ecbplus.py on worked examples from the papers that define them."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        yield importlib.import_module("bench_ecbplus")
    finally:
        sys.path.remove(str(BENCHMARKS))


def _c(*clusters: str) -> list[frozenset[str]]:
    return [frozenset(c.split()) for c in clusters]


# Bagga & Baldwin (1998), figure 3: key {1-5} {6,7} {8-12}; response merging the last two.
KEY = _c("1 2 3 4 5", "6 7", "8 9 10 11 12")
MERGED = _c("1 2 3 4 5", "6 7 8 9 10 11 12")


def test_bench_ecbplus_b3_matches_bagga_baldwin(bench):
    score = bench.b_cubed(KEY, MERGED)
    assert score.recall == pytest.approx(1.0) and score.precision == pytest.approx(16 / 21)


def test_bench_ecbplus_muc_matches_vilain_and_bagga_baldwin(bench):
    assert bench.muc(KEY, MERGED).precision == pytest.approx(0.9)  # B&B: MUC cannot tell this error apart
    split = bench.muc(_c("A B C D"), _c("A B", "C D"))  # Vilain et al. (1995): one link missing of three
    assert (split.recall, split.precision) == (pytest.approx(2 / 3), pytest.approx(1.0))


@pytest.mark.parametrize("key, response, recall, precision", [
    (_c("a b c", "d e"), _c("a b", "c d e"), 0.8, 0.8),  # phi4 0.8 + 0.8 over two clusters each side
    (_c("a b c", "d e"), _c("a b c", "d e"), 1.0, 1.0),
    (_c("a b c d"), _c("a", "b", "c", "d"), 0.4, 0.1),  # best single pair: 2*1/5
])
def test_bench_ecbplus_ceaf_e_by_hand(bench, key, response, recall, precision):
    score = bench.ceaf_e(key, response)
    assert (score.recall, score.precision) == (pytest.approx(recall), pytest.approx(precision))


def test_bench_ecbplus_conll_is_the_mean_of_three_f1(bench):
    found = bench.scores(KEY, MERGED)
    assert bench.conll_f1(found) == pytest.approx(sum(found[n].f1 for n in ("MUC", "B3", "CEAF-e")) / 3)
    perfect = bench.scores(KEY, KEY)
    assert bench.conll_f1(perfect) == pytest.approx(1.0)


def test_bench_ecbplus_entity_goes_to_the_trigger_the_parse_attaches_it_to(bench):
    """A mention's time is its own clause's: "the 2004 tsunami" does not date the earthquake beside it."""
    words = "An earthquake struck Papua on Sunday , five years after the 2004 tsunami".split()
    parse = bench._parses({("d", 0): words})[("d", 0)]
    triggers = [{2}, {12}]  # "struck", "tsunami"
    assert bench._attached(parse, {"tokens_number": [11]}, triggers) == 1  # "2004"
    assert bench._attached(parse, {"tokens_number": [5]}, triggers) == 0  # "Sunday"
    assert bench._attached(parse, {"tokens_number": [3]}, triggers) == 0  # "Papua"
