"""Calibration of lull's observed-lull confidence on simulated Poisson series with known pauses.

Why: a lull stated at 0.9 must be real about nine times in ten, or the
confidence is a decoration. No public gold set has "true" pauses, so the
truth here is simulated, and the scenarios say how far the detector's
assumptions are from the simulation's.

Each series is 730 days of daily counts at a base rate drawn log-uniformly
from 0.15 to 3 events a day; pauses start as a Poisson process (one every
``HAZARD_DAYS`` days on average) and last 14 to 90 days (uniform). Every quiet
spell ``lull.analyse.lulls.gaps`` scores (at least 14 days, enough events in
the window before) is a prediction with its stated confidence; it is *real*
when a true pause began inside it. Bins of width 0.1: stated mean vs observed
frequency; the metric is the expected calibration error (ECE, weighted mean
|stated - observed| over bins; 0 is perfect).

Scenarios (anchors are the same metric):
* main: Poisson counts, pauses at rate 0, pause hazard 1/180 per day (the detector's stated prior);
* overdispersed: daily rates Gamma-mixed (shape 2) around the base rate;
* residual: 5 % of the base rate continues during pauses;
* frequent: pauses twice as often as the prior says (1/90 per day).

Run: ``.venv/bin/python benchmarks/bench_lull_calibration.py`` (under a minute). Seeded, so repeatable.
"""
from __future__ import annotations

from datetime import date

import numpy as np

from _common import Row, emit, load_function, progress

NAME = "lull-calibration"
DATA = "simulated Poisson series with known pauses (800 series x 730 days per scenario, seeded)"
DAYS = 730
SERIES = 800
HAZARD_DAYS = 180
BINS = np.linspace(0, 1, 11)


def simulate(rng: np.random.Generator, *, hazard_days: float, dispersion: float | None, residual: float
             ) -> tuple[np.ndarray, list[int]]:
    """Daily counts and the start days of the true pauses."""
    rate = np.exp(rng.uniform(np.log(0.15), np.log(3.0)))
    rates = np.full(DAYS, rate)
    starts = []
    day = int(rng.exponential(hazard_days))
    while day < DAYS:
        length = int(rng.integers(14, 91))
        rates[day:day + length] = rate * residual
        starts.append(day)
        day += length + int(rng.exponential(hazard_days))
    if dispersion is not None:
        rates = rates * rng.gamma(dispersion, 1 / dispersion, DAYS)
    return rng.poisson(rates), starts


def run(name: str, seed: int, gaps, series_cls, filter_cls, **scenario) -> tuple[list[float], list[bool]]:
    rng = np.random.default_rng(seed)
    stated: list[float] = []
    real: list[bool] = []
    origin = date(2020, 1, 1)
    for _ in range(SERIES):
        counts, starts = simulate(rng, **scenario)
        series = series_cls(filter_cls(), "day", origin, tuple(int(c) for c in counts))
        for gap in gaps(series):
            if gap.posterior is None:
                continue
            first = (gap.start - origin).days
            last = (gap.end - origin).days if gap.end else DAYS - 1
            stated.append(gap.posterior)
            real.append(any(first <= s <= last for s in starts))
    progress(f"{name}: {len(stated)} scored gaps")
    return stated, real


def table(stated: list[float], real: list[bool]) -> tuple[float, list[tuple[str, float, float, int]]]:
    p, y = np.asarray(stated), np.asarray(real, dtype=float)
    index = np.clip(np.digitize(p, BINS) - 1, 0, 9)
    rows, ece = [], 0.0
    for b in range(10):
        chosen = index == b
        if chosen.any():
            mean, freq = float(p[chosen].mean()), float(y[chosen].mean())
            ece += chosen.sum() / len(p) * abs(mean - freq)
            rows.append((f"{BINS[b]:.1f}-{BINS[b + 1]:.1f}", mean, freq, int(chosen.sum())))
    return ece, rows


def main() -> None:
    gaps = load_function("lull.analyse.lulls", "gaps")
    if isinstance(gaps, str):
        emit(Row(NAME, DATA, "ECE", None, notes=gaps, status="skipped"))
        return
    from lull.analyse.series import Series, SeriesFilter

    scenarios = {
        "main": dict(hazard_days=HAZARD_DAYS, dispersion=None, residual=0.0),
        "overdispersed": dict(hazard_days=HAZARD_DAYS, dispersion=2.0, residual=0.0),
        "residual": dict(hazard_days=HAZARD_DAYS, dispersion=None, residual=0.05),
        "frequent": dict(hazard_days=HAZARD_DAYS / 2, dispersion=None, residual=0.0),
    }
    results = {}
    for seed, (name, scenario) in enumerate(scenarios.items(), start=11):
        stated, real = run(name, seed, gaps, Series, SeriesFilter, **scenario)
        results[name] = (table(stated, real), len(stated))
    (ece, rows), n = results["main"]
    bins = "; ".join(f"{label}: stated {mean:.2f} observed {freq:.2f} (n={k})" for label, mean, freq, k in rows)
    progress("main bins: " + bins)
    for name in ("overdispersed", "residual", "frequent"):
        progress(f"{name} bins: " + "; ".join(f"{label}: {mean:.2f}/{freq:.2f} (n={k})"
                                                for label, mean, freq, k in results[name][0][1]))
    anchors = {f"ECE {name}": results[name][0][0] for name in ("overdispersed", "residual", "frequent")}
    emit(Row(NAME, DATA, "expected calibration error, observed-lull confidence (lower is better)", ece,
             anchors=anchors, n=n, notes="bins (stated vs observed frequency): " + bins))


if __name__ == "__main__":
    main()
