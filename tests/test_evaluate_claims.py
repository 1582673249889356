"""The claims scorer: loading gold, locating anchors, one-to-one matching and per-field agreement.

The document text is real (sentences of samples 001 and 003); the system
records are built by hand so each test pins one rule of
``lull.evaluate.claims``' module docstring.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from lull.errors import ConfigError
from lull.evaluate.claims import (
    EXPLANATION_FIELDS,
    NUMERIC_FIELDS,
    QUOTE_FIELDS,
    GoldExplanation,
    GoldNumeric,
    GoldPhenomenon,
    GoldQuote,
    GoldScope,
    cues_agree,
    load_explanation_gold,
    load_numeric_gold,
    load_quote_gold,
    locate_anchor,
    score_explanations,
    score_numeric_claims,
    score_quotes,
    texts_agree,
)
from lull.records import (
    Actor,
    ClaimScope,
    DateSpan,
    Document,
    Explanation,
    NumericClaim,
    Phenomenon,
    Quote,
    Span,
)

TEXT = (
    "Iraqi political analyst Ahmed Al-Alwani attributed the halt in attacks to explicit warnings from "
    "U.S. Ambassador Alina Romanowski.\n"
    "The statement also highlighted that, since November 2, Iraqi factions claimed responsibility for "
    "316 attacks against Israel, 94 of which directly impacted Israeli territories.\n"
    "Statistics show that the digit of attacks made by the Iraqi resistance groups against the US military "
    "forces stood at 264 cases from March 21, 2021 to March 20, 2022."
)
DOC = Document(id="d001", text=TEXT, locator="001_sample.txt")
DOCS = {"001_sample": DOC}
SENT_316 = ("The statement also highlighted that, since November 2, Iraqi factions claimed responsibility for "
            "316 attacks against Israel, 94 of which directly impacted Israeli territories.")
SENT_264 = "the US military forces stood at 264 cases from March 21, 2021 to March 20, 2022."
SENT_HALT = "Iraqi political analyst Ahmed Al-Alwani attributed the halt in attacks to explicit warnings from U.S."


def span(text: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return Span(DOC.id, start, start + len(text), text)


def sentence_of(text: str) -> Span:
    start = TEXT.rfind("\n", 0, TEXT.index(text)) + 1
    end = TEXT.find("\n", start)
    end = len(TEXT) if end < 0 else end
    return Span(DOC.id, start, end, TEXT[start:end])


def claim(phrase: str, value: float, *, cid: str = "c", parent_id: str | None = None, **kw) -> NumericClaim:
    return NumericClaim(id=cid, doc_id=DOC.id, sentence=sentence_of(phrase), span=span(phrase), rule_id="r",
                        unit=kw.pop("unit", "attack"), value=value, parent_id=parent_id, **kw)


GOLD_316 = GoldNumeric(doc="001_sample", line=1, sentence=SENT_316, span="316 attacks", unit="attack",
                       qualifier="exact", value=316, scope=GoldScope("ASSAULT", None, "iraqi_factions", "israel"),
                       claimant="coordinating_committee_of_iraqi_factions", claimant_text="The statement")
GOLD_94 = GoldNumeric(doc="001_sample", line=2, sentence=SENT_316, span="94", unit="attack", qualifier="exact",
                      value=94, parent="316 attacks")
GOLD_264 = GoldNumeric(doc="001_sample", line=3, sentence=SENT_264, span="264 cases", unit="attack",
                       qualifier="exact", value=264,
                       period=DateSpan(date(2021, 3, 21), date(2022, 3, 20), "day"), claimant_text="Statistics show")


def test_evaluate_claims_fields_are_complete_and_in_order():
    scores = score_numeric_claims([GOLD_316], [], DOCS)
    assert tuple(s.field for s in scores.fields) == NUMERIC_FIELDS
    assert tuple(s.field for s in score_quotes([], [], DOCS).fields) == QUOTE_FIELDS
    assert tuple(s.field for s in score_explanations([], [], DOCS).fields) == EXPLANATION_FIELDS


def test_evaluate_claims_locate_anchor_finds_the_number_phrase_inside_its_sentence():
    sentence, anchor = locate_anchor(GOLD_94, DOC)
    assert TEXT[anchor.start:anchor.end] == "94"
    assert sentence.start <= anchor.start < sentence.end
    assert TEXT[sentence.start:sentence.end] == SENT_316


@pytest.mark.parametrize("sentence, anchor, message", [
    ("This sentence is not in the document.", "316", "is not in the document text"),
    ("Iraqi", "Iraqi", "occurs 3 times"),
    (SENT_316, "264 cases", "does not start inside its sentence"),
])
def test_evaluate_claims_locate_anchor_names_the_gold_line_when_it_cannot(sentence, anchor, message):
    gold = GoldNumeric(doc="001_sample", line=7, sentence=sentence, span=anchor, unit="attack", qualifier="exact")
    with pytest.raises(ConfigError, match=message) as error:
        locate_anchor(gold, DOC)
    assert "gold line 7" in str(error.value)


def test_evaluate_claims_overlapping_span_matches_and_values_agree():
    system = [claim("316", 316, cid="a", scope=ClaimScope(event_type="ASSAULT", actor=Actor("Iraqi factions",
                                                                                                 id="iraqi_factions")))]
    scores = score_numeric_claims([GOLD_316], system, DOCS)
    assert [(g.span, p.span.text) for g, p in scores.pairs] == [("316 attacks", "316")]
    assert (scores.field("claim").tp, scores.field("value").tp, scores.field("actor").tp) == (1, 1, 1)
    assert scores.field("recipient").predicted == 0 and scores.field("recipient").gold == 1
    assert scores.field("recipient").recall == 0.0


def test_evaluate_claims_spurious_claims_cost_precision_and_missed_ones_recall():
    system = [claim("316 attacks", 300, cid="a"), claim("November 2", 2, cid="b", unit="day")]
    scores = score_numeric_claims([GOLD_316, GOLD_264], system, DOCS)
    detection = scores.field("claim")
    assert (detection.tp, detection.predicted, detection.gold) == (1, 2, 2)
    assert [g.span for g in scores.missed] == ["264 cases"]
    assert [p.span.text for p in scores.spurious] == ["November 2"]
    assert scores.field("value").tp == 0  # 300 is not 316
    assert detection.precision == detection.recall == pytest.approx(0.5)


def test_evaluate_claims_one_system_claim_matches_one_gold_claim_by_largest_overlap():
    wide = NumericClaim(id="w", doc_id=DOC.id, sentence=sentence_of("316"), rule_id="r", unit="attack", value=316,
                        span=Span(DOC.id, span("316").start, span("94").end, "316 attacks against Israel, 94"))
    scores = score_numeric_claims([GOLD_316, GOLD_94], [wide], DOCS)
    assert [g.span for g, _ in scores.pairs] == ["316 attacks"]
    assert [g.span for g in scores.missed] == ["94"]


@pytest.mark.parametrize("parent_of_94, expected_tp", [("a", 1), ("elsewhere", 0)])
def test_evaluate_claims_parent_agrees_only_with_the_claim_matched_to_the_gold_parent(parent_of_94, expected_tp):
    system = [claim("316 attacks", 316, cid="a"), claim("94", 94, cid="b", parent_id=parent_of_94)]
    parent = score_numeric_claims([GOLD_316, GOLD_94], system, DOCS).field("parent")
    assert (parent.tp, parent.predicted, parent.gold) == (expected_tp, 1, 1)


@pytest.mark.parametrize("period, agrees", [
    (DateSpan(date(2021, 3, 21), date(2022, 3, 20), "day"), True),
    (DateSpan(date(2021, 3, 21), date(2022, 3, 21), "day"), False),  # end a day late
    (DateSpan(date(2021, 3, 21), None, "day"), False),  # open where the gold is closed
    (DateSpan(date(2021, 1, 1), date(2021, 12, 31), "year"), False),
])
def test_evaluate_claims_period_needs_start_and_end_at_the_gold_precision(period, agrees):
    system = [claim("264 cases", 264, period=period, claimant_text="Statistics")]
    scores = score_numeric_claims([GOLD_264], system, DOCS)
    assert scores.field("period").tp == int(agrees)
    assert scores.field("claimant_text").tp == 1


@pytest.mark.parametrize("gold, system, agrees", [
    ("Al-Basri", "Security expert Mohammad Al-Basri", True),
    ("Ihsan al-Shammari", "Al-Shammari", True),
    ("the committee’s statement", "The statement", True),
    ("Al-Shammari", "He", False),
    ("head of the Iraqi Political Thinking Center", "secretary-general of the Faithful Promise Corps", False),
    ("It is said", None, False),
])
def test_evaluate_claims_texts_agree_when_one_holds_the_others_words(gold, system, agrees):
    assert texts_agree(gold, system) is agrees


@pytest.mark.parametrize("gold, system, agrees", [
    ("pointed out", "points out", True),
    ("said", "says", True),
    ("noting", "noted", True),
    ("emphasized", "emphasizes", True),
    ("stressing", "stressed", True),
    ("as saying", "said", True),
    ("According to", "according", True),
    ("wrote on X", "write", True),
    ("said", "stated", False),
    ("claimed", "concluded", False),
])
def test_evaluate_claims_cues_agree_on_a_shared_stem(gold, system, agrees):
    assert cues_agree(gold, system) is agrees


def test_evaluate_claims_quotes_score_speaker_ids_and_texts_separately():
    gold = GoldQuote(doc="001_sample", line=1, sentence=SENT_HALT, content="the halt in attacks to explicit warnings",
                     kind="indirect", speaker="ahmed_al_alwani", speaker_text="Iraqi political analyst Ahmed Al-Alwani",
                     role="Iraqi political analyst", cue="attributed")
    system = Quote(id="q", doc_id=DOC.id, sentence=sentence_of("attributed"), rule_id="r", kind="direct",
                   content=span("the halt in attacks to explicit warnings from U.S. Ambassador Alina Romanowski"),
                   speaker=Actor("Ahmed Al-Alwani"), speaker_text="Ahmed Al-Alwani", cue="attributed")
    scores = score_quotes([gold], [system], DOCS)
    got = {s.field: (s.tp, s.predicted, s.gold) for s in scores.fields}
    assert got == {"quote": (1, 1, 1), "kind": (0, 1, 1), "speaker": (0, 0, 1), "speaker_text": (1, 1, 1),
                   "role": (0, 0, 1), "cue": (1, 1, 1)}


def test_evaluate_claims_explanations_score_category_phenomenon_and_proponent():
    gold = GoldExplanation(doc="001_sample", line=1, sentence=SENT_HALT,
                           cause="explicit warnings from U.S. Ambassador Alina Romanowski",
                           category="external_pressure", relation="caused",
                           phenomenon=GoldPhenomenon("halt", "iraqi_factions", "israel", "the halt in attacks"),
                           proponent="ahmed_al_alwani", proponent_text="Iraqi political analyst Ahmed Al-Alwani")
    system = Explanation(id="e", doc_id=DOC.id, sentence=sentence_of("attributed"), rule_id="r",
                         cause=span("warnings from U.S. Ambassador Alina Romanowski"), category="deterrence_threat",
                         phenomenon=Phenomenon("halt", actor=Actor("Iraqi factions", id="iraqi_factions")),
                         proponent=Actor("Ahmed Al-Alwani", id="ahmed_al_alwani"), proponent_text="Ahmed Al-Alwani",
                         hedge="reportedly")
    got = {s.field: (s.tp, s.predicted, s.gold) for s in score_explanations([gold], [system], DOCS).fields}
    assert got == {"explanation": (1, 1, 1), "category": (0, 1, 1), "relation": (1, 1, 1), "direction": (1, 1, 1),
                   "phenomenon_actor": (1, 1, 1), "phenomenon_recipient": (0, 0, 1), "proponent": (1, 1, 1),
                   "proponent_text": (1, 1, 1), "stance": (1, 1, 1), "hedge": (0, 1, 0)}


def test_evaluate_claims_records_of_other_documents_are_ignored():
    other = NumericClaim(id="x", doc_id="another", sentence=Span("another", 0, 5, "12345"),
                         span=Span("another", 0, 3, "123"), rule_id="r", unit="attack", value=123)
    assert score_numeric_claims([GOLD_316], [other], DOCS).field("claim").predicted == 0


def write_lines(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


NUMERIC_LINE = {"doc": "001_sample", "sentence": SENT_316, "span": "316 attacks", "unit": "attack", "value": 316}


@pytest.mark.parametrize("loader, record, message", [
    (load_numeric_gold, {**NUMERIC_LINE, "qualifier": "roughly"}, "qualifier 'roughly' is not one of"),
    (load_numeric_gold, {**NUMERIC_LINE, "unit": None}, "lacks unit"),
    (load_numeric_gold, {**NUMERIC_LINE, "value": "316"}, "is not a number"),
    (load_numeric_gold, {**NUMERIC_LINE, "parent": "400 attacks"}, "parent '400 attacks' is not the span"),
    (load_numeric_gold, {**NUMERIC_LINE, "period": {"start": "2021-13-01", "end": None, "precision": "day"}},
     "bad period"),
    (load_quote_gold, {"doc": "d", "sentence": "s", "content": "c", "kind": "rumour"}, "kind 'rumour'"),
    (load_explanation_gold, {"doc": "d", "sentence": "s", "cause": "c", "category": "x",
                             "phenomenon": {"direction": "lull"}}, "direction 'lull'"),
    (load_explanation_gold, {"doc": "d", "sentence": "s", "cause": "c", "category": "x", "phenomenon": "halt"},
     "phenomenon needs at least a direction"),
])
def test_evaluate_claims_loaders_name_the_bad_line_and_the_fix(tmp_path, loader, record, message):
    path = write_lines(tmp_path / "gold.jsonl", record)
    with pytest.raises(ConfigError, match=message) as error:
        loader(path)
    assert f"{path} line 1" in str(error.value)


def test_evaluate_claims_loader_reads_a_full_numeric_line(tmp_path):
    record = {**NUMERIC_LINE, "qualifier": "about", "rate_per": "week",
              "scope": {"event_type": "ASSAULT", "actor": "iraqi_factions", "recipient": "israel"},
              "period": {"start": "2023-11-02", "end": None, "precision": "day"}}
    (gold,) = load_numeric_gold(write_lines(tmp_path / "gold.jsonl", record))
    assert (gold.value, gold.qualifier, gold.rate_per, gold.scope.recipient) == (316.0, "about", "week", "israel")
    assert gold.period == DateSpan(date(2023, 11, 2), None, "day")
