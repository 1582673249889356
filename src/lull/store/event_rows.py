"""Resolved events, the mentions each gathers, and events imported from other datasets (ACLED).

Two origins share the ``events`` table. lull's own events (``origin='lull'``)
are upserted block by block by ``replace_linked_events`` (the link stage
re-links only the blocks new or deleted mentions touched), or rewritten
wholesale by ``replace_events``; their member mentions live in
``event_mentions``, which cascades from ``mentions``, so deleting a document
removes its mentions from every event and an event left without mentions is
dropped by a trigger. Imported events (``origin`` such as ``'acled'``) have no
mentions; they are upserted by ``(origin, external_id)`` with
``add_external_events`` and never touched by lull's linking.

An event's parties are rows of ``event_actors`` (role ``actor``,
``recipient``, ``claimed_by``, and ``attributor``/``attributed`` sharing a
position for each attribution pair); the ``Event`` record keeps its tuples.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from ..errors import StoreError
from ..records import Actor, Conflict, Event, Mention, Place
from .core import _date, _iso, _span
from .mention_rows import _mention

_COLUMNS = (
    "id", "origin", "external_id", "type", "mode", "status", "place_text", "place_name",
    "lat", "lon", "geo_precision", "country", "feature", "place_source", "date_start", "date_end",
    "date_precision", "weapon", "fatalities", "injuries", "conflicts", "first_reported", "last_reported", "notes",
    "modality", "countability",
)
_INSERT = f"INSERT INTO events ({','.join(_COLUMNS)}) VALUES ({','.join('?' * len(_COLUMNS))})"
_UPSERT = _INSERT + " ON CONFLICT (id) DO UPDATE SET " + ",".join(f"{c} = excluded.{c}" for c in _COLUMNS[1:])
_ACTOR_FIELDS = ("actor_id", "text", "name", "kind", "sector", "country", "label")
_ROLES = {"actor": "actors", "recipient": "recipients", "claimed_by": "claimed_by"}


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
            self._write_actors(events)
            self.conn.executemany(
                "INSERT INTO event_mentions (event_id, mention_id, position) VALUES (?,?,?)",
                [(e.id, mid, i) for e in events for i, mid in enumerate(e.mention_ids)],
            )
        return len(events)

    def replace_linked_events(self, mention_ids: Iterable[str], events: Iterable[Event]) -> int:
        """Make ``events`` the lull events of ``mention_ids``, in one transaction; return the rows written.

        ``mention_ids`` is the scope the link stage re-linked: whole stored
        events plus new mentions. Events of the scope that ``events`` keeps are
        updated in place (same id), new ones inserted, the others deleted;
        events outside the scope are not touched."""
        scope, events = list(dict.fromkeys(mention_ids)), list(events)
        if any(e.origin != "lull" for e in events):
            raise StoreError("replace_linked_events takes lull's own events; store imported events with "
                             "add_external_events.")
        keep = {(e.id, mid) for e in events for mid in e.mention_ids}
        before = self.conn.total_changes
        with self.conn:
            self.conn.executemany(_UPSERT, [_event_row(e) for e in events])
            self.conn.executemany(
                "INSERT INTO event_mentions (event_id, mention_id, position) VALUES (?,?,?)"
                " ON CONFLICT (event_id, mention_id) DO UPDATE SET position = excluded.position"
                " WHERE position != excluded.position",
                [(e.id, mid, i) for e in events for i, mid in enumerate(e.mention_ids)],
            )
            stale = [(eid, mid) for chunk in _chunks(scope) for eid, mid in self.conn.execute(
                "SELECT event_id, mention_id FROM event_mentions"
                f" WHERE mention_id IN ({','.join('?' * len(chunk))})", chunk) if (eid, mid) not in keep]
            # the event_mentions_ad trigger drops an event whose last mention link goes
            self.conn.executemany("DELETE FROM event_mentions WHERE event_id = ? AND mention_id = ?", stale)
            self._write_actors(events)
        return self.conn.total_changes - before

    def _write_actors(self, events: list[Event]) -> None:
        """Replace the event_actors rows of ``events`` (inside the caller's transaction)."""
        self.conn.executemany("DELETE FROM event_actors WHERE event_id = ?", [(e.id,) for e in events])
        self.conn.executemany(
            f"INSERT INTO event_actors (event_id, role, position, {','.join(_ACTOR_FIELDS)}) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [row for e in events for row in _actor_rows(e)],
        )

    def add_external_events(self, events: Iterable[Event]) -> int:
        """Insert or update imported events by ``(origin, external_id)``; lull's re-resolution never removes them.

        Each needs an ``origin`` other than "lull" and an ``external_id``; its
        stored id is ``<origin>:<external_id>`` whatever ``id`` it came with."""
        rows = []
        for e in events:
            if e.origin == "lull" or not e.external_id:
                raise StoreError(f"event {e.id!r} is not an imported event (origin {e.origin!r}, external_id "
                                 f"{e.external_id!r}); give it origin='acled' (or another source) and its external id.")
            rows.append(replace(e, id=f"{e.origin}:{e.external_id}"))
        with self.conn:
            self.conn.executemany(_UPSERT, [_event_row(e) for e in rows])
            self._write_actors(rows)
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
            sql += (" AND EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = events.id"
                    " AND a.role IN ('actor', 'recipient', 'claimed_by')"
                    " AND (lower(a.actor_id) = ? OR lower(a.name) LIKE ? OR lower(a.text) LIKE ?))")
            params += [needle, f"%{needle}%", f"%{needle}%"]
        sql += " ORDER BY COALESCE(date_start, '9999-12-31'), id"
        return self._events(self.conn.execute(sql, params).fetchall())

    def event(self, event_id: str) -> Event | None:
        found = self._events(self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchall())
        return found[0] if found else None

    def _events(self, rows: list[sqlite3.Row]) -> list[Event]:
        ids = [r["id"] for r in rows]
        links, parties = self._links(ids), self._parties(ids)
        return [_event(r, *links.get(r["id"], ((), ())), parties.get(r["id"], {})) for r in rows]

    def _parties(self, event_ids: list[str]) -> dict[str, dict[str, list]]:
        """role -> actors (or attribution pairs, under "attributed_to") of each event."""
        found: dict[str, dict[str, list]] = {}
        for chunk in _chunks(event_ids):
            rows = self.conn.execute(
                f"SELECT * FROM event_actors WHERE event_id IN ({','.join('?' * len(chunk))})"
                " ORDER BY event_id, role, position", chunk)
            pairs: dict[tuple[str, int], dict[str, Actor]] = {}
            for r in rows:
                actor = Actor(r["text"], id=r["actor_id"], name=r["name"], kind=r["kind"], sector=r["sector"],
                              country=r["country"], label=r["label"])
                if r["role"] in _ROLES:
                    found.setdefault(r["event_id"], {}).setdefault(_ROLES[r["role"]], []).append(actor)
                else:
                    pairs.setdefault((r["event_id"], r["position"]), {})[r["role"]] = actor
            for (event_id, _), pair in sorted(pairs.items()):
                found.setdefault(event_id, {}).setdefault("attributed_to", []).append(
                    (pair["attributor"], pair["attributed"]))
        return found

    def event_mentions(self, event_id: str) -> list[Mention]:
        """The mentions of one event, in the event's order (empty for imported events)."""
        rows = self.conn.execute(
            "SELECT m.* FROM event_mentions em JOIN mentions m ON m.id = em.mention_id"
            " WHERE em.event_id = ? ORDER BY em.position", (event_id,))
        return [_mention(r) for r in rows]

    def _links(self, event_ids: list[str]) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """Mention ids and document ids (in order of first mention) of each event."""
        found: dict[str, tuple[list[str], list[str]]] = {}
        for chunk in _chunks(event_ids):
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


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    """``items`` in slices short enough for SQLite's parameter limit."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _actor_fields(a: Actor) -> tuple:
    return a.id, a.text, a.name, a.kind, a.sector, a.country, a.label


def _actor_rows(e: Event) -> list[tuple]:
    rows = [(e.id, role, i, *_actor_fields(a)) for role, attr in _ROLES.items()
            for i, a in enumerate(getattr(e, attr))]
    for i, (who, whom) in enumerate(e.attributed_to):
        rows += [(e.id, "attributor", i, *_actor_fields(who)), (e.id, "attributed", i, *_actor_fields(whom))]
    return rows


def _event_row(e: Event) -> list[Any]:
    p, d = e.place, e.date
    conflicts = [{"field": c.field, "values": [[v, list(ids)] for v, ids in c.values]} for c in e.conflicts]
    return [
        e.id, e.origin, e.external_id, e.type, e.mode, e.status, p.text if p else None, p.name if p else None,
        p.lat if p else None, p.lon if p else None,
        p.precision if p else None, p.country if p else None, p.feature if p else None, p.source_id if p else None,
        _iso(d.start) if d else None, _iso(d.end) if d else None, d.precision if d else None,
        e.weapon, e.fatalities, e.injuries, json.dumps(conflicts, ensure_ascii=False), _iso(e.first_reported),
        _iso(e.last_reported), e.notes, e.modality, e.countability,
    ]


def _event(r: sqlite3.Row, mention_ids: tuple[str, ...], doc_ids: tuple[str, ...], parties: dict[str, list]) -> Event:
    place = None
    if r["place_text"] is not None:
        place = Place(text=r["place_text"], name=r["place_name"], lat=r["lat"], lon=r["lon"],
                      precision=r["geo_precision"], country=r["country"], feature=r["feature"],
                      source_id=r["place_source"])
    conflicts = tuple(Conflict(c["field"], tuple((v, tuple(ids)) for v, ids in c["values"]))
                      for c in json.loads(r["conflicts"]))
    return Event(
        id=r["id"], type=r["type"], mode=r["mode"], actors=tuple(parties.get("actors", ())),
        recipients=tuple(parties.get("recipients", ())),
        place=place, date=_span(r["date_start"], r["date_end"], r["date_precision"]), status=r["status"],
        mention_ids=mention_ids, doc_ids=doc_ids, weapon=r["weapon"], fatalities=r["fatalities"],
        injuries=r["injuries"], claimed_by=tuple(parties.get("claimed_by", ())),
        attributed_to=tuple(parties.get("attributed_to", ())),
        conflicts=conflicts, first_reported=_date(r["first_reported"]), last_reported=_date(r["last_reported"]),
        origin=r["origin"], external_id=r["external_id"], notes=r["notes"], modality=r["modality"],
        countability=r["countability"],
    )
