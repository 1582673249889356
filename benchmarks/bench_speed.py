"""Throughput of the whole lull event pipeline against bare spaCy on the same texts.

Why: lull adds rulers, an event coder and resolution on top of the spaCy
model; this says what that costs. Target (brief): lull keeps at least 0.7 of
bare spaCy's docs/s.

Texts: every ``$LULL_SHARED/corpus-dev/*.txt`` plus the five bundled samples,
repeated in order to ``N_DOCS`` documents. Ours = ``build_pipeline`` (built
once, outside the clock) + ``extract_documents`` over those Documents; anchor =
``spacy.load(settings.spacy_model).pipe`` over the same texts. Both use the
same batch size, get one untimed warm-up pass, then the best of ``REPEATS``
timed passes is kept (best-of filters out noise from other processes). Words
are whitespace-separated tokens. Ingest (``lull.ingest.read_inputs``) over
the same files is timed separately, the same way.

Run: ``.venv/bin/python benchmarks/bench_speed.py``.
"""
from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from _common import REPO, Row, emit, load_function, progress, shared_dir

BENCHMARK = "speed"
N_DOCS = 200
BATCH_SIZE = 32
REPEATS = 3
TARGET_RATIO = 0.7
SAMPLES = REPO / "src" / "lull" / "data" / "samples"


def corpus_texts(corpus: Path) -> list[tuple[str, str | None]]:
    """(text, ISO publication day or None) for every corpus-dev text, then every bundled sample."""
    published: dict[str, str | None] = {}
    index = corpus / "index.jsonl"
    for line in index.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            published[entry["id"]] = entry.get("published")
    texts = [(p.read_text(encoding="utf-8"), published.get(p.stem)) for p in sorted(corpus.glob("*.txt"))]
    return texts + [(p.read_text(encoding="utf-8"), None) for p in sorted(SAMPLES.glob("*.txt"))]


def repeat_to(items: Sequence[Any], n: int) -> list[Any]:
    """``items`` cycled in order until there are ``n`` of them."""
    if not items:
        raise ValueError("no texts to time; corpus-dev and the samples folder are both empty")
    return [items[i % len(items)] for i in range(n)]


def best_of(run: Callable[[], object], repeats: int = REPEATS) -> float:
    """Seconds of the fastest of ``repeats`` timed calls, after one untimed warm-up call."""
    run()
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main(argv: Sequence[str]) -> int:
    row = partial(Row, BENCHMARK)
    corpus = shared_dir() / "corpus-dev"
    data = f"corpus-dev + samples, {N_DOCS} docs"
    if not corpus.is_dir():
        emit(row("corpus-dev", "docs_per_s", None, status="skipped",
                 notes=f"{corpus} not found; set LULL_SHARED to the folder that holds corpus-dev/"))
        return 0
    extract_documents = load_function("lull.extract.documents", "extract_documents")
    build_pipeline = load_function("lull.nlp.pipeline", "build_pipeline")
    if isinstance(extract_documents, str) or isinstance(build_pipeline, str):
        reason = extract_documents if isinstance(extract_documents, str) else str(build_pipeline)
        emit(row(data, "docs_per_s", None, notes=reason, status="skipped"))
        return 0

    import spacy

    from lull.records import DateSpan, Document
    from lull.knowledge.actors import ActorKB
    from lull.knowledge import Knowledge
    from lull.settings import Settings

    settings = Settings()
    chosen = repeat_to(corpus_texts(corpus), N_DOCS)
    texts = [text for text, _ in chosen]
    docs = [Document(id=f"speed-{i:03d}", text=text, locator=f"bench_speed#{i}",
                     published=DateSpan.day(date.fromisoformat(day)) if day else None)
            for i, (text, day) in enumerate(chosen)]
    words = sum(len(t.split()) for t in texts)

    progress(f"bench_speed: {len(docs)} docs, {words} words, batch size {BATCH_SIZE}")
    bare = spacy.load(settings.spacy_model)
    bare_s = best_of(lambda: sum(1 for _ in bare.pipe(texts, batch_size=BATCH_SIZE)))
    nlp = build_pipeline(settings, knowledge=Knowledge.load(settings))
    ours_s = best_of(lambda: sum(1 for _ in extract_documents(docs, nlp=nlp, batch_size=BATCH_SIZE)))

    anchor = f"bare spacy {settings.spacy_model}"
    how = f"batch {BATCH_SIZE}, 1 warm-up, best of {REPEATS}"
    emit(row(data, "docs_per_s", len(docs) / ours_s, {anchor: len(docs) / bare_s}, len(docs),
             f"build_pipeline + extract_documents; {how}"))
    emit(row(data, "words_per_s", words / ours_s, {anchor: words / bare_s}, words, f"whitespace words; {how}"))
    emit(row(data, "throughput_ratio_vs_spacy", bare_s / ours_s, {}, len(docs),
             f"lull docs/s over bare spaCy docs/s; target >= {TARGET_RATIO}"))
    emit_ingest(row)
    return 0


def emit_ingest(row: Callable[..., Row]) -> None:
    """Time ``read_inputs`` over the corpus-dev texts and the samples (reading, decoding, boilerplate, dates)."""
    read_inputs = load_function("lull.ingest", "read_inputs")
    paths = [str(p) for p in [*sorted((shared_dir() / "corpus-dev").glob("*.txt")), *sorted(SAMPLES.glob("*.txt"))]]
    data = f"corpus-dev + samples, {len(paths)} files"
    if isinstance(read_inputs, str):
        emit(row(data, "ingest_docs_per_s", None, notes=read_inputs, status="skipped"))
        return
    from lull.records import Rejection
    from lull.settings import Settings

    settings = Settings()
    results: list[Any] = []

    def run() -> None:
        results[:] = list(read_inputs(paths, settings=settings))

    seconds = best_of(run)
    n = sum(not isinstance(r, Rejection) for r in results)
    emit(row(data, "ingest_docs_per_s", n / seconds, {}, n, f"lull.ingest.read_inputs on the files; best of {REPEATS}"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
