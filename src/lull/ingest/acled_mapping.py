"""The ACLED mapping file (``data/acled_mapping.yaml``): rules from ACLED's event and actor types to PLOVER.

Loaded and checked here, applied by ``ingest/acled.py``; the rules and their ids
are documented for analysts in ``docs/acled-mapping.md``.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..datafiles import read_yaml
from ..errors import ConfigError
from ..vocabulary import EventType, choices, member
from ..knowledge.actors import ActorEntry, ActorKB, normalise

ROLES = ("directed", "joint", "reversed")
_RULE_KEYS = frozenset({"id", "event_type", "sub_event_type", "plover", "mode", "weapon", "roles", "actor_types",
                        "recipient_types", "when", "why"})
_WHEN_KEYS = frozenset({"notes", "actor1_type"})
_ACTOR_KEYS = frozenset({"id", "names", "kb", "kind", "sector", "why"})

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
        raw = read_yaml(path, what="ACLED mapping")
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
    if item.get("plover") is not None and member(EventType, item["plover"]) is None:
        raise ConfigError(f"{where}: plover {item['plover']!r} is not a PLOVER type ({choices(EventType)}).")
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


