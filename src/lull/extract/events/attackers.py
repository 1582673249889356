"""Acts whose doer is an attack's: a headline's attack, and what an operation sends or is carried out with.

The coding scheme fills an unstated actor from another mention only by clear
coreference in the outlet's own voice (gold manual, "No stitching, except clear
coreference"): "the attack", "the strikes", a headline. Two such references
name no actor of their own and are read here, over a document's mentions in
text order, after ``discourse.stitch``:

headline   a headline's attack with no attacker ("Strikes Send Clear Message to
           Iranian-Backed Groups") is the attack the story then tells: it takes
           the actors of the first real attack by a named attacker in the next
           ``_HEADLINE_REACH`` paragraphs (with a weapon that does not
           contradict its own). Only when the headline names no attacker for
           any of its attacks: "U.S. Strikes Militias After Drone Attack" tells
           two sides, and the second attack is not the first one's.
           Its target, when it names none ("U.S. Conducts Defensive Precision
           Strike"), is likewise the story's: the recipients of the first real
           attack in that reach by the same attacker that names a target.
operation  a message, a consultation or another act with no actor of its own,
           in a clause whose subject is a definite attack noun with no agent of
           its own ("The operation sends an unambiguous message", "This
           proportionate military response was conducted together with
           diplomatic measures, including consultation with Coalition
           partners", the headline "Strikes Send Clear Message"): the attack's
           side sent or did it. The attack is that subject's own mention when it
           has actors, else the latest real attack by a named attacker in the
           previous ``_ATTACK_WINDOW`` sentences. A state's forces act for the
           state in what is not an attack (the scheme's "United States" for the
           message, "US forces" for the strike).

toll       a casualty clause that names neither an attacker nor an attack ("Officials
           estimate that four militants were killed"), alone among the attacks
           of its sentence, right after a sentence that tells a real attack by a
           named attacker, is that attack's toll (the manual's casualty
           update): it takes that attacker.

Each fill sets ``Policy.DISCOURSE`` (rule-id suffix ``+coref``).
"""
from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ...nlp.headlines import is_headline
from ...records import Actor, Mention
from ...vocabulary import UNREAL_MODALITIES, EventType, Modality, Policy
from . import arguments as args
from .discourse import mention_id
from .parties import _entry_actor, _unique_actors

if TYPE_CHECKING:
    from .clauses import Clause
    from .coder import DocContext

_HEADLINE_REACH = 3  # paragraphs holding mentions after the headline's in which its story is told
_ATTACK_WINDOW = 4  # sentences back to the attack an operation noun names
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_DEFINITE = frozenset({"the", "this", "these", "that", "those"})
# relations walked up from an act's noun to the verb of its clause ("sends a message", "conducted together with
# diplomatic measures, including consultation with partners")
_UP = frozenset({"dobj", "pobj", "prep", "conj", "appos", "attr", "advmod"})  # "along with"
_STATE_SIDE = frozenset({"state_force", "government"})


def fill(told: list[tuple[Clause, Mention]], ctx: DocContext) -> list[Mention]:
    """The mentions of ``told`` (each clause with its stitched mention, in text order) with the headline,
    toll and operation fills."""
    told = list(told)
    _headline_attacker(told, ctx)
    _headline_target(told, ctx)
    for i, (clause, mention) in enumerate(told):
        if not mention.actors and mention.type == EventType.ASSAULT:
            toll = _toll_of(told, i, ctx)
            if toll is not None:
                told[i] = (clause, _filled(mention, toll.actors))
        if mention.actors or mention.type == EventType.ASSAULT:
            continue
        subject = _attack_subject(clause.winner.token, ctx)
        attack = _attack_of(subject, told, i) if subject is not None else None
        if attack is not None:
            told[i] = (clause, _filled(mention, _as_states(attack.actors, ctx)))
    return [mention for _, mention in told]


def _sentence(clause: Clause) -> int:
    return clause.winner.token.sent.start


def _headline_attacker(told: list[tuple[Clause, Mention]], ctx: DocContext) -> None:
    """The headline fill (module docstring), in place."""
    if not told or not is_headline(told[0][0].winner.token.sent):
        return
    title = [i for i, (c, _) in enumerate(told) if _sentence(c) == _sentence(told[0][0])]
    attacks = [i for i in title if told[i][1].type == EventType.ASSAULT]
    if len(attacks) != 1 or told[attacks[0]][1].actors or not _real(told[attacks[0]][1]):
        return
    breaks = [m.start() for m in _PARAGRAPH.finditer(ctx.doc.text)]

    def paragraph(m: Mention) -> int:
        return sum(b < m.sentence.start for b in breaks)

    clause, mine = told[attacks[0]]
    rest = [m for _, m in told[title[-1] + 1:]]
    later = sorted({paragraph(m) for m in rest} - {paragraph(mine)})[:_HEADLINE_REACH]
    modes = set((mine.mode or "").split("|")) - {"", "targeted"}
    for m in rest:
        if paragraph(m) not in later:
            break
        other = set((m.mode or "").split("|")) - {"", "targeted"}
        if (m.type == EventType.ASSAULT and m.actors and _real(m) and (not modes or not other or modes & other)
                and not _shares(m.actors, mine.recipients)):
            told[attacks[0]] = (clause, _filled(mine, m.actors))
            return


