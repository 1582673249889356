"""WikiEvents (dev + test): do we find the attacks, and who attacked whom where?

Data: ``$LULL_SHARED/benchmarks/conflict-events-wikievents`` (Li, Ji & Han 2021,
MIT; 40 news documents, KAIROS ontology). Measurement only: no rule may be
tuned to these texts.

Text. The gold token offsets do not index the ``text`` field (its sentence
gaps differ), so each document is rebuilt from the gold ``sentences`` joined
by one space, and every gold token is re-located in that text. Sentences are
the gold ones: a mention belongs to the gold sentence that contains the start
of its trigger, whatever our own segmentation says.

Events. Gold = ``Conflict.Attack.*`` mentions (KAIROS: DetonateExplode and
Unspecified).
- ``attack_recall``: share of gold attacks whose sentence holds one of our
  ``ASSAULT`` mentions (the brief's "covered in the same sentence").
- ``attack_trigger_recall``: stricter, our ASSAULT trigger overlaps the gold
  trigger characters.
- ``assault_sentence_precision``: share of our ASSAULT mentions whose sentence
  holds a gold attack, killing or injuring (``Conflict.Attack.*``,
  ``Life.Die.*``, ``Life.Injure.*``: PLOVER ASSAULT covers all three).

Arguments. Roles: Attacker <- our ``actors``, Target <- our ``recipients``,
Place <- our ``place``. A predicted or gold argument is the triple (gold
sentence, role, head token), where the head token is the syntactic root
(spaCy parse of the rebuilt text) of the argument's span; a predicted span is
found by searching its text inside its mention's sentence. Gold arguments are
those of the gold attacks, restricted to the trigger's own sentence (we code
sentence by sentence; the two cross-sentence Attackers are left out).
Duplicates collapse, then micro precision/recall/F1 over the three roles, plus
F1 per role.

Anchors. The README quotes no figures (it points to Li et al. 2021 without
re-checking them), so the anchor is a trivial baseline computed here: a
sentence is an attack if a token's text or lemma is one of the ontology's own
``keywords`` for the Conflict.Attack types; its Attacker is the first PERSON /
ORG / NORP entity of the sentence, its Target the second, its Place the first
GPE / LOC / FAC entity.

Run: ``.venv/bin/python benchmarks/bench_wikievents.py``.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Hashable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from _common import Row, benchmark_data, emit, load_function, missing_data_note

BENCHMARK = "wikievents"
DATA_NAME = "conflict-events-wikievents"
SPLITS = ("dev", "test")
ROLES = ("Attacker", "Target", "Place")
ATTACK_PREFIX = "Conflict.Attack"
HARM_PREFIXES = ("Conflict.Attack", "Life.Die", "Life.Injure")
ACTOR_ENTS = ("PERSON", "ORG", "NORP")
PLACE_ENTS = ("GPE", "LOC", "FAC")

Offsets = tuple[int, int]
Arg = tuple[int, str, int]  # (gold sentence index, role, head token character start)


# --- pure parts (unit-tested in tests/test_bench_mappings.py) ---------------------------------


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: str
    sent_idx: int
    trigger: Offsets
    args: tuple[tuple[str, Offsets], ...]  # (role, character span of the argument) in the trigger's sentence


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    text: str
    sentences: tuple[Offsets, ...]
    events: tuple[GoldEvent, ...]


def rebuild(record: dict[str, Any]) -> GoldDoc:
    """Rebuild one gold document: text from its sentences, token offsets re-located in that text."""
    parts: list[str] = []
    sentences: list[Offsets] = []
    tokens: list[Offsets] = []
    pos = 0
    for sent_tokens, sent_text in record["sentences"]:
        if parts:
            parts.append(" ")
            pos += 1
        cursor = 0
        for word, _, _ in sent_tokens:
            found = sent_text.find(word, cursor)
            if found < 0:
                raise ValueError(f"{record['doc_id']}: token {word!r} not found in its sentence; the data file changed.")
            tokens.append((pos + found, pos + found + len(word)))
            cursor = found + len(word)
        sentences.append((pos, pos + len(sent_text)))
        parts.append(sent_text)
        pos += len(sent_text)
    entities = {e["id"]: e for e in record["entity_mentions"]}
    events = []
    for ev in record["event_mentions"]:
        trig = ev["trigger"]
        args = tuple(
            (a["role"], (tokens[ent["start"]][0], tokens[ent["end"] - 1][1]))
            for a in ev["arguments"]
            if (ent := entities[a["entity_id"]])["sent_idx"] == trig["sent_idx"]
        )
        events.append(GoldEvent(ev["event_type"], trig["sent_idx"],
                                (tokens[trig["start"]][0], tokens[trig["end"] - 1][1]), args))
    return GoldDoc(record["doc_id"], "".join(parts), tuple(sentences), tuple(events))


def sentence_of(sentences: Sequence[Offsets], char: int) -> int | None:
    """Index of the gold sentence containing character ``char`` (gaps between sentences belong to none)."""
    for i, (start, end) in enumerate(sentences):
        if start <= char < end:
            return i
    return None


def overlaps(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def prf(predicted: AbstractSet[Hashable], gold: AbstractSet[Hashable]) -> tuple[float, float, float]:
    """Micro precision, recall, F1 of two sets of argument triples."""
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def attack_keywords(ontology: dict[str, Any]) -> frozenset[str]:
    """The ontology's own trigger keywords for every Conflict.Attack type (the baseline's lexicon)."""
    return frozenset(k.lower() for name, spec in ontology.items() if name.startswith(ATTACK_PREFIX)
                     for k in spec["keywords"])


# --- scoring over parsed documents --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Predicted:
    """One predicted attack, already placed in a gold sentence: trigger offsets and argument triples."""

    sent_idx: int
    trigger: Offsets
    args: frozenset[Arg]


def head_start(sdoc: Any, span: Offsets) -> int:
    """Character start of the head noun of a character span of a spaCy ``Doc``.

    The head is the span's syntactic root; when that is a preposition (our
    places are phrases such as "in Kabul") it is the preposition's object,
    since gold arguments are bare noun phrases."""
    chunk = sdoc.char_span(span[0], span[1], alignment_mode="expand")
    if chunk is None or not len(chunk):
        return span[0]
    head = chunk.root
    while head.pos_ == "ADP" and (objects := [c for c in head.children if c.dep_ == "pobj" and c.i < chunk.end]):
        head = objects[0]
    return head.idx


def locate(text: str, needle: str, within: Offsets) -> Offsets | None:
    """Where ``needle`` first occurs inside ``within`` (case-insensitive fallback)."""
    if not needle:
        return None
    i = text.find(needle, within[0], within[1])
    if i < 0:
        i = text.lower().find(needle.lower(), within[0], within[1])
    return (i, i + len(needle)) if i >= 0 else None


def gold_args(gold: GoldDoc, sdoc: Any) -> set[Arg]:
    return {(ev.sent_idx, role, head_start(sdoc, span)) for ev in gold.events if ev.type.startswith(ATTACK_PREFIX)
            for role, span in ev.args if role in ROLES}


def our_attacks(gold: GoldDoc, sdoc: Any, mentions: Iterable[Any]) -> list[Predicted]:
    """Our ASSAULT mentions as ``Predicted`` (mentions whose trigger falls between gold sentences are dropped)."""
    out = []
    for m in mentions:
        if m.type != "ASSAULT" or (idx := sentence_of(gold.sentences, m.trigger.start)) is None:
            continue
        within = (m.sentence.start, m.sentence.end)
        texts = [("Attacker", a.text) for a in m.actors] + [("Target", a.text) for a in m.recipients]
        if m.place is not None:
            texts.append(("Place", m.place.text))
        args = frozenset((idx, role, head_start(sdoc, span)) for role, t in texts
                         if (span := locate(gold.text, t, within)) is not None)
        out.append(Predicted(idx, (m.trigger.start, m.trigger.end), args))
    return out


def baseline_attacks(gold: GoldDoc, sdoc: Any, keywords: frozenset[str]) -> list[Predicted]:
    """Keyword baseline: one attack per sentence with an ontology keyword; NER picks the arguments."""
    out = []
    for idx, (start, end) in enumerate(gold.sentences):
        span = sdoc.char_span(start, end, alignment_mode="expand")
        hit = next((t for t in span if t.lower_ in keywords or t.lemma_.lower() in keywords), None)
        if hit is None:
            continue
        actors = [e for e in span.ents if e.label_ in ACTOR_ENTS]
        places = [e for e in span.ents if e.label_ in PLACE_ENTS]
        args = {(idx, role, e.root.idx) for role, e in zip(("Attacker", "Target"), actors)}
        args |= {(idx, "Place", places[0].root.idx)} if places else set()
        out.append(Predicted(idx, (hit.idx, hit.idx + len(hit.text)), frozenset(args)))
    return out


@dataclass
class Tally:
    """Running counts over documents for one system (ours or the baseline)."""

    gold_attacks: int = 0
    sentence_hits: int = 0
    trigger_hits: int = 0
    predicted: int = 0
    predicted_in_harm_sentence: int = 0
    pred_args: set[tuple[str, Arg]] = field(default_factory=set)  # (doc id, argument triple)
    gold_args: set[tuple[str, Arg]] = field(default_factory=set)

    def add(self, gold: GoldDoc, predicted: Sequence[Predicted], gargs: set[Arg]) -> None:
        attacks = [e for e in gold.events if e.type.startswith(ATTACK_PREFIX)]
        harm_sentences = {e.sent_idx for e in gold.events if e.type.startswith(HARM_PREFIXES)}
        self.gold_attacks += len(attacks)
        self.sentence_hits += sum(any(p.sent_idx == e.sent_idx for p in predicted) for e in attacks)
        self.trigger_hits += sum(any(overlaps(p.trigger, e.trigger) for p in predicted) for e in attacks)
        self.predicted += len(predicted)
        self.predicted_in_harm_sentence += sum(p.sent_idx in harm_sentences for p in predicted)
        self.pred_args |= {(gold.id, a) for p in predicted for a in p.args}
        self.gold_args |= {(gold.id, a) for a in gargs}

    def arg_scores(self, role: str | None = None) -> tuple[float, float, float]:
        keep = (lambda x: x[1][1] == role) if role else (lambda x: True)
        return prf({x for x in self.pred_args if keep(x)}, {x for x in self.gold_args if keep(x)})


# --- I/O edges ---------------------------------------------------------------------------------


def load(folder: Path) -> tuple[list[GoldDoc], frozenset[str]]:
    docs = [rebuild(json.loads(line)) for split in SPLITS
            for line in (folder / f"{split}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    ontology = json.loads((folder / "event_role_KAIROS.json").read_text(encoding="utf-8"))
    return docs, attack_keywords(ontology)


def score(docs: Sequence[GoldDoc], keywords: frozenset[str], extract_document: Callable[..., Any],
          build_pipeline: Callable[..., Any]) -> tuple[Tally, Tally]:
    """Run the lull pipeline and the keyword baseline over every document."""
    from lull.records import Document, Mention
    from lull.knowledge.actors import ActorKB
    from lull.knowledge import Knowledge
    from lull.settings import Settings

    nlp = build_pipeline(Settings(), knowledge=Knowledge.load(Settings()))
    ours, base = Tally(), Tally()
    for gold, sdoc in zip(docs, nlp.pipe(d.text for d in docs)):
        document = Document(id=gold.id, text=gold.text, locator=f"{DATA_NAME}#{gold.id}")
        mentions = [m for m in extract_document(document, nlp=nlp).mentions if isinstance(m, Mention)]
        gargs = gold_args(gold, sdoc)
        ours.add(gold, our_attacks(gold, sdoc, mentions), gargs)
        base.add(gold, baseline_attacks(gold, sdoc, keywords), gargs)
    return ours, base


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def main(argv: Sequence[str]) -> int:
    row = partial(Row, BENCHMARK, DATA_NAME)
    folder = benchmark_data(DATA_NAME)
    if folder is None:
        emit(row("attack_recall", None, notes=missing_data_note(DATA_NAME), status="skipped"))
        return 0
    extract = load_function("lull.extract.documents", "extract_document")
    build = load_function("lull.nlp.pipeline", "build_pipeline")
    if isinstance(extract, str) or isinstance(build, str):
        emit(row("attack_recall", None, notes=extract if isinstance(extract, str) else str(build), status="skipped"))
        return 0
    docs, keywords = load(folder)
    ours, base = score(docs, keywords, extract, build)
    n = ours.gold_attacks
    kw = "keyword_baseline"
    emit(row("attack_recall", ratio(ours.sentence_hits, n), {kw: ratio(base.sentence_hits, n)}, n,
             f"dev+test, {len(docs)} docs; gold Conflict.Attack.* with an ASSAULT mention in the same gold sentence; "
             "README quotes no published figures"))
    emit(row("attack_trigger_recall", ratio(ours.trigger_hits, n), {kw: ratio(base.trigger_hits, n)}, n,
             "our ASSAULT trigger overlaps the gold trigger"))
    emit(row("assault_sentence_precision", ratio(ours.predicted_in_harm_sentence, ours.predicted),
             {kw: ratio(base.predicted_in_harm_sentence, base.predicted)}, ours.predicted,
             f"share of our ASSAULT mentions in a sentence with a gold attack/die/injure event; n = our mentions "
             f"(baseline predicted {base.predicted})"))
    p, r, f = ours.arg_scores()
    bp, br, bf = base.arg_scores()
    emit(row("argument_f1", f, {kw: bf}, len(ours.gold_args),
             f"Attacker/Target/Place, head-token match in the trigger's gold sentence; P={p:.3f} R={r:.3f} "
             f"(baseline P={bp:.3f} R={br:.3f})"))
    for role in ROLES:
        rp, rr, rf = ours.arg_scores(role)
        n_role = sum(1 for x in ours.gold_args if x[1][1] == role)
        emit(row(f"argument_f1_{role.lower()}", rf, {kw: base.arg_scores(role)[2]}, n_role, f"P={rp:.3f} R={rr:.3f}"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
