"""WikiEvents (dev + test): do our numeric claims find the casualty counts, with the right value and unit?

Data: ``$LULL_SHARED/benchmarks/conflict-events-wikievents`` (Li, Ji & Han 2021,
MIT; 40 news documents, KAIROS ontology). Measurement only: no rule may be
tuned to these texts.

Gold. Every ``Victim`` argument of a ``Life.Die.*`` or ``Life.Injure.*``
mention that is a number phrase ("15", "nine lives", "hundreds"), in the
trigger's sentence, deduplicated by character span. Its unit is ``fatality``
for Die and ``injury`` for Injure; its value is the number when one is written
(digits or a number word), else ``None`` ("hundreds": no value to compare).
Texts are rebuilt from the gold sentences exactly as ``bench_wikievents.py``
does (its ``rebuild`` is reused).

Rows (ours = numeric claims from ``lull_numbers`` on the rebuilt text):

- ``casualty_count_recall``: share of gold counts whose span one of our claims
  overlaps (any unit).
- ``casualty_count_precision``: share of our claims with a harm unit
  (fatality, injury, casualty) that overlap a gold count. A lower bound: the
  gold does not annotate every count (e.g. counts outside a Die/Injure mention).
- ``casualty_value_accuracy``: among found counts with a gold value, share
  with the same value.
- ``casualty_unit_accuracy``: among found counts, share whose unit is the harm
  unit (fatality for Die, injury for Injure; casualty accepted for either).

Not measured: *who states* a count. WikiEvents has no source role on
Life.Die / Life.Injure (roles: Victim, Place, Killer/Injurer, ...), and its
``Contact.Contact.Broadcast`` mentions are not linked to the counts, so our
claimants cannot be scored against it.

Anchor: a trivial baseline computed here on the same parse: every spaCy
``CARDINAL`` entity in a sentence holding one of the ontology's own
Life.Die / Life.Injure keywords (text or lemma), unit fatality when a Die
keyword is there, else injury; value parsed like the gold.

Run: ``.venv/bin/python benchmarks/bench_wikievents_claims.py`` (about 40 s).
"""
from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from _common import (
    Row,
    benchmark_data,
    emit,
    load_function,
    missing_data_note,
    progress,
)
from bench_wikievents import DATA_NAME, SPLITS, GoldDoc, overlaps, rebuild

BENCHMARK = "wikievents claims"
HARM_UNITS = {"Life.Die": "fatality", "Life.Injure": "injury"}
EITHER = "casualty"
NUMBER_WORDS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"))}
NUMBER_WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                 "dozen": 12, "hundred": 100}
VAGUE = frozenset({"dozens", "hundreds", "thousands", "scores", "tens"})

Offsets = tuple[int, int]


# --- pure parts ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Count:
    """A number phrase in a document: where it is, its value (None when vague) and its possible units."""

    span: Offsets
    value: float | None
    units: frozenset[str]


def parse_count(text: str) -> float | None:
    """The number a phrase states: digits ("1,200") or a number word ("nine lives"); None when vague."""
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if digits:
        return float(digits.group().replace(",", ""))
    words = re.findall(r"[a-z]+", text.lower())
    return float(NUMBER_WORDS[words[0]]) if words and words[0] in NUMBER_WORDS else None


def is_number_phrase(text: str) -> bool:
    words = set(re.findall(r"[a-z]+", text.lower()))
    return bool(re.search(r"\d", text)) or bool(words & (set(NUMBER_WORDS) | VAGUE))


def gold_counts(gold: GoldDoc) -> list[Count]:
    """Numeric Victim arguments of Die/Injure mentions, one per span (units merged)."""
    units: dict[Offsets, set[str]] = {}
    for event in gold.events:
        unit = next((u for prefix, u in HARM_UNITS.items() if event.type.startswith(prefix)), None)
        for role, span in event.args:
            if unit and role == "Victim" and is_number_phrase(gold.text[span[0]:span[1]]):
                units.setdefault(span, set()).add(unit)
    return [Count(span, parse_count(gold.text[span[0]:span[1]]), frozenset(u)) for span, u in sorted(units.items())]


def unit_agrees(gold: Count, unit: str) -> bool:
    return unit in gold.units or unit == EITHER


@dataclass
class Tally:
    """Running counts over documents for one system (ours or the baseline)."""

    gold: int = 0
    found: int = 0
    valued: int = 0
    value_hits: int = 0
    unit_hits: int = 0
    harm_predicted: int = 0
    harm_on_gold: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, doc: GoldDoc, golds: Sequence[Count], predicted: Sequence[Count]) -> None:
        self.gold += len(golds)
        for g in golds:
            hit = next((p for p in predicted if overlaps(p.span, g.span)), None)
            if hit is None:
                self.misses.append(f"{doc.id}: {doc.text[g.span[0]:g.span[1]]!r}")
                continue
            self.found += 1
            if g.value is not None:
                self.valued += 1
                self.value_hits += hit.value == g.value
            self.unit_hits += any(unit_agrees(g, u) for u in hit.units)
        harm = [p for p in predicted if p.units & {*HARM_UNITS.values(), EITHER}]
        self.harm_predicted += len(harm)
        self.harm_on_gold += sum(any(overlaps(p.span, g.span) for g in golds) for p in harm)


def ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


# --- systems ------------------------------------------------------------------------------------


# lull's claim units follow the coding manual (killed, injured, casualties); WikiEvents' roles are
# fatality / injury, and "casualty" stands for either.
LULL_UNITS = {"killed": "fatality", "injured": "injury", "casualties": EITHER}


def ours(claims: Iterable[Any]) -> list[Count]:
    return [Count((c.span.start, c.span.end), c.value if c.value is not None else c.low,
                  frozenset({LULL_UNITS.get(c.unit, c.unit)})) for c in claims]


def baseline(sdoc: Any, gold: GoldDoc, die_words: frozenset[str], injure_words: frozenset[str]) -> list[Count]:
    out = []
    for start, end in gold.sentences:
        sentence = sdoc.char_span(start, end, alignment_mode="expand")
        words = {t.lower_ for t in sentence} | {t.lemma_.lower() for t in sentence}
        unit = "fatality" if words & die_words else "injury" if words & injure_words else None
        if unit:
            out.extend(Count((e.start_char, e.end_char), parse_count(e.text), frozenset({unit}))
                       for e in sentence.ents if e.label_ == "CARDINAL")
    return out


# --- I/O edges ----------------------------------------------------------------------------------


def load(folder: Path) -> tuple[list[GoldDoc], frozenset[str], frozenset[str]]:
    docs = [rebuild(json.loads(line)) for split in SPLITS
            for line in (folder / f"{split}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    ontology = json.loads((folder / "event_role_KAIROS.json").read_text(encoding="utf-8"))

    def keywords(prefix: str) -> frozenset[str]:
        return frozenset(k.lower() for name, spec in ontology.items() if name.startswith(prefix)
                         for k in spec["keywords"])

    return docs, keywords("Life.Die"), keywords("Life.Injure")


def run(docs: Sequence[GoldDoc], die_words: frozenset[str], injure_words: frozenset[str],
        build_pipeline: Any) -> tuple[Tally, Tally]:
    import lull.nlp.number_finder  # noqa: F401  (registers lull_numbers)
    from lull.knowledge import Knowledge
    from lull.settings import Settings

    knowledge = Knowledge.load(Settings())
    nlp = build_pipeline(Settings(), knowledge=knowledge)
    if "lull_numbers" not in nlp.pipe_names:
        nlp.add_pipe("lull_numbers", config={"knowledge": knowledge.source.config()}).initialize(knowledge=knowledge)
    mine, base = Tally(), Tally()
    for gold in docs:
        sdoc = nlp.make_doc(gold.text)
        sdoc._.lull_doc_id, sdoc._.lull_published = gold.id, None
        sdoc = nlp(sdoc)
        golds = gold_counts(gold)
        mine.add(gold, golds, ours(sdoc._.lull_numeric_claims))
        base.add(gold, golds, baseline(sdoc, gold, die_words, injure_words))
    return mine, base


def main() -> int:
    row = partial(Row, BENCHMARK, f"{DATA_NAME} (dev+test, Victim counts of Life.Die/Life.Injure)")
    folder = benchmark_data(DATA_NAME)
    if folder is None:
        emit(row("casualty_count_recall", None, notes=missing_data_note(DATA_NAME), status="skipped"))
        return 0
    for module, name in (("lull.nlp.pipeline", "build_pipeline"), ("lull.nlp.number_finder", "make_number_finder")):
        found = load_function(module, name)
        if isinstance(found, str):
            emit(row("casualty_count_recall", None, notes=found, status="skipped"))
            return 0
    build_pipeline = load_function("lull.nlp.pipeline", "build_pipeline")
    docs, die_words, injure_words = load(folder)
    mine, base = run(docs, die_words, injure_words, build_pipeline)
    for miss in mine.misses:
        progress(f"missed {miss}")
    kw = "cardinal_keyword_baseline"
    emit(row("casualty_count_recall", ratio(mine.found, mine.gold), {kw: ratio(base.found, base.gold)}, mine.gold,
             f"{len(docs)} docs; gold numeric Victims overlapped by one of our numeric claims (any unit); "
             "claimants not scorable (no source role in the gold)"))
    emit(row("casualty_count_precision", ratio(mine.harm_on_gold, mine.harm_predicted),
             {kw: ratio(base.harm_on_gold, base.harm_predicted)}, mine.harm_predicted,
             f"share of our fatality/injury/casualty claims on a gold count; a loose lower bound, since the gold "
             f"annotates only the counts of its Die/Injure mentions; baseline predicted {base.harm_predicted}"))
    emit(row("casualty_value_accuracy", ratio(mine.value_hits, mine.valued),
             {kw: ratio(base.value_hits, base.valued)}, mine.valued,
             f"found counts with a written value: same value (baseline n={base.valued})"))
    emit(row("casualty_unit_accuracy", ratio(mine.unit_hits, mine.found), {kw: ratio(base.unit_hits, base.found)},
             mine.found, f"found counts whose unit is fatality (Die) / injury (Injure) / casualty (baseline n="
             f"{base.found})"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
