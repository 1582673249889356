"""Why violence stopped or grew: explanations of halts, pauses, declines, resumptions and escalations.

An explanation links a cause to a phenomenon (the change in someone's attacks)
and records who offers it. The rules are data (``data/causes.yaml``): cause
categories with cue patterns, the relations that link a cause to a
phenomenon, and the words that name a phenomenon. The mechanisms, each
visible in ``Explanation.rule_id``:

``rel.cause_verb`` / ``rel.contribute_verb``  C (subject) "led to" / "contributed to" / "played a role in" P
``rel.attribute``    X "attributed" P "to" C
``rel.because``      P "due to" / "because of" / "considering" C
``rel.temporal``     P "three days after" C (only when C matches a category cue)
``rel.purpose``      P "to pave the way for" / "with the aim of" / "as a gesture of" C   (relation "aim")
``rel.copula``       P "is only a tactic for repositioning"                            (relation "aim")
``rel.standalone``   a sentence naming P and an explanatory cue ("the calm before the storm")
``+item``            an item of a list under a lead that names P ("several factors have
                     contributed to the cessation of these attacks:"); it inherits the lead's
                     phenomenon, relation and proponent.
``+actor``           no phenomenon word in the sentence, but its subject is the actor of the
                     document's current halt ("These factions are attempting to step out ...
                     following the losses ..."): that halt is the phenomenon.

A phenomenon's actor and recipient come from the actor spans of its phrase
("attacks by X against Y", "calm among X in their conflict with Y"); missing
ones are taken from the document's previous phenomenon of the same sense
(halt/pause/decline, or resumption/escalation), so "this cessation" and "the
halt in attacks" are tied to the halt the article is about. The proponent is
the speaker of the quote that holds the cause (``extract/quotes.py``), or
``None`` for the outlet's own voice; hedges come from ``speech.yaml``.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from spacy.tokens import Doc, Span, Token

from ..errors import ConfigError
from ..records import CAUSE_RELATIONS, DIRECTIONS, Actor, DateSpan, Explanation, Phenomenon, Quote
from ..records import Span as TextSpan
from ..resolve import dates
from .attribution import (
    Attribution, ListBlock, ListItem, SpeechRules, attribute, doc_id_of, list_blocks, span_actor, stable_id,
)

if TYPE_CHECKING:
    from ..resolve.actors import ActorKB

_KINDS = ("subject", "attribute", "connective", "copula", "standalone")
_DOWN = frozenset({"halt", "pause", "decline"})
_AGENT_PREPS = frozenset({"by", "from", "among", "amongst"})
_TARGET_PREPS = frozenset({"against", "on", "at", "targeting", "toward", "towards", "upon", "with", "into"})
_ENT_ACTORS = frozenset({"NORP", "GPE", "ORG"})
_ACTOR_NOUNS = frozenset({"faction", "group", "militia", "resistance", "fighter", "movement"})
_CLAUSE_CUT = frozenset({",", ";", ":", "“", "”", '"'})


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    description: str
    cues: tuple[re.Pattern[str], ...]
    standalone: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True, slots=True)
class RelationRule:
    """One way of linking a cause to a phenomenon (see ``data/causes.yaml``, section ``relations``)."""

    id: str
    kind: str
    relation: str
    verbs: tuple[tuple[str, ...], ...] = ()  # ("lead", "to"), ("play", "role", "in"), ("influence",)
    phrases: tuple[tuple[str, ...], ...] = ()  # ("due", "to"), ("after",)
    weak: bool = False


@dataclass(frozen=True, slots=True)
class CauseBook:
    """The contents of one causes.yaml, checked and compiled."""

    source: str
    categories: tuple[Category, ...]
    relations: tuple[RelationRule, ...]
    placeholders: frozenset[str]
    nouns: Mapping[str, str]  # lemma -> direction
    verbs: Mapping[str, str]
    needs_activity: frozenset[str]
    activity_nouns: frozenset[str]
    artifact_heads: frozenset[str]
    blockers: frozenset[str]
    preventers: frozenset[str]

    def relation(self, kind: str) -> list[RelationRule]:
        return [r for r in self.relations if r.kind == kind]


@dataclass(frozen=True, slots=True)
class ExplanationResources:
    """What the explanation finder consults: the actor KB, the speech cues and the cause book."""

    kb: "ActorKB"
    speech: SpeechRules
    causes: CauseBook


def default_causes_path() -> Path:
    return Path(str(resources.files("lull") / "data" / "causes.yaml"))


def load_causes(path: Path | None = None) -> CauseBook:
    """Read and check ``causes.yaml`` (default: the bundled one); a bad entry names the file and the fix."""
    path = path or default_causes_path()
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read cause categories {path} ({exc}); fix the YAML or pass another file.") from None
    if not isinstance(data, dict) or not isinstance(data.get("categories"), list):
        raise ConfigError(f"{path} has no 'categories' list; compare with the bundled data/causes.yaml.")
    try:
        nouns, verbs = {}, {}
        for direction, words in data["phenomena"].items():
            if direction not in DIRECTIONS:
                raise ConfigError(f"{path}: phenomena direction {direction!r} is not one of {DIRECTIONS}; rename it.")
            nouns.update({str(w).lower(): direction for w in words.get("nouns", [])})
            verbs.update({str(w).lower(): direction for w in words.get("verbs", [])})
        return CauseBook(
            source=str(path),
            categories=tuple(_category(c, path) for c in data["categories"]),
            relations=tuple(_relation(r, path) for r in data["relations"]),
            placeholders=frozenset(str(w).lower() for w in data["placeholders"]),
            nouns=nouns, verbs=verbs,
            needs_activity=frozenset(str(w).lower() for w in data["needs_activity"]),
            activity_nouns=frozenset(str(w).lower() for w in data["activity_nouns"]),
            artifact_heads=frozenset(str(w).lower() for w in data["artifact_heads"]),
            blockers=frozenset(str(w).lower() for w in data["blockers"]),
            preventers=frozenset(str(w).lower() for w in data.get("preventers", ())),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"{path}: missing or malformed section ({exc!r}); compare with the bundled "
                          "data/causes.yaml.") from None


def _compile(patterns: Any, where: str) -> tuple[re.Pattern[str], ...]:
    try:
        return tuple(re.compile(rf"\b(?:{p})\b", re.IGNORECASE) for p in patterns or ())
    except re.error as exc:
        raise ConfigError(f"{where}: cue {exc.pattern!r} is not a valid regular expression ({exc}); fix it.") from None


def _category(entry: Any, path: Path) -> Category:
    if not isinstance(entry, dict) or not entry.get("id") or not entry.get("description"):
        raise ConfigError(f"{path}: every category needs an 'id', a 'description' and 'cues' ({entry!r}).")
    where = f"{path}: category {entry['id']}"
    return Category(entry["id"], entry["description"], _compile(entry.get("cues"), where),
                    _compile(entry.get("standalone"), where))


def _relation(entry: Any, path: Path) -> RelationRule:
    if not isinstance(entry, dict) or entry.get("kind") not in _KINDS or entry.get("relation") not in CAUSE_RELATIONS:
        raise ConfigError(f"{path}: relation {entry!r} needs an 'id', a 'kind' in {_KINDS} and a 'relation' in "
                          f"{CAUSE_RELATIONS}.")
    return RelationRule(entry["id"], entry["kind"], entry["relation"],
                        tuple(tuple(str(v).lower().split()) for v in entry.get("verbs", ())),
                        tuple(tuple(str(p).lower().split()) for p in entry.get("phrases", ())),
                        bool(entry.get("weak", False)))


def categorise(text: str, book: CauseBook) -> str | None:
    """The category whose cue covers the most characters of ``text`` (ties: the first listed)."""
    best: tuple[int, str] | None = None
    for category in book.categories:
        for cue in category.cues:
            for match in cue.finditer(text):
                if best is None or len(match.group()) > best[0]:
                    best = (len(match.group()), category.id)
    return best[1] if best else None


# --- the finder ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    """A cause found in a sentence, before proponent and phenomenon are attached."""

    rule: RelationRule
    cause: tuple[int, int]  # character offsets
    category: str
    phenomenon: Phenomenon | None
    negated: bool = False


@dataclass
class _Ctx:
    doc: Doc
    doc_id: str
    res: ExplanationResources
    quotes: Sequence[Quote]
    actor_spans: list[Span]
    published: DateSpan | None
    memory: dict[bool, Phenomenon] = field(default_factory=dict)  # key: is a "down" direction


@dataclass(frozen=True, slots=True)
class _Lead:
    block: ListBlock
    phenomenon: Phenomenon
    relation: str
    attribution: Attribution


def find_explanations(doc: Doc, *, res: ExplanationResources, quotes: Sequence[Quote]) -> list[Explanation]:
    """Every explanation of a parsed document, with proponents from ``quotes`` (``find_quotes``' output)."""
    published = doc._.lull_published if Doc.has_extension("lull_published") else None
    ctx = _Ctx(doc, doc_id_of(doc), res, quotes,
               list(doc.spans["lull_actors"]) if "lull_actors" in doc.spans else [], published)
    blocks = list_blocks(doc.text, res.speech)
    leads: list[_Lead] = []
    out: list[Explanation] = []
    for sent in doc.sents:
        lead, item = _item_at(sent, leads)
        if lead is not None:
            if item is not None:
                out.extend(_item_explanations(sent, lead, item, ctx))
            continue
        found = _sentence_causes(sent, ctx)
        block = next((b for b in blocks if sent.start_char <= b.lead_end <= sent.end_char), None)
        new_lead = _lead(sent, block, found, ctx) if block is not None else None
        if new_lead is not None:
            leads.append(new_lead)
            found = [f for f in found if not _is_placeholder(f.cause, ctx)]
        out.extend(_explanation(sent, part, ctx) for f in found for part in _split(f, ctx)
                   if part.phenomenon is not None and not _is_placeholder(part.cause, ctx))
        _remember_phenomena(sent, found, ctx)
    return _unique(out)


def _item_at(sent: Span, leads: list[_Lead]) -> tuple[_Lead | None, ListItem | None]:
    """The lead whose list this sentence is in, and the item whose content starts in it (if any)."""
    for lead in leads:
        for item in lead.block.items:
            if item.start <= sent.start_char < item.end or sent.start_char <= item.content_start < sent.end_char:
                starts_here = sent.start_char <= item.content_start < sent.end_char
                return lead, item if starts_here else None
    return None, None


def _lead(sent: Span, block: ListBlock, found: list[_Found], ctx: _Ctx) -> _Lead | None:
    """A lead that names a phenomenon ("several factors have contributed to the cessation of these attacks:")."""
    if not sent.text.rstrip().endswith(ctx.res.speech.list_lead_endings):
        return None
    phenomena = _phenomena(sent, ctx)
    if not phenomena:
        return None
    tok, direction = phenomena[0]
    relation = next((f.rule.relation for f in found), None) or _lead_relation(sent, ctx)
    attribution = attribute(sent.start_char, sent.end_char, ctx.quotes, text=sent.text, rules=ctx.res.speech)
    return _Lead(block, _phenomenon(tok, direction, ctx), relation, attribution)


def _lead_relation(sent: Span, ctx: _Ctx) -> str:
    for rule in ctx.res.causes.relation("subject"):
        if any(_verb_match(tok, rule) for tok in sent):
            return rule.relation
    return "caused"


def _item_explanations(sent: Span, lead: _Lead, item: ListItem, ctx: _Ctx) -> list[Explanation]:
    """One explanation per list item: its own cause phrase (or its first sentence), the lead's phenomenon."""
    doc = ctx.doc
    own = [dataclasses.replace(f, cause=_trim(doc.text, max(f.cause[0], item.content_start), f.cause[1]))
           for f in _subject_causes(sent, ctx, need_phenomenon=False) if f.cause[1] > item.content_start]
    start, end = own[0].cause if own else _trim(doc.text, item.content_start, sent.end_char)
    label = item.label or ""
    category = categorise(f"{label}. {doc.text[start:end]}", ctx.res.causes) or categorise(
        doc.text[item.content_start:item.end], ctx.res.causes)
    if category is None or _is_placeholder((start, end), ctx):
        return []
    rule = own[0].rule if own else RelationRule("rel.list", "subject", lead.relation)
    found = _Found(dataclasses.replace(rule, id=f"{rule.id}+item"), (start, end), category, lead.phenomenon,
                   own[0].negated if own else False)
    item_text = doc.text[item.content_start:item.end]
    said = attribute(start, end, ctx.quotes, text=item_text, rules=ctx.res.speech)
    if said.speaker is None:
        said = dataclasses.replace(lead.attribution, hedge=said.hedge or lead.attribution.hedge)
    return [_build(sent, found, said, ctx, relation=rule.relation if own else lead.relation)]


def _sentence_causes(sent: Span, ctx: _Ctx) -> list[_Found]:
    found = [*_subject_causes(sent, ctx), *_attributions(sent, ctx), *_copulas(sent, ctx), *_connectives(sent, ctx)]
    found += _standalone(sent, ctx, {f.category for f in found})
    return found


# --- relations -----------------------------------------------------------------------------------------


def _verb_match(tok: Token, rule: RelationRule) -> bool:
    """"led to", "played a significant role in", "influenced": the verb with the words its pattern needs."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    for words in rule.verbs:
        if tok.lemma_.lower() != words[0]:
            continue
        rest = list(words[1:])
        if not rest:
            return True
        below = [t.lower_ if t.dep_ in ("prep", "prt", "agent") else t.lemma_.lower() for t in tok.subtree
                 if t.head.i == tok.i or t.head.head.i == tok.i]
        if all(w in below for w in rest):
            return True
    return False


def _subject_causes(sent: Span, ctx: _Ctx, need_phenomenon: bool = True) -> list[_Found]:
    out = []
    for rule in ctx.res.causes.relation("subject"):
        for tok in sent:
            if not _verb_match(tok, rule):
                continue
            subject, target = _cause_and_target(tok)
            if subject is None or subject.pos_ == "PRON":
                continue
            cause = _trim(ctx.doc.text, subject.left_edge.idx, _end(subject.right_edge))
            phen = _first_phenomenon(target, ctx) or _anaphoric_phenomenon(target, ctx)
            if phen is None and need_phenomenon:
                continue
            category = categorise(ctx.doc.text[cause[0]:cause[1]], ctx.res.causes) or "other"
            out.append(_Found(rule, cause, category, phen, _negated(tok)))
    return out


def _cause_and_target(verb: Token) -> tuple[Token | None, list[Token]]:
    """The cause phrase's head and the tokens that may name the phenomenon.

    Active: the subject, and what follows the verb ("X led to the calm").
    Passive with "by": the agent, and the subject ("the halt was caused by X").
    Passive without: the subject, and what follows ("X is linked to these developments")."""
    after = [t for t in verb.subtree if t.i > verb.i]
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj", "nsubjpass", "csubjpass")]
    subject = subjects[-1] if subjects else None  # "- Impact of Assassinations: The killing ...": the nearest
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if passive and by is not None:
        return by, list(subject.subtree) if subject is not None else []
    return subject, after


def _attributions(sent: Span, ctx: _Ctx) -> list[_Found]:
    """"X attributed the halt in attacks to explicit warnings from ...": the "to" phrase is the cause."""
    out = []
    for rule in ctx.res.causes.relation("attribute"):
        for tok in sent:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in {v[0] for v in rule.verbs}:
                continue
            obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
            prep = next((c for c in tok.subtree if c.dep_ == "prep" and c.lower_ in ("to", "on")
                         and obj is not None and c.i > obj.i), None)
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            phen = _first_phenomenon(list(obj.subtree), ctx) if obj is not None else None
            if pobj is None or phen is None:
                continue
            cause = _trim(ctx.doc.text, pobj.left_edge.idx, _end(pobj.right_edge))
            category = categorise(ctx.doc.text[cause[0]:cause[1]], ctx.res.causes) or "other"
            out.append(_Found(rule, cause, category, phen, _negated(tok)))
    return out


def _copulas(sent: Span, ctx: _Ctx) -> list[_Found]:
    """"the current calm is only a tactic for repositioning": a phenomenon said to be a cause category."""
    out = []
    for rule in ctx.res.causes.relation("copula"):
        for tok in sent:
            if tok.lemma_.lower() != "be" or tok.pos_ not in ("AUX", "VERB"):
                continue
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            attr = next((c for c in tok.children if c.dep_ in ("attr", "acomp")), None)
            if subject is None or attr is None:
                continue
            phen = _first_phenomenon(list(subject.subtree), ctx)
            cause = _trim(ctx.doc.text, attr.left_edge.idx, _end(attr.right_edge))
            category = categorise(ctx.doc.text[cause[0]:cause[1]], ctx.res.causes)
            if phen is not None and category is not None:
                out.append(_Found(rule, cause, category, phen, _negated(tok)))
    return out


def _connectives(sent: Span, ctx: _Ctx) -> list[_Found]:
    """"due to C", "after C", "to pave the way for C": the cause runs to the end of the phrase's clause."""
    starts = sorted({(i, n, rule.id) for rule in ctx.res.causes.relation("connective") for i, n in _phrase_hits(sent, rule)})
    rules = {r.id: r for r in ctx.res.causes.relations}
    out = []
    taken: set[int] = set()
    for i, n, rule_id in sorted(starts, key=lambda s: (s[0], -s[1])):
        if i in taken:
            continue
        taken.update(range(i, i + n))
        rule = rules[rule_id]
        nxt = min((s for s, _, _ in starts if s >= i + n), default=sent.end)
        cause = _cause_after(ctx.doc[i + n - 1], min(nxt, sent.end), ctx)
        if cause is None:
            continue
        text = ctx.doc.text[cause[0]:cause[1]]
        category = categorise(f"{ctx.doc[i:i + n].text} {text}", ctx.res.causes)
        if category is None:
            continue
        phen = _nearest_phenomenon(sent, i, n, cause, ctx) or _actor_behaviour(ctx.doc[i], sent, ctx)
        if phen is None:
            continue
        negated = i > 0 and ctx.doc[i - 1].lower_ == "not"
        out.append(_Found(rule, cause, category, phen, negated))
    return out


def _phrase_hits(sent: Span, rule: RelationRule) -> list[tuple[int, int]]:
    """Token index and length of every phrase of ``rule`` in the sentence, used as a connective."""
    out = []
    for phrase in rule.phrases:
        n = len(phrase)
        for tok in sent:
            if tok.i + n > sent.end or tuple(t.lower_ for t in tok.doc[tok.i:tok.i + n]) != phrase:
                continue
            if n == 1 and (tok.dep_ == "ROOT" or any(c.dep_ in ("aux", "auxpass", "nsubj") for c in tok.children)):
                continue  # "have conditionally given the government ...": a verb, not "given ..."
            if rule.weak and (tok.dep_ == "conj" or any(c.dep_ == "cc" for c in tok.children)):
                continue  # "unlike before and after the assassination": a comparison of periods
            out.append((tok.i, n))
    return out


def _cause_after(last: Token, limit: int, ctx: _Ctx) -> tuple[int, int] | None:
    """The cause phrase after a connective: its object's subtree, cut at the next connective or clause break."""
    doc = ctx.doc
    obj = next((c for c in last.children if c.dep_ in ("pobj", "pcomp", "dobj", "xcomp")), None)
    end_tok = obj.right_edge.i if obj is not None else last.right_edge.i
    if end_tok <= last.i:  # no object in the parse ("after" read as a clause mark): up to the next comma
        end_tok = next((t.i - 1 for t in doc[last.i + 1:limit] if t.text in _CLAUSE_CUT), limit - 1)
    end_tok = min(end_tok, limit - 1)
    for t in doc[last.i + 1:end_tok + 1]:
        if t.text in _CLAUSE_CUT and t.i + 1 < len(doc) and doc[t.i + 1].dep_ == "cc":
            end_tok = t.i - 1  # ", and the situation ...": a new clause
            break
    if end_tok <= last.i:
        return None
    return _trim(doc.text, doc[last.i + 1].idx, _end(doc[end_tok]))


def _standalone(sent: Span, ctx: _Ctx, seen: set[str]) -> list[_Found]:
    rule = next(iter(ctx.res.causes.relation("standalone")), None)
    if rule is None:
        return []
    phenomena = _phenomena(sent, ctx, allow_compounds=True)
    if not phenomena:
        return []
    out = []
    for category in ctx.res.causes.categories:
        if category.id in seen:
            continue
        for cue in category.standalone:
            match = cue.search(sent.text)
            if match is not None:
                start, end = sent.start_char + match.start(), sent.start_char + match.end()
                tok, direction = phenomena[0]
                out.append(_Found(rule, _noun_chunk(start, end, ctx), category.id, _phenomenon(tok, direction, ctx)))
                break
    return out


def _split(found: _Found, ctx: _Ctx) -> list[_Found]:
    """Coordinated causes of different categories become one explanation each.

    "the losses they have suffered from violent US strikes and the
    assassinations of prominent leaders" is two causes (strikes, leadership
    losses); "the fall of Assad's regime and the ceasefire between Hezbollah
    and Israel" stays one (both regional shifts)."""
    doc = ctx.doc
    start, end = found.cause
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return [found]
    for tok in span:
        if tok.dep_ != "conj" or tok.pos_ not in ("NOUN", "PROPN") or not span.start <= tok.head.i < tok.i:
            continue
        cc = next((c for c in tok.head.children if c.dep_ == "cc" and c.i < tok.left_edge.i), None)
        cut = cc.idx if cc is not None else tok.left_edge.idx
        first, second = _trim(doc.text, start, cut), _trim(doc.text, tok.left_edge.idx, end)
        kinds = [categorise(doc.text[a:b], ctx.res.causes) for a, b in (first, second)]
        if None not in kinds and kinds[0] != kinds[1] and first[1] > first[0]:
            return [dataclasses.replace(found, cause=first, category=kinds[0]),
                    dataclasses.replace(found, cause=second, category=kinds[1])]
    return [found]


def _noun_chunk(start: int, end: int, ctx: _Ctx) -> tuple[int, int]:
    """Widen a cue match to the noun phrase around it ("goodwill" -> "its goodwill")."""
    for chunk in ctx.doc.noun_chunks:
        if chunk.start_char <= start and end <= chunk.end_char:
            return chunk.start_char, chunk.end_char
    return start, end


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _is_placeholder(cause: tuple[int, int], ctx: _Ctx) -> bool:
    """"several factors", "the reasons": a cause that only announces the causes to come."""
    words = re.findall(r"[a-z]+", ctx.doc.text[cause[0]:cause[1]].lower())
    content = [w for w in words if w not in ("several", "many", "some", "the", "these", "those", "various",
                                            "number", "of", "a", "certain", "other", "main", "key")]
    return bool(content) and all(w in ctx.res.causes.placeholders for w in content)


# --- phenomena -------------------------------------------------------------------------------------------


def _phenomena(sent: Span, ctx: _Ctx, allow_compounds: bool = False) -> list[tuple[Token, str]]:
    return [p for tok in sent if (p := _as_phenomenon(tok, ctx, allow_compounds)) is not None]


def _as_phenomenon(tok: Token, ctx: _Ctx, allow_compounds: bool = False) -> tuple[Token, str] | None:
    """``(tok, direction)`` if the word names a change in attacks here, else None."""
    book = ctx.res.causes
    lemma = tok.lemma_.lower()
    nominal = tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "ADJ" and tok.dep_ == "amod")  # "the current calm situation"
    table = book.verbs if tok.pos_ == "VERB" else book.nouns if nominal else {}
    direction = table.get(lemma) or (book.nouns.get(tok.lower_) if nominal else None)
    if direction is None:
        return None
    if tok.dep_ in ("compound", "amod") and tok.head.lemma_.lower() in book.artifact_heads and not allow_compounds:
        return None  # "a temporary ceasefire plan", "the ceasefire agreement between X and Y": a thing, not the change
    blocker = next((t for t in _governors(tok) if t.lemma_.lower() in book.blockers), None)
    if lemma in book.needs_activity and not _has_activity(tok, ctx):
        return None
    if blocker is not None:
        if direction in _DOWN or blocker.lemma_.lower() not in book.preventers:
            return None  # "fear further strikes", "the risk of escalation": nothing changed
        return tok, "halt"  # "traveled ... to prevent from further escalating the tensions": a halt being sought
    return tok, direction


