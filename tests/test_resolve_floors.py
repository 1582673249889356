"""Accuracy floors of event resolution, pinned the way trafilatura pins its F1: a regression fails the build.

Runs the two resolution benchmarks (benchmarks/bench_ecbplus.py on the external ECB+ test split,
benchmarks/bench_inflation.py on the bundled samples against tests/gold/event_clusters.jsonl) and checks
their figures. Floors sit a little under the last measurement (BENCHMARKS.md)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"

ECB_FLOORS = {"CoNLL F1": 56.5, "B3 F1": 64.5, "MUC F1": 43.5}
INFLATION_BAND = (0.8, 1.2)  # events / true events
EXACT_FLOOR = 1.0  # share of true events resolved to exactly one event: every gold event of the samples is one event


def _rows(script: str) -> dict[str, dict]:
    done = subprocess.run([sys.executable, str(BENCH / script)], check=False, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {r["metric"]: r for r in rows}


def test_resolve_ecbplus_coreference_floors():
    rows = _rows("bench_ecbplus.py")
    if any(r["status"] == "skipped" for r in rows.values()):
        pytest.skip(next(iter(rows.values()))["notes"])
    for metric, floor in ECB_FLOORS.items():
        assert rows[metric]["ours"] >= floor, (metric, rows[metric]["ours"])


def test_resolve_sample_events_are_not_inflated():
    rows = _rows("bench_inflation.py")
    ratio = rows["events / true events"]["ours"]
    assert INFLATION_BAND[0] <= ratio <= INFLATION_BAND[1], ratio
    assert rows["true events resolved to exactly one event"]["ours"] >= EXACT_FLOOR
