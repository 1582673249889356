"""Claim checks: each numeric claim that counts events, against the events the store holds for its scope.

A claim ("316 attacks on Israel since November 2") is compared with the
events of the same type, actor (members roll up) and recipient in the same
period. Coverage is stated with every verdict, because a corpus of a few
articles holds a fraction of what happened: "the store holds 41 of the 316
claimed attacks" is ``claims_more`` with coverage 0.13, not a refutation.

Verdicts: ``agrees`` (the count satisfies the claim's qualifier: exact,
about within 10 %, at least, more than, up to, less than, a range),
``claims_more``, ``claims_fewer``, ``unchecked`` (no period, or no scope).
A rate ("25 attacks per week") is compared with the counted rate over its
period.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..records import Event, NumericClaim
from .series import EVENT_UNITS, ActorHierarchy, SeriesFilter

VERDICTS = ("agrees", "claims_more", "claims_fewer", "unchecked")
ABOUT = 0.10  # "about 25" agrees with 23-27 (judgement)
_PER_DAYS = {"day": 1, "week": 7, "month": 30.44, "year": 365.25}


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    claim_id: str
    doc_id: str
    sentence: str
    claimed: str  # "exact 316 attack", "about 25 attack per week"
    period: str | None
    counted: float | None  # events (or events per rate unit) the store holds for the scope and period
    verdict: str
    coverage: float | None  # counted / claimed
    event_ids: tuple[str, ...] = ()
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"claim_id": self.claim_id, "doc_id": self.doc_id, "claimed": self.claimed, "period": self.period,
                "counted": self.counted, "verdict": self.verdict,
                "coverage": None if self.coverage is None else round(self.coverage, 3),
                "event_ids": list(self.event_ids), "note": self.note, "sentence": self.sentence}


def check_claims(claims: Iterable[NumericClaim], events: Iterable[Event], *, kb: ActorHierarchy,
                 published: Mapping[str, date] | None = None) -> tuple[ClaimCheck, ...]:
    """A check for every claim that counts events. ``published`` (doc id -> date) closes an open period
    ("since November 2") at the claim's publication date."""
    events = list(events)
    published = published or {}
    checks = []
    for claim in claims:
        if claim.unit not in EVENT_UNITS:
            continue
        checks.append(_check(claim, events, kb, published.get(claim.doc_id)))
    return tuple(checks)


def _check(claim: NumericClaim, events: list[Event], kb: ActorHierarchy, published: date | None) -> ClaimCheck:
    scope = claim.scope
    amount = claim.value if claim.value is not None else claim.high
    described = f"{claim.qualifier} {_number(claim)} {claim.unit}" + (f" per {claim.rate_per}" if claim.rate_per else "")
    period = claim.period
    end = (period.end if period and period.end else published) if period else None
    start = (period.start or _latest(period.start_md, end, period.years)) if period else None
    base = dict(claim_id=claim.id, doc_id=claim.doc_id, sentence=claim.sentence.text, claimed=described,
                period=period.iso() if period else None)
    if start is None or end is None or amount is None or (scope.actor is None and scope.recipient is None):
        why = "no period to count in" if start is None or end is None else "no actor or recipient to count"
        return ClaimCheck(**base, counted=None, verdict="unchecked", coverage=None, note=why)
    wanted = SeriesFilter(actor=scope.actor.id if scope.actor and scope.actor.id else None,
                          recipient=scope.recipient.id if scope.recipient and scope.recipient.id else None,
                          type=scope.event_type)
    inside = [e for e in events if wanted.admits(e, kb) and e.date and e.date.start and e.date.end
              and start <= e.date.start and e.date.end <= end]
    counted: float = len(inside)
    if claim.rate_per:
        days = (end - start).days + 1
        counted = round(len(inside) / days * _PER_DAYS.get(claim.rate_per, 7), 2)
    verdict = _verdict(claim, counted)
    coverage = counted / amount if amount else None
    return ClaimCheck(**base, counted=counted, verdict=verdict, coverage=coverage,
                      event_ids=tuple(e.id for e in inside),
                      note=f"the store holds {len(inside)} event(s) of this scope in {start.isoformat()}/{end.isoformat()}")


def _number(claim: NumericClaim) -> str:
    if claim.value is not None:
        return f"{claim.value:g}"
    return f"{claim.low:g}-{claim.high:g}" if claim.low is not None and claim.high is not None else "?"


def _verdict(claim: NumericClaim, counted: float) -> str:
    value, q = claim.value, claim.qualifier
    if q == "range" and claim.low is not None and claim.high is not None:
        return "agrees" if claim.low <= counted <= claim.high else ("claims_more" if counted < claim.low
                                                                      else "claims_fewer")
    if value is None:
        return "unchecked"
    low, high = {
        "exact": (value, value), "about": (value * (1 - ABOUT), value * (1 + ABOUT)),
        "at_least": (value, float("inf")), "more_than": (value + 1e-9, float("inf")),
        "up_to": (0.0, value), "less_than": (0.0, value - 1e-9),
    }.get(q, (value, value))
    if low <= counted <= high:
        return "agrees"
    return "claims_more" if counted < low else "claims_fewer"


def _latest(month_day: tuple[int, int] | None, end: date | None, years: tuple[int | None, int | None]) -> date | None:
    """A year-less start ("since November 2", ``--11-02``) read as its latest day on or before ``end`` (the
    claim's publication date), within the years the text allows; None when no such day exists."""
    if month_day is None or end is None:
        return None
    for year in (end.year, end.year - 1):
        if (years[0] is not None and year < years[0]) or (years[1] is not None and year > years[1]):
            continue
        try:
            day = date(year, *month_day)
        except ValueError:  # 29 February in a common year
            continue
        if day <= end:
            return day
    return None
