"""Whether a clause says an event happened, and on whose word (PLOVER's auxiliary modes).

The cue words live in data/patterns/events.yaml (``cues``); this module walks
the dependency path from the trigger up to the sentence root and reads them.
Order of precedence, strongest first:

negated       "there has not been any strike", "no recorded attacks", "without"
denied        a "deny" verb above the trigger
hypothetical  would/could/may, an "if" clause, a purpose "to ...", or a trigger
              under "fear", "prevent", "threat of" ...
future        will/shall, or under "plan to", "vow to" ...
claimed       the perpetrator's own word: "claimed responsibility for", "announcing a drone strike"
reported      under a reporting verb ("the U.S. said ..."), "according to", "reportedly"
asserted      otherwise

"historical" depends on the event's date, so the coder sets it after dating
the mention (see ``nlp/event_coder.py``). Negation and tense are read only up to the
clause head: "X said that Y had not attacked" negates the attack, but "X did
not say that Y attacked" is left to the reporting cue.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from ...records import Actor
from ...vocabulary import Modality
from .lexicon import Lexicon

_MAX_HOPS = 12


@dataclass(frozen=True, slots=True)
class Mood:
    """The modality of one clause and the token that decided it (the speaker's verb for reported/claimed)."""

    value: Modality
    cue: Token | None = None


def modality(trigger: Token, clause_head: Token, lex: Lexicon) -> Mood:
    """The modality of the event that ``trigger`` names, in the clause headed by ``clause_head``."""
    local = _path(trigger, stop=clause_head)
    above = _path(clause_head, stop=None)[1:]
    for check in (_negated, _denied, _hypothetical, _future, _claimed, _reported):
        found = check(trigger, local, above, lex)
        if found is not None:
            return found
    return Mood(Modality.ASSERTED)


def _path(token: Token, stop: Token | None) -> list[Token]:
    """``token`` and its heads up to ``stop`` (inclusive) or the root."""
    out = [token]
    t = token
    for _ in range(_MAX_HOPS):
        if (stop is not None and t.i == stop.i) or t.head.i == t.i:
            break
        t = t.head
        out.append(t)
    return out


def _negated(trigger: Token, local: list[Token], above: list[Token], lex: Lexicon) -> Mood | None:
    neg = lex.cue("negation")
    for child in trigger.children:
        if child.dep_ in ("neg", "det") and child.lower_ in neg:
            return Mood(Modality.NEGATED, child)
    for tok in local:
        if tok.pos_ in ("VERB", "AUX"):
            for child in tok.children:
                if child.dep_ == "neg" and child.lower_ in neg:
                    return Mood(Modality.NEGATED, child)
        if tok.dep_ == "prep" and tok.lower_ == "without":
            return Mood(Modality.NEGATED, tok)
        if _contrasted(tok):
            return None  # "did not begin with X but rather with Y": Y is what the sentence affirms
    return None


def _contrasted(tok: Token) -> bool:
    """A phrase right after "but rather"/"but instead" escapes the negation of its head, however the
    parser attached it (as a conjunct or as a second preposition of the negated verb)."""
    start = tok.left_edge.i
    before = {t.lower_ for t in tok.doc[max(start - 3, 0):start]}
    return "but" in before and bool(before & {"rather", "instead"})


def _denied(trigger: Token, local: list[Token], above: list[Token], lex: Lexicon) -> Mood | None:
    for tok in (*local[1:], *above):
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.cue("deny_verbs"):
            return Mood(Modality.DENIED, tok)
    return None


def _hypothetical(trigger: Token, local: list[Token], above: list[Token], lex: Lexicon) -> Mood | None:
    aux = lex.cue("hypothetical_aux")
    marks = lex.cue("hypothetical_marks")
    heads = lex.cue("hypothetical_heads")
    for tok in local:
        for child in tok.children:
            if child.dep_ == "aux" and child.lower_ in aux:
                return Mood(Modality.HYPOTHETICAL, child)
            if child.dep_ == "mark" and child.lower_ in marks:
                return Mood(Modality.HYPOTHETICAL, child)
            if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in marks for g in child.children):
                return Mood(Modality.HYPOTHETICAL, child)  # "will resume attacks if they refuse"
        if tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children):
            return Mood(Modality.HYPOTHETICAL, tok)  # purpose: "to pave the way for ... negotiations"
    for child in trigger.children:  # "strikes that the United States may undertake", "a potential accord"
        if child.dep_ == "relcl" and any(g.dep_ == "aux" and g.lower_ in aux for g in child.children):
            return Mood(Modality.HYPOTHETICAL, child)
        if child.dep_ == "amod" and child.lemma_.lower() in heads:
            return Mood(Modality.HYPOTHETICAL, child)
    for tok in _governors(local, above):
        if tok.lemma_.lower() in heads:
            return Mood(Modality.HYPOTHETICAL, tok)
    for tok in above[:1]:  # the clause is itself an "if" clause or a modal complement
        if any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children):
            return Mood(Modality.HYPOTHETICAL, tok)
    return None


