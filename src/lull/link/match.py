"""Whether two event mentions can report the same real-world event, and how strongly they say so.

Why separate from the clustering: these are the rules an analyst argues
about, so each is one small function with its reason next to it.

Hard constraints (any failing keeps two mentions apart):

* **type**: the same PLOVER type; modes equal, or unknown on one side. In
  one document, two mentions at the same precise site on the same day may
  differ in mode ("a missile attack targeted the base" ... "the attack
  involved two Katyusha rockets"): the coder names a mode from the words
  nearest each trigger, and one article tells one attack there that day.
  Modes that name two facets of one act are compatible when the two share a
  known party (``_modes_combine``; the gold manual joins them,
  "drone|targeted"): an assassination by any means, an aircraft or drone
  and the missiles or bombs it delivers.
* **date**: the spans overlap at their stated precision (a month-precision
  mention overlaps any day of that month; an open span "since X" runs on).
  Two day-precision dates one day apart are tolerated when the place matches
  strongly (time zones, "yesterday" against a late publication date): the
  event then lists a date conflict. A missing date is compatible here; the
  evidence rule below decides whether that is enough. A day whose year the
  text does not give ("on February 2") constrains nothing here (the date
  fallback gives a clause's day to its neighbours too often).
* **period against point**: a mention dated by a period ("since November
  2023", "from 2020 to 2021": an open start, or a span wider than one unit of
  its precision) tells what went on over that time, a series or a state
  ("the IRI has attacked Israel since November 2023"), never one incident:
  it does not match a mention dated at a point (a day, a month, a year), which
  the period would otherwise overlap (aggregates never merge with incidents).
* **place**: distance within a threshold scaled by the coarser geo
  precision: 1 -> 50 km, 2 -> 100 km, 3 -> the same country (else 300 km when
  a country code is missing). A missing place is compatible. The threshold is
  twice the one of place *evidence* (``same_place``: 25 and 50 km): reports
  place one event by the nearest town each knows ("near Healdsburg", "in
  Sonoma", "outside Santa Rosa"; a shooting "in Poteau" whose victims lay in
  Fort Smith), so two towns 40 km apart do not prove two events, nor one.
* **actor**: some actor of one mention is compatible with some actor of the
  other in the KB hierarchy (``ActorKB.compatible``: the same actor, an
  umbrella and its member, a generic nominal and a member of its umbrellas).
  A person stands for the organisation they belonged to on the mention's date
  (``ActorKB.affiliation``). Actors without a KB id are unknown, and unknown
  is compatible.
* **mutual acts** (``MUTUAL_TYPES``: AGREE, CONSULT): which side the coder
  made the actor and which the recipient is arbitrary ("a deal between the
  premier and the factions", "the factions' deal"), so their parties are
  compared as one set, and the recipient rule does not apply.
* **one sentence, two subjects**: two triggers of one type in one sentence
  whose stated subjects differ (different KB actors, or, for subjects the
  KB does not know, different words) are two acts: "the government sought a
  ceasefire, and the Americans requested it". Known subjects that the KB
  joins only through a loose coalition (``_alike``: "Iran-backed militias"
  and Hamas, both of the Axis of Resistance) are also two subjects there:
  "Iran-aligned groups launched attacks against Israel amid the war between
  Israel and Hamas" tells two campaigns, though apart the two may be one.
* **future against past**: in one document, a mention told as still to come
  (future: "Secretary Austin will travel to the region next week") and one
  told as done (asserted, claimed, reported, historical: "hosted the
  president yesterday") are two acts: a writer does not tell one act both as
  done and as to come. Across documents a plan may be re-told once carried
  out, and the unreal-mention rules of cluster.py decide.
* **background against news**: in one document, a mention told as background
  (historical: "the Department previously designated the groups in 2019")
  and one told as the news (asserted, claimed, reported: "today the
  Department is designating them") are two acts: background lies well before
  the news that recalls it.
* **roles reversed**: the known actor of one mention is the known recipient
  of the other while their actors are not known to agree ("U.S. forces
  conducted airstrikes in response to the attacks against American forces"):
  a strike and the attack it answers are two events.
* **interception against launch**: an interception, shoot-down or armed
  defence (``Policy.INTERCEPTION``: "the C-RAM engaged the rockets", "shot
  down two drones") and an attack that is none are two events: the launch it
  stopped is a separate ASSAULT, whatever they share (gold-dev manual).
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
  the other lacks (one a date, the other a place) need a positive signal:
  a shared argument, or dates that agree at one precision (a day inside a
  year, "on 6 January 2021" beside "in 2021 ... in Erbil", only fails to
  disagree);
* across documents, a mention needs **strong** evidence (the same place at
  geo precision 1-2, or the same recipient and the same fatality figure) or
  a **fine date** match (both spans a week or shorter, overlapping) plus one
  more positive signal (a place, compatible known actors or recipients, equal
  fatalities). So an undated mention joins another source's event only when
  everything else matches strongly. A site alone is no strong evidence for a
  mention with no time at all (``_timeless``: no date stated, in a document
  whose publication bounds nothing from above: an unknown date, or only "published
  after X", inferred from the latest date its text names): bases and embassies are
  attacked again and again, and "rockets were fired at the base" in an undated
  briefing may be any of those attacks, as "the recent attack on the base" in a
  letter known only to postdate a January strike may be an August one;
* **bare** mentions across documents (one knows no date, place or party
  the other lacks: ``nested``; most often neither has a date or a place),
  whose documents are known to be published within ``NEAR_WEEKS`` weeks of
  each other (their only time: a document whose publication day is unknown
  gives no such evidence), need their arguments in common: compatible
  known actors *and* recipients, or the same proper name for a party the KB
  does not know ("Lindsay Lohan" in both). A bare mention with its type and
  one known actor would chain every undated "attack" of the Islamic
  Resistance in Iraq into one;
* **silent** mentions across an **undated collection** (neither document has a
  publication date or bound, so time cannot keep them apart): two mentions
  of one type that state nothing finer than a year or a country (no day,
  month or week, no precise place, no party the KB knows), and do not name
  two different parties the KB does not know ("Winston Blackmore", "James
  Oler"), have only their type to go on, and the type is then the evidence
  (the same-lemma prior of event coreference): the clustering joins two
  events on it only when every pair of their mentions is silent, so a vague
  report never joins an event that states a fact it lacks. Dated documents
  get no such prior: in a dense month one type holds many events, and an
  undated "the arrests" of two unrelated reports stays two (a story may
  still join them, see cluster.py);
* a **standing state** (a pause or ceasefire: RETREAT, CONCEDE) is told
  undated, as current news ("the factions have suspended their attacks"):
  two undated such mentions of compatible known actors against compatible
  known recipients are one pause when their documents were published within
  ``NEAR_WEEKS`` weeks of each other, wherever the coder placed them (a
  pause holds over a whole theatre; "in Baghdad" is where it was told).
  An unknown or open publication date ("after X") cannot rule nearness out.
  Undated pauses told by documents published further apart are kept apart
  (a hard constraint): each is the pause current when its document was
  written, and a pause re-told later as background carries its date ("the
  2023 decline"). Two pauses of one actor against two
  recipients (US forces, Israel) stay two.

The same place. Two sites of the gazetteer (bases, airports, embassies) with
different ids are compatible within the threshold (reports confuse
neighbouring bases: "Tower 22" and "al-Tanf") but are not evidence of one
event: two attacks on al-Omar and on Conoco, 30 km apart, are two.

Publication as date evidence. An undated mention happened on or before its
document's publication day, so it cannot be an event dated after that day
(``on_or_before``): a 2023 article's "the attack" is not a 2024 attack.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..records import Actor, DateSpan, Mention, Place
from ..knowledge.actors import ActorKB
from ..vocabulary import INCIDENT_MODALITIES, Modality, Policy, Precision

_EARTH_KM = 6371.0088
_KM_BY_PRECISION = {1: 25.0, 2: 50.0}  # the same place (evidence)
_KM_COMPATIBLE = {precision: 2 * km for precision, km in _KM_BY_PRECISION.items()}  # not two places (the constraint)
_REGION_FALLBACK_KM = 300.0
_FINE_DAYS = 7
STANDING_TYPES = frozenset({"RETREAT", "CONCEDE"})
MUTUAL_TYPES = frozenset({"AGREE", "CONSULT"})
NEAR_WEEKS = 4
_FACILITIES = frozenset({"base", "airport", "embassy"})  # gazetteer features of one site (see "The same place")
_UNIT_DAYS = {Precision.DAY: 0, Precision.WEEK: 6, Precision.MONTH: 30, Precision.SEASON: 92, Precision.YEAR: 365,
              Precision.DECADE: 3652}  # the widest span (end - start) of one unit of each precision
_NEWS_MODALITIES = frozenset({Modality.ASSERTED, Modality.CLAIMED, Modality.REPORTED})
_WORDS = re.compile(r"[^\W_]+")
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "sgt", "gen", "col", "lt", "capt", "maj", "cpl", "sen", "rep", "gov",
                     "president", "minister", "prime", "sheikh", "judge", "officer", "spokesman", "spokeswoman"})
_NOT_NAMES = frozenset({"he", "she", "it", "they", "we", "i", "you", "the", "a", "an", "his", "her", "its", "their",
                        "this", "that", "these", "those", "who", "which", "him", "them", "us", "our", "one"})


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
    date_agrees: bool = False  # overlapping dates at one precision (a day inside a year is no evidence)
    date_gap: bool = False  # day-precision dates one day apart at the same place (kept; a date conflict)
    nested: bool = False  # one mention knows nothing (date, place, parties) the other does not contradict or lack
    recipient_clash: bool = False  # both name known recipients and none are compatible
    bare_parties: bool = False  # nested, published close together, and parties in common (see "bare")
    standing: bool = False  # one undated pause or ceasefire told by documents published close together
    shared: bool = False  # an argument in common: the same place, compatible known actors or recipients, a name
    parties: bool = False  # compatible known actors and recipients, not through a loose coalition (``_alike``)
    concurrent: bool = False  # told as going on at one time (``_concurrent``; "Campaigns" in cluster.py)
    unlike: bool = False  # known actors (or recipients) on both sides that ``_alike`` does not match
    silent: bool = False  # both silent, in an undated collection, no two different names (see "silent")
    reason: str = ""

    @property
    def enough_across_documents(self) -> bool:
        return self.compatible and (self.strong or (self.fine_date and self.signals >= 1) or self.bare_parties
                                    or self.standing)

    @property
    def enough_within_document(self) -> bool:
        return self.compatible and (self.nested or self.signals >= 1 or self.date_agrees)


_NO = Match(False)


def km_between(a: Place, b: Place) -> float:
    """Great-circle distance (haversine) between two places with coordinates."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * _EARTH_KM * math.asin(math.sqrt(h))


