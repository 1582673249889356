"""Phenomena: the words that name a change in someone's attacks, and who attacks whom in it.

``phenomena`` finds the halt, pause, decline, resumption and escalation
words of a sentence (lexicon in ``data/causes.yaml``: a word that needs an
activity counts only with attacks, operations ... around it; "prevent further
escalation" is a halt being sought; "a ceasefire plan" is a thing).
``phenomenon`` turns one into a ``records.Phenomenon``: its actor and
recipient come from the roles of the actor names in its phrase ("attacks by X
against Y", "calm among X in their conflict with Y", "ceasefire between X and
Y"); what the phrase leaves open comes from the document's current
phenomenon of the same sense (``Scene.memory``), which ``remember`` updates
sentence by sentence without letting a generic description ("Iraqi
factions") or a whole ("the United States") replace a named part.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ...records import Actor, DateSpan, Phenomenon
from ...knowledge import dates
from .attribution import span_actor
from .causes import CauseBook
from ..doctext import text_of

if TYPE_CHECKING:
    from ...knowledge.actors import ActorKB

DOWN = frozenset({"halt", "pause", "decline"})
_AGENT_PREPS = frozenset({"by", "from", "among", "amongst"})
_TARGET_PREPS = frozenset({"against", "on", "at", "targeting", "toward", "towards", "upon", "with", "into"})
_ENT_ACTORS = frozenset({"NORP", "GPE", "ORG"})
_ACTOR_NOUNS = frozenset({"faction", "group", "militia", "resistance", "fighter", "movement"})


@dataclass
class Scene:
    """One document as the phenomenon reader sees it; ``memory`` holds the current phenomenon per sense."""

    doc: Doc
    kb: ActorKB
    book: CauseBook
    actor_spans: list[Span]
    published: DateSpan | None
    memory: dict[bool, Phenomenon] = field(default_factory=dict)  # key: is a "down" direction (halt/pause/decline)


def phenomena(sent: Span, ctx: Scene, allow_compounds: bool = False) -> list[tuple[Token, str]]:
    return [p for tok in sent if (p := as_phenomenon(tok, ctx, allow_compounds)) is not None]


def as_phenomenon(tok: Token, ctx: Scene, allow_compounds: bool = False) -> tuple[Token, str] | None:
    """``(tok, direction)`` if the word names a change in attacks here, else None."""
    book = ctx.book
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
        if direction in DOWN or blocker.lemma_.lower() not in book.preventers:
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


def _has_activity(tok: Token, ctx: Scene) -> bool:
    """"the halt in attacks", "operations have ceased", "the number of attacks decreased"."""
    words = ctx.book.activity_nouns
    region = list(tok.subtree)
    if tok.pos_ == "VERB":
        region += [t for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
    after = tok.doc[tok.i + 1:tok.i + 4]  # "attributed the halt in attacks to ...": the parser may hang "in attacks" elsewhere
    return (any((t.lemma_.lower() in words or t.lower_.rstrip("s") in words) and t.i != tok.i
                for t in [*region, *after])
            or tok.head.lemma_.lower() in words)


def first_phenomenon(tokens: list[Token], ctx: Scene) -> Phenomenon | None:
    for tok in tokens:
        found = as_phenomenon(tok, ctx)
        if found is not None:
            return phenomenon(found[0], found[1], ctx)
    return None


def anaphoric_phenomenon(tokens: list[Token], ctx: Scene) -> Phenomenon | None:
    """"is linked to these developments": a demonstrative placeholder stands for the current halt."""
    current = ctx.memory.get(True)
    for tok in tokens:
        if (current is not None and tok.lemma_.lower() in ctx.book.placeholders
                and any(c.dep_ == "det" and c.lower_ in ("this", "these") for c in tok.children)):
            return dataclasses.replace(current, text=ctx.doc[tok.left_edge.i:tok.i + 1].text)
    return None


def phenomenon(tok: Token, direction: str, ctx: Scene, exclude: tuple[int, int] = (0, 0)) -> Phenomenon:
    """The phenomenon ``tok`` names, with missing actor/recipient from the previous one of the same sense.

    Names inside ``exclude`` (the cause's characters) are never its actor or recipient."""
    actor, recipient = arguments(tok, ctx, exclude)
    start, end = _phrase(tok)
    phen = Phenomenon(direction=direction, actor=actor, recipient=recipient, period=_period(tok, ctx),
                      text=text_of(ctx.doc)[start:end])
    previous = ctx.memory.get(direction in DOWN)
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


def arguments(tok: Token, ctx: Scene, exclude: tuple[int, int] = (0, 0)) -> tuple[Actor | None, Actor | None]:
    """Actor and recipient of a phenomenon from the roles of the actor names in its phrase."""
    region = {i for i in _region(tok) if not exclude[0] <= ctx.doc[i].idx < exclude[1]}
    if tok.pos_ != "VERB" and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        region |= {t.i for c in tok.head.children if c.dep_ == "nsubj" for t in c.subtree}
    actor = recipient = None
    for span, resolved in named(region, ctx):
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


def named(region: set[int], ctx: Scene) -> list[tuple[Span, Actor]]:
    """Actor spans in the region, then NORP/GPE/ORG entities the KB knows, in text order."""
    found = [(s, span_actor(s, ctx.kb)) for s in ctx.actor_spans if s.start in region]
    covered = {i for s, _ in found for i in range(s.start, s.end)}
    for ent in ctx.doc.ents:  # "the United States" around the span "United States’ military forces" is that span
        if ent.label_ in _ENT_ACTORS and ent.start in region and not covered & set(range(ent.start, ent.end)):
            actor = ctx.kb.resolve(ent.text, ent.label_)
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


def _period(tok: Token, ctx: Scene) -> DateSpan | None:
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


def is_actor(subject: Token, actor: Actor, ctx: Scene) -> bool:
    ids = {t.i for t in subject.subtree}
    for span in ctx.actor_spans:
        if span.start in ids and span.id_ and actor.id and ctx.kb.compatible(span.id_, actor.id):
            return True
    return subject.lemma_.lower() in _ACTOR_NOUNS and any(c.lower_ in ("these", "those", "the") for c in subject.children)


def actors_in(head: Token, ctx: Scene) -> list[Actor]:
    return [actor for _, actor in named({t.i for t in head.subtree}, ctx)]


def remember(sent: Span, causes: list[tuple[int, int]], ctx: Scene) -> None:
    """The sentence's phenomena with an actor or recipient of their own become the current ones."""
    for tok, direction in phenomena(sent, ctx):
        if any(s <= tok.idx < e for s, e in causes):
            continue
        actor, recipient = arguments(tok, ctx)
        if actor is None and recipient is None:
            continue
        key = direction in DOWN
        previous = ctx.memory.get(key)
        if previous is not None and _describes(actor, previous.actor, ctx):
            actor = previous.actor  # "Iraqi resistance groups" after "the Islamic Resistance in Iraq": the same, named
        if previous is not None and _describes(recipient, previous.recipient, ctx):
            recipient = previous.recipient  # "the United States" after "American occupiers": the same forces
        ctx.memory[key] = Phenomenon(direction, actor or (previous.actor if previous else None),
                                     recipient or (previous.recipient if previous else None))


def _describes(new: Actor | None, named: Actor | None, ctx: Scene) -> bool:
    """Whether ``new`` is a less specific name for the actor ``named`` already named: a generic description
    ("Iraqi factions" for the Islamic Resistance in Iraq) or a whole it belongs to (the United States for US forces)."""
    if new is None or named is None or new.id is None or named.id is None or new.id == named.id:
        return False
    kb = ctx.kb
    entry = kb.get(new.id)
    if entry is None:
        return False
    return (entry.generic and kb.compatible(new.id, named.id)) or new.id in kb.ancestors(named.id)


def _end(tok: Token) -> int:
    return tok.idx + len(tok.text)
