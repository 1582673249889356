"""Pronouns and definite descriptions -> the named actor they stand for (the "+coref" policy).

News prose names an actor once and then says "they", "their attacks", "the
group", "these factions" or "the latter". Without resolution those arguments
are lost, and with them most actors of a story. The rule is deliberately
local, as in the gold guidelines ("coreference allowed: 'the latter' is the
US"): the antecedent is the most recent actor span of the actor ruler, in the
same sentence before the pronoun or in the previous sentence, whose kind fits
the pronoun:

he/him/his, she/her           a person
they/them/their, it/its       an organisation, group, state or force (not a person, not an outlet)
the/these/this group, faction an armed group, umbrella or generic nominal of one
the latter                    any actor

In the previous sentence a subject is preferred over a more recent object
(the sentence's topic is what "they" continues). Which words count as group
nouns lives in data/patterns/events.yaml (``cues.coref_group_nouns``).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from .lexicon import Lexicon

if TYPE_CHECKING:
    from ...knowledge.actors import ActorKB

_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
_GROUP_PRONOUNS = frozenset({"they", "them", "their", "it", "its"})
_DEFINITE = frozenset({"the", "these", "this", "those", "that", "such"})
_NOT_AGENTS = frozenset({"person", "outlet"})
_GROUP_KINDS = frozenset({"armed_group", "umbrella"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def is_anaphor(head: Token, lex: Lexicon) -> bool:
    """Whether an argument head is a pronoun or a definite description that needs an antecedent."""
    lower = head.lower_
    if head.pos_ == "PRON":
        return lower in _PERSON_PRONOUNS or lower in _GROUP_PRONOUNS
    if lower == "latter":
        return True
    return head.lemma_.lower() in lex.cue("coref_group_nouns") and any(
        c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children)


def antecedent(head: Token, spans: Sequence[Span], kb: ActorKB, lex: Lexicon) -> Span | None:
    """The actor span ``head`` (an anaphor, see ``is_anaphor``) refers to, or None when none fits."""
    sent = head.sent
    start = _previous_sentence_start(sent)
    candidates = [s for s in spans if start <= s.start and s.end <= head.i and _fits(head, s, kb, lex)]
    if not candidates:
        return None
    same = [s for s in candidates if s.start >= sent.start]
    if same:
        return same[-1]
    subjects = [s for s in candidates if _in_subject(s)]
    return (subjects or candidates)[-1]


def _previous_sentence_start(sent: Span) -> int:
    if sent.start == 0:
        return 0
    return sent.doc[sent.start - 1].sent.start


def _fits(head: Token, span: Span, kb: ActorKB, lex: Lexicon) -> bool:
    entry = kb.get(span.id_)
    if entry is None:
        return False
    lower = head.lower_
    if lower in _PERSON_PRONOUNS:
        return entry.kind == "person"
    if lower == "latter":
        return entry.kind != "outlet"
    if head.pos_ == "PRON":
        return entry.kind not in _NOT_AGENTS
    return entry.kind in _GROUP_KINDS or (entry.generic and entry.kind not in _NOT_AGENTS)


def _in_subject(span: Span) -> bool:
    """Whether the span is (inside) the subject of its clause."""
    t = span.root
    for _ in range(4):
        if t.dep_ in _SUBJECT_DEPS:
            return True
        if t.dep_ not in ("compound", "poss", "pobj", "prep", "appos", "amod", "conj"):
            return False
        t = t.head
    return False
