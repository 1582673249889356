"""Score numeric claims, quotes and explanations against hand-coded gold.

The gold lives in ``tests/gold/numeric_claims.jsonl``, ``quotes.jsonl`` and
``explanations.jsonl`` (guidelines: ``tests/gold/CLAIMS_GUIDELINES.md``). Like
the event gold, a line names its document by the sample file stem and stores
exact substrings instead of offsets: a ``sentence`` (an anchor that occurs
once in the document) and the record's *anchor* text inside it: the number
phrase (``span``) of a numeric claim, the ``content`` of a quote, the
``cause`` of an explanation. Offsets are found in the document text at scoring
time, so the gold survives changes of ingest and sentence splitting.

Matching (one to one, per kind): a system record matches a gold record of the
same document when their anchor character spans overlap; over all
overlapping pairs, the largest overlaps are paired first (ties: gold file
order). Nothing else is required to match, so a wrong category or speaker
costs its field, not the detection.

Field scores follow ``lull.evaluate``: a *gold value* exists when the gold
field is not null, a *system value* when the system filled it in, and a true
positive is a matched pair whose values agree. Precision = TP / system values
(matched or not), recall = TP / gold values. Agreement per field:

- ids (``actor``, ``speaker``, ``proponent``, ...): the same KB id.
- free texts (``speaker_text``, ``role``, ``claimant_text``, ``target_area``,
  ``hedge``): the content words of one are a subset of the other's ("Al-Basri"
  agrees with "Security expert Mohammad Al-Basri"); case and "the"/"of" ignored.
- ``cue``: the first content word of each shares a stem ("pointed out" agrees
  with "points out", "said" with "says").
- ``value``: value, low and high all equal; ``unit``/``rate_per``: equal after
  lowercasing and dropping a plural "s"; ``period``: start and end in the same
  day/week/month/year at the gold precision (an open end must stay open).
- ``parent``: the system claim's parent is the system claim matched to the gold
  parent.
- enums (``qualifier``, ``kind``, ``category``, ``relation``, ``direction``,
  ``stance``): equal.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Generic, TypeVar

from ..errors import ConfigError
from .events import FieldScore, same_at_precision
from ..vocabulary import CauseRelation, Direction, Qualifier
from ..records import (
    Actor,
    DateSpan,
    Document,
    Explanation,
    NumericClaim,
    Quote,
    Span,
)

QUOTE_KINDS = ("direct", "indirect", "post", "statement")
STANCES = ("asserts", "rejects")
NUMERIC_FIELDS = ("claim", "value", "qualifier", "unit", "rate_per", "event_type", "actor", "recipient",
                  "target_area", "period", "parent", "claimant", "claimant_text")
QUOTE_FIELDS = ("quote", "kind", "speaker", "speaker_text", "role", "cue")
EXPLANATION_FIELDS = ("explanation", "category", "relation", "direction", "phenomenon_actor",
                      "phenomenon_recipient", "proponent", "proponent_text", "stance", "hedge")


# --- gold records -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldScope:
    """What a gold number counts (ids, not resolved Actors)."""

    event_type: str | None = None
    mode: str | None = None
    actor: str | None = None
    recipient: str | None = None
    target_area: str | None = None


@dataclass(frozen=True, slots=True)
class GoldNumeric:
    """One hand-coded numeric claim; ``parent`` is the ``span`` of its parent claim in the same document."""

    doc: str
    line: int
    sentence: str
    span: str
    unit: str
    qualifier: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    rate_per: str | None = None
    scope: GoldScope = GoldScope()
    period: DateSpan | None = None
    parent: str | None = None
    claimant: str | None = None
    claimant_text: str | None = None
    occurrence: int = 0
    note: str | None = None

    @property
    def anchor(self) -> str:
        return self.span


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One hand-coded quote; ``content`` may run past the end of ``sentence`` (multi-sentence quotes)."""

    doc: str
    line: int
    sentence: str
    content: str
    kind: str
    speaker: str | None = None
    speaker_text: str | None = None
    role: str | None = None
    cue: str | None = None
    occurrence: int = 0
    note: str | None = None

    @property
    def anchor(self) -> str:
        return self.content


@dataclass(frozen=True, slots=True)
class GoldPhenomenon:
    direction: str
    actor: str | None = None
    recipient: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class GoldExplanation:
    """One hand-coded explanation of a halt, pause, decline, resumption or escalation."""

    doc: str
    line: int
    sentence: str
    cause: str
    category: str
    relation: str
    phenomenon: GoldPhenomenon
    proponent: str | None = None
    proponent_text: str | None = None
    stance: str = "asserts"
    hedge: str | None = None
    occurrence: int = 0
    note: str | None = None

    @property
    def anchor(self) -> str:
        return self.cause


