"""Activity series: how many events an actor (or recipient, type, status) had per day or per week.

An event enters a series at the precision of its date: a day-precise event
counts on its day; an event known only to a week, a month or a report window
is never spread over days. It counts in a weekly bin only if its whole span
lies inside that (Monday-based) week, and is otherwise kept as separate
*coarse* evidence. Numeric claims that count events ("about 25 attacks per
week", "316 attacks since November 2") enter as separately marked
*aggregate* evidence, never as counts. Only countable events count
(``Event.countable``: one incident; not a campaign, a hypothetical, future
or negated act, or an event only denied): every mention belongs to an event,
but "the militia attacks since October" or "strikes the US may undertake" are
no incidents of a series.

Actors are rolled up through the actor KB: an event by Kata'ib Hezbollah is
also an event of the Islamic Resistance in Iraq (its umbrella), of the
Popular Mobilization Forces, and so on up the ``parents`` relation.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from ..records import Actor, DateSpan, Event, NumericClaim

FREQUENCIES = ("day", "week")
STATUSES = ("all", "claimed", "reported", "confirmed")
# Units of numeric claims that count events (the rest count people, days, ...).
EVENT_UNITS = frozenset({"attacks", "strikes", "operations", "incidents", "raids"})  # units of numbers.yaml that count events
_ONE_DAY = timedelta(days=1)


class ActorHierarchy(Protocol):
    """What the analysis needs from the actor KB (``ActorKB`` satisfies it)."""

    def ancestors(self, actor_id: str) -> tuple[str, ...]: ...


def actor_key(actor: Actor) -> str:
    """The KB id of ``actor``, or ``"text:<lower-case text>"`` for an actor outside the KB."""
    return actor.id if actor.id else "text:" + " ".join(actor.text.lower().split())


def lineage(actor: Actor, kb: ActorHierarchy) -> tuple[str, ...]:
    """``actor``'s key followed by its umbrellas and parents, nearest first."""
    key = actor_key(actor)
    return (key, *kb.ancestors(actor.id)) if actor.id else (key,)


def involves(actors: Iterable[Actor], wanted: str | None, kb: ActorHierarchy) -> bool:
    """True when ``wanted`` is None, or one of ``actors`` is ``wanted`` or one of its members. A descriptive
    nominal marked ``generic`` in the KB ("Iraqi factions") stands for every member of its umbrellas."""
    if wanted is None:
        return True
    targets = {wanted}
    entry = kb.get(wanted) if hasattr(kb, "get") else None
    if entry is not None and getattr(entry, "generic", False):
        targets.update(entry.parents)
    return any(targets.intersection(lineage(actor, kb)) for actor in actors)


@dataclass(frozen=True, slots=True)
class SeriesFilter:
    """Which events a series counts; ``None`` means any. Actor and recipient are KB ids (members roll up)."""

    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    mode: str | None = None
    status: str = "all"  # all (every status but denied), claimed, reported, confirmed

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status {self.status!r} is not one of {STATUSES}")

    def admits(self, event: Event, kb: ActorHierarchy) -> bool:
        if not event.countable or event.status == "denied" or (self.status != "all" and event.status != self.status):
            return False
        if self.type is not None and event.type != self.type:
            return False
        if self.mode is not None and event.mode != self.mode:
            return False
        return involves(event.actors, self.actor, kb) and involves(event.recipients, self.recipient, kb)


@dataclass(frozen=True, slots=True)
class CoarseEvent:
    """An event whose date is coarser than a bin of the series: evidence, not a count."""

    event_id: str
    start: date | None
    end: date | None
    precision: str

    def to_json(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "start": _iso(self.start), "end": _iso(self.end),
                "precision": self.precision}


@dataclass(frozen=True, slots=True)
class AggregateEvidence:
    """A numeric claim that counts events of the series' scope ("about 25 attacks per week")."""

    claim_id: str
    doc_id: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str
    rate_per: str | None
    period: DateSpan | None
    sentence: str

    def to_json(self) -> dict[str, Any]:
        return {"claim_id": self.claim_id, "doc_id": self.doc_id, "value": self.value, "low": self.low,
                "high": self.high, "qualifier": self.qualifier, "unit": self.unit, "rate_per": self.rate_per,
                "period": self.period.iso() if self.period else None, "sentence": self.sentence}


@dataclass(frozen=True, slots=True)
class Series:
    """Counts per bin from ``start`` (a Monday for weekly series), plus the evidence that is not a count."""

    filter: SeriesFilter
    freq: str
    start: date
    counts: tuple[int, ...]
    event_days: tuple[tuple[str, date], ...] = ()  # (event id, bin start) of every counted event
    coarse: tuple[CoarseEvent, ...] = ()
    undated: tuple[str, ...] = ()  # ids of events without any date
    aggregates: tuple[AggregateEvidence, ...] = field(default=())

    @property
    def step(self) -> timedelta:
        return timedelta(days=7 if self.freq == "week" else 1)

    def bins(self) -> list[date]:
        return [self.start + i * self.step for i in range(len(self.counts))]

    @property
    def end(self) -> date:
        """The last day the series covers."""
        return self.start + len(self.counts) * self.step - _ONE_DAY

    def to_json(self) -> dict[str, Any]:
        f = self.filter
        return {
            "actor": f.actor, "recipient": f.recipient, "type": f.type, "mode": f.mode, "status": f.status,
            "freq": self.freq, "start": self.start.isoformat(), "end": self.end.isoformat(),
            "counts": [{"bin": b.isoformat(), "n": n} for b, n in zip(self.bins(), self.counts)],
            "coarse": [c.to_json() for c in self.coarse], "undated": list(self.undated),
            "aggregates": [a.to_json() for a in self.aggregates],
        }


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def bin_of(span: DateSpan | None, freq: str) -> date | None:
    """The bin a date span falls in entirely, or ``None`` when it is undated or coarser than a bin."""
    if span is None or span.start is None or span.end is None:
        return None
    if freq == "day":
        return span.start if span.start == span.end else None
    first = week_start(span.start)
    return first if week_start(span.end) == first else None


