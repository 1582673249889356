"""Whether two event mentions can report the same real-world event, and how strongly they say so.

Why separate from the clustering: these are the rules an analyst argues
about, so each is one small function with its reason next to it.

Hard constraints (any failing keeps two mentions apart):

* **type**: the same PLOVER type; modes equal, or unknown on one side.
* **date**: the spans overlap at their stated precision (a month-precision
  mention overlaps any day of that month; an open span "since X" runs on).
  Two day-precision dates one day apart are tolerated when the place matches
  strongly (time zones, "yesterday" against a late publication date): the
  event then lists a date conflict. A missing date is compatible here; the
  evidence rule below decides whether that is enough.
* **place**: distance within a threshold scaled by the coarser geo
  precision: 1 -> 25 km, 2 -> 50 km, 3 -> the same country (else 300 km when
  a country code is missing). A missing place is compatible.
* **actor**: some actor of one mention is compatible with some actor of the
  other in the KB hierarchy (``ActorKB.compatible``: the same actor, an
  umbrella and its member, a generic nominal and a member of its umbrellas).
  A person stands for the organisation they belonged to on the mention's date
  (``ActorKB.affiliation``). Actors without a KB id are unknown, and unknown
  is compatible.
* **recipient**: as actors; a state beside a non-state target is unknown,
  not a clash ("targeted Tower 22, a US base in Jordan"), and a clash is
  tolerated when the mention also matches the candidate event strongly and
  finely in date, since extractors misname targets more often than two such
  events coincide; the clustering checks this against the whole event
  (``Match.recipient_clash``).

Evidence (what is enough to merge, given the constraints hold):

* within one document, the constraints suffice when one mention's facts
  (date, place) are a subset of the other's ("the attack" after "a drone
  attack on Tower 22 on 28 January"); two mentions that each carry a fact
  the other lacks (one a date, the other a place) need a positive signal;
* across documents, a mention needs **strong** evidence (the same place at
  geo precision 1-2, or the same recipient and the same fatality figure) or
  a **fine date** match (both spans a week or shorter, overlapping) plus one
  more positive signal (a place, compatible known actors or recipients, equal
  fatalities). So an undated mention joins another source's event only when
  everything else matches strongly.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from ..records import Actor, DateSpan, Mention, Place
from .actors import ActorKB

_EARTH_KM = 6371.0088
_KM_BY_PRECISION = {1: 25.0, 2: 50.0}
_REGION_FALLBACK_KM = 300.0
_FINE_DAYS = 7


@dataclass(frozen=True, slots=True)
class Match:
    """How two mentions relate: whether they may be one event, how much evidence says so, and why not."""

    compatible: bool
    score: int = 0
    strong: bool = False
    fine_date: bool = False
    signals: int = 0  # positive signals besides the date: place, actors, recipients, fatalities
    same_place: bool = False
    date_overlap: bool = False
    date_gap: bool = False  # day-precision dates one day apart at the same place (kept; a date conflict)
    nested: bool = False  # one mention knows nothing (date, place, parties) the other does not contradict or lack
    recipient_clash: bool = False  # both name known recipients and none are compatible
    reason: str = ""

    @property
    def enough_across_documents(self) -> bool:
        return self.compatible and (self.strong or (self.fine_date and self.signals >= 1))

    @property
    def enough_within_document(self) -> bool:
        return self.compatible and (self.nested or self.signals >= 1 or self.date_overlap)


_NO = Match(False)


def km_between(a: Place, b: Place) -> float:
    """Great-circle distance (haversine) between two places with coordinates."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * _EARTH_KM * math.asin(math.sqrt(h))


def _located(place: Place | None) -> bool:
    return place is not None and place.lat is not None and place.lon is not None


def places_compatible(a: Place | None, b: Place | None) -> bool:
    """Within the distance the coarser precision allows (see the module docstring); unknown is compatible."""
    if not (_located(a) and _located(b)):
        return True
    if a.source_id and a.source_id == b.source_id:
        return True
    coarser = max(a.precision or 3, b.precision or 3)
    if coarser in _KM_BY_PRECISION:
        return km_between(a, b) <= _KM_BY_PRECISION[coarser]
    if a.country and b.country:
        return a.country == b.country
    return km_between(a, b) <= _REGION_FALLBACK_KM


def same_place(a: Place | None, b: Place | None) -> bool:
    """Strong place evidence: both located at precision 1-2 and within the threshold (or the same gazetteer id)."""
    if not (_located(a) and _located(b)):
        return False
    if a.source_id and a.source_id == b.source_id and max(a.precision or 3, b.precision or 3) <= 2:
        return True
    return max(a.precision or 3, b.precision or 3) <= 2 and places_compatible(a, b)


def _bounds(span: DateSpan) -> tuple[date, date]:
    return span.start or date.min, span.end or date.max


