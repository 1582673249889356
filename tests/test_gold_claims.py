"""Numeric claims, quotes and explanations on the five samples, scored against the claims gold, with F1 floors.

The floors sit about 0.03 below what the full pipeline reached when they were
last set (``benchmarks/bench_gold_claims.py`` prints the same numbers with P
and R), so a regression fails the build. Raise a floor when the system
improves; never lower one to make a change pass without saying why in the
commit message. A claims component that is missing is an ImportError here,
never a skip.
"""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import yaml

from lull.evaluate.events import documents_by_stem
from lull.evaluate.claims import (
    EXPLANATION_FIELDS,
    NUMERIC_FIELDS,
    QUOTE_FIELDS,
    ClaimScores,
    load_explanation_gold,
    load_numeric_gold,
    load_quote_gold,
    locate_anchor,
    score_explanations,
    score_numeric_claims,
    score_quotes,
)
from lull.records import Document
from lull.knowledge.actors import ActorKB
from lull.run import ingest
from lull.settings import Settings
from lull.store import Store

GOLD = Path(__file__).resolve().parent / "gold"
CAUSES = Path(__file__).resolve().parent.parent / "src" / "lull" / "data" / "causes.yaml"

# F1 floors per (kind, field): the F1 measured on the full pipeline minus about 0.03.
FLOORS = {
    # Last measured (claims-0.2.0). In-sample: the components were built on these five samples with this gold
    # in the repo, so these floors guard against regressions; they are not estimates of accuracy elsewhere.
    # numeric: every field 1.0 except actor .769, recipient .769
    "numeric": {
        "claim": 0.97, "value": 0.97, "qualifier": 0.97, "unit": 0.97, "rate_per": 0.97, "event_type": 0.97,
        # period re-pinned 0.97 -> 0.77 after ev-actors (2/3 right, P .667 R 1.0): 6ca98acd's "killing and wounding
        # dozens" now carries the 27 January date of an earlier mention of its paragraph (_carry_periods); the
        # mentions' dates are the same as on main, the gate that lets the carry through is not yet isolated
        "actor": 0.73, "recipient": 0.73, "target_area": 0.97, "period": 0.97, "parent": 0.97, "claimant": 0.97,
        "claimant_text": 0.97,
    },
    # quotes: quote 1, kind 1, speaker .988, speaker_text 1, role .985, cue 1
    "quotes": {"quote": 0.97, "kind": 0.97, "speaker": 0.95, "speaker_text": 0.97, "role": 0.95, "cue": 0.97},
    # explanations (claims-0.3.0, re-pinned lower: the general cause-effect cues of data/patterns/causal.yaml add
    # 5 explanations on the samples that the in-sample gold does not list; recall unchanged):
    # explanation .899, category .870, relation .870, direction .870, phenomenon_actor .758,
    # phenomenon_recipient .882, stance .899, hedge .750 (was .984/.952/.952/.952/.806/.952/.984/.857)
    "explanations": {
        "explanation": 0.88, "category": 0.85, "relation": 0.85, "direction": 0.85, "phenomenon_actor": 0.74,
        "phenomenon_recipient": 0.86, "proponent": 0.91, "proponent_text": 0.94, "stance": 0.88, "hedge": 0.73,
    },
}
FIELDS = {"numeric": NUMERIC_FIELDS, "quotes": QUOTE_FIELDS, "explanations": EXPLANATION_FIELDS}
# kind -> (module registering the factory, factory name, Doc extension)
COMPONENTS = {
    "numeric": ("lull.nlp.number_finder", "lull_numbers", "lull_numeric_claims"),
    "quotes": ("lull.nlp.quote_finder", "lull_quotes", "lull_quotes"),
    "explanations": ("lull.nlp.explanation_finder", "lull_explanations", "lull_explanations"),
}
# the components a kind needs, in pipeline order (explanations read the quotes for their proponents)
NEEDS = {"numeric": ("numeric",), "quotes": ("quotes",), "explanations": ("quotes", "explanations")}


def gold_of(kind: str) -> tuple:
    if kind == "numeric":
        return load_numeric_gold(GOLD / "numeric_claims.jsonl")
    if kind == "quotes":
        return load_quote_gold(GOLD / "quotes.jsonl")
    return load_explanation_gold(GOLD / "explanations.jsonl")


