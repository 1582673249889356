"""Cost of adding 10 documents to a store of 1,000 against adding them to an empty store.

Why: linking and the near-duplicate check used to compare each new document
with the whole store (every stored MinHash signature; every mention re-linked
and every event rewritten), so a run grew with the store. With block-local
linking (link/blocks.py) and MinHash bands (ingest/near_duplicates.py)
the cost of a run should follow what it adds, not what is stored. Target
(issue 8): about the same time into 1,000 as into an empty store.

Data: every ``$LULL_SHARED/corpus-dev/*.txt`` plus the five bundled samples,
extracted once with the real pipeline (not timed). Document ``i`` of the
synthetic store is text ``i mod n`` with a token inserted after every third
word (so copies of one text share no 5-gram: no near-duplicates, as in a store
of distinct articles), published ``2 * i`` days after 2023-01-01, and carries
the mentions extracted from its text with their dates shifted by the same
number of days (a store spread over five and a half years, like a real
archive), built in runs of ``BATCH`` documents. Extraction is excluded: the
mentions are stored directly.

Timed, for a store of 0 and of 1,000 documents: ``lull.run.ingest`` of 10 new
documents from a JSONL file (reading, near-duplicate candidates from bands,
storing), storing their mentions, and ``lull.run.link`` (block-local
re-linking); the rows written (``sqlite3`` ``total_changes``). Best of
``REPEATS``, each on a fresh copy of the store file. No row times linking as
it was before blocks (every mention re-linked, every event rewritten): one
such run over the 1,000 store did not finish in 12 minutes (2026-12, shared
machine), which is why the store is built in runs of ``BATCH``.

Run: ``.venv/bin/python benchmarks/bench_incremental.py``.
"""
from __future__ import annotations

import dataclasses
import json
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from _common import REPO, Row, emit, progress, shared_dir

BENCHMARK = "incremental"
STORE_SIZES = (0, 1000)
N_NEW = 10
BATCH = 50  # the 1,000 store is built in runs of 50 documents, as an archive grows
REPEATS = 3
SAMPLES = REPO / "src" / "lull" / "data" / "samples"
EPOCH = date(2023, 1, 1)


def seed(workdir: Path, settings, knowledge) -> tuple[list[str], dict[int, list]]:
    """Texts of corpus-dev and the samples, and the mentions the real pipeline extracts from each (by index)."""
    from lull.run import extract, ingest
    from lull.store import Store

    paths = [*sorted((shared_dir() / "corpus-dev").glob("*.txt")), *sorted(SAMPLES.glob("*.txt"))]
    with Store(workdir / "seed.db") as store:
        ingest([str(p) for p in paths], store=store, settings=settings, knowledge=knowledge)
        extract(store=store, settings=settings, knowledge=knowledge)
        docs = store.documents()
        return [d.text for d in docs], {i: store.mentions(doc_id=d.id) for i, d in enumerate(docs)}


def variant(text: str, i: int) -> str:
    rng = random.Random(i)
    words = text.split()
    return " ".join(w + (f" x{rng.randrange(10**9)}" if k % 3 == 2 else "") for k, w in enumerate(words))


def shifted(mentions: list, doc_id: str, days: int) -> list:
    """The mentions re-homed in document ``doc_id``, their dates moved by ``days``."""
    def move(span):
        if span is None:
            return None
        return dataclasses.replace(span, start=span.start and span.start + timedelta(days),
                                   end=span.end and span.end + timedelta(days))
    return [dataclasses.replace(m, id=f"{doc_id}:{m.id}", doc_id=doc_id, date=move(m.date),
                                sentence=dataclasses.replace(m.sentence, doc_id=doc_id),
                                trigger=dataclasses.replace(m.trigger, doc_id=doc_id)) for m in mentions]


def add(store, settings, knowledge, texts, mentions, indices: range, jsonl: Path) -> dict[str, float]:
    """Ingest documents ``indices`` and store their mentions; seconds and rows of each step."""
    from lull.run import ingest

    n = len(texts)
    with jsonl.open("w", encoding="utf-8") as out:
        for i in indices:
            out.write(json.dumps({"text": variant(texts[i % n], i), "url": f"https://example.org/{i}",
                                  "published": (EPOCH + timedelta(2 * i)).isoformat()}) + "\n")
    rows = store.conn.total_changes
    start = time.perf_counter()
    ingest([str(jsonl)], store=store, settings=settings, knowledge=knowledge)
    ingest_s, ingest_rows = time.perf_counter() - start, store.conn.total_changes - rows
    ids = {d.url: d.id for d in store.documents(text=False) if d.url}
    rows = store.conn.total_changes
    start = time.perf_counter()
    for i in indices:
        doc_id = ids[f"https://example.org/{i}"]
        store.replace_mentions(doc_id, shifted(mentions[i % n], doc_id, 2 * i), stage="events", version="bench")
    return {"ingest_s": ingest_s, "ingest_rows": ingest_rows, "mentions_s": time.perf_counter() - start,
            "mentions_rows": store.conn.total_changes - rows}


