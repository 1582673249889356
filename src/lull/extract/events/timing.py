"""When a coded event happened: its date from the text, and whether it is background ("historical").

Dates come only from what the text states (gold guideline: "only what the
text justifies, at the precision it states"), tried in this order (0 first:
it overrides the clause's own date entity, which is the earlier event's):

1. a DATE/TIME entity of the clause ("on January 27"), or the antecedent of
   a "when" clause ("Since February 2, when X targeted ..." -> 2 February);
   of several, the one closest to the trigger in the parse ("has played a role
   since 2012 but only formally intervening in 2014": 2014); "during the
   quarter" is the period a periodic report covers (``dates.report_period``);
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
years younger), so year-less dates then stay partial: ``--01-27`` with the
years they can fall in (``DateSpan.is_partial``), never a guessed year.

**Fallback chain** (``fallback_dates``, ACLED style, run over the document's
mentions in text order after each clause is coded): a real (not negated,
hypothetical or future) event whose clause states no date takes the best date
the text supports, and the step is its ``basis``:

4. ``offset``: "ten days prior", "two days before the attack": counted from
   the last day-dated event told before (an attack's, when the phrase names one);
   then ``sentence``: the one date the sentence states (two different dates leave
   it ambiguous), unless that date is a reference point ("since X", "before X")
   or the date of a statement ("said on Monday": when someone spoke, not when
   the attack it talks about happened);
5. ``antecedent``: a definite or demonstrative mention ("the attack", "this
   strike", "the strikes", "one soldier was injured in the attack") takes the
   date of the last dated mention of its type before it in the document, one
   with the same actor first; any other takes the last dated mention of its
   type in its paragraph (casualty updates, "F-15s were used to launch the
   attack"), or, for an incident, that of the last dated incident of its type
   at the same named site ("the IRI launched missiles at the Al-Asad Airbase"
   after "On 20 January, the Al-Asad Airbase was attacked");
6. ``paragraph``: the last dated real mention of any type in an earlier sentence
   of its paragraph, unless that one is background ("historical"); else the
   date that leads an earlier sentence of the paragraph ("On 7 November 2021,
   the army reported that ... . A drone attacked his residence.");
7. ``report``: the period a periodic report covers (its quarter), unless the
   event is background; else on or before the report's date (``DateSpan.before``,
   precision ``before``, ACLED's time_precision 3), when the publication day is known.

The same pass gives a placeless mention that points back the place of the
event it points at ("injured in the attack", "hit the base"), see
``_inherited_place``.

An aggregate ("+generic") never takes a single day from steps 4-6. Nothing is
ever given a day the text does not state.

"Historical" follows the gold guideline's "background well before the news"
(``background_modality``): a reference point of "since/prior to/after X" dated
well before the news, a known dated reference event, an asserted event dated more than
``historical_days`` (a quarter: the period a Lead IG or quarterly report covers
as its news; ``historical_days_series``, a year, for a campaign or series) before
the earliest day the report can have been published (``news_reference``: a year
before a lower bound; none without any date), and
past-marked habitual aggregates. A reference point is dated by its onset ("since the
onset of the war on 7 October 2023" runs to the report, but the war began then), and an
asserted past act dated by the fallback chain from its sentence, its antecedent or a
count of days is background by the same test (``_inherited_background``). Background
is never the day "two days before the attack" counts from (``_story_base``).
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from ...records import DateSpan, Mention, Place
from ...vocabulary import UNREAL_MODALITIES, Modality, Policy, Precision
from ...knowledge import dates
from ...knowledge.reference_events import ReferenceEvent
from ..doctext import text_of
from . import location
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
    for expression in _date_expressions(clause, ents, tok):
        span = _read(expression, anchor, tok.doc, partial=True)
        if span is not None:
            return span
    for start, end, _, event in reference_events:
        if start <= tok.idx < end:
            return DateSpan.day(event.date)
    return _later(clause, ents, anchor)


def _date_expressions(clause: Clause, ents: Sequence[Span], trigger: Token) -> list[str]:
    """The clause's date expressions, best first: a "when" clause's antecedent, then by closeness to the
    trigger in the parse (``_arcs_to``)."""
    ids = {t.i for t in clause.tokens}
    head = clause.head
    when_head = None  # "Since February 2, when X targeted ...": the relative clause's date is its antecedent
    if head.dep_ == "relcl" and any(c.lower_ in ("when", "where") for c in head.children):
        when_head = head.head
    found: list[tuple[int, str]] = []
    for ent in ents:
        if ent.label_ not in DATE_ENTS and not _year_span(ent):
            continue
        if when_head is not None and ent.start <= when_head.i < ent.end:
            found.append((-1, ent.text))
        elif ent.start in ids:
            prep = ent.root.head if ent.root.dep_ == "pobj" else None
            text = f"{prep.text} {ent.text}" if prep is not None and prep.i == ent.start - 1 else ent.text
            if _since(ent.root):
                text = f"since {ent.text}"  # "Since the onset of the war on 7 October 2023": from that day on
            found.append((_arcs_to(ent.root, trigger), text))
    return [text for _, text in sorted(found, key=lambda f: f[0])]  # stable: text order among equals


_YEARS = re.compile(r"(?:1[89]|20)\d\d(?:\s*[-–—]\s*(?:1[89]|20)\d\d)?")


def _year_span(ent: Span) -> bool:
    """A year or span of years NER calls a number ("during the 2019–2021 Persian Gulf crisis": CARDINAL); a
    lone number counting a noun ("2000 troops") is no year."""
    if ent.label_ != "CARDINAL" or _YEARS.fullmatch(ent.text) is None:
        return False
    return any(c in ent.text for c in "-–—") or ent.root.dep_ != "nummod"


_SINCE_ARCS = 5  # "Since | the onset | of | the war | on | 7 October 2023"


def _since(date_root: Token) -> bool:
    """Whether a date names the start of a period through the event it dates ("Since the onset of the
    war on 7 October 2023, militias have executed 170 attacks"): "since" heads the phrase holding it."""
    t = date_root
    for _ in range(_SINCE_ARCS):
        if t.head.i == t.i or t.pos_ in ("VERB", "AUX"):
            return False
        t = t.head
        if t.lower_ == "since" and t.dep_ == "prep":
            return t.i < date_root.i - 1  # "since 2012" itself is read by the grammar
    return False


_NOT_UNDER = 99  # a date outside the trigger's phrase: after every date inside it


def _arcs_to(token: Token, trigger: Token) -> int:
    """Arcs from ``token`` up to ``trigger`` (0: the trigger itself), or ``_NOT_UNDER``.

    A clause can state several dates, and the one in the trigger's own phrase
    is its date: "has played a role since 2012 but only formally intervening in
    2014" (2014 for the intervening), "the resignation in late 2019 of his
    predecessor" in a sentence about May 2020, "in response to the August 15
    attacks" in a sentence dated yesterday."""
    t = token
    for arcs in range(_NOT_UNDER):
        if t.i == trigger.i:
            return arcs
        if t.head.i == t.i:
            break
        t = t.head
    return _NOT_UNDER


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
                         reference_events: Sequence[tuple[int, int, str, ReferenceEvent]],
                         series: bool = False) -> Modality:
    """``value`` turned "historical" when the event is background to the story (gold guideline order:
    claimed > reported > historical > asserted).

    A reference point ("since X", "prior to X", "after X") or a known dated
    reference event ("Soleimani's assassination") well before the story is
    background even inside relayed speech: the speaker cites it, they do not
    report it (a reference event the story itself breaks is news, not background). A reference
    point is background only by its date: "after a deadly drone attack ... killed a contractor",
    "airstrikes after the attack" tell the news the strike answers. An event dated
    more than ``historical_days`` before the story, or a habitual aggregate
    marked as past ("previously averaging 25 attacks a week"), or an undated verb marked so itself
    ("previously designated"), is background only when the outlet asserts it: a claim or a report keeps
    its source. A verb in the present or present perfect tells what holds now ("Established in 2013, the
    group has pledged its loyalty to Iran": the year is the founding's), whatever date its clause states.
    An aggregate (``series``) is measured with ``historical_days_series``: a campaign of last year is news."""
    if value not in (Modality.ASSERTED, Modality.REPORTED):
        return value
    if (reference_point(tok, clause, lex) or _at_onset(tok, lex)) and is_background_date(_onset(when), reference, lex):
        return Modality.HISTORICAL
    cited = [event.date for start, end, _, event in reference_events if start <= tok.idx < end]
    if cited and is_background_date(DateSpan.day(cited[0]), reference, lex):
        return Modality.HISTORICAL
    dated_background = is_background_date(when, reference, lex, series=series) and not (
        tok.pos_ == "VERB" and _told_as_present(tok))
    if value == Modality.ASSERTED and (dated_background or (generic and _past_marked(clause, lex))):
        return Modality.HISTORICAL
    if value == Modality.ASSERTED and when is None and _recalled(tok, lex):
        return Modality.HISTORICAL
    return value


