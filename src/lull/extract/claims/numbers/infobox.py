"""Infobox figures: labelled lines of fact boxes, read line by line rather than parsed as prose.

"Size10,000 (December 2020)[2]", "| Size | 70,000 |", "Fatalities: None", the figure-only lines under a
size line ("10,000 (June 2014)", "Over 30,000 (December 2014 claim)") and short casualty lines ("21+ killed",
"Casualties1–22 militiamen killed"). The labels and units are ``infobox`` in ``data/patterns/numbers.yaml``;
the parenthesis after a figure gives its period and, with a qualifier phrase ("at most"), its qualifier.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ....knowledge import dates
from ....records import DateSpan
from .rules import NumberRules

_NUM = r"\d{1,3}(?:,\d{3})+|\d+"
_FIGURE = re.compile(
    rf"^\s*(?P<qual>[A-Za-z][A-Za-z ]*?)??\s*(?P<num>{_NUM})(?:\s*[-–]\s*(?P<high>{_NUM}))?(?P<plus>\+)?"
    r"(?:\s+[A-Za-z][A-Za-z'’ -]{0,40}?)?\s*(?:\((?P<paren>[^)]*)\))?\s*(?:\[[^\]]*\]\s*)*\|?\s*$")
_BOX_REACH = 3000  # characters after a box's date line that still belong to the box
_CASUALTY = re.compile(rf"^\s*(?P<num>{_NUM})(?:\s*[-–]\s*(?P<high>{_NUM}))?(?P<plus>\+)?\s+(?:[\w.'’-]+\s+)*?"
                       r"(?P<word>[A-Za-z]+)\s*(?:\[[^\]]*\]\s*)*\|?\s*$")


@dataclass(frozen=True, slots=True)
class Figure:
    """One labelled figure: its characters, value or range, qualifier, unit and period."""

    start: int
    end: int
    rule_id: str
    unit: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    period: DateSpan | None


def find_figures(text: str, rules: NumberRules, *, anchor: DateSpan | None) -> list[Figure]:
    """Every labelled infobox figure of a text, in text order."""
    box = rules.infobox
    if box is None:
        return []
    out: list[Figure] = []
    field = None  # the field of the line above, for figure-only continuation lines
    box_date = None  # the box's "Date" line
    for start, line in _lines(text):
        dated = _box_date(line, box, anchor)
        if dated is not None:
            box_date = (start, dated[1]) if box_date is None else box_date  # the first date line: the box's
            continue
        found = _labelled(line, rules)
        if found is not None:
            field, value_at = found
            figure = _figure(line, value_at, start, field.id, field.unit, rules, anchor, none_ok=True)
            if figure is None:
                field = None
            else:
                out.append(figure)
            continue
        if field is not None:
            figure = _figure(line, 0, start, field.id + "+continued", field.unit, rules, anchor, none_ok=False)
            if figure is not None:
                out.append(figure)
                continue
        field = None
        casualty = _casualty(line, start, rules, anchor)
        if casualty is not None:
            out.append(casualty)
    if box_date is not None:
        out = [f if f.period is not None or not 0 <= f.start - box_date[0] < _BOX_REACH else replace(f, period=box_date[1]) for f in out]
    else:
        out = _dated_by_lead(text, out, anchor)
    return out


_TOLL_UNITS = frozenset({"killed", "injured", "casualties"})


def _dated_by_lead(text: str, figures: list[Figure], anchor: DateSpan | None) -> list[Figure]:
    """A box with no date line: its tolls ("Injuries: 6 security guards", "Casualties: 4-9 militiamen killed") are
    the incident's, dated by the first day the prose after the box states ("On 7 November 2021, ...")."""
    tolls = [f for f in figures if f.period is None and f.unit in _TOLL_UNITS]
    if not tolls:
        return figures
    after = text.find("\n", max(f.end for f in figures))
    if after < 0:
        return figures
    day = next((span for _, _, span in dates.find_dates(text[after:after + _BOX_REACH], anchor=anchor)
                if str(span.precision) == "day" and (span.start is not None or span.start_md is not None)), None)
    if day is None:
        return figures
    return [replace(f, period=day) if f in tolls else f for f in figures]


