"""The TCPD scorer reproduces the reference values of the dataset's README (upstream doctests)."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def tcpd():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        yield importlib.import_module("bench_tcpd")
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.mark.parametrize("annotations, predicted, expected", [
    ({1: [10, 20], 2: [11, 20], 3: [10], 4: [0, 5]}, [10, 20], 1.0),
    ({1: [], 2: [10], 3: [50]}, [10], 0.9090909),
    ({1: [], 2: [10], 3: [50]}, [], 0.8),
])
def test_analyse_bench_tcpd_f1_reference_values(tcpd, annotations, predicted, expected):
    assert tcpd.f_measure(annotations, predicted) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("annotations, predicted, expected", [
    ({1: [10, 20], 2: [10], 3: [0, 5]}, [10, 20], 0.7962963),
    ({1: [], 2: [10], 3: [40]}, [10], 0.7954145),
    ({1: [], 2: [10], 3: [40]}, [], 0.8189300),
])
def test_analyse_bench_tcpd_cover_reference_values(tcpd, annotations, predicted, expected):
    assert tcpd.covering(annotations, predicted, 45) == pytest.approx(expected, abs=1e-6)
