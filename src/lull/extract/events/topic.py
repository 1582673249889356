"""What a whole article is about: the group it describes, and the attacker of the one attack it reports.

The coding scheme fills a field from elsewhere in the document only by clear
coreference from the outlet's own voice (gold manual, "No stitching, except
clear coreference"). Two places of an encyclopedia-style article are such a
source, and this module reads them:

title subject   an article whose title line is the name of one armed group or
                umbrella ("Saraya Awliya al-Dam", "Islamic Resistance in Iraq"),
                or whose first sentence defines one ("X (...) is a ... group"),
                is about that group: "the group", "the organization", "the
                network" with no fitting antecedent nearby (extract/coref.py)
                stands for it. A pronoun never does ("they" is too loose).
belligerents    an article about one attack lists its sides in an infobox: a
                line "Belligerents", then the first side's line ("Flag of
                Iraq.svg Islamic Resistance in Iraq"; a flag's country before a
                group's name is no side). With a "Date" line of a single day,
                every real, single attack told on that day that names no
                attacker is that attack, and the first side carried it out
                ("On August 5, 2024, a missile attack targeted the base", "the
                attack involved two rockets"). A box whose "Date" is a range (a
                campaign), a plural or generic attack, or an attack on another
                day takes nothing.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from ...knowledge.dates import normalise
from ...records import DateSpan
from ..doctext import text_of

if TYPE_CHECKING:
    from ...knowledge.actors import ActorEntry, ActorKB

_BELLIGERENTS = re.compile(r"^[ \t|]*belligerents[ \t|:]*$", re.IGNORECASE | re.MULTILINE)
_LOCATION = re.compile(r"^[ \t|]*location[ \t|:]*$", re.IGNORECASE | re.MULTILINE)
_DATE_LINE = re.compile(r"^[ \t|]*Date(?![a-z])[ \t|:]*(?P<value>[^\n|]+)", re.MULTILINE)
_SUBJECT_KINDS = frozenset({"armed_group", "umbrella"})
_NO_SIDE_KINDS = frozenset({"person", "outlet"})
_MARKS = re.compile(r"\[\d+\]")  # reference marks
_LONGEST_NAME = 8  # words
_DEFINED = re.compile(r"[^.\n]{0,80}?\b(?:is|was)\s+(?:a|an|one)\b")  # "..., officially X, is a ... group"
_TRAILING = re.compile(r"[\s\[\]\d.,;:|]+$")


def title_subject(doc: Doc, spans: list[Span], kb: ActorKB) -> Span | None:
    """The armed group or umbrella whose name is the whole first line of the text, or None."""
    text = text_of(doc)
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = _TRAILING.sub("", text[start:end])
    for span in spans:
        if span.start_char == start and span.end_char >= start + len(line):
            entry = kb.get(span.id_)
            return span if entry is not None and entry.kind in _SUBJECT_KINDS else None
    return _lead_subject(doc, spans, start, kb)


def _lead_subject(doc: Doc, spans: list[Span], start: int, kb: ActorKB) -> Span | None:
    """An article that opens by defining one group, with no title line of its own ("Harakat Hezbollah
    al-Nujaba (... HHN; Arabic: ...) is a radical Iraqi Shi'ite paramilitary group"): the group named at the
    very start of a first sentence whose main verb is "be". None for a report that opens with an act."""
    span = next((s for s in spans if s.start_char == start), None)
    entry = kb.get(span.id_) if span is not None and span.id_ else None
    if entry is None or entry.kind not in _SUBJECT_KINDS:
        return None
    rest = text_of(doc)[span.end_char:].lstrip()
    if rest.startswith("("):  # the lead's bracket of other names and scripts (the parser splits sentences in it)
        depth = 0
        for i, char in enumerate(rest):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth == 0:
                rest = rest[i + 1:]
                break
    return span if _DEFINED.match(rest) else None


def first_belligerent(doc: Doc, kb: ActorKB) -> tuple[str, ActorEntry] | None:
    """The actor named on the first side's line of an infobox "Belligerents" block (its text and KB entry).

    The line is read word by word against the KB (the longest name first), not through the actor ruler's
    spans: reference marks glued to a name ("Islamic Resistance in Iraq[1]") hide it from the ruler."""
    text = text_of(doc)
    found = _BELLIGERENTS.search(text)
    if found is None:
        return None
    rest = text[found.end():]
    line = _MARKS.sub(" ", rest.lstrip().split("\n", 1)[0])
    sides = [(name, entry) for name, entry in _names(line.split(), kb) if entry.kind not in _NO_SIDE_KINDS]
    if len(sides) > 1 and sides[0][1].kind == "state" and sides[1][1].kind != "state":
        sides = sides[1:]  # "Iraq Islamic Resistance in Iraq": the flag's country, then the side
    return sides[0] if sides else None


def _names(words: list[str], kb: ActorKB) -> list[tuple[str, ActorEntry]]:
    """The actor names in a run of words, left to right, each the longest the KB knows at its place."""
    out, i = [], 0
    while i < len(words):
        for j in range(min(len(words), i + _LONGEST_NAME), i, -1):
            name = " ".join(words[i:j])
            entry = kb.lookup(name)
            if entry is not None:
                out.append((name, entry))
                i = j
                break
        else:
            i += 1
    return out


def box_place(doc: Doc) -> str | None:
    """The first name on the line after an infobox "Location" line ("Al-Asad Airbase" of "Al-Asad Airbase,
    Al Anbar Governorate, Iraq"), or None."""
    found = _LOCATION.search(text_of(doc))
    if found is None:
        return None
    rest = text_of(doc)[found.end():].lstrip()
    name = _MARKS.sub("", rest.split("\n", 1)[0].split(",", 1)[0]).strip(" |")
    return name or None


def box_day(doc: Doc) -> DateSpan | None:
    """The single day of an infobox "Date" line ("Date5 August 2024"), or None (no such line, or a range)."""
    found = _DATE_LINE.search(text_of(doc))
    if found is None:
        return None
    day = normalise(found["value"].strip(), anchor=None)
    if day is None or day.start is None or day.start != day.end:
        return None
    return day