def _onset(when: DateSpan | None) -> DateSpan | None:
    """The first day, month or year (its stated precision) of a period: "since the onset of the war on 7
    October 2023" is dated from that day up to the report (a period through the news), but the point the
    text counts from is that day; "since 2011, initially advising" is the year 2011."""
    if when is None or when.start is None:
        return when
    start: date = when.start
    if when.precision == Precision.DAY:
        return dataclasses.replace(when, end=start)
    if when.precision == Precision.MONTH:
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return dataclasses.replace(when, end=following - timedelta(days=1))
    if when.precision == Precision.YEAR:
        return dataclasses.replace(when, end=date(start.year, 12, 31))
    return when


def _at_onset(tok: Token, lex: Lexicon) -> bool:
    """"Iran has been involved in the war since 2011, initially advising the regime": an act placed at the
    start of the period its clause runs through (``cues.onset_adverbs``), dated by that start."""
    return any(c.dep_ == "advmod" and c.lower_ in lex.cue("onset_adverbs") for c in tok.children)


def _recalled(tok: Token, lex: Lexicon) -> bool:
    """"The Department previously designated all four groups": an undated act the verb itself marks as
    from before the story."""
    return tok.pos_ == "VERB" and any(c.dep_ == "advmod" and c.lower_ in lex.cue("background_adverbs")
                                      for c in tok.children)