def _located(place: Place | None) -> bool:
    return place is not None and place.lat is not None and place.lon is not None


def places_compatible(a: Place | None, b: Place | None, *, km: dict[int, float] = _KM_COMPATIBLE) -> bool:
    """Within the distance the coarser precision allows (see the module docstring); unknown is compatible."""
    if not (_located(a) and _located(b)):
        return True
    if a.source_id and a.source_id == b.source_id:
        return True
    coarser = max(a.precision or 3, b.precision or 3)
    if coarser in km:
        return km_between(a, b) <= km[coarser]
    if a.country and b.country:
        return a.country == b.country
    return km_between(a, b) <= _REGION_FALLBACK_KM


def same_place(a: Place | None, b: Place | None) -> bool:
    """Strong place evidence: both located at precision 1-2 and within the threshold (or the same gazetteer id)."""
    if not (_located(a) and _located(b)):
        return False
    if a.source_id and a.source_id == b.source_id and max(a.precision or 3, b.precision or 3) <= 2:
        return True
    if _two_sites(a, b):
        return False
    return max(a.precision or 3, b.precision or 3) <= 2 and places_compatible(a, b, km=_KM_BY_PRECISION)


def _two_sites(a: Place, b: Place) -> bool:
    """Two different gazetteer sites (bases, airports, embassies): compatible when near, but not one place."""
    return (a.feature in _FACILITIES and b.feature in _FACILITIES and bool(a.source_id) and bool(b.source_id)
            and a.source_id != b.source_id)


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