def measure(base: Path, size: int, settings, knowledge, texts, mentions, workdir: Path) -> dict[str, float]:
    """Best-of timings of adding ``N_NEW`` documents to a copy of the store at ``base``."""
    from lull.run import link
    from lull.store import Store

    best: dict[str, float] = {}
    for r in range(REPEATS):
        copy = workdir / f"copy-{size}-{r}.db"
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{base}{suffix}").exists():
                shutil.copy(f"{base}{suffix}", f"{copy}{suffix}")
        with Store(copy) as store:
            got = add(store, settings, knowledge, texts, mentions, range(size, size + N_NEW), workdir / "new.jsonl")
            rows = store.conn.total_changes
            start = time.perf_counter()
            linked = link(store=store, knowledge=knowledge)
            got.update(link_s=time.perf_counter() - start, link_rows=store.conn.total_changes - rows,
                       events_relinked=linked.events)
        got["total_s"] = got["ingest_s"] + got["mentions_s"] + got["link_s"]
        if not best or got["total_s"] < best["total_s"]:
            best = got
    return best


def main(argv: Sequence[str]) -> int:
    row = partial(Row, BENCHMARK)
    data = f"corpus-dev + samples as {max(STORE_SIZES)} synthetic docs, +{N_NEW}"
    if not (shared_dir() / "corpus-dev").is_dir():
        emit(row(data, "add_10_docs_s", None, status="skipped",
                 notes="corpus-dev not found; set LULL_SHARED to the folder that holds corpus-dev/"))
        return 0
    from lull.knowledge import Knowledge
    from lull.run import link
    from lull.settings import Settings
    from lull.store import Store

    settings = Settings()
    knowledge = Knowledge.load(settings)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        progress("bench_incremental: extracting the seed texts (not timed)")
        texts, mentions = seed(workdir, settings, knowledge)
        results = {}
        for size in STORE_SIZES:
            base = workdir / f"store-{size}.db"
            with Store(base) as store:
                if size:
                    progress(f"bench_incremental: building a store of {size} documents (not timed)")
                    for start in range(0, size, BATCH):  # a store grows run by run
                        add(store, settings, knowledge, texts, mentions, range(start, min(start + BATCH, size)),
                            workdir / "base.jsonl")
                        link(store=store, knowledge=knowledge)
            results[size] = measure(base, size, settings, knowledge, texts, mentions, workdir)
            progress(f"bench_incremental: store of {size}: {results[size]}")
        big = max(STORE_SIZES)
    empty, full = results[0], results[big]
    how = f"best of {REPEATS}; extraction excluded (mentions stored directly)"
    emit(row(data, "add_10_docs_s", full["total_s"], {"into an empty store": empty["total_s"]}, N_NEW,
             f"ingest {full['ingest_s']:.3f} s + mentions {full['mentions_s']:.3f} s + link {full['link_s']:.3f} s "
             f"into {big} (empty: {empty['ingest_s']:.3f} + {empty['mentions_s']:.3f} + {empty['link_s']:.3f}); {how}"))
    emit(row(data, "link_s", full["link_s"], {"into an empty store": empty["link_s"]}, N_NEW,
             f"lull.run.link after adding {N_NEW}; events re-linked {full['events_relinked']} "
             f"(empty: {empty['events_relinked']})"))
    emit(row(data, "rows_written", full["ingest_rows"] + full["mentions_rows"] + full["link_rows"],
             {"into an empty store": empty["ingest_rows"] + empty["mentions_rows"] + empty["link_rows"]}, N_NEW,
             f"sqlite total_changes: ingest {full['ingest_rows']}, mentions {full['mentions_rows']}, "
             f"link {full['link_rows']} (empty: {empty['ingest_rows']}, {empty['mentions_rows']}, "
             f"{empty['link_rows']})"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
