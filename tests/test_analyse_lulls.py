"""Series and lulls: the spec of issue 12 on a reconstructed real series and on simulated ones."""
from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from lull.analyse.lulls import (LullSettings, Report, acled_surge_weeks, change_points, find_lulls, gaps,
                                read_since, reports)
from lull.analyse.series import Series, SeriesFilter, build_series, series_by
from lull.ingest.events_csv import read_events_csv
from lull.records import Actor, DateSpan, Document, Event, Mention, Span
from lull.knowledge.actors import ActorKB
from lull.settings import Settings
from lull.vocabulary import Countability

FIXTURE = Path(__file__).parent / "fixtures" / "attacks_us_2023_2024.csv"
IRI = "islamic_resistance_in_iraq"


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load(Settings().actors_path)


@pytest.fixture(scope="module")
def attacks(kb) -> list[Event]:
    events = list(read_events_csv(FIXTURE, kb=kb))
    assert all(isinstance(e, Event) for e in events)
    return events


@pytest.fixture(scope="module")
def found(attacks, kb):
    return find_lulls(attacks, kb=kb, actor=IRI, recipient="us_forces", as_of=date(2024, 12, 31))


def _event(i: int, day: date | DateSpan, actor: Actor, status: str = "reported") -> Event:
    span = day if isinstance(day, DateSpan) else DateSpan.day(day)
    return Event(f"e{i}", "ASSAULT", None, (actor,), (Actor("US forces", id="us_forces"),), None, span, status, (),
                 ())


def test_analyse_lulls_finds_the_february_april_2024_pause_within_a_week(found):
    lulls = [x for x in found if x.kind == "lull"]
    pause = [x for x in lulls if x.start and date(2024, 1, 1) <= x.start <= date(2024, 3, 1)]
    assert len(pause) == 1
    assert abs((pause[0].start - date(2024, 2, 4)).days) <= 7
    assert pause[0].end is not None and abs((pause[0].end - date(2024, 4, 21)).days) <= 7
    assert pause[0].confidence > 0.9 and pause[0].rate_before > 5 and pause[0].rate_after < 2
    assert "observed" in {e.kind for e in pause[0].evidence}


def test_analyse_lulls_raises_no_lull_inside_the_dense_autumn_of_2023(found):
    dense = [x for x in found if x.kind == "lull" and x.start and date(2023, 10, 1) <= x.start <= date(2023, 11, 30)]
    assert dense == []


def test_analyse_lulls_rolls_factions_up_to_their_umbrella(attacks, kb):
    by_faction = build_series(attacks, kb=kb, filter=SeriesFilter(actor="kataib_hezbollah"), freq="week")
    by_umbrella = build_series(attacks, kb=kb, filter=SeriesFilter(actor=IRI), freq="week")
    assert 0 < sum(by_faction.counts) < sum(by_umbrella.counts) == len(attacks)


def test_analyse_series_keeps_coarse_dates_out_of_daily_bins(kb):
    iri = Actor("IRI", id=IRI)
    week = DateSpan(date(2024, 1, 22), date(2024, 1, 28), "week")
    month = DateSpan(date(2024, 1, 1), date(2024, 1, 31), "month")
    events = [_event(1, date(2024, 1, 2), iri), _event(2, week, iri), _event(3, month, iri)]
    daily = build_series(events, kb=kb, freq="day", start=date(2024, 1, 1), end=date(2024, 1, 31))
    weekly = build_series(events, kb=kb, freq="week", start=date(2024, 1, 1), end=date(2024, 1, 31))
    assert sum(daily.counts) == 1 and {c.event_id for c in daily.coarse} == {"e2", "e3"}
    assert sum(weekly.counts) == 2 and [c.event_id for c in weekly.coarse] == ["e3"]


def test_analyse_series_by_status_and_denied_events_never_count(kb):
    iri = Actor("IRI", id=IRI)
    events = [_event(1, date(2024, 1, 2), iri, "claimed"), _event(2, date(2024, 1, 3), iri, "confirmed"),
              _event(3, date(2024, 1, 4), iri, "denied")]
    totals = {s.filter.status: sum(s.counts) for s in series_by(events, kb=kb, dimension="status", freq="day")}
    assert totals == {"claimed": 1, "confirmed": 1}
    assert sum(build_series(events, kb=kb).counts) == 2


def test_analyse_series_counts_only_countable_events(kb):
    """A campaign ("the militia attacks since October") and a hypothetical strike are events of their mentions,
    but no incidents: neither counts, in a series nor among the values of ``series_by``."""
    iri = Actor("IRI", id=IRI)
    events = [_event(1, date(2024, 1, 2), iri), replace(_event(2, date(2024, 1, 3), iri),
                                                       countability=Countability.AGGREGATE),
              replace(_event(3, date(2024, 1, 4), Actor("KH", id="kataib_hezbollah")),
                      countability=Countability.UNREAL)]
    assert sum(build_series(events, kb=kb, freq="day").counts) == 1
    assert build_series(events, kb=kb, freq="day").start == date(2024, 1, 2) == build_series(events, kb=kb).end
    actors = {s.filter.actor for s in series_by(events, kb=kb, dimension="actor", freq="day")}
    assert IRI in actors and "kataib_hezbollah" not in actors


