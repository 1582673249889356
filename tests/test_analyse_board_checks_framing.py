"""Explanation boards, claim checks and framing on hand-made records (real sentences from the samples)."""
from __future__ import annotations

from datetime import date

import pytest

from lull.analyse.board import board
from lull.analyse.checks import check_claims
from lull.analyse.framing import Lexicon, framing, loaded_words
from lull.analyse.lulls import Evidence, Lull
from lull.records import (Actor, ClaimScope, DateSpan, Document, Event, Explanation, Mention, NumericClaim,
                          Phenomenon, Quote, Span)
from lull.knowledge.actors import ActorKB
from lull.settings import Settings

IRI = Actor("Islamic Resistance in Iraq", id="islamic_resistance_in_iraq", name="Islamic Resistance in Iraq")
FACTIONS = Actor("Iraqi factions", id="iraqi_factions", name="Iraqi armed factions")
US = Actor("US forces", id="us_forces", name="US forces", kind="state_force")
ISRAEL = Actor("Israel", id="israel", name="Israel")


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load(Settings().actors_path)


def _span(text: str, doc: str = "d1") -> Span:
    return Span(doc, 0, len(text), text)


def _event(i: str, day: date, actors, recipients, type_="ASSAULT", mode=None, fatalities=None) -> Event:
    return Event(i, type_, mode, tuple(actors), tuple(recipients), None, DateSpan.day(day), "reported", (), (),
                 fatalities=fatalities)


def _claim(value, qualifier="exact", period=None, actor=FACTIONS, recipient=ISRAEL, rate_per=None):
    text = f"{value} attacks"
    return NumericClaim("c", "d1", _span(text), _span(text), "r", "attacks", value=value, qualifier=qualifier,
                        rate_per=rate_per, scope=ClaimScope("ASSAULT", None, actor, recipient), period=period)


def _attacks(n: int, month: int = 11):
    return [_event(f"e{i}", date(2024, month, 1 + i), [Actor("Kata'ib Hezbollah", id="kataib_hezbollah")], [ISRAEL])
            for i in range(n)]


@pytest.mark.parametrize("value, qualifier, verdict", [
    (5, "exact", "agrees"), (316, "exact", "claims_more"), (3, "exact", "claims_fewer"),
    (5.4, "about", "agrees"), (4, "at_least", "agrees"), (6, "at_least", "claims_more"), (9, "up_to", "agrees"),
])
def test_checks_verdict_follows_the_qualifier(kb, value, qualifier, verdict):
    period = DateSpan(date(2024, 11, 1), date(2024, 11, 30), "month")
    (check,) = check_claims([_claim(value, qualifier, period)], _attacks(5), kb=kb)
    assert check.verdict == verdict and check.counted == 5
    assert check.coverage == pytest.approx(5 / value)


def test_checks_open_period_closes_at_publication_and_undated_claims_are_unchecked(kb):
    since = DateSpan(date(2024, 11, 1), None, "day")
    (open_,) = check_claims([_claim(316, period=since)], _attacks(5), kb=kb, published={"d1": date(2024, 11, 3)})
    assert open_.counted == 3 and open_.verdict == "claims_more"
    (undated,) = check_claims([_claim(316)], _attacks(5), kb=kb)
    assert undated.verdict == "unchecked" and undated.counted is None


def test_checks_rate_is_compared_per_week(kb):
    period = DateSpan(date(2024, 11, 1), date(2024, 11, 14), "week")
    (check,) = check_claims([_claim(2, "about", period, rate_per="week")], _attacks(5), kb=kb)
    assert check.counted == 2.5 and check.verdict == "claims_fewer"


def _lull(start=date(2024, 2, 3)) -> Lull:
    return Lull("l1", "lull", "islamic_resistance_in_iraq", "us_forces", start, None, True, 0.9, 8.0, None,
                (Evidence("reported", "stopped, since 2024-02-02", day=date(2024, 2, 2), doc_id="d1",
                          source_id="m1"),))


def _explanation(i, category, actor, recipient, direction="halt", proponent=None, stance="asserts", doc="d1"):
    text = f"sentence {i}"
    return Explanation(i, doc, _span(text, doc), _span(text, doc), category, Phenomenon(direction, actor, recipient),
                       "r", proponent=proponent, stance=stance)


