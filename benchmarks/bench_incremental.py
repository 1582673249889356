"""Cost of adding 10 documents to a store of 1,000 against adding the same 10 to an empty store.

Why: linking and the near-duplicate check used to compare each new document
with the whole store (every stored MinHash signature; every mention re-linked
and every event rewritten), so a run grew with the store. With block-local
linking (link/blocks.py) and MinHash bands (ingest/near_duplicates.py) the
cost of a run should follow what it adds, not what is stored. Target (issue
8): about the same time into 1,000 as into an empty store.

Data: every ``$LULL_SHARED/corpus-dev`` text (with its ``index.jsonl``
metadata) plus the five bundled samples, extracted once with the real
pipeline (not timed). Document ``i`` of the synthetic timeline is text ``i mod
n``, published ``2 * i`` days after 2023-01-01 (an archive of five and a half
years), and carries the mentions and quotes extracted from its text with every
date moved by the days between the text's own publication day (else its
latest dated mention) and its new one, so what it reports keeps its place
before its publication, as in the text. Stored documents carry a token after
every third word (copies of one text share no 5-gram: no near-duplicates, as
in a store of distinct articles).

The 10 new documents are always documents 1,000-1,009 (the original texts,
published right after the store's last), so every store gets the same work.
Stores: empty; the 100 documents before them (the same density around the new
documents as the 1,000, a tenth of the size); the 1,000 before them, built in
runs of ``BATCH`` documents and linked after each, as an archive grows.

Timed, separately: ``lull.run.ingest`` of the 10 from a JSONL file (reading,
near-duplicate candidates from bands, storing); ``lull.run.extract`` of the
10 (the real spaCy pipeline, loading included; extraction reads only the new
documents); storing the timeline's mentions and quotes in place of what was
extracted (so every store links the same mentions; not part of a real run);
``lull.run.link`` (block-local re-linking of the new mentions with the stored
events they can change), with the mentions and events it re-linked. Rows
written are ``sqlite3`` ``total_changes``. Best of ``REPEATS`` by total, each
on a fresh copy of the store file.

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
STORE_SIZES = (0, 100, 1000)
N_NEW = 10
BATCH = 50  # the 1,000 store is built in runs of 50 documents, as an archive grows
REPEATS = 3
SAMPLES = REPO / "src" / "lull" / "data" / "samples"
EPOCH = date(2023, 1, 1)


@dataclasses.dataclass(frozen=True)
class Text:
    """One seed text and what the real pipeline found in it."""

    text: str
    anchor: date | None  # its publication day, else its latest dated mention's last day
    mentions: list
    quotes: list


def seed(workdir: Path, settings, knowledge) -> list[Text]:
    """Texts of corpus-dev (with their index metadata) and the samples, extracted once."""
    from lull.run import extract, ingest
    from lull.store import Store

    jsonl = workdir / "corpus-dev.jsonl"
    with jsonl.open("w", encoding="utf-8") as out:
        for line in (shared_dir() / "corpus-dev" / "index.jsonl").read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            record = {k: entry[k] for k in ("url", "title", "outlet", "published") if entry.get(k)}
            record["text"] = (shared_dir() / "corpus-dev" / f"{entry['id']}.txt").read_text(encoding="utf-8")
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    with Store(workdir / "seed.db") as store:
        ingest([str(jsonl), *map(str, sorted(SAMPLES.glob("*.txt")))], store=store, settings=settings,
               knowledge=knowledge)
        extract(store=store, settings=settings, knowledge=knowledge)
        texts = []
        for d in store.documents():
            mentions = store.mentions(doc_id=d.id)
            dated = [m.date.end for m in mentions if m.date is not None and m.date.end is not None]
            anchor = d.published and (d.published.end or d.published.start)
            texts.append(Text(d.text, anchor or max(dated, default=None), mentions, store.quotes(doc_id=d.id)))
        return texts


def published(i: int) -> date:
    return EPOCH + timedelta(2 * i)


def variant(text: str, i: int) -> str:
    rng = random.Random(i)
    words = text.split()
    return " ".join(w + (f" x{rng.randrange(10**9)}" if k % 3 == 2 else "") for k, w in enumerate(words))


def timeline(seed_text: Text, doc_id: str, i: int) -> tuple[list, list]:
    """The mentions and quotes of document ``i``, re-homed in ``doc_id``, dates moved to its publication."""
    days = (published(i) - seed_text.anchor).days if seed_text.anchor else 2 * i

    def move(span):
        if span is None:
            return None
        return dataclasses.replace(span, start=span.start and span.start + timedelta(days),
                                   end=span.end and span.end + timedelta(days))

    def home(span):
        return dataclasses.replace(span, doc_id=doc_id)

    mentions = [dataclasses.replace(m, id=f"{doc_id}:{m.id}", doc_id=doc_id, date=move(m.date),
                                    sentence=home(m.sentence), trigger=home(m.trigger)) for m in seed_text.mentions]
    quotes = [dataclasses.replace(q, id=f"{doc_id}:{q.id}", doc_id=doc_id, sentence=home(q.sentence),
                                  content=home(q.content)) for q in seed_text.quotes]
    return mentions, quotes


def add(store, settings, knowledge, texts: list[Text], indices: range, jsonl: Path, *, new: bool) -> dict:
    """Ingest documents ``indices`` (the new ones: also extract) and store their timeline mentions and quotes;
    seconds and rows of each step."""
    from lull.extract.documents import CLAIMS_VERSION, EXTRACTOR_VERSION
    from lull.run import extract, ingest

    n = len(texts)
    with jsonl.open("w", encoding="utf-8") as out:
        for i in indices:
            text = texts[i % n].text if new else variant(texts[i % n].text, i)
            out.write(json.dumps({"text": text, "url": f"https://example.org/{i}",
                                  "published": published(i).isoformat()}) + "\n")
    got: dict = {}
    rows, start = store.conn.total_changes, time.perf_counter()
    ingest([str(jsonl)], store=store, settings=settings, knowledge=knowledge)
    got.update(ingest_s=time.perf_counter() - start, ingest_rows=store.conn.total_changes - rows)
    if new:
        rows, start = store.conn.total_changes, time.perf_counter()
        extract(store=store, settings=settings, knowledge=knowledge)
        got.update(extract_s=time.perf_counter() - start, extract_rows=store.conn.total_changes - rows)
    ids = {d.url: d.id for d in store.documents(text=False) if d.url}
    rows, start = store.conn.total_changes, time.perf_counter()
    for i in indices:
        doc_id = ids[f"https://example.org/{i}"]
        mentions, quotes = timeline(texts[i % n], doc_id, i)
        store.replace_mentions(doc_id, mentions, stage="events", version=EXTRACTOR_VERSION)
        store.replace_claims(doc_id, numeric=(), quotes=quotes, explanations=(), stage="claims",
                             version=CLAIMS_VERSION)
    got.update(mentions_s=time.perf_counter() - start, mentions_rows=store.conn.total_changes - rows)
    return got


def measure(base: Path, settings, knowledge, texts: list[Text], workdir: Path) -> dict:
    """Best-of timings of adding the ``N_NEW`` new documents to a copy of the store at ``base``."""
    from lull.run import link
    from lull.store import Store

    best: dict = {}
    for r in range(REPEATS):
        copy = workdir / f"copy-{r}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
            if Path(f"{base}{suffix}").exists():
                shutil.copy(f"{base}{suffix}", f"{copy}{suffix}")
        with Store(copy) as store:
            got = add(store, settings, knowledge, texts, range(max(STORE_SIZES), max(STORE_SIZES) + N_NEW),
                      workdir / "new.jsonl", new=True)
            rows, start = store.conn.total_changes, time.perf_counter()
            linked = link(store=store, knowledge=knowledge)
            got.update(link_s=time.perf_counter() - start, link_rows=store.conn.total_changes - rows,
                       events_relinked=linked.events, mentions_relinked=linked.mentions)
        got["total_s"] = sum(got[k] for k in ("ingest_s", "extract_s", "mentions_s", "link_s"))
        got["rows"] = sum(got[k] for k in ("ingest_rows", "extract_rows", "mentions_rows", "link_rows"))
        if not best or got["total_s"] < best["total_s"]:
            best = got
    return best


def main(argv: Sequence[str]) -> int:
    row = partial(Row, BENCHMARK)
    big = max(STORE_SIZES)
    data = f"corpus-dev + samples as a timeline of {big} synthetic docs, +{N_NEW}"
    if not (shared_dir() / "corpus-dev" / "index.jsonl").is_file():
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
        texts = seed(workdir, settings, knowledge)
        results = {}
        for size in STORE_SIZES:
            base = workdir / f"store-{size}.db"
            with Store(base) as store:
                progress(f"bench_incremental: building a store of the {size} documents before the new ones")
                for start in range(big - size, big, BATCH):  # a store grows run by run
                    add(store, settings, knowledge, texts, range(start, min(start + BATCH, big)),
                        workdir / "base.jsonl", new=False)
                    link(store=store, knowledge=knowledge)
            results[size] = measure(base, settings, knowledge, texts, workdir)
            progress(f"bench_incremental: store of {size}: {results[size]}")

    def anchors(key: str, fmt=float) -> dict:
        return {f"into {'an empty store' if s == 0 else f'a store of {s}'}": fmt(results[s][key])
                for s in STORE_SIZES if s != big}

    def steps(r: dict) -> str:
        return (f"ingest {r['ingest_s']:.3f} + extract {r['extract_s']:.3f} + mentions {r['mentions_s']:.3f} "
                f"+ link {r['link_s']:.3f}")

    full = results[big]
    how = (f"best of {REPEATS}; the same {N_NEW} documents each time; extract is the real pipeline (loading "
           "included); mentions stores the timeline's (not part of a real run)")
    emit(row(data, "add_10_docs_s", full["total_s"], anchors("total_s"), N_NEW,
             f"{steps(full)} s into {big}; " + "; ".join(f"{steps(results[s])} s into {s}"
                                                         for s in STORE_SIZES if s != big) + f"; {how}"))
    emit(row(data, "link_s", full["link_s"], anchors("link_s"), N_NEW,
             f"lull.run.link after adding {N_NEW}: re-linked {full['mentions_relinked']} mentions into "
             f"{full['events_relinked']} events into {big}; "
             + "; ".join(f"{results[s]['mentions_relinked']} into {results[s]['events_relinked']} into {s}"
                         for s in STORE_SIZES if s != big)))
    emit(row(data, "mentions_relinked", full["mentions_relinked"], anchors("mentions_relinked", int), N_NEW,
             "mentions re-clustered by lull.run.link (the new ones and every mention of the stored events they "
             "can change, link/blocks.py \"Scope\"): the work linking does, independent of the machine's load"))
    emit(row(data, "rows_written", full["rows"], anchors("rows", int), N_NEW,
             "sqlite total_changes (ingest, extract, mentions, link): "
             + "; ".join(f"{results[s]['ingest_rows']}, {results[s]['extract_rows']}, {results[s]['mentions_rows']}, "
                         f"{results[s]['link_rows']} into {s}" for s in STORE_SIZES)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
