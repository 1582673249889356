"""Incremental linking: blocks by week and type, loose mentions only where they can reach, only dirty blocks
re-linked, event ids kept, results as a global run; near-duplicate candidates from MinHash bands."""
from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import pytest
from test_store_events import IRI, MENTIONS, TEXTS, TOWER_22, US_FORCES

from lull.ingest.near_duplicates import band_hashes, signature
from lull.knowledge.actors import ActorKB
from lull.link.blocks import LARGE_EVENT, REPRESENTATIVES, link_blocks, reaches_out, relinked_events
from lull.link.cluster import resolve_events
from lull.link.match import match
from lull.records import Actor, DateSpan, Document, Mention, Place, Span
from lull.run import delete, link
from lull.settings import Settings
from lull.store import Store
from lull.vocabulary import Modality, Precision

PUBLISHED = DateSpan.day(date(2024, 1, 29), "user")
WINDOW = ("2024-W01", "2024-W02", "2024-W03", "2024-W04", "2024-W05")  # the 4 weeks up to 29 January
HARIR = MENTIONS["harir"]  # a drone attack at a precise place: reaches out even without a date


def _keys(weeks, kind="ASSAULT"):
    return tuple(f"{w}|{kind}" for w in weeks)


def _loose(doc_id: str, text: str, word: str, kind: str = "ASSAULT", **fields) -> Mention:
    """A mention without a place, parties or date unless given: "the attack"."""
    start = text.index(word)
    return Mention(id=f"m-{doc_id}-{start}", doc_id=doc_id, sentence=Span(doc_id, 0, len(text), text),
                   trigger=Span(doc_id, start, start + len(word), word), rule_id="test", type=kind, **fields)


@pytest.mark.parametrize("span, published, blocks", [
    (DateSpan.day(date(2024, 1, 28)), PUBLISHED, _keys(("2024-W04", "2024-W05"))),  # Sunday: a day either side
    (DateSpan(date(2024, 2, 1), date(2024, 2, 29), "month"), PUBLISHED,
     _keys(("2024-W05", "2024-W06", "2024-W07", "2024-W08", "2024-W09"))),
    (None, PUBLISHED, _keys(WINDOW)),  # reaches out: the 4 weeks up to publication
    (DateSpan(date(2023, 1, 1), date(2023, 12, 31), "year"), PUBLISHED, _keys(WINDOW)),  # as undated, not 53 weeks
    (DateSpan(None, date(2024, 1, 29), Precision.BEFORE, "publication"), PUBLISHED, _keys(WINDOW)),  # on or before
    (DateSpan(date(2024, 1, 2), None, "day"), None, ("undated|ASSAULT",)),  # "since January 2", no publication date
    (None, DateSpan(date(2024, 1, 29), None, "day", "text-inferred"), _keys(f"2024-W{w:02d}" for w in range(1, 10))),
])
def test_link_blocks_by_week_type_and_publication(span, published, blocks):
    mention = replace(HARIR, date=span)
    assert link_blocks([mention], published=published)[mention.id] == blocks


def test_link_blocks_a_loose_mention_that_cannot_reach_out_stays_with_its_document():
    text = "A drone attack hit the base on January 28. The attack was the first this year. Talks went on."
    dated = _loose("d", text, "attack", date=DateSpan.day(date(2024, 1, 28)))
    vague = _loose("d", text, "attack was")  # no place, no parties, no date: only its own document's events
    talks = _loose("d", text, "Talks", kind="CONSULT")
    negated = _loose("d", text, "went", modality=Modality.NEGATED)
    blocks = link_blocks([dated, vague, talks, negated], published=PUBLISHED)
    assert blocks[vague.id] == blocks[dated.id] == _keys(("2024-W04", "2024-W05"))  # not the publication window
    assert blocks[talks.id] == ("doc:d|CONSULT",)  # alone of its type: a block only its document dirties
    assert blocks[negated.id] == blocks[dated.id]  # every mention belongs to an event: it meets its document's
    assert not reaches_out(vague) and reaches_out(replace(vague, recipients=(US_FORCES,), actors=(IRI,)))


def test_link_blocks_a_loose_mention_follows_its_documents_reaching_mention_of_its_type():
    text = "Militants attacked Tower 22. The attack drew condemnation."
    placed = _loose("d", text, "attacked", place=TOWER_22)
    vague = _loose("d", text, "attack drew")
    blocks = link_blocks([placed, vague], published=PUBLISHED)
    assert blocks[placed.id] == blocks[vague.id] == _keys(WINDOW)


