"""Score lull against gold-dev (``$LULL_SHARED/gold-dev``): 46 texts coded by others, in the hidden set's scheme.

This follows the "How to score" section of ``gold-dev/README.md``; the
in-sample scorers (``evaluate.events``, ``evaluate.claims``) keep scoring the
samples' own gold. What differs is the gold (offsets into the raw file,
canonical names, partial dates) and the alignment, which is by *content* here:

- every kind is aligned one to one within a document with the Hungarian
  algorithm (``linking.assign``): first the most pairs, then the preferred ones;
- **events**: a candidate pair has the system sentence (or trigger) overlapping
  the gold ``quote`` and the system type equal to the gold ``type`` or
  ``alt_type``; preferred: trigger inside the quote, exact type, larger overlap;
- **claims**: equal ``value`` (ranges and vague amounts on ``low``/``high``);
  preferred: overlapping spans, then nearby;
- **explanations**: the system category (mapped, see below) equals the gold
  ``category`` or ``alt_category``; preferred: overlapping sentence, then nearby.
  The strict line re-aligns also requiring the proponent and the phenomenon direction;
- **quotes**: the same speaker, and overlapping spans unless the speaker has one
  quote in the document on both sides. A second line aligns by span alone.

Gold offsets index the raw ``NNN.txt``; ingest normalises whitespace and drops
boilerplate lines, so ``offset_map`` carries them into the stored text.

Field agreement (each share is over aligned pairs whose gold value is not null):

- ``actor``/``recipient``: the ``"; "`` parts as a set equal the system's canonical names
  (``data/gold_dev_names.yaml`` maps KB ids; unmapped ids use the KB name, actors without an id their text);
- ``date``: ``date_right``: the system span lies inside the gold span with one day of slack at each end
  (a day is within one day; an "on or before X" gold has an open start; ``--MM-DD`` bounds compare month
  and day only); ``period`` (claims): both gold bounds matched within a day; explanations: the start;
- ``place``: within 50 km of the gold point; where the gold has no point, the names agree (content words);
- ``claimant``/``proponent``: ``outlet`` is the system's ``None`` (the outlet's own voice);
- full row: type (or alt_type), actor, recipient (null equals empty) and modality all right.
"""
from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..errors import ConfigError
from ..records import Actor, DateSpan, Document, Explanation, Mention, NumericClaim, Place, Quote, Span
from .claims import texts_agree
from .events import FieldScore, km_between
from .linking import LinkingScores, assign, score_linking
from .linking_errors import LinkingError, linking_errors

PLACE_TOLERANCE_KM = 50.0
DATE_SLACK = timedelta(days=1)
_BIG = 1000.0  # alignment weight of a candidate pair; preferences add less than 1


# --- the vocabulary map -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """lull's ids and words -> the gold's (``data/gold_dev_names.yaml``)."""

    actors: Mapping[str, str] = field(default_factory=dict)
    units: Mapping[str, str] = field(default_factory=dict)
    categories: Mapping[str, str] = field(default_factory=dict)
    qualifiers: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> "Vocabulary":
        from ..datafiles import bundled, read_yaml

        path = path or bundled("gold_dev_names.yaml")
        data = read_yaml(path, what="gold-dev vocabulary map")
        if not isinstance(data, dict):
            raise ConfigError(f"{path} must be a mapping with actors, units, categories and qualifiers.")
        return cls(**{k: {str(a): str(b) for a, b in (data.get(k) or {}).items()}
                      for k in ("actors", "units", "categories", "qualifiers")})

    def name(self, actor: Actor) -> str:
        if actor.id:
            return self.actors.get(actor.id) or actor.name or actor.text
        return actor.text

    def names(self, actors: Iterable[Actor | None]) -> frozenset[str]:
        return frozenset(self.name(a) for a in actors if a is not None)

    def unit(self, unit: str | None) -> str:
        word = (unit or "").strip().lower().replace(" ", "_")
        word = self.units.get(word, word).lower()
        return word[:-1] if word.endswith("s") and not word.endswith("ss") else word

    def category(self, category: str) -> str:
        return self.categories.get(category, category)

    def qualifier(self, qualifier: str) -> str:
        return self.qualifiers.get(qualifier, qualifier)