def _governors(tok: Token) -> list[Token]:
    out, t = [], tok
    for _ in range(2):
        if t.head.i == t.i:
            break
        t = t.head
        out.append(t)
    return out


def _has_activity(tok: Token, ctx: _Ctx) -> bool:
    """"the halt in attacks", "operations have ceased", "the number of attacks decreased"."""
    words = ctx.res.causes.activity_nouns
    region = list(tok.subtree)
    if tok.pos_ == "VERB":
        region += [t for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
    after = tok.doc[tok.i + 1:tok.i + 4]  # "attributed the halt in attacks to ...": the parser may hang "in attacks" elsewhere
    return (any(t.lemma_.lower() in words and t.i != tok.i for t in [*region, *after])
            or tok.head.lemma_.lower() in words)


def _first_phenomenon(tokens: list[Token], ctx: _Ctx) -> Phenomenon | None:
    for tok in tokens:
        found = _as_phenomenon(tok, ctx)
        if found is not None:
            return _phenomenon(found[0], found[1], ctx)
    return None


def _anaphoric_phenomenon(tokens: list[Token], ctx: _Ctx) -> Phenomenon | None:
    """"is linked to these developments": a demonstrative placeholder stands for the current halt."""
    current = ctx.memory.get(True)
    for tok in tokens:
        if (current is not None and tok.lemma_.lower() in ctx.res.causes.placeholders
                and any(c.dep_ == "det" and c.lower_ in ("this", "these") for c in tok.children)):
            return dataclasses.replace(current, text=ctx.doc[tok.left_edge.i:tok.i + 1].text)
    return None


def _nearest_phenomenon(sent: Span, at: int, n: int, cause: tuple[int, int], ctx: _Ctx) -> Phenomenon | None:
    """The phenomenon a connective at token ``at`` explains: the nearest outside the cause, earlier ones first."""
    clause = _clause_of(ctx.doc, at, n)
    candidates = [(tok, d) for tok, d in _phenomena(sent, ctx)
                  if not cause[0] <= tok.idx < cause[1] and clause.left_edge.i <= tok.i <= clause.right_edge.i]
    if not candidates:
        return None
    tok, direction = min(candidates, key=lambda c: (c[0].i > at, abs(c[0].i - at)))
    return _phenomenon(tok, direction, ctx)


def _clause_of(doc: Doc, at: int, n: int) -> Token:
    """The verb whose clause the connective ``doc[at:at+n]`` attaches to.

    "... was well received due to X": "received" (not the sentence root, so a
    halt elsewhere in the sentence is not what X explains); "to allow X"
    attaches to the verb above "allow"."""
    inside = range(at, at + n)
    t = next((tok.head for tok in doc[at:at + n] if tok.head.i not in inside), doc[at].head)
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            return t
        if t.head.i == t.i:
            return t
        t = t.head
    return t


def _actor_behaviour(connective: Token, sent: Span, ctx: _Ctx) -> Phenomenon | None:
    """No phenomenon word, but the clause's subject is the armed actor of the current halt: that halt."""
    current = ctx.memory.get(True)
    if current is None or current.actor is None:
        return None
    verb = connective
    for _ in range(6):  # "the factions have come to the conclusion that confrontation is impossible due to X"
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and _is_actor(subject, current.actor, ctx):
            return dataclasses.replace(current, text=None)
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _is_actor(subject: Token, actor: Actor, ctx: _Ctx) -> bool:
    ids = {t.i for t in subject.subtree}
    for span in ctx.actor_spans:
        if span.start in ids and span.id_ and actor.id and ctx.res.kb.compatible(span.id_, actor.id):
            return True
    return subject.lemma_.lower() in _ACTOR_NOUNS and any(c.lower_ in ("these", "those", "the") for c in subject.children)


def _phenomenon(tok: Token, direction: str, ctx: _Ctx) -> Phenomenon:
    """The phenomenon ``tok`` names, with missing actor/recipient from the previous one of the same sense."""
    actor, recipient = _arguments(tok, ctx)
    start, end = _phrase(tok)
    phen = Phenomenon(direction=direction, actor=actor, recipient=recipient, period=_period(tok, ctx),
                      text=ctx.doc.text[start:end])
    previous = ctx.memory.get(direction in _DOWN)
    if previous is not None:
        phen = dataclasses.replace(phen, actor=phen.actor or previous.actor,
                                   recipient=phen.recipient or previous.recipient)
    return phen


def _phrase(tok: Token) -> tuple[int, int]:
    if tok.pos_ == "VERB":
        parts = [tok] + [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        left = min(p.left_edge.idx if p.i != tok.i else p.idx for p in parts)
        right = max(_end(p.right_edge) if p.i != tok.i else _end(p) for p in parts)
        return left, right
    keep = [t for t in tok.subtree if not any(a.dep_ in ("relcl", "acl", "appos") and tok.i != a.i
                                              for a in [t, *t.ancestors] if a.i in {x.i for x in tok.subtree})]
    return keep[0].idx, _end(keep[-1])


def _arguments(tok: Token, ctx: _Ctx) -> tuple[Actor | None, Actor | None]:
    """Actor and recipient of a phenomenon from the roles of the actor names in its phrase."""
    region = _region(tok)
    if tok.pos_ != "VERB" and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        region |= {t.i for c in tok.head.children if c.dep_ == "nsubj" for t in c.subtree}
    actor = recipient = None
    for span, resolved in _named(region, ctx):
        role = _role(span.root, tok)
        if role == "actor" and actor is None:
            actor = resolved
        elif role == "recipient" and recipient is None:
            recipient = resolved
    return actor, recipient


def _region(tok: Token) -> set[int]:
    """The tokens that can name a phenomenon's actor and recipient.

    A verb's subject, object, agent and role prepositions ("by", "against"),
    not its other clauses ("ceased, despite an announcement by X"); a noun's
    phrase, widened to its head in "the period of calm among X"."""
    if tok.pos_ == "VERB":
        keep = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "xcomp")
                or (c.dep_ == "prep" and c.lower_ in _AGENT_PREPS | _TARGET_PREPS)]
        return {tok.i} | {t.i for c in keep for t in c.subtree}
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        tok = tok.head.head
    return {t.i for t in tok.subtree}


