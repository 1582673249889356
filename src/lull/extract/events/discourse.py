"""Mentions that lean on earlier ones: "the attack" and "this ceasefire" take what the text said before.

Two policies run over a document's mentions in text order, after each clause
is coded on its own (each set in the mention's ``policies``, and for provenance
only as a ``rule_id`` suffix):

``+anaphor``  "the attack" / "this strike" with no place or date of its own
              takes them (and a missing actor, recipient, weapon, mode) from the
              ASSAULT mention of the previous two sentences.
``+coref``    (``Policy.DISCOURSE``) a halt with no actor of its own ("this temporary cessation of
              attacks", "the ceasefire was implemented") is the same pause as
              the halt the text reported just before: it takes that halt's
              actor (and recipient, if it names none), if that halt is at most
              ``_HALT_WINDOW`` sentences back. Pauses are told as a chain of
              mentions of one event; leaving each link without its actor loses
              most of who paused. The same holds for any event noun under a
              demonstrative ("the outcome of this meeting"): it takes the actors
              of the previous mention of its type in that window, and its place
              and date when it names none (a pause has no one place: halts
              take actors only).
"""
from __future__ import annotations

import dataclasses
import hashlib

from spacy.tokens import Token

from ...records import Mention
from ...vocabulary import UNREAL_MODALITIES, EventType, Policy
from .clauses import Clause
from .lexicon import Lexicon

_HALT_WINDOW = 3
# The rule-id suffix (provenance only) each policy appends; DISCOURSE shares "+coref" with the coder's COREF.
_SUFFIX = {Policy.ANAPHOR: "+anaphor", Policy.DISCOURSE: "+coref"}


def mention_id(doc_id: str, sentence_start: int, trigger_start: int, event_type: str, rule_id: str) -> str:
    """Stable id: the same clause coded by the same rule always gets the same id."""
    key = f"{doc_id}|{sentence_start}|{trigger_start}|{event_type}|{rule_id}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def stitch(coded: list[tuple[Clause, Mention]], lex: Lexicon) -> list[Mention]:
    """The mentions of one document with the ``+anaphor`` and ``+coref`` policies applied, in text order."""
    out: list[Mention] = []
    sentences: list[int] = []
    for clause, mention in coded:
        if mention.sentence.start not in sentences:
            sentences.append(mention.sentence.start)
        if _anaphoric_attack(mention, clause.winner.token, lex) and (mention.place is None or mention.date is None):
            window = set(sentences[-3:-1])
            antecedent = next((m for m in reversed(out) if m.type == EventType.ASSAULT and m.sentence.start in window
                               and m.modality not in UNREAL_MODALITIES), None)
            if antecedent is not None:
                mention = _inherit(mention, antecedent)
        elif _is_halt(mention) or _demonstrative(clause.winner.token):
            window = set(sentences[-_HALT_WINDOW - 1:])
            earlier = [m for m in reversed(out) if _same_kind(m, mention) and m.sentence.start in window]
            named = next((m for m in earlier if any(a.id for a in m.actors)), None)
            mention = _same_event(mention, named, earlier[0] if earlier else None)
        out.append(mention)
    return out


def _anaphoric_attack(mention: Mention, tok: Token, lex: Lexicon) -> bool:
    return (mention.type == EventType.ASSAULT and tok.tag_ == "NN" and tok.lemma_.lower() in lex.cue("anaphoric_nouns")
            and any(c.dep_ == "det" and c.lower_ in lex.cue("anaphoric_determiners") for c in tok.children))


def _demonstrative(tok: Token) -> bool:
    """"this meeting", "these talks": an event noun pointing back at one the text just told."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("this", "these", "that", "those")
                                      for c in tok.children)


def _same_kind(previous: Mention, mention: Mention) -> bool:
    return (_is_halt(previous) and _is_halt(mention)) or previous.type == mention.type


def _is_halt(mention: Mention) -> bool:
    return (mention.type == EventType.RETREAT and mention.mode == "ceasefire") or mention.type == EventType.CONCEDE


def _rekeyed(mention: Mention, policy: Policy, **changes: object) -> Mention:
    """``mention`` with ``changes`` and ``policy`` set; its rule id and id gain the policy's suffix, once
    (a mention whose own argument the coder resolved already ends in "+coref")."""
    written = policy == Policy.DISCOURSE and Policy.COREF in mention.policies
    rule_id = mention.rule_id if written else f"{mention.rule_id}{_SUFFIX[policy]}"
    return dataclasses.replace(
        mention, rule_id=rule_id, policies=mention.policies | {policy},
        id=mention_id(mention.doc_id, mention.sentence.start, mention.trigger.start, mention.type, rule_id),
        **changes,
    )


def _inherit(mention: Mention, antecedent: Mention) -> Mention:
    return _rekeyed(
        mention, Policy.ANAPHOR,
        place=mention.place or antecedent.place, date=mention.date or antecedent.date,
        actors=mention.actors or antecedent.actors, recipients=mention.recipients or antecedent.recipients,
        weapon=mention.weapon or antecedent.weapon, mode=mention.mode or antecedent.mode,
    )


def _same_event(mention: Mention, named: Mention | None, last: Mention | None) -> Mention:
    """The same event told again: the actors of the last such mention that ``named`` them (when it names
    none), and for "this meeting" (not a pause) the place and date it does not state from the ``last`` one."""
    changes: dict[str, object] = {}
    if not mention.actors and named is not None:
        changes.update(actors=named.actors, recipients=mention.recipients or named.recipients)
    if not _is_halt(mention) and last is not None:
        changes.update(place=mention.place or last.place, date=mention.date or last.date)
    if all(getattr(mention, key) == value for key, value in changes.items()):
        return mention
    return _rekeyed(mention, Policy.DISCOURSE, **changes)