def _past_marked(clause: Clause, lex: Lexicon) -> bool:
    return any(t.lower_ in lex.cue("past_markers") for t in clause.tokens)


_LOWER_BOUND_NEWS = timedelta(days=365)  # a text published "on or after X" may report the year before X as news


def news_reference(published: DateSpan | None) -> date | None:
    """The day the "historical" distance test measures from: the earliest day the report can have been
    published (a month-precision date is its first day: an event of that month is its news).

    A lower bound (a revision date, a reference event) says when the text was last touched, not which
    period it reports on (a Wikipedia article narrates its events in its own voice): the reference is
    then a year before the bound, so only what is older than that is background ("Soleimani's
    assassination in 2020" in a text of 2024 or later). None without any date."""
    if published is None or published.start is None:
        return None
    if published.end is None:
        return published.start - _LOWER_BOUND_NEWS
    return published.start


def is_background_date(when: DateSpan | None, reference: date | None, lex: Lexicon, *, series: bool = False) -> bool:
    """Whether a dated event ended more than ``historical_days`` (``historical_days_series`` for a campaign,
    series or trend) before the document's reference date (never one dated by the report's own period:
    that period is its news)."""
    if when is None or when.end is None or reference is None or when.basis == "report":
        return False
    return (reference - when.end).days > (lex.historical_days_series if series else lex.historical_days)


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