def test_link_blocks_an_accusation_without_its_event_in_the_sentence_is_a_voice_of_its_week():
    text = "Washington blamed Kata'ib Hezbollah for the strike on Tower 22 on January 28. A drone attack followed."
    accuse = _loose("d", text, "blamed", kind="ACCUSE", actors=(US_FORCES,), place=TOWER_22,
                    date=DateSpan.day(date(2024, 1, 28)))
    assert link_blocks([accuse], published=PUBLISHED)[accuse.id] == (
        *_keys(("2024-W04", "2024-W05"), "ACCUSE"), "2024-W04", "2024-W05")
    in_sentence = _loose("d", text, "strike", date=DateSpan.day(date(2024, 1, 28)))
    assert link_blocks([accuse, in_sentence], published=PUBLISHED)[accuse.id] == _keys(("2024-W04", "2024-W05"),
                                                                                        "ACCUSE")


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load(Settings().actors_path)


def test_reaches_out_holds_every_loose_mention_that_is_evidence_for_another_documents_event(kb):
    """The guard of "Blocks": whatever match.py accepts across documents for a mention without a fine date,
    ``reaches_out`` must say it reaches out, or incremental linking would miss the join."""
    named = Actor("Saraya Awliya al-Dam")
    province = Place("Erbil", "Erbil", 36.19, 44.01, 3, "IQ", "province", None)

    def variants(doc_id: str, dates) -> list[Mention]:
        text = "Something happened there."
        return [replace(_loose(doc_id, text, "happened", kind=kind), actors=actors, recipients=recipients,
                        place=place, fatalities=deaths, date=span)
                for kind, actors, recipients, place, deaths, span in itertools.product(
                    ("ASSAULT", "AGREE", "RETREAT"), ((), (IRI,), (named,)), ((), (US_FORCES,), (named,)),
                    (None, HARIR.place, province), (None, 2), dates)]

    loose = variants("a", (None, DateSpan(None, date(2024, 1, 29), Precision.BEFORE, "publication")))
    others = variants("b", (None, DateSpan.day(date(2024, 1, 20))))
    missed = [(x, y) for x in loose for y in others if x.type == y.type and not reaches_out(x)
              and match(x, y, kb, published=(PUBLISHED, PUBLISHED)).enough_across_documents]
    assert not missed


def test_relinked_events_follow_evidence_stories_and_voices(kb):
    """A stored event is re-linked when a new mention has cross-document evidence with it, when a new mention
    has within-document evidence with it and its document already shares an event with the new one (a story),
    or when a new accusation names its place and day; otherwise it keeps its row."""
    arrests = "Police made arrests after the attack."
    stored = {"attack": [MENTIONS["early"]], "arrests": [_loose("early", arrests, "arrests", kind="COERCE")]}
    follow_up = _loose("later", arrests, "arrests", kind="COERCE")
    published = {"early": PUBLISHED, "later": PUBLISHED, "accuse": PUBLISHED}
    assert relinked_events([follow_up], stored, kb=kb, published=published) == set()  # no story: "arrests" alone
    assert relinked_events([MENTIONS["later"], follow_up], stored, kb=kb, published=published) == {"attack", "arrests"}
    assert relinked_events([follow_up], stored, kb=kb, published=published, whole=["attack"]) == {"attack"}
    blame = "Washington blamed the militia for the attack at Tower 22 on January 28."
    accuse = _loose("accuse", blame, "blamed", kind="ACCUSE", actors=(US_FORCES,), place=TOWER_22,
                    date=DateSpan.day(date(2024, 1, 28)))
    assert relinked_events([accuse], stored, kb=kb, published=published) == {"attack"}


def _add(store: Store, doc_id: str, *mentions: Mention, published: DateSpan = PUBLISHED) -> None:
    store.add_document(Document(id=doc_id, text=TEXTS.get(doc_id, doc_id), locator=f"{doc_id}.txt",
                                published=published))
    store.replace_mentions(doc_id, list(mentions), stage="events", version="test")


def _global(store: Store, kb: ActorKB, previous) -> list:
    return resolve_events(store.mentions(), kb=kb, documents={d.id: d for d in store.documents()},
                          quotes=store.quotes(), previous=previous)


