"""Numeric claims, quotes and explanations on the five bundled samples against hand-coded gold.

Why: the claims layer (issue "Claims") has no external gold that covers it, so
the samples were annotated for all three kinds before the components were
tuned (tests/gold/numeric_claims.jsonl, quotes.jsonl, explanations.jsonl;
guidelines in tests/gold/CLAIMS_GUIDELINES.md).

The samples go through the real path: ``lull.ingest`` into a temporary SQLite
store, then ``build_pipeline`` with the claims components ``lull_numbers``,
``lull_quotes`` and ``lull_explanations`` (added here when the pipeline does not
have them yet), scored by ``lull.evaluate.claims`` (matching by overlapping
anchor span; field agreement in its docstring). One row per kind and field;
``ours`` is F1, the notes give P and R. A kind whose component is not
importable yet gets skipped rows. No anchors: no other system has been run on
this gold.

Run: ``.venv/bin/python benchmarks/bench_gold_claims.py`` (about 20 s).
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from _common import REPO, Row, emit, load_function, progress

BENCHMARK = "gold claims (samples)"
GOLD_DIR = REPO / "tests" / "gold"
# kind -> (module that registers the factory, factory function, factory name, Doc extension)
COMPONENTS = {
    "numeric": ("lull.nlp.number_finder", "make_number_finder", "lull_numbers", "lull_numeric_claims"),
    "quotes": ("lull.nlp.quote_finder", "make_quote_finder", "lull_quotes", "lull_quotes"),
    "explanations": ("lull.nlp.explanation_finder", "make_explanation_finder", "lull_explanations", "lull_explanations"),
}


def main() -> None:
    from lull.evaluate.claims import (
        EXPLANATION_FIELDS,
        NUMERIC_FIELDS,
        QUOTE_FIELDS,
        load_explanation_gold,
        load_numeric_gold,
        load_quote_gold,
        score_explanations,
        score_numeric_claims,
        score_quotes,
    )

    kinds: dict[str, tuple[Sequence, Callable, tuple[str, ...], str]] = {
        "numeric": (load_numeric_gold(GOLD_DIR / "numeric_claims.jsonl"), score_numeric_claims, NUMERIC_FIELDS,
                    "numeric_claims.jsonl"),
        "quotes": (load_quote_gold(GOLD_DIR / "quotes.jsonl"), score_quotes, QUOTE_FIELDS, "quotes.jsonl"),
        "explanations": (load_explanation_gold(GOLD_DIR / "explanations.jsonl"), score_explanations,
                         EXPLANATION_FIELDS, "explanations.jsonl"),
    }
    missing = {kind: why for kind, (module, func, _, _) in COMPONENTS.items()
               if isinstance(why := load_function(module, func), str)}
    build_pipeline = load_function("lull.nlp.pipeline", "build_pipeline")
    if isinstance(build_pipeline, str):
        missing = {kind: build_pipeline for kind in COMPONENTS}
    for kind in missing:
        gold, _, fields, name = kinds[kind]
        for field in fields:
            emit(Row(BENCHMARK, _data(gold, name), f"{kind} {field} P/R/F1", None, notes=missing[kind],
                     status="skipped"))
    present = [kind for kind in COMPONENTS if kind not in missing]
    if not present:
        return

    documents, found = _run_pipeline(build_pipeline, present)
    for kind in present:
        gold, score, _, name = kinds[kind]
        scores = score(gold, found[kind], documents)
        for g in scores.missed:
            progress(f"missed   {kind} {g.doc[:3]} line {g.line}: {g.anchor[:70]!r}")
        for p in scores.spurious:
            progress(f"spurious {kind} {p.rule_id}: {_anchor_text(p)[:70]!r}")
        for s in scores.fields:
            emit(Row(
                BENCHMARK, _data(gold, name), f"{kind} {s.field} P/R/F1", round(s.f1, 3), n=s.gold,
                notes=f"P={s.precision:.3f} R={s.recall:.3f} (tp={s.tp}, system={s.predicted}, gold={s.gold}); "
                      "in-sample: the components were tuned on these texts with this gold in view",
            ))


def _data(gold: Sequence, name: str) -> str:
    return f"5 bundled samples, {len(gold)} hand-coded records (tests/gold/{name})"


def _anchor_text(record: object) -> str:
    for attribute in ("span", "content", "cause"):
        if hasattr(record, attribute):
            return getattr(record, attribute).text
    return ""


def _run_pipeline(build_pipeline: Callable, kinds: Sequence[str]) -> tuple[dict, dict[str, list]]:
    """Ingest the samples, run the pipeline with the claims components, collect each kind's records."""
    import importlib

    from lull import Store, ingest, samples_path
    from lull.evaluate.events import documents_by_stem
    from lull.knowledge import Knowledge
    from lull.settings import Settings

    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "lull.db") as store:
        ingest([str(samples_path())], store=store, settings=settings)
        documents = documents_by_stem(store.documents())
    progress(f"ingested {len(documents)} samples; building the pipeline")
    knowledge = Knowledge.load(settings)
    nlp = build_pipeline(settings, knowledge=knowledge)
    for kind in kinds:
        module, _, factory, _ = COMPONENTS[kind]
        importlib.import_module(module)
        if factory not in nlp.pipe_names:
            nlp.add_pipe(factory, config={"knowledge": knowledge.source.config()}).initialize(knowledge=knowledge)
    found: dict[str, list] = {kind: [] for kind in kinds}
    for document in documents.values():
        doc = nlp.make_doc(document.text)
        doc._.lull_doc_id, doc._.lull_published = document.id, document.published
        doc = nlp(doc)
        for kind in kinds:
            found[kind].extend(getattr(doc._, COMPONENTS[kind][3]) or [])
    progress(", ".join(f"{len(records)} system {kind}" for kind, records in found.items()))
    return documents, found


if __name__ == "__main__":
    main()