def build_series(events: Iterable[Event], *, kb: ActorHierarchy, filter: SeriesFilter = SeriesFilter(),
                 freq: str = "day", start: date | None = None, end: date | None = None,
                 claims: Iterable[NumericClaim] = ()) -> Series:
    """One series of ``events`` admitted by ``filter``; ``start``/``end`` default to the first/last counted event.

    ``claims`` that count events of the same scope become ``aggregates``."""
    if freq not in FREQUENCIES:
        raise ValueError(f"freq {freq!r} is not one of {FREQUENCIES}")
    counted: list[tuple[str, date]] = []
    coarse: list[CoarseEvent] = []
    undated: list[str] = []
    for event in events:
        if not filter.admits(event, kb):
            continue
        where = bin_of(event.date, freq)
        if where is not None:
            counted.append((event.id, where))
        elif event.date is None or (event.date.start is None and event.date.end is None):
            undated.append(event.id)
        else:
            coarse.append(CoarseEvent(event.id, event.date.start, event.date.end, event.date.precision))
    step = timedelta(days=7 if freq == "week" else 1)
    days = [d for _, d in counted]
    first = start if start is not None else (min(days) if days else None)
    last = end if end is not None else (max(days) if days else first)
    if first is None or last is None:
        first = last = start or end or date.today()
    if freq == "week":
        first, last = week_start(first), week_start(last)
    size = (last - first) // step + 1 if last >= first else 0
    counts = [0] * size
    kept = []
    for event_id, day in counted:
        index = (day - first) // step
        if 0 <= index < size:
            counts[index] += 1
            kept.append((event_id, day))
    aggregates = tuple(aggregate_evidence(claims, filter=filter, kb=kb))
    return Series(filter, freq, first, tuple(counts), tuple(sorted(kept, key=lambda x: (x[1], x[0]))),
                  tuple(coarse), tuple(undated), aggregates)


def aggregate_evidence(claims: Iterable[NumericClaim], *, filter: SeriesFilter,
                       kb: ActorHierarchy) -> list[AggregateEvidence]:
    """The numeric claims that count events in ``filter``'s scope (a claim without an actor counts only
    for a series without one)."""
    found = []
    for claim in claims:
        if claim.unit not in EVENT_UNITS:
            continue
        scope = claim.scope
        if filter.type is not None and scope.event_type not in (None, filter.type):
            continue
        if not _scope_matches(scope.actor, filter.actor, kb) or not _scope_matches(scope.recipient,
                                                                                   filter.recipient, kb):
            continue
        found.append(AggregateEvidence(claim.id, claim.doc_id, claim.value, claim.low, claim.high,
                                       claim.qualifier, claim.unit, claim.rate_per, claim.period,
                                       claim.sentence.text))
    return found


def _scope_matches(actor: Actor | None, wanted: str | None, kb: ActorHierarchy) -> bool:
    """A claim about a member counts for its umbrella's series, and one about an umbrella for a member's."""
    if wanted is None:
        return True
    if actor is None:
        return False
    return wanted in lineage(actor, kb) or (actor.id is not None and actor.id in kb.ancestors(wanted))


def series_by(events: Sequence[Event], *, kb: ActorHierarchy, dimension: str, freq: str = "week",
              status: str = "all", start: date | None = None, end: date | None = None) -> tuple[Series, ...]:
    """One series per value of ``dimension`` ("actor" or "recipient" rolled up to every umbrella; "type",
    "mode" or "status"), all over the same bins, largest total first; only countable events make values."""
    events = [e for e in events if e.countable]
    values: set[str] = set()
    for event in events:
        if dimension == "actor":
            values.update(k for a in event.actors for k in lineage(a, kb))
        elif dimension == "recipient":
            values.update(k for a in event.recipients for k in lineage(a, kb))
        elif dimension in ("type", "mode", "status"):
            value = getattr(event, dimension)
            if value is not None:
                values.add(value)
        else:
            raise ValueError(f"dimension {dimension!r} is not actor, recipient, type, mode or status")
    dated = [bin_of(e.date, freq) for e in events]
    days = [d for d in dated if d is not None]
    start = start or (min(days) if days else None)
    end = end or (max(days) if days else None)
    made = []
    for value in sorted(values):
        if dimension == "status":
            chosen = SeriesFilter(status=value) if value in STATUSES else None
            if chosen is None:
                continue
        else:
            chosen = SeriesFilter(**{dimension: value, "status": status})
        made.append(build_series(events, kb=kb, filter=chosen, freq=freq, start=start, end=end))
    return tuple(sorted(made, key=lambda s: (-sum(s.counts), str(getattr(s.filter, dimension)))))


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