@pytest.fixture(scope="module")
def samples(samples_dir, tmp_path_factory) -> dict[str, Document]:
    """The samples as the real ingest stores them (boilerplate removed, publication dates bounded)."""
    with Store(tmp_path_factory.mktemp("gold_claims") / "lull.db") as store:
        ingest([str(samples_dir)], store=store, settings=Settings())
        return documents_by_stem(store.documents())


@pytest.fixture(scope="module")
def pipeline():
    """The full events pipeline; each kind's claims components are added on first use."""
    from lull.nlp.pipeline import build_pipeline
    from lull.knowledge import Knowledge

    knowledge = Knowledge.load(Settings())
    return build_pipeline(Settings(), knowledge=knowledge), knowledge


@pytest.fixture(scope="module")
def scores(pipeline, samples):
    """``scores(kind)``: that kind's ClaimScores, computed once; a missing component is an ImportError."""
    nlp, knowledge = pipeline
    cache: dict[str, ClaimScores] = {}
    scorers = {"numeric": score_numeric_claims, "quotes": score_quotes, "explanations": score_explanations}

    def get(kind: str) -> ClaimScores:
        if kind not in cache:
            for needed in NEEDS[kind]:
                module, factory, _ = COMPONENTS[needed]
                importlib.import_module(module)
                if factory not in nlp.pipe_names:
                    nlp.add_pipe(factory, config={"knowledge": knowledge.source.config()}).initialize(knowledge=knowledge)
            records = []
            for document in samples.values():
                doc = nlp.make_doc(document.text)
                doc._.lull_doc_id, doc._.lull_published = document.id, document.published
                records.extend(getattr(nlp(doc)._, COMPONENTS[kind][2]))
            cache[kind] = scorers[kind](gold_of(kind), records, samples)
        return cache[kind]

    return get


def test_gold_claims_floors_cover_every_field():
    assert {kind: tuple(floors) for kind, floors in FLOORS.items()} == FIELDS


@pytest.mark.parametrize("kind", FIELDS)
def test_gold_claims_every_gold_line_locates_in_the_ingested_samples(samples, kind):
    gold = gold_of(kind)
    assert len(gold) >= 9
    for g in gold:
        sentence, anchor = locate_anchor(g, samples[g.doc])
        assert samples[g.doc].text[anchor.start:anchor.end] == g.anchor
        assert sentence.start <= anchor.start < sentence.end


def test_gold_claims_actor_ids_are_in_the_actor_kb():
    kb = ActorKB.load(Settings().actors_path)
    ids = {g.scope.actor for g in gold_of("numeric")} | {g.scope.recipient for g in gold_of("numeric")}
    ids |= {g.claimant for g in gold_of("numeric")} | {g.speaker for g in gold_of("quotes")}
    ids |= {x for g in gold_of("explanations") for x in (g.proponent, g.phenomenon.actor, g.phenomenon.recipient)}
    unknown = sorted(i for i in ids - {None} if kb.get(i) is None)
    assert not unknown, f"gold actor ids missing from data/actors.yaml: {unknown}"


def test_gold_claims_categories_are_in_causes_yaml():
    categories = {c["id"] for c in yaml.safe_load(CAUSES.read_text(encoding="utf-8"))["categories"]}
    used = {g.category for g in gold_of("explanations")}
    assert used <= categories, f"gold categories missing from data/causes.yaml: {sorted(used - categories)}"
    assert len(used) >= 10  # the gold exercises nearly every category the issue asks for


@pytest.mark.parametrize("kind, field", [(kind, field) for kind, fields in FIELDS.items() for field in fields])
def test_gold_claims_f1_stays_above_floor(scores, kind, field):
    result = scores(kind)
    score = result.field(field)
    missed = "; ".join(f"{g.doc[:3]} {g.anchor[:40]!r}" for g in result.missed[:5])
    assert score.f1 >= FLOORS[kind][field], (
        f"{kind} {field}: F1 {score.f1:.3f} fell below the floor {FLOORS[kind][field]:.2f} "
        f"(P={score.precision:.3f} R={score.recall:.3f}, tp={score.tp} system={score.predicted} gold={score.gold}); "
        f"first missed gold records: {missed}"
    )
