"""The explanation board of a lull or surge: the causes sources offer, the events that may have triggered
it, and where the sources contradict each other.

* **Causes**: explanations whose phenomenon is the lull's actor in the KB
  hierarchy (an umbrella, a member, or a descriptive nominal standing for
  them), whose direction fits (halt, pause, decline for a lull; escalation,
  resumption for a surge), whose recipient (when both are given) is on the same
  side, and whose period, or failing that the publication date of its article,
  falls near the lull; explanations from the articles that are the lull's own
  evidence always count. Grouped by cause category with proponents, outlets,
  stance (rejections shown, not dropped) and sentences.
* **Candidate triggers**: dated events in the ``weeks_before`` weeks before the
  start (and a few days after) that involve the actor, its patrons (its KB
  allies and their forces: Iran -> IRGC -> Quds Force), its opponents (the
  lull's recipient side) or its country's government, ranked by
  ``KIND_WEIGHTS[kind] * exp(-days before / 14)``.
* **Contradictions**: different start dates among the reports of the lull
  (more than a week apart), and the conflicts of the trigger events.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..records import Actor, Document, Event, Explanation
from ..vocabulary import Countability
from .lulls import HALT_DIRECTIONS, Lull
from .series import ActorHierarchy, actor_key, lineage

RISE_DIRECTIONS = ("escalation", "resumption")
# How strongly a kind of event suggests a trigger (judgements, in the order an analyst would look).
KIND_WEIGHTS: Mapping[str, float] = {
    "deadly_attack": 3.0, "retaliation": 3.0, "assassination": 3.0, "declared_pause": 2.5, "visit_or_talks": 2.0,
    "attack": 1.0, "other": 0.5,
}
_TALKS = frozenset({"CONSULT", "COOPERATE", "AGREE", "AID", "SUPPORT"})


@dataclass(frozen=True, slots=True)
class CauseGroup:
    category: str
    count: int
    proponents: tuple[str, ...]
    outlets: tuple[str, ...]
    stances: Mapping[str, int]
    sentences: tuple[tuple[str, str], ...]  # (explanation id, sentence)

    def to_json(self) -> dict[str, Any]:
        return {"category": self.category, "count": self.count, "proponents": list(self.proponents),
                "outlets": list(self.outlets), "stances": dict(self.stances),
                "sentences": [{"id": i, "sentence": s} for i, s in self.sentences]}


@dataclass(frozen=True, slots=True)
class Trigger:
    event_id: str
    day: date | None  # None: an undated event reported beside the lull (see ``Board.undated_triggers``)
    days_before: int | None
    kind: str
    role: str  # actor, patron, opponent, government
    type: str
    mode: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "date": self.day.isoformat() if self.day else None,
                "days_before": self.days_before,
                "kind": self.kind, "role": self.role, "type": self.type, "mode": self.mode,
                "actors": list(self.actors), "recipients": list(self.recipients), "score": round(self.score, 3)}


@dataclass(frozen=True, slots=True)
class Contradiction:
    field: str
    values: tuple[tuple[str, tuple[str, ...]], ...]  # (value, source ids)

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "values": [{"value": v, "sources": list(s)} for v, s in self.values]}


@dataclass(frozen=True, slots=True)
class Board:
    lull_id: str
    causes: tuple[CauseGroup, ...]
    triggers: tuple[Trigger, ...]
    contradictions: tuple[Contradiction, ...]
    # Undated events of the actor, its patrons or opponents that the articles reporting the lull also report
    # ("three days after a visit by the commander of the Quds Force"): candidates whose date the text leaves open.
    undated_triggers: tuple[Trigger, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"lull_id": self.lull_id, "causes": [c.to_json() for c in self.causes],
                "triggers": [t.to_json() for t in self.triggers],
                "undated_triggers": [t.to_json() for t in self.undated_triggers],
                "contradictions": [c.to_json() for c in self.contradictions]}


def board(lull: Lull, *, kb: ActorHierarchy, explanations: Iterable[Explanation] = (), events: Iterable[Event] = (),
          documents: Iterable[Document] = (), weeks_before: int = 4, max_triggers: int = 15) -> Board:
    """The explanation board of ``lull`` (see the module docstring). Triggers and contradictions come from
    events that happened: a campaign ("the US strikes on the militias") is a trigger as much as one strike,
    but an unreal event (hypothetical, future, negated only) is none."""
    docs = {d.id: d for d in documents}
    events = [e for e in events if e.countability != Countability.UNREAL]
    return Board(lull.id, _causes(lull, explanations, docs, kb), _triggers(lull, events, kb, weeks_before,
                                                                            max_triggers),
                 _contradictions(lull, events, kb, weeks_before), _undated_triggers(lull, events, kb, max_triggers))


def _related(a: Actor, wanted: str, kb: ActorHierarchy) -> bool:
    """``a`` is ``wanted``, a member of it, an umbrella of it, or a nominal standing for its umbrella's members."""
    keys = set(lineage(a, kb))
    if wanted in keys or (a.id is not None and a.id in kb.ancestors(wanted)):
        return True
    entry = kb.get(a.id) if (a.id and hasattr(kb, "get")) else None
    return bool(entry is not None and getattr(entry, "generic", False) and set(entry.parents) & {wanted,
                                                                                               *kb.ancestors(wanted)})


