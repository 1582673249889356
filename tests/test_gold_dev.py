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


# measured 2026-11-27 on goldscore (see BENCHMARKS.md); the floor is this minus MARGIN
MEASURED = {
    "events mention F1": 0.642,  # ev-recall2: headlines re-parsed, threats, denials, listings, interceptions
    "events full row F1": 0.134,  # ev-actors on ev-recall2: recipients as parties, Iran-backed militias, titles
    "events actor": 0.538,  # ev-actors: 100/186 (main alone 84/186)
    "events recipient": 0.354,  # ev-actors: 64/181 (main alone 46/181): sites stand for their users or garrison
    "events modality": 0.764,  # ev-dates: news reference, official voice, conjuncts (0.727 before)
    "events date": 0.613,  # ev-actors on ev-recall2: 76/124 ("the attack", "these strikes" take their antecedent's)
    "events place (gold points)": 0.545,  # ev-actors: 18/33 (main alone 15/33): "the Erbil rocket attacks", fills
    "events core mention F1": 0.646,
    "linking B3 F1": 0.803,  # re-pinned after ev-actors (main alone 0.810): more mentions carry actors the linker
    "linking CoNLL F1": 0.673,  # must find compatible (main alone 0.685; 0.701 was ev-dates before ev-recall2)
    "claims F1": 0.729,
    "claims unit": 0.661,
    "claims claimant": 0.677,
    "claims period": 0.068,
    "explanations F1": 0.0,
    "quotes F1 (right speaker)": 0.483,
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
        "quotes F1 (right speaker)": result.quotes.detection.f1,
    }


def test_gold_dev_every_gold_quote_is_found_in_the_stored_text(result):
    assert [g.id for g in result.unplaced] == []


@pytest.mark.parametrize("metric", sorted(MEASURED))
def test_gold_dev_floor(result, metric):
    got = _measured(result)[metric]
    assert got >= MEASURED[metric] - MARGIN, f"{metric} fell to {got:.3f} (pinned {MEASURED[metric]:.3f})"


def test_gold_dev_linking_splits_and_merges_do_not_grow(result):
    # ev-recall2: 225 aligned mentions (was 212): the newly found threats and headline strikes of one gold event
    # (us_warning_after_strike_20210225 in 004 and 005, biden_warning_ottawa_20230324) are not yet linked by link/
    # ev-actors: 24 (was 23): one gold event's mentions now carry actors the linker does not find compatible
    assert len(result.events.linking.split) <= 24
    # ev-recall: more aligned mentions; link/ to use Mention.aggregate. ev-actors: 17 (was 16): a coreferent fill
    # ("the attack" taking its antecedent's actor, place and date) lets link/ join one more pair of gold events
    assert len(result.events.linking.merged) <= 17
