"""Vocabulary as types: one StrEnum per closed list, policies as a field, rule ids never read for meaning."""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from lull.knowledge.actors import ActorKB
from lull.link.cluster import is_event_mention, resolve_events
from lull.records import Actor, DateSpan, Document, Event, Mention, Quote, Rejection, RejectionReason, Span
from lull.settings import Settings
from lull.store import Store
from lull.vocabulary import (
    EventStatus,
    EventType,
    Modality,
    Policy,
    Precision,
    Stage,
    policies_of,
    policies_text,
)

SRC = Path(__file__).resolve().parent.parent / "src" / "lull"
# A rule id read back for meaning: ``rule_id`` (or ``rule.id``) followed by a string test, or tested with ``in``.
_PARSED = re.compile(
    r"""rule[_.]?id\s*(\)\s*)?\.\s*(endswith|startswith|split|rsplit|partition|rpartition|removesuffix|removeprefix|find|index|count)\b"""
    r"""|["'][^"'\n]*["']\s+(not\s+)?in\s+[\w.]*rule_?id\b"""
    r"""|\b\w+\s+(not\s+)?in\s+[\w.]*rule_?id\b"""
    r"""|re\.\w+\([^)\n]*rule_?id"""
)


def test_vocabulary_no_rule_id_is_parsed_for_meaning():
    """``rule_id`` is provenance: no module tests it for suffixes, splits it or searches it."""
    found = [f"{path.relative_to(SRC)}:{n}: {line.strip()}"
             for path in sorted(SRC.rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if _PARSED.search(line.split("#")[0])]
    assert found == []


@pytest.mark.parametrize("line", [
    'plural = ".noun." in mention.rule_id and word.endswith("s")',
    'return "+generic" not in mention.rule_id',
    'rule_id = parent.rule_id.split("+")[0] + "+subset"',
    'if mention.rule_id.endswith(suffix) else mention.rule_id',
    'DENY_MARK in best.rule_id',
    'rule_id.removesuffix("+context")',
    'rule.id.startswith("assault.noun")',
])
def test_vocabulary_the_rule_id_check_catches_parsing(line):
    assert _PARSED.search(line)


@pytest.mark.parametrize("line", [
    'rule_id = f"quote.{kind}.{mechanism}"',
    'rule_id += "+coref"',
    'id=mention_id(ctx.doc_id, sentence.start, trigger.start, event_type, rule_id),',
    '"rule": m.rule_id, "mention": m.id}',
])
def test_vocabulary_the_rule_id_check_allows_provenance(line):
    assert not _PARSED.search(line)


def test_vocabulary_members_are_the_stored_strings():
    assert Modality.DENIED == "denied" and f"{Modality.DENIED}" == "denied" and str(EventType.ASSAULT) == "ASSAULT"
    assert json.dumps({"m": Modality.HISTORICAL, "s": EventStatus.CONFIRMED}) == '{"m": "historical", "s": "confirmed"}'
    assert [p.value for p in Precision] == ["day", "week", "month", "season", "year", "decade", "before"]
    assert policies_of(policies_text(frozenset({Policy.PLURAL, Policy.COREF}))) == {Policy.COREF, Policy.PLURAL}
    assert policies_text(frozenset()) == "" and policies_of("") == frozenset()


def test_vocabulary_records_hold_members_not_strings():
    text = "The attacks resumed."
    m = Mention(id="m", doc_id="d", sentence=Span("d", 0, len(text), text), trigger=Span("d", 4, 11, "attacks"),
                rule_id="assault.noun.attack", type="ASSAULT", modality="reported", policies={"plural"})
    assert type(m.type) is EventType and type(m.modality) is Modality and m.policies == {Policy.PLURAL}
    assert type(DateSpan.day(date(2024, 1, 1)).precision) is Precision
    assert type(Rejection("x", "ingest", RejectionReason.EMPTY, "x is empty.").stage) is Stage
    with pytest.raises(ValueError):
        replace(m, modality="rumoured")


TEXT = "They said the attacks on Tower 22 were carried out by the group."


def _mention(mid: str, modality: Modality, policies: frozenset[Policy] = frozenset()) -> Mention:
    return Mention(id=mid, doc_id="d1", sentence=Span("d1", 0, len(TEXT), TEXT),
                   trigger=Span("d1", 14, 21, "attacks"), rule_id="assault.noun.attack+coref",
                   type=EventType.ASSAULT, modality=modality, date=DateSpan.day(date(2024, 1, 28)),
                   actors=(Actor("the group", id="kataib_hezbollah", name="Kata'ib Hezbollah"),),
                   policies=policies)


@pytest.fixture
def store(db_path):
    with Store(db_path) as s:
        s.add_document(Document(id="d1", text=TEXT, locator="d1.txt", published=DateSpan.day(date(2024, 1, 29))))
        yield s


def test_vocabulary_mention_policies_round_trip_through_the_store(store):
    mentions = [_mention("m1", Modality.REPORTED, frozenset({Policy.COREF, Policy.PLURAL})),
                _mention("m2", Modality.DENIED)]
    store.replace_mentions("d1", mentions, stage="events", version="test")
    back = store.mentions()
    assert back == mentions
    assert [type(m.modality) for m in back] == [Modality, Modality] and type(back[0].type) is EventType
    assert store.mentions(modality=[Modality.DENIED]) == mentions[1:]


def test_vocabulary_quote_denial_round_trips_through_the_store(store):
    quote = Quote(id="q1", doc_id="d1", sentence=Span("d1", 0, len(TEXT), TEXT), content=Span("d1", 10, 60, TEXT[10:60]),
                  rule_id="quote.indirect.verb+deny", kind="indirect", speaker_text="They", cue="said",
                  policies=frozenset({Policy.DENIAL}))
    store.replace_claims("d1", numeric=[], quotes=[quote], explanations=[], stage="claims", version="test")
    assert store.quotes() == [quote]


def test_vocabulary_event_modality_and_status_are_decided_at_build_and_stored(store):
    # two voices on one event of the news (a background "historical" mention of one text is another act)
    mentions = [_mention("m1", Modality.REPORTED), _mention("m2", Modality.CLAIMED)]
    store.replace_mentions("d1", mentions, stage="events", version="test")
    events = resolve_events(store.mentions(), kb=ActorKB.load(Settings().actors_path),
                            documents={d.id: d for d in store.documents()})
    assert [(e.modality, e.status) for e in events] == [(Modality.CLAIMED, EventStatus.REPORTED)]
    store.replace_events(events)
    back = store.events()
    assert back == events and type(back[0].modality) is Modality and type(back[0].status) is EventStatus


def test_vocabulary_policies_not_rule_ids_decide_linking():
    """A "+generic" rule id without the policy links; the policy without the suffix does not."""
    asserted = replace(_mention("m1", Modality.ASSERTED), place=None, date=None)
    assert is_event_mention(replace(asserted, rule_id="assault.noun.attack+generic"))
    assert not is_event_mention(replace(asserted, policies=frozenset({Policy.GENERIC})))
    assert not is_event_mention(replace(asserted, policies=frozenset({Policy.PLURAL})))
    assert is_event_mention(replace(asserted, policies=frozenset({Policy.PLURAL}), date=DateSpan.day(date(2024, 1, 28))))


def test_vocabulary_migration_fills_the_modality_of_stored_events(db_path):
    """A store from before migration 0005 keeps its events' modality (the strongest of their mentions)."""
    with Store(db_path) as s:
        s.add_document(Document(id="d1", text=TEXT, locator="d1.txt"))
        s.replace_mentions("d1", [_mention("m1", Modality.HISTORICAL), _mention("m2", Modality.CLAIMED)],
                           stage="events", version="test")
        event = Event(id="ev-1", type=EventType.ASSAULT, mode=None, actors=(), recipients=(), place=None, date=None,
                      status=EventStatus.CLAIMED, mention_ids=("m1", "m2"), doc_ids=("d1",))
        s.replace_events([event])
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE events SET modality = NULL")
    conn.commit()
    conn.close()
    steps = (SRC / "data" / "migrations" / "0005_mention_policies.sql").read_text(encoding="utf-8")
    update = steps[steps.index("UPDATE events"):]
    conn = sqlite3.connect(db_path)
    conn.executescript(update)
    assert conn.execute("SELECT modality FROM events").fetchall() == [("claimed",)]
