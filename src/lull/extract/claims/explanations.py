"""Why violence stopped or grew: explanations of halts, pauses, declines, resumptions and escalations.

An explanation links a cause to a phenomenon (the change in someone's
attacks, ``extract/phenomena.py``) and records who offers it. The rules are
data (``data/causes.yaml``, read by ``extract/causes.py``): cause categories
with cue patterns, the relations that link a cause to a phenomenon, and the
words that name a phenomenon. The mechanisms, each visible in
``Explanation.rule_id``:

``rel.cause_verb`` / ``rel.contribute_verb``  C "led to" / "contributed to" / "played a role in" / "is linked to" P
``rel.attribute``    X "attributed" P "to" C
``rel.because``      P "due to" / "because of" / "was the result of" C
``rel.context``      "Considering" / "given" C, ... P                           (relation "contributed")
``rel.auspices``     P "under the patronage of" / "brokered by" C                (relation "contributed")
``rel.speculation``  P "strengthens the speculations on" C
``rel.temporal``     P "three days after" C (only when C matches a category cue)
``rel.purpose``      P "to pave the way for" / "with the aim of" / "as a gesture of" C   (relation "aim")
``rel.copula``       P "is only a tactic for repositioning"                            (relation "aim")
``rel.standalone``   a sentence naming P and an explanatory cue ("the calm before the storm")
``rel.reasons``      X "presented reasons for" P (category from cues, else from X's KB entry)
``rel.noun_purpose`` a C "to stop" P ("Secret Deal To Stop Anti-US Attacks")
``rel.agent``        X "sought" / "requested" / "brokered" P (the clause is the cause)
``+item``            an item of a list under a lead that names P ("several factors have
                     contributed to the cessation of these attacks:"); it inherits the lead's
                     phenomenon, relation and proponent.

A connective explains the phenomenon of its own clause ("... which was well
received due to X" does not explain a halt elsewhere in the sentence); with
no phenomenon word there, a clause whose subject is the armed actor of the
document's current halt is about that halt ("These factions are attempting
to step out ... following the losses ..."). Coordinated causes of different
categories become separate explanations. A cause that only announces causes
("several factors") is none. The proponent is the speaker of the quote that
holds the cause (``extract/quotes.py``), or ``None`` for the outlet's own
voice; hedges come from ``speech.yaml``; a negated link ("not due to") or a
denying speaker ("denied that ...") makes the stance "rejects".
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ...knowledge import dates
from ...records import DateSpan, Explanation, Mention, Phenomenon, Quote
from ...records import Span as TextSpan
from .attribution import (
    Attribution,
    ListBlock,
    ListItem,
    SpeechRules,
    attribute,
    doc_id_of,
    list_blocks,
    stable_id,
)
from .causal import CausalCues, Relation, convention, find_relations
from .causes import CauseBook, RelationRule, categorise, category_of_actors
from ..doctext import text_of
from .phenomena import (
    Scene,
    actors_in,
    anaphoric_phenomenon,
    arguments,
    as_phenomenon,
    first_phenomenon,
    is_actor,
    named,
    phenomena,
    phenomenon,
    remember,
)

if TYPE_CHECKING:
    from ...knowledge.actors import ActorKB

_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "parataxis", "csubj"})
_CLAUSE_CUT = frozenset({",", ";", ":", "“", "”", '"'})


@dataclass(frozen=True, slots=True)
class ExplanationResources:
    """What the explanation finder consults: the actor KB, the speech cues, the cause book and the cause-effect
    cues (all from the run's ``Knowledge``; none falls back to a bundled file)."""

    kb: ActorKB
    speech: SpeechRules
    causes: CauseBook
    causal: CausalCues


# --- the finder ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    """A cause found in a sentence, before proponent and phenomenon are attached."""

    rule: RelationRule
    cause: tuple[int, int]  # character offsets
    category: str
    phenomenon: Phenomenon | None
    negated: bool = False
    mention_ids: tuple[str, ...] = ()


@dataclass
class _Ctx(Scene):
    """The scene plus what only the explanation finder needs: the document id, the rules and the quotes."""

    doc_id: str = ""
    speech: SpeechRules | None = None
    quotes: Sequence[Quote] = ()
    causal: CausalCues | None = None
    mentions: Sequence[Mention] = ()


@dataclass(frozen=True, slots=True)
class _Lead:
    block: ListBlock
    phenomenon: Phenomenon
    relation: str
    attribution: Attribution


def find_explanations(doc: Doc, *, res: ExplanationResources, quotes: Sequence[Quote]) -> list[Explanation]:
    """Every explanation of a parsed document, with proponents from ``quotes`` (``find_quotes``' output)."""
    published = doc._.lull_published if Doc.has_extension("lull_published") else None
    ctx = _Ctx(doc, res.kb, res.causes, list(doc.spans["lull_actors"]) if "lull_actors" in doc.spans else [],
               published, doc_id=doc_id_of(doc), speech=res.speech, quotes=quotes, causal=res.causal,
               mentions=(doc._.lull_mentions or []) if Doc.has_extension("lull_mentions") else [])
    blocks = list_blocks(text_of(doc), res.speech)
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
        remember(sent, [f.cause for f in found], ctx)
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
    if not sent.text.rstrip().endswith(ctx.speech.list_lead_endings):
        return None
    changes = phenomena(sent, ctx)
    if not changes:
        return None
    tok, direction = changes[0]
    relation = next((f.rule.relation for f in found), None) or _lead_relation(sent, ctx)
    attribution = attribute(sent.start_char, sent.end_char, ctx.quotes, text=sent.text, rules=ctx.speech)
    return _Lead(block, phenomenon(tok, direction, ctx), relation, attribution)


def _lead_relation(sent: Span, ctx: _Ctx) -> str:
    for rule in ctx.book.relation("subject"):
        if any(_verb_match(tok, rule) for tok in sent):
            return rule.relation
    return "caused"


def _item_explanations(sent: Span, lead: _Lead, item: ListItem, ctx: _Ctx) -> list[Explanation]:
    """One explanation per list item: its own cause phrase (or its first sentence), the lead's phenomenon."""
    doc = ctx.doc
    own = [dataclasses.replace(f, cause=_trim(text_of(doc), max(f.cause[0], item.content_start), f.cause[1]))
           for f in _subject_causes(sent, ctx, need_phenomenon=False) if f.cause[1] > item.content_start]
    start, end = own[0].cause if own else _trim(text_of(doc), item.content_start, sent.end_char)
    label = item.label or ""
    category = categorise(f"{label}. {text_of(doc)[start:end]}", ctx.book) or categorise(
        text_of(doc)[item.content_start:item.end], ctx.book)
    if category is None or _is_placeholder((start, end), ctx):
        return []
    rule = own[0].rule if own else RelationRule("rel.list", "subject", lead.relation)
    found = _Found(dataclasses.replace(rule, id=f"{rule.id}+item"), (start, end), category, lead.phenomenon,
                   own[0].negated if own else False)
    item_text = text_of(doc)[item.content_start:item.end]
    said = attribute(start, end, ctx.quotes, text=item_text, rules=ctx.speech)
    if said.speaker is None:
        said = dataclasses.replace(lead.attribution, hedge=said.hedge or lead.attribution.hedge)
    return [_build(sent, found, said, ctx, relation=rule.relation if own else lead.relation)]


def _sentence_causes(sent: Span, ctx: _Ctx) -> list[_Found]:
    found = [*_subject_causes(sent, ctx), *_attributions(sent, ctx), *_copulas(sent, ctx), *_connectives(sent, ctx),
             *_reasons(sent, ctx), *_noun_purposes(sent, ctx), *_agents(sent, ctx)]
    found += _standalone(sent, ctx, {f.category for f in found})
    found += [f for f in _causal(sent, ctx)
              if not any(f.cause[0] < o.cause[1] and o.cause[0] < f.cause[1] for o in found)]
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
    for rule in ctx.book.relation("subject"):
        for tok in sent:
            if not _verb_match(tok, rule):
                continue
            subject, target = _cause_and_target(tok)
            if subject is None or subject.pos_ == "PRON":
                continue
            cause = _trim(text_of(ctx.doc), subject.left_edge.idx, _end(subject.right_edge))
            phen = first_phenomenon(target, ctx) or anaphoric_phenomenon(target, ctx)
            if phen is None and need_phenomenon:
                continue
            category = categorise(text_of(ctx.doc)[cause[0]:cause[1]], ctx.book) or "other"
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
    for rule in ctx.book.relation("attribute"):
        for tok in sent:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in {v[0] for v in rule.verbs}:
                continue
            obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
            prep = next((c for c in tok.subtree if c.dep_ == "prep" and c.lower_ in ("to", "on")
                         and obj is not None and c.i > obj.i), None)
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            phen = first_phenomenon(list(obj.subtree), ctx) if obj is not None else None
            if pobj is None or phen is None:
                continue
            cause = _trim(text_of(ctx.doc), pobj.left_edge.idx, _end(pobj.right_edge))
            category = categorise(text_of(ctx.doc)[cause[0]:cause[1]], ctx.book) or "other"
            out.append(_Found(rule, cause, category, phen, _negated(tok)))
    return out


def _copulas(sent: Span, ctx: _Ctx) -> list[_Found]:
    """"the current calm is only a tactic for repositioning": a phenomenon said to be a cause category."""
    out = []
    for rule in ctx.book.relation("copula"):
        for tok in sent:
            if tok.lemma_.lower() != "be" or tok.pos_ not in ("AUX", "VERB"):
                continue
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            attr = next((c for c in tok.children if c.dep_ in ("attr", "acomp")), None)
            if subject is None or attr is None:
                continue
            if _opens_with_connective(attr, ctx):
                continue  # "was due to X", "was the result of X": the connective rules read these
            phen = first_phenomenon(list(subject.subtree), ctx)
            cause = _trim(text_of(ctx.doc), attr.left_edge.idx, _end(attr.right_edge))
            category = categorise(text_of(ctx.doc)[cause[0]:cause[1]], ctx.book)
            if phen is not None and category is not None:
                out.append(_Found(rule, cause, category, phen, _negated(tok)))
    return out


def _opens_with_connective(attr: Token, ctx: _Ctx) -> bool:
    words = [t.lower_ for t in attr.doc[attr.left_edge.i:attr.left_edge.i + 5]]
    return any(tuple(words[:len(p)]) == p for rule in ctx.book.relation("connective") for p in rule.phrases)


def _connectives(sent: Span, ctx: _Ctx) -> list[_Found]:
    """"due to C", "after C", "to pave the way for C": the cause runs to the end of the phrase's clause."""
    starts = sorted({(i, n, rule.id) for rule in ctx.book.relation("connective") for i, n in _phrase_hits(sent, rule)})
    rules = {r.id: r for r in ctx.book.relations}
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
        text = text_of(ctx.doc)[cause[0]:cause[1]]
        category = categorise(f"{ctx.doc[i:i + n].text} {text}", ctx.book)
        if category is None:
            continue
        phen = _nearest_phenomenon(sent, i, n, cause, ctx) or _actor_behaviour(ctx.doc[i], sent, ctx)
        if phen is None:
            continue
        negated = i > 0 and ctx.doc[i - 1].lower_ == "not"
        out.append(_Found(rule, cause, category, phen, negated))
    return out


def _reasons(sent: Span, ctx: _Ctx) -> list[_Found]:
    """"Qaani ... presented clear and logical reasons for ... halting attacks": the presenting is the cause.

    The category comes from the cause's cues, else from its agent's KB
    entry (a Quds Force commander's advice is a patron's instruction)."""
    out = []
    book = ctx.book
    for rule in book.relation("reasons"):
        for tok in sent:
            if tok.lemma_.lower() not in book.reason_nouns or tok.dep_ != "dobj" or tok.head.pos_ != "VERB":
                continue
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"), None)
            phen = first_phenomenon(list(prep.subtree), ctx) if prep is not None else None
            if phen is None:
                continue
            verb = tok.head
            cause = _trim(text_of(ctx.doc), verb.idx, _end(tok.right_edge))
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            agents = [a.id for a in actors_in(subject, ctx)] if subject is not None else []
            category = categorise(text_of(ctx.doc)[cause[0]:cause[1]], book) or category_of_actors(agents, book,
                                                                                               ctx.kb)
            if category is not None:
                out.append(_Found(rule, cause, category, phen, _negated(verb)))
    return out


def _noun_purposes(sent: Span, ctx: _Ctx) -> list[_Found]:
    """"Secret Deal To Stop Anti-US Attacks": a thing made to bring the change about is its cause."""
    out = []
    for rule in ctx.book.relation("noun_purpose"):
        for tok in sent:
            if tok.dep_ not in ("acl", "relcl") or tok.head.pos_ not in ("NOUN", "PROPN"):
                continue
            if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                continue
            found = as_phenomenon(tok, ctx)
            if found is None:
                continue
            noun = tok.head
            first = noun
            while first.i > 0 and (prev := ctx.doc[first.i - 1]).head.i == noun.i and \
                    prev.dep_ in ("compound", "amod") and not list(prev.children):
                first = prev  # "Secret Deal", not the headline words before it
            cause = _trim(text_of(ctx.doc), first.idx, _end(noun))
            category = categorise(text_of(ctx.doc)[cause[0]:cause[1]], ctx.book)
            if category is not None:
                out.append(_Found(rule, cause, category, phenomenon(found[0], found[1], ctx)))
    return out


def _agents(sent: Span, ctx: _Ctx) -> list[_Found]:
    """"The government ... sought a ceasefire, and the Americans ... pursued negotiations": the effort is the cause."""
    out = []
    for rule in ctx.book.relation("agent"):
        for tok in sent:
            if not _verb_match(tok, rule):
                continue
            obj = next((c for c in tok.children if c.dep_ in ("dobj", "pobj") or c.dep_ == "prep"), None)
            phen = first_phenomenon(list(obj.subtree), ctx) if obj is not None else None
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if phen is None or subject is None:
                continue
            clause = _coordinated_clause(tok)
            cause = _trim(text_of(ctx.doc), subject.left_edge.idx, _end(clause.right_edge))
            category = categorise(text_of(ctx.doc)[cause[0]:cause[1]], ctx.book)
            if category is not None:
                out.append(_Found(rule, cause, category, phen, _negated(tok)))
    return out


def _coordinated_clause(verb: Token) -> Token:
    """The last verb coordinated with ``verb`` ("sought a ceasefire, and ... pursued negotiations")."""
    last = verb
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ == "VERB":
            last = _coordinated_clause(child)
    return last


def _phrase_hits(sent: Span, rule: RelationRule) -> list[tuple[int, int]]:
    """Token index and length of every phrase of ``rule`` in the sentence, used as a connective."""
    out = []
    lowers = [t.lower_ for t in sent]
    for phrase in rule.phrases:
        n = len(phrase)
        for k, word in enumerate(lowers):
            if word != phrase[0] or tuple(lowers[k:k + n]) != phrase:
                continue
            tok = sent[k]
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
    return _trim(text_of(doc), doc[last.i + 1].idx, _end(doc[end_tok]))


def _standalone(sent: Span, ctx: _Ctx, seen: set[str]) -> list[_Found]:
    rule = next(iter(ctx.book.relation("standalone")), None)
    if rule is None:
        return []
    found = phenomena(sent, ctx, allow_compounds=True)
    if not found:
        return []
    out = []
    for category in ctx.book.categories:
        if category.id in seen:
            continue
        for cue in category.standalone:
            match = cue.search(sent.text)
            if match is not None:
                start, end = sent.start_char + match.start(), sent.start_char + match.end()
                tok, direction = found[0]
                out.append(_Found(rule, _noun_chunk(start, end, ctx), category.id, phenomenon(tok, direction, ctx)))
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
        if not any(c.dep_ in ("det", "poss") and c.i < tok.i for c in tok.children):
            continue  # "ongoing threats and attacks directed at X": one cause with shared modifiers
        cc = next((c for c in tok.head.children if c.dep_ == "cc" and c.i < tok.left_edge.i), None)
        cut = cc.idx if cc is not None else tok.left_edge.idx
        first, second = _trim(text_of(doc), start, cut), _trim(text_of(doc), tok.left_edge.idx, end)
        kinds = [categorise(text_of(doc)[a:b], ctx.book) for a, b in (first, second)]
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
    words = re.findall(r"[a-z]+", text_of(ctx.doc)[cause[0]:cause[1]].lower())
    content = [w for w in words if w not in ("several", "many", "some", "the", "these", "those", "various",
                                            "number", "of", "a", "certain", "other", "main", "key")]
    return bool(content) and all(w in ctx.book.placeholders for w in content)


# --- cause-effect relations (data/patterns/causal.yaml) ----------------------------------------------


def _causal(sent: Span, ctx: _Ctx) -> list[_Found]:
    """Relations whose effect is an armed actor's activity changing: a halt or decline named as such, a
    strike or attack launched (an escalation), or the decline a strike aims at ("to degrade ...")."""
    if ctx.causal is None:
        return []
    out = []
    for rel in find_relations(sent, ctx.causal):
        out.extend(_relation_found(rel, sent, ctx))
    return out


def _relation_found(rel: Relation, sent: Span, ctx: _Ctx) -> list[_Found]:
    doc, book = ctx.doc, ctx.book
    rule = RelationRule(rel.cue.id + (".implied" if rel.cue.implied else ""), "causal", rel.cue.relation)
    effect = doc[rel.effect[0]:rel.effect[1]]
    cause_chars = (doc[rel.cause[0]].idx, _end(doc[rel.cause[1] - 1])) if rel.cause is not None else (0, 0)
    if rel.cue.kind == "purpose" and _idle_aim(rel, ctx):
        return []  # "intended to limit the risk of escalation": how, not why
    if doc[rel.effect_head].lemma_.lower() in ctx.causal.defensive_acts:
        return []  # "intercepted dozens of missiles after X launched ...": a defence, no escalation
    linked = _linked_mentions(effect, ctx)
    if rel.cue.implied and linked and all(m.modality == "claimed" for m in linked):
        return []  # "The day after the rocket attacks, SAD claimed responsibility": when it was claimed, no cause
    strike = linked[0] if linked else None
    if rel.cause is None and rel.cue.kind == "reply" and not any(m.type == "ASSAULT" for m in linked):
        return []  # "responded by calling for talks": no strike answers the sentence before
    # "prepared to disarm to avert a war": the effect is itself a change; aims only tell what a strike is for
    aims = _aims(rel, ctx) if not _changes_in(effect, sent, ctx) else []
    if aims and not (linked or _names_activity(effect, ctx)):
        return []  # "troops who continue to stand guard to prevent further conflict": no strike aims at anything
    parts: list[tuple[tuple[int, int], Phenomenon | None, str]] = []  # (cause chars, phenomenon, cause text)
    if aims:  # "taken to degrade their capabilities and deter future attacks": a decline of the strikes' targets
        strike = strike or _activity_mention(effect, sent, ctx, cause_chars)
        if strike is None:
            return []
        period = _strike_period(strike, sent, ctx) or _sentence_date(sent, cause_chars, ctx)
        for aim, direction, last in aims:
            chars = _trim(text_of(doc), aim.idx, _end(_aim_end(last)))
            aimed_at = named({t.i for o in last.children if o.dep_ == "dobj" for t in o.subtree}, ctx)
            actor = aimed_at[0][1] if aimed_at else _first(strike.recipients)  # "degrade militias' capabilities"
            phen = Phenomenon(direction, actor, _first(strike.actors), period, text=effect.text)
            parts.append((chars, phen, text_of(doc)[chars[0]:chars[1]]))
    elif rel.cue.prospective:
        phen = _threatened(rel, effect, ctx)
        if phen is None:
            return []
        parts.append((cause_chars, phen, text_of(doc)[cause_chars[0]:cause_chars[1]]))
    else:
        phen = _effect_phenomenon(effect, sent, strike, ctx, cause_chars,
                                  change_only=rel.cue.needs_change,
                                  any_strike=rel.cue.kind == "message",
                                  linked_only=rel.cue.kind == "purpose")
        if phen is None:
            return []
        if rel.cue.kind == "reply":  # "U.S. forces responded to the drone attack": the responders escalate
            phen = dataclasses.replace(phen, actor=_subject_actor(doc[rel.signal[0]], ctx) or phen.actor)
        if rel.cue.kind == "purpose" and phen.direction == "escalation" and phen.actor is None:
            return []  # "Patriot missiles were launched to defend the base": nobody is said to strike anyone
        if strike is None and phen.direction == "escalation":
            strike = _activity_mention(effect, sent, ctx, cause_chars)
        if phen.period is None:
            phen = dataclasses.replace(phen, period=_period_of(rel, sent, strike, cause_chars, ctx))
        if phen.actor is None and phen.direction == "escalation" and not rel.cue.implied:
            phen = dataclasses.replace(phen, actor=_attacked(cause_chars, ctx))  # who answers the attacks on it
        causes = rel.parts or ((rel.cause,) if rel.cause is not None else ())
        before = _sentence_before(sent)
        if not causes and before is not None:  # "This led to ...": the sentence before is the cause, clause by clause
            causes = _clauses(_last_sentence(before))
        for a, b in causes:
            chars = _without_aside(_trim(text_of(doc), doc[a].idx, _end(doc[b - 1])), ctx)
            parts.append((chars, phen, text_of(doc)[chars[0]:chars[1]]))
    out = []
    if rel.cue.kind == "reply" and _negated(doc[rel.signal[0]]):
        return []  # "not responding to ...": no reply happened
    for chars, phen, text in parts:
        if phen is None or chars[1] <= chars[0] or _only_time(chars, ctx):
            continue
        if rel.cue.implied and _time_or_own_act(chars, ctx):
            continue
        cue_category = categorise(text, book)
        actor_ids = tuple(a.id for a in (phen.actor,) if a is not None and a.id is not None)
        category, _ = convention(ctx.causal, category=cue_category, direction=phen.direction,
                                 relation=rel.cue.relation, actor_ids=actor_ids, within=ctx.kb.compatible)
        negated = rel.cue.stance == "rejects" or _negated(doc[rel.signal[0]])
        out.append(_Found(rule, chars, category, phen, negated,
                          mention_ids=tuple(m.id for m in linked) or ((strike.id,) if strike is not None else ())))
    return out


def _threatened(rel: Relation, effect: Span, ctx: _Ctx) -> Phenomenon | None:
    """"The United States will act ... should these attacks continue": the act threatened (an escalation by
    its subject) when the condition is attacks going on and the act is a response (``answer_verbs``) or a strike."""
    doc = ctx.doc
    condition = doc[rel.cause[0]:rel.cause[1]]
    if not _names_activity(condition, ctx):
        return None  # "if the talks continue": no violence to answer
    act = doc[rel.effect_head]
    if act.lemma_.lower() not in ctx.causal.answer_verbs and not _names_activity(effect, ctx):
        return None
    return Phenomenon("escalation", _subject_actor(act, ctx), None, None, text=effect.text)


def _subject_actor(verb: Token, ctx: _Ctx):
    """The actor named in the verb's subject, if any."""
    for tok in [verb, *list(verb.ancestors)[:4]]:  # "policymakers may evaluate means of ... responding to X"
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            found = named({t.i for t in subject.subtree}, ctx)
            return found[0][1] if found else None
    return None


def _without_aside(chars: tuple[int, int], ctx: _Ctx) -> tuple[int, int]:
    """A cause cut before a parenthetical list of examples ("such attacks (such as diplomacy or military
    strikes ..."): the examples are not the cause, and their words would pick its category."""
    text = text_of(ctx.doc)
    inner = text[chars[0]:chars[1]].lower()
    cuts = [k for opener in ctx.causal.aside_openers if (k := inner.find(f"({opener} ")) > 0]
    return _trim(text, chars[0], chars[0] + min(cuts)) if cuts else chars


def _attacked(cause: tuple[int, int], ctx: _Ctx):
    """"in response to attacks directed at U.S. bases": the side attacked is the side responding."""
    for m in ctx.mentions:
        if m.type != "ASSAULT" or not cause[0] <= m.trigger.start < cause[1]:
            continue
        if m.recipients:
            return m.recipients[0]
        tok = ctx.doc.char_span(m.trigger.start, m.trigger.end, alignment_mode="expand")
        if tok is not None:
            _, recipient = arguments(tok.root, ctx)
            if recipient is not None:
                return recipient
    return None


def _idle_aim(rel: Relation, ctx: _Ctx) -> bool:
    """A purpose whose object is a risk or a harm to limit ("to limit the risk of escalation", "to minimize
    casualties"): it says how the act was done, not why."""
    if rel.aim_head is None:
        return False
    head = ctx.doc[rel.aim_head]
    verbs = [head, *(c for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    objects = [c for v in verbs for c in v.children if c.dep_ == "dobj"]
    return bool(objects) and all(o.lemma_.lower() in ctx.causal.not_aim_objects for o in objects)


def _sentence_before(sent: Span) -> Span | None:
    """The sentence before, passing over reference marks ("[10]") and other lines without a word."""
    k = sent.start
    while k > 0:
        before = sent.doc[k - 1].sent
        if any(t.is_alpha for t in before):
            return before
        k = before.start
    return None


def _last_sentence(sent: Span) -> Span:
    """The last sentence of a parsed one that runs on over a reference mark ("... war.[4] During the war, ...":
    the parser sees no break after a Wikipedia citation)."""
    doc = sent.doc
    start = sent.start
    for tok in sent[:-1]:
        nxt = doc[tok.i + 1]
        if nxt.is_title and (_REFERENCE_END.search(tok.text) or (tok.text == "]" and tok.i > sent.start
                                                                  and _REFERENCE_OPEN.search(doc[tok.i - 1].text))):
            start = tok.i + 1
    return doc[start:sent.end]


_REFERENCE_END = re.compile(r"[.!?]\[\d+\]$")
_REFERENCE_OPEN = re.compile(r"[.!?]\[\d+$")


def _clauses(sent: Span) -> tuple[tuple[int, int], ...]:
    """A sentence's coordinated clauses with subjects of their own ("the IRI supported Hamas and the United
    States supported Israel": two), each without the sentence's opening adverbials; else the sentence.
    A subject the parser hung on the first clause's object ("Hamas and the United States") still counts."""
    root = sent.root
    starts = []
    for verb in (c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            starts.append(subject.left_edge.i)
            continue
        cc = next((t for t in reversed(sent.doc[root.i + 1:verb.i]) if t.dep_ == "cc"), None)
        if cc is not None and cc.i + 1 < verb.left_edge.i and any(
                t.pos_ in ("PROPN", "NOUN") for t in sent.doc[cc.i + 1:verb.i]):
            starts.append(cc.i + 1)
    for verb in (c for c in root.children if c.dep_ == "ccomp" and c.lemma_ == root.lemma_):
        # "the IRI supported [Hamas and the United States supported Israel]": the second subject is the
        # conjunct of the first clause's object, which the parser made the repeated verb's subject
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        conj = next((c for c in subject.children if c.dep_ == "conj"), None) if subject is not None else None
        if conj is not None:
            starts.append(conj.left_edge.i)
    if not starts:
        return ((sent.start, sent.end),)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    bounds = [subject.left_edge.i if subject is not None else sent.start, *starts, sent.end]
    return tuple((a, b - 1 if sent.doc[b - 1].dep_ == "cc" else b) for a, b in zip(bounds, bounds[1:]))


def _period_of(rel: Relation, sent: Span, strike: Mention | None, cause: tuple[int, int], ctx: _Ctx) -> DateSpan | None:
    """When the change began: the date of the strike it is (or of an earlier report of it); for "since X"
    and "during X" the start of X; else a date the sentence gives outside the cause ("In April 2025, ...")."""
    if rel.cue.needs_change:
        span = _date_in(cause, ctx) or _mention_date(cause, ctx)
        if span is not None:
            return span
    if strike is not None and _definite(strike.date):
        return strike.date
    return _sentence_date(sent, cause, ctx) or _strike_period(strike, sent, ctx) or _answered_day(cause, ctx)


def _answered_day(cause: tuple[int, int], ctx: _Ctx) -> DateSpan | None:
    """The day of the act a reply answers ("fired rockets in response to U.S. airstrikes" of 28 June): with no
    date of its own, the reply is dated no earlier than that day, and the scheme codes it there."""
    span = _mention_date(cause, ctx)
    return span if _definite(span) and span.precision == "day" else None


def _date_in(chars: tuple[int, int], ctx: _Ctx) -> DateSpan | None:
    """The date a cause phrase states ("the war erupted in October", "the 2019-2021 crisis")."""
    span = dates.normalise(text_of(ctx.doc)[chars[0]:chars[1]], anchor=ctx.published)
    if span is not None:
        return span
    for ent in ctx.doc.ents:
        if ent.label_ == "DATE" and chars[0] <= ent.start_char < chars[1]:
            span = dates.normalise(ent.text, anchor=ctx.published)
            if span is not None:
                return span
    return None


def _mention_date(chars: tuple[int, int], ctx: _Ctx) -> DateSpan | None:
    return next((m.date for m in ctx.mentions if chars[0] <= m.trigger.start < chars[1] and m.date is not None), None)


def _sentence_date(sent: Span, cause: tuple[int, int], ctx: _Ctx) -> DateSpan | None:
    """A date of the sentence outside the cause, attached to its main clause ("In April 2025, the IRI said ...",
    "conducted airstrikes yesterday")."""
    for ent in sent.ents:
        if ent.label_ != "DATE" or cause[0] <= ent.start_char < cause[1]:
            continue
        if not any(a.i == sent.root.i for a in [ent.root, *list(ent.root.ancestors)[:3]]):
            continue
        span = dates.normalise(ent.text, anchor=ctx.published)
        if span is not None and span.precision != "year":
            return span
    return None


def _definite(span: DateSpan | None) -> bool:
    """A date that places an event: one day, week or month with a known start (year-less "--02-02" included),
    not a bare year ("pursuant to the 2001 AUMF" dating "the strikes"), an "on or before" bound, nor a
    stretch from one date to another ("since November 2023" up to the report)."""
    if span is None or (span.start is None and span.start_md is None) or span.precision not in ("day", "week", "month"):
        return False
    if span.start is None or span.end is None:
        return span.end is None or span.start is None and span.end_md in (None, span.start_md)
    limit = {"day": 1, "week": 7, "month": 31}[span.precision]
    return (span.end - span.start).days < limit


def _strike_period(strike: Mention | None, sent: Span, ctx: _Ctx) -> DateSpan | None:
    """When the explained strike happened: its own date when that places it, else the date of an earlier
    report of the same strike ("The attack was launched in retaliation ..." after "On 2 February 2024, the
    United States Air Force launched a series of airstrikes"), else whatever its own date says."""
    if strike is None:
        return None
    if _definite(strike.date):
        return strike.date
    earlier = _dated_before(strike, sent, ctx)
    return earlier if _definite(earlier) else strike.date or earlier


def _dated_before(strike: Mention | None, sent: Span, ctx: _Ctx) -> DateSpan | None:
    """The date of an earlier report of the same strike ("The strikes were taken to ..." after "On January 23,
    U.S. forces struck ..."): the latest dated mention of the same type and actors before the sentence."""
    if strike is None:
        return None
    ids = {a.id for a in strike.actors if a.id}
    same = [m for m in ctx.mentions if m.type == strike.type and _definite(m.date) and m.trigger.start < sent.start_char
            and (not ids or ids & {a.id for a in m.actors if a.id})]
    return max(same, key=lambda m: m.trigger.start).date if same else None


def _aims(rel: Relation, ctx: _Ctx) -> list[tuple[Token, str, Token]]:
    """The reduction verbs of a purpose clause, each with the direction it aims at ("degrade": decline)."""
    if rel.aim_head is None or rel.cue.kind != "purpose":
        return []
    doc = ctx.doc
    head = doc[rel.aim_head]
    verbs = [head, *(c for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    out = []
    waiting: list[Token] = []  # "disrupting and degrading the capabilities": verbs sharing the next one's object
    for verb in verbs:
        direction = next((d for d, lemmas in ctx.causal.reduction_aims if verb.lemma_.lower() in lemmas), None)
        own = [c for c in verb.children if c.dep_ == "dobj"]
        if not own and verb is not verbs[-1]:
            waiting.append(verb)
            continue
        objects = own or [c for c in head.children if c.dep_ == "dobj" and verb.i != head.i]
        first, waiting = (waiting[0] if waiting else verb), []
        if any(o.lemma_.lower() in ctx.causal.not_aim_objects for o in objects):
            continue  # "limit the risk of escalation", "avoid civilian casualties"
        if direction is not None:
            out.append((first, direction, verb))
    return out


def _aim_end(verb: Token) -> Token:
    """The last token of a coordinated aim's own phrase ("degrade X" in "degrade X and deter Y")."""
    own = [t for t in verb.subtree if not (t.dep_ == "conj" and t.head.i == verb.i) and
           not any(a.dep_ == "conj" and a.head.i == verb.i for a in t.ancestors if a.i in {x.i for x in verb.subtree})]
    own = [t for t in own if t.dep_ != "cc" and not t.is_punct]
    return max(own, key=lambda t: t.i) if own else verb


def _effect_phenomenon(effect: Span, sent: Span, strike: Mention | None, ctx: _Ctx, cause: tuple[int, int],
                       *, change_only: bool = False, any_strike: bool = False,
                       linked_only: bool = False) -> Phenomenon | None:
    """The change the effect clause names: a phenomenon word, else an armed activity (an escalation).

    ``change_only``: only a phenomenon word ("surged since X"); ``linked_only``: the activity must be a
    mention in the effect itself (a purpose clause: "the operation to advise partner forces" is no strike);
    ``any_strike``: the latest strike will do ("we sent a clear message": the strikes did)."""
    changes = _changes_in(effect, sent, ctx)
    if changes:
        tok, direction = changes[0]
        return phenomenon(tok, direction, ctx)
    if change_only or (linked_only and strike is None):
        return None
    attacked = _came_under_attack(effect, ctx)
    if attacked is not None:  # "U.S. forces came under fire, following X": unnamed attackers escalate against them
        target = named({t.i for t in attacked.subtree}, ctx)
        return Phenomenon("escalation", None, target[0][1] if target else None, _strike_period(strike, sent, ctx),
                          text=effect.text)
    if any_strike and not (_names_activity(effect, ctx) or _armed_sender(effect, ctx)):
        return None  # "President Biden sent a clear message": a statement, not a strike's message
    if strike is None and not any_strike and not _names_activity(effect, ctx):
        return None
    strike = strike or _activity_mention(effect, sent, ctx, cause, ahead=any_strike)
    hit = {(a.id, a.text) for a in strike.recipients} if strike is not None else set()
    named_here = [(s, a) for s, a in named({t.i for t in effect}, ctx)
                  if (a.id, a.text) not in hit]  # "leading to attacks on US troops": the troops were hit
    actor = _first(strike.actors) if strike is not None and strike.actors else (
        named_here[0][1] if named_here else None)
    recipient = _first(strike.recipients) if strike is not None and strike.recipients else None
    return Phenomenon("escalation", actor, recipient, _strike_period(strike, sent, ctx), text=effect.text)


def _came_under_attack(effect: Span, ctx: _Ctx) -> Token | None:
    """The subject of "came under fire", "were under attack": the side attacked, when the clause says so."""
    words = ctx.book.activity_nouns
    for head in (t for t in effect if t.head.i == t.i or not effect.start <= t.head.i < effect.end):
        under = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "under"
                 and any(o.dep_ == "pobj" and o.lemma_.lower() in words for o in c.children)]
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if under and subject is not None:
            return subject
    return None


def _changes_in(effect: Span, sent: Span, ctx: _Ctx) -> list[tuple[Token, str]]:
    """The change words of the effect clause, and the one governing it ("stopped targeting US bases on
    instructions from X": the instructions explain the stopping)."""
    heads = [t for t in effect if t.head.i == t.i or not effect.start <= t.head.i < effect.end]
    governors = {h.head.i for h in heads if h.dep_ in ("xcomp", "ccomp") and h.head.i != h.i}
    return [(t, d) for t, d in phenomena(sent, ctx) if effect.start <= t.i < effect.end or t.i in governors]


def _armed_sender(effect: Span, ctx: _Ctx) -> bool:
    """The effect's head is a force that strikes ("the United States military", "we" of a briefer)."""
    senders = ctx.causal.message_senders
    return any(t.lemma_.lower() in senders or t.lower_ in senders for t in effect
               if t.head.i == t.i or not effect.start <= t.head.i < effect.end)


def _names_activity(effect: Span, ctx: _Ctx) -> bool:
    """The effect clause is about attacks: its head, or the head's subject or object, is an activity noun
    ("These strikes were authorized", "The attack was launched") or a reply verb ("responded")."""
    words = ctx.book.activity_nouns
    replies = {v[0] for c in ctx.causal.cues if c.kind == "reply" for v in c.verbs}
    heads = [t for t in effect if t.head.i == t.i or not effect.start <= t.head.i < effect.end]
    core = [*heads, *(c for h in heads for c in h.children if c.dep_ in ("nsubj", "nsubjpass", "dobj"))]
    return any(t.lemma_.lower() in words or t.lemma_.lower() in replies or t.lower_.rstrip("s") in words for t in core)


def _time_or_own_act(chars: tuple[int, int], ctx: _Ctx) -> bool:
    """A timing link whose "cause" opens with a date ("since February 2, when ...") or is an act of the
    effect's own actor ("after halting attacks"): a time reference, not an implied cause."""
    span = ctx.doc.char_span(chars[0], chars[1], alignment_mode="expand")
    # the phrase's head, not its first word: "the October 7, 2023, Hamas-led assault" is an event
    return span is not None and len(span) > 0 and (span.root.ent_type_ in ("DATE", "TIME") or span[0].tag_ == "VBG")


def _only_time(chars: tuple[int, int], ctx: _Ctx) -> bool:
    """"during the quarter", "since November 2023": a time, not a cause."""
    span = ctx.doc.char_span(chars[0], chars[1], alignment_mode="expand")
    if span is None:
        return False
    content = [t for t in span if not (t.is_stop or t.is_punct or t.ent_type_ in ("DATE", "TIME", "CARDINAL"))]
    return all(t.lemma_.lower() in ("quarter", "period", "year", "month", "week", "day", "time") for t in content)


def _linked_mentions(effect: Span, ctx: _Ctx) -> list[Mention]:
    """The event mentions whose trigger is in the effect clause (the strike, the halt)."""
    start, end = effect.start_char, effect.end_char
    return [m for m in ctx.mentions if start <= m.trigger.start < end and m.type in ("ASSAULT", "RETREAT", "CONCEDE")]


def _activity_mention(effect: Span, sent: Span, ctx: _Ctx, cause: tuple[int, int] = (0, 0),
                      ahead: bool = False) -> Mention | None:
    """An armed activity the effect refers back to ("These strikes"): the latest ASSAULT mention up to
    this sentence that names its actor, not one inside the cause (the attack that was answered).
    ``ahead``: with none before, the first one after will do (a lede's "sent a clear message" comes
    before the report of the strikes that sent it)."""
    acts = [m for m in ctx.mentions if m.type == "ASSAULT" and m.actors and not cause[0] <= m.trigger.start < cause[1]]
    before = [m for m in acts if m.trigger.start < sent.end_char]
    if before:
        return max(before, key=lambda m: m.trigger.start)
    return min(acts, key=lambda m: m.trigger.start) if ahead and acts else None


def _first(actors) -> object | None:
    return actors[0] if actors else None


# --- phenomena -------------------------------------------------------------------------------------------


def _nearest_phenomenon(sent: Span, at: int, n: int, cause: tuple[int, int], ctx: _Ctx) -> Phenomenon | None:
    """The phenomenon a connective at token ``at`` explains: the nearest outside the cause, earlier ones first."""
    clause = _clause_of(ctx.doc, at, n)
    candidates = [(tok, d) for tok, d in phenomena(sent, ctx)
                  if not cause[0] <= tok.idx < cause[1] and clause.left_edge.i <= tok.i <= clause.right_edge.i]
    if not candidates:
        return None
    tok, direction = min(candidates, key=lambda c: (c[0].i > at, abs(c[0].i - at)))
    return phenomenon(tok, direction, ctx, exclude=cause)


def _clause_of(doc: Doc, at: int, n: int) -> Token:
    """The verb whose clause the connective ``doc[at:at+n]`` attaches to.

    "... was well received due to X": "received" (not the sentence root, so a
    halt elsewhere in the sentence is not what X explains); "to allow X"
    attaches to the verb above "allow"."""
    inside = range(at, at + n)
    t = next((tok.head for tok in doc[at:at + n] if tok.head.i not in inside), doc[at].head)
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") and t.dep_ in _CLAUSE_DEPS:  # not a gerund object ("attacks on shipping")
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
        if subject is not None and is_actor(subject, current.actor, ctx):
            return dataclasses.replace(current, text=None)
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


# --- records -----------------------------------------------------------------------------------------------


def _explanation(sent: Span, found: _Found, ctx: _Ctx) -> Explanation:
    opening = found.cause[0] - sent.start_char < 20  # "Considering X, it seems that ...": the hedge follows
    upto = sent.text if opening else text_of(ctx.doc)[sent.start_char:max(found.cause[1], sent.start_char)]
    said = attribute(found.cause[0], found.cause[1], ctx.quotes, text=upto, rules=ctx.speech)
    if said.speaker is None and said.speaker_text is None:
        closing = _paragraph_speaker(sent, ctx)
        if closing is not None:
            said = dataclasses.replace(said, speaker=closing.speaker, speaker_text=closing.speaker_text,
                                       quote_id=closing.id)
    return _build(sent, found, said, ctx, relation=found.rule.relation)


def _paragraph_speaker(sent: Span, ctx: _Ctx) -> Quote | None:
    """A paragraph that ends "..., Kirby said." is Kirby's throughout: the quote whose content opens the
    paragraph's last sentence, when the explanation's sentence is earlier in the same paragraph."""
    text = text_of(ctx.doc)
    here = _stripped_end(text, sent.start_char, sent.end_char)  # a sentence may carry its paragraph break
    end = text.find("\n", here)
    end = len(text) if end < 0 else end
    for quote in ctx.quotes:
        last = _stripped_end(text, quote.sentence.start, quote.sentence.end)  # "..., Kirby said.\n\n"
        if not (sent.start_char <= quote.sentence.start and last <= end):
            continue
        if "\n" in text[here:quote.sentence.start] or text[last:end].strip():
            continue  # another paragraph, or not its last sentence
        if quote.content.start - quote.sentence.start <= 3 and (quote.speaker is not None or quote.speaker_text):
            return quote
    return None


def _stripped_end(text: str, start: int, end: int) -> int:
    return start + len(text[start:end].rstrip())


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
        cause=TextSpan(doc_id, start, end, text_of(ctx.doc)[start:end]),
        category=found.category, phenomenon=phenomenon, rule_id=rule_id, relation=relation,
        proponent=said.speaker, proponent_text=said.speaker_text,
        stance="rejects" if found.negated or said.denies else "asserts",
        hedge=said.hedge, quote_id=said.quote_id, mention_ids=found.mention_ids,
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
    """Strip punctuation and a dangling conjunction from both ends, keeping a quotation mark that a
    kept one opens ('a "temporary tactic"')."""
    start, end = _strip_ends(text, start, end)
    inner = text[start:end]
    if end < len(text) and text[end] in "\"”" and (inner.count('"') % 2 == 1 or inner.count("“") > inner.count("”")):
        end += 1
    return start, end


def _strip_ends(text: str, start: int, end: int) -> tuple[int, int]:
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
