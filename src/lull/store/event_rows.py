"""Resolved events, the mentions each gathers, and events imported from other datasets (ACLED).

Two origins share the ``events`` table. lull's own events (``origin='lull'``)
are rewritten wholesale by ``replace_events`` after each resolution, in one
transaction; their member mentions live in ``event_mentions``, which cascades
from ``mentions``, so deleting a document removes its mentions from every
event and an event left without mentions is dropped by a trigger.
Imported events (``origin`` such as ``'acled'``) have no mentions; they are
upserted by ``(origin, external_id)`` with ``add_external_events`` and never
touched by ``replace_events``, so re-resolution keeps them.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date
from typing import Any

from ..errors import StoreError
from ..records import Actor, Conflict, Event, Mention, Place
from .core import _date, _iso, _span
from .mention_rows import _mention

_COLUMNS = (
    "id", "origin", "external_id", "type", "mode", "status", "actors", "recipients", "place_text", "place_name",
    "lat", "lon", "geo_precision", "country", "feature", "place_source", "date_start", "date_end",
    "date_precision", "weapon", "fatalities", "injuries", "claimed_by", "attributed_to", "conflicts",
    "first_reported", "last_reported", "notes", "modality",
)
_INSERT = f"INSERT INTO events ({','.join(_COLUMNS)}) VALUES ({','.join('?' * len(_COLUMNS))})"


class EventQueries:
    conn: sqlite3.Connection

    def replace_events(self, events: Iterable[Event]) -> int:
        """Replace every lull-resolved event (and its mention links) in one transaction; imported events stay."""
        events = list(events)
        foreign = [e.id for e in events if e.origin != "lull"]
        if foreign:
            raise StoreError(f"replace_events takes lull's own events; {foreign[0]} has another origin: "
                             "store imported events with add_external_events.")
        with self.conn:
            self.conn.execute("DELETE FROM events WHERE origin = 'lull'")
            self.conn.executemany(_INSERT, [_event_row(e) for e in events])
            self.conn.executemany(
                "INSERT INTO event_mentions (event_id, mention_id, position) VALUES (?,?,?)",
                [(e.id, mid, i) for e in events for i, mid in enumerate(e.mention_ids)],
            )
        return len(events)

    def add_external_events(self, events: Iterable[Event]) -> int:
        """Insert or update imported events by ``(origin, external_id)``; lull's re-resolution never removes them.

        Each needs an ``origin`` other than "lull" and an ``external_id``; its
        stored id is ``<origin>:<external_id>`` whatever ``id`` it came with."""
        rows = []
        for e in events:
            if e.origin == "lull" or not e.external_id:
                raise StoreError(f"event {e.id!r} is not an imported event (origin {e.origin!r}, external_id "
                                 f"{e.external_id!r}); give it origin='acled' (or another source) and its external id.")
            row = _event_row(e)
            row[0] = f"{e.origin}:{e.external_id}"
            rows.append(row)
        with self.conn:
            self.conn.executemany(_INSERT.replace("INSERT", "INSERT OR REPLACE", 1), rows)
        return len(rows)

    def events(self, *, type: str | None = None, actor: str | None = None, since: date | None = None,
               until: date | None = None, origin: str | None = None, conflicted: bool = False) -> list[Event]:
        """Stored events, by date then id. ``actor`` matches a KB id, name or text of an actor, recipient or
        claimant (case-insensitive); ``since``/``until`` keep events whose date span overlaps the range
        (undated events are left out when either is given); ``conflicted`` keeps events whose sources disagree."""
        sql, params = "SELECT * FROM events WHERE 1=1", []
        if type:
            sql += " AND type = ?"
            params.append(type.upper())
        if origin:
            sql += " AND origin = ?"
            params.append(origin)
        if since:
            sql += " AND COALESCE(date_end, '9999-12-31') >= ? AND date_start IS NOT NULL"
            params.append(since.isoformat())
        if until:
            sql += " AND date_start <= ?"
            params.append(until.isoformat())
        if conflicted:
            sql += " AND conflicts != '[]'"
        if actor:
            needle = actor.lower()
            sql += (" AND EXISTS (SELECT 1 FROM (SELECT value FROM json_each(events.actors)"
                    " UNION ALL SELECT value FROM json_each(events.recipients)"
                    " UNION ALL SELECT value FROM json_each(events.claimed_by)) a"
                    " WHERE lower(a.value->>'id') = ? OR lower(a.value->>'name') LIKE ? OR lower(a.value->>'text') LIKE ?)")
            params += [needle, f"%{needle}%", f"%{needle}%"]
        sql += " ORDER BY COALESCE(date_start, '9999-12-31'), id"
        rows = self.conn.execute(sql, params).fetchall()
        links = self._links([r["id"] for r in rows])
        return [_event(r, *links.get(r["id"], ((), ()))) for r in rows]

    def event(self, event_id: str) -> Event | None:
        row = self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            return None
        return _event(row, *self._links([event_id]).get(event_id, ((), ())))

    def event_mentions(self, event_id: str) -> list[Mention]:
        """The mentions of one event, in the event's order (empty for imported events)."""
        rows = self.conn.execute(
            "SELECT m.* FROM event_mentions em JOIN mentions m ON m.id = em.mention_id"
            " WHERE em.event_id = ? ORDER BY em.position", (event_id,))
        return [_mention(r) for r in rows]

    def _links(self, event_ids: list[str]) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """Mention ids and document ids (in order of first mention) of each event."""
        found: dict[str, tuple[list[str], list[str]]] = {}
        for chunk in (event_ids[i:i + 500] for i in range(0, len(event_ids), 500)):
            rows = self.conn.execute(
                "SELECT em.event_id, em.mention_id, m.doc_id FROM event_mentions em JOIN mentions m"
                f" ON m.id = em.mention_id WHERE em.event_id IN ({','.join('?' * len(chunk))})"
                " ORDER BY em.event_id, em.position", chunk)
            for event_id, mention_id, doc_id in rows:
                mentions, docs = found.setdefault(event_id, ([], []))
                mentions.append(mention_id)
                if doc_id not in docs:
                    docs.append(doc_id)
        return {k: (tuple(m), tuple(d)) for k, (m, d) in found.items()}


