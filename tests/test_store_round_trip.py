"""Every record type goes into the store and comes back equal; the shared views and event_actors hold what the
records say; migrating a store with JSON actor lists keeps every event's parties."""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest
from test_store_claims import CLAIMS, DOC as CLAIM_DOC, EXPL, QUOTES

from lull.records import (Actor, Conflict, DateSpan, Document, Event, Mention, Place, Rejection, RejectionReason,
                          Removal, Span)
from lull.store import Store
from lull.vocabulary import Countability

TEXT = "Kata'ib Hezbollah claimed a drone attack on Tower 22 on January 28, 2024, that killed three U.S. soldiers."
DOCUMENT = Document(id="d2", text=TEXT, locator="tower.txt", title="Tower 22", author="A. Writer", outlet="Outlet",
                    url="https://example.org/t22", language="en",
                    published=DateSpan.day(date(2024, 1, 29), "page-metadata"), content_type="html",
                    removed=(Removal(3, "Subscribe to our newsletter", "newsletter-pitch"),))
KH = Actor("Kata'ib Hezbollah", id="kataib_hezbollah", name="Kata'ib Hezbollah", kind="armed_group", sector="PRM",
           country="IRQ")
US = Actor("U.S. soldiers", id="us_forces", name="US forces", kind="state_force", sector="MIL", country="USA")
UNKNOWN = Actor("the gunmen", label="NORP")
TOWER_22 = Place("Tower 22", "Tower 22", 33.32, 38.69, 1, "JO", "base", "lull:tower-22")
MENTION = Mention(id="m1", doc_id="d2", sentence=Span("d2", 0, len(TEXT), TEXT),
                  trigger=Span("d2", 27, 33, "attack"), rule_id="assault.noun.attack", type="ASSAULT", mode="drone",
                  modality="claimed", actors=(KH, UNKNOWN), recipients=(US,), place=TOWER_22,
                  date=DateSpan.day(date(2024, 1, 28)), weapon="drone", fatalities=3, injuries=None)
EVENT = Event(id="ev-1", type="ASSAULT", mode="drone", actors=(KH, UNKNOWN), recipients=(US,), place=TOWER_22,
              date=DateSpan.day(date(2024, 1, 28)), status="claimed", mention_ids=("m1",), doc_ids=("d2",),
              weapon="drone", fatalities=3, claimed_by=(KH,), attributed_to=((US, KH), (US, UNKNOWN)),
              conflicts=(Conflict("fatalities", (("3", ("m1",)), ("4", ("m1",)))),),
              first_reported=date(2024, 1, 29), last_reported=date(2024, 1, 29))


@pytest.fixture
def store(db_path):
    with Store(db_path) as s:
        s.add_document(DOCUMENT)
        s.replace_mentions("d2", [MENTION], stage="events", version="t")
        yield s


def test_store_round_trip_document(store):
    assert store.document("d2") == DOCUMENT
    assert store.documents(ids=["d2"], text=False) == [replace(DOCUMENT, text="")]


def test_store_round_trip_rejection(store):
    rejection = Rejection("feeds.txt", "ingest", RejectionReason.INVALID_URL, "feeds.txt line 3: not a URL.", "d2")
    store.add_rejection(rejection)
    assert store.rejections() == [rejection]


def test_store_round_trip_mention_keeps_the_place_feature(store):
    assert store.mentions() == [MENTION]
    assert store.mentions()[0].place.feature == "base"


def test_store_round_trip_claims_quotes_explanations(db_path):
    with Store(db_path) as s:
        s.add_document(CLAIM_DOC)
        s.replace_claims(CLAIM_DOC.id, numeric=CLAIMS, quotes=QUOTES, explanations=EXPL, stage="claims", version="t")
        assert (s.numeric_claims(), s.quotes(), s.explanations()) == (CLAIMS, QUOTES, EXPL)
        rows = s.conn.execute("SELECT kind, id, claimant_id, claimant_text FROM claims_with_claimants"
                              " ORDER BY kind, id").fetchall()
        assert [tuple(r) for r in rows] == [("explanation", "e1", None, None),
                                            ("numeric", "n1", None, "The statement"), ("numeric", "n2", None, None),
                                            ("quote", "q1", "iraqi_factions", "The statement")]


