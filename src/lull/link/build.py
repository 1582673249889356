"""One cluster of mentions -> one ``Event``: its best facts, who claims and who attributes it, and where sources disagree.

Rules (why each is so):

* **date**: the most precise stated span (shortest; ties: the span most
  mentions state, then the earliest). Never a mean of dates.
* **place**: the most precise geo precision (1 before 2 before 3; ties: most
  mentions, then name).
* **fatalities / injuries / weapon / mode**: the value most mentions state
  (ties: the larger figure, or the first name alphabetically). Every other
  value stays in ``conflicts``; nothing is averaged.
* **actors / recipients**: every distinct KB actor the mentions name (persons
  kept as named), most mentioned first; actors without an id only when no
  mention names a KB actor.
* **claimed_by**: actors of mentions in the perpetrator's own voice
  ("claimed" modality).
* **attributed_to**: (who attributes, to whom) from a speaker who is not the
  perpetrator: the speaker of a quote that contains the trigger and the
  actors it names, or an ACCUSE mention and whom it accuses (see
  ``events.find_voices``) ("The U.S. said the attack was carried
  out by the Islamic Resistance in Iraq"). So an attack claimed by the Islamic
  Resistance in Iraq and attributed by the US to Kata'ib Hezbollah keeps both.
* **modality**: the strongest among the mentions' (asserted > claimed >
  reported > historical > denied), so what an event is rests on its best source.
* **status**: ``denied`` when every mention denies it; ``confirmed`` when a
  speaker is an official (a state, government or state force) not on the
  perpetrator's side: of the target side or of a third state; ``claimed``
  when every other mention is the perpetrator's claim; ``reported`` otherwise.
* **countability**: ``incident`` when some mention is a countable incident
  (``is_incident``: asserted, claimed, reported or historical, and not an
  aggregate), so a real attack re-told as hypothetical ("had the drone not been
  shot down") stays one counted event; else ``aggregate`` when a mention reports
  a campaign, series, count or trend; else ``denied`` when some mention denies
  it; else ``unreal`` (hypothetical, future, negated only). Only incidents are
  counted by series, lulls and checks.
* **conflicts**: different day-precision dates, fatality or injury figures,
  perpetrators (most specific KB actors that are not one another's umbrella),
  precise places (different precision-1 sites) and denial beside reports.
* **first/last_reported**: the earliest and latest publication day of the
  documents; lower bounds inferred from the text are not publication dates
  and are left out.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..records import Actor, Conflict, DateSpan, Document, Event, Mention, Place
from ..vocabulary import INCIDENT_MODALITIES, MODALITY_RANK, Countability, EventStatus, EventType, Modality, Policy, Precision
from ..knowledge.actors import ActorKB
from .match import day_of_year, is_fine

_OFFICIAL_KINDS = frozenset({"state", "government", "state_force"})


@dataclass(frozen=True, slots=True)
class Voices:
    """Who speaks about each mention: speakers (quotes, accusers) and (attributor, accused) pairs, by mention id."""

    speakers: Mapping[str, tuple[Actor, ...]]
    attributions: Mapping[str, tuple[tuple[Actor, Actor], ...]]


def build_event(event_id: str, members: Sequence[Mention], *, kb: ActorKB, documents: Mapping[str, Document],
                voices: Voices) -> Event:
    """The event that ``members`` (in canonical order) report; see the module docstring for each field."""
    asserted = [m for m in members if m.modality != Modality.DENIED] or list(members)
    actors = _parties(m.actors for m in asserted)
    recipients = _parties(m.recipients for m in asserted)
    claimed_by = _unique_actors(a for m in members if m.modality == Modality.CLAIMED for a in m.actors if a.id)
    attributed = _attributions(members, voices)
    published = [p for d in dict.fromkeys(m.doc_id for m in members) if (p := _published(documents.get(d)))]
    return Event(
        id=event_id, type=members[0].type, mode=_majority([m.mode for m in asserted], key=str),
        actors=actors, recipients=recipients, place=_best_place([m.place for m in asserted]),
        date=_best_date([m.date for m in asserted]),
        status=_status(members, voices, actors, kb), modality=_modality(members),
        mention_ids=tuple(m.id for m in members), doc_ids=tuple(dict.fromkeys(m.doc_id for m in members)),
        weapon=_majority([m.weapon for m in asserted], key=str),
        fatalities=_majority([m.fatalities for m in asserted], key=lambda v: -v),
        injuries=_majority([m.injuries for m in asserted], key=lambda v: -v),
        claimed_by=claimed_by, attributed_to=attributed, conflicts=_conflicts(members, kb),
        first_reported=min(published) if published else None,
        last_reported=max(published) if published else None, countability=countability(members),
    )


def is_aggregate(mention: Mention) -> bool:
    """A campaign, series, count or trend rather than one incident: the extractor's ``aggregate``, the coder's
    ``Policy.GENERIC``, or a bare plural assault (``is_plural_assault``)."""
    return mention.aggregate or Policy.GENERIC in mention.policies or is_plural_assault(mention)


def is_plural_assault(mention: Mention) -> bool:
    """"attacks", "strikes", "raids" with neither a fine date nor a precise place: a series, not one event.

    The coder's ``Policy.GENERIC`` catches counted and habitual attacks; a bare
    plural (``Policy.PLURAL``: "the attacks against the positions of American occupiers") is a
    series too unless the text pins it to a week (a day without its year counts: "On February 2, the
    United States conducted airstrikes on 85 targets" is one operation) or a site."""
    precise = mention.place is not None and mention.place.lat is not None and (mention.place.precision or 3) <= 2
    return (mention.type == EventType.ASSAULT and Policy.PLURAL in mention.policies
            and not (is_fine(mention.date) or day_of_year(mention.date) is not None or precise))


def is_incident(mention: Mention) -> bool:
    """Whether a mention tells one incident that happened: its modality stands (``INCIDENT_MODALITIES``) and it
    is no aggregate. Only such a mention makes its event countable."""
    return mention.modality in INCIDENT_MODALITIES and not is_aggregate(mention)


def countability(members: Sequence[Mention]) -> Countability:
    """The event's ``Countability`` from its members (see the module docstring)."""
    if any(is_incident(m) for m in members):
        return Countability.INCIDENT
    if any(is_aggregate(m) for m in members):
        return Countability.AGGREGATE
    if any(m.modality == Modality.DENIED for m in members):
        return Countability.DENIED
    return Countability.UNREAL


def _published(doc: Document | None) -> date | None:
    span = doc.published if doc is not None else None
    if span is None or span.is_lower_bound or span.start is None:
        return None
    return span.start


def _majority(values: Iterable, *, key: Callable) -> object:
    """The most frequent non-null value; ties broken by ``key`` (smallest first)."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], key(v)))


def _actor_key(actor: Actor) -> str:
    return actor.id or actor.text.casefold()


def _unique_actors(actors: Iterable[Actor]) -> tuple[Actor, ...]:
    seen: dict[str, Actor] = {}
    for actor in actors:
        seen.setdefault(_actor_key(actor), actor)
    return tuple(seen.values())


def _parties(groups: Iterable[tuple[Actor, ...]]) -> tuple[Actor, ...]:
    """Distinct KB actors, most mentioned first (then by id); id-less ones only if no KB actor is named."""
    groups = list(groups)
    known = [a for g in groups for a in g if a.id]
    pool = known or [a for g in groups for a in g]
    counts = Counter(_actor_key(a) for a in pool)
    first = {k: a for a in reversed(pool) for k in (_actor_key(a),)}
    return tuple(first[k] for k in sorted(counts, key=lambda k: (-counts[k], k)))


def _best_date(spans: Iterable[DateSpan | None]) -> DateSpan | None:
    known = [s for s in spans if s is not None and s.start is not None]
    if not known:
        return None
    counts = Counter(known)

    def width(s: DateSpan) -> int:
        return (s.end - s.start).days if s.end is not None else 1 << 30

    return min(counts, key=lambda s: (width(s), -counts[s], s.start))


def _best_place(places: Iterable[Place | None]) -> Place | None:
    known = [p for p in places if p is not None and p.lat is not None]
    if not known:
        return None
    counts = Counter(known)
    return min(counts, key=lambda p: (p.precision or 3, -counts[p], p.name or p.text))


def _attributions(members: Sequence[Mention], voices: Voices) -> tuple[tuple[Actor, Actor], ...]:
    pairs: dict[tuple[str, str], tuple[Actor, Actor]] = {}
    for m in members:
        for who, whom in voices.attributions.get(m.id, ()):
            pairs.setdefault((_actor_key(who), _actor_key(whom)), (who, whom))
    return tuple(pairs[k] for k in sorted(pairs))


def _modality(members: Sequence[Mention]) -> Modality | None:
    """The strongest modality among the members' (``MODALITY_RANK``); else the first member's."""
    stated = {m.modality for m in members}
    return next((x for x in MODALITY_RANK if x in stated), members[0].modality if members else None)


def _status(members: Sequence[Mention], voices: Voices, actors: tuple[Actor, ...], kb: ActorKB) -> EventStatus:
    standing = [m for m in members if m.modality != Modality.DENIED]
    if not standing:
        return EventStatus.DENIED
    speakers = [s for m in standing for s in voices.speakers.get(m.id, ())]
    if any(_confirms(s, actors, kb) for s in speakers):
        return EventStatus.CONFIRMED
    if all(m.modality == Modality.CLAIMED for m in standing):
        return EventStatus.CLAIMED
    return EventStatus.REPORTED


def _confirms(speaker: Actor, actors: tuple[Actor, ...], kb: ActorKB) -> bool:
    """An official (state, government, state force) who is not on the perpetrator's side states the event:
    whether of the target side or of a third state, the event is confirmed."""
    entry = kb.get(speaker.id) if speaker.id else None
    if entry is None or entry.kind not in _OFFICIAL_KINDS:
        return False
    perpetrator_countries = {e.country for a in actors if a.id and (e := kb.get(a.id)) and e.country}
    return not any(a.id and kb.compatible(entry.id, a.id) for a in actors) and entry.country not in perpetrator_countries


# --- conflicts ------------------------------------------------------------------------


def _conflicts(members: Sequence[Mention], kb: ActorKB) -> tuple[Conflict, ...]:
    found = [
        _conflict("date", [(m.date.iso(), m.id) for m in members if m.date is not None and m.date.precision == Precision.DAY]),
        _conflict("fatalities", [(str(m.fatalities), m.id) for m in members if m.fatalities is not None]),
        _conflict("injuries", [(str(m.injuries), m.id) for m in members if m.injuries is not None]),
        _conflict("actor", _perpetrators(members, kb)),
        _conflict("place", [(m.place.name or m.place.text, m.id) for m in members
                            if m.place is not None and m.place.precision == 1]),
        _conflict("status", [("denied" if m.modality == Modality.DENIED else "stated", m.id) for m in members]),
    ]
    return tuple(c for c in found if c is not None)


def _conflict(field: str, stated: list[tuple[str, str]]) -> Conflict | None:
    """A conflict when at least two different values are stated; values in order of first statement."""
    by_value: dict[str, list[str]] = {}
    for value, mention_id in stated:
        by_value.setdefault(value, []).append(mention_id)
    if len(by_value) < 2:
        return None
    return Conflict(field, tuple((v, tuple(ids)) for v, ids in by_value.items()))


def _perpetrators(members: Sequence[Mention], kb: ActorKB) -> list[tuple[str, str]]:
    """(actor id, mention id) for the most specific perpetrators: an umbrella named beside its member is no rival."""
    stated = [(a.id, m.id) for m in members if m.modality != Modality.DENIED for a in m.actors if a.id]
    ids = {i for i, _ in stated}
    broader = {i for i in ids for j in ids if i != j and i in kb.ancestors(j)}
    generic = {i for i in ids if (e := kb.get(i)) is not None and e.generic}
    rivals = ids - broader - generic
    if all(kb.compatible(i, j) for i in rivals for j in rivals):
        return []  # a person and their organisation, or one actor: no disagreement
    return [(i, m) for i, m in stated if i in rivals]