def test_analyse_lulls_acled_surge_rule_and_its_low_baseline_guard():
    assert acled_surge_weeks([2, 2, 2, 2, 4]) == [4]
    assert acled_surge_weeks([2, 2, 2, 2, 3]) == []
    assert acled_surge_weeks([0, 0, 1, 0, 3]) == []  # four-week mean below one event: never a surge


def test_analyse_lulls_surge_found_when_the_rate_triples(kb):
    iri = Actor("IRI", id=IRI)
    rng = np.random.default_rng(3)
    start = date(2024, 1, 1)
    events, i = [], 0
    for day in range(84):
        rate = 0.5 if day < 56 else 3.0
        for _ in range(rng.poisson(rate)):
            events.append(_event(i, start + timedelta(days=day), iri))
            i += 1
    surges = [x for x in find_lulls(events, kb=kb, actor=IRI) if x.kind == "surge"]
    assert surges and all(x.start >= start + timedelta(days=49) for x in surges)


def _simulated_gaps(seed: int, pause: bool):
    rng = np.random.default_rng(seed)
    rates = np.full(365, 1.0)
    if pause:
        rates[200:260] = 0
    counts = tuple(int(c) for c in rng.poisson(rates))
    return gaps(Series(SeriesFilter(), "day", date(2020, 1, 1), counts))


def test_analyse_lulls_confidence_is_high_for_a_real_pause_and_low_for_chance_gaps():
    real = [g for seed in range(20) for g in _simulated_gaps(seed, True) if g.posterior is not None]
    assert sum(g.posterior > 0.9 for g in real) >= 19
    chance = [g.posterior for seed in range(200) for g in _simulated_gaps(seed, False) if g.posterior is not None]
    assert sum(p > 0.5 for p in chance) <= 0.05 * 200  # at 1 event a day a 14-day gap happens by chance ~never


def test_analyse_lulls_change_points_on_a_step():
    x = np.r_[np.zeros(50), np.full(50, 5.0)] + np.random.default_rng(1).normal(0, 1, 100)
    assert any(abs(cp - 50) <= 2 for cp in change_points(x))
    assert change_points(np.random.default_rng(2).normal(0, 1, 200)) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Since February 2, when the Islamic Resistance in Iraq targeted ..., there has not been any strike.", (2, 2, None)),
    ("No attack has been recorded since 21 November 2024.", (11, 21, 2024)),
    ("Attacks have continued for weeks.", None),
])
def test_analyse_lulls_reads_since_dates(sentence, expected):
    assert read_since(sentence) == expected


def test_analyse_lulls_since_then_takes_the_date_written_before():
    before = "The last known statement was issued on November 21, announcing a drone strike."
    assert read_since("Since then, operations have ceased.", before) == (11, 21, None)


def test_analyse_lulls_partial_date_report_is_resolved_against_the_actors_activity(kb):
    """"Since February 2" in an article published on or after 2022-10-27: the year is the one in which the
    actor was active around 2 February (2024), and the report joins the observed lull."""
    text = "Since February 2, when the group targeted Harir, there has not been any strike against US forces."
    doc = Document("d1", text, "x", outlet="Outlet A", published=DateSpan(date(2022, 10, 27), None, "day"))
    sentence = Span("d1", 0, len(text), text)
    mention = Mention("m1", "d1", sentence, sentence, "r", "ASSAULT", modality="negated",
                      actors=(Actor("the group", id=IRI),), recipients=(Actor("US forces", id="us_forces"),))
    found = reports(mentions=[mention], documents=[doc], kb=kb)
    assert len(found) == 1 and found[0].partial == (2, 2) and found[0].since is None
    iri = Actor("IRI", id=IRI)
    events = [_event(i, date(2024, 1, 6) + timedelta(days=i // 2), iri) for i in range(56)]
    lulls = find_lulls(events, kb=kb, actor=IRI, recipient="us_forces", reports_=found, as_of=date(2024, 4, 1))
    assert len(lulls) == 1
    kinds = [e.kind for e in lulls[0].evidence]
    assert "observed" in kinds and "reported" in kinds


def test_analyse_lulls_report_only_lull_keeps_its_partial_start(kb):
    report = Report("reported", Actor("Iraqi factions", id="iraqi_factions"), Actor("Israel", id="israel"), "d2",
                    "m2", "Since then, operations have ceased.", partial=(11, 21), years=(2024, 2026))
    report2 = Report("declared", Actor("Iraqi factions", id="iraqi_factions"), Actor("Israel", id="israel"), "d3",
                     "m3", "We suspended operations.", stated_on=date(2024, 12, 20))
    lulls = find_lulls([], kb=kb, actor="iraqi_factions", recipient="israel", reports_=[report, report2])
    assert {x.start_text for x in lulls} >= {"--11-21 (year 2024-2026)"}
    one = next(x for x in lulls if x.start_text.startswith("--11-21"))
    assert one.ongoing and math.isclose(one.confidence, 2.5 / 3.5)
    assert one.to_json()["start"] == one.start_text


def test_analyse_lulls_json_shape(found):
    shape = found[0].to_json()
    assert list(shape)[:11] == ["id", "kind", "actor", "recipient", "start", "end", "ongoing", "confidence",
                                "rate_before", "rate_after", "evidence"]


def test_analyse_lulls_settings_are_stated_defaults():
    s = LullSettings()
    assert s.min_days == 14 and s.pause_hazard == pytest.approx(1 / 180)
