"""The cause book: ``data/causes.yaml`` loaded into frozen records, and cue matching over it.

The YAML file is the rule book (cause categories with their cues and KB
actors, the relations that link a cause to a phenomenon, the words that name
a phenomenon); this module only reads, checks and compiles it, so a wrong
entry fails at load time with a message naming the file, the entry and the
fix. ``categorise`` picks the category whose cue covers most of a text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...datafiles import read_yaml
from ...errors import ConfigError
from ...vocabulary import CauseRelation, Direction, choices, member

if TYPE_CHECKING:
    from ...knowledge.actors import ActorKB

_KINDS = ("subject", "attribute", "connective", "copula", "standalone", "reasons", "noun_purpose", "agent")


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    description: str
    cues: tuple[re.Pattern[str], ...]
    standalone: tuple[re.Pattern[str], ...] = ()
    actors: tuple[str, ...] = ()  # KB ids: a cause whose agent is (part of) one of them is of this category


@dataclass(frozen=True, slots=True)
class RelationRule:
    """One way of linking a cause to a phenomenon (see ``data/causes.yaml``, section ``relations``)."""

    id: str
    kind: str
    relation: str
    verbs: tuple[tuple[str, ...], ...] = ()  # ("lead", "to"), ("play", "role", "in"), ("influence",)
    phrases: tuple[tuple[str, ...], ...] = ()  # ("due", "to"), ("after",)
    weak: bool = False


@dataclass(frozen=True, slots=True)
class CauseBook:
    """The contents of one causes.yaml, checked and compiled."""

    source: str
    categories: tuple[Category, ...]
    relations: tuple[RelationRule, ...]
    placeholders: frozenset[str]
    reason_nouns: frozenset[str]
    nouns: Mapping[str, str]  # lemma -> direction
    verbs: Mapping[str, str]
    needs_activity: frozenset[str]
    activity_nouns: frozenset[str]
    artifact_heads: frozenset[str]
    blockers: frozenset[str]
    preventers: frozenset[str]

    def relation(self, kind: str) -> list[RelationRule]:
        return [r for r in self.relations if r.kind == kind]


def load_causes(path: Path) -> CauseBook:
    """Read and check the cause categories at ``path`` (``Settings.causes_path``, read once by ``Knowledge``); a bad entry names the file and the fix."""
    data = read_yaml(path, what="cause categories")
    if not isinstance(data, dict) or not isinstance(data.get("categories"), list):
        raise ConfigError(f"{path} has no 'categories' list; compare with the bundled data/causes.yaml.")
    try:
        nouns, verbs = {}, {}
        for direction, words in data["phenomena"].items():
            if member(Direction, direction) is None:
                raise ConfigError(f"{path}: phenomena direction {direction!r} is not one of {choices(Direction)}; "
                                  "rename it.")
            nouns.update({str(w).lower(): direction for w in words.get("nouns", [])})
            verbs.update({str(w).lower(): direction for w in words.get("verbs", [])})
        return CauseBook(
            source=str(path),
            categories=tuple(_category(c, path) for c in data["categories"]),
            relations=tuple(_relation(r, path) for r in data["relations"]),
            placeholders=frozenset(str(w).lower() for w in data["placeholders"]),
            reason_nouns=frozenset(str(w).lower() for w in data.get("reason_nouns", ())),
            nouns=nouns, verbs=verbs,
            needs_activity=frozenset(str(w).lower() for w in data["needs_activity"]),
            activity_nouns=frozenset(str(w).lower() for w in data["activity_nouns"]),
            artifact_heads=frozenset(str(w).lower() for w in data["artifact_heads"]),
            blockers=frozenset(str(w).lower() for w in data["blockers"]),
            preventers=frozenset(str(w).lower() for w in data.get("preventers", ())),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"{path}: missing or malformed section ({exc!r}); compare with the bundled "
                          "data/causes.yaml.") from None


def _compile(patterns: Any, where: str) -> tuple[re.Pattern[str], ...]:
    try:
        return tuple(re.compile(rf"\b(?:{p})\b", re.IGNORECASE) for p in patterns or ())
    except re.error as exc:
        raise ConfigError(f"{where}: cue {exc.pattern!r} is not a valid regular expression ({exc}); fix it.") from None


def _category(entry: Any, path: Path) -> Category:
    if not isinstance(entry, dict) or not entry.get("id") or not entry.get("description"):
        raise ConfigError(f"{path}: every category needs an 'id', a 'description' and 'cues' ({entry!r}).")
    where = f"{path}: category {entry['id']}"
    return Category(entry["id"], entry["description"], _compile(entry.get("cues"), where),
                    _compile(entry.get("standalone"), where), tuple(entry.get("actors") or ()))


def _relation(entry: Any, path: Path) -> RelationRule:
    if not isinstance(entry, dict) or entry.get("kind") not in _KINDS or member(CauseRelation, entry.get("relation")) is None:
        raise ConfigError(f"{path}: relation {entry!r} needs an 'id', a 'kind' in {_KINDS} and a 'relation' in "
                          f"({choices(CauseRelation)}).")
    return RelationRule(entry["id"], entry["kind"], entry["relation"],
                        tuple(tuple(str(v).lower().split()) for v in entry.get("verbs", ())),
                        tuple(tuple(str(p).lower().split()) for p in entry.get("phrases", ())),
                        bool(entry.get("weak", False)))


def categorise(text: str, book: CauseBook) -> str | None:
    """The category whose cue covers the most characters of ``text`` (ties: the first listed)."""
    best: tuple[int, str] | None = None
    for category in book.categories:
        for cue in category.cues:
            for match in cue.finditer(text):
                if best is None or len(match.group()) > best[0]:
                    best = (len(match.group()), category.id)
    return best[1] if best else None


def category_of_actors(actor_ids: Iterable[str], book: CauseBook, kb: ActorKB) -> str | None:
    """The first category listing one of the actors, or an organisation they belong to ("Qaani" -> Quds Force)."""
    ids = [a for a in actor_ids if a]
    for category in book.categories:
        if any(kb.compatible(a, listed) for a in ids for listed in category.actors if kb.get(listed)):
            return category.id
    return None
