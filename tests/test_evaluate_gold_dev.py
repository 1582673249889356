"""The gold-dev scorer (lull.evaluate.gold_dev, lull.evaluate.linking) on small hand-made cases."""
from __future__ import annotations

from datetime import date

import pytest

from lull.evaluate.gold_dev import (
    Gold,
    Vocabulary,
    date_right,
    offset_map,
    period_right,
    place_gold,
    score_claims,
    score_events,
)
from lull.evaluate.linking import assign, score_linking
from lull.records import Actor, DateSpan, Document, Mention, NumericClaim, Place, Span

TEXT = "Militants fired rockets at Erbil. US forces struck back at Abu Kamal."
DOC = Document(id="d1", text=TEXT, locator="x.jsonl:1")
VOCAB = Vocabulary(actors={"centcom": "US forces"})


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span("d1", start, start + len(part), part)


def _gold_event(gid: str, quote: str, type: str, **fields) -> Gold:
    record = {"id": gid, "doc": "001", "quote": quote, "type": type, "alt_type": None, "actor": None,
              "recipient": None, "modality": "asserted", "date_start": None, "date_end": None,
              "date_precision": None, "place": None, "lat": None, "lon": None, "mode": None, "fatalities": None,
              "same_as": None, "scope": "core", "aggregate": False}
    record.update(fields)
    return Gold("events", gid, "001", record, _span(TEXT, quote))


def _mention(mid: str, sentence: str, trigger: str, type: str, **fields) -> Mention:
    return Mention(id=mid, doc_id="d1", sentence=_span(TEXT, sentence), trigger=_span(TEXT, trigger),
                   rule_id="test", type=type, **fields)


def test_evaluate_gold_dev_events_align_one_to_one_by_overlap_and_type():
    gold = [_gold_event("001-e01", "fired rockets at Erbil", "ASSAULT"),
            _gold_event("001-e02", "fired rockets at Erbil", "ASSAULT"),  # two events in one clause
            _gold_event("001-e03", "struck back at Abu Kamal", "ASSAULT", alt_type="RETREAT")]
    s1, s2 = "Militants fired rockets at Erbil.", "US forces struck back at Abu Kamal."
    system = [_mention("m1", s1, "fired", "ASSAULT"),
              _mention("m2", s2, "struck", "RETREAT"),  # alt_type counts
              _mention("m3", s2, "struck", "THREATEN")]  # overlaps but wrong type
    result = score_events(gold, system, {}, VOCAB)
    assert [(p.gold.id, p.system.id) for p in result.scores.pairs] == [("001-e01", "m1"), ("001-e03", "m2")]
    assert [g.id for g in result.scores.missed] == ["001-e02"]
    assert [m.id for m in result.scores.spurious] == ["m3"]
    d = result.scores.detection
    assert (d.tp, d.predicted, d.gold) == (2, 3, 3)


def test_evaluate_gold_dev_alignment_maximises_pairs_before_preference():
    # greedy by preference would give g1 the exact-type m1 and leave g2 without a partner
    gold = [_gold_event("g1", "fired rockets at Erbil", "ASSAULT", alt_type="THREATEN"),
            _gold_event("g2", "fired rockets at Erbil", "ASSAULT")]
    s1 = "Militants fired rockets at Erbil."
    system = [_mention("m1", s1, "fired", "ASSAULT"), _mention("m2", s1, "rockets", "THREATEN")]
    result = score_events(gold, system, {}, VOCAB)
    assert sorted((p.gold.id, p.system.id) for p in result.scores.pairs) == [("g1", "m2"), ("g2", "m1")]


def test_evaluate_gold_dev_actor_sets_canonical_names_and_full_row():
    gold = [_gold_event("g1", "struck back at Abu Kamal", "ASSAULT", actor="US forces",
                        recipient="Kata'ib Hezbollah; Iran-backed militias")]
    system = [_mention("m1", "US forces struck back at Abu Kamal.", "struck", "ASSAULT",
                       actors=(Actor("CENTCOM", id="centcom", name="U.S. Central Command"),),
                       recipients=(Actor("KH", id="kataib_hezbollah", name="Kata'ib Hezbollah"),
                                   Actor("militias", id="iraqi_factions", name="Iraqi armed factions")))]
    vocab = Vocabulary(actors={"centcom": "US forces", "iraqi_factions": "Iran-backed militias"})
    result = score_events(gold, system, {}, vocab)
    assert result.scores.shares["actor"].value == 1.0 and result.scores.shares["recipient"].value == 1.0
    assert result.full_row.tp == 1
    wrong = score_events(gold, system, {}, Vocabulary())  # without the map, the KB names differ
    assert wrong.scores.shares["actor"].value == 0.0 and wrong.full_row.tp == 0


