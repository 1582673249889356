"""The blocks of incremental linking: which stored mentions are re-linked together when documents come and go.

Why: a run must cost what it adds, not what is stored. A run re-links only
the blocks that new or deleted mentions touch: it re-clusters their new
mentions with every mention of the stored events they can change (whole
events, so none is split unseen; see "Scope") and writes back only those
events. The first run of a store puts every mention in a dirty block, so it
links exactly as one global run. A block is only worth its mentions if
they could be one event: the finer the key, the less a new document drags in.

Blocks. ``link_blocks`` draws the blocks of one document's mentions. A key is
"<week>|<type>" ("2024-W04|ASSAULT"): clustering never joins two types
(``match``), so a block holds one PLOVER type of one ISO week.

* a **dated** mention (a fine or month date: both ends known, at most
  ``BLOCK_SPAN_DAYS`` wide) is in its type's block of every ISO week its
  span touches, widened by a day on each side (two day-precision dates a day
  apart may match); a month is in five or six weeks, so it meets every finer
  date it overlaps;
* a **loose** mention (undated; "on or before the report"; an open "since
  X"; a season, a year or wider) is in the weeks of its document's dated
  mentions of its type, so "the attack" meets the dated report it continues
  and a re-told old event meets the event it re-tells;
* a loose mention that **reaches out** (``reaches_out``: a precise place, a
  known recipient beside a known actor or a death toll, or a party named by a
  proper name the KB does not know) is also in its type's blocks of its
  document's publication window: the ``NEAR_WEEKS`` weeks up to the
  publication day (it happened on or before it; "bare" and "standing" in
  match.py join only reports published within ``NEAR_WEEKS`` of each
  other). A lower-bound publication (">=2024-12-08", inferred from the text)
  stands for a day up to ``NEAR_WEEKS`` weeks later, so its window runs that
  far past it; a document with no publication date puts them in
  "undated|<type>". A year is not put in its 53 weeks: most articles name a
  year or two, and each new document would re-link whole years of the store;
* a loose mention that does **not** reach out cannot be enough evidence for
  another document's event (match.py "Evidence": a loose date is never a fine
  one, and strong, bare and standing evidence all need one of the facts
  above), so it can only join an event its own document reports: it goes
  where its document's other mentions of its type go (all their blocks), or,
  when they have none, to "doc:<document id>|<type>", which only adding or
  deleting its document makes dirty. Most loose mentions are of this kind
  ("the attack", "strikes", "the talks"), and they no longer ride in every
  block of their publication window: that is what keeps a dense week cheap;
* a **voice**, an accusation that may speak about another type's event by
  place and day (``find_voices``: an ACCUSE mention with a known accuser, a
  fine date and a place, and no event mention of another type in its
  sentence), is also in the bare week key "2024-W04". Re-linking reads the
  voices of the weeks of its events as context (they are never clustered
  there), and a dirty voice (a new or deleted accusation) re-links every
  block of its week, since the event it speaks about may be of any type. A
  dirty bare key left by a store linked before these keys ("2024-W04",
  "undated") re-links every block under it the same way;
* every mention has blocks, since every mention belongs to an event (an
  unreal, generic or plural one joins by strict evidence, cluster.py) under
  the rules above.

Scope. A dirty block holds, besides the new mentions, stored mentions of
events that the new ones mostly cannot touch: campaigns and background
events told by dozens of documents over months, and the many loose mentions
("the attack", "strikes", a threat) that every report of a week carries.
Re-clustering all of them whole for each new document made a run cost what
the store holds. So ``relinked_events`` re-links a stored event (whole) only
when the new mentions can change it:

* a new mention of its type has cross-document evidence with one of its
  mentions in the dirty blocks (``enough_across_documents``: how a mention
  joins another document's event, or two events merge; the rules above put
  such a pair in one block); or within-document evidence with one of a
  document that a new mention already shares an event with (a story,
  cluster.py) or of its own document; only those mentions are compared, and
  only a chosen event's other mentions are read;
* a new accusation (a voice) is at the precise place of one of its finely
  dated mentions on an overlapping day (``find_voices`` may attribute it);
* or it has a mention in a block that was dirty before this run's new
  mentions were drawn: a deletion or a re-extraction changed it (or a run
  stopped before it finished), and it is re-linked whole as before.

Any other stored event keeps its mentions and its row: none of its mentions
has the evidence to meet a new one, so re-clustering would give it back as
it was. A stored mention in a dirty block stays in its event with it. The
new mentions themselves (and any mention of a dirty block that belongs to no
event) are always re-linked. What this gives up against re-linking whole
blocks: a stored mention that a new event would win from its event through
another member's evidence (a tie it now breaks) keeps its event, as a
mention outside a dirty block already did.

Large events. A background event told by dozens of documents (the attack
every later report recalls) is chosen whenever a new report recalls it, and
re-clustering all its members for each new document made a run cost what
the store holds. So an event of more than ``LARGE_EVENT`` members sends
only its ``representatives`` into the scope - its ``REPRESENTATIVES`` most
specific members (fine date, precise place, toll, known parties: the ones
that decide what may join it) and those a new mention met in
``relinked_events`` - and holds the others: they are not re-clustered, keep
their event and come back into it, with its id, before it is built (cluster.py
"Held members"). What this gives up: a held member is not compared with the
mentions it could now prefer over its event, as a mention outside a dirty
block already is not, and its document tells no story (cluster.py) with a
new one unless a clustered mention of it shares an event with it. But a new
mention still joins an event only when it is one event with every member,
held ones included, and an event whose representatives the new mentions
split is re-clustered whole, so no event is split or grown unseen.

No country key: a mention without a place is compatible with every country,
and sites near a border (Tower 22, al-Tanf) match across one at precision
1-2, so a country would split blocks that must meet.

What blocking gives up against one global run (``resolve_events`` over every
stored mention): a loose mention joins another document's event only when
that event is dated in its publication window (or in a week its own document
dates an event of its type), not an event dated earlier; across documents
such a join needs the same precise place, as when a 2024 article re-tells
"the 2020 assassination" that a 2020 report dated to the day. A report's
"on or before" date (``Precision.BEFORE``) is loose: it meets the event it
reports when that event is dated in the ``NEAR_WEEKS`` weeks before the
report. Stories (cluster.py) are drawn from the re-linked mentions only: a
loose mention that does not reach out joins a follow-up's event by story
only when its own document's blocks are re-linked with the follow-up (its
document reports an event of its type in the follow-up's weeks or window).
And a re-linked scope is clustered on its own: a mention outside it that a
global run would have let choose differently (a tie it now breaks) keeps
its event until its own block is dirty.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from ..knowledge.actors import ActorKB
from ..records import DateSpan, Mention
from ..vocabulary import EventType
from .cluster import _specificity, is_event_mention
from .match import MUTUAL_TYPES, NEAR_WEEKS, dates_overlap, is_fine, match, same_place

LARGE_EVENT = 10  # a stored event of more members holds all but its representatives out of re-clustering
REPRESENTATIVES = 4  # members of a large stored event re-clustered with the new mentions (with those they met)
BLOCK_SPAN_DAYS = 40  # day, week and month dates are blocked by the weeks they touch; wider ones as undated
UNDATED = "undated"  # the publication "week" of a document with no publication date
SEPARATOR = "|"


def link_blocks(mentions: Sequence[Mention], *, published: DateSpan | None) -> dict[str, tuple[str, ...]]:
    """The blocks of each event mention of one document (by mention id), under the rules of "Blocks" above."""
    linked = list(mentions)
    dated = {m.id: _date_weeks(m.date) for m in linked}
    dated_of_type: dict[str, dict[str, None]] = defaultdict(dict)
    for m in linked:
        dated_of_type[m.type].update(dict.fromkeys(dated[m.id]))
    window = _publication_weeks(published)
    weeks: dict[str, tuple[str, ...]] = {}
    for m in linked:
        if dated[m.id]:
            weeks[m.id] = dated[m.id]
        elif reaches_out(m):
            weeks[m.id] = tuple(dict.fromkeys((*window, *dated_of_type[m.type])))
    of_type: dict[str, dict[str, None]] = defaultdict(dict)
    for m in linked:
        of_type[m.type].update(dict.fromkeys(weeks.get(m.id, ())))
    blocks: dict[str, tuple[str, ...]] = {}
    for m in linked:
        own = weeks.get(m.id) or tuple(of_type[m.type]) or (f"doc:{m.doc_id}",)
        blocks[m.id] = tuple(f"{week}{SEPARATOR}{m.type}" for week in own)
    event_mentions = [m for m in mentions if is_event_mention(m)]
    for m in mentions:
        if _is_voice(m, event_mentions):
            blocks[m.id] = (*blocks.get(m.id, ()), *_date_weeks(m.date))
    return blocks


def reaches_out(m: Mention) -> bool:
    """Whether a mention without a fine date can be enough evidence for another document's event.

    It mirrors the cross-document evidence of match.py, for a mention whose
    date is never fine: a precise place ("strong"), a known recipient with a
    death toll ("strong") or with a known actor ("bare", "standing"; mutual
    acts compare their parties as one set, so not for them), or a party named
    by a proper name the KB does not know ("bare"). Erring towards True only
    costs time."""
    precise = m.place is not None and m.place.lat is not None and (m.place.precision or 3) <= 2
    known_recipient = m.type not in MUTUAL_TYPES and any(a.id for a in m.recipients)
    named = any(a.id is None and any(w[:1].isupper() for w in a.text.split()) for a in (*m.actors, *m.recipients))
    return precise or named or known_recipient and (m.fatalities is not None or any(a.id for a in m.actors))


def relinked_events(new: Sequence[Mention], events: Mapping[str, Sequence[Mention]], *, kb: ActorKB,
                    published: Mapping[str, DateSpan | None], whole: Iterable[str] = (),
                    evidence: dict[str, set[str]] | None = None) -> set[str]:
    """The ids of the stored ``events`` (id -> their mentions) that the ``new`` mentions can change, under
    "Scope" above; ``whole`` are re-linked in any case (a member in a block dirty before this run). ``evidence``,
    if given, receives the ids of the members that a new mention met (event id -> mention ids)."""
    evidence = {} if evidence is None else evidence
    chosen = set(whole)
    by_type: dict[str, list[Mention]] = defaultdict(list)
    for m in new:
        by_type[m.type].append(m)
    voices = [m for m in new if m.type == EventType.ACCUSE and is_fine(m.date) and m.place is not None]
    stories: set[tuple[str, str]] = set()
    nearby: list[tuple[str, str, str]] = []  # (event id, new document, stored document): within-document evidence
    for event_id, members in events.items():
        if event_id in chosen:
            continue
        for x, m in ((x, m) for x in members for m in by_type.get(x.type, ())):
            mt = match(m, x, kb, published=(published.get(m.doc_id), published.get(x.doc_id)))
            if mt.enough_across_documents or (m.doc_id == x.doc_id and mt.compatible):
                chosen.add(event_id)
                evidence.setdefault(event_id, set()).add(x.id)
                stories.add((m.doc_id, x.doc_id))
                break
            if mt.enough_within_document:
                nearby.append((event_id, m.doc_id, x.doc_id))
                evidence.setdefault(event_id, set()).add(x.id)
        if event_id not in chosen and any(_voiced(x, v) for x in members for v in voices):
            chosen.add(event_id)
    return chosen | {event_id for event_id, a, b in nearby if (a, b) in stories}


def representatives(members: Sequence[Mention], met: Iterable[str] = ()) -> tuple[list[Mention], list[Mention]]:
    """A re-linked stored event's members split into those re-clustered and those held (see "Large events"):
    its ``REPRESENTATIVES`` most specific members and those a new mention ``met`` (ids); all members of an event
    of at most ``LARGE_EVENT`` members (cheaper to re-cluster whole than to risk the second pass of a split)."""
    if len(members) <= LARGE_EVENT:
        return list(members), []
    met = set(met)
    ranked = sorted(members, key=lambda m: (m.id not in met, -_specificity(m), m.id))
    cut = max(REPRESENTATIVES, sum(1 for m in members if m.id in met))
    return ranked[:cut], ranked[cut:]


def _voiced(x: Mention, voice: Mention) -> bool:
    """Whether a new accusation may speak about ``x``'s event by place and day (``find_voices``)."""
    return x.type != EventType.ACCUSE and is_fine(x.date) and same_place(x.place, voice.place) and dates_overlap(
        x.date, voice.date)


