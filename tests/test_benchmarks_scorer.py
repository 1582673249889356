"""The benchmark scorer and harness: hand-made cases with known answers, then the published figures.

The Scrapinghub scorer is re-implemented from a prose description, so it is
tested twice: on tiny texts whose shingle counts can be worked out by hand,
and on the published baseline output whose upstream F1 is known (0.958).
"""
from __future__ import annotations

import importlib
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"
SHARED = Path(os.environ.get("LULL_SHARED", ROOT.parent / "shared"))
SCRAPINGHUB = SHARED / "benchmarks" / "article-extraction-scrapinghub"

# Hand-made sentences in the style of the project's news (not benchmark text).
PAUSE = "Kataib Hezbollah announced on Tuesday that it would suspend attacks on US forces in Iraq"
STRIKE = "A drone struck a vehicle near the airport in Baghdad killing two commanders of the group"


@pytest.fixture(scope="module")
def bench():
    """The benchmarks/ modules, imported the way the scripts import each other (folder on sys.path)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(BENCHMARKS))
        metric = importlib.import_module("_extraction_metric")
        run_all = importlib.import_module("run_all")
        common = importlib.import_module("_common")
        yield metric, run_all, common


def test_benchmarks_scorer_identical_texts_score_one(bench):
    metric = bench[0]
    score = metric.score_outputs({"a": PAUSE, "b": STRIKE}, {"a": PAUSE, "b": STRIKE})
    assert (score.precision, score.recall, score.f1, score.accuracy) == (1.0, 1.0, 1.0, 1.0)
    assert score.f1_std == 0.0


def test_benchmarks_scorer_disjoint_texts_score_zero(bench):
    metric = bench[0]
    score = metric.score_outputs({"a": PAUSE}, {"a": STRIKE})
    assert (score.precision, score.recall, score.f1, score.accuracy) == (0.0, 0.0, 0.0, 0.0)


def test_benchmarks_scorer_truncated_output_has_known_recall(bench):
    """Gold has 15 tokens (12 shingles); the first 8 tokens give 5 shingles, all correct: P 1, R 5/12."""
    metric = bench[0]
    truncated = " ".join(PAUSE.split()[:8])
    score = metric.score_outputs({"a": PAUSE}, {"a": truncated})
    assert score.precision == 1.0
    assert score.recall == pytest.approx(5 / 12)
    assert score.f1 == pytest.approx(2 * (5 / 12) / (1 + 5 / 12))
    assert score.accuracy == 0.0


@pytest.mark.parametrize(
    ("gold", "predicted", "tp", "fp", "fn"),
    [
        # punctuation and whitespace are not tokens: same \w+ sequence, identical
        ("U.S. forces, it said, left Ain al-Asad.", "U S forces it said left Ain al Asad", 6, 0, 0),
        # shingles are a multiset: a duplicated paragraph in the output is a false positive once
        (PAUSE, f"{PAUSE} {PAUSE}", 12, 15, 0),
        # boilerplate appended after the article: 3 shingles bridging into it + 1 inside it are FP
        (PAUSE, f"{PAUSE} Subscribe to our newsletter", 12, 4, 0),
    ],
    ids=["punctuation-ignored", "duplicated-output", "boilerplate-appended"],
)
def test_benchmarks_scorer_page_counts(bench, gold, predicted, tp, fp, fn):
    metric = bench[0]
    page = metric.score_page(gold, predicted)
    total = tp + fp + fn
    assert (page.tp, page.fp, page.fn) == pytest.approx((tp / total, fp / total, fn / total))


def test_benchmarks_scorer_averages_pages_not_shingles(bench):
    """An empty output is left out of precision but scores 0 recall; F1 is the harmonic mean of the means."""
    metric = bench[0]
    score = metric.score_outputs({"a": PAUSE, "b": STRIKE}, {"a": PAUSE, "b": ""})
    assert (score.precision, score.recall) == (1.0, 0.5)
    assert score.f1 == pytest.approx(2 / 3)
    assert score.accuracy == 0.5


def test_benchmarks_scorer_empty_outputs_score_zero_not_nan(bench):
    metric = bench[0]
    score = metric.score_outputs({"a": PAUSE, "b": STRIKE}, {})
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_benchmarks_scorer_bootstrap_is_seeded(bench):
    metric = bench[0]
    pages = [metric.score_page(PAUSE, PAUSE), metric.score_page(PAUSE, STRIKE), metric.score_page(STRIKE, "")]
    first, second = metric.score_corpus(pages), metric.score_corpus(pages)
    assert first == second
    assert first.f1_std > 0.0


@pytest.mark.skipif(not SCRAPINGHUB.is_dir(), reason=f"{SCRAPINGHUB} not found; set LULL_SHARED")
@pytest.mark.parametrize(("baseline", "published"), [("trafilatura", 0.958), ("readability_js", 0.947)])
def test_benchmarks_scorer_reproduces_published_f1(bench, baseline, published):
    metric = bench[0]
    gold = {k: v["articleBody"] for k, v in json.loads((SCRAPINGHUB / "ground-truth.json").read_text()).items()}
    output = json.loads((SCRAPINGHUB / "baseline-outputs" / f"{baseline}.json").read_text())["output"]
    predicted = {k: v.get("articleBody") or "" for k, v in output.items()}
    assert metric.score_outputs(gold, predicted, samples=0).f1 == pytest.approx(published, abs=0.005)


def _result(run_all, common, benchmark: str, metric: str, ours: float, script: str):
    row = common.Row(benchmark, "data", metric, ours, {"anchor": 0.5}, 10, "notes", "ok")
    return run_all.Result(row, script, "2024-01-01")


def test_benchmarks_run_all_merge_replaces_same_benchmark_and_metric(bench):
    _, run_all, common = bench
    old = [
        _result(run_all, common, "pubdate", "accuracy", 0.5, "bench_pubdate"),
        _result(run_all, common, "scrapinghub", "F1", 0.8, "bench_scrapinghub"),
        _result(run_all, common, "scrapinghub", "recall", 0.9, "bench_scrapinghub"),
    ]
    new = [_result(run_all, common, "scrapinghub", "F1", 0.9, "bench_scrapinghub")]
    merged = run_all.merge(old, new)
    assert [(r.row.benchmark, r.row.metric, r.row.ours) for r in merged] == [
        ("pubdate", "accuracy", 0.5),
        ("scrapinghub", "F1", 0.9),
    ]


def test_benchmarks_run_all_rows_survive_the_markdown_round_trip(bench, tmp_path):
    _, run_all, common = bench
    tricky = common.Row("x", "d", "F1", 0.25, {"a | b": 1.0}, 3, "range 1--2 | pipes", "ok")
    results = [run_all.Result(tricky, "bench_x", "2024-01-01")]
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(run_all.render(results, "2024-01-01"), encoding="utf-8")
    assert run_all.read_results(path) == results
    assert "| x | d | F1 | 0.250 | a \\| b: 1.000 | 3 | range 1--2 \\| pipes | 2024-01-01 |" in path.read_text()


def test_benchmarks_run_all_crash_becomes_failed_row_with_last_error_line(bench, tmp_path):
    _, run_all, _ = bench
    script = tmp_path / "bench_broken.py"
    script.write_text("import sys\nprint('working', file=sys.stderr)\nraise RuntimeError('gold file is corrupt')\n")
    rows = run_all.run_script(script, timeout=60)
    assert [(row.benchmark, row.status) for row in rows] == [("broken", "failed")]
    assert rows[0].notes == "crashed: RuntimeError: gold file is corrupt"


def test_benchmarks_run_all_rejects_unknown_script_names(bench):
    _, run_all, _ = bench
    with pytest.raises(SystemExit, match="no benchmarks/bench_nosuch.py"):
        run_all.discover(["nosuch"])


def test_benchmarks_common_missing_data_is_named(bench, monkeypatch, tmp_path):
    common = bench[2]
    monkeypatch.setenv("LULL_SHARED", str(tmp_path))
    assert common.benchmark_data("article-extraction-scrapinghub") is None
    assert common.missing_data_note("article-extraction-scrapinghub").startswith(
        "../shared/benchmarks/article-extraction-scrapinghub not found"
    )


def test_benchmarks_run_all_lists_a_rows_details_under_the_table(bench, tmp_path):
    _, run_all, common = bench
    row = common.Row("gold-dev", "d", "splits", 2.0, n=9, notes="by cause",
                     details=("split a: one part undated", "split b: types differ"))
    results = [run_all.Result(row, "bench_x", "2024-01-01"), run_all.Result(common.Row("y", "d", "F1", 0.5), "y", "")]
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(run_all.render(results, "2024-01-01"), encoding="utf-8")
    text = path.read_text()
    assert run_all.read_results(path) == results
    listing = text.split("## gold-dev: splits (2024-01-01)", 1)[1].split(run_all.ROWS_BEGIN, 1)[0]
    assert listing.split() == "- split a: one part undated - split b: types differ".split()
    assert text.count("## ") == 1  # a row without details lists nothing
