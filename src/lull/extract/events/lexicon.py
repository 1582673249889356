"""The event trigger lexicon: data/patterns/events.yaml loaded into frozen records.

The YAML file is the rule book (lemmas, weapon words, cue words, ids); this
module only reads and checks it, so a wrong entry fails at load time with a
message naming the file, the rule and the fix, not later inside a pipeline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping

from ...datafiles import read_yaml
from ...errors import ConfigError
from ...vocabulary import EventType, member
_POS = ("verb", "noun")
_NEEDS = (None, "assault", "weapon", "target", "sent", "future", "list", "issuer", "movement", "destination", "parties", "site", "forces", "voiced",
          "party_object", "terror", "harm", "claim", "committed", "defence")
_CASUALTIES = (None, "fatalities", "injuries")
_CUE_KEYS = ("defended_sites", "negation", "future_aux", "future_heads", "hypothetical_aux", "hypothetical_marks",
             "hypothetical_heads", "reporting_verbs", "reporting_adverbs", "according", "claim_verbs", "claim_nouns",
             "spoken_types", "deny_verbs", "declare", "habitual", "trend_verbs", "affiliation", "reference_point",
             "anaphoric_determiners", "anaphoric_nouns", "coref_group_nouns", "past_markers", "background_adverbs",
             "locative_preps", "site_participles", "directions", "aggregate_markers", "aggregate_heads",
             "continuative", "relation_verbs", "durative", "state_types", "response_nouns", "aid_party_kinds",
             "aid_patron_kinds", "aid_heads", "document_nouns", "send_verbs", "issue_verbs", "capability_nouns",
             "purpose_nouns", "site_nouns", "asset_nouns", "voice_verbs", "terror_words", "harm_nouns",
             "patient_subject_verbs", "allegiance_nouns", "material_words", "assault_modifiers", "operation_verbs",
             "readiness", "list_nouns", "interception", "capability_heads", "condition_verbs", "warning_words",
             "contact_verbs", "attribution_verbs", "statement_nouns", "occurrence_verbs", "perfect_series_types",
             "plural_series_types", "package_nouns", "campaign_words", "distributive_words", "collective_nouns",
             "strike_words", "party_nouns", "not_own_forces", "unarmed_modifiers", "goal_nouns", "described_people",
             "civilian_nouns", "victim_roles", "outcome_verbs", "outcome_nouns", "impact_verbs", "geographic_nouns",
             "member_nouns", "commitment_words", "defence_verbs", "attempt_heads", "onset_adverbs",
             "onset_words", "establish_verbs")
_CUE_KEYS += ("pursuit_verbs", "involvement_verbs")  # who takes part in an act (arguments.participant)
_CUE_KEYS += ("protester_nouns", "security_bodies", "local_words", "joint_verbs")  # a country's own people (parties._local_party)


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One trigger entry: the lemmas that fire it and the event it codes."""

    id: str
    pos: str  # "verb" | "noun"
    type: EventType
    mode: str | None = None
    casualty: str | None = None  # "fatalities" | "injuries"
    needs: str | None = None  # "assault" | "weapon" | "target"
    declared: EventType | None = None  # type to use when a declaring verb governs the trigger