G = TypeVar("G", GoldNumeric, GoldQuote, GoldExplanation)
P = TypeVar("P", NumericClaim, Quote, Explanation)


@dataclass(frozen=True, slots=True)
class ClaimScores(Generic[G, P]):
    """Per-field scores of one kind plus the alignment they came from (for error analysis)."""

    kind: str
    fields: tuple[FieldScore, ...]
    pairs: tuple[tuple[G, P], ...]
    missed: tuple[G, ...]
    spurious: tuple[P, ...]

    def field(self, name: str) -> FieldScore:
        for score in self.fields:
            if score.field == name:
                return score
        raise KeyError(f"no {self.kind} field {name!r}; fields are {', '.join(s.field for s in self.fields)}")


# --- loading ------------------------------------------------------------------------


def _lines(path: Path, required: tuple[str, ...]) -> Iterator[tuple[str, int, dict]]:
    """(where, line number, record) for every non-blank line; malformed lines raise ConfigError."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read gold file {path} ({exc}); check the path.") from None
    for n, text in enumerate(lines, 1):
        if not text.strip():
            continue
        where = f"{path} line {n}"
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{where} is not valid JSON ({exc.msg}); fix the line.") from None
        if not isinstance(record, dict):
            raise ConfigError(f"{where} is not a JSON object; every gold line is one object.")
        missing = [key for key in required if not record.get(key)]
        if missing:
            raise ConfigError(f"{where} lacks {', '.join(missing)}; every line of this file needs "
                              f"{', '.join(required)}.")
        yield where, n, record


def _one_of(where: str, name: str, value: str, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ConfigError(f"{where}: {name} {value!r} is not one of {', '.join(allowed)}; "
                          "see tests/gold/CLAIMS_GUIDELINES.md.")
    return value


def _number(where: str, name: str, value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"{where}: {name} {value!r} is not a number; write a JSON number or null.")
    return float(value)


def _period(where: str, value: dict | None) -> DateSpan | None:
    if value is None:
        return None
    try:
        start, end = value.get("start"), value.get("end")
        return DateSpan(date.fromisoformat(start) if start else None, date.fromisoformat(end) if end else None,
                        value["precision"])
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: bad period ({exc}); write {{start, end, precision}} with ISO days.") from None


def load_numeric_gold(path: Path) -> tuple[GoldNumeric, ...]:
    """Read ``numeric_claims.jsonl``; a malformed line raises ConfigError naming the line and the fix."""
    gold = []
    for where, n, r in _lines(path, ("doc", "sentence", "span", "unit")):
        scope = r.get("scope") or {}
        gold.append(GoldNumeric(
            doc=r["doc"], line=n, sentence=r["sentence"], span=r["span"], unit=r["unit"],
            qualifier=_one_of(where, "qualifier", r.get("qualifier", "exact"), Qualifier),
            value=_number(where, "value", r.get("value")), low=_number(where, "low", r.get("low")),
            high=_number(where, "high", r.get("high")), rate_per=r.get("rate_per"),
            scope=GoldScope(**{k: scope.get(k) for k in ("event_type", "mode", "actor", "recipient", "target_area")}),
            period=_period(where, r.get("period")), parent=r.get("parent"), claimant=r.get("claimant"),
            claimant_text=r.get("claimant_text"), occurrence=int(r.get("occurrence", 0)), note=r.get("note"),
        ))
    _check_parents(path, gold)
    return tuple(gold)


def _check_parents(path: Path, gold: Sequence[GoldNumeric]) -> None:
    spans = {(g.doc, g.span) for g in gold}
    for g in gold:
        if g.parent is not None and (g.doc, g.parent) not in spans:
            raise ConfigError(f"{path} line {g.line}: parent {g.parent!r} is not the span of another claim of "
                              f"{g.doc}; name the parent by its exact span.")


def load_quote_gold(path: Path) -> tuple[GoldQuote, ...]:
    """Read ``quotes.jsonl``; a malformed line raises ConfigError naming the line and the fix."""
    return tuple(
        GoldQuote(
            doc=r["doc"], line=n, sentence=r["sentence"], content=r["content"],
            kind=_one_of(where, "kind", r["kind"], QUOTE_KINDS), speaker=r.get("speaker"),
            speaker_text=r.get("speaker_text"), role=r.get("role"), cue=r.get("cue"),
            occurrence=int(r.get("occurrence", 0)), note=r.get("note"),
        )
        for where, n, r in _lines(path, ("doc", "sentence", "content", "kind"))
    )


def load_explanation_gold(path: Path) -> tuple[GoldExplanation, ...]:
    """Read ``explanations.jsonl``; a malformed line raises ConfigError naming the line and the fix."""
    gold = []
    for where, n, r in _lines(path, ("doc", "sentence", "cause", "category", "phenomenon")):
        ph = r["phenomenon"]
        if not isinstance(ph, dict) or not ph.get("direction"):
            raise ConfigError(f"{where}: phenomenon needs at least a direction; write "
                              "{direction, actor, recipient, text}.")
        gold.append(GoldExplanation(
            doc=r["doc"], line=n, sentence=r["sentence"], cause=r["cause"], category=r["category"],
            relation=_one_of(where, "relation", r.get("relation", "caused"), CauseRelation),
            phenomenon=GoldPhenomenon(_one_of(where, "direction", ph["direction"], Direction),
                                      ph.get("actor"), ph.get("recipient"), ph.get("text")),
            proponent=r.get("proponent"), proponent_text=r.get("proponent_text"),
            stance=_one_of(where, "stance", r.get("stance", "asserts"), STANCES), hedge=r.get("hedge"),
            occurrence=int(r.get("occurrence", 0)), note=r.get("note"),
        ))
    return tuple(gold)


# --- locating and matching ----------------------------------------------------------


def locate_anchor(gold: GoldNumeric | GoldQuote | GoldExplanation, document: Document) -> tuple[Span, Span]:
    """The sentence and anchor spans of a gold record in ``document``'s text.

    The anchor is searched from the sentence start and must start inside the
    sentence (a quote's content may run on past it). Raises ConfigError when
    the sentence is not in the text exactly once or the anchor is not found."""
    where = f"gold line {gold.line} ({gold.doc})"
    count = document.text.count(gold.sentence)
    if count != 1:
        found = "is not" if count == 0 else f"occurs {count} times"
        raise ConfigError(f"{where}: sentence {gold.sentence[:60]!r} {found} in the document text; "
                          "copy the sentence from the ingested text so it occurs once.")
    start = document.text.index(gold.sentence)
    end = start + len(gold.sentence)
    hits = [m.start() for m in re.finditer(re.escape(gold.anchor), document.text[start:])]
    hits = [start + h for h in hits if start + h < end]
    if gold.occurrence >= len(hits):
        raise ConfigError(f"{where}: {gold.anchor[:60]!r} (occurrence {gold.occurrence}) does not start inside "
                          "its sentence; copy it from the text or fix the occurrence index.")
    at = hits[gold.occurrence]
    return (Span(document.id, start, end, gold.sentence),
            Span(document.id, at, at + len(gold.anchor), gold.anchor))


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _align(gold_spans: Sequence[Span], system_spans: Sequence[Span]) -> dict[int, int]:
    """Gold index -> system index, one to one, largest anchor overlaps first."""
    candidates = sorted(
        (-size, gi, pi)
        for gi, g in enumerate(gold_spans)
        for pi, p in enumerate(system_spans)
        if g.doc_id == p.doc_id and (size := _overlap(g, p)) > 0
    )
    chosen: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in candidates:
        if gi not in chosen and pi not in used:
            chosen[gi] = pi
            used.add(pi)
    return chosen


# --- agreement helpers ---------------------------------------------------------------

_STOPWORDS = frozenset({"the", "a", "an", "of", "s", "to"})
_NOT_CUES = frozenset({"as", "also", "in", "has", "have", "had", "was", "were", "is", "he", "she", "they"})
_IRREGULAR = {"said": "say", "says": "say", "wrote": "write", "writes": "write", "told": "tell", "spoke": "speak"}


def _words(text: str | None) -> frozenset[str]:
    """Content words, lowercased, possessives and quotation marks dropped."""
    if not text:
        return frozenset()
    words = re.findall(r"[\w-]+", text.lower().replace("’", "'").replace("'s", ""))
    return frozenset(w for w in words if w not in _STOPWORDS)


def texts_agree(gold: str | None, system: str | None) -> bool:
    """Whether the content words of one text are a subset of the other's (both non-empty)."""
    a, b = _words(gold), _words(system)
    return bool(a and b) and (a <= b or b <= a)


def _cue_stem(text: str) -> str:
    """The first content word of a cue, irregular past forms mapped and one inflection stripped."""
    words = [w for w in re.findall(r"[\w-]+", text.lower()) if w not in _NOT_CUES]
    word = _IRREGULAR.get(words[0], words[0]) if words else ""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not (suffix == "s" and word.endswith("ss")):
            return word[: -len(suffix)]
    return word


def cues_agree(gold: str | None, system: str | None) -> bool:
    """Whether two speech cues share the stem of their first content word ("noted"/"noting", "said"/"says")."""
    if not gold or not system:
        return False
    a, b = _cue_stem(gold), _cue_stem(system)
    return bool(a) and a == b


def _unit(text: str | None) -> str:
    word = (text or "").strip().lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _same_period(gold: DateSpan, system: DateSpan) -> bool:
    """Start and end in the same period at the gold precision; an open gold end needs an open system end."""
    if not same_at_precision(gold, system):
        return False
    if gold.end is None or system.end is None:
        return gold.end is None and system.end is None
    return same_at_precision(DateSpan(gold.end, gold.end, gold.precision), DateSpan(system.end, system.end, "day"))


def _id(actor: Actor | None) -> str | None:
    return actor.id if actor is not None else None


def _always(_: object) -> bool:
    return True


# --- field rules ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Field(Generic[G, P]):
    name: str
    gold_has: Callable[[G], bool]
    pred_has: Callable[[P], bool]
    agree: Callable[[G, P], bool]


def _id_field(name: str, gold_id: Callable, actor: Callable) -> _Field:
    return _Field(name, lambda g: gold_id(g) is not None, lambda p: _id(actor(p)) is not None,
                  lambda g, p: gold_id(g) == _id(actor(p)))


def _text_field(name: str, gold_text: Callable, system_text: Callable) -> _Field:
    return _Field(name, lambda g: bool(gold_text(g)), lambda p: bool(system_text(p)),
                  lambda g, p: texts_agree(gold_text(g), system_text(p)))


def _numbers(x: GoldNumeric | NumericClaim) -> tuple[float | None, float | None, float | None]:
    return tuple(None if v is None else round(float(v), 6) for v in (x.value, x.low, x.high))


def _has_number(x: GoldNumeric | NumericClaim) -> bool:
    return any(v is not None for v in _numbers(x))


_NUMERIC_RULES: tuple[_Field, ...] = (
    _Field("claim", _always, _always, lambda g, p: True),
    _Field("value", _has_number, _has_number, lambda g, p: _numbers(g) == _numbers(p)),
    _Field("qualifier", _always, _always, lambda g, p: g.qualifier == p.qualifier),
    _Field("unit", _always, lambda p: bool(p.unit), lambda g, p: _unit(g.unit) == _unit(p.unit)),
    _Field("rate_per", lambda g: bool(g.rate_per), lambda p: bool(p.rate_per),
           lambda g, p: _unit(g.rate_per) == _unit(p.rate_per)),
    _Field("event_type", lambda g: g.scope.event_type is not None, lambda p: p.scope.event_type is not None,
           lambda g, p: g.scope.event_type == p.scope.event_type),
    _id_field("actor", lambda g: g.scope.actor, lambda p: p.scope.actor),
    _id_field("recipient", lambda g: g.scope.recipient, lambda p: p.scope.recipient),
    _text_field("target_area", lambda g: g.scope.target_area, lambda p: p.scope.target_area),
    _Field("period", lambda g: g.period is not None and g.period.start is not None,
           lambda p: p.period is not None and p.period.start is not None,
           lambda g, p: _same_period(g.period, p.period)),
    # "parent" is scored in score_numeric_claims: agreement needs the whole alignment.
    _id_field("claimant", lambda g: g.claimant, lambda p: p.claimant),
    _text_field("claimant_text", lambda g: g.claimant_text, lambda p: p.claimant_text),
)

_QUOTE_RULES: tuple[_Field, ...] = (
    _Field("quote", _always, _always, lambda g, p: True),
    _Field("kind", _always, _always, lambda g, p: g.kind == p.kind),
    _id_field("speaker", lambda g: g.speaker, lambda p: p.speaker),
    _text_field("speaker_text", lambda g: g.speaker_text, lambda p: p.speaker_text),
    _text_field("role", lambda g: g.role, lambda p: p.role),
    _Field("cue", lambda g: bool(g.cue), lambda p: bool(p.cue), lambda g, p: cues_agree(g.cue, p.cue)),
)

_EXPLANATION_RULES: tuple[_Field, ...] = (
    _Field("explanation", _always, _always, lambda g, p: True),
    _Field("category", _always, _always, lambda g, p: g.category == p.category),
    _Field("relation", _always, _always, lambda g, p: g.relation == p.relation),
    _Field("direction", _always, _always, lambda g, p: g.phenomenon.direction == p.phenomenon.direction),
    _id_field("phenomenon_actor", lambda g: g.phenomenon.actor, lambda p: p.phenomenon.actor),
    _id_field("phenomenon_recipient", lambda g: g.phenomenon.recipient, lambda p: p.phenomenon.recipient),
    _id_field("proponent", lambda g: g.proponent, lambda p: p.proponent),
    _text_field("proponent_text", lambda g: g.proponent_text, lambda p: p.proponent_text),
    _Field("stance", _always, _always, lambda g, p: g.stance == p.stance),
    _text_field("hedge", lambda g: g.hedge, lambda p: p.hedge),
)


# --- scoring ---------------------------------------------------------------------------


def _document(gold: G, documents: Mapping[str, Document]) -> Document:
    try:
        return documents[gold.doc]
    except KeyError:
        raise ConfigError(f"gold line {gold.line} names document {gold.doc!r}, which was not given; "
                          f"pass it among the documents (known: {', '.join(sorted(documents))}).") from None


def _score(kind: str, gold: Sequence[G], predicted: Sequence[P], documents: Mapping[str, Document],
           rules: Sequence[_Field], anchor: Callable[[P], Span]) -> tuple[ClaimScores[G, P], dict[int, int], list[P]]:
    doc_ids = {doc.id for doc in documents.values()}
    system = [p for p in predicted if p.doc_id in doc_ids]
    chosen = _align([locate_anchor(g, _document(g, documents))[1] for g in gold], [anchor(p) for p in system])
    pairs = [(gold[gi], system[pi]) for gi, pi in sorted(chosen.items())]
    fields = tuple(
        FieldScore(
            field=rule.name,
            tp=sum(1 for g, p in pairs if rule.gold_has(g) and rule.pred_has(p) and rule.agree(g, p)),
            predicted=sum(1 for p in system if rule.pred_has(p)),
            gold=sum(1 for g in gold if rule.gold_has(g)),
        )
        for rule in rules
    )
    used = set(chosen.values())
    scores = ClaimScores(kind, fields, tuple(pairs), tuple(g for gi, g in enumerate(gold) if gi not in chosen),
                         tuple(p for pi, p in enumerate(system) if pi not in used))
    return scores, chosen, system


def score_numeric_claims(gold: Sequence[GoldNumeric], predicted: Sequence[NumericClaim],
                         documents: Mapping[str, Document]) -> ClaimScores[GoldNumeric, NumericClaim]:
    """Precision/recall/F1 per field (``NUMERIC_FIELDS``) of ``predicted`` against ``gold``.

    ``documents`` maps each gold document key to its Document; claims of other
    documents are ignored."""
    scores, chosen, system = _score("numeric", gold, predicted, documents, _NUMERIC_RULES, lambda c: c.span)
    matched = {id(gold[gi]): system[pi] for gi, pi in chosen.items()}
    by_span = {(g.doc, g.span): g for g in gold}

    def parent_agrees(g: GoldNumeric, p: NumericClaim) -> bool:
        expected = matched.get(id(by_span[(g.doc, g.parent)]))
        return expected is not None and expected.id == p.parent_id

    parent = FieldScore(
        field="parent",
        tp=sum(1 for g, p in scores.pairs if g.parent and p.parent_id and parent_agrees(g, p)),
        predicted=sum(1 for p in system if p.parent_id),
        gold=sum(1 for g in gold if g.parent),
    )
    fields = {score.field: score for score in (*scores.fields, parent)}
    return ClaimScores(scores.kind, tuple(fields[name] for name in NUMERIC_FIELDS), scores.pairs, scores.missed,
                       scores.spurious)


def score_quotes(gold: Sequence[GoldQuote], predicted: Sequence[Quote],
                 documents: Mapping[str, Document]) -> ClaimScores[GoldQuote, Quote]:
    """Precision/recall/F1 per field (``QUOTE_FIELDS``) of ``predicted`` against ``gold``."""
    return _score("quotes", gold, predicted, documents, _QUOTE_RULES, lambda q: q.content)[0]


def score_explanations(gold: Sequence[GoldExplanation], predicted: Sequence[Explanation],
                       documents: Mapping[str, Document]) -> ClaimScores[GoldExplanation, Explanation]:
    """Precision/recall/F1 per field (``EXPLANATION_FIELDS``) of ``predicted`` against ``gold``."""
    return _score("explanations", gold, predicted, documents, _EXPLANATION_RULES, lambda e: e.cause)[0]
