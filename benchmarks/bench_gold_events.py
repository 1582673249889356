"""Event coding on the five bundled samples against the hand-coded gold (tests/gold/events.jsonl).

Why: this is the only gold that covers lull's whole events stage (trigger,
PLOVER type and mode, modality, actor, recipient, place, date, fatalities) on
the texts lull is built for. The gold was written before looking at the
system's output; its guidelines are in tests/gold/README.md.

The samples go through the real path: ``lull.ingest`` into a temporary SQLite
store (boilerplate removed, publication dates bounded), then
``build_pipeline`` + ``extract_document`` per document, scored by
``lull.evaluate.events.score_events`` (matching rule and field agreement in its
docstring). One row per field; ``ours`` is F1, the notes give P and R.
No anchors: no other coder has been run on this gold.

Run: ``.venv/bin/python benchmarks/bench_gold_events.py`` (about 20 s).
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from _common import REPO, Row, emit, load_function, progress

BENCHMARK = "gold events (samples)"
GOLD = REPO / "tests" / "gold" / "events.jsonl"


def main() -> None:
    extract_document = load_function("lull.extract.documents", "extract_document")
    build_pipeline = load_function("lull.nlp.pipeline", "build_pipeline")
    missing = [f for f in (extract_document, build_pipeline) if isinstance(f, str)]
    from lull.evaluate.events import FIELDS, documents_by_stem, load_gold, score_events

    gold = load_gold(GOLD)
    data = f"5 bundled samples, {len(gold)} hand-coded mentions (tests/gold/events.jsonl)"
    if missing:
        for field in FIELDS:
            emit(Row(BENCHMARK, data, f"{field} P/R/F1", None, notes="; ".join(missing), status="skipped"))
        return

    from lull import Store, ingest, samples_path
    from lull.records import Mention
    from lull.knowledge.actors import ActorKB
    from lull.knowledge import Knowledge
    from lull.settings import Settings

    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "lull.db") as store:
        ingest([str(samples_path())], store=store, settings=settings)
        documents = documents_by_stem(store.documents())
    progress(f"ingested {len(documents)} samples; building the pipeline")
    nlp = build_pipeline(settings, knowledge=Knowledge.load(settings))
    mentions = [m for doc in documents.values() for m in extract_document(doc, nlp=nlp).mentions if isinstance(m, Mention)]
    progress(f"{len(mentions)} system mentions")
    scores = score_events(gold, mentions, documents)
    for g in scores.missed:
        progress(f"missed   {g.doc[:3]} {g.trigger!r} {g.type}/{g.modality}: {g.sentence[:80]}")
    for m in scores.spurious:
        progress(f"spurious {m.trigger.text!r} {m.type}/{m.modality}: {m.sentence.text[:80]}")
    for score in scores.fields:
        emit(Row(
            BENCHMARK, data, f"{score.field} P/R/F1", round(score.f1, 3), n=score.gold,
            notes=f"P={score.precision:.3f} R={score.recall:.3f} (tp={score.tp}, system={score.predicted}, "
                  f"gold={score.gold}); in-sample: the rules were developed on these texts",
        ))


if __name__ == "__main__":
    main()