@pytest.mark.parametrize("start, end, system, right", [
    ("2021-02-15", "2021-02-15", DateSpan.day(date(2021, 2, 16)), True),  # within one day
    ("2021-02-15", "2021-02-15", DateSpan.day(date(2021, 2, 17)), False),
    ("2021-02-15", "2021-02-15", DateSpan(date(2021, 2, 1), date(2021, 2, 28), "month"), False),  # vaguer
    ("2024-01-01", "2024-01-31", DateSpan.day(date(2024, 1, 28)), True),  # inside a month
    ("2024-01-01", "2024-01-31", DateSpan(date(2024, 1, 1), date(2024, 1, 31), "month"), True),
    ("2024-01-01", "2024-01-31", DateSpan(date(2024, 1, 1), date(2024, 12, 31), "year"), False),
    (None, "2021-02-25", DateSpan(None, date(2021, 2, 25), "day"), True),  # on or before
    (None, "2021-02-25", DateSpan.day(date(2021, 2, 10)), True),
    (None, "2021-02-25", DateSpan(date(2021, 2, 25), None, "day"), False),  # a lower bound is not inside
    ("--03-23", "--03-23", DateSpan.day(date(2021, 3, 23)), True),  # year-less: month and day only
    ("--03-23", "--03-23", DateSpan.day(date(2019, 3, 24)), True),
    ("--03-23", "--03-23", DateSpan.day(date(2021, 4, 23)), False),
    ("--01-01", "--01-31", DateSpan.day(date(2024, 1, 28)), True),
    ("2021-01-01", "--03-23", DateSpan.day(date(2021, 3, 1)), True),  # mixed span
    ("2021-01-01", "2021-01-01", None, False),
    (None, None, DateSpan.day(date(2021, 1, 1)), False),
    # partial system spans (no year): month and day against year-less gold; the year range against dated gold
    ("--02-02", "--02-02", DateSpan.month_day((2, 2), (2, 2), "day"), True),
    ("--02-02", "--02-02", DateSpan.month_day((2, 5), (2, 5), "day"), False),
    ("--01-01", "--01-31", DateSpan.month_day((1, 21), (1, 31), "month"), True),
    ("2024-02-02", "2024-02-02", DateSpan.month_day((2, 2), (2, 2), "day", (2023, None)), True),
    ("2022-02-02", "2022-02-02", DateSpan.month_day((2, 2), (2, 2), "day", (2023, None)), False),
    ("2021-01-01", "--03-23", DateSpan(date(2021, 1, 1), None, "day", None, None, (3, 23)), True),  # mixed
    (None, "2021-02-25", DateSpan.before(date(2021, 2, 25)), True),  # on or before the report
    ("2021-02-25", "2021-02-25", DateSpan.before(date(2021, 2, 25)), False),  # a bound is not the day
])
def test_evaluate_gold_dev_date_right(start, end, system, right):
    assert date_right(start, end, system) is right


def test_evaluate_gold_dev_period_needs_both_bounds():
    period = DateSpan(date(2023, 10, 17), date(2024, 2, 4), "day")
    assert period_right("2023-10-17", "2024-02-04", period)
    assert period_right("2023-10-18", None, period)
    assert not period_right("2023-10-17", "2024-01-04", period)


def test_evaluate_gold_dev_place_within_50_km_else_by_name():
    base = dict(place="Al-Asad airbase", lat=33.7856, lon=42.4411)
    gold = [_gold_event("g1", "fired rockets at Erbil", "ASSAULT", **base)]

    def run(place):
        m = _mention("m1", "Militants fired rockets at Erbil.", "fired", "ASSAULT", place=place)
        return score_events(gold, [m], {}, VOCAB).scores.shares["place (gold points)"].value

    assert run(Place("Ain al-Asad", lat=33.80, lon=42.44)) == 1.0  # ~2 km
    assert run(Place("Hit", lat=33.64, lon=42.83)) == 1.0  # ~40 km
    assert run(Place("Baghdad", lat=33.31, lon=44.37)) == 0.0  # ~190 km
    by_name = [_gold_event("g1", "fired rockets at Erbil", "ASSAULT", place="eastern Syria")]
    m = _mention("m1", "Militants fired rockets at Erbil.", "fired", "ASSAULT", place=Place("eastern Syria"))
    assert score_events(by_name, [m], {}, VOCAB).scores.shares["place"].value == 1.0