def dates_overlap(a: DateSpan | None, b: DateSpan | None) -> bool:
    """Whether two spans share a day (open ends run on); unknown dates are not an overlap."""
    if a is None or b is None or (a.start is None and a.end is None) or (b.start is None and b.end is None):
        return False
    a0, a1 = _bounds(a)
    b0, b1 = _bounds(b)
    return a0 <= b1 and b0 <= a1


def is_fine(span: DateSpan | None) -> bool:
    """A span of a week or less with both ends known: precise enough to tell two events apart."""
    return span is not None and span.start is not None and span.end is not None and \
        (span.end - span.start).days < _FINE_DAYS


def _one_day_apart(a: DateSpan | None, b: DateSpan | None) -> bool:
    return (a is not None and b is not None and a.precision == "day" and b.precision == "day"
            and a.start is not None and b.start is not None and abs((a.start - b.start).days) == 1)


def effective_id(actor: Actor, on: DateSpan | None, kb: ActorKB) -> str | None:
    """The KB id an actor stands for in an event: a person's organisation on the event's date, else its own id."""
    if actor.id is None:
        return None
    entry = kb.get(actor.id)
    if entry is not None and entry.kind == "person" and on is not None and on.start is not None:
        org = kb.affiliation(actor.id, on.start)
        if org is not None:
            return org.id
    return actor.id


def _ids(actors: tuple[Actor, ...], on: DateSpan | None, kb: ActorKB) -> set[str]:
    return {i for a in actors if (i := effective_id(a, on, kb)) is not None}


def parties_compatible(a: set[str], b: set[str], kb: ActorKB) -> bool | None:
    """True/False for two sets of known ids; ``None`` when one side is unknown (compatible, but no evidence)."""
    if not a or not b:
        return None
    return any(kb.compatible(x, y) for x in a for y in b)


def recipients_compatible(a: set[str], b: set[str], kb: ActorKB) -> bool | None:
    """As ``parties_compatible``, but a state named as the target beside a non-state target is unknown, not a clash:
    news names the country for what lies in it or flies its flag ("a drone strike targeted Tower 22 in Jordan",
    "attacks on the US"); two different states, or two different forces, still clash."""
    verdict = parties_compatible(a, b, kb)
    if verdict is False and (_has_state(a, kb) != _has_state(b, kb) or _has_state(a, kb) and _has_other(a, kb)
                             or _has_state(b, kb) and _has_other(b, kb)):
        return None
    return verdict


def _has_state(ids: set[str], kb: ActorKB) -> bool:
    return any((e := kb.get(i)) is not None and e.kind == "state" for i in ids)


def _has_other(ids: set[str], kb: ActorKB) -> bool:
    return any((e := kb.get(i)) is not None and e.kind != "state" for i in ids)


def types_compatible(a: Mention, b: Mention) -> bool:
    return a.type == b.type and (a.mode is None or b.mode is None or a.mode == b.mode)


def match(a: Mention, b: Mention, kb: ActorKB) -> Match:
    """Compare two mentions under the rules of the module docstring."""
    if not types_compatible(a, b):
        return _NO
    if not places_compatible(a.place, b.place):
        return Match(False, reason="place")
    place = same_place(a.place, b.place)
    overlap = dates_overlap(a.date, b.date)
    gap = bool(not overlap and place and _one_day_apart(a.date, b.date))
    if a.date is not None and b.date is not None and not overlap and not gap \
            and (a.date.start or a.date.end) and (b.date.start or b.date.end):
        return Match(False, reason="date")
    fine = (overlap or gap) and is_fine(a.date) and is_fine(b.date)
    actors = parties_compatible(_ids(a.actors, a.date, kb), _ids(b.actors, b.date, kb), kb)
    if actors is False:
        return Match(False, reason="actor")
    recipients = recipients_compatible(_ids(a.recipients, a.date, kb), _ids(b.recipients, b.date, kb), kb)
    deaths = a.fatalities is not None and a.fatalities == b.fatalities
    strong = place or (recipients is True and deaths)
    signals = sum((place, actors is True, recipients is True, deaths))
    score = 3 * place + 2 * fine + overlap + signals + (a.mode is not None and a.mode == b.mode)
    return Match(True, score=score, strong=strong, fine_date=fine, signals=signals, same_place=place,
                 date_overlap=overlap, date_gap=gap, nested=_nested(a, b), recipient_clash=recipients is False)


def _anchors(m: Mention) -> set[str]:
    """The facts that tell one event of a type from another: a date, a located place, known parties."""
    return {name for name, known in (("date", m.date is not None and m.date.start is not None),
                                     ("place", _located(m.place)),
                                     ("actor", any(a.id for a in m.actors)),
                                     ("recipient", any(a.id for a in m.recipients))) if known}


def _nested(a: Mention, b: Mention) -> bool:
    first, second = _anchors(a), _anchors(b)
    return first <= second or second <= first
