"""The gold scorer on tiny hand cases: matching rule, per-field agreement, gold-file errors."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from lull.errors import ConfigError
from lull.evaluate.events import (
    GoldMention, documents_by_stem, km_between, load_gold, locate, same_at_precision, score_events,
)
from lull.records import Actor, DateSpan, Document, Mention, Place, Span

TEXT = (
    "Since February 2, when the Islamic Resistance in Iraq targeted American positions at the Al-Harir Air base "
    "in a drone attack, there has not been any strike against US terrorist forces in Iraq. "
    "After halting attacks against American forces and not responding to recent American attacks, "
    "qualitative attacks against positions of the Israeli regime have increased."
)
DOC = Document(id="d0", text=TEXT, locator="samples/000_test.txt")
DOCS = {"000_test": DOC}
S1 = TEXT[: TEXT.index(" After")]
S2 = TEXT[TEXT.index("After"):]
HARIR = Place(text="Al-Harir Air base", name="Al-Harir Air Base", lat=36.5336, lon=44.3414, precision=1)


def gold(trigger: str, sentence: str = S1, **fields) -> GoldMention:
    fields.setdefault("type", "ASSAULT")
    fields.setdefault("modality", "asserted")
    return GoldMention(doc="000_test", line=1, sentence=sentence, trigger=trigger, **fields)


def mention(trigger: str, type_: str = "ASSAULT", nth: int = 0, doc: Document = DOC, **fields) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(trigger, start + 1)
    span = Span(doc.id, start, start + len(trigger), trigger)
    return Mention(id=f"m{start}", doc_id=doc.id, sentence=span, trigger=span, rule_id="test", type=type_, **fields)


def test_evaluate_exact_trigger_match_scores_one():
    scores = score_events([gold("targeted")], [mention("targeted")], DOCS)
    assert [(f.tp, f.predicted, f.gold) for f in scores.fields[:4]] == [(1, 1, 1)] * 4
    assert scores.field("mention").f1 == 1.0


@pytest.mark.parametrize("system_trigger, system_type, matched", [
    ("attack", "ASSAULT", True),   # another word of the same clause, same type: rule 2
    ("attack", "THREATEN", False),  # same sentence but another type: no match
    ("qualitative", "ASSAULT", False),  # same type but outside the gold sentence
])
def test_evaluate_same_sentence_rule_needs_same_type(system_trigger, system_type, matched):
    scores = score_events([gold("targeted")], [mention(system_trigger, system_type)], DOCS)
    assert scores.field("mention").tp == int(matched)


def test_evaluate_same_sentence_rule_pairs_the_closest_triggers():
    golds = [gold("responding", sentence=S2, modality="negated"), gold("attacks", sentence=S2, occurrence=2)]
    scores = score_events(golds, [mention("increased")], DOCS)
    assert [(g.trigger, m.trigger.text) for g, m in scores.pairs] == [("attacks", "increased")]


def test_evaluate_overlap_prefers_same_type():
    predicted = [mention("targeted", "THREATEN"), mention("targeted American", "ASSAULT")]
    scores = score_events([gold("targeted")], predicted, DOCS)
    assert scores.pairs[0][1].type == "ASSAULT"
    assert scores.field("type").precision == 0.5  # the THREATEN mention is spurious


def test_evaluate_occurrence_picks_the_nth_whole_word():
    g = gold("attacks", sentence=S2, occurrence=2)
    _, trigger = locate(g, DOC)
    assert TEXT[trigger.start - len("qualitative "): trigger.end] == "qualitative attacks"
    scores = score_events([g], [mention("attacks", nth=0), mention("attacks", nth=2)], DOCS)
    assert scores.pairs[0][1].trigger.start == trigger.start


def test_evaluate_spurious_and_missed_mentions_count():
    golds = [gold("targeted"), gold("strike", modality="negated")]
    predicted = [mention("targeted"), mention("responding", modality="negated")]
    scores = score_events(golds, predicted, DOCS)
    detection = scores.field("mention")
    assert (detection.precision, detection.recall) == (0.5, 0.5)
    assert [g.trigger for g in scores.missed] == ["strike"]
    assert [m.trigger.text for m in scores.spurious] == ["responding"]
    assert scores.field("modality").tp == 1  # the matched pair: asserted == asserted


@pytest.mark.parametrize("system_modality, expected_tp", [("asserted", 0), ("negated", 1)])
def test_evaluate_modality_must_agree(system_modality, expected_tp):
    scores = score_events([gold("strike", modality="negated")], [mention("strike", modality=system_modality)], DOCS)
    assert scores.field("modality").tp == expected_tp
    assert scores.field("mention").tp == 1


@pytest.mark.parametrize("actor_ids, tp, predicted", [
    (("islamic_resistance_in_iraq",), 1, 1),
    (("kataib_hezbollah", "islamic_resistance_in_iraq"), 1, 1),  # any of the system's actors
    (("iraqi_factions",), 0, 1),  # exact ids: no KB ancestry
    ((None,), 0, 0),  # an actor without a KB id is not a system value
])
def test_evaluate_actor_is_exact_id_among_system_actors(actor_ids, tp, predicted):
    actors = tuple(Actor(text="x", id=i) for i in actor_ids)
    scores = score_events([gold("targeted", actor="islamic_resistance_in_iraq")],
                          [mention("targeted", actors=actors)], DOCS)
    actor = scores.field("actor")
    assert (actor.tp, actor.predicted, actor.gold) == (tp, predicted, 1)


def test_evaluate_value_where_gold_is_null_costs_precision_only():
    scores = score_events([gold("strike", recipient=None)],
                          [mention("strike", recipients=(Actor(text="US forces", id="us_forces"),))], DOCS)
    recipient = scores.field("recipient")
    assert (recipient.tp, recipient.predicted, recipient.gold) == (0, 1, 0)


@pytest.mark.parametrize("lat, lon, tp", [
    (36.5336, 44.3414, 1),
    (36.45, 44.20, 1),  # about 15 km away
    (36.19117, 44.00943, 0),  # Erbil city, about 48 km away
    (None, None, 0),  # unresolved place: not a system value
])
def test_evaluate_place_within_25_km(lat, lon, tp):
    place = Place(text="Al-Harir", lat=lat, lon=lon, precision=1)
    scores = score_events([gold("targeted", place=HARIR)], [mention("targeted", place=place)], DOCS)
    assert scores.field("place").tp == tp
    assert scores.field("place").predicted == (lat is not None)


def test_evaluate_km_between_baghdad_and_erbil():
    baghdad = Place(text="Baghdad", lat=33.3406, lon=44.4009)
    erbil = Place(text="Erbil", lat=36.1912, lon=44.0094)
    assert 310 < km_between(baghdad, erbil) < 325


@pytest.mark.parametrize("gold_span, system_start, same", [
    (DateSpan.day(date(2024, 2, 2)), date(2024, 2, 2), True),
    (DateSpan.day(date(2024, 2, 2)), date(2024, 2, 3), False),
    (DateSpan(date(2024, 2, 1), date(2024, 2, 29), "month"), date(2024, 2, 20), True),
    (DateSpan(date(2024, 2, 1), date(2024, 2, 29), "month"), date(2024, 3, 1), False),
    (DateSpan(date(2024, 1, 28), date(2024, 1, 28), "week"), date(2024, 1, 22), True),  # ISO week 4
    (DateSpan(date(2024, 1, 28), date(2024, 1, 28), "week"), date(2024, 1, 29), False),
    (DateSpan(date(2020, 1, 1), date(2020, 12, 31), "year"), date(2020, 1, 3), True),
    (DateSpan(date(2024, 2, 2), None, "day"), date(2024, 2, 2), True),  # open span: its start
])
def test_evaluate_date_compares_starts_at_gold_precision(gold_span, system_start, same):
    assert same_at_precision(gold_span, DateSpan.day(system_start)) is same


def test_evaluate_fatalities_and_date_fields():
    g = gold("targeted", date=DateSpan.day(date(2024, 2, 2)), fatalities=3)
    m = mention("targeted", date=DateSpan(date(2024, 2, 2), None, "day"), fatalities=2)
    scores = score_events([g], [m], DOCS)
    assert scores.field("date").tp == 1
    assert (scores.field("fatalities").tp, scores.field("fatalities").predicted) == (0, 1)


def test_evaluate_ignores_mentions_of_other_documents():
    other = Document(id="d1", text=TEXT, locator="x/other.txt")
    scores = score_events([gold("targeted")], [mention("targeted", doc=other)], DOCS)
    assert scores.field("mention").predicted == 0
    assert scores.field("mention").recall == 0.0


def test_evaluate_documents_by_stem_keys_by_file_stem():
    assert list(documents_by_stem([DOC])) == ["000_test"]


def _write(tmp_path: Path, records: list[dict | str]) -> Path:
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


GOOD = {"doc": "000_test", "sentence": S1, "trigger": "targeted", "type": "ASSAULT", "mode": "drone",
        "modality": "historical", "actor": "islamic_resistance_in_iraq", "recipient": "us_forces",
        "place": {"name": "Al-Harir Air Base", "lat": 36.5336, "lon": 44.3414, "precision": 1},
        "date": {"start": "2024-02-02", "end": "2024-02-02", "precision": "day"}, "fatalities": None}


def test_evaluate_load_gold_reads_records(tmp_path):
    (loaded,) = load_gold(_write(tmp_path, [GOOD]))
    assert loaded.place.lat == 36.5336 and loaded.date == DateSpan.day(date(2024, 2, 2))
    assert loaded.mode == "drone" and loaded.occurrence == 0 and loaded.line == 1


@pytest.mark.parametrize("bad, message", [
    ("{not json", "line 2 is not valid JSON"),
    ({**GOOD, "modality": "alleged"}, "modality 'alleged'"),
    ({**GOOD, "trigger": ""}, "lacks trigger"),
    ({**GOOD, "date": {"start": "2024-02-30", "precision": "day"}}, "bad place or date"),
])
def test_evaluate_load_gold_names_the_bad_line(tmp_path, bad, message):
    with pytest.raises(ConfigError, match=message):
        load_gold(_write(tmp_path, [GOOD, bad]))


@pytest.mark.parametrize("sentence, trigger, occurrence, message", [
    ("There was no attack at all.", "attack", 0, "is not in the document text"),
    (S1, "launched", 0, "occurrence 0 is not in its sentence"),
    (S2, "attacks", 3, "occurrence 3"),
    (S1, "attack", 1, "occurrence 1"),  # whole words only: 'attack' once, not inside 'attacks'
])
def test_evaluate_locate_fails_loudly(sentence, trigger, occurrence, message):
    with pytest.raises(ConfigError, match=message):
        locate(gold(trigger, sentence=sentence, occurrence=occurrence), DOC)
