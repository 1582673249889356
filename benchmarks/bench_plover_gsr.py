"""PLOVER gold-standard records: sentence -> event type + source/target actors.

Data: ``$LULL_SHARED/benchmarks/conflict-events-plover-gsr`` (OEDA, CC BY-SA 4.0;
322 example sentences of the CAMEO manual coded in PLOVER 0.5b1). Measurement
only: no rule may be tuned to these sentences.

Labels. The file predates PLOVER 2.0 (our ontology). Old labels are mapped as
the data README and the bundled CAMEO2PLOVER-2021 table say: DEMAND -> REQUEST
(CAMEO 10), DISAPPROVE -> ACCUSE (CAMEO 11), INVESTIGATE -> ACCUSE (CAMEO 09),
FIGHT -> ASSAULT (CAMEO 19). Every other label is already a PLOVER 2.0 type.

Prediction per sentence. Our coder may return several mentions per sentence;
the *primary* one is the mention whose trigger starts first (the CAMEO
manual's sentences put the coded event in the main clause, which usually
comes first). A sentence without any mention is predicted ``NONE``, which is
wrong for every gold type (it lowers recall; it is no class of its own in the
macro average). ``any_type_accuracy`` also credits a sentence when *any* of
its mentions has the gold type: the gap between the two shows how much a
better choice of primary mention could gain.

Actors. Source = our primary mention's ``actors``, target = its
``recipients``. A side is correct when any predicted actor matches any gold
actor of that side, where two actors match if (a) their normalised texts share
a content word (lower-cased ``\\w+`` tokens minus determiners and function
words) or (b) both resolve to the same KB id (gold text through
``ActorKB.lookup``). Accuracy is over sentences whose gold side is non-empty;
a sentence without a mention counts as wrong.

Anchors: a majority-class baseline (always the most frequent gold type)
computed here on the same sentences. The data README quotes no published
figures for this file.

Run: ``.venv/bin/python benchmarks/bench_plover_gsr.py`` (prints one JSON row
per metric; ``--errors`` also prints per-type recall to stderr).
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from _common import Row, benchmark_data, emit, load_function, missing_data_note

BENCHMARK = "plover_gsr"
DATA_NAME = "conflict-events-plover-gsr"
OLD_TO_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
NO_EVENT = "NONE"
_STOP = frozenset({
    "the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "from", "by", "with", "s", "its",
    "their", "his", "her", "new", "some", "several", "two", "three", "least",
})


# --- pure parts (unit-tested in tests/test_bench_mappings.py) ---------------------------------


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One coded sentence of the gold file, with its label already mapped to PLOVER 2.0."""

    id: str
    text: str
    event: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]


def map_label(label: str) -> str:
    """PLOVER 0.5b1 label -> PLOVER 2.0 type (unchanged when the name did not change)."""
    return OLD_TO_PLOVER.get(label, label)


def _actor_texts(value: Any) -> tuple[str, ...]:
    """Gold ``source``/``target`` is a list of actor objects, ``""`` or missing."""
    if not isinstance(value, list):
        return ()
    return tuple(a["actorText"].strip() for a in value if isinstance(a, dict) and a.get("actorText", "").strip())


def parse_gold(records: Sequence[dict[str, Any]]) -> list[GoldSentence]:
    """Coded sentences of the gold file (the ``DOCUMENT`` header record is skipped)."""
    return [
        GoldSentence(r["id"], r["text"], map_label(r["event"]), _actor_texts(r.get("source")), _actor_texts(r.get("target")))
        for r in records
        if r.get("event") != "DOCUMENT"
    ]


def content_words(text: str) -> frozenset[str]:
    """Lower-cased word tokens without function words: the unit of actor text overlap."""
    return frozenset(w for w in re.findall(r"\w+", text.lower()) if w not in _STOP)


def actors_match(
    predicted: Iterable[tuple[str, str | None]], gold: Iterable[str], kb_id: Callable[[str], str | None]
) -> bool:
    """True if any predicted (text, KB id) shares a content word or a KB id with any gold actor text."""
    gold = list(gold)
    gold_words = [content_words(g) for g in gold]
    gold_ids = {i for g in gold if (i := kb_id(g))}
    for text, actor_id in predicted:
        words = content_words(text)
        if any(words & g for g in gold_words) or (actor_id is not None and actor_id in gold_ids):
            return True
    return False


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold) if gold else 0.0