def _named(region: set[int], ctx: _Ctx) -> list[tuple[Span, Actor]]:
    """Actor spans in the region, then NORP/GPE/ORG entities the KB knows, in text order."""
    found = [(s, span_actor(s, ctx.res.kb)) for s in ctx.actor_spans if s.start in region]
    covered = {i for s, _ in found for i in range(s.start, s.end)}
    for ent in ctx.doc.ents:  # "the United States" around the span "United States’ military forces" is that span
        if ent.label_ in _ENT_ACTORS and ent.start in region and not covered & set(range(ent.start, ent.end)):
            actor = ctx.res.kb.resolve(ent.text, ent.label_)
            if actor.id is not None:
                found.append((ent, actor))
    return sorted(found, key=lambda f: f[0].start)


def _role(tok: Token, phenomenon: Token) -> str | None:
    """Walk from a name up to the phenomenon word (or the noun it completes); the first role-bearing link decides."""
    between = [s for s in _coordinated(tok)]
    t = tok
    for _ in range(10):
        if t.i == phenomenon.i or (phenomenon.dep_ == "pobj" and t.i == phenomenon.head.head.i):
            return None
        if t.dep_ == "pobj" and t.head.lower_ in _AGENT_PREPS:
            return "actor"
        if t.dep_ == "pobj" and t.head.lower_ in _TARGET_PREPS:
            return "recipient"
        if t.dep_ == "pobj" and t.head.lower_ == "between":
            return "recipient" if between else "actor"
        if t.dep_ == "poss" or (t.dep_ in ("nsubj", "agent") and t.head.i == phenomenon.i):
            return "actor"
        if t.dep_ == "dobj" and t.head.i == phenomenon.i:
            return "recipient"
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _coordinated(tok: Token) -> list[Token]:
    """The earlier conjuncts of ``tok`` ("between X and Y": Y has X before it)."""
    return [t for t in tok.ancestors if tok.dep_ == "conj" and t.i < tok.i][:1]


