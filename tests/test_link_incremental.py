"""Incremental linking: blocks by week, only dirty blocks re-linked, event ids kept, results as a global run;
near-duplicate candidates from MinHash bands."""
from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from datetime import date

import pytest
from test_store_events import MENTIONS, TEXTS

from lull.ingest.near_duplicates import band_hashes, signature
from lull.knowledge.actors import ActorKB
from lull.link.blocks import link_blocks
from lull.link.cluster import resolve_events
from lull.records import DateSpan, Document
from lull.run import link
from lull.store import Store

PUBLISHED = DateSpan.day(date(2024, 1, 29), "user")


@pytest.mark.parametrize("span, published, blocks", [
    (DateSpan.day(date(2024, 1, 28)), PUBLISHED, ("2024-W04", "2024-W05")),  # Sunday: a day either side
    (DateSpan(date(2024, 2, 1), date(2024, 2, 29), "month"), PUBLISHED,
     ("2024-W05", "2024-W06", "2024-W07", "2024-W08", "2024-W09")),
    (None, PUBLISHED, ("2024-W01", "2024-W02", "2024-W03", "2024-W04", "2024-W05")),  # the 4 weeks up to publication
    (DateSpan(date(2023, 1, 1), date(2023, 12, 31), "year"), PUBLISHED,  # a year: as undated, not 53 weeks
     ("2024-W01", "2024-W02", "2024-W03", "2024-W04", "2024-W05")),
    (DateSpan(date(2024, 1, 2), None, "day"), None, ("undated",)),  # "since January 2", no publication date
    (None, DateSpan(date(2024, 1, 29), None, "day", "text-inferred"), tuple(f"2024-W{w:02d}" for w in range(1, 10))),
])
def test_link_blocks_by_week_and_publication(span, published, blocks):
    mention = replace(MENTIONS["harir"], date=span)
    assert link_blocks([mention], published=published)[mention.id] == blocks


def test_link_blocks_an_undated_mention_also_meets_its_documents_dated_reports():
    dated = MENTIONS["early"]
    undated = replace(dated, id="m-undated", date=None)
    blocks = link_blocks([dated, undated], published=None)
    assert set(blocks[dated.id]) <= set(blocks[undated.id]) and "undated" in blocks[undated.id]


def _add(store: Store, doc_id: str, mention) -> None:
    store.add_document(Document(id=doc_id, text=TEXTS.get(doc_id, doc_id), locator=f"{doc_id}.txt",
                                published=PUBLISHED))
    store.replace_mentions(doc_id, [mention], stage="events", version="test")


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load()


def test_link_incremental_relinks_only_dirty_blocks_and_keeps_ids(db_path, kb):
    knowledge = SimpleNamespace(actors=kb)  # linking reads only the actor KB

    def resolve(*, store):
        return link(store=store, knowledge=knowledge)

    with Store(db_path) as store:
        for doc_id in TEXTS:
            _add(store, doc_id, MENTIONS[doc_id])
        first = resolve(store=store)
        assert first.events == 2 and store.dirty_blocks() == []
        before = {e.id: e for e in store.events()}
        assert resolve(store=store).events == 0  # nothing new: nothing read, nothing written
        far = replace(MENTIONS["harir"], id="m-far", doc_id="far", date=DateSpan.day(date(2024, 6, 5)))
        _add(store, "far", far)
        assert resolve(store=store).events == 1  # only the new week's block
        after = {e.id: e for e in store.events()}
        assert {k: v for k, v in after.items() if k in before} == before
        store.delete_document("later")
        assert resolve(store=store).events == 1  # the Tower 22 block: its event shrinks and keeps its id
        everything = resolve_events(store.mentions(), kb=kb, documents={d.id: d for d in store.documents()},
                                    previous=list(before.values()))
        assert store.events() == everything  # as one global run would link them


def test_near_duplicate_candidates_share_a_band(db_path):
    text = " ".join(f"word{i}" for i in range(300))
    edited = text.replace("word150", "changed")
    other = " ".join(f"other{i}" for i in range(300))
    with Store(db_path) as store:
        for doc_id, body in (("a", text), ("b", other)):
            sig = signature(body)
            store.add_document(Document(id=doc_id, text=body, locator=doc_id), signature=sig, bands=band_hashes(sig))
        assert [d for d, _ in store.near_duplicate_candidates(band_hashes(signature(edited)))] == ["a"]
        assert store.unbanded_signatures() == []
