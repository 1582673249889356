"""The numbers rule book: data/patterns/numbers.yaml loaded into frozen records, checked at load time.

The YAML file holds the rules (count nouns, qualifier phrases, rate and
claimant cues, with ids); this module only reads and checks it, so a wrong
entry fails when the component is made, naming the file and the fix.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ....datafiles import read_yaml
from ....errors import ConfigError
from ..attribution import SpeechRules
from ...events.lexicon import Lexicon

if TYPE_CHECKING:
    from ....knowledge.actors import ActorKB

_UNIT_KINDS = ("event", "person", "weapon", "place", "time", "generic")


# Units that count people harmed in an event (the casualty rules of numbers.yaml), not people as such.
CASUALTY_UNITS = frozenset({"killed", "injured", "casualties"})


@dataclass(frozen=True, slots=True)
class UnitRule:
    """One count noun entry: what its number counts."""

    id: str
    kind: str  # event, person, weapon, place, time, generic
    unit: str


@dataclass(frozen=True, slots=True)
class NumberRules:
    """data/patterns/numbers.yaml, keyed for O(1) look-ups per token."""

    source: str
    units: Mapping[str, UnitRule]  # lemma or "modifier lemma" ("air strike")
    measures: frozenset[str]
    aggregate_heads: frozenset[str]
    number_words: Mapping[str, int]
    multipliers: Mapping[str, int]
    collective: frozenset[str]
    vague: Mapping[str, int]
    qualifiers: tuple[tuple[tuple[str, ...], str], ...]  # (phrase words, qualifier), longest first
    rate_cues: frozenset[str]
    rate_units: Mapping[str, str]
    rate_adverbs: Mapping[str, str]
    window_preps: frozenset[str]
    claimant_verbs: frozenset[str]
    source_nouns: frozenset[str]
    subset_pronouns: frozenset[str]
    subset_preps: frozenset[str]
    ago_words: frozenset[str]
    continuation_openers: frozenset[str]
    infobox_max_words: int = 6
    currencies: Mapping[str, str] = field(default_factory=dict)  # "$" -> "USD"
    singular_articles: frozenset[str] = frozenset()
    subset_determiners: frozenset[str] = frozenset()
    death_verbs: frozenset[str] = frozenset()  # "nine fighters died": the subject counts the dead
    report_period_phrases: tuple[str, ...] = ()
    report_period_lines: int = 3
    day_lengths: Mapping[str, int] = field(default_factory=dict)  # time unit lemma -> days
    infobox: InfoboxRules | None = None


@dataclass(frozen=True, slots=True)
class InfoboxField:
    id: str
    unit: str
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class InfoboxRules:
    """The ``infobox`` section: labelled figures of fact boxes."""

    fields: tuple[InfoboxField, ...]
    none_words: frozenset[str]
    casualty_words: Mapping[str, str]  # last word of a short casualty line -> unit
    casualty_labels: tuple[str, ...]
    date_labels: tuple[str, ...] = ()


def load_number_rules(path: Path) -> NumberRules:
    """Read and check the numbers rule book at ``path`` (``Settings.number_rules_path``, read once by ``Knowledge``)."""
    data = read_yaml(path, what="number rules")
    try:
        return NumberRules(
            source=str(path),
            units=_units(data["units"], path),
            measures=_words(data["measures"]),
            aggregate_heads=_words(data["aggregate_heads"]),
            number_words={str(k).lower(): int(v) for k, v in data["number_words"].items()},
            multipliers={str(k).lower(): int(v) for k, v in data["multipliers"].items()},
            collective=_words(data["collective"]),
            vague={str(k).lower(): int(v) for k, v in data["vague"].items()},
            qualifiers=_qualifiers(data["qualifiers"], path),
            rate_cues=_words(data["rate_cues"]),
            rate_units={str(k).lower(): str(v) for k, v in data["rate_units"].items()},
            rate_adverbs={str(k).lower(): str(v) for k, v in data["rate_adverbs"].items()},
            window_preps=_words(data["window_preps"]),
            claimant_verbs=_words(data["claimant_verbs"]),
            source_nouns=_words(data["source_nouns"]),
            subset_pronouns=_words(data["subset_pronouns"]),
            subset_preps=_words(data["subset_preps"]),
            ago_words=_words(data["ago_words"]),
            continuation_openers=_words(data["continuation_openers"]),
            infobox_max_words=int(data.get("infobox_max_words", 6)),
            currencies={str(k).lower(): str(v) for k, v in (data.get("currencies") or {}).items()},
            singular_articles=_words(data.get("singular_articles") or ()),
            subset_determiners=_words(data.get("subset_determiners") or ()),
            death_verbs=_words(data.get("death_verbs") or ()),
            report_period_phrases=tuple(str(w).lower() for w in data.get("report_period_phrases") or ()),
            report_period_lines=int(data.get("report_period_lines", 3)),
            day_lengths={str(k).lower(): int(v) for k, v in (data.get("day_lengths") or {}).items()},
            infobox=_infobox(data.get("infobox"), path),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{path}: missing or malformed section ({exc!r}); compare with the bundled "
                          "data/patterns/numbers.yaml.") from None


def _words(items: Any) -> frozenset[str]:
    return frozenset(str(w).lower() for w in items)


def _units(entries: Any, path: Path) -> dict[str, UnitRule]:
    table: dict[str, UnitRule] = {}
    for n, entry in enumerate(entries, 1):
        if not entry.get("id") or entry.get("kind") not in _UNIT_KINDS or not entry.get("unit"):
            raise ConfigError(f"{path}: unit #{n} needs an id, a unit and a kind among {_UNIT_KINDS}; fix the entry.")
        rule = UnitRule(str(entry["id"]), str(entry["kind"]), str(entry["unit"]))
        for lemma in entry["lemmas"]:
            key = str(lemma).lower()
            if key in table:
                raise ConfigError(f"{path}: lemma {key!r} is in both {table[key].id} and {rule.id}; keep it in one.")
            table[key] = rule
    return table


def _infobox(section: Any, path: Path) -> InfoboxRules | None:
    if not section:
        return None
    fields = []
    for entry in section["fields"]:
        if not entry.get("id") or not entry.get("unit") or not entry.get("labels"):
            raise ConfigError(f"{path}: infobox field {entry!r} needs an id, a unit and labels; fix the entry.")
        fields.append(InfoboxField(str(entry["id"]), str(entry["unit"]), tuple(str(w).lower() for w in entry["labels"])))
    return InfoboxRules(tuple(fields), _words(section.get("none_words") or ()),
                        {str(k).lower(): str(v) for k, v in (section.get("casualty_words") or {}).items()},
                        tuple(str(w).lower() for w in section.get("casualty_labels") or ()),
                        tuple(str(w).lower() for w in section.get("date_labels") or ()))


def _qualifiers(entries: Any, path: Path) -> tuple[tuple[tuple[str, ...], str], ...]:
    out = []
    for entry in entries:
        if entry.get("qualifier") not in ("about", "at_least", "more_than", "up_to", "less_than"):
            raise ConfigError(f"{path}: qualifier rule {entry.get('id')!r} has no valid 'qualifier'; fix the entry.")
        out.extend((tuple(str(p).lower().split()), str(entry["qualifier"])) for p in entry["phrases"])
    return tuple(sorted(out, key=lambda item: -len(item[0])))


@dataclass(frozen=True, slots=True)
class NumberResources:
    """What the finder consults: its rule book, the event lexicon, the actor KB and the speech cues
    (``data/patterns/speech.yaml``: list markers, so that list items inherit their lead's claimant)."""

    rules: NumberRules
    lexicon: Lexicon
    kb: ActorKB
    speech: SpeechRules