def _actors_json(actors: Iterable[Actor]) -> str:
    return json.dumps([asdict(a) for a in actors], ensure_ascii=False)


def _actors(value: str) -> tuple[Actor, ...]:
    return tuple(Actor(**a) for a in json.loads(value))


def _event_row(e: Event) -> list[Any]:
    p, d = e.place, e.date
    conflicts = [{"field": c.field, "values": [[v, list(ids)] for v, ids in c.values]} for c in e.conflicts]
    return [
        e.id, e.origin, e.external_id, e.type, e.mode, e.status, _actors_json(e.actors), _actors_json(e.recipients),
        p.text if p else None, p.name if p else None, p.lat if p else None, p.lon if p else None,
        p.precision if p else None, p.country if p else None, p.feature if p else None, p.source_id if p else None,
        _iso(d.start) if d else None, _iso(d.end) if d else None, d.precision if d else None,
        e.weapon, e.fatalities, e.injuries, _actors_json(e.claimed_by),
        json.dumps([[asdict(a), asdict(b)] for a, b in e.attributed_to], ensure_ascii=False),
        json.dumps(conflicts, ensure_ascii=False), _iso(e.first_reported), _iso(e.last_reported), e.notes,
        e.modality,
    ]


def _event(r: sqlite3.Row, mention_ids: tuple[str, ...], doc_ids: tuple[str, ...]) -> Event:
    place = None
    if r["place_text"] is not None:
        place = Place(text=r["place_text"], name=r["place_name"], lat=r["lat"], lon=r["lon"],
                      precision=r["geo_precision"], country=r["country"], feature=r["feature"],
                      source_id=r["place_source"])
    conflicts = tuple(Conflict(c["field"], tuple((v, tuple(ids)) for v, ids in c["values"]))
                      for c in json.loads(r["conflicts"]))
    return Event(
        id=r["id"], type=r["type"], mode=r["mode"], actors=_actors(r["actors"]), recipients=_actors(r["recipients"]),
        place=place, date=_span(r["date_start"], r["date_end"], r["date_precision"]), status=r["status"],
        mention_ids=mention_ids, doc_ids=doc_ids, weapon=r["weapon"], fatalities=r["fatalities"],
        injuries=r["injuries"], claimed_by=_actors(r["claimed_by"]),
        attributed_to=tuple((Actor(**a), Actor(**b)) for a, b in json.loads(r["attributed_to"])),
        conflicts=conflicts, first_reported=_date(r["first_reported"]), last_reported=_date(r["last_reported"]),
        origin=r["origin"], external_id=r["external_id"], notes=r["notes"], modality=r["modality"],
    )
