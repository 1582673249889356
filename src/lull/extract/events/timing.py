"""When a coded event happened: its date from the text, and whether it is background ("historical").

Dates come only from what the text states (gold guideline: "only what the
text justifies, at the precision it states"), tried in this order (0 first:
it overrides the clause's own date entity, which is the earlier event's):

1. a DATE/TIME entity of the clause ("on January 27"), or the antecedent of
   a "when" clause ("Since February 2, when X targeted ..." -> 2 February);
2. a dated reference event the trigger is part of ("Soleimani's assassination");
0. a leading "N days/hours after <dated clause>" ("Days after fighting broke
   out ... on October 7, X launched attacks" -> October, month precision; hours
   keep the day);
3. "later" in a clause of a sentence whose earlier clause is dated ("On
   January 27 ... began talks, but later three soldiers were killed" -> the
   week from 27 January).

Year-less dates ("January 27") are read against the publication date. When
only a lower bound is known, it is used as the reading day only if ingest
took it from a full date printed in the text ("text-inferred"): that is
evidence in the text. A bound from reference events is not (the text may be
years younger), so year-less dates then stay unresolved.

"Historical" follows the gold guideline's "background before the story"
(``background_modality``): a reference point of "since/prior to/after X", a
known dated reference event, an asserted event dated more than
``historical_days`` (two weeks: the span a news story covers) before the
document's reference date, and past-marked habitual aggregates.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from spacy.tokens import Span, Token

from ...records import DateSpan
from ...vocabulary import Modality
from ...knowledge import dates
from ...knowledge.reference_events import ReferenceEvent
from .clauses import Clause
from .lexicon import Lexicon

DATE_ENTS = frozenset({"DATE", "TIME"})
_LEAD_TOKENS = 5  # "Two days after", "Only hours after": the delay leads the sentence
_DELAY_UNITS = {"hour": "day", "hours": "day", "day": "month", "days": "month"}


def reading_anchor(published: DateSpan | None) -> DateSpan | None:
    """The day year-less dates are read against (see the module docstring)."""
    if published is not None and published.is_lower_bound and published.basis == "text-inferred":
        return DateSpan.day(published.start) if published.start else None
    return published


def event_date(clause: Clause, tok: Token, *, ents: Sequence[Span], anchor: DateSpan | None,
               reference_events: Sequence[tuple[int, int, str, ReferenceEvent]]) -> DateSpan | None:
    """The date of the event ``tok`` names in ``clause`` (rules 0-3 of the module docstring), or None."""
    delayed = _after_delay(tok, ents, anchor)
    if delayed is not None:
        return delayed
    for expression in _date_expressions(clause, ents):
        span = dates.normalise(expression, anchor=anchor)
        if span is not None:
            return span
    for start, end, _, event in reference_events:
        if start <= tok.idx < end:
            return DateSpan.day(event.date)
    return _later(clause, ents, anchor)


def _date_expressions(clause: Clause, ents: Sequence[Span]) -> list[str]:
    ids = {t.i for t in clause.tokens}
    head = clause.head
    when_head = None  # "Since February 2, when X targeted ...": the relative clause's date is its antecedent
    if head.dep_ == "relcl" and any(c.lower_ in ("when", "where") for c in head.children):
        when_head = head.head
    out = []
    for ent in ents:
        if ent.label_ not in DATE_ENTS:
            continue
        if when_head is not None and ent.start <= when_head.i < ent.end:
            out.insert(0, ent.text)
        elif ent.start in ids:
            prep = ent.root.head if ent.root.dep_ == "pobj" else None
            out.append(f"{prep.text} {ent.text}" if prep is not None and prep.i == ent.start - 1 else ent.text)
    return out


def _stated(ents: Sequence[Span], lo: int, hi: int, anchor: DateSpan | None) -> tuple[Span, DateSpan] | None:
    """The first DATE entity in tokens ``[lo, hi)`` that resolves to a start day."""
    for ent in ents:
        if ent.label_ == "DATE" and lo <= ent.start and ent.end <= hi:
            span = dates.normalise(ent.text, anchor=anchor)
            if span is not None and span.start is not None:
                return ent, span
    return None


def _after_delay(tok: Token, ents: Sequence[Span], anchor: DateSpan | None) -> DateSpan | None:
    """A sentence led by "Days after <X on October 7>, ..." dates its later events to October 7's month;
    "Hours after ..." to its day. The date must stand between "after" and the trigger (the parser often
    hangs the "after" clause anywhere, so its subtree is not trusted)."""
    sent = tok.sent
    for word in sent[:_LEAD_TOKENS]:
        unit = _DELAY_UNITS.get(sent.doc[word.i - 1].lower_) if word.i > sent.start else None
        if word.lower_ != "after" or unit is None or word.i > tok.i:
            continue
        found = _stated(ents, word.i + 1, tok.i, anchor)
        if found is None:
            return None
        start = found[1].start
        return DateSpan.day(start) if unit == "day" else dates.normalise(f"{start:%B} {start.year}", anchor=None)
    return None


def _later(clause: Clause, ents: Sequence[Span], anchor: DateSpan | None) -> DateSpan | None:
    """"On January 27 ... began talks, but later X happened": the week from the earlier clause's date."""
    head = clause.head
    if not any(c.dep_ == "advmod" and c.lower_ == "later" for c in head.children):
        return None
    first = min(t.i for t in clause.tokens)
    found = _stated(ents, head.sent.start, first, anchor)
    if found is None or found[1].start is None:
        return None
    start: date = found[1].start
    return DateSpan(start, start + timedelta(days=6), "week")