def _period(tok: Token, ctx: _Ctx) -> DateSpan | None:
    """The period stated for the phenomenon ("since November 2", "in recent weeks"), if attached to it."""
    anchors = {tok.i, tok.head.i}
    for ent in ctx.doc.ents:
        if ent.label_ != "DATE" or not (tok.sent.start <= ent.start < tok.sent.end):
            continue
        heads = [a.i for a in list(ent.root.ancestors)[:3]]
        if not anchors & set(heads):
            continue
        prep = ent.root.head if ent.root.dep_ == "pobj" else None
        expression = f"{prep.text} {ent.text}" if prep is not None and prep.i == ent.start - 1 else ent.text
        span = dates.normalise(expression, anchor=ctx.published)
        if span is not None:
            return span
    return None


def _remember_phenomena(sent: Span, found: list[_Found], ctx: _Ctx) -> None:
    """The sentence's phenomena with an actor or recipient of their own become the current ones."""
    causes = [f.cause for f in found]
    for tok, direction in _phenomena(sent, ctx):
        if any(s <= tok.idx < e for s, e in causes):
            continue
        actor, recipient = _arguments(tok, ctx)
        if actor is None and recipient is None:
            continue
        key = direction in _DOWN
        previous = ctx.memory.get(key)
        if previous is not None and _describes(actor, previous.actor, ctx):
            actor = previous.actor  # "Iraqi resistance groups" after "the Islamic Resistance in Iraq": the same, named
        ctx.memory[key] = Phenomenon(direction, actor or (previous.actor if previous else None),
                                     recipient or (previous.recipient if previous else None))