def _causes(lull: Lull, explanations: Iterable[Explanation], docs: Mapping[str, Document],
            kb: ActorHierarchy) -> tuple[CauseGroup, ...]:
    directions = HALT_DIRECTIONS if lull.kind == "lull" else RISE_DIRECTIONS
    own_docs = {e.doc_id for e in lull.evidence if e.doc_id}
    groups: dict[str, list[Explanation]] = defaultdict(list)
    for x in explanations:
        p = x.phenomenon
        if p.direction not in directions or p.actor is None or not _related(p.actor, lull.actor, kb):
            continue
        if lull.recipient and p.recipient is not None and not _related(p.recipient, lull.recipient, kb):
            continue
        if x.doc_id in own_docs or _near(lull, p.period.start if p.period else None,
                                         _published(docs.get(x.doc_id))):
            groups[x.category].append(x)
    made = []
    for category, members in groups.items():
        stances: dict[str, int] = defaultdict(int)
        for x in members:
            stances[x.stance] += 1
        proponents = sorted({_name(x.proponent, x.proponent_text) for x in members})
        outlets = sorted({(docs[x.doc_id].outlet or "?") if x.doc_id in docs else "?" for x in members})
        made.append(CauseGroup(category, len(members), tuple(proponents), tuple(outlets), dict(stances),
                               tuple((x.id, x.sentence.text) for x in members)))
    return tuple(sorted(made, key=lambda g: (-g.count, g.category)))


def _name(actor: Actor | None, text: str | None) -> str:
    if actor is not None and actor.name:
        return actor.name
    return text or "the outlet"


def _published(doc: Document | None) -> date | None:
    return doc.published.start if doc and doc.published else None


def _near(lull: Lull, period_start: date | None, published: date | None) -> bool:
    if lull.start is None:
        return False
    end = lull.end or date.max - timedelta(days=400)
    if period_start is not None:
        return lull.start - timedelta(days=30) <= period_start <= end
    return published is not None and lull.start - timedelta(days=14) <= published <= end + timedelta(days=90)


def _triggers(lull: Lull, events: Iterable[Event], kb: ActorHierarchy, weeks_before: int,
              max_triggers: int) -> tuple[Trigger, ...]:
    if lull.start is None:
        return ()
    first, last = lull.start - timedelta(weeks=weeks_before), lull.start + timedelta(days=3)
    patrons = _patrons(lull.actor, kb)
    government = _government(lull.actor, kb)
    found = []
    for e in events:
        if e.date is None or e.date.start is None or e.date.end is None or (e.date.end - e.date.start).days > 7:
            continue
        day = e.date.start
        if not first <= day <= last:
            continue
        role = _role(e, lull, kb, patrons, government)
        if role is None:
            continue
        kind = _kind(e, role)
        before = (lull.start - day).days
        score = KIND_WEIGHTS[kind] * math.exp(-max(0, before) / 14)
        found.append(Trigger(e.id, day, before, kind, role, e.type, e.mode, tuple(a.name or a.text for a in e.actors),
                             tuple(a.name or a.text for a in e.recipients), score))
    return tuple(sorted(found, key=lambda t: (-t.score, t.days_before))[:max_triggers])


