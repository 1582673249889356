"""Numeric claims and quotes on corpus-dev (46 texts lull was not written on), scored against ../shared/gold-dev.

Out-of-sample floors, about 0.02 below what was measured when they were set (claims-0.5.0): claims F1 on
value .918 (on aligned claims: unit .774 as aligned here, qualifier .988, claimant .929; period right on 42 of the 67 gold
claims with a period, .627 before merging ev-dates, 34 of 67 = .507 after: to look into), quotes F1 with the right speaker .756. The Done-when targets of issue 11 are
higher (period .80, quotes .80): these floors only stop regressions.
Alignment follows the gold-dev README ("How to score" 2 and 4): claims within a document by value (low/high
for ranges and vague amounts), quotes by span overlap, then the speaker's name.
"""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from conftest import CORPUS_DEV, SHARED

GOLD_DEV = SHARED / "gold-dev"
pytestmark = pytest.mark.skipif(not (CORPUS_DEV.is_dir() and GOLD_DEV.is_dir()),
                                reason=f"needs the shared corpus-dev and gold-dev in {SHARED} (set LULL_SHARED)")

# re-pinned 2026-12-07 (claims and quotes work of session 3), measured: value .923, unit .821, qualifier .988,
# claimant .964, period .552 (of all gold claims with a period, this file's stricter count), quotes .910
FLOORS = {"claims_value": 0.90, "claims_unit": 0.80, "claims_qualifier": 0.96, "claims_claimant": 0.94,
          "claims_period": 0.53, "quotes_speaker": 0.89}


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (GOLD_DEV / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def extracted():
    from lull.extract.documents import extract_documents
    from lull.knowledge import Knowledge
    from lull.nlp.pipeline import build_pipeline
    from lull.records import DateSpan, Document
    from lull.run import _bounded
    from lull.settings import Settings

    knowledge = Knowledge.load(Settings())
    index = [json.loads(line) for line in (CORPUS_DEV / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    docs = []
    for meta in index:
        published = DateSpan.day(dt.date.fromisoformat(meta["published"]), "user") if meta.get("published") else None
        text = (CORPUS_DEV / f"{meta['id']}.txt").read_text(encoding="utf-8")
        docs.append(_bounded(Document(id=meta["id"], text=text, locator=f"{meta['id']}.txt", published=published),
                             knowledge))
    nlp = build_pipeline(Settings(), knowledge=knowledge)
    return {e.doc_id: e for e in extract_documents(docs, nlp=nlp)}


def _words(name: str | None) -> str:
    name = (name or "").lower().replace("’", "'").replace("(unnamed)", "")
    return " ".join(re.sub(r"[^\w' ]", " ", name).split())


def _same_speaker(gold: str | None, names: list[str | None]) -> bool:
    parts = [_words(p) for p in (gold or "").split(";")]
    return any(p and n and (p == n or f" {p} " in f" {n} " or f" {n} " in f" {p} ")
               for p in parts for n in map(_words, names))


def _key(x) -> tuple:
    value, low, high = (x["value"], x["low"], x["high"]) if isinstance(x, dict) else (x.value, x.low, x.high)
    return (value,) if value is not None else ((low,) if high is None else (low, high))


def _same_period(g: dict, period) -> bool:
    """Gold "period_start"/"period_end" against a DateSpan; a year-less gold end ("--03-23") compares month-day."""
    def same(gold: str | None, day) -> bool:
        if gold is None or day is None:
            return gold is None and day is None
        return day.isoformat()[4:] == gold[1:] if gold.startswith("--") else day.isoformat() == gold
    return period is not None and same(g["period_start"], period.start) and same(g["period_end"], period.end)


def _f1(tp: int, system: int, gold: int) -> float:
    return 2 * tp / (system + gold) if system + gold else 1.0


@pytest.fixture(scope="module")
def scores(extracted) -> dict[str, float]:
    out: dict[str, float] = {}
    gold = _rows("claims.jsonl")
    tp = system = unit = qualifier = claimant = period = 0
    for doc_id, extraction in extracted.items():
        left = list(extraction.numeric_claims)
        system += len(left)
        for g in (g for g in gold if g["doc"] == doc_id):
            match = next((c for c in left if _key(c) == _key(g)), None)
            if match is None:
                continue
            left.remove(match)
            tp += 1
            unit += match.unit.rstrip("s") == g["unit"].lower().rstrip("s")
            qualifier += match.qualifier == g["qualifier"]
            period += bool(g["period_start"] or g["period_end"]) and _same_period(g, match.period)
            said = "outlet" if match.claimant is None and match.claimant_text is None else None
            claimant += _same_speaker(g["claimant"], [said, match.claimant and match.claimant.name,
                                                      match.claimant and match.claimant.text, match.claimant_text])
    out.update(claims_value=_f1(tp, system, len(gold)), claims_unit=unit / tp, claims_qualifier=qualifier / tp,
               claims_claimant=claimant / tp,
               claims_period=period / sum(1 for g in gold if g["period_start"] or g["period_end"]))
    gold_q = _rows("quotes.jsonl")
    right = system = 0
    for doc_id, extraction in extracted.items():
        quotes = list(extraction.quotes)
        system += len(quotes)
        for g in (g for g in gold_q if g["doc"] == doc_id):
            match = next((q for q in quotes if q.content.start < g["end"] and g["start"] < q.content.end
                          and _same_speaker(g["speaker"], [q.speaker and q.speaker.name, q.speaker_text])), None)
            if match is not None:
                quotes.remove(match)
                right += 1
    out["quotes_speaker"] = _f1(right, system, len(gold_q))
    return out


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_gold_dev_claims_and_quotes_stay_above_floor(scores, measure):
    assert scores[measure] >= FLOORS[measure], f"{measure}: {scores[measure]:.3f} fell below {FLOORS[measure]}"


def test_gold_dev_no_date_ordinal_year_or_name_read_as_a_count(extracted):
    """No claim's number is a year, a day of a date, an ordinal or part of a name in corpus-dev."""
    date_like = re.compile(r"^(1[89]|20)\d\d$|^\d+(st|nd|rd|th)$", re.IGNORECASE)
    months = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december")
    for extraction in extracted.values():
        for claim in extraction.numeric_claims:
            first = claim.span.text.split()[0]
            before = claim.sentence.text[:claim.span.start - claim.sentence.start].split()[-1:]
            assert not date_like.match(first), claim
            assert not (before and before[0].lower().strip(".,") in months), claim


def test_gold_dev_every_transcript_paragraph_is_attributed(extracted):
    """Each gold quote of a labelled briefing paragraph (direct, in a text with "NAME:" labels) is found with its
    speaker."""
    gold = [g for g in _rows("quotes.jsonl") if g["direct"]]
    labelled = {p.stem for p in CORPUS_DEV.glob("*.txt")
                if re.search(r"^[A-Z][A-Z. ]+[A-Z.]: ", p.read_text(encoding="utf-8"), re.MULTILINE)}
    missed = []
    for g in gold:
        if g["doc"] not in labelled:
            continue
        quotes = extracted[g["doc"]].quotes
        if not any(q.content.start < g["end"] and g["start"] < q.content.end
                   and _same_speaker(g["speaker"], [q.speaker and q.speaker.name, q.speaker_text]) for q in quotes):
            missed.append(g["id"])
    assert len(missed) <= 3, f"transcript paragraphs without their speaker: {missed}"