@dataclass(frozen=True, slots=True)
class Weapon:
    weapon: str
    mode: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the event coder looks up, keyed for O(1) access per token."""

    source: str
    verbs: Mapping[str, TriggerRule]  # lemma, or "lemma particle" ("pull out")
    nouns: Mapping[str, TriggerRule]  # lemma, or "modifier lemma" ("air strike")
    type_rank: Mapping[str, int]
    assault_content: frozenset[str]
    light_verbs: frozenset[str]
    weapons: Mapping[str, Weapon]  # lemma or two-word phrase
    quantities: Mapping[str, int]
    force_nouns: frozenset[str]
    place_nouns: frozenset[str]
    cues: Mapping[str, frozenset[str]]
    historical_days: int
    historical_days_series: int
    label_lines: tuple[re.Pattern[str], ...] = ()  # whole lines that name no event (headings, "Title:")

    def cue(self, name: str) -> frozenset[str]:
        return self.cues[name]


def load_lexicon(path: Path) -> Lexicon:
    """Read and check the trigger lexicon at ``path`` (``Settings.event_patterns_path``, read once by ``Knowledge``; no bundled fallback)."""
    data = read_yaml(path, what="event patterns")
    if not isinstance(data, dict) or "triggers" not in data:
        raise ConfigError(f"{path} has no 'triggers' list; see the bundled data/patterns/events.yaml for the format.")
    verbs, nouns = _triggers(data["triggers"], path)
    try:
        priority = list(data["type_priority"])
        return Lexicon(
            source=str(path),
            verbs=verbs,
            nouns=nouns,
            type_rank={t: i for i, t in enumerate(priority)},
            assault_content=frozenset(data["assault_content"]) | frozenset(
                lemma for lemma, rule in nouns.items() if rule.type == "ASSAULT" and rule.needs not in ("claim", "defence")),
            light_verbs=frozenset(data["light_verbs"]),
            weapons={k.lower(): Weapon(**v) for k, v in data["weapons"].items()},
            quantities={str(k).lower(): int(v) for k, v in data["quantities"].items()},
            force_nouns=frozenset(data["force_nouns"]),
            place_nouns=frozenset(data["place_nouns"]),
            cues={key: frozenset(str(w).lower() for w in data["cues"][key]) for key in _CUE_KEYS},
            historical_days=int(data["historical_days"]),
            historical_days_series=int(data["historical_days_series"]),
            label_lines=tuple(re.compile(p, re.IGNORECASE) for p in data.get("label_lines", ())),
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ConfigError(f"{path}: missing or malformed section ({exc!r}); compare with the bundled "
                          "data/patterns/events.yaml.") from None


def _triggers(entries: Any, path: Path) -> tuple[dict[str, TriggerRule], dict[str, TriggerRule]]:
    verbs: dict[str, TriggerRule] = {}
    nouns: dict[str, TriggerRule] = {}
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        rule = _rule(entry, path, n)
        if rule.id in seen:
            raise ConfigError(f"{path}: trigger #{n} repeats id {rule.id!r}; give each rule its own id.")
        seen.add(rule.id)
        table = verbs if rule.pos == "verb" else nouns
        for lemma in entry["lemmas"]:
            key = str(lemma).lower()
            if key in table:
                raise ConfigError(f"{path}: {rule.pos} lemma {key!r} is in both {table[key].id} and {rule.id}; "
                                  "keep it in one rule.")
            table[key] = rule
    return verbs, nouns


def _rule(entry: Any, path: Path, n: int) -> TriggerRule:
    if not isinstance(entry, dict) or not entry.get("id") or not entry.get("lemmas"):
        raise ConfigError(f"{path}: trigger #{n} needs an 'id' and a non-empty 'lemmas' list.")
    rule = TriggerRule(id=entry["id"], pos=entry.get("pos", ""), type=entry.get("type", ""), mode=entry.get("mode"),
                       casualty=entry.get("casualty"), needs=entry.get("needs"), declared=entry.get("declared"))
    problems = []
    if rule.pos not in _POS:
        problems.append(f"pos {rule.pos!r} is not one of {_POS}")
    if member(EventType, rule.type) is None or (rule.declared and member(EventType, rule.declared) is None):
        problems.append(f"type {rule.type!r}/{rule.declared!r} is not a PLOVER event type")
    if rule.needs not in _NEEDS:
        problems.append(f"needs {rule.needs!r} is not one of {_NEEDS}")
    if rule.casualty not in _CASUALTIES:
        problems.append(f"casualty {rule.casualty!r} is not one of {_CASUALTIES}")
    if problems:
        raise ConfigError(f"{path}: trigger {rule.id}: {'; '.join(problems)}; fix the entry.")
    return replace(rule, type=EventType(rule.type), declared=EventType(rule.declared) if rule.declared else None)