def _undated_triggers(lull: Lull, events: Iterable[Event], kb: ActorHierarchy,
                      max_triggers: int) -> tuple[Trigger, ...]:
    """Undated events reported by the documents behind the lull's evidence, in which the actor, a patron or
    an opponent acts (pauses themselves left out), ranked by kind."""
    doc_ids = {e.doc_id for e in lull.evidence if e.doc_id}
    patrons, government = _patrons(lull.actor, kb), _government(lull.actor, kb)
    found = []
    for e in events:
        if e.date is not None and e.date.start is not None or not doc_ids.intersection(e.doc_ids):
            continue
        role = _role(e, lull, kb, patrons, government)
        if role is None or not e.actors:
            continue
        kind = _kind(e, role)
        if kind in ("declared_pause", "other"):
            continue
        found.append(Trigger(e.id, None, None, kind, role, e.type, e.mode, tuple(a.name or a.text for a in e.actors),
                             tuple(a.name or a.text for a in e.recipients), KIND_WEIGHTS[kind]))
    return tuple(sorted(found, key=lambda t: (-t.score, t.event_id))[:max_triggers])


def _patrons(actor: str, kb: ActorHierarchy) -> set[str]:
    """The states among the actor's KB allies (and their forces, by lineage): its patrons, not its peers."""
    if not hasattr(kb, "get"):
        return set()
    found = set()
    for key in (actor, *kb.ancestors(actor)):
        entry = kb.get(key)
        for ally in getattr(entry, "allies", ()) or ():
            ally_entry = kb.get(ally)
            if ally_entry is not None and ally_entry.kind in ("state", "government", "state_force"):
                found.add(ally)
    return found


def _government(actor: str, kb: ActorHierarchy) -> set[str]:
    entry = kb.get(actor) if hasattr(kb, "get") else None
    country = getattr(entry, "country", None)
    if not country or not hasattr(kb, "actors"):
        return set()
    return {a.id for a in kb.actors.values() if a.country == country and a.kind in ("government", "state")}


def _role(e: Event, lull: Lull, kb: ActorHierarchy, patrons: set[str], government: set[str]) -> str | None:
    everyone = (*e.actors, *e.recipients)
    if lull.recipient and any(_related(a, lull.recipient, kb) for a in e.actors):
        return "opponent"  # the other side acting (retaliation strikes, an assassination)
    if any(_related(a, lull.actor, kb) for a in everyone):
        return "actor"
    if any(set(lineage(a, kb)) & patrons for a in everyone):
        return "patron"
    if lull.recipient and any(_related(a, lull.recipient, kb) for a in everyone):
        return "opponent"
    if any(set(lineage(a, kb)) & government for a in everyone):
        return "government"
    return None


def _kind(e: Event, role: str) -> str:
    if e.type == "ASSAULT":
        if e.mode in ("targeted", "assassination"):
            return "assassination"
        if role == "opponent" and any(a for a in e.actors):
            return "retaliation"
        return "deadly_attack" if (e.fatalities or 0) > 0 else "attack"
    if e.type in ("RETREAT", "CONCEDE") and role == "actor":
        return "declared_pause"
    if e.type in _TALKS:
        return "visit_or_talks"
    return "other"


def _contradictions(lull: Lull, events: Iterable[Event], kb: ActorHierarchy,
                    weeks_before: int) -> tuple[Contradiction, ...]:
    starts: dict[str, list[str]] = defaultdict(list)
    for ev in lull.evidence:
        if ev.kind in ("reported", "declared") and ev.day is not None and "since" in ev.summary \
                and "undated" not in ev.summary:
            starts[ev.day.isoformat()].append(ev.source_id or "")
    found = []
    days = sorted(starts)
    if len(days) > 1 and (date.fromisoformat(days[-1]) - date.fromisoformat(days[0])).days > 7:
        found.append(Contradiction("start", tuple((d, tuple(starts[d])) for d in days)))
    if lull.start is not None:
        first = lull.start - timedelta(weeks=weeks_before)
        for e in events:
            if e.conflicts and e.date and e.date.start and first <= e.date.start <= lull.start and any(
                    _related(a, lull.actor, kb) for a in (*e.actors, *e.recipients)):
                for c in e.conflicts:
                    found.append(Contradiction(f"{e.id}:{c.field}", tuple((v, ids) for v, ids in c.values)))
    return tuple(found)