def _box_date(line: str, box, anchor: DateSpan | None) -> tuple[int, DateSpan] | None:
    """A box's date line: its finest placed date ("Date25 February 2021 (2021-02-25)" -> the day)."""
    stripped = line.lstrip(" |-•*\t")
    label = next((w for w in box.date_labels if stripped.lower().startswith(w)), None)
    if label is None or stripped[len(label):len(label) + 1].isalpha():
        return None
    rest = stripped[len(label):].lstrip(" :|\t")  # "Date4 March 2019": the label glued to the day
    found = dates.find_dates(rest, anchor=anchor)
    if not found:
        return None
    order = {"day": 0, "week": 1, "month": 2, "year": 3}
    best = min(found, key=lambda f: order.get(str(f[2].precision), 4))
    return 0, best[2]


def _lines(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _labelled(line: str, rules: NumberRules):
    """The field whose label opens the line ("Size10,000", "Size: 70,000", "| Size | 70,000 |"), and where the
    value starts."""
    assert rules.infobox is not None
    stripped = line.lstrip(" |-•*\t")
    offset = len(line) - len(stripped)
    lower = stripped.lower()
    for field in rules.infobox.fields:
        for label in sorted(field.labels, key=len, reverse=True):
            if lower.startswith(label):
                rest = stripped[len(label):]
                sep = len(rest) - len(rest.lstrip(" :|\t"))
                if sep == 0 and rest[:1].isalpha():
                    continue  # "Sizeable": not the label
                return field, offset + len(label) + sep
    return None


def _figure(line: str, at: int, start: int, rule_id: str, unit: str, rules: NumberRules,
            anchor: DateSpan | None, *, none_ok: bool) -> Figure | None:
    value_text = line[at:]
    box = rules.infobox
    assert box is not None
    words = value_text.strip(" |").split()
    if none_ok and words and words[0].lower().strip(".") in box.none_words and len(words) <= 2:
        end = start + len(line.rstrip(" |"))
        return Figure(start, end, rule_id, unit, 0.0, None, None, "exact", None)
    match = _FIGURE.match(value_text)
    if match is None:
        return None
    qualifier = _qualifier(match.group("qual") or "", rules)
    if match.group("qual") and qualifier is None:
        return None  # words before the figure that are no qualifier: prose, not a figure
    paren = match.group("paren") or ""
    qualifier = qualifier or _qualifier_in(paren, rules) or ("at_least" if match.group("plus") else "exact")
    value = float(match.group("num").replace(",", ""))
    low = high = None
    if match.group("high"):
        low, high, value, qualifier = value, float(match.group("high").replace(",", "")), None, "up_to"
    period = None
    if paren:
        found = dates.find_dates(paren, anchor=anchor)
        period = found[0][2] if found else None
    first = at + (match.start("qual") if match.group("qual") else match.start("num"))
    last = at + (match.end("paren") + 1 if match.group("paren") is not None else match.end("plus") if match.group("plus")
                 else match.end("high") if match.group("high") else match.end("num"))
    return Figure(start + first, start + last, rule_id, unit, value, low, high, qualifier, period)


def _casualty(line: str, start: int, rules: NumberRules, anchor: DateSpan | None) -> Figure | None:
    """A short casualty line: "21+ killed", "Casualties1–22 militiamen killed" (the label glued on)."""
    box = rules.infobox
    assert box is not None
    body, at = line, 0
    lower = line.lower()
    for label in sorted(box.casualty_labels, key=len, reverse=True):
        if lower.startswith(label):
            at = len(label) + len(line[len(label):]) - len(line[len(label):].lstrip(" :|"))
            body = line[at:]
            break
    if len(body.split()) > rules.infobox_max_words:
        return None
    match = _CASUALTY.match(body)
    if match is None or match.group("word").lower() not in box.casualty_words:
        return None
    value = float(match.group("num").replace(",", ""))
    low = high = None
    qualifier = "at_least" if match.group("plus") else "exact"
    if match.group("high"):
        low, high, value, qualifier = value, float(match.group("high").replace(",", "")), None, "up_to"
    return Figure(start + at + match.start("num"), start + at + match.end("word"), "infobox.casualties",
                  box.casualty_words[match.group("word").lower()], value, low, high, qualifier, None)


def _qualifier(words: str, rules: NumberRules) -> str | None:
    key = tuple(words.lower().split())
    return next((q for phrase, q in rules.qualifiers if phrase == key), None) if key else None


def _qualifier_in(paren: str, rules: NumberRules) -> str | None:
    words = tuple(re.findall(r"[a-z]+", paren.lower()))
    for phrase, q in rules.qualifiers:
        n = len(phrase)
        if n > 1 and any(words[i:i + n] == phrase for i in range(len(words) - n + 1)):
            return q  # "(2010; at most)"; single words ("some", "over") are too loose inside a note
    return None