# --- the fallback chain -----------------------------------------------------------------

_STATEMENT_LEMMAS = frozenset({"say", "tell", "state", "deny", "add", "announce", "declare", "confirm", "claim",
                               "report", "reveal", "write", "testify", "warn", "insist", "stress", "release",
                               "issue", "publish"})
_PARAGRAPH = re.compile(r"\n")
_NOT_PAST = frozenset({"VB", "VBP", "VBZ"})  # an infinitive or present: said to be, not said to have been
_STATED = ("clause", "sentence")  # a date the text states for the mention itself
_INHERITED = ("clause", "sentence", "antecedent", "offset", "paragraph")  # and one passed on by coreference
_SCENE_TOKENS = 3  # "On 7 November 2021, ...", "In April 2025, ...": a date leading its sentence


def fallback_dates(mentions: Sequence[Mention], doc: Doc, *, ents: Sequence[Span], anchor: DateSpan | None,
                   published: DateSpan | None, lex: Lexicon) -> list[Mention]:
    """``mentions`` (text order) with the fallback chain of the module docstring applied to the undated ones."""
    text = text_of(doc)
    breaks = [m.start() for m in _PARAGRAPH.finditer(text)]
    by_char = {tok.idx: tok for tok in doc}
    cited = frozenset(m.id for m in mentions if _cited(by_char.get(m.trigger.start)))
    out: list[Mention] = []
    for mention in mentions:
        if mention.date is not None and mention.date.basis is None:
            mention = dataclasses.replace(mention, date=dataclasses.replace(mention.date, basis="clause"))
        elif mention.date is None and mention.modality not in UNREAL_MODALITIES:
            tok = by_char.get(mention.trigger.start)
            when = _fallback(mention, tok, out, breaks, ents=ents, anchor=anchor, published=published, lex=lex,
                             cited=cited)
            if when is not None:
                mention = dataclasses.replace(mention, date=when, modality=_inherited_background(
                    mention.modality, tok, when, news_reference(published), lex, series=mention.aggregate))
        if mention.place is None and mention.modality not in UNREAL_MODALITIES:
            place = _inherited_place(mention, by_char.get(mention.trigger.start), out, lex)
            if place is not None:
                mention = dataclasses.replace(mention, place=place)
        out.append(mention)
    return _lead_dates(out, breaks, text)


_TOLD_FOR_IT = frozenset({"sentence", "antecedent", "offset"})


def _inherited_background(value: Modality, tok: Token | None, when: DateSpan, reference: date | None,
                          lex: Lexicon, *, series: bool = False) -> Modality:
    """An asserted event the text dates only through its sentence, the event it points back to or a count
    of days from one ("Iran intervened in the country as well" after "The United States intervened in
    Iraq in 2014") is background by the same distance test as one its clause dates (``background_modality``).
    A date from the paragraph or the report is a guess about when, too weak to make an event background,
    and a verb in the present or present perfect tells a state or series that runs up to now ("It
    militarily supports the Assad government", "has witnessed escalating attacks"), whatever date it borrows."""
    if value != Modality.ASSERTED or when.basis not in _TOLD_FOR_IT \
            or not is_background_date(when, reference, lex, series=series):
        return value
    return value if tok is None or _told_as_present(tok) else Modality.HISTORICAL


_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
_VERB_ARCS = 3  # "has witnessed | escalating attacks": a noun's verb is a few arcs above it


def _told_as_present(tok: Token) -> bool:
    """Whether the verb of ``tok`` (itself, or the first verb above a noun) is present or present perfect."""
    verb = tok
    for _ in range(_VERB_ARCS):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    return verb.tag_ in _PRESENT_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _PRESENT_TAGS
                                             for c in verb.children)


_LEAD_REACH = 2  # paragraphs (ones that hold mentions) after the lead in which its story is told
_SENTENCE_END = tuple('.!?:;"”\'’)')