def test_evaluate_gold_dev_claims_align_by_value_and_range():
    text = "Rockets killed 2 and injured 24 people; dozens fled."
    doc = Document(id="d1", text=text, locator="x")

    def gold(gid, quote, **fields):
        record = {"id": gid, "doc": "001", "quote": quote, "value": None, "low": None, "high": None,
                  "qualifier": "exact", "unit": "killed", "period_start": None, "period_end": None,
                  "claimant": "outlet"}
        record.update(fields)
        return Gold("claims", gid, "001", record, _span(text, quote))

    def claim(cid, part, **fields):
        return NumericClaim(id=cid, doc_id="d1", sentence=Span("d1", 0, len(text), text), span=_span(text, part),
                            rule_id="t", **fields)

    golds = [gold("c1", "killed 2", value=2), gold("c2", "dozens fled", low=24, qualifier="at_least", unit="people")]
    system = [claim("s1", "injured 24", value=24.0, unit="injury"),  # a candidate for c2 too (the floor), s3 overlaps
              claim("s2", "killed 2", value=2.0, unit="fatality"),
              claim("s3", "dozens", low=24.0, unit="person", qualifier="at_least")]
    result = score_claims(golds, system, Vocabulary(units={"fatality": "killed", "person": "people"}))
    assert [(p.gold.id, p.system.id) for p in result.pairs] == [("c1", "s2"), ("c2", "s3")]
    assert result.shares["unit"].right == 2 and result.shares["claimant"].right == 2
    assert doc.text == text


def test_evaluate_gold_dev_offsets_follow_whitespace_normalisation():
    raw = "Title\n\nThe  U.S.   struck  targets.\nPhoto credit"
    stored = "Title\n\nThe U.S. struck targets."
    mapping = offset_map(raw, stored)
    start, end = raw.index("struck"), raw.index("struck") + len("struck  targets")
    assert stored[mapping[start]:mapping[end]] == "struck targets"
    doc = Document(id="d", text=stored, locator="x")
    row = {"id": "001-e01", "doc": "001", "quote": "struck  targets", "start": start, "end": end}
    [placed] = place_gold([row], "events", {"001": raw}, {"001": doc})
    assert placed.span.text == "struck targets"


def test_evaluate_gold_dev_assign_is_maximum_weight():
    assert assign([[3, 2], [3, 0]]) == [(0, 1), (1, 0)]  # 2 + 3 beats 3 + 0
    assert assign([[1], [5], [2]]) == [(1, 0)]
    assert assign([[0, 0]]) == []


def test_evaluate_gold_dev_linking_by_hand():
    # gold: {a b c} {d}; lull: {a b} {c d}
    gold = {"a": "G1", "b": "G1", "c": "G1", "d": "G2"}
    system = {"a": "S1", "b": "S1", "c": "S2", "d": "S2"}
    found = score_linking(gold, system)
    # B3 precision: a,b 2/2; c 1/2; d 1/2 -> 3/4; recall: a,b 2/3; c 1/3; d 1/1 -> (2/3+2/3+1/3+1)/4 = 2/3
    assert found.b_cubed.precision == pytest.approx(0.75) and found.b_cubed.recall == pytest.approx(2 / 3)
    # MUC recall: (3 - 2) / (3 - 1) = 1/2; precision: ((2-1) + (2-2)) / ((2-1) + (2-1)) = 1/2
    assert (found.muc.recall, found.muc.precision) == (pytest.approx(0.5), pytest.approx(0.5))
    # CEAF-e: phi(G1,S1) = 4/5, phi(G2,S2) = 2/3 -> 22/15 over 2 clusters each side
    assert found.ceaf_e.recall == pytest.approx(11 / 15) and found.ceaf_e.precision == pytest.approx(11 / 15)
    b3_f1 = 2 * 0.75 * (2 / 3) / (0.75 + 2 / 3)
    assert found.conll_f1 == pytest.approx((b3_f1 + 0.5 + 11 / 15) / 3)
    assert found.split == ("G1",) and found.merged == ("S2",)
