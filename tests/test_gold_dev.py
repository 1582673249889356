"""Floors on gold-dev (46 corpus-dev texts coded by others; see $LULL_SHARED/gold-dev/README.md).

One run of lull's real pipeline (ingest -> extract -> resolve into a temporary
store) is shared by every assertion. Floors are the figures measured when they
were pinned (BENCHMARKS.md, "gold-dev (unseen text)") minus a small margin:
raise them when lull improves, never lower them to let a change through.
"""
from __future__ import annotations

import pytest

from conftest import SHARED

CORPUS, GOLD = SHARED / "corpus-dev", SHARED / "gold-dev"
MARGIN = 0.02


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    if not (CORPUS / "index.jsonl").exists() or not (GOLD / "events.jsonl").exists():
        pytest.skip(f"gold-dev floors need {CORPUS} and {GOLD}; set LULL_SHARED to the shared data folder")
    from lull.evaluate.gold_dev import build_store, read_store, score_gold_dev

    db = tmp_path_factory.mktemp("gold-dev") / "lull.db"
    build_store(CORPUS, db)
    return score_gold_dev(GOLD, read_store(CORPUS, db))


# measured 2026-12-07 on the merged session-3 main (BENCHMARKS.md, "gold-dev (unseen text)"); the floor is this
# minus MARGIN. Shares are over aligned mentions, which grew from 225 to 267 with the trigger work, so they are not
# like-for-like with earlier pins.
MEASURED = {
    "events mention F1": 0.764,  # triggers: labels/headings, capability and danger-sense nouns, operations, wars
    "events full row F1": 0.229,  # actors (arguments, alias grid, recipients) + modality scope + triggers
    "events actor": 0.627,  # 141/225
    "events recipient": 0.424,  # 89/210
    "events modality": 0.843,  # 225/267: modality scope, official own-side voice, threats as warnings
    "events date": 0.814,  # 118/145: nearest date in the clause, offsets, paragraph scene dates, report periods
    "events place (gold points)": 0.868,  # 33/38: relative-clause nouns, points-back inheritance, gazetteer
    "events core mention F1": 0.767,
    "linking B3 F1": 0.837,  # every mention in an event (Event.countability), period vs point, reversed roles
    "linking CoNLL F1": 0.750,
    "claims F1": 0.923,
    "claims unit": 0.869,
    "claims claimant": 0.964,
    "claims period": 0.845,  # 49/58 aligned claims with a period
    "explanations F1": 0.857,
    "explanations with proponent and direction F1": 0.857,
    "explanations period": 0.96,  # 24/25 aligned explanations with a period
    "quotes F1 (right speaker)": 0.918,
}


def _measured(result) -> dict[str, float]:
    ev = result.events
    shares = ev.scores.shares
    return {
        "events mention F1": ev.scores.detection.f1,
        "events full row F1": ev.full_row.f1,
        "events actor": shares["actor"].value,
        "events recipient": shares["recipient"].value,
        "events modality": shares["modality"].value,
        "events date": shares["date"].value,
        "events place (gold points)": shares["place (gold points)"].value,
        "events core mention F1": ev.core.detection.f1,
        "linking B3 F1": ev.linking.b_cubed.f1,
        "linking CoNLL F1": ev.linking.conll_f1,
        "claims F1": result.claims.detection.f1,
        "claims unit": result.claims.shares["unit"].value,
        "claims claimant": result.claims.shares["claimant"].value,
        "claims period": result.claims.shares["period"].value,
        "explanations F1": result.explanations.detection.f1,
        "explanations with proponent and direction F1": result.explanations.extra["with proponent and direction"].f1,
        "explanations period": result.explanations.shares["period"].value,
        "quotes F1 (right speaker)": result.quotes.detection.f1,
    }


def test_gold_dev_every_gold_quote_is_found_in_the_stored_text(result):
    assert [g.id for g in result.unplaced] == []


@pytest.mark.parametrize("metric", sorted(MEASURED))
def test_gold_dev_floor(result, metric):
    got = _measured(result)[metric]
    assert got >= MEASURED[metric] - MARGIN, f"{metric} fell to {got:.3f} (pinned {MEASURED[metric]:.3f})"


def test_gold_dev_linking_splits_and_merges_do_not_grow(result):
    # session 3: 267 aligned mentions (was 225) and every mention now belongs to an event (the 72 plural, generic,
    # hypothetical and negated mentions were singletons the scorer did not count as splits): 25 gold events split,
    # most of them campaigns (militia attacks on US forces 2023-24 over ~12 lull events, their mentions stating no
    # period) and standing support relations; 16 lull events hold >1 gold event (was 17)
    assert len(result.events.linking.split) <= 25
    assert len(result.events.linking.merged) <= 16