def _lead_dates(mentions: list[Mention], breaks: Sequence[int], text: str = "") -> list[Mention]:
    """A news lead tells the story its next paragraphs date ("American forces have struck at a militia in
    Syria" / "U.S. military forces, earlier this evening, launched airstrikes"): an incident of the lead
    paragraph dated only by the report takes the day of the first later incident of its type by the same
    actor, stated within ``_LEAD_REACH`` paragraphs. A headline (a first paragraph that is no sentence:
    "U.S. Conducts Airstrikes Against Militia in Syria") names the same story: the lead is then the next
    paragraph, and a headline incident with no actor takes the first such incident of its type."""
    if not mentions:
        return mentions
    paragraphs = [_paragraph_of(m.sentence.start, breaks) for m in mentions]
    first = paragraphs[0]
    headline = _headline(text, mentions[0].trigger.start)
    lead = next((p for p in paragraphs if p != first), first) if headline else first
    telling = sorted({p for p in paragraphs if p > lead})[:_LEAD_REACH]
    out = list(mentions)
    for i, mention in enumerate(mentions):
        if paragraphs[i] > lead:
            break
        titled = headline and paragraphs[i] == first
        if (mention.date is None or mention.date.basis != "report") or Policy.GENERIC in mention.policies \
                or not (mention.actors or titled):
            continue
        told = next((m for j, m in enumerate(mentions[i + 1:], i + 1) if m.type == mention.type
                     and m.date is not None and m.date.basis in _STATED and m.date.precision == Precision.DAY
                     and m.modality not in UNREAL_MODALITIES and m.modality != Modality.HISTORICAL
                     and (_same_actor(m, mention) if mention.actors else Policy.GENERIC not in m.policies)
                     and paragraphs[j] in telling), None)
        if told is not None:
            when = dataclasses.replace(told.date, basis="lead")  # type: ignore[arg-type]
            out[i] = dataclasses.replace(mention, date=when)
    return out


def _headline(text: str, offset: int) -> bool:
    """Whether the line holding ``offset`` is a title: text that ends without sentence punctuation."""
    line = text[text.rfind("\n", 0, offset) + 1:].split("\n", 1)[0].strip()
    return bool(line) and not line.endswith(_SENTENCE_END)


def _fallback(mention: Mention, tok: Token | None, earlier: Sequence[Mention], breaks: Sequence[int], *,
              ents: Sequence[Span], anchor: DateSpan | None, published: DateSpan | None,
              lex: Lexicon, cited: frozenset[str] = frozenset()) -> DateSpan | None:
    """Steps 4-7 of the module docstring for one undated real mention; ``earlier`` are the mentions before it
    (their dates final), ``cited`` the ids of mentions the story cites as causes."""
    generic = Policy.GENERIC in mention.policies

    def fits(span: DateSpan | None) -> bool:
        return span is not None and not (generic and span.precision == Precision.DAY)

    def based(span: DateSpan | None, basis: str) -> DateSpan | None:
        return dataclasses.replace(span, basis=basis) if fits(span) else None  # type: ignore[arg-type]

    paragraph = _paragraph_of(mention.sentence.start, breaks)
    real = [m for m in reversed(earlier) if m.date is not None and m.modality not in UNREAL_MODALITIES]
    stated = [m for m in real if m.date.basis in _STATED]  # type: ignore[union-attr]
    if tok is not None:
        relative, shifted = _offset_date(tok, real, lex, reference=news_reference(published))
        if relative:  # "the week before" with nothing to count from: another time than its neighbours'
            if shifted is not None:  # stated for this event, an aggregate's too ("attacks ten days prior")
                return dataclasses.replace(shifted, basis="offset")
            return _report_bound(tok, anchor, published, mention)
        found = based(_sentence_date(tok, ents, anchor, lex), "sentence")
        if found is not None:
            return found
    definite = tok is not None and (_definite(tok, lex) or _casualty_update(tok))
    told = [m for m in real if m.date.basis in _INHERITED] if definite else stated  # type: ignore[union-attr]
    same_type = sorted((m for m in told if m.type == mention.type
                        and (definite or _paragraph_of(m.sentence.start, breaks) == paragraph)),
                       key=lambda m: m.id in cited)  # stable: the story's own events before the ones it cites
    antecedent = (next((m for m in same_type if _same_actor(m, mention)), None)
                  or next(iter(same_type), None) or (None if generic else _same_site(mention, real)))
    if antecedent is not None and fits(antecedent.date):
        return based(antecedent.date, "antecedent")
    near = next((m for m in real if m.date.basis in _INHERITED  # type: ignore[union-attr]
                 and _paragraph_of(m.sentence.start, breaks) == paragraph
                 and m.sentence.start != mention.sentence.start and m.modality != Modality.HISTORICAL), None)
    found = based(near.date if near is not None else None, "paragraph")
    if found is None and tok is not None:
        found = based(_scene_date(tok, ents, anchor, breaks, paragraph, lex), "paragraph")
    if found is not None:
        return found
    return _report_bound(tok, anchor, published, mention)