def test_link_incremental_relinks_only_dirty_blocks_and_keeps_ids(db_path, kb):
    knowledge = SimpleNamespace(actors=kb)  # linking reads only the actor KB
    with Store(db_path) as store:
        for doc_id in TEXTS:
            _add(store, doc_id, MENTIONS[doc_id])
        first = link(store=store, knowledge=knowledge)
        assert first.events == 2 and store.dirty_blocks() == []
        before = {e.id: e for e in store.events()}
        assert link(store=store, knowledge=knowledge).events == 0  # nothing new: nothing read, nothing written
        far = replace(HARIR, id="m-far", doc_id="far", date=DateSpan.day(date(2024, 6, 5)))
        _add(store, "far", far)
        assert link(store=store, knowledge=knowledge).events == 1  # only the new week's block
        after = {e.id: e for e in store.events()}
        assert {k: v for k, v in after.items() if k in before} == before
        assert delete(["later"], store=store, knowledge=knowledge).link.events == 1  # Tower 22 shrinks, keeps its id
        assert store.events() == _global(store, kb, before.values())  # as one global run would link them


def test_link_incremental_a_dense_week_does_not_relink_loose_mentions_that_cannot_join(db_path, kb):
    knowledge = SimpleNamespace(actors=kb)
    vague = [_loose(f"old{i}", "The attack was condemned.", "attack") for i in range(5)]
    with Store(db_path) as store:
        for m in vague:  # five reports published the same day, each with only "the attack"
            _add(store, m.doc_id, m)
        _add(store, "early", MENTIONS["early"])
        link(store=store, knowledge=knowledge)
        _add(store, "later", MENTIONS["later"])
        relinked = link(store=store, knowledge=knowledge)
        assert relinked.mentions == 2  # the new report and the event it joins, not the five loose reports
        assert len(store.events()) == 6 and store.events() == _global(store, kb, store.events())


def test_link_incremental_relinks_only_the_stored_events_a_new_mention_can_change(db_path, kb):
    """A second report of the Tower 22 attack shares its week's blocks with a drone attack on Harir the same day
    and that report's "the attack": no mention of the Harir event has evidence with the new report, so only the
    Tower 22 event is re-linked, the Harir event keeps its row, and the store ends as a global run links it."""
    knowledge = SimpleNamespace(actors=kb)
    text = "A drone attack hit the Al-Harir Air Base on January 28. The attack caused no casualties."
    dated = _loose("base", text, "attack hit", place=HARIR.place, date=DateSpan.day(date(2024, 1, 28)))
    vague = _loose("base", text, "attack caused")
    with Store(db_path) as store:
        _add(store, "early", MENTIONS["early"])
        _add(store, "base", dated, vague)
        link(store=store, knowledge=knowledge)
        harir = next(e for e in store.events() if dated.id in e.mention_ids)
        assert harir.mention_ids == (dated.id, vague.id)
        _add(store, "later", MENTIONS["later"])
        relinked = link(store=store, knowledge=knowledge)
        assert relinked.mentions == 2 and relinked.events == 1  # the new report and the event it joins
        assert harir in store.events() and len(store.events()) == 2
        assert store.events() == _global(store, kb, store.events())


def test_link_incremental_a_large_stored_event_sends_only_its_representatives(db_path, kb):
    """Twelve reports of the Tower 22 attack make one event; a thirteenth joins it by re-clustering with the
    event's most specific members only (the others are held and come back into it), the event keeps its id,
    and the store ends as a global run links it."""
    knowledge = SimpleNamespace(actors=kb)
    reports = [replace(MENTIONS["early"], id=f"m-r{i:02d}", doc_id=f"r{i:02d}") for i in range(LARGE_EVENT + 2)]
    with Store(db_path) as store:
        for m in reports:
            _add(store, m.doc_id, m)
        link(store=store, knowledge=knowledge)
        (before,) = store.events()
        _add(store, "later", MENTIONS["later"])
        relinked = link(store=store, knowledge=knowledge)
        assert relinked.mentions == 1 + REPRESENTATIVES and relinked.events == 1
        (after,) = store.events()
        assert after.id == before.id and set(after.mention_ids) == {*before.mention_ids, "m-later"}
        assert store.events() == _global(store, kb, [before])