def parts(value: str | None) -> frozenset[str]:
    """The ``"; "``-joined parts of a gold name field (empty for null)."""
    return frozenset(p.strip() for p in (value or "").split(";") if p.strip())


# --- gold ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Gold:
    """One gold-dev row: its kind (events, claims, explanations, quotes), the raw record and its stored span."""

    kind: str
    id: str
    doc: str
    record: Mapping
    span: Span | None  # the gold quote in the stored document text (None: not found there)

    def __getitem__(self, key: str):
        return self.record.get(key)


KINDS = ("events", "claims", "explanations", "quotes")


def load_gold(gold_dir: Path, kind: str) -> list[dict]:
    """The rows of ``<gold_dir>/<kind>.jsonl``; a bad line raises ConfigError naming it."""
    path = gold_dir / f"{kind}.jsonl"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read gold file {path} ({exc}); set LULL_SHARED to the shared folder.") from None
    rows = []
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ConfigError(f"{path} line {n} is not valid JSON ({exc.msg}); fix the line.") from None
    return rows


def offset_map(raw: str, stored: str) -> list[int]:
    """For each offset 0..len(raw) of the raw text, the corresponding offset in the stored (normalised) text."""
    mapping = [0] * (len(raw) + 1)
    matcher = difflib.SequenceMatcher(None, raw, stored, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(i1, i2):
            mapping[k] = j1 + (k - i1 if tag == "equal" else min(k - i1, j2 - j1))
    mapping[len(raw)] = len(stored)
    return mapping


def place_gold(rows: Sequence[Mapping], kind: str, raws: Mapping[str, str],
               documents: Mapping[str, Document]) -> list[Gold]:
    """Gold rows with their spans carried into the stored texts (``raws``/``documents`` keyed by gold doc id)."""
    maps: dict[str, list[int]] = {}
    placed = []
    for r in rows:
        doc = documents.get(r["doc"])
        span = None
        if doc is not None:
            if r["doc"] not in maps:
                maps[r["doc"]] = offset_map(raws[r["doc"]], doc.text)
            m = maps[r["doc"]]
            start, end = m[min(r["start"], len(m) - 1)], m[min(r["end"], len(m) - 1)]
            if end > start:
                span = Span(doc.id, start, end, doc.text[start:end])
        placed.append(Gold(kind, r["id"], r["doc"], r, span))
    return placed


# --- dates ------------------------------------------------------------------------------------

Bound = tuple[int | None, int, int]  # (year or None for --MM-DD, month, day)


def parse_bound(text: str | None) -> Bound | None:
    """``"2024-01-28"`` -> (2024, 1, 28); ``"--03-23"`` -> (None, 3, 23); null -> None."""
    if not text:
        return None
    if text.startswith("--"):
        month, day = text[2:].split("-")
        return (None, int(month), int(day))
    d = date.fromisoformat(text)
    return (d.year, d.month, d.day)


def _md(bound: Bound) -> date:
    """The bound's month and day in a leap year (the only comparison a year-less bound allows)."""
    return date(2000, bound[1], bound[2])


def _as_date(bound: Bound) -> date:
    return date(bound[0], bound[1], bound[2])  # type: ignore[arg-type]


def _gap(system: Bound, gold: Bound) -> int:
    """Days from ``gold`` to ``system``: by month and day when either has no year."""
    if system[0] is None or gold[0] is None:
        return (_md(system) - _md(gold)).days
    return (_as_date(system) - _as_date(gold)).days


def _system_bound(system: DateSpan, end: bool) -> Bound | None:
    """One end of a system span as a ``Bound`` (a partial end has no year)."""
    known = system.end if end else system.start
    if known is not None:
        return (known.year, known.month, known.day)
    md = system.end_md if end else system.start_md
    return (None, md[0], md[1]) if md is not None else None


def _years_admit(system: DateSpan, gold: Bound) -> bool:
    """A year-less system bound is right for a dated gold bound only if that year is in the span's year range."""
    low, high = system.years
    return gold[0] is None or ((low is None or gold[0] >= low) and (high is None or gold[0] <= high))


def _near(bound: Bound, system: Bound) -> bool:
    return abs(_gap(system, bound)) <= 1


def date_right(gold_start: str | None, gold_end: str | None, system: DateSpan | None) -> bool:
    """Whether the system span lies inside the gold span, one day of slack at each end (see module doc).

    A year-less bound on either side (gold ``--MM-DD``, or a partial system span) is compared on month
    and day; a partial system bound against a dated gold bound also needs that year in its year range."""
    lo, hi = parse_bound(gold_start), parse_bound(gold_end)
    if (lo is None and hi is None) or system is None:
        return False
    first, last = _system_bound(system, end=False), _system_bound(system, end=True)
    if first is None and last is None:
        return False
    slack = DATE_SLACK.days
    if lo is not None and (first is None or _gap(first, lo) < -slack
                           or (first[0] is None and not _years_admit(system, lo))):
        return False
    if hi is not None and (last is None or _gap(last, hi) > slack
                           or (last[0] is None and not _years_admit(system, hi))):
        return False
    return True


def period_right(gold_start: str | None, gold_end: str | None, system: DateSpan | None) -> bool:
    """Whether each stated bound of a gold period has a system bound within one day (month-day for ``--MM-DD``)."""
    lo, hi = parse_bound(gold_start), parse_bound(gold_end)
    if lo is None and hi is None or system is None:
        return False
    first, last = _system_bound(system, end=False), _system_bound(system, end=True)
    if lo is not None and (first is None or not _near(lo, first)):
        return False
    if hi is not None and (last is None or not _near(hi, last)):
        return False
    return True


# --- shares and F1 ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Share:
    """``right`` of ``total`` aligned pairs (those with a gold value)."""

    right: int
    total: int

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0


def _detection(tp: int, system: int, gold: int) -> FieldScore:
    """Pairs found, system records, gold records, as P/R/F1."""
    return FieldScore("detection", tp, system, gold)


@dataclass(frozen=True, slots=True)
class FieldCheck:
    """One field of one aligned pair: whether it is scored (gold not null), right, and both values."""

    field: str
    right: bool
    gold: object
    system: object


@dataclass(frozen=True, slots=True)
class Pair:
    gold: Gold
    system: object
    checks: tuple[FieldCheck, ...]

    def wrong(self) -> tuple[FieldCheck, ...]:
        return tuple(c for c in self.checks if not c.right)


@dataclass(frozen=True, slots=True)
class KindScores:
    """The alignment of one kind and what was measured on it."""

    kind: str
    detection: FieldScore
    pairs: tuple[Pair, ...]
    missed: tuple[Gold, ...]
    spurious: tuple[object, ...]
    shares: Mapping[str, Share]
    extra: Mapping[str, FieldScore] = field(default_factory=dict)  # stricter or looser P/R/F1 lines


def _shares(pairs: Sequence[Pair], fields: Sequence[str]) -> dict[str, Share]:
    out = {}
    for name in fields:
        checks = [c for p in pairs for c in p.checks if c.field == name]
        out[name] = Share(sum(c.right for c in checks), len(checks))
    return out


def _overlap(a: Span | None, b: Span | None) -> int:
    if a is None or b is None or a.doc_id != b.doc_id:
        return 0
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _distance(a: Span | None, b: Span | None) -> int:
    if a is None or b is None:
        return 10**6
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def align(gold: Sequence[Gold], system: Sequence, doc_of: Callable[[object], str],
          preference: Callable[[Gold, object], float | None]) -> tuple[list[tuple[Gold, object]], list[Gold], list]:
    """One-to-one alignment per document: the most candidate pairs, then the highest preferences.

    ``preference`` is None for a pair that is not a candidate, else a number in [0, 1)."""
    pairs: list[tuple[Gold, object]] = []
    by_doc: dict[str, tuple[list[Gold], list]] = {}
    for g in gold:
        by_doc.setdefault(g.span.doc_id if g.span else f"?{g.doc}", ([], []))[0].append(g)
    for s in system:
        by_doc.setdefault(doc_of(s), ([], []))[1].append(s)
    used_gold, used_system = set(), set()
    for golds, systems in by_doc.values():
        weights = []
        for g in golds:
            row = []
            for s in systems:
                p = preference(g, s) if g.span is not None else None
                row.append(0.0 if p is None else _BIG + min(max(p, 0.0), 0.999))
            weights.append(row)
        for gi, si in assign(weights):
            pairs.append((golds[gi], systems[si]))
            used_gold.add(id(golds[gi]))
            used_system.add(id(systems[si]))
    order = {id(g): n for n, g in enumerate(gold)}
    pairs.sort(key=lambda pair: order[id(pair[0])])
    return pairs, [g for g in gold if id(g) not in used_gold], [s for s in system if id(s) not in used_system]


# --- events -------------------------------------------------------------------------------

EVENT_FIELDS = ("actor", "recipient", "modality", "date", "place", "place (gold points)", "mode", "fatalities",
                "aggregate")


def _types(g: Gold) -> set[str]:
    return {t for t in (g["type"], g["alt_type"]) if t}


def _event_preference(g: Gold, m: Mention) -> float | None:
    if m.type not in _types(g):
        return None
    sentence, trigger = _overlap(g.span, m.sentence), _overlap(g.span, m.trigger)
    if not sentence and not trigger:
        return None
    inside = 0.5 if trigger else 0.0
    exact = 0.25 if m.type == g["type"] else 0.0
    closeness = 0.2 / (1 + _distance(g.span, m.trigger))
    return inside + exact + closeness + 0.04 * sentence / max(1, len(g.span.text))


def place_right(g: Gold, place: Place | None) -> bool:
    if place is None:
        return False
    if g["lat"] is not None and g["lon"] is not None:
        if place.lat is None or place.lon is None:
            return False
        return km_between(Place(text="", lat=g["lat"], lon=g["lon"]), place) <= PLACE_TOLERANCE_KM
    return texts_agree(g["place"], place.text) or texts_agree(g["place"], place.name)


def _place_text(name: str | None, lat: float | None, lon: float | None) -> str:
    return f"{name}" + (f" [{lat:.2f},{lon:.2f}]" if lat is not None and lon is not None else "")


def event_checks(g: Gold, m: Mention, vocab: Vocabulary) -> tuple[FieldCheck, ...]:
    checks = []
    if g["actor"]:
        got = vocab.names(m.actors)
        checks.append(FieldCheck("actor", got == parts(g["actor"]), g["actor"], "; ".join(sorted(got)) or None))
    if g["recipient"]:
        got = vocab.names(m.recipients)
        checks.append(FieldCheck("recipient", got == parts(g["recipient"]), g["recipient"],
                                 "; ".join(sorted(got)) or None))
    checks.append(FieldCheck("modality", m.modality == g["modality"], g["modality"], m.modality))
    if g["date_start"] or g["date_end"]:
        checks.append(FieldCheck("date", date_right(g["date_start"], g["date_end"], m.date),
                                 f"{g['date_start'] or '..'}/{g['date_end'] or '..'} ({g['date_precision']})",
                                 m.date.iso() + f" ({m.date.precision})" if m.date else None))
    if g["place"] or g["lat"] is not None:
        got = None if m.place is None else _place_text(m.place.name or m.place.text, m.place.lat, m.place.lon)
        want = _place_text(g["place"], g["lat"], g["lon"])
        right = place_right(g, m.place)
        checks.append(FieldCheck("place", right, want, got))
        if g["lat"] is not None:
            checks.append(FieldCheck("place (gold points)", right, want, got))
    if g["mode"]:
        checks.append(FieldCheck("mode", m.mode == g["mode"], g["mode"], m.mode))
    if g["fatalities"] is not None:
        checks.append(FieldCheck("fatalities", m.fatalities == g["fatalities"], g["fatalities"], m.fatalities))
    if g["aggregate"] is not None:
        checks.append(FieldCheck("aggregate", m.aggregate == g["aggregate"], g["aggregate"], m.aggregate))
    return tuple(checks)


def full_row_right(g: Gold, m: Mention, vocab: Vocabulary) -> bool:
    """Type (or alt_type), actor, recipient (null = empty) and modality all right."""
    return (m.type in _types(g) and vocab.names(m.actors) == parts(g["actor"])
            and vocab.names(m.recipients) == parts(g["recipient"]) and m.modality == g["modality"])


@dataclass(frozen=True, slots=True)
class EventResult:
    scores: KindScores
    full_row: FieldScore
    core: KindScores
    core_full_row: FieldScore
    linking: LinkingScores
    linked_items: Mapping[Hashable, tuple[str, str]]  # gold id -> (gold cluster, system cluster)


def score_events(gold: Sequence[Gold], mentions: Sequence[Mention], event_of: Mapping[str, str],
                 vocab: Vocabulary) -> EventResult:
    """Events: detection, field shares, full row, the ``scope: core`` subset and cross-document linking.

    ``event_of`` maps a mention id to its lull event id (mentions in no event are singletons)."""
    aligned, missed, spurious = align(gold, mentions, lambda m: m.doc_id, _event_preference)
    pairs = tuple(Pair(g, m, event_checks(g, m, vocab)) for g, m in aligned)
    scores = KindScores("events", _detection(len(pairs), len(mentions), len(gold)), pairs, tuple(missed),
                        tuple(spurious), _shares(pairs, EVENT_FIELDS))
    full = _detection(sum(full_row_right(p.gold, p.system, vocab) for p in pairs), len(mentions), len(gold))
    core_gold = [g for g in gold if g["scope"] == "core"]
    core_pairs = tuple(p for p in pairs if p.gold["scope"] == "core")
    # precision on the core subset: system mentions aligned to peripheral gold are left out of the count
    core_system = len(mentions) - (len(pairs) - len(core_pairs))
    core = KindScores("events (core)", _detection(len(core_pairs), core_system, len(core_gold)), core_pairs,
                      tuple(g for g in missed if g["scope"] == "core"), (), _shares(core_pairs, EVENT_FIELDS))
    core_full = _detection(sum(full_row_right(p.gold, p.system, vocab) for p in core_pairs), core_system,
                          len(core_gold))
    gold_key = {p.gold.id: p.gold["same_as"] or f"gold:{p.gold.id}" for p in pairs}
    system_key = {p.gold.id: event_of.get(p.system.id, f"mention:{p.system.id}") for p in pairs}
    linking = score_linking(gold_key, system_key)
    return EventResult(scores, full, core, core_full, linking,
                       {k: (gold_key[k], system_key[k]) for k in gold_key})


# --- claims ---------------------------------------------------------------------------------

CLAIM_FIELDS = ("unit", "qualifier", "period", "claimant")


def _num(x: float | int | None) -> float | None:
    return None if x is None else round(float(x), 6)


def numbers_agree(g: Gold, c: NumericClaim) -> bool:
    """The gold value equals the system's; a gold range or vague amount matches on low/high."""
    value, low, high = _num(g["value"]), _num(g["low"]), _num(g["high"])
    s_value, s_low, s_high = _num(c.value), _num(c.low), _num(c.high)
    if value is not None:
        return s_value == value or (s_value is None and s_low == value and s_high is None)
    if low is None and high is None:
        return False
    return (s_low, s_high) == (low, high) or (high is None and s_value == low)


def _claim_preference(g: Gold, c: NumericClaim) -> float | None:
    if not numbers_agree(g, c):
        return None
    return 0.5 * bool(_overlap(g.span, c.span)) + 0.4 / (1 + _distance(g.span, c.span))


def _speaker_right(gold_name: str | None, actor: Actor | None, text: str | None, vocab: Vocabulary) -> bool:
    if gold_name == "outlet":
        return actor is None and not text
    if actor is not None and vocab.name(actor) in parts(gold_name):
        return True
    return texts_agree(gold_name, text)


def _who(actor: Actor | None, text: str | None, vocab: Vocabulary) -> str:
    if actor is None and not text:
        return "outlet"
    return vocab.name(actor) if actor is not None else str(text)


def claim_checks(g: Gold, c: NumericClaim, vocab: Vocabulary) -> tuple[FieldCheck, ...]:
    checks = [
        FieldCheck("unit", vocab.unit(c.unit) == vocab.unit(g["unit"]), g["unit"], c.unit),
        FieldCheck("qualifier", vocab.qualifier(c.qualifier) == g["qualifier"], g["qualifier"], c.qualifier),
    ]
    if g["period_start"] or g["period_end"]:
        checks.append(FieldCheck("period", period_right(g["period_start"], g["period_end"], c.period),
                                 f"{g['period_start'] or '..'}/{g['period_end'] or '..'}",
                                 c.period.iso() if c.period else None))
    if g["claimant"]:
        checks.append(FieldCheck("claimant", _speaker_right(g["claimant"], c.claimant, c.claimant_text, vocab),
                                 g["claimant"], _who(c.claimant, c.claimant_text, vocab)))
    return tuple(checks)


def score_claims(gold: Sequence[Gold], claims: Sequence[NumericClaim], vocab: Vocabulary) -> KindScores:
    aligned, missed, spurious = align(gold, claims, lambda c: c.doc_id, _claim_preference)
    pairs = tuple(Pair(g, c, claim_checks(g, c, vocab)) for g, c in aligned)
    return KindScores("claims", _detection(len(pairs), len(claims), len(gold)), pairs, tuple(missed),
                      tuple(spurious), _shares(pairs, CLAIM_FIELDS))


# --- explanations ------------------------------------------------------------------------------

EXPLANATION_FIELDS = ("direction", "proponent", "stance", "period", "phenomenon_actor")


def _categories(g: Gold) -> set[str]:
    return {c for c in (g["category"], g["alt_category"]) if c}


def _explanation_preference(vocab: Vocabulary, strict: bool) -> Callable[[Gold, Explanation], float | None]:
    def preference(g: Gold, e: Explanation) -> float | None:
        if vocab.category(e.category) not in _categories(g):
            return None
        if strict and not (e.phenomenon.direction == g["phenomenon"]
                           and _speaker_right(g["proponent"], e.proponent, e.proponent_text, vocab)):
            return None
        return 0.5 * bool(_overlap(g.span, e.sentence)) + 0.4 / (1 + _distance(g.span, e.sentence))
    return preference


def explanation_checks(g: Gold, e: Explanation, vocab: Vocabulary) -> tuple[FieldCheck, ...]:
    checks = [
        FieldCheck("direction", e.phenomenon.direction == g["phenomenon"], g["phenomenon"], e.phenomenon.direction),
        FieldCheck("proponent", _speaker_right(g["proponent"], e.proponent, e.proponent_text, vocab),
                   g["proponent"], _who(e.proponent, e.proponent_text, vocab)),
        FieldCheck("stance", e.stance == g["stance"], g["stance"], e.stance),
    ]
    if g["period_start"]:
        period = e.phenomenon.period
        checks.append(FieldCheck("period", period_right(g["period_start"], None, period), g["period_start"],
                                 period.iso() if period else None))
    if g["phenomenon_actor"]:
        got = vocab.names([e.phenomenon.actor])
        checks.append(FieldCheck("phenomenon_actor", got == parts(g["phenomenon_actor"]), g["phenomenon_actor"],
                                 "; ".join(sorted(got)) or None))
    return tuple(checks)


def score_explanations(gold: Sequence[Gold], explanations: Sequence[Explanation], vocab: Vocabulary) -> KindScores:
    aligned, missed, spurious = align(gold, explanations, lambda e: e.doc_id, _explanation_preference(vocab, False))
    strict, _, _ = align(gold, explanations, lambda e: e.doc_id, _explanation_preference(vocab, True))
    pairs = tuple(Pair(g, e, explanation_checks(g, e, vocab)) for g, e in aligned)
    return KindScores("explanations", _detection(len(pairs), len(explanations), len(gold)), pairs, tuple(missed),
                      tuple(spurious), _shares(pairs, EXPLANATION_FIELDS),
                      {"with proponent and direction": _detection(len(strict), len(explanations), len(gold))})


# --- quotes ---------------------------------------------------------------------------------

QUOTE_FIELDS = ("direct", "speaker")


def _quote_preference(vocab: Vocabulary, gold: Sequence[Gold], quotes: Sequence[Quote],
                      by_speaker: bool) -> Callable[[Gold, Quote], float | None]:
    gold_count: dict[tuple[str, str], int] = {}
    for g in gold:
        gold_count[(g.doc, g["speaker"])] = gold_count.get((g.doc, g["speaker"]), 0) + 1
    system_count: dict[tuple[str, str], int] = {}
    for q in quotes:
        key = (q.doc_id, _who(q.speaker, q.speaker_text, vocab))
        system_count[key] = system_count.get(key, 0) + 1

    def preference(g: Gold, q: Quote) -> float | None:
        overlap = _overlap(g.span, q.content) or _overlap(g.span, q.sentence)
        if by_speaker:
            if not _speaker_right(g["speaker"], q.speaker, q.speaker_text, vocab):
                return None
            single = (gold_count[(g.doc, g["speaker"])] == 1
                      and system_count[(q.doc_id, _who(q.speaker, q.speaker_text, vocab))] == 1)
            if not overlap and not single:
                return None
        elif not overlap:
            return None
        return 0.5 * bool(overlap) + 0.4 * overlap / max(1, len(g.span.text))
    return preference


def quote_checks(g: Gold, q: Quote, vocab: Vocabulary) -> tuple[FieldCheck, ...]:
    return (
        FieldCheck("direct", (q.kind == "direct") == bool(g["direct"]), "direct" if g["direct"] else "indirect",
                   q.kind),
        FieldCheck("speaker", _speaker_right(g["speaker"], q.speaker, q.speaker_text, vocab), g["speaker"],
                   _who(q.speaker, q.speaker_text, vocab)),
    )


def score_quotes(gold: Sequence[Gold], quotes: Sequence[Quote], vocab: Vocabulary) -> KindScores:
    aligned, missed, spurious = align(gold, quotes, lambda q: q.doc_id,
                                      _quote_preference(vocab, gold, quotes, by_speaker=True))
    by_span, _, _ = align(gold, quotes, lambda q: q.doc_id, _quote_preference(vocab, gold, quotes, by_speaker=False))
    pairs = tuple(Pair(g, q, quote_checks(g, q, vocab)) for g, q in aligned)
    span_pairs = [Pair(g, q, quote_checks(g, q, vocab)) for g, q in by_span]
    shares = _shares(pairs, ("direct",))
    span_shares = _shares(span_pairs, QUOTE_FIELDS)
    shares["speaker (span-aligned)"] = span_shares["speaker"]
    shares["direct (span-aligned)"] = span_shares["direct"]
    return KindScores("quotes", _detection(len(pairs), len(quotes), len(gold)), pairs, tuple(missed),
                      tuple(spurious), shares,
                      {"by span, any speaker": _detection(len(span_pairs), len(quotes), len(gold))})


# --- the system side: lull's real pipeline into a store --------------------------------------


@dataclass(frozen=True, slots=True)
class SystemOutput:
    """What lull stored for corpus-dev, keyed the gold's way (``documents`` by gold doc id "001")."""

    documents: Mapping[str, Document]
    raws: Mapping[str, str]
    mentions: tuple[Mention, ...]
    event_of: Mapping[str, str]  # mention id -> event id
    claims: tuple[NumericClaim, ...]
    quotes: tuple[Quote, ...]
    explanations: tuple[Explanation, ...]


def corpus_index(corpus_dir: Path) -> list[dict]:
    path = corpus_dir / "index.jsonl"
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError as exc:
        raise ConfigError(f"cannot read {path} ({exc}); set LULL_SHARED to the shared folder.") from None


def build_store(corpus_dir: Path, db: Path, *, progress: Callable[[str], None] | None = None) -> None:
    """Run lull on corpus-dev into ``db`` the way ``lull run`` would on a JSONL of the texts and their metadata.

    Each text goes in with its ``url``, ``title``, ``outlet`` and ``published`` from ``index.jsonl``
    (line N of the JSONL is the N-th index entry), through ``run.run`` (ingest, extract, link)."""
    import tempfile

    from .. import run
    from ..knowledge import Knowledge
    from ..settings import Settings
    from ..store import Store

    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "corpus-dev.jsonl"
        with jsonl.open("w", encoding="utf-8") as out:
            for entry in corpus_index(corpus_dir):
                record = {k: entry[k] for k in ("url", "title", "outlet", "published") if entry.get(k)}
                record["text"] = (corpus_dir / f"{entry['id']}.txt").read_text(encoding="utf-8")
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        with Store(db) as store:
            summary = run.run([str(jsonl)], store=store, settings=settings, knowledge=Knowledge.load(settings))
            if progress:
                progress(f"ingested {summary.ingest.new} documents ({len(summary.ingest.rejected)} rejected)")
                progress(f"extracted {summary.extract.mentions} mentions, {summary.extract.claims} "
                         "claims/quotes/explanations")
                progress(f"resolved {summary.link.events} events")


def read_store(corpus_dir: Path, db: Path) -> SystemOutput:
    """Read back what :func:`build_store` stored, keyed by gold doc id."""
    from ..store import Store

    index = corpus_index(corpus_dir)
    with Store(db, read_only=True) as store:
        documents: dict[str, Document] = {}
        for doc in store.documents():
            line = doc.locator.rsplit(":", 1)[-1]
            if line.isdigit() and 0 < int(line) <= len(index):
                documents[index[int(line) - 1]["id"]] = doc
        event_of = {mid: e.id for e in store.events(origin="lull") for mid in e.mention_ids}
        output = SystemOutput(
            documents=documents,
            raws={e["id"]: (corpus_dir / f"{e['id']}.txt").read_text(encoding="utf-8") for e in index},
            mentions=tuple(store.mentions()), event_of=event_of, claims=tuple(store.numeric_claims()),
            quotes=tuple(store.quotes()), explanations=tuple(store.explanations()),
        )
    return output


@dataclass(frozen=True, slots=True)
class GoldDevResult:
    events: EventResult
    claims: KindScores
    explanations: KindScores
    quotes: KindScores
    unplaced: tuple[Gold, ...]  # gold rows whose quote could not be found in the stored text


def score_gold_dev(gold_dir: Path, system: SystemOutput, vocab: Vocabulary | None = None) -> GoldDevResult:
    """Every gold-dev measurement of ``system`` against ``gold_dir``."""
    vocab = vocab or Vocabulary.load()
    placed = {kind: place_gold(load_gold(gold_dir, kind), kind, system.raws, system.documents) for kind in KINDS}
    return GoldDevResult(
        events=score_events(placed["events"], system.mentions, system.event_of, vocab),
        claims=score_claims(placed["claims"], system.claims, vocab),
        explanations=score_explanations(placed["explanations"], system.explanations, vocab),
        quotes=score_quotes(placed["quotes"], system.quotes, vocab),
        unplaced=tuple(g for rows in placed.values() for g in rows if g.span is None),
    )


def event_linking_errors(result: GoldDevResult) -> list[LinkingError]:
    """Each gold event split across lull events and each lull event holding several, with its cause."""
    pairs = [(p.gold.id, p.gold, p.system) for p in result.events.scores.pairs]
    return linking_errors(pairs, result.events.linked_items)


def summary_rows(result: GoldDevResult) -> list[tuple[str, float, int, str]]:
    """(metric, value, n, note) lines of the headline figures, shared by the benchmark and the diagnostics."""
    rows: list[tuple[str, float, int, str]] = []

    def detection(name: str, d: FieldScore) -> None:
        rows.append((f"{name} P/R/F1", d.f1, d.gold,
                     f"P={d.precision:.3f} R={d.recall:.3f} (tp={d.tp}, system={d.predicted}, gold={d.gold})"))

    def shares(prefix: str, values: Mapping[str, Share]) -> None:
        for name, s in values.items():
            rows.append((f"{prefix} {name} right (share of aligned)", s.value, s.total, f"{s.right}/{s.total}"))

    ev = result.events
    detection("events mention", ev.scores.detection)
    shares("events", ev.scores.shares)
    detection("events full row (type, actor, recipient, modality)", ev.full_row)
    detection("events core mention", ev.core.detection)
    shares("events core", ev.core.shares)
    detection("events core full row", ev.core_full_row)
    link = ev.linking
    rows.append(("linking B3 F1", link.b_cubed.f1, link.items,
                 f"P={link.b_cubed.precision:.3f} R={link.b_cubed.recall:.3f} over {link.items} aligned mentions, "
                 f"{link.gold_clusters} gold / {link.system_clusters} lull clusters"))
    rows.append(("linking CoNLL F1 (MUC, B3, CEAF-e)", link.conll_f1, link.items,
                 f"MUC={link.muc.f1:.3f} B3={link.b_cubed.f1:.3f} CEAF-e={link.ceaf_e.f1:.3f}"))
    rows.append(("linking gold events split across >1 lull event", float(len(link.split)), link.gold_clusters,
                 ", ".join(sorted(map(str, link.split)))[:300]))
    rows.append(("linking lull events holding >1 gold event", float(len(link.merged)), link.system_clusters, ""))
    alone = sum(1 for _, system_key in ev.linked_items.values() if system_key.startswith("mention:"))
    rows.append(("linking aligned mentions in no lull event", float(alone), link.items,
                 "every mention belongs to an event (non-incidents carry Event.countability); none expected"))
    for kind in (result.claims, result.explanations, result.quotes):
        detection(kind.kind, kind.detection)
        for name, d in kind.extra.items():
            detection(f"{kind.kind} {name}", d)
        shares(kind.kind, kind.shares)
    return rows