def _report_bound(tok: Token | None, anchor: DateSpan | None, published: DateSpan | None,
                  mention: Mention) -> DateSpan | None:
    """Step 7: the period of a periodic report, else on or before the report's day."""
    period = _report_period(tok.doc, anchor) if tok is not None else None
    if period is not None and mention.modality != Modality.HISTORICAL:
        return dataclasses.replace(period, basis="report")
    if published is not None and published.end is not None and not published.is_partial:
        return DateSpan.before(published.end, basis="report")
    return None


def _inherited_place(mention: Mention, tok: Token | None, earlier: Sequence[Mention], lex: Lexicon) -> Place | None:
    """The place of the event a mention points back at (gold: "by coreference"): "the attack", "injured in the
    attack" take that of the last earlier mention of their type that has one; "hit the base" the last
    military site named before (``location.points_back``)."""
    if tok is None:
        return None
    placed = [m for m in reversed(earlier) if m.place is not None and m.place.lat is not None
              and m.modality not in UNREAL_MODALITIES]
    own = tok.pos_ != "NOUN" or (_event_noun(tok, lex)
                                 and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children))
    if own and _definite(tok, lex):  # "the attack", not "the assassination of X" (a participant of its own)
        return next((m.place for m in placed if m.type == mention.type), None)
    if location.points_back(tok, lex):
        return location.site_antecedent([m.place for m in placed])  # type: ignore[misc]
    return None


_CAUSES = frozenset({"response", "retaliation", "reprisal", "revenge", "answer", "reaction"})
_CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "hurt"})


def _cited(tok: Token | None) -> bool:
    """An event the story cites as a cause ("in response to the August 15 attacks"): no antecedent for the
    story's own events while one of those is at hand."""
    if tok is None or tok.dep_ != "pobj" or tok.head.lower_ not in ("to", "for"):
        return False
    return tok.head.head.lemma_.lower() in _CAUSES


def _casualty_update(tok: Token) -> bool:
    """"four militants were killed", "two soldiers were wounded": a passive toll with no agent and no date
    of its own reports the outcome of the attack told before (gold: casualty updates share its event)."""
    return (tok.pos_ == "VERB" and tok.lemma_.lower() in _CASUALTY_VERBS
            and any(c.dep_ == "nsubjpass" for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children))


def _same_actor(a: Mention, b: Mention) -> bool:
    """A shared actor: the same KB id, or the same words when the KB knows neither ("Navy" and "Navy")."""
    return bool({x.id or x.text.casefold() for x in a.actors} & {x.id or x.text.casefold() for x in b.actors})


def _paragraph_of(offset: int, breaks: Sequence[int]) -> int:
    return sum(1 for b in breaks if b < offset)


