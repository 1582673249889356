"""Temporal expressions -> ``DateSpan`` (publication-date bounds from dated events: ``reference_events.py``).

Why these rules: an event's date is only worth storing if a reader can trust
it, so every rule below prefers ``None`` or a wider span to a guessed day.

* **Anchor.** ``anchor`` is the document's publication ``DateSpan``. Relative
  expressions (a year left unsaid, "Sunday", "last week", "in recent weeks")
  are resolved against it; absolute ones ("March 21, 2021", "2020") ignore it.
* **Year unsaid** -> the most recent such day or month *not after* the anchor
  ("on January 8" in a paper of 2024-02-23 is 2024-01-08): news reports the past.
  Without a day anchor (no publication date, or only a lower bound) a month-day
  is *partial* when the caller asks for it (``partial=True``): ``--01-08``, with
  the years it can fall in (at least the year of the last January 8 on or before
  a lower bound), never a guessed year; "late January" is ``--01-21/--01-31``.
* **Weekdays.** "Sunday" is the most recent Sunday on or before the anchor (a
  Sunday paper's "Sunday" is that day); "last Sunday" is strictly before it,
  "next Sunday" strictly after, "this Sunday" in the anchor's ISO week.
  "today", "now", "currently", "earlier in the day" are the anchor day; "yesterday" the day before;
  "over the weekend" the last weekend on or before it; "the week before" standing alone the seven
  days before it (followed by a noun phrase it is relative to another date: None).
* **Anchor coarser than a day.** With a bounded anchor (a month, a year) the
  expression is resolved at both ends of the anchor. One answer is kept; two
  answers are widened to the smallest honest span (under a week -> "week", one
  calendar month -> "month", up to 92 days -> "season", one calendar year ->
  "year"); anything wider is ``None``. A lower-bound anchor (``end=None``) or
  no anchor cannot place a relative expression at all: ``None``. Never a made-up day.
* **Open spans.** "since November 2" and "15 June 2014 - present" start at the
  date and end at the anchor's end (the publication day), or stay open
  (``end=None``) when the anchor is a lower bound or missing.
* **Ranges.** "from March 21, 2021 to March 20, 2022" is one span, at the
  coarser precision of its two ends; "July 1 - September 30, 2021" lends the
  year to its first end.
* **Parts.** "late 2024" is September-December 2024 at precision "season" (a
  few months: "month" would claim one month, "year" would drop what the text
  says); "early"/"mid" are January-April/May-August, "the first half" is
  January-June. "late January" is 21-31 January at precision "month".
  Seasons are meteorological and northern: winter 2023 = Dec 2023 - Feb 2024.
* **Vague windows.** "in recent weeks"/"the past weeks" are the 21 days up to
  the anchor (precision "week"); recent days 7 days ("week"); recent months
  90 days ("season"); recent years 5 years ("decade").
* **Relative to another date** ("three days after") has no anchor of its own:
  ``normalise`` returns ``None``; the caller finds that date and applies
  ``parse_offset`` with ``shift``.

A regex grammar (compiled once, cached) reads the forms news uses; dateparser
is only a fallback for numeric dates ("21/02/2024") and other forms with a year; it gets the anchor as
``RELATIVE_BASE`` (or, without an anchor, must see a year).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING


from ..records import DateSpan
from ..vocabulary import Precision

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

Rule = Callable[[date], DateSpan | None]

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2,
}
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month
# Default length in days of a vague window ("in recent weeks") and its precision.
_VAGUE_WINDOWS = {"day": (7, "week"), "week": (21, "week"), "month": (90, "season"), "year": (5 * 365, "decade")}


# --- spans -------------------------------------------------------------------------


def _coarser(a: str, b: str) -> Precision:
    order = list(Precision)
    return Precision(a) if order.index(Precision(a)) >= order.index(Precision(b)) else Precision(b)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + k
    return index // 12, index % 12 + 1


def _month_span(year: int, month: int) -> DateSpan:
    return DateSpan(date(year, month, 1), _month_end(year, month), "month")


def _year_span(year: int) -> DateSpan:
    return DateSpan(date(year, 1, 1), date(year, 12, 31), "year")


def _week_span(day: date) -> DateSpan:
    monday = day - timedelta(days=day.weekday())
    return DateSpan(monday, monday + timedelta(days=6), "week")


def _season_span(year: int, season: str) -> DateSpan:
    first = _SEASONS[season]
    end_year, end_month = _add_months(year, first, 2)
    return DateSpan(date(year, first, 1), _month_end(end_year, end_month), "season")


def _part(span: DateSpan, part: str | None) -> DateSpan:
    """The early/mid/late third of a month or a year ("late 2024" -> Sep-Dec, precision season)."""
    if part is None or span.start is None or span.end is None:
        return span
    part = part.lower()
    third = 0 if part in ("early", "beginning", "start") else 2 if part in ("late", "end") else 1
    if span.precision == "month":
        first = span.start.replace(day=1 + 10 * third)
        last = span.end if third == 2 else span.start.replace(day=10 + 10 * third)
        return DateSpan(first, last, "month")
    if span.precision == "year":
        if part in ("first half", "second half"):
            half = 0 if part == "first half" else 1
            return DateSpan(date(span.start.year, 1 + 6 * half, 1), _month_end(span.start.year, 6 + 6 * half), "season")
        return DateSpan(date(span.start.year, 1 + 4 * third, 1), _month_end(span.start.year, 4 + 4 * third), "season")
    return span


def _widen(lo: DateSpan, hi: DateSpan) -> DateSpan | None:
    """The smallest honest span holding both readings of an expression (see the module rules)."""
    start, end = min(lo.start, hi.start), max(lo.end, hi.end)  # type: ignore[type-var]
    if (end - start).days < 7:
        return DateSpan(start, end, _coarser(lo.precision, "week"))
    if (start.year, start.month) == (end.year, end.month):
        return DateSpan(start.replace(day=1), _month_end(end.year, end.month), _coarser(lo.precision, "month"))
    if (end - start).days <= 92:
        return DateSpan(start, end, _coarser(lo.precision, "season"))
    if start.year == end.year:
        return DateSpan(date(start.year, 1, 1), date(start.year, 12, 31), _coarser(lo.precision, "year"))
    return None


def shift(span: DateSpan, days: int) -> DateSpan:
    """``span`` moved by ``days`` ("three days after" a known date: ``shift(that, 3)``)."""
    move = timedelta(days=days)
    return DateSpan(
        span.start + move if span.start else None, span.end + move if span.end else None, span.precision, span.basis
    )


# --- parsed expressions ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Atom:
    """One date expression: ``fixed`` when absolute, else a ``rule`` of the reference day.

    ``borrow`` rebuilds a year-unsaid atom with a given year (a range's other end lends it)."""

    start: int
    end: int
    fixed: DateSpan | None = None
    rule: Rule | None = None
    borrow: Callable[[int], DateSpan | None] | None = None


@dataclass(frozen=True, slots=True)
class _Expr:
    """An atom, a range of two atoms, or an atom open towards the anchor ("since ...")."""

    start: int
    end: int
    first: _Atom
    last: _Atom | None = None
    open_end: bool = False


def _resolve_atom(atom: _Atom, anchor: DateSpan | None, partial: bool = False) -> DateSpan | None:
    if atom.rule is None:
        return atom.fixed
    if anchor is None or anchor.start is None or anchor.end is None:
        return _partial(atom, anchor) if partial else None
    low = atom.rule(anchor.start)
    if anchor.start == anchor.end or low is None:
        return low
    high = atom.rule(anchor.end)
    if high is None:
        return None
    return low if low == high else _widen(low, high)


def _partial(atom: _Atom, anchor: DateSpan | None) -> DateSpan | None:
    """A month-day (or part of a month) whose year no anchor gives: ``--02-02``, with the years it can fall in.

    News reports the past, so the date is the most recent such day on or before
    publication; a lower-bound anchor (published on or after X) makes the year at
    least that of the last such day on or before X. No upper year is known."""
    if atom.borrow is None:
        return None
    span = atom.borrow(2024)  # a leap year admits every real day
    if span is None or span.start is None or span.end is None:
        return None
    first, last = (span.start.month, span.start.day), (span.end.month, span.end.day)
    low = None
    if anchor is not None and anchor.start is not None:
        bound = anchor.start
        low = bound.year if first <= (bound.month, bound.day) else bound.year - 1
    return DateSpan.month_day(first, last, span.precision, (low, None))


def _resolve_expr(expr: _Expr, anchor: DateSpan | None, partial: bool = False) -> DateSpan | None:
    first = _resolve_atom(expr.first, anchor, partial)
    if first is None or (first.start is None and first.start_md is None):
        return None
    if expr.open_end:
        if first.start is None:
            return DateSpan.month_day(first.start_md, None, first.precision, first.years)  # type: ignore[arg-type]
        end = anchor.end if anchor is not None else None
        return DateSpan(first.start, end if end is not None and end >= first.start else None, first.precision)
    if expr.last is None:
        return first
    last = _resolve_atom(expr.last, anchor, partial)
    if last is None or (last.end is None and last.end_md is None):
        return None
    precision = _coarser(first.precision, last.precision)
    if first.is_partial or last.is_partial:  # "from January 1, 2021 to March 23": keep what is known of each end
        return DateSpan(first.start, last.end, precision, None, first.start_md, last.end_md,
                        first.years if first.is_partial else last.years)
    if last.end < first.start:  # type: ignore[operator]
        return None
    return DateSpan(first.start, last.end, precision)


# --- rules of the reference day ---------------------------------------------------------


def _year_unsaid_day(month: int, day: int) -> Rule:
    def rule(ref: date) -> DateSpan | None:
        year = ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
        found = _safe_date(year, month, day)
        return DateSpan.day(found) if found else None

    return rule


def _year_unsaid_month(month: int, which: str | None, part: str | None) -> Rule:
    def rule(ref: date) -> DateSpan | None:
        if which == "last":
            year = ref.year if month < ref.month else ref.year - 1
        elif which == "next":
            year = ref.year if month > ref.month else ref.year + 1
        elif which == "this":
            year = ref.year
        else:
            year = ref.year if month <= ref.month else ref.year - 1
        return _part(_month_span(year, month), part)

    return rule


def _weekday(index: int, which: str | None) -> Rule:
    def rule(ref: date) -> DateSpan | None:
        if which == "next" or which == "coming":
            return DateSpan.day(ref + timedelta(days=(index - ref.weekday() - 1) % 7 + 1))
        if which == "this":
            return DateSpan.day(ref + timedelta(days=index - ref.weekday()))
        back = (ref.weekday() - index - 1) % 7 + 1 if which in ("last", "past") else (ref.weekday() - index) % 7
        return DateSpan.day(ref - timedelta(days=back))

    return rule


def _season(season: str, which: str) -> Rule:
    def rule(ref: date) -> DateSpan | None:
        spans = [_season_span(year, season) for year in range(ref.year - 2, ref.year + 2)]
        if which == "last":
            return max((s for s in spans if s.end < ref), key=lambda s: s.start)  # type: ignore[operator]
        if which == "next":
            return min((s for s in spans if s.start > ref), key=lambda s: s.start)  # type: ignore[operator]
        holding = [s for s in spans if s.start <= ref <= s.end]  # type: ignore[operator]
        return holding[0] if holding else _season_span(ref.year, season)

    return rule


def _period(unit: str, offset: int) -> Callable[[date], DateSpan]:
    """The calendar week/weekend/month/quarter/year ``offset`` periods from the one holding ``ref``."""

    def span(ref: date) -> DateSpan:
        if unit in ("week", "weekend"):
            week = _week_span(ref + timedelta(weeks=offset))
            return DateSpan(week.end - timedelta(days=1), week.end, "day") if unit == "weekend" else week
        if unit == "month":
            return _month_span(*_add_months(ref.year, ref.month, offset))
        if unit == "quarter":
            year, month = _add_months(ref.year, (ref.month - 1) // 3 * 3 + 1, 3 * offset)
            return DateSpan(date(year, month, 1), _month_end(*_add_months(year, month, 2)), "season")
        return _year_span(ref.year + offset)

    return span


def _calendar(unit: str, modifier: str) -> Rule:
    """ "last week", "earlier this month", "late last year", "the end of the year"."""
    words = modifier.lower().split()
    offset = -1 if {"last", "previous"} & set(words) else 1 if {"next", "coming"} & set(words) else 0
    base = _period(unit, offset)
    part = next((w for w in words if w in ("early", "late", "end", "beginning", "start")), None)

    def rule(ref: date) -> DateSpan | None:
        span = base(ref)
        if words[0] == "past" or words[:2] == ["the", "past"]:
            length = {"week": 7, "weekend": 7, "month": 30, "quarter": 91, "year": 365}[unit]
            return DateSpan(ref - timedelta(days=length), ref, span.precision)
        if words[0] == "earlier":
            yesterday = ref - timedelta(days=1)
            return DateSpan(span.start, max(span.start, yesterday), span.precision)  # type: ignore[type-var]
        if words[0] == "later":
            return DateSpan(min(ref + timedelta(days=1), span.end), span.end, span.precision)  # type: ignore[type-var]
        return _part(span, part)

    return rule


def _window(unit: str, count: int | None, future: bool) -> Rule:
    """ "in recent weeks", "the past two weeks", "the coming days"."""
    if count is None:
        days, precision = _VAGUE_WINDOWS[unit]
    else:
        days = count * {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
        precision = {"day": "day", "week": "week", "month": "season" if count <= 3 else "year"}.get(
            unit, "year" if count == 1 else "decade"
        )

    def rule(ref: date) -> DateSpan | None:
        if future:
            return DateSpan(ref, ref + timedelta(days=days), precision)
        return DateSpan(ref - timedelta(days=days), ref, precision)

    return rule


def _ago(unit: str, count: int) -> Rule:
    def rule(ref: date) -> DateSpan | None:
        if unit == "day":
            return DateSpan.day(ref - timedelta(days=count))
        if unit == "week":
            return _week_span(ref - timedelta(weeks=count))
        if unit == "month":
            return _month_span(*_add_months(ref.year, ref.month, -count))
        return _year_span(ref.year - count)

    return rule


def _days_from(offset: int) -> Rule:
    return lambda ref: DateSpan.day(ref + timedelta(days=offset))


# --- the grammar ------------------------------------------------------------------------


def _alternatives(words: list[str]) -> str:
    forms = {form for word in words for form in (word.capitalize(), word.upper())}
    return "|".join(sorted(forms, key=len, reverse=True))


def _month_number(token: str) -> int:
    return _MONTHS[token.rstrip(".").lower()]


def _number(token: str | None) -> int | None:
    if token is None:
        return None
    token = " ".join(token.lower().split())
    return int(token) if token.isdigit() else _NUMBERS.get(token)


def _day_number(token: str) -> int:
    return int(re.match(r"\d+", token).group())  # type: ignore[union-attr]


Handler = Callable[[re.Match[str], str], _Atom | None]


class _Grammar:
    """The compiled patterns of the date grammar, built once per process (see ``_grammar``)."""

    def __init__(self) -> None:
        full = [m for m in _MONTHS if len(m) > 4 or m in ("may", "june", "july", "march", "april")]
        month_full = rf"(?:{_alternatives(full)})\b"
        month_any = rf"(?:{month_full}|(?:{_alternatives([m for m in _MONTHS if m not in full])})(?:\.|\b))"
        weekday = rf"(?:{_alternatives(list(_WEEKDAYS))})\b"
        day = r"(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
        year = r"(?:1[89]\d\d|20\d\d)(?![\d%])"
        number = r"\d+|a\s+couple\s+of|couple\s+of|" + "|".join(sorted(_NUMBERS, key=len, reverse=True))
        wd_prefix = rf"(?:{weekday},?\s+(?:the\s+)?)?"
        part = r"early|mid|late|(?:the\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of"
        self.rules: list[tuple[re.Pattern[str], Handler]] = [
            (re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])"), self._full_date(1, 2, 3)),
            (re.compile(rf"\b{wd_prefix}({month_any})\s+({day}),?\s+({year})"), self._full_date(3, 1, 2)),
            (re.compile(rf"\b{wd_prefix}({day})\s+(?:of\s+)?({month_any}),?\s+({year})"), self._full_date(3, 2, 1)),
            (re.compile(rf"\b{wd_prefix}({month_any})\s+({day})(?![:\d])"), self._year_unsaid(1, 2)),
            (re.compile(rf"\b{wd_prefix}({day})\s+(?:of\s+)?({month_any})"), self._year_unsaid(2, 1)),
            (re.compile(rf"\b(?:(?i:({part}))[-\s]+)?({month_any})\s+(?:of\s+)?({year})"), self._month_year),
            (re.compile(rf"\b(?:(?i:(last|this|next|{part}))[-\s]+)?({month_full})"), self._month),
            (re.compile(rf"\b(?:(?i:({part}))[-\s]*)({year})"), self._part_year),
            (re.compile(r"\b(?i:(?:(early|mid|late)[-\s]+)?(?:(last|this|next|the)\s+)?"
                        rf"\b(spring|summer|autumn|fall|winter))(?:\s+(?:of\s+)?({year}))?"), self._season),
            (re.compile(r"(?<![\w.])((?:1[89]|20)\d0)['’]?s\b"), self._decade),
            (re.compile(rf"(?<![\w$£€.,/#])({year})(?![\w]|[.,]\d)"), self._year),
            (re.compile(r"(?i)\b(today|tonight|yesterday|tomorrow|now|currently|at\s+present|last\s+night"
                        r"|(?:earlier|later)\s+today"
                        r"|(?:earlier\s+|later\s+)?this\s+(?:morning|afternoon|evening))\b"), self._day_word),
            (re.compile(r"(?i)\b(?:over|during|on|at)\s+the\s+weekend\b"), self._the_weekend),
            (re.compile(r"(?i)\b(?:earlier|later)\s+in\s+the\s+day\b"), self._day_word_today),
            (re.compile(r"(?i)\bthe\s+week\s+(?:before|earlier)\b"), self._before_report),
            (re.compile(rf"\b(?:(?i:(last|this|next|past|coming))\s+)?({weekday})"
                        r"(?:\s+(?i:morning|afternoon|evening|night))?"), self._weekday),
            (re.compile(r"(?i)\b(this|last|next|previous|past|coming|current"
                        r"|the\s+(?:last|past|previous|next|coming|current)"
                        r"|(?:earlier|later|early|late)\s+(?:this|last|next)"
                        r"|(?:at\s+)?the\s+(?:end|beginning|start)\s+of\s+(?:this|last|next|the))"
                        r"\s+(week|weekend|month|quarter|year)\b"), self._calendar),
            (re.compile(rf"(?i)\b(recent|the\s+past|the\s+last|past|last|the\s+coming|coming|the\s+next|next)"
                        rf"\s+(?:({number}|few|several)\s+)?(day|week|month|year)s\b"), self._window),
            (re.compile(rf"(?i)\b({number}|a\s+few|few|several)\s+(day|week|month|year)s?\s+ago\b"), self._ago),
        ]
        self.hint = re.compile(
            r"\d|(?i:today|tonight|yesterday|the\s+day|tomorrow|now|currently|present|night|morning|afternoon|evening"
            r"|week|month|quarter|year|recent|spring|summer|autumn|fall|winter|ago)"
            rf"|{month_any}|{weekday}"
        )
        # What dateparser is trusted with: a numeric date ("21/03/2021", "2021.03.21") or a year.
        self.numeric_date = re.compile(r"\b\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b|(?<!\d)(?:1[89]|20)\d\d(?!\d)")
        self.range_gap = re.compile(r"\s*(?:-|–|—|to|through|until|till|and)\s*", re.IGNORECASE)
        self.since = re.compile(r"(?i)\bsince\s+(?:the\s+)?$")
        self.present = re.compile(r"\s*(?:-|–|—|to|until)\s*(?:the\s+)?present\b", re.IGNORECASE)
        self.offset = re.compile(
            rf"(?i)\b(?:({number})\s+(day|week)s?\s+(after|later|before|earlier|prior)"
            r"|the\s+(?:day|night)\s+(before|after)|the\s+(next|following|previous)\s+day)\b"
        )

    # Handlers: a match -> an _Atom, or None when the match is not a date after all.

    @staticmethod
    def _full_date(year: int, month: int, day: int) -> Handler:
        """A handler reading a whole date from the match groups numbered ``year``, ``month``, ``day``."""

        def handler(m: re.Match[str], text: str) -> _Atom | None:
            number = int(m[month]) if m[month].isdigit() else _month_number(m[month])
            found = _safe_date(int(m[year]), number, _day_number(m[day]))
            return _Atom(m.start(), m.end(), fixed=DateSpan.day(found)) if found else None

        return handler

    @staticmethod
    def _year_unsaid(month_group: int, day_group: int) -> Handler:
        """A handler for a day and month without a year ("January 8", "7 October")."""

        def handler(m: re.Match[str], text: str) -> _Atom | None:
            month, day = _month_number(m[month_group]), _day_number(m[day_group])
            if _safe_date(2024, month, day) is None:  # 2024: a leap year admits every real day
                return None

            def borrow(year: int) -> DateSpan | None:
                found = _safe_date(year, month, day)
                return DateSpan.day(found) if found else None

            return _Atom(m.start(), m.end(), rule=_year_unsaid_day(month, day), borrow=borrow)

        return handler

    @staticmethod
    def _month_year(m: re.Match[str], text: str) -> _Atom | None:
        part = _part_word(m[1])
        return _Atom(m.start(), m.end(), fixed=_part(_month_span(int(m[3]), _month_number(m[2])), part))

    @staticmethod
    def _month(m: re.Match[str], text: str) -> _Atom | None:
        month = _month_number(m[2])
        which = m[1].lower() if m[1] and m[1].lower() in ("last", "this", "next") else None
        part = _part_word(m[1]) if which is None else None
        if month == 5 and m[1] is None and not re.search(r"(?i)\b(?:in|since|during|until|by|from|of|through)\s+$",
                                                         text[max(0, m.start() - 10):m.start()]):
            return None  # "May" is a modal verb unless a preposition makes it a month
        return _Atom(
            m.start(), m.end(), rule=_year_unsaid_month(month, which, part),
            borrow=None if which else (lambda year: _part(_month_span(year, month), part)),
        )

    @staticmethod
    def _part_year(m: re.Match[str], text: str) -> _Atom | None:
        return _Atom(m.start(), m.end(), fixed=_part(_year_span(int(m[2])), _part_word(m[1])))

    @staticmethod
    def _season(m: re.Match[str], text: str) -> _Atom | None:
        season, which = m[3].lower(), (m[2] or "").lower()
        if m[4]:
            return _Atom(m.start(), m.end(), fixed=_season_span(int(m[4]), season))
        if which not in ("last", "this", "next") or re.match(r"\s+of\b", text[m.end():]):
            return None  # "the fall of Assad" is not a season
        return _Atom(m.start(), m.end(), rule=_season(season, which))

    @staticmethod
    def _decade(m: re.Match[str], text: str) -> _Atom | None:
        first = int(m[1])
        return _Atom(m.start(), m.end(), fixed=DateSpan(date(first, 1, 1), date(first + 9, 12, 31), "decade"))

    @staticmethod
    def _year(m: re.Match[str], text: str) -> _Atom | None:
        return _Atom(m.start(), m.end(), fixed=_year_span(int(m[1])))

    @staticmethod
    def _day_word(m: re.Match[str], text: str) -> _Atom | None:
        word = m[1].lower()
        offset = -1 if word.startswith(("yesterday", "last")) else 1 if word == "tomorrow" else 0
        return _Atom(m.start(), m.end(), rule=_days_from(offset))

    @staticmethod
    def _the_weekend(m: re.Match[str], text: str) -> _Atom | None:
        """ "over the weekend": the last Saturday-Sunday on or before the reference day."""
        def rule(ref: date) -> DateSpan | None:
            weekend = _period("weekend", 0 if ref.weekday() >= 5 else -1)(ref)
            return DateSpan(weekend.start, min(weekend.end, ref), "day")  # type: ignore[type-var]

        return _Atom(m.start(), m.end(), rule=rule)

    @staticmethod
    def _day_word_today(m: re.Match[str], text: str) -> _Atom | None:
        return _Atom(m.start(), m.end(), rule=_days_from(0))

    @staticmethod
    def _before_report(m: re.Match[str], text: str) -> _Atom | None:
        """ "the week before" standing alone: the seven days before the reference day. Followed by a noun
        phrase ("the week before the election") it is relative to another date, which the caller must find: None."""
        if not re.match(r"\s*(?:[.,;:)\]]|$|which|that|when|and\b|in\b|on\b|at\b|near\b)", text[m.end():]):
            return None
        return _Atom(m.start(), m.end(), rule=lambda ref: DateSpan(ref - timedelta(days=7), ref - timedelta(days=1),
                                                                 "week"))

    @staticmethod
    def _weekday(m: re.Match[str], text: str) -> _Atom | None:
        which = m[1].lower() if m[1] else None
        return _Atom(m.start(), m.end(), rule=_weekday(_WEEKDAYS.index(m[2].lower()), which))

    @staticmethod
    def _calendar(m: re.Match[str], text: str) -> _Atom | None:
        return _Atom(m.start(), m.end(), rule=_calendar(m[2].lower(), " ".join(m[1].split())))

    @staticmethod
    def _window(m: re.Match[str], text: str) -> _Atom | None:
        count = _number(m[2])
        if m[2] and count is None and m[2].lower() not in ("few", "several"):
            return None
        future = m[1].lower().split()[-1] in ("coming", "next")
        return _Atom(m.start(), m.end(), rule=_window(m[3].lower(), count, future))

    @staticmethod
    def _ago(m: re.Match[str], text: str) -> _Atom | None:
        count, unit = _number(m[1]), m[2].lower()
        if count is None:  # "a few days ago": two to seven days back; vaguer units are not placed
            if unit != "day":
                return None
            return _Atom(m.start(), m.end(), rule=lambda ref: shift(DateSpan(ref - timedelta(5), ref, "week"), -2))
        return _Atom(m.start(), m.end(), rule=_ago(unit, count))

    # Scanning.

    def atoms(self, text: str) -> list[_Atom]:
        """Non-overlapping atoms of ``text``, longest first where they compete, in text order."""
        found = [atom for pattern, handler in self.rules for m in pattern.finditer(text) if (atom := handler(m, text))]
        found.sort(key=lambda a: (a.start - a.end, a.start))
        kept: list[_Atom] = []  # sorted by start and disjoint, so an overlap check is a bisection, not a scan
        ends: list[int] = []  # (27,000 dates in one file took 67 s with a scan of every kept atom)
        for atom in found:
            i = bisect.bisect_right(ends, atom.start)  # the first kept atom ending after this one starts
            if i == len(kept) or kept[i].start >= atom.end:
                kept.insert(i, atom)
                ends.insert(i, atom.end)
        return kept

    def expressions(self, text: str) -> list[_Expr]:
        """Atoms joined into ranges ("from A to B", "A - B") and open spans ("since A", "A - present")."""
        atoms = self.atoms(text) if self.hint.search(text) else []
        exprs: list[_Expr] = []
        i = 0
        while i < len(atoms):
            first = atoms[i]
            nxt = atoms[i + 1] if i + 1 < len(atoms) else None
            gap = text[first.end:nxt.start] if nxt else ""
            between = re.search(r"(?i)\bbetween\s+$", text[max(0, first.start - 12):first.start])
            if nxt and self.range_gap.fullmatch(gap) and (gap.strip().lower() != "and" or between):
                exprs.append(_Expr(first.start, nxt.end, _lend_year(first, nxt), nxt))
                i += 2
                continue
            since = self.since.search(text, max(0, first.start - 16), first.start)
            present = self.present.match(text, first.end)
            if since or present:
                start = since.start() if since else first.start
                exprs.append(_Expr(start, present.end() if present else first.end, first, open_end=True))
            else:
                exprs.append(_Expr(first.start, first.end, first))
            i += 1
        return exprs


def _part_word(modifier: str | None) -> str | None:
    """ "the end of" -> "end", "mid" -> "mid", "the first half of" -> "first half"."""
    if modifier is None:
        return None
    words = modifier.lower().split()
    words = [w for w in words if w not in ("the", "of")]
    return " ".join(words) if words else None


def _lend_year(first: _Atom, last: _Atom) -> _Atom:
    """ "July 1 - September 30, 2021": the first end takes the year of the second (or the year before)."""
    if first.borrow is None or last.fixed is None or last.fixed.start is None:
        return first
    year = last.fixed.start.year
    span = first.borrow(year)
    if span is not None and span.start is not None and span.start > last.fixed.start:
        span = first.borrow(year - 1)
    return _Atom(first.start, first.end, fixed=span) if span else first


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    return _Grammar()


DateGrammar = _Grammar  # the compiled grammar (``Knowledge.dates``); pure code, so one per process


def grammar() -> DateGrammar:
    """The date grammar, compiled once per process."""
    return _grammar()


# --- public API ---------------------------------------------------------------------------


def find_dates(text: str, *, anchor: DateSpan | None, partial: bool = False) -> list[tuple[int, int, DateSpan]]:
    """Every temporal expression of ``text`` that can be placed: ``(start, end, span)`` in text order.

    Expressions that cannot be placed (a year unsaid and no usable anchor) are left out, or with
    ``partial`` kept as year-less month-days (``DateSpan.is_partial``) when the text gives a month and day."""
    found = []
    for expr in _grammar().expressions(text):
        span = _resolve_expr(expr, anchor, partial)
        if span is not None:
            found.append((expr.start, expr.end, span))
    return found


def dates_with_year(text: str) -> list[tuple[int, int, DateSpan]]:
    """Dates written out with their year, to the day or the month ("3 February 2024", "Feb. 2024",
    "2024-02-03"): ``(start, end, span)`` in text order, each needing no anchor.

    A part of a month ("late January 2024") counts as its whole month; a year
    alone, a season or a decade is left out. Ingest reads datelines and the
    text-inferred publication bound with this."""
    found = []
    for atom in _grammar().atoms(text):
        span = atom.fixed
        if span is None or span.start is None:
            continue
        if span.precision == "day":
            found.append((atom.start, atom.end, span))
        elif span.precision == "month":
            found.append((atom.start, atom.end, _month_span(span.start.year, span.start.month)))
    return found


def normalise(expression: str, *, anchor: DateSpan | None, partial: bool = False) -> DateSpan | None:
    """The ``DateSpan`` of one temporal expression, read against the publication date ``anchor``.

    The longest expression the grammar finds in ``expression`` wins; dateparser
    is asked only when the grammar finds none and the expression holds a numeric date or a year.
    ``partial``: a month-day that no anchor places keeps its month and day (``--02-02``), see ``_partial``."""
    grammar = _grammar()
    exprs = grammar.expressions(expression)
    if exprs:
        return _resolve_expr(max(exprs, key=lambda e: e.end - e.start), anchor, partial)
    if grammar.offset.search(expression) or not grammar.numeric_date.search(expression):
        return None
    return _dateparser_fallback(expression, anchor)


def parse_offset(expression: str) -> int | None:
    """Days that a date relative to another date lies after it ("three days after" -> 3, "the day before" -> -1)."""
    m = _grammar().offset.search(expression)
    if m is None:
        return None
    if m[1]:
        count = _number(m[1])
        if count is None:
            return None
        days = count * (7 if m[2].lower() == "week" else 1)
        return days if m[3].lower() in ("after", "later") else -days
    word = (m[4] or m[5]).lower()
    return -1 if word in ("before", "previous") else 1


def _dateparser_fallback(expression: str, anchor: DateSpan | None) -> DateSpan | None:
    """Other forms with a digit ("21/03/2021"), via dateparser, never against today's date."""
    day_anchor = anchor is not None and anchor.start is not None and anchor.start == anchor.end
    if not day_anchor and not re.search(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)", expression):
        return None
    base = anchor.start if day_anchor else None  # type: ignore[union-attr]
    data = _date_parser(base).get_date_data(expression)
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    period = data.period or "day"
    if period == "month":
        return _month_span(found.year, found.month)
    if period == "year":
        return _year_span(found.year)
    if period == "week":
        return _week_span(found)
    return DateSpan.day(found)


@lru_cache(maxsize=64)
def _date_parser(base: date | None) -> DateDataParser:
    """One parser per reference day; dateparser is imported here, not at import time (it is slow to import)."""
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is None:
        settings["REQUIRE_PARTS"] = ["year"]
    else:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


# --- the period a periodic report covers ----------------------------------------------------

_COVERS = re.compile(r"(?i)\b(?:report|it|this\s+document)\s+covers\s+the\s+(?:reporting\s+)?period\s+(?:from\s+)?"
                     r"([^.;()]{6,60}?)(?=[.,;(]|\s+and\s|$)")
_REPORT_QUARTER = re.compile(r"(?i)\b(?:(?:during|in|over|throughout|for)\s+)?(?:the|this)\s+(?:reporting\s+)?"
                             r"quarter(?:['’]s)?\b(?!\s+(?:of|century|mile))")


_TITLE_LINES = 3
_PERIOD_DAYS = 27  # a range shorter than a month in a title is an event's date, not a reporting period


def title_period(text: str, anchor: DateSpan | None, lines: int = _TITLE_LINES) -> DateSpan | None:
    """The first date range of a month or more in the text's opening ``lines`` (a report's title:
    "Quarterly Report to Congress, January 1, 2024-March 31, 2024"); None when there is none."""
    head = "\n".join(text.split("\n")[:lines])
    for _, _, span in find_dates(head, anchor=anchor):
        if span.start is not None and span.end is not None and (span.end - span.start).days >= _PERIOD_DAYS:
            return span
    return None


def report_period(text: str, anchor: DateSpan | None) -> DateSpan | None:
    """The period a periodic report (a quarterly Lead IG report, an annual country report) says it covers.

    Only a text that speaks of its period ("the quarter", "the report covers the
    period") has one. First a date range of a month or more in its opening lines (the title:
    "Quarterly Report to Congress, January 1, 2024-March 31, 2024"); then a
    statement of it ("The report covers the period October 1, 2021 - December 31,
    2021"); else, when the report narrates "the quarter" ("during the quarter",
    "this quarter's key events"), the last calendar quarter ending on or before the
    anchor's first day: such reports appear after their quarter ends, and a
    lower-bound anchor taken from the text is the quarter's last day the report
    prints. None when none is found."""
    found = _COVERS.search(text)
    if found is None and not _REPORT_QUARTER.search(text):
        return None  # no reporting period spoken of: not a periodic report
    title = title_period(text, anchor)
    if title is not None:
        return title
    if found is not None:
        span = normalise(found[1], anchor=None)
        if span is not None and span.start is not None and span.end is not None:
            return span
    if anchor is None or anchor.start is None:
        return None
    day = anchor.start
    year, month = day.year, (day.month - 1) // 3 * 3 + 1  # the quarter holding the anchor day
    end = _month_end(*_add_months(year, month, 2))
    if end != day:  # not its last day: the quarter before, the last one complete
        year, month = _add_months(year, month, -3)
        end = _month_end(*_add_months(year, month, 2))
    return DateSpan(date(year, month, 1), end, Precision.SEASON)


def is_report_quarter(expression: str) -> bool:
    """Whether ``expression`` is the reporting quarter of a periodic report ("during the quarter")."""
    return _REPORT_QUARTER.fullmatch(expression.strip()) is not None


_WEEK_BEFORE = re.compile(r"(?i)\bthe\s+week\s+(?:before|earlier|prior)\b")
_SAME_DAY = re.compile(r"(?i)\b(?:(?:hours|minutes|moments)\s+(?:later|afterwards?)|later\s+that\s+(?:day|night|morning"
                       r"|afternoon|evening)|(?:that|the)\s+same\s+(?:day|night))\b")


def find_offsets(text: str) -> list[tuple[int, int, int, bool]]:
    """Every date relative to another date in ``text`` ("ten days prior", "two days before the attack",
    "the week before", "hours later"): ``(start, end, days, week)``, days as in ``parse_offset`` ("hours
    later", "that same day": 0); ``week`` marks "the week before", the seven days before the other date
    (-7, a span, not a day)."""
    found = [(m.start(), m.end(), -7, True) for m in _WEEK_BEFORE.finditer(text)]
    found += [(m.start(), m.end(), 0, False) for m in _SAME_DAY.finditer(text)]
    for m in _grammar().offset.finditer(text):
        days = parse_offset(m[0])
        if days is not None:
            found.append((m.start(), m.end(), days, False))
    return sorted(found)