def background_modality(value: Modality, tok: Token, clause: Clause, lex: Lexicon, *, when: DateSpan | None,
                         reference: date | None, generic: bool,
                         reference_events: Sequence[tuple[int, int, str, ReferenceEvent]]) -> Modality:
    """``value`` turned "historical" when the event is background to the story (gold guideline order:
    claimed > reported > historical > asserted).

    A reference point ("since X", "prior to X", "after X") or a known dated
    reference event ("Soleimani's assassination") well before the story is
    background even inside relayed speech: the speaker cites it, they do not
    report it (a reference event the story itself breaks is news, not background). An event dated
    more than ``historical_days`` before the story, or a habitual aggregate
    marked as past ("previously averaging 25 attacks a week"), is background
    only when the outlet asserts it: a claim or a report keeps its source."""
    if value not in (Modality.ASSERTED, Modality.REPORTED):
        return value
    if reference_point(tok, clause, lex):
        return Modality.HISTORICAL
    cited = [event.date for start, end, _, event in reference_events if start <= tok.idx < end]
    if cited and is_background_date(DateSpan.day(cited[0]), reference, lex):
        return Modality.HISTORICAL
    if value == Modality.ASSERTED and (is_background_date(when, reference, lex) or (generic and _past_marked(clause, lex))):
        return Modality.HISTORICAL
    return value


def _past_marked(clause: Clause, lex: Lexicon) -> bool:
    return any(t.lower_ in lex.cue("past_markers") for t in clause.tokens)


def is_background_date(when: DateSpan | None, reference: date | None, lex: Lexicon) -> bool:
    """Whether a dated event ended more than ``historical_days`` before the document's reference date."""
    if when is None or when.end is None or reference is None:
        return False
    return (reference - when.end).days > lex.historical_days


def reference_point(tok: Token, clause: Clause, lex: Lexicon) -> bool:
    """"since Soleimani's assassination", "Since February 2, when ... targeted": a past reference point."""
    anchor = clause.head.head if clause.head.dep_ == "relcl" and tok.i == clause.head.i else tok
    for _ in range(3):  # "since X", "prior to X", "after X"
        if anchor.dep_ not in ("pobj", "prep", "pcomp"):
            return False
        anchor = anchor.head
        if anchor.lower_ in lex.cue("reference_point"):
            return True
    return False