def _describes(new: Actor | None, named: Actor | None, ctx: _Ctx) -> bool:
    """Whether ``new`` is a generic description ("Iraqi factions") of the already named actor ``named``."""
    if new is None or named is None or new.id is None or named.id is None or new.id == named.id:
        return False
    entry = ctx.res.kb.get(new.id)
    return entry is not None and entry.generic and ctx.res.kb.compatible(new.id, named.id)


# --- records -----------------------------------------------------------------------------------------------


def _explanation(sent: Span, found: _Found, ctx: _Ctx) -> Explanation:
    opening = found.cause[0] - sent.start_char < 20  # "Considering X, it seems that ...": the hedge follows
    upto = sent.text if opening else ctx.doc.text[sent.start_char:max(found.cause[1], sent.start_char)]
    said = attribute(found.cause[0], found.cause[1], ctx.quotes, text=upto, rules=ctx.res.speech)
    return _build(sent, found, said, ctx, relation=found.rule.relation)


def _build(sent: Span, found: _Found, said: Attribution, ctx: _Ctx, *, relation: str) -> Explanation:
    start, end = found.cause
    rule_id = found.rule.id
    doc_id = ctx.doc_id
    if found.phenomenon is None:
        raise ValueError(f"explanation {rule_id} at {start}-{end} of {doc_id} has no phenomenon")
    phenomenon = found.phenomenon
    return Explanation(
        id=stable_id(doc_id, sent.start_char, start, end, found.category, rule_id),
        doc_id=doc_id,
        sentence=TextSpan(doc_id, sent.start_char, sent.end_char, sent.text),
        cause=TextSpan(doc_id, start, end, ctx.doc.text[start:end]),
        category=found.category, phenomenon=phenomenon, rule_id=rule_id, relation=relation,
        proponent=said.speaker, proponent_text=said.speaker_text,
        stance="rejects" if found.negated or said.denies else "asserts",
        hedge=said.hedge, quote_id=said.quote_id,
    )


def _unique(explanations: list[Explanation]) -> list[Explanation]:
    """One explanation per cause phrase: the first rule that found it."""
    out: list[Explanation] = []
    for e in explanations:
        if all(not (e.cause.start < o.cause.end and o.cause.start < e.cause.end and e.category == o.category)
               for o in out):
            out.append(e)
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while True:
        while end > start and text[end - 1] in " ,.:;\n\"“”":
            end -= 1
        tail = re.search(r"\s(and|or|but)$", text[start:end])
        if tail is None:
            break
        end = start + tail.start()
    while start < end and text[start] in " ,\"“”-":
        start += 1
    return start, end


def _end(tok: Token) -> int:
    return tok.idx + len(tok.text)
