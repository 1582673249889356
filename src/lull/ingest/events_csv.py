"""A plain CSV of events (an analyst's own series, a dataset's export) -> ``Event`` records (origin "csv").

Public API::

    read_events_csv(path, *, kb, gazetteer=None) -> Iterator[Event | Rejection]
    import_events_csv(path, *, store, kb, gazetteer=None) -> ImportSummary   (``lull import events``)

Columns (header row, any order; only ``date``, ``actor`` and ``type`` are required)::

    date        2024-02-02 (a day), 2024-02 (a month) or 2024-01-29/2024-02-04 (a span; its length sets the
                precision: day, week, month, season, year)
    actor       who acted; several separated by ";"        recipient   against whom (";" too)
    type        PLOVER event type (ASSAULT, RETREAT, ...)    mode        PLOVER mode (drone, ceasefire, ...)
    place       a place name                                 country     ISO 3166 alpha-2 (helps the gazetteer)
    lat, lon    coordinates (used as given when present)     fatalities  an integer
    source      where the row comes from (kept in the notes)
    notes       free text                                    status      claimed | reported | confirmed (default reported)

Actors go through the actor KB and places through the gazetteer; a name
neither knows is kept as its text (``Actor.id``/``Place.lat`` ``None``), never
dropped. A row that cannot be read is a ``Rejection`` (stage "import") naming
the file, the row (the header is row 1) and the fix; the other rows are read.
An event's id is ``csv:`` + a hash of its row's values (also its
``external_id``), so importing a file twice replaces, never duplicates; a row
repeated in one file is one event per repeat (``#2``, ``#3`` appended).
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Protocol

from ..records import Actor, DateSpan, Event, Place, Rejection, RejectionReason

STAGE = "import"
REQUIRED = ("date", "actor", "type")
COLUMNS = ("date", "actor", "recipient", "type", "mode", "place", "country", "lat", "lon", "fatalities",
           "source", "notes", "status")
STATUSES = ("claimed", "reported", "confirmed", "denied")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")
_MONTH = re.compile(r"(\d{4})-(\d{2})\Z")
_TYPE = re.compile(r"[A-Z]+\Z")


class Resolver(Protocol):
    def resolve(self, text: str, label: str | None = None) -> Actor: ...


class PlaceResolver(Protocol):
    def resolve(self, text: str, *, context_countries: tuple[str, ...] = ()) -> Place | Rejection: ...


class _RowError(Exception):
    """One field of one row is unusable; becomes a Rejection (never leaves this module)."""

    def __init__(self, reason: RejectionReason, message: str):
        super().__init__(message)
        self.reason, self.message = reason, message


def read_events_csv(path: Path, *, kb: Resolver, gazetteer: PlaceResolver | None = None
                    ) -> Iterator[Event | Rejection]:
    """Every row of ``path`` as an ``Event`` or a ``Rejection``, in file order (UTF-8, a BOM tolerated)."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        yield _reject(path, RejectionReason.NOT_FOUND, f"{path} does not exist; check the path.")
        return
    except UnicodeDecodeError as exc:
        yield _reject(path, RejectionReason.UNDECODABLE, f"{path} is not UTF-8 (byte {exc.start}); save it as UTF-8.")
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        yield _reject(path, RejectionReason.MISSING_FIELD,
                      f"{path}: the header lacks the column(s) {', '.join(missing)}; the first row must name the "
                      f"columns ({', '.join(COLUMNS)}).")
        return
    reader.fieldnames = header
    seen: Counter[str] = Counter()
    try:
        for row_no, row in enumerate(reader, start=2):
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            try:
                event = _event(row, kb=kb, gazetteer=gazetteer, where=f"{path} row {row_no}")
                seen[event.id] += 1
                if seen[event.id] > 1:
                    suffix = f"#{seen[event.id]}"
                    event = replace(event, id=event.id + suffix, external_id=f"{event.external_id}{suffix}")
                yield event
            except _RowError as error:
                yield _reject(path, error.reason, error.message)
    except csv.Error as exc:
        yield _reject(path, RejectionReason.MALFORMED_ROW,
                      f"{path} line {reader.line_num}: the CSV is broken ({exc}); fix the quoting on that line.")


