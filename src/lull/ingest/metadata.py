"""Document metadata found in the text or the address: language, dateline, URL date,
and the text-inferred lower bound on the publication date.

Dates keep the precision they were written with: "February 2024" is a month,
never a made-up first of February. Dates in the text are read with the one date
grammar (``knowledge/dates.py``); only addresses and ISO fields have their own patterns here.
"""
from __future__ import annotations

import calendar
import dataclasses
import re
from datetime import date, datetime

from ..knowledge.dates import dates_with_year
from ..records import DateSpan

_WEEKDAYS = "|".join(calendar.day_name[i] + "|" + calendar.day_abbr[i] for i in range(7))
_DATELINE_NOISE = re.compile(
    rf"\b({_WEEKDAYS})\b\.?|\b\d{{1,2}}:\d{{2}}(:\d{{2}})?\s*([AaPp]\.?[Mm]\.?)?|\b(GMT|UTC|EST|EDT|CET|CEST|AST)\b([+-]\d+)?"
    r"|\b(published|updated|posted|last|modified|date|on|at)\b:?|[-–—|,:()]",
    re.IGNORECASE,
)
_DATELINE_PREFIX = re.compile(r"^[A-Z][A-Za-z .'’]{1,40}(,\s*[A-Za-z .]{1,30})?\s*(\([^)]{1,40}\))?\s*[,(–—-]\s*$")
_URL_DAY = (
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?=[/_.-]|$)"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
)
_URL_MONTH = re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/")
_ISO = re.compile(r"(?P<year>\d{4})(-(?P<month>\d{2})(-(?P<day>\d{2})([T ].+)?)?)?")


def _span(year: int, month: int, day: int | None, precision: str, basis: str) -> DateSpan | None:
    """A DateSpan for a day or a whole month, or None if the date does not exist."""
    try:
        if precision == "day" and day is not None:
            return DateSpan.day(date(year, month, day), basis)
        if precision == "month":
            last = calendar.monthrange(year, month)[1]
            return DateSpan(date(year, month, 1), date(year, month, last), "month", basis)
        if precision == "year":
            return DateSpan(date(year, 1, 1), date(year, 12, 31), "year", basis)
    except ValueError:
        return None
    return None


def find_dates(text: str, basis: str) -> list[tuple[int, int, DateSpan]]:
    """Every absolute date with an explicit year in ``text`` (day or month): ``(start, end, span)``."""
    return [(start, end, dataclasses.replace(span, basis=basis)) for start, end, span in dates_with_year(text)]


def find_dateline(text: str, max_lines: int = 5) -> DateSpan | None:
    """A date standing on its own near the top ("Saturday 29 April 2023 - 17:10"),
    opening a by-line ("Feb. 25, 2021 | BY ..."), or opening a paragraph after a
    place ("WASHINGTON, Feb. 3, 2024 -")."""
    lines = [line.strip() for line in text.split("\n") if line.strip()][:max_lines]
    for line in lines:
        if len(line) > 300:
            continue
        dates = find_dates(line[:120], "dateline")
        if not dates:
            continue
        offset, match_end, span = dates[0]
        rest = line[:offset] + " " + line[match_end:]
        if len(line) <= 80 and len(_DATELINE_NOISE.sub(" ", rest).split()) <= 3:
            return span
        if _DATELINE_PREFIX.match(line[:offset]) and re.match(r"\s*[-–—)]", line[match_end:]):
            return span
        if not _DATELINE_NOISE.sub(" ", line[:offset]).strip() and re.match(r"\s*([-–—|·•]|$)", line[match_end:]):
            return span  # "Feb. 25, 2021 | BY Jim Garamone , DOD News"
    return None


def url_date(url: str) -> DateSpan | None:
    """A date in the address: /2024/02/03/ or 2024-02-03 (day), /2024/02/ (month)."""
    for pattern in _URL_DAY:
        m = pattern.search(url)
        if m:
            span = _span(int(m["year"]), int(m["month"]), int(m["day"]), "day", "url")
            if span is not None:
                return span
    m = _URL_MONTH.search(url)
    if m and 1 <= int(m["month"]) <= 12:
        return _span(int(m["year"]), int(m["month"]), None, "month", "url")
    return None


def infer_date_from_text(text: str, today: date | None = None) -> DateSpan | None:
    """Lower bound on publication: the latest absolute date the text mentions.

    Returns ``DateSpan(start=that date, end=None, precision=its precision)``.
    Dates after ``today`` are ignored (deadlines and plans are not evidence of
    when the text was written)."""
    limit = today or date.today()
    candidates = [span for _, _, span in find_dates(text, "text-inferred") if span.start and span.start <= limit]
    if not candidates:
        return None
    latest = max(candidates, key=lambda s: (s.start, s.precision == "day"))
    return DateSpan(latest.start, None, latest.precision, "text-inferred")


def parse_iso_date(value: str, basis: str) -> DateSpan | None:
    """An ISO date, datetime, year-month or year, with the precision it was given at."""
    m = _ISO.fullmatch(value.strip())
    if not m:
        return None
    if m["day"] and len(value.strip()) > 10:
        try:
            datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    year, month, day = int(m["year"]), m["month"], m["day"]
    if day:
        return _span(year, int(month), int(day), "day", basis)
    if month:
        return _span(year, int(month), None, "month", basis) if 1 <= int(month) <= 12 else None
    return _span(year, 1, None, "year", basis)


# --- language ------------------------------------------------------------------------

_STOPWORDS = {
    "en": frozenset("the and of to in is that for on with was as by it are has have from said were be this which an at their not".split()),
    "fr": frozenset("le la les des et est une un du dans que qui pour pas sur au avec ce sont aux été par".split()),
    "de": frozenset("der die das und ist nicht mit den von zu ein eine auf für sich dem des im auch wird".split()),
    "es": frozenset("el la los las de que y en del se por un una con para es al como su fue".split()),
}
_PERSIAN_LETTERS = frozenset("پچژگکی")
_WORD = re.compile(r"[^\W\d_]+")


def _is_arabic_script(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufefc"


def detect_language(text: str) -> str | None:
    """ISO 639-1 code by script ratio, then stopword share; None when unsure.

    Cheap and offline: tells Arabic (and Persian) from Latin-script text, and
    English, French, German and Spanish apart by their commonest words."""
    sample = text[:5000]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < 20:
        return None
    arabic = [ch for ch in letters if _is_arabic_script(ch)]
    if len(arabic) / len(letters) > 0.5:
        persian = sum(ch in _PERSIAN_LETTERS for ch in arabic)
        return "fa" if persian / len(arabic) > 0.02 else "ar"
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return None
    scores = {lang: sum(w in stop for w in words) / len(words) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] >= 0.12 else None