def _headline_target(told: list[tuple[Clause, Mention]], ctx: DocContext) -> None:
    """The headline's target (module docstring, headline), in place: a headline's only attack, with an attacker
    and no target, takes the recipients of the first real incident in the story's reach by the same attacker."""
    if not told or not is_headline(told[0][0].winner.token.sent):
        return
    title = [i for i, (c, _) in enumerate(told) if _sentence(c) == _sentence(told[0][0])]
    attacks = [i for i in title if told[i][1].type == EventType.ASSAULT]
    if len(attacks) != 1:
        return
    clause, mine = told[attacks[0]]
    if not mine.actors or mine.recipients or not _real(mine) or mine.aggregate:
        return
    breaks = [m.start() for m in _PARAGRAPH.finditer(ctx.doc.text)]
    rest = [m for _, m in told[title[-1] + 1:]]
    paragraphs = [sum(b < m.sentence.start for b in breaks) for m in rest]
    reach = sorted(set(paragraphs) - {sum(b < mine.sentence.start for b in breaks)})[:_HEADLINE_REACH]
    side = {a.id or a.text for a in mine.actors}
    for m, paragraph in zip(rest, paragraphs):
        if paragraph not in reach:
            return
        if (m.type == EventType.ASSAULT and m.recipients and _real(m) and not m.aggregate
                and {a.id or a.text for a in m.actors} == side and not _shares(m.recipients, mine.actors)):
            told[attacks[0]] = (clause, dataclasses.replace(_filled(mine, mine.actors), recipients=m.recipients))
            return


def _toll_of(told: list[tuple[Clause, Mention]], i: int, ctx: DocContext) -> Mention | None:
    """The attack whose toll the casualty clause of ``told[i]`` tells (the toll fill, module docstring)."""
    clause, mention = told[i]
    if (clause.winner.rule.casualty is None or clause.winner.token.pos_ != "VERB" or not _real(mention)
            or mention.aggregate or any(t.rule.type == EventType.ASSAULT and t.rule.casualty is None
                                        for t in clause.triggers)):
        return None
    sent = _sentence(clause)
    if sent == 0 or any(_sentence(c) == sent and m.type == EventType.ASSAULT
                        for j, (c, m) in enumerate(told) if j != i):
        return None
    start = sent - 1
    while start > 0 and ctx.doc[start].is_space:
        start -= 1
    before = ctx.doc[start].sent.start
    attacks = [m for c, m in told if _sentence(c) == before and m.type == EventType.ASSAULT]
    return next((m for m in reversed(attacks) if m.actors and _real(m)), None)


def _attack_subject(tok: Token, ctx: DocContext) -> Token | None:
    """The definite attack noun with no agent of its own that is the subject of the clause holding ``tok``."""
    lex = ctx.res.lexicon
    if tok.pos_ != "NOUN":
        return None
    verb, steps = tok, 0
    while verb.dep_ in _UP and verb.head.i != verb.i and steps < 6:
        verb, steps = verb.head, steps + 1
        if verb.pos_ in ("VERB", "AUX") and verb.dep_ != "prep":
            break
    if verb.pos_ not in ("VERB", "AUX") or verb.i == tok.i:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ != "NOUN":
        return None
    lemma = subject.lemma_.lower()
    if lemma not in lex.assault_content and lemma not in lex.cue("response_nouns"):
        return None
    definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in subject.children)
    if not (definite or is_headline(subject.sent)) or args.event_noun_agent(subject, lex) is not None:
        return None
    return subject


def _attack_of(subject: Token, told: list[tuple[Clause, Mention]], i: int) -> Mention | None:
    """The attack ``subject`` names: its own mention with actors, else the latest real attack with actors in
    the previous ``_ATTACK_WINDOW`` sentences (the subject's own sentence included, before it)."""
    for clause, mention in told:
        if clause.winner.token.i == subject.i:
            return mention if mention.actors and _real(mention) else None
    starts: list[int] = []
    for clause, _ in told[:i + 1]:
        if _sentence(clause) not in starts:
            starts.append(_sentence(clause))
    window = set(starts[-_ATTACK_WINDOW - 1:])
    for clause, mention in reversed(told[:i]):
        if _sentence(clause) not in window:
            return None
        if mention.type == EventType.ASSAULT and mention.actors and _real(mention) and not mention.aggregate:
            return mention
    return None


def _real(mention: Mention) -> bool:
    return mention.modality not in UNREAL_MODALITIES and mention.modality not in (Modality.HISTORICAL,
                                                                                  Modality.DENIED)


def _shares(actors: tuple[Actor, ...], others: tuple[Actor, ...]) -> bool:
    return any((a.id or a.text) == (o.id or o.text) for a in actors for o in others)


def _as_states(actors: tuple[Actor, ...], ctx: DocContext) -> tuple[Actor, ...]:
    """A state's forces or government as the state itself (the actor of what is not an attack)."""
    kb, out = ctx.res.kb, []
    for actor in actors:
        entry = kb.get(actor.id) if actor.id else None
        state = None
        if entry is not None and entry.kind in _STATE_SIDE:
            state = next((e for a in kb.ancestors(entry.id) if (e := kb.get(a)) is not None and e.kind == "state"),
                         None)
        out.append(_entry_actor(actor.text, state) if state is not None else actor)
    return _unique_actors(out)


def _filled(mention: Mention, actors: tuple[Actor, ...]) -> Mention:
    """``mention`` with ``actors`` by coreference (``Policy.DISCOURSE``, rule-id suffix ``+coref`` once)."""
    written = bool({Policy.COREF, Policy.DISCOURSE} & mention.policies)  # the id already ends in "+coref"
    rule_id = mention.rule_id if written else f"{mention.rule_id}+coref"
    return dataclasses.replace(
        mention, actors=actors, rule_id=rule_id, policies=mention.policies | {Policy.DISCOURSE},
        id=mention_id(mention.doc_id, mention.sentence.start, mention.trigger.start, mention.type, rule_id))