def test_store_round_trip_event_parties_are_rows(store):
    store.replace_events([EVENT])
    assert store.events() == [EVENT]
    rows = store.conn.execute("SELECT role, position, actor_id, name FROM event_actor_names ORDER BY role, position")
    assert [tuple(r) for r in rows] == [
        ("actor", 0, "kataib_hezbollah", "Kata'ib Hezbollah"), ("actor", 1, None, "the gunmen"),
        ("attributed", 0, "kataib_hezbollah", "Kata'ib Hezbollah"), ("attributed", 1, None, "the gunmen"),
        ("attributor", 0, "us_forces", "US forces"), ("attributor", 1, "us_forces", "US forces"),
        ("claimed_by", 0, "kataib_hezbollah", "Kata'ib Hezbollah"), ("recipient", 0, "us_forces", "US forces")]
    assert [e.id for e in store.events(actor="kata'ib")] == ["ev-1"]
    assert store.events(actor="gunmen") == [EVENT]
    assert store.events(actor="hezbollah al-nujaba") == []


def test_store_round_trip_event_countability(store):
    """An aggregate event keeps its countability through the store and the events_with_sources view."""
    aggregate = replace(EVENT, countability=Countability.AGGREGATE)
    store.replace_events([aggregate])
    back = store.events()
    assert back == [aggregate] and type(back[0].countability) is Countability and not back[0].countable
    row = store.conn.execute("SELECT countability FROM events_with_sources").fetchone()
    assert tuple(row) == ("aggregate",)
    store.replace_events([EVENT])
    assert store.events()[0].countable  # the default: an incident


def test_store_views_join_events_mentions_and_documents(store):
    store.replace_events([EVENT])
    row = store.conn.execute("SELECT event_id, mention_id, modality, outlet, published_start FROM events_with_sources"
                             ).fetchone()
    assert tuple(row) == ("ev-1", "m1", "claimed", "Outlet", "2024-01-29")
    row = store.conn.execute("SELECT id, feature, title, url FROM mentions_with_documents").fetchone()
    assert tuple(row) == ("m1", "base", "Tower 22", "https://example.org/t22")


def test_store_replace_linked_events_upserts_only_its_scope(store):
    store.replace_events([EVENT])
    other = replace(EVENT, id="ev-2", mention_ids=("m1",))
    written = store.replace_linked_events(["m1"], [other])
    assert written > 0 and [e.id for e in store.events()] == ["ev-2"]  # ev-1 lost its only mention: gone
    parties = len(store.conn.execute("SELECT 1 FROM event_actors").fetchall())
    # same again: the event row is upserted and its party rows rewritten; its mention links stay untouched
    assert store.replace_linked_events(["m1"], [other]) == 1 + 2 * parties


def test_store_migration_moves_json_actor_lists_into_event_actors(db_path):
    conn = sqlite3.connect(db_path)
    from lull.store.core import _migrations, _statements
    for number, _, sql in _migrations():
        if number <= 4:
            for statement in _statements(sql):
                conn.execute(statement)
    conn.execute("PRAGMA user_version = 4")
    conn.execute("INSERT INTO events (id, type, status, actors, recipients, claimed_by, attributed_to)"
                 " VALUES ('ev-1', 'ASSAULT', 'claimed', ?, ?, ?, ?)",
                 ('[{"text": "KH", "id": "kataib_hezbollah"}]', '[{"text": "U.S. soldiers", "id": "us_forces"}]',
                  '[{"text": "KH", "id": "kataib_hezbollah"}]',
                  '[[{"text": "the U.S.", "id": "united_states"}, {"text": "KH", "id": "kataib_hezbollah"}]]'))
    conn.commit()
    conn.close()
    with Store(db_path) as s:
        [event] = s.events()
        assert [a.id for a in event.actors] == ["kataib_hezbollah"]
        assert [a.id for a in event.recipients] == ["us_forces"]
        assert [a.id for a in event.claimed_by] == ["kataib_hezbollah"]
        assert [(a.id, b.id) for a, b in event.attributed_to] == [("united_states", "kataib_hezbollah")]