def _definite(tok: Token, lex: Lexicon) -> bool:
    """"the attack", "this strike", "these attacks": a noun trigger that points back at an event told before;
    also a casualty verb set in one ("one soldier was injured in the attack": a casualty update)."""
    if tok.pos_ == "NOUN":
        return _determined(tok, lex)
    return any(c.dep_ == "prep" and c.lower_ == "in" and any(
        o.dep_ == "pobj" and _event_noun(o, lex) and _determined(o, lex) for o in c.children) for c in tok.children)


_WORD = re.compile(r"[a-z]+")


def _event_noun(noun: Token, lex: Lexicon) -> bool:
    """Whether ``noun`` is an event noun that can point back ("attack"), also when a citation mark sticks to
    it ("attack.[6"): the word's letters, singular."""
    word = _WORD.match(noun.lemma_.lower())
    nouns = lex.cue("anaphoric_nouns")
    return word is not None and (word[0] in nouns or word[0].removesuffix("s") in nouns)


def _determined(noun: Token, lex: Lexicon) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in lex.cue("anaphoric_determiners") for c in noun.children)


def _same_site(mention: Mention, real: Sequence[Mention]) -> Mention | None:
    """The last dated incident of the same type at the same named site ("On 20 January the Al-Asad Airbase was
    attacked ..." then "the IRI launched missiles at the Al-Asad Airbase"): the same event told again."""
    place = mention.place
    if place is None or place.precision != 1 or place.name is None:
        return None
    return next((m for m in real if m.type == mention.type and m.place is not None and m.place.name == place.name
                 and Policy.GENERIC not in m.policies and m.date.basis in _INHERITED), None)  # type: ignore[union-attr]


def _offset_date(tok: Token, real: Sequence[Mention], lex: Lexicon,
                 reference: date | None = None) -> tuple[bool, DateSpan | None]:
    """"ten days prior", "two days before the attack", "the week before": (whether such a phrase dates the
    event of ``tok``, and the date it gives). It dates the event when it sits in the trigger's phrase or
    hangs from a word above the trigger; the date is counted from the last day-dated event told before (an
    attack's, when the phrase names one: "before the attack"). The event the phrase names is not shifted."""
    sent = tok.sent
    for start, end, days, week in dates.find_offsets(sent.text):
        if _WINDOW.search(sent.text[:start]):
            continue  # "in the ten days prior": a window, not a day
        phrase = tok.doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
        if phrase is None:
            continue
        named = [t for t in tok.doc[phrase.end:sent.end][:3] if t.pos_ == "NOUN"][:1]
        if named and named[0].i == tok.i:
            return False, None
        if not _governs(phrase.root, tok):
            continue
        attack = bool(named) and _event_noun(named[0], lex)
        base = next((m for m in real if m.date.precision == Precision.DAY and m.date.basis in _INHERITED
                     and m.trigger.start not in range(phrase.start_char, phrase.end_char)
                     and (not attack or m.type == "ASSAULT") and _story_base(m, named, reference, lex)),
                    None)  # type: ignore[union-attr]
        if base is None or base.date is None or base.date.start is None:
            return True, None
        if week:
            return True, DateSpan(base.date.start - timedelta(days=7), base.date.start - timedelta(days=1),
                                  Precision.WEEK)
        return True, dates.shift(base.date, days)
    return False, None


def _story_base(mention: Mention, named: list[Token], reference: date | None, lex: Lexicon) -> bool:
    """Whether a day-dated mention can be what "two days before the attack" counts from: an event of the
    story, not background the text recalls ("after Soleimani was assassinated", or a state "since the
    invasion" dated by it) unless the phrase names that very mention."""
    background = mention.modality == Modality.HISTORICAL or is_background_date(mention.date, reference, lex)
    return not background or any(t.idx == mention.trigger.start for t in named)