def parse_date(value: str, *, where: str) -> DateSpan:
    """A day, a month or a ``start/end`` span as a ``DateSpan`` that keeps its precision."""
    value = value.strip()
    try:
        if "/" in value:
            first, last = (parse_date(part, where=where) for part in value.split("/", 1))
            if first.start is None or last.end is None or last.end < first.start:
                raise ValueError
            return DateSpan(first.start, last.end, _precision((last.end - first.start).days + 1))
        if match := _DAY.match(value):
            return DateSpan.day(date(int(match[1]), int(match[2]), int(match[3])))
        if match := _MONTH.match(value):
            year, month = int(match[1]), int(match[2])
            nxt = date(year + month // 12, month % 12 + 1, 1)
            return DateSpan(date(year, month, 1), date.fromordinal(nxt.toordinal() - 1), "month")
    except ValueError:
        pass
    raise _RowError(RejectionReason.INVALID_DATE,
                    f"{where}: date {value!r} is not a day (2024-02-02), a month (2024-02) or a span "
                    "(2024-01-29/2024-02-04); fix the date.")


def _precision(days: int) -> str:
    for limit, name in ((1, "day"), (7, "week"), (31, "month"), (92, "season"), (366, "year")):
        if days <= limit:
            return name
    return "decade"


def _event(row: dict[str, str | None], *, kb: Resolver, gazetteer: PlaceResolver | None, where: str) -> Event:
    get = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str) and isinstance(v, str)}
    for column in REQUIRED:
        if not get.get(column):
            raise _RowError(RejectionReason.MISSING_FIELD, f"{where}: the {column!r} column is empty; fill it in.")
    event_type = get["type"].upper()
    if not _TYPE.match(event_type):
        raise _RowError(RejectionReason.MALFORMED_ROW,
                        f"{where}: type {get['type']!r} is not a PLOVER event type such as ASSAULT; fix it.")
    status = get.get("status") or "reported"
    if status not in STATUSES:
        raise _RowError(RejectionReason.MALFORMED_ROW,
                        f"{where}: status {status!r} is not one of {', '.join(STATUSES)}; fix it or leave it empty.")
    span = parse_date(get["date"], where=where)
    actors = tuple(kb.resolve(name) for name in _names(get["actor"]))
    recipients = tuple(kb.resolve(name) for name in _names(get.get("recipient", "")))
    fatalities = _integer(get.get("fatalities"), "fatalities", where)
    digest = hashlib.sha1("|".join(get.get(c, "") for c in COLUMNS).encode()).hexdigest()[:16]
    notes = "\n".join(x for x in (get.get("notes"), f"source: {get['source']}" if get.get("source") else None) if x)
    return Event(id=f"csv:{digest}", type=event_type, mode=get.get("mode") or None, actors=actors,
                 recipients=recipients, place=_place(get, gazetteer, where), date=span, status=status,
                 mention_ids=(), doc_ids=(), fatalities=fatalities, origin="csv", external_id=digest,
                 notes=notes or None)


def _names(value: str) -> list[str]:
    return [name.strip() for name in value.split(";") if name.strip()]


def _integer(value: str | None, column: str, where: str) -> int | None:
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise _RowError(RejectionReason.MALFORMED_ROW, f"{where}: {column} {value!r} is not a whole number >= 0.")
    return number


def _place(get: dict[str, str], gazetteer: PlaceResolver | None, where: str) -> Place | None:
    name, country = get.get("place", ""), get.get("country", "").upper() or None
    lat, lon = get.get("lat"), get.get("lon")
    if lat or lon:
        try:
            latitude, longitude = float(lat or ""), float(lon or "")
        except ValueError:
            latitude = longitude = 999.0
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise _RowError(RejectionReason.MALFORMED_ROW,
                            f"{where}: lat/lon {lat!r}/{lon!r} are not coordinates; give both in decimal degrees.")
        return Place(text=name or f"{latitude},{longitude}", name=name or None, lat=latitude, lon=longitude,
                     precision=1, country=country)
    if not name:
        return None
    if gazetteer is not None:
        found = gazetteer.resolve(name, context_countries=(country,) if country else ())
        if isinstance(found, Place):
            return found
    return Place(text=name, country=country)


def _reject(path: Path, reason: RejectionReason, message: str) -> Rejection:
    return Rejection(input=str(path), stage=STAGE, reason=reason, message=message)


class EventStore(Protocol):
    """What ``import_events_csv`` needs of ``lull.store.Store``."""

    def events(self, *, origin: str | None = None) -> list[Event]: ...

    def add_external_events(self, events: Iterable[Event]) -> int: ...

    def add_rejection(self, rej: Rejection) -> None: ...


def import_events_csv(path: Path, *, store: EventStore, kb: Resolver,
                      gazetteer: PlaceResolver | None = None) -> "ImportSummary":
    """Read an events CSV into ``store`` (origin "csv"): events upserted by row hash, bad rows stored as
    rejections naming the row. Re-importing the same file changes nothing."""
    from .acled import ImportSummary

    stored = {e.id for e in store.events(origin="csv")}
    new: list[Event] = []
    imported = unchanged = rejected = 0
    for item in read_events_csv(path, kb=kb, gazetteer=gazetteer):
        if isinstance(item, Rejection):
            store.add_rejection(item)
            rejected += 1
        elif item.id in stored:
            unchanged += 1
        else:
            new.append(item)
            imported += 1
    store.add_external_events(new)
    return ImportSummary(Path(path), imported, 0, unchanged, rejected)