def test_resolve_events_re_clusters_a_held_event_whole_when_a_newcomer_is_not_one_event_with_it(kb):
    """A new report joins the representatives of a stored event, but one of its held members is dated two weeks
    later: complete link over the whole event fails, so everything is clustered again as without holding."""
    reports = [replace(MENTIONS["early"], id=f"m-r{i}", doc_id=f"r{i}") for i in range(REPRESENTATIVES)]
    odd = replace(MENTIONS["early"], id="m-odd", doc_id="odd", date=DateSpan.day(date(2024, 2, 11)))
    docs = {m.doc_id: Document(id=m.doc_id, text=m.sentence.text, locator=m.doc_id, published=PUBLISHED)
            for m in [*reports, odd, MENTIONS["later"]]}
    (stored,) = resolve_events(reports, kb=kb, documents=docs)
    stored = replace(stored, mention_ids=(*stored.mention_ids, odd.id))
    held = resolve_events([*reports, MENTIONS["later"]], kb=kb, documents=docs, previous=[stored],
                          held={stored.id: [odd]})
    whole = resolve_events([*reports, odd, MENTIONS["later"]], kb=kb, documents=docs, previous=[stored])
    assert held == whole and not any({"m-odd", "m-later"} <= set(e.mention_ids) for e in held)


def test_link_incremental_a_loose_report_meets_a_later_documents_dated_event_in_its_window(db_path, kb):
    """An "on or before" report of an attack at Tower 22 (published 29 January, week 5) and a report, added
    later, that dates it to 28 January: the loose mention reaches out (a precise place), so its publication
    window holds the dated event's week and the new block re-links it."""
    knowledge = SimpleNamespace(actors=kb)
    text = "The attack on Tower 22 killed three soldiers."
    loose = _loose("loose", text, "attack", place=TOWER_22, fatalities=3, recipients=(US_FORCES,),
                   date=DateSpan(None, date(2024, 1, 29), Precision.BEFORE, "publication"))
    with Store(db_path) as store:
        _add(store, "loose", loose)
        link(store=store, knowledge=knowledge)
        _add(store, "later", MENTIONS["later"])
        link(store=store, knowledge=knowledge)
        assert [e.mention_ids for e in store.events()] == [("m-later", loose.id)]
        assert store.events() == _global(store, kb, store.events())


def test_link_incremental_an_accusation_speaks_about_an_event_of_another_type_in_either_order(db_path, kb):
    knowledge = SimpleNamespace(actors=kb)
    kh = Actor("Kata'ib Hezbollah", id="kataib_hezbollah")
    text = "The United States blamed Kata'ib Hezbollah for the attack at Tower 22 on January 28."
    accuse = _loose("accuse", text, "blamed", kind="ACCUSE", actors=(Actor("The United States",
                    id="united_states"),), recipients=(kh,), place=TOWER_22, date=DateSpan.day(date(2024, 1, 28)))
    with Store(db_path) as store:
        _add(store, "early", MENTIONS["early"])
        link(store=store, knowledge=knowledge)
        _add(store, "accuse", accuse)
        link(store=store, knowledge=knowledge)
        attack = next(e for e in store.events() if e.type == "ASSAULT")
        assert [(a.id, b.id) for a, b in attack.attributed_to] == [("united_states", "kataib_hezbollah")]
        _add(store, "later", MENTIONS["later"])  # the attack is re-linked: the stored accusation still speaks
        assert link(store=store, knowledge=knowledge).mentions == 2
        attack = next(e for e in store.events() if e.type == "ASSAULT")
        assert len(attack.mention_ids) == 2 and attack.attributed_to
        assert store.events() == _global(store, kb, store.events())


def test_link_incremental_redraws_stale_blocks_without_relinking(db_path, kb):
    """A store linked under the week keys of schema 0011: its documents' blocks are re-drawn once, nothing
    is re-linked, and a week key still dirty re-links every block of its week."""
    knowledge = SimpleNamespace(actors=kb)
    with Store(db_path) as store:
        for doc_id in TEXTS:
            _add(store, doc_id, MENTIONS[doc_id])
        link(store=store, knowledge=knowledge)
        with store.conn:
            store.conn.execute("DELETE FROM link_blocks")
            store.conn.executemany("INSERT INTO stale_blocks (doc_id) VALUES (?)", [(d,) for d in TEXTS])
        assert link(store=store, knowledge=knowledge).mentions == 0 and store.stale_block_documents() == []
        assert store.blocks_starting(["2024-W04|"]) == ["2024-W04|ASSAULT"]
        with store.conn:
            store.conn.execute("INSERT INTO dirty_blocks (block) VALUES ('2024-W05')")
        assert link(store=store, knowledge=knowledge).mentions == 2  # the Tower 22 reports of week 5


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