_WINDOW = re.compile(r"(?i)\b(?:in|over|during|within|throughout|for)\s+the\s+$")
_OFFSET_ARCS = 3  # "Just two days before the attack occurred, supporters tried to storm": days -> occurred -> tried


def _governs(phrase: Token, tok: Token) -> bool:
    """Whether a relative-date phrase dates ``tok``: it sits in the trigger's phrase, or one of its first
    ``_OFFSET_ARCS`` heads holds the trigger."""
    if tok.left_edge.i <= phrase.i <= tok.right_edge.i:
        return True
    head = phrase
    for _ in range(_OFFSET_ARCS):
        if head.head.i == head.i:
            return False
        head = head.head
        if head.left_edge.i <= tok.i <= head.right_edge.i:
            return True
    return False


def _scene_date(tok: Token, ents: Sequence[Span], anchor: DateSpan | None, breaks: Sequence[int], paragraph: int,
                lex: Lexicon) -> DateSpan | None:
    """The date that leads the last earlier sentence of the paragraph that opens with one ("On 7 November 2021,
    the army reported that ... . A drone attacked his residence."): the scene the paragraph narrates."""
    sent = tok.sent
    for ent in reversed(ents):
        if ent.label_ != "DATE" or ent.end > sent.start:
            continue
        if _paragraph_of(ent.start_char, breaks) != paragraph:
            return None
        lead = ent.sent
        if ent.start - lead.start > _SCENE_TOKENS or ent.end >= lead.end or ent.doc[ent.end].text != ",":
            continue
        if ent.root.dep_ == "pobj" and ent.root.head.lower_ in lex.cue("reference_point"):
            continue
        return _read(ent.text, anchor, tok.doc, partial=True)
    return None


def _report_period(doc: Doc, anchor: DateSpan | None) -> DateSpan | None:
    """The period the report covers (``dates.report_period``), read once per document."""
    key = "lull_report_period"
    if key not in doc.user_data:
        period = dates.report_period(text_of(doc), anchor)
        doc.user_data[key] = dataclasses.replace(period, basis="report") if period is not None else None
    return doc.user_data[key]


def _read(expression: str, anchor: DateSpan | None, doc: Doc, *, partial: bool = False) -> DateSpan | None:
    """A date expression read against ``anchor``; "during the quarter" is the report's period."""
    if dates.is_report_quarter(expression):
        return _report_period(doc, anchor)
    return dates.normalise(expression, anchor=anchor, partial=partial)


def _sentence_date(tok: Token, ents: Sequence[Span], anchor: DateSpan | None, lex: Lexicon) -> DateSpan | None:
    """The one date the trigger's sentence states that is neither a reference point nor a statement's date."""
    sent = tok.sent
    found: list[DateSpan] = []
    for ent in ents:
        if (ent.label_ != "DATE" and not _year_span(ent)) or ent.start < sent.start or ent.end > sent.end \
                or _not_the_event(ent, tok, lex):
            continue
        span = _read(ent.text, anchor, tok.doc, partial=True)
        if span is not None and span not in found:
            found.append(span)
    return found[0] if len(found) == 1 else None


def _not_the_event(ent: Span, tok: Token, lex: Lexicon) -> bool:
    """A reference point ("since X", "before X") or the date of a statement ("said on Monday"), unless the
    event is the stance the statement takes (an infinitive or present verb: "said it was ready to disarm")."""
    head = ent.root.head
    if ent.root.dep_ == "pobj" and head.lower_ in lex.cue("reference_point"):
        return True
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in lex.cue("reference_point") | {"until", "by"}:
        return True
    verb = head.head if ent.root.dep_ == "pobj" else head
    if tok.pos_ == "VERB" and tok.tag_ in _NOT_PAST:
        return False  # "In April, the IRI said it was prepared to disarm": a stance has the statement's date
    return verb.i != tok.i and verb.pos_ == "VERB" and verb.lemma_.lower() in _STATEMENT_LEMMAS