def test_board_groups_matching_explanations_by_cause(kb):
    basri = Actor("Mohammad Al-Basri", id="mohammad_al_basri", name="Mohammad Al-Basri", kind="person")
    explanations = [
        _explanation("x1", "political_bargain", FACTIONS, US, proponent=basri),
        _explanation("x2", "political_bargain", IRI, US),
        _explanation("x3", "patron_instruction", IRI, US, stance="rejects"),
        _explanation("x4", "deterrence_threat", FACTIONS, ISRAEL),  # other recipient
        _explanation("x5", "regional_shift", IRI, US, direction="escalation"),  # other direction
        _explanation("x6", "goodwill_gesture", Actor("Hezbollah", id="hezbollah"), US),  # other actor
    ]
    docs = [Document("d1", "text", "x", outlet="Outlet A", published=DateSpan.day(date(2024, 2, 10)))]
    result = board(_lull(), kb=kb, explanations=explanations, documents=docs)
    causes = {c.category: c for c in result.causes}
    assert set(causes) == {"political_bargain", "patron_instruction"}
    assert causes["political_bargain"].count == 2
    assert causes["political_bargain"].proponents == ("Mohammad Al-Basri", "the outlet")
    assert causes["patron_instruction"].stances == {"rejects": 1}
    assert causes["political_bargain"].outlets == ("Outlet A",)


def test_board_ranks_triggers_by_kind_and_proximity(kb):
    events = [
        _event("tower22", date(2024, 1, 28), [IRI], [US], fatalities=3),
        _event("strikes", date(2024, 2, 2), [US], [Actor("Kata'ib Hezbollah", id="kataib_hezbollah")]),
        _event("visit", date(2024, 1, 30), [Actor("Esmail Qaani", id="quds_force")], [Actor("Iraqi factions",
                                                                                          id="iraqi_factions")],
               type_="CONSULT"),
        _event("old", date(2023, 11, 1), [IRI], [US], fatalities=1),  # long before the window
        _event("elsewhere", date(2024, 1, 30), [Actor("Houthis", id="houthis")], [Actor("Israel", id="israel")]),
    ]
    result = board(_lull(), kb=kb, events=events)
    ids = [t.event_id for t in result.triggers]
    assert ids[0] == "strikes" and set(ids) == {"tower22", "strikes", "visit"}
    kinds = {t.event_id: t.kind for t in result.triggers}
    assert kinds == {"tower22": "deadly_attack", "strikes": "retaliation", "visit": "visit_or_talks"}


def test_framing_splits_own_voice_from_quotes_and_collects_labels():
    text = ('The so-called resistance struck American occupiers again. '
            'Al-Kaabi said "the Zionist entity and its terrorist backers will pay".')
    doc = Document("d1", text, "x", outlet="Outlet A")
    start = text.index('"') + 1
    end = text.rindex('"')
    quote = Quote("q1", "d1", _span(text), Span("d1", start, end, text[start:end]), "r", "direct")
    mention = Mention("m1", "d1", _span(text), Span("d1", 0, 3, "The"), "r", "ASSAULT",
                      actors=(Actor("resistance", id="iraqi_factions"),),
                      recipients=(Actor("American occupiers", id="us_forces"),))
    (outlet,) = framing([doc], lexicon=Lexicon.load(), quotes=[quote], mentions=[mention])
    assert outlet.own == {"so_called": 1, "resistance": 1, "occupier": 1}
    assert outlet.quoted == {"zionist_entity": 1, "terrorist": 1}
    assert outlet.own_words + outlet.quoted_words == 18
    assert outlet.labels["us_forces"] == {"American occupiers": 1}
    assert outlet.own_per_1000 == pytest.approx(1000 * 3 / outlet.own_words)


@pytest.mark.parametrize("text, words", [
    ("Iran-backed militias fired rockets.", ["iran-backed", "militias"]),
    ("The martyrdom of the commander.", ["martyrdom"]),
    ("Troops withdrew from the base.", []),
    ("Resistant materials were used.", []),  # "resistance" does not match "resistant"
])
def test_framing_loaded_words(text, words):
    assert loaded_words(text, lexicon=Lexicon.load()) == words


@pytest.mark.parametrize("published, counted, window", [
    (date(2024, 12, 8), 5, "2024-11-02/2024-12-08"),  # "since November 2" read in the publication's year
    (date(2024, 10, 1), 0, "2023-11-02/2024-10-01"),  # before November 2 of that year: the year before
])
def test_checks_year_less_since_reads_the_latest_day_before_publication(kb, published, counted, window):
    since = DateSpan(None, None, "day", start_md=(11, 2))  # "since November 2" in a report of unknown year
    (check,) = check_claims([_claim(316, period=since)], _attacks(5, month=11)[1:] + _attacks(1, month=12),
                            kb=kb, published={"d1": published})
    assert check.counted == counted and window in check.note and check.period.startswith(">=--11-02")


def test_checks_year_less_since_outside_its_years_is_unchecked(kb):
    since = DateSpan(None, None, "day", start_md=(11, 2), years=(2025, None))
    (check,) = check_claims([_claim(316, period=since)], _attacks(5), kb=kb, published={"d1": date(2024, 12, 8)})
    assert check.verdict == "unchecked"