def per_class_f1(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, tuple[float, float, float]]:
    """(precision, recall, F1) for every class present in ``gold``; predictions of other labels only cost recall."""
    out: dict[str, tuple[float, float, float]] = {}
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        n_pred = sum(p == label for p in predicted)
        n_gold = sum(g == label for g in gold)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold
        out[label] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return out


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Unweighted mean F1 over the gold classes (``NONE`` is never a gold class)."""
    scores = per_class_f1(gold, predicted)
    return sum(f for _, _, f in scores.values()) / len(scores) if scores else 0.0


def majority_baseline(gold: Sequence[str]) -> list[str]:
    """Predict the most frequent gold type for every sentence (ties: alphabetical first)."""
    counts = Counter(gold)
    top = min(counts, key=lambda label: (-counts[label], label))
    return [top] * len(gold)


def side_accuracy(gold_sides: Sequence[tuple[str, ...]], predicted_sides: Sequence[Sequence[tuple[str, str | None]]],
                  kb_id: Callable[[str], str | None]) -> tuple[float, int]:
    """Share of sentences with a non-empty gold side where our side matches; and how many such sentences."""
    pairs = [(g, p) for g, p in zip(gold_sides, predicted_sides, strict=True) if g]
    hits = sum(actors_match(p, g, kb_id) for g, p in pairs)
    return (hits / len(pairs) if pairs else 0.0), len(pairs)


# --- I/O edges ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Prediction:
    """What we say about one gold sentence: primary type, every type, primary actors/recipients."""

    primary: str
    types: frozenset[str]
    actors: tuple[tuple[str, str | None], ...]
    recipients: tuple[tuple[str, str | None], ...]


def predict(sentences: Sequence[GoldSentence], extract_document: Callable[..., Any],
            build_pipeline: Callable[..., Any]) -> tuple[list[Prediction], Callable[[str], str | None]]:
    """Run the full lull pipeline on every sentence (one Document each, no publication date)."""
    from lull.records import Document, Mention
    from lull.knowledge.actors import ActorKB
    from lull.knowledge import Knowledge
    from lull.settings import Settings

    knowledge = Knowledge.load(Settings())
    kb = knowledge.actors
    nlp = build_pipeline(Settings(), knowledge=knowledge)
    out = []
    for s in sentences:
        doc = Document(id=s.id, text=s.text, locator=f"{DATA_NAME}#{s.id}")
        mentions = sorted((m for m in extract_document(doc, nlp=nlp).mentions if isinstance(m, Mention)),
                          key=lambda m: (m.trigger.start, m.trigger.end))
        if not mentions:
            out.append(Prediction(NO_EVENT, frozenset(), (), ()))
            continue
        first = mentions[0]
        out.append(Prediction(first.type, frozenset(m.type for m in mentions),
                              tuple((a.text, a.id) for a in first.actors),
                              tuple((a.text, a.id) for a in first.recipients)))

    def kb_id(text: str) -> str | None:
        entry = kb.lookup(text)
        return entry.id if entry is not None else None

    return out, kb_id


def report_errors(gold: Sequence[str], predicted: Sequence[str]) -> None:
    """Per-type precision/recall and the commonest confusions, worst recall first, on stderr."""
    for label, (prec, rec, f1) in sorted(per_class_f1(gold, predicted).items(), key=lambda kv: kv[1][1]):
        wrong = Counter(p for g, p in zip(gold, predicted) if g == label and p != label).most_common(3)
        print(f"{label:10s} P={prec:.2f} R={rec:.2f} F1={f1:.2f} n={gold.count(label)} confused_with={wrong}",
              file=sys.stderr)


def main(argv: Sequence[str]) -> int:
    row = partial(Row, BENCHMARK, DATA_NAME)
    folder = benchmark_data(DATA_NAME)
    if folder is None:
        emit(row("type_accuracy", None, notes=missing_data_note(DATA_NAME), status="skipped"))
        return 0
    extract = load_function("lull.extract.documents", "extract_document")
    build = load_function("lull.nlp.pipeline", "build_pipeline")
    if isinstance(extract, str) or isinstance(build, str):
        emit(row("type_accuracy", None, notes=extract if isinstance(extract, str) else str(build), status="skipped"))
        return 0
    gold = parse_gold(json.loads((folder / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8")))
    predictions, kb_id = predict(gold, extract, build)
    g = [s.event for s in gold]
    p = [x.primary for x in predictions]
    base = majority_baseline(g)
    n = len(g)
    covered = sum(x.primary != NO_EVENT for x in predictions)
    anchor = f"majority_class ({base[0]})"
    emit(row("type_accuracy", accuracy(g, p), {anchor: accuracy(g, base)}, n,
             f"primary mention = first trigger, no mention = NONE (wrong); labels mapped DEMAND->REQUEST, "
             f"DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT; {covered}/{n} sentences got a mention; "
             "README quotes no published figures"))
    emit(row("type_macro_f1", macro_f1(g, p), {anchor: macro_f1(g, base)}, n,
             f"unweighted over the {len(set(g))} gold types"))
    any_hits = [s.event if s.event in x.types else x.primary for s, x in zip(gold, predictions)]
    emit(row("any_type_accuracy", accuracy(g, any_hits), {anchor: accuracy(g, base)}, n,
             "gold type among any mention of the sentence (ceiling for the primary-mention choice)"))
    src, n_src = side_accuracy([s.sources for s in gold], [x.actors for x in predictions], kb_id)
    emit(row("source_accuracy", src, {}, n_src,
             "primary mention's actors vs gold source: shared content word or same KB id"))
    tar, n_tar = side_accuracy([s.targets for s in gold], [x.recipients for x in predictions], kb_id)
    emit(row("target_accuracy", tar, {}, n_tar,
             "primary mention's recipients vs gold target: shared content word or same KB id"))
    if "--errors" in argv:
        report_errors(g, p)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