def is_period(span: DateSpan | None) -> bool:
    """A span that runs over a period rather than naming a point: an open start ("since November 2023") or
    wider than one unit of its precision ("from 2020 to 2021"); "on or before X" is no period (no start)."""
    if span is None or span.start is None:
        return False
    if span.end is None:
        return span.end_md is None
    return (span.end - span.start).days > _UNIT_DAYS.get(span.precision, 1 << 30)


def day_of_year(span: DateSpan | None) -> tuple[int, int] | None:
    """(month, day) of a day-precision span of one day, whether or not its year is known; else ``None``."""
    if span is None or span.precision != Precision.DAY:
        return None
    first = (span.start.month, span.start.day) if span.start else span.start_md
    last = (span.end.month, span.end.day) if span.end else span.end_md
    return first if first is not None and first == last else None


def _other_day_of_year(a: DateSpan | None, b: DateSpan | None) -> bool:
    """Two single days, one or both without their year ("On February 2" in a report of unknown date, and
    23 January 2024), whose month and day differ by more than a day: not one incident. Two full dates are
    compared by ``dates_overlap``; a day passed on from an earlier mention ("the attack", basis "antecedent")
    may be that mention's, not this one's, and rules nothing out."""
    days = [day_of_year(a), day_of_year(b)]
    if None in days or days[0] == days[1] or (a.start is not None and b.start is not None) \
            or "antecedent" in (a.basis, b.basis):
        return False
    ordinal = [date(2000, month, day).toordinal() for month, day in days]  # a leap year holds every day
    apart = abs(ordinal[0] - ordinal[1])
    return min(apart, 366 - apart) > 1  # 31 December and 1 January are a day apart


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
    "attacks on the US"); so is a coalition beside another target, since its troops are its members' forces
    ("attacks that targeted OIR personnel" and "injuries to dozens of U.S. servicemembers" in one campaign). Two
    different states, or two different forces, still clash."""
    verdict = parties_compatible(a, b, kb)
    if verdict is False and (_has_state(a, kb) != _has_state(b, kb) or _has_state(a, kb) and _has_other(a, kb)
                             or _has_state(b, kb) and _has_other(b, kb)
                             or _has_state(a, kb, "coalition") != _has_state(b, kb, "coalition")):
        return None
    return verdict


def _has_state(ids: set[str], kb: ActorKB, kind: str = "state") -> bool:
    return any((e := kb.get(i)) is not None and e.kind == kind for i in ids)


def _has_other(ids: set[str], kb: ActorKB) -> bool:
    return any((e := kb.get(i)) is not None and e.kind != "state" for i in ids)


def types_compatible(a: Mention, b: Mention) -> bool:
    return a.type == b.type and (a.mode is None or b.mode is None or a.mode == b.mode)


_MODE_FACETS = (frozenset({"aerial", "heavy-weapons"}), frozenset({"aerial", "explosives"}),
                frozenset({"drone", "explosives"}))  # a carrier and what it delivers


def _modes_combine(a: Mention, b: Mention, kb: ActorKB) -> bool:
    """Two modes that one act bears at once, each clause naming one facet (see "type"), told of a party in common:
    an assassination (``targeted``: what the act was for) is carried out by some means ("an explosive-laden drone
    attacked the premier's residence" ... "survived an assassination attempt"), and an aircraft or a drone
    delivers missiles or bombs ("airstrikes on the militia" ... "the missile attack on the militia"). The party in
    common keeps a day's airstrikes apart from the rockets fired back at the base that day. Two means of their
    own (a drone attack and a rocket attack, firearms and a bomb) stay two acts."""
    modes = {a.mode, b.mode}
    if a.type != b.type or None in modes or not ("targeted" in modes or frozenset(modes) in _MODE_FACETS):
        return False
    return True in _parties(a, b, kb)


def _dated(span: DateSpan | None) -> bool:
    """Whether a span is date evidence of its own: "on or before the report" (``Precision.BEFORE``) only
    repeats the publication date, which ``on_or_before`` already reads, so it counts as undated."""
    return span is not None and span.precision != Precision.BEFORE and (span.start is not None or span.end is not None)


def _stated(span: DateSpan | None) -> bool:
    """Whether the text states a date, if only a month and day without the year ("on March 23")."""
    return _dated(span) or (span is not None and span.is_partial)


def on_or_before(published: DateSpan | None) -> DateSpan | None:
    """The span an undated mention of a document published ``published`` lies in: up to its last possible day.

    An open publication bound ("published after X") bounds nothing."""
    if published is None or published.end is None:
        return None
    return DateSpan(None, published.end, "day", "publication")


def weeks_apart(a: DateSpan | None, b: DateSpan | None) -> float | None:
    """Weeks between two publication spans (0 when they overlap; open bounds run on); ``None`` when one is unknown."""
    if not _dated(a) or not _dated(b):
        return None
    a0, a1 = _bounds(a)
    b0, b1 = _bounds(b)
    if a0 <= b1 and b0 <= a1:
        return 0.0
    return ((b0 - a1).days if a1 < b0 else (a0 - b1).days) / 7


def _known_near(a: DateSpan | None, b: DateSpan | None) -> bool:
    """Whether two documents may count as published within ``NEAR_WEEKS`` weeks of each other (see "bare").

    A lower bound ("published after X", inferred from the text) stands for a
    day up to ``NEAR_WEEKS`` weeks later, as in the blocks of incremental
    linking. A document of unknown date beside a dated one may be from any
    year: no evidence. Two documents both of unknown date (a collection
    without dates) cannot be told apart by time, and their parties decide."""
    spans = [_within_near(s) for s in (a, b)]
    if spans[0] is None and spans[1] is None:
        return True
    apart = weeks_apart(*spans) if None not in spans else None
    return apart is not None and apart <= NEAR_WEEKS


def _concurrent(a: Mention, b: Mention, published: tuple[DateSpan | None, DateSpan | None]) -> bool:
    """Whether two mentions are told as going on at one time (see "campaigns" in cluster.py): their told spans
    (``_told``) overlap. Documents without dates give no such evidence."""
    spans = [_told(m, p) for m, p in ((a, published[0]), (b, published[1]))]
    return None not in spans and dates_overlap(*spans)


def _told(m: Mention, published: DateSpan | None) -> DateSpan | None:
    """The time a mention tells of: its date, an open end ("since 2021") closed at its document's last possible
    publication day; undated, the ``NEAR_WEEKS`` weeks up to that day (a campaign told undated is current news).
    ``None`` when the document's publication bounds nothing."""
    window = _within_near(published)
    last = window.end if window is not None else None
    if _dated(m.date):
        if m.date.start is None or (m.date.end is None and last is None):
            return None
        return DateSpan(m.date.start, m.date.end or max(last, m.date.start), m.date.precision)
    if last is None:
        return None
    return DateSpan(last - timedelta(weeks=NEAR_WEEKS), last, "day")


def _timeless(a: Mention, b: Mention, published: tuple[DateSpan | None, DateSpan | None]) -> bool:
    """Whether one of two mentions has no time at all: no date stated, in a document whose publication gives no
    last day (unknown, or an open lower bound: the mention may then lie on any day, as ``on_or_before`` says)."""
    return any(not _stated(m.date) and on_or_before(p) is None for m, p in ((a, published[0]), (b, published[1])))


def _undated_collection(a: DateSpan | None, b: DateSpan | None) -> bool:
    """Neither document has a publication date or bound (see "silent")."""
    return not _dated(a) and not _dated(b)


def _within_near(published: DateSpan | None) -> DateSpan | None:
    if not _dated(published):
        return None
    if published.start is not None and published.end is None:
        return DateSpan(published.start, published.start + timedelta(weeks=NEAR_WEEKS), "day")
    return published


def _name(actor: Actor) -> str | None:
    """The casefolded text of an actor the KB does not know, when it reads as a proper name (no pronoun)."""
    words = actor.text.split()
    if actor.id is not None or not words or words[0].casefold() in _NOT_NAMES:
        return None
    return actor.text.casefold() if any(w[:1].isupper() for w in words) else None


def _names_differ(a: Mention, b: Mention) -> bool:
    """Both mentions name parties the KB does not know, and no name is shared ("Winston Blackmore", "James Oler")."""
    names = [{n for x in m.actors + m.recipients if (n := _name(x))} for m in (a, b)]
    return bool(names[0] and names[1] and not any(_same_name(x, y) for x in names[0] for y in names[1]))


def _shared_name(a: tuple[Actor, ...], b: tuple[Actor, ...]) -> bool:
    names = {n for x in a if (n := _name(x))}
    return any(_same_name(n, m) for y in b if (m := _name(y)) for n in names) if names else False


def _same_name(a: str, b: str) -> bool:
    """Whether two casefolded names of parties the KB does not know name one party: the same words once titles
    are dropped, or the shorter ending the longer. A report names a person in full once and then by surname,
    with or without a title ("John Ging", "Mr Ging"; "Sgt. Tim Shields", "Shields")."""
    first, second = ([w for w in _WORDS.findall(n) if w not in _TITLES] for n in (a, b))
    if not first or not second:
        return a == b
    short, long = sorted((first, second), key=len)
    return long[len(long) - len(short):] == short


def match(a: Mention, b: Mention, kb: ActorKB, *, published: tuple[DateSpan | None, DateSpan | None] = (None, None)
          ) -> Match:
    """Compare two mentions under the rules of the module docstring.

    ``published`` holds the publication spans of ``a``'s and ``b``'s documents
    (date evidence for undated mentions, and the window of a standing state)."""
    if a.type != b.type or _interception_against_launch(a, b):
        return _NO
    if not places_compatible(a.place, b.place):
        return Match(False, reason="place")
    if _after_publication(a, b, published[0]) or _after_publication(b, a, published[1]):
        return Match(False, reason="date")
    place = same_place(a.place, b.place)
    overlap = dates_overlap(a.date, b.date)
    gap = bool(not overlap and place and _one_day_apart(a.date, b.date))
    if a.date is not None and b.date is not None and not overlap and not gap \
            and (a.date.start or a.date.end) and (b.date.start or b.date.end):
        return Match(False, reason="date")
    if _stated(a.date) and _stated(b.date) and is_period(a.date) != is_period(b.date):
        return Match(False, reason="date")
    if _other_day_of_year(a.date, b.date):
        return Match(False, reason="date")
    if _future_against_past(a, b) or _background_against_news(a, b):
        return Match(False, reason="date")
    fine = (overlap or gap) and is_fine(a.date) and is_fine(b.date)
    if not types_compatible(a, b) and not _modes_combine(a, b, kb) and not (a.doc_id == b.doc_id and place and fine):
        return Match(False, reason="mode")
    actors, recipients = _parties(a, b, kb)
    if actors is False or _two_subjects(a, b, actors) or _two_known_subjects(a, b, kb) \
            or (actors is not True and _reversed(a, b, kb)):
        return Match(False, reason="actor")
    deaths = a.fatalities is not None and a.fatalities == b.fatalities
    named = _shared_name(a.actors, b.actors) or _shared_name(a.recipients, b.recipients)
    strong = (place and not _timeless(a, b, published)) or (recipients is True and deaths)
    signals = sum((place, actors is True or named, recipients is True, deaths))
    undated = not _dated(a.date) and not _dated(b.date)
    near = (weeks_apart(*published) or 0.0) <= NEAR_WEEKS
    if undated and a.type in STANDING_TYPES and not near:
        return Match(False, reason="date")
    both_parties = actors is True and recipients is True
    bare = _known_near(*published) and _nested(a, b) and (both_parties or named)
    standing = undated and near and a.type in STANDING_TYPES and both_parties
    score = 3 * place + 2 * fine + overlap + signals + (a.mode is not None and a.mode == b.mode)
    return Match(True, score=score, strong=strong, fine_date=fine, signals=signals, same_place=place,
                 date_overlap=overlap, date_gap=gap, nested=_nested(a, b), recipient_clash=recipients is False,
                 date_agrees=overlap and a.date.precision == b.date.precision,
                 bare_parties=bare, standing=standing,
                 shared=place or actors is True or recipients is True or named,
                 parties=both_parties and _alike(a, b, kb), concurrent=_concurrent(a, b, published),
                 unlike=_unlike(a, b, kb),
                 silent=_undated_collection(*published) and _silent(a) and _silent(b) and not _names_differ(a, b))


def _parties(a: Mention, b: Mention, kb: ActorKB) -> tuple[bool | None, bool | None]:
    """(actors, recipients) compatibility; a mutual act compares all its parties as one set (no recipient rule)."""
    if a.type in MUTUAL_TYPES:
        every = [_ids(m.actors + m.recipients, m.date, kb) for m in (a, b)]
        return parties_compatible(*every, kb), None
    actors = parties_compatible(_ids(a.actors, a.date, kb), _ids(b.actors, b.date, kb), kb)
    return actors, recipients_compatible(_ids(a.recipients, a.date, kb), _ids(b.recipients, b.date, kb), kb)


def _alike(a: Mention, b: Mention, kb: ActorKB) -> bool:
    """Some actor and some recipient of each are compatible with one of the other, a generic nominal only through
    an umbrella of its own (``_not_by_coalition``): "Iran-backed militias" may stand for the Houthis as for
    Kata'ib Hezbollah, but as a party of a campaign it stands for the Iraqi groups it names."""
    return _close(a, b, "actors", kb) is True and _close(a, b, "recipients", kb) is True


def _unlike(a: Mention, b: Mention, kb: ActorKB) -> bool:
    """Known actors, or known recipients, on both sides that ``_alike`` does not match."""
    return _close(a, b, "actors", kb) is False or _close(a, b, "recipients", kb) is False


def _close(a: Mention, b: Mention, role: str, kb: ActorKB) -> bool | None:
    """Whether some party of ``role`` of each matches one of the other as ``_alike`` says (``None``: unknown)."""
    first, second = _ids(getattr(a, role), a.date, kb), _ids(getattr(b, role), b.date, kb)
    if not first or not second:
        return None
    return any(kb.compatible(i, j) and _not_by_coalition(i, j, kb) for i in first for j in second)


def _not_by_coalition(a: str, b: str, kb: ActorKB) -> bool:
    """Whether a generic nominal on one side covers the named group on the other through an umbrella of its own
    ("Iraqi factions" for Kata'ib Hezbollah, through the Islamic Resistance in Iraq), not only through a loose
    coalition ("Iran-backed militias" for the Houthis, through the Axis of Resistance)."""
    generic = [x for x in (a, b) if (e := kb.get(x)) is not None and e.generic]
    if len(generic) != 1:
        return True
    other = b if generic[0] == a else a
    umbrellas = {p for p in kb.get(generic[0]).parents if (e := kb.get(p)) is None or e.kind != "coalition"}
    return bool(umbrellas & _lineage(other, kb))


def _lineage(actor_id: str, kb: ActorKB) -> set[str]:
    """An actor and every umbrella above it."""
    seen, todo = set(), [actor_id]
    while todo:
        x = todo.pop()
        if x not in seen:
            seen.add(x)
            todo += list(e.parents) if (e := kb.get(x)) is not None else []
    return seen


def _reversed(a: Mention, b: Mention, kb: ActorKB) -> bool:
    """Whether a known actor of one mention is a known recipient of the other (see "roles reversed")."""
    if a.type in MUTUAL_TYPES:
        return False
    return any(kb.compatible(x, y) for m, n in ((a, b), (b, a))
               for x in _ids(m.actors, m.date, kb) for y in _ids(n.recipients, n.date, kb))


def _interception_against_launch(a: Mention, b: Mention) -> bool:
    """An interception or defence and an attack that is none (see "interception against launch")."""
    return (Policy.INTERCEPTION in a.policies) != (Policy.INTERCEPTION in b.policies)


def _two_subjects(a: Mention, b: Mention, actors: bool | None) -> bool:
    """Two triggers in one sentence with different stated subjects (see "one sentence, two subjects")."""
    if (a.doc_id, a.sentence.start) != (b.doc_id, b.sentence.start) or a.trigger.start == b.trigger.start:
        return False
    if not a.actors or not b.actors or actors is not None:
        return False  # a subject missing on one side, or both known to the KB (already decided)
    words = [{x.text.casefold() for x in m.actors} for m in (a, b)]
    return not words[0] & words[1]


def _two_known_subjects(a: Mention, b: Mention, kb: ActorKB) -> bool:
    """Two triggers in one sentence whose known subjects meet only through a loose coalition (see "one sentence,
    two subjects")."""
    if (a.doc_id, a.sentence.start) != (b.doc_id, b.sentence.start) or a.trigger.start == b.trigger.start:
        return False
    return a.type not in MUTUAL_TYPES and _close(a, b, "actors", kb) is False


def _future_against_past(a: Mention, b: Mention) -> bool:
    """One document tells one mention as still to come and the other as done (see "future against past")."""
    return a.doc_id == b.doc_id and any(m.modality == Modality.FUTURE and n.modality in INCIDENT_MODALITIES
                                        for m, n in ((a, b), (b, a)))


def _background_against_news(a: Mention, b: Mention) -> bool:
    """One document tells one mention as background and the other as its news (see "background against news")."""
    return a.doc_id == b.doc_id and {a.modality, b.modality} & {Modality.HISTORICAL} \
        and bool({a.modality, b.modality} & _NEWS_MODALITIES)


def _after_publication(undated: Mention, other: Mention, published: DateSpan | None) -> bool:
    """Whether ``undated`` (no date of its own) is told by a document published before ``other``'s date begins."""
    bound = on_or_before(published)
    if _dated(undated.date) or bound is None or other.date is None or other.date.start is None:
        return False
    return other.date.start > bound.end


def _anchors(m: Mention) -> set[str]:
    """The facts that tell one event of a type from another: a date, a located place, known parties."""
    return {name for name, known in (("date", m.date is not None and m.date.start is not None),
                                     ("place", _located(m.place)),
                                     ("actor", any(a.id for a in m.actors)),
                                     ("recipient", any(a.id for a in m.recipients))) if known}


def _silent(m: Mention) -> bool:
    """A mention stating nothing finer than a year or a country, and no party the KB knows (see "silent")."""
    coarse = not _stated(m.date) or (m.date.precision in (Precision.YEAR, Precision.DECADE) and not is_period(m.date))
    return not (_anchors(m) - {"place", "date"}) and coarse and (m.place is None or (m.place.precision or 3) >= 3)


def _nested(a: Mention, b: Mention) -> bool:
    first, second = _anchors(a), _anchors(b)
    return first <= second or second <= first