def is_whole_week(block: str) -> bool:
    """Whether a key stands for every block under it: a week's voices ("2024-W04"), or a dirty week of an older store."""
    return SEPARATOR not in block


def voice_weeks(mentions: Iterable[Mention]) -> list[str]:
    """The bare week keys whose voices can speak about these mentions' events (fine dates at a place)."""
    return sorted({w for m in mentions if is_fine(m.date) and m.place is not None for w in _date_weeks(m.date)})


def _is_voice(m: Mention, linked: Sequence[Mention]) -> bool:
    """An accusation that ``find_voices`` may link to another type's event by place and day (see "Blocks");
    ``linked`` are the event mentions of its document."""
    if m.type != EventType.ACCUSE or not is_fine(m.date) or m.place is None or not any(a.id for a in m.actors):
        return False
    return not any(o.type != EventType.ACCUSE and o.sentence.start == m.sentence.start for o in linked)


def _weeks(start: date, end: date) -> tuple[str, ...]:
    """ISO weeks ("2024-W04") that the days ``start``..``end`` touch."""
    out, day = [], start - timedelta(days=start.isoweekday() - 1)
    while day <= end:
        year, week, _ = day.isocalendar()
        out.append(f"{year:04d}-W{week:02d}")
        day += timedelta(days=7)
    return tuple(out)


def _date_weeks(span: DateSpan | None) -> tuple[str, ...]:
    if span is None or span.start is None or span.end is None or (span.end - span.start).days > BLOCK_SPAN_DAYS:
        return ()
    return _weeks(span.start - timedelta(days=1), span.end + timedelta(days=1))


def _publication_weeks(published: DateSpan | None) -> tuple[str, ...]:
    if published is None or (published.start is None and published.end is None):
        return (UNDATED,)
    near = timedelta(weeks=NEAR_WEEKS)
    if published.end is not None:
        return _weeks(published.end - near, published.end)
    return _weeks(published.start - near, published.start + near)
