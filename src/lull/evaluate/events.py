"""Score event mentions against hand-coded gold (``tests/gold/events.jsonl``).

Gold lines name their document by a key (the sample file stem) and locate the
trigger by an exact sentence substring, so the gold survives changes of
sentence splitting and of document ids. ``score_events`` resolves both against
the ``Document`` texts, matches system mentions to gold mentions one to one,
and returns precision/recall/F1 per field.

Matching rule (one to one, two rounds):

1. *Trigger overlap*: a system mention matches a gold mention of the same
   document when their trigger character spans overlap (gold mentions in file
   order). Among several, the one of the same type wins, then the larger overlap.
2. *Same sentence, same type*: a gold mention still unmatched takes an
   unmatched system mention of the same type whose trigger starts inside the
   gold sentence, closest pairs of triggers first over all such pairs. This
   forgives a different choice of trigger word for the same clause ("killed"
   vs "attack" in "killed in an attack") without rewarding a wrong type.

Field scores. For each field, a *gold value* exists when the gold field is not
null and a *system value* exists when the system filled it in; a true positive
is a matched pair whose values agree. Precision = TP / system values (matched
or not), recall = TP / gold values. So a system value on a mention the gold
leaves null counts against precision only. Agreement per field:

- ``mention``: any matched pair; ``type``: same PLOVER type; ``type+mode``:
  same type and same mode (``None`` equals ``None``); ``modality``: same modality.
- ``actor`` / ``recipient``: the gold id is among the system's actor ids
  (exact ids, no KB ancestry; actors without a KB id are not system values).
- ``place``: system coordinates within 25 km of the gold coordinates
  (a place without coordinates is not a system value).
- ``date``: the starts fall in the same day/ISO week/month/year/decade at the
  *gold* precision (season compares years); spans without a start are not values.
- ``fatalities``: equal integers.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import ConfigError
from ..vocabulary import Modality, choices, member
from ..records import Actor, DateSpan, Document, Mention, Place, Span

PLACE_TOLERANCE_KM = 25.0
FIELDS = ("mention", "type", "type+mode", "modality", "actor", "recipient", "place", "date", "fatalities")
_REQUIRED = ("doc", "sentence", "trigger", "type", "modality")


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One hand-coded event mention; ``line`` is its 1-based line in the gold file."""

    doc: str
    line: int
    sentence: str
    trigger: str
    type: str
    modality: str
    occurrence: int = 0  # which whole-word occurrence of ``trigger`` in ``sentence``
    mode: str | None = None
    actor: str | None = None
    recipient: str | None = None
    place: Place | None = None
    date: DateSpan | None = None
    weapon: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class FieldScore:
    """True positives, system values and gold values of one field."""

    field: str
    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class EventScores:
    """Per-field scores plus the alignment they came from (for error analysis)."""

    fields: tuple[FieldScore, ...]
    pairs: tuple[tuple[GoldMention, Mention], ...]
    missed: tuple[GoldMention, ...]
    spurious: tuple[Mention, ...]

    def field(self, name: str) -> FieldScore:
        for score in self.fields:
            if score.field == name:
                return score
        raise KeyError(f"no field {name!r}; fields are {', '.join(FIELDS)}")


# --- loading ----------------------------------------------------------------------