def _governors(local: list[Token], above: list[Token]) -> list[Token]:
    """The words that can make an event their content: at most two arcs above the trigger
    ("fear further strikes", "the threat of strikes", "plan to expel"), not any word far above it
    ("intend to address the reasons behind this cessation" leaves the cessation real). A conjunct is
    a sibling, not a governor: in "threats and attacks" the attacks are not the threat's content."""
    path = [*local, *above]
    out = [tok for child, tok in zip(path, path[1:]) if child.dep_ != "conj"]
    return out[:2]


def _future(trigger: Token, local: list[Token], above: list[Token], lex: Lexicon) -> Mood | None:
    aux = lex.cue("future_aux")
    for tok in local:
        for child in tok.children:
            if child.dep_ == "aux" and child.lower_ in aux:
                return Mood(Modality.FUTURE, child)
        if tok.lower_ == "going" and any(c.dep_ == "xcomp" for c in tok.children):
            return Mood(Modality.FUTURE, tok)
    path = [*local, *above]
    for child, tok in zip(path[:2], path[1:3]):  # "plan to expel", "vowed to continue attacks"
        if tok.lemma_.lower() in lex.cue("future_heads") and child.dep_ in ("xcomp", "acl", "ccomp"):
            return Mood(Modality.FUTURE, tok)
    return None


def _claimed(trigger: Token, local: list[Token], above: list[Token], lex: Lexicon) -> Mood | None:
    claim_verbs = lex.cue("claim_verbs")
    if trigger.dep_ in ("dobj", "nsubjpass") and trigger.head.lemma_.lower() in claim_verbs:
        return Mood(Modality.CLAIMED, trigger.head)  # "announcing a drone strike", "claimed a joint operation"
    head = trigger.head
    if trigger.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in lex.cue("claim_nouns"):
        return Mood(Modality.CLAIMED, head.head.head)  # "claimed responsibility for 316 attacks"
    return None


def _reported(trigger: Token, local: list[Token], above: list[Token], lex: Lexicon) -> Mood | None:
    verbs = lex.cue("reporting_verbs")
    for tok in (*local, *above):
        for child in tok.children:
            if child.dep_ == "advmod" and child.lower_ in lex.cue("reporting_adverbs"):
                return Mood(Modality.REPORTED, child)
            if child.dep_ == "prep" and child.lower_ in lex.cue("according"):
                return Mood(Modality.REPORTED, child)
    previous = local[-1]
    for tok in above:
        if tok.lemma_.lower() in verbs and tok.pos_ == "VERB" and previous.dep_ in ("ccomp", "parataxis", "xcomp",
                                                                                    "dobj", "advcl"):
            return Mood(Modality.REPORTED, tok)
        previous = tok
    return None


_OFFICIAL_KINDS = frozenset({"state", "state_force", "government", "coalition"})
_OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "LEG", "SPY", "COP"})


def official(speakers: Sequence[Actor]) -> bool:
    """Whether a speaker is a government or military body (or its official): such a body telling its
    own actions in its release or briefing is the document's voice, "asserted" (gold manual), where an
    armed group telling its own attack "claims" it."""
    return any(a.kind in _OFFICIAL_KINDS or a.sector in _OFFICIAL_SECTORS for a in speakers)


def speaker(cue: Token) -> Token | None:
    """The subject of a reporting verb, unwrapping "a statement by X" and "X's statement"."""
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    for child in subject.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return subject
