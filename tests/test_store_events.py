"""The events tables: replace in one transaction, round-trip records, cascade on delete, keep imported events."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from lull.errors import StoreError
from lull.records import (
    Actor,
    Conflict,
    DateSpan,
    Document,
    Event,
    Mention,
    Place,
    Span,
)
from lull.knowledge.actors import ActorKB
from lull.link.cluster import resolve_events
from lull.settings import Settings
from lull.store import Store

TEXTS = {
    "early": "Two U.S. soldiers were killed in a drone attack on Tower 22 in Jordan on January 28, 2024.",
    "later": "Three U.S. soldiers were killed in a drone attack on Tower 22 in Jordan on January 28, 2024.",
    "harir": "A drone attack hit the Al-Harir Air Base in Erbil on January 20, 2024.",
}
TOWER_22 = Place("Tower 22", "Tower 22", 33.32, 38.69, 1, "JO", "base", "lull:tower-22")
HARIR = Place("Al-Harir Air Base", "Harir Air Base", 36.537, 44.345, 1, "IQ", "base", "lull:harir-air-base")
US_FORCES = Actor("U.S. soldiers", id="us_forces", name="US forces", kind="state_force", sector="MIL", country="USA")
IRI = Actor("Islamic Resistance in Iraq", id="islamic_resistance_in_iraq", name="Islamic Resistance in Iraq",
            kind="umbrella", sector="PRM", country="IRQ")


def _mention(doc_id: str, fatalities: int | None, place: Place, day: date) -> Mention:
    text = TEXTS[doc_id]
    start = text.index("attack")
    return Mention(id=f"m-{doc_id}", doc_id=doc_id, sentence=Span(doc_id, 0, len(text), text),
                   trigger=Span(doc_id, start, start + 6, "attack"), rule_id="assault.noun.attack",
                   type="ASSAULT", mode="drone", recipients=(US_FORCES,) if fatalities else (), place=place,
                   date=DateSpan.day(day), fatalities=fatalities)


MENTIONS = {
    "early": _mention("early", 2, TOWER_22, date(2024, 1, 28)),
    "later": _mention("later", 3, TOWER_22, date(2024, 1, 28)),
    "harir": _mention("harir", None, HARIR, date(2024, 1, 20)),
}


@pytest.fixture
def store(db_path):
    with Store(db_path) as s:
        for doc_id, text in TEXTS.items():
            s.add_document(Document(id=doc_id, text=text, locator=f"{doc_id}.txt",
                                    published=DateSpan.day(date(2024, 1, 29), "user")))
            s.replace_mentions(doc_id, [MENTIONS[doc_id]], stage="events", version="test")
        yield s


def _resolve(store: Store, kb: ActorKB) -> list[Event]:
    """What ``lull run`` does after extraction: resolve the stored mentions, keeping the stored ids."""
    events = resolve_events(store.mentions(), kb=kb, documents={d.id: d for d in store.documents()},
                            previous=store.events(origin="lull"))
    store.replace_events(events)
    return events


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load(Settings().actors_path)


def test_store_events_round_trip_records(store, kb):
    events = _resolve(store, kb)
    assert len(events) == 2
    assert store.events() == events
    tower = next(e for e in events if e.place.name == "Tower 22")
    assert tower.conflicts == (Conflict("fatalities", (("2", ("m-early",)), ("3", ("m-later",)))),)
    assert [m.id for m in store.event_mentions(tower.id)] == list(tower.mention_ids)


def test_store_events_filters(store, kb):
    _resolve(store, kb)
    assert [e.place.name for e in store.events(since=date(2024, 1, 25))] == ["Tower 22"]
    assert [e.place.name for e in store.events(until=date(2024, 1, 25))] == ["Harir Air Base"]
    assert [e.place.name for e in store.events(actor="us_forces")] == ["Tower 22"]
    assert [e.place.name for e in store.events(conflicted=True)] == ["Tower 22"]
    assert store.events(type="consult") == []


def test_store_events_deleting_a_document_shrinks_its_event_and_keeps_ids(store, kb):
    before = {e.place.name: e for e in _resolve(store, kb)}
    store.delete_document("early")
    shrunk = store.event(before["Tower 22"].id)
    assert shrunk.mention_ids == ("m-later",) and shrunk.doc_ids == ("later",)
    after = {e.place.name: e for e in _resolve(store, kb)}
    assert after["Tower 22"].id == before["Tower 22"].id and after["Tower 22"].conflicts == ()
    store.delete_document("harir")  # its only mention goes: the event goes with it, before any re-resolution
    assert store.event(before["Harir Air Base"].id) is None


ACLED = Event(id="", type="ASSAULT", mode="drone", actors=(IRI,), recipients=(US_FORCES,), place=TOWER_22,
              date=DateSpan.day(date(2024, 1, 28)), status="reported", mention_ids=(), doc_ids=(), fatalities=3,
              origin="acled", external_id="JOR1234", notes="Drone attack on Tower 22.")


def test_store_events_imported_events_survive_re_resolution(store, kb):
    assert store.add_external_events([ACLED]) == 1
    assert store.add_external_events([replace(ACLED, fatalities=4)]) == 1  # an upsert, not a second row
    _resolve(store, kb)
    _resolve(store, kb)
    [imported] = store.events(origin="acled")
    assert imported == replace(ACLED, id="acled:JOR1234", fatalities=4)
    assert len(store.events()) == 3


def test_store_events_keeps_origins_apart(store):
    with pytest.raises(StoreError, match="add_external_events"):
        store.replace_events([replace(ACLED, id="acled:1")])
    with pytest.raises(StoreError, match="origin='acled'"):
        store.add_external_events([replace(ACLED, origin="lull")])