def load_gold(path: Path) -> tuple[GoldMention, ...]:
    """Read a gold JSONL file; a malformed line raises ConfigError naming the line and the fix."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read gold file {path} ({exc}); check the path.") from None
    return tuple(_gold_line(path, n, text) for n, text in enumerate(lines, 1) if text.strip())


def _gold_line(path: Path, n: int, text: str) -> GoldMention:
    where = f"{path} line {n}"
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{where} is not valid JSON ({exc.msg}); fix the line.") from None
    missing = [key for key in _REQUIRED if not record.get(key)]
    if missing:
        raise ConfigError(f"{where} lacks {', '.join(missing)}; every gold line needs {', '.join(_REQUIRED)}.")
    if member(Modality, record["modality"]) is None:
        raise ConfigError(f"{where}: modality {record['modality']!r} is not one of {choices(Modality)}.")
    try:
        return GoldMention(
            doc=record["doc"], line=n, sentence=record["sentence"], trigger=record["trigger"],
            type=record["type"], modality=record["modality"], occurrence=int(record.get("occurrence", 0)),
            mode=record.get("mode"), actor=record.get("actor"), recipient=record.get("recipient"),
            place=_gold_place(record.get("place")), date=_gold_date(record.get("date")),
            weapon=record.get("weapon"), fatalities=record.get("fatalities"),
            injuries=record.get("injuries"), note=record.get("note"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: bad place or date ({exc}); see tests/gold/README.md for the record.") from None


def _gold_place(value: dict | None) -> Place | None:
    if value is None:
        return None
    return Place(text=value["name"], name=value["name"], lat=float(value["lat"]), lon=float(value["lon"]),
                 precision=int(value["precision"]))


def _gold_date(value: dict | None) -> DateSpan | None:
    if value is None:
        return None
    start, end = value.get("start"), value.get("end")
    return DateSpan(date.fromisoformat(start) if start else None, date.fromisoformat(end) if end else None,
                    value["precision"])


# --- locating and matching --------------------------------------------------------


def locate(gold: GoldMention, document: Document) -> tuple[Span, Span]:
    """The sentence and trigger spans of a gold mention in ``document``'s text.

    Raises ConfigError when the sentence is not in the text exactly once or the
    trigger occurrence is not in the sentence (the gold or the ingest changed)."""
    where = f"gold line {gold.line} ({gold.doc})"
    count = document.text.count(gold.sentence)
    if count != 1:
        found = "is not" if count == 0 else f"occurs {count} times"
        raise ConfigError(f"{where}: sentence {gold.sentence[:60]!r} {found} in the document text; "
                          "copy the sentence from the ingested text so it occurs once.")
    start = document.text.index(gold.sentence)
    hits = list(re.finditer(rf"(?<!\w){re.escape(gold.trigger)}(?!\w)", gold.sentence))
    if gold.occurrence >= len(hits):
        raise ConfigError(f"{where}: trigger {gold.trigger!r} occurrence {gold.occurrence} is not in its sentence; "
                          "fix the trigger or the occurrence index.")
    hit = hits[gold.occurrence]
    sentence = Span(document.id, start, start + len(gold.sentence), gold.sentence)
    return sentence, Span(document.id, start + hit.start(), start + hit.end(), gold.trigger)


def match_mentions(
    gold: Sequence[GoldMention], predicted: Sequence[Mention], documents: Mapping[str, Document]
) -> tuple[list[tuple[GoldMention, Mention]], list[GoldMention], list[Mention]]:
    """Align gold and system mentions by the rule in the module docstring: (pairs, missed, spurious).

    Only system mentions of the given documents take part; ``documents`` maps
    each gold key to its Document."""
    doc_ids = {doc.id for doc in documents.values()}
    candidates = [m for m in predicted if m.doc_id in doc_ids]
    located = [(g, *locate(g, _document(g, documents))) for g in gold]
    chosen: dict[int, int] = {}  # gold index -> candidate index
    used: set[int] = set()
    for gi, (g, _, trigger) in enumerate(located):
        overlaps = {pi: _overlap(trigger, m.trigger) for pi, m in enumerate(candidates)
                    if m.doc_id == trigger.doc_id and pi not in used}
        options = [pi for pi, size in overlaps.items() if size > 0]
        if options:
            chosen[gi] = max(options, key=lambda pi: (candidates[pi].type == g.type, overlaps[pi]))
            used.add(chosen[gi])
    nearby = sorted(
        (abs(m.trigger.start - trigger.start), gi, pi)
        for gi, (g, sentence, trigger) in enumerate(located) if gi not in chosen
        for pi, m in enumerate(candidates)
        if pi not in used and m.doc_id == sentence.doc_id and m.type == g.type
        and sentence.start <= m.trigger.start < sentence.end
    )
    for _, gi, pi in nearby:
        if gi not in chosen and pi not in used:
            chosen[gi] = pi
            used.add(pi)
    pairs = [(located[gi][0], candidates[pi]) for gi, pi in sorted(chosen.items())]
    missed = [g for gi, (g, _, _) in enumerate(located) if gi not in chosen]
    spurious = [m for pi, m in enumerate(candidates) if pi not in used]
    return pairs, missed, spurious


def _document(gold: GoldMention, documents: Mapping[str, Document]) -> Document:
    try:
        return documents[gold.doc]
    except KeyError:
        raise ConfigError(f"gold line {gold.line} names document {gold.doc!r}, which was not given; "
                          f"pass it among the documents (known: {', '.join(sorted(documents))}).") from None


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


# --- scoring ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    gold_has: Callable[[GoldMention], bool]
    pred_has: Callable[[Mention], bool]
    agree: Callable[[GoldMention, Mention], bool]


def _always(_: object) -> bool:
    return True


def _ids(actors: Iterable[Actor]) -> set[str]:
    return {a.id for a in actors if a.id}


def _has_coordinates(place: Place | None) -> bool:
    return place is not None and place.lat is not None and place.lon is not None


def km_between(a: Place, b: Place) -> float:
    """Great-circle distance in km between two places with coordinates (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def same_at_precision(gold: DateSpan, other: DateSpan) -> bool:
    """Whether ``other`` starts in the same period as ``gold`` at the gold precision."""
    a, b = gold.start, other.start
    if a is None or b is None:
        return False
    if gold.precision == "day":
        return a == b
    if gold.precision == "week":
        return a.isocalendar()[:2] == b.isocalendar()[:2]
    if gold.precision == "month":
        return (a.year, a.month) == (b.year, b.month)
    if gold.precision == "decade":
        return a.year // 10 == b.year // 10
    return a.year == b.year  # year, season


_FIELD_RULES = (
    _Field("mention", _always, _always, lambda g, m: True),
    _Field("type", _always, _always, lambda g, m: g.type == m.type),
    _Field("type+mode", _always, _always, lambda g, m: g.type == m.type and g.mode == m.mode),
    _Field("modality", _always, _always, lambda g, m: g.modality == m.modality),
    _Field("actor", lambda g: g.actor is not None, lambda m: bool(_ids(m.actors)),
           lambda g, m: g.actor in _ids(m.actors)),
    _Field("recipient", lambda g: g.recipient is not None, lambda m: bool(_ids(m.recipients)),
           lambda g, m: g.recipient in _ids(m.recipients)),
    _Field("place", lambda g: g.place is not None, lambda m: _has_coordinates(m.place),
           lambda g, m: km_between(g.place, m.place) <= PLACE_TOLERANCE_KM),
    _Field("date", lambda g: g.date is not None and g.date.start is not None,
           lambda m: m.date is not None and m.date.start is not None,
           lambda g, m: same_at_precision(g.date, m.date)),
    _Field("fatalities", lambda g: g.fatalities is not None, lambda m: m.fatalities is not None,
           lambda g, m: g.fatalities == m.fatalities),
)


def score_events(
    gold: Sequence[GoldMention], predicted: Sequence[Mention], documents: Mapping[str, Document]
) -> EventScores:
    """Precision/recall/F1 per field of ``predicted`` against ``gold`` (see the module docstring).

    ``documents`` maps each gold document key to its Document; system mentions
    of other documents are ignored."""
    pairs, missed, spurious = match_mentions(gold, predicted, documents)
    doc_ids = {doc.id for doc in documents.values()}
    system = [m for m in predicted if m.doc_id in doc_ids]
    scores = tuple(
        FieldScore(
            field=rule.name,
            tp=sum(1 for g, m in pairs if rule.gold_has(g) and rule.pred_has(m) and rule.agree(g, m)),
            predicted=sum(1 for m in system if rule.pred_has(m)),
            gold=sum(1 for g in gold if rule.gold_has(g)),
        )
        for rule in _FIELD_RULES
    )
    return EventScores(scores, tuple(pairs), tuple(missed), tuple(spurious))


def documents_by_stem(documents: Iterable[Document]) -> dict[str, Document]:
    """Key documents the way the gold does: by the file stem of their locator ("003_598a116db1f97239")."""
    return {Path(doc.locator).stem: doc for doc in documents}
