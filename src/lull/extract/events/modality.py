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

Three scope rules keep a cue from reaching an event it does not govern:

- a speech act is the saying (gold manual): a THREATEN coded on the act threatened
  ("will act", "be prepared for us to act forcefully") is the warning, made,
  so it is asserted whatever the act's own tense or mood; an allegation that is
  denied was still made (the denial is its own REJECT);
- a noun event named as the topic of another noun ("the briefing on the
  airstrike", "the casualties in the attack") is presupposed: the tense, mood and
  negation of the clause around that noun are not the event's;
- a purpose clause of a realised contact ("reached out to X to discuss ...",
  "called to condemn ...") happened in that contact, as does crowd control by the
  force it was done with ("fired tear gas to disperse the crowd").

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
from ...vocabulary import EventType, Modality
from .lexicon import Lexicon

_MAX_HOPS = 12


@dataclass(frozen=True, slots=True)
class Mood:
    """The modality of one clause and the token that decided it (the speaker's verb for reported/claimed)."""

    value: Modality
    cue: Token | None = None


def modality(trigger: Token, clause_head: Token, lex: Lexicon, event_type: EventType | None = None) -> Mood:
    """The modality of the event that ``trigger`` names, in the clause headed by ``clause_head``
    (``event_type``: the type coded for it, for the speech-act rules of the module docstring)."""
    local = _path(trigger, stop=clause_head)
    above = _path(clause_head, stop=None)[1:]
    near, reach = _presupposed(trigger, local, above)
    for check in (_negated, _denied, _hypothetical, _governed, _future, _claimed, _reported):
        found = check(trigger, local, above, lex) if check is _governed else check(trigger, near, reach, lex)
        if found is None or (check is _denied and event_type == EventType.ACCUSE):
            continue  # "denied allegations that ...": the allegations were made
        if event_type == EventType.THREATEN and found.value in _UTTERED and _threatened_act(trigger, lex):
            return Mood(Modality.ASSERTED)
        if check in (_hypothetical, _governed) and _realised_purpose(found.cue, event_type, lex):
            continue
        return found
    return Mood(Modality.ASSERTED)


_UTTERED = frozenset({Modality.FUTURE, Modality.HYPOTHETICAL, Modality.NEGATED})


def _threatened_act(trigger: Token, lex: Lexicon) -> bool:
    """A THREATEN trigger that is the act threatened ("will act", "respond"), not a warning word."""
    return trigger.lemma_.lower() not in lex.cue("warning_words")


def _presupposed(trigger: Token, local: list[Token], above: list[Token]) -> tuple[list[Token], list[Token]]:
    """The path cut where a noun trigger hangs from another noun through a preposition ("the briefing on the
    airstrike", "the casualties in the attack", "suspects in a series of assassinations"): the clause above
    that noun speaks of the noun, and the event is presupposed. Lexical governors ("the threat of strikes",
    "fear of attacks") are read on the full path (``_governed``)."""
    path = [*local, *above]
    first = 0
    while first + 1 < len(path) and path[first].dep_ == "conj" and path[first + 1].pos_ == "NOUN":
        first += 1  # "assassinations and kidnappings": the conjunct stands where its sibling stands
    if trigger.pos_ != "NOUN" or len(path) < first + 3 or path[first + 1].dep_ != "prep" \
            or path[first + 2].pos_ != "NOUN":
        return local, above
    cut = first + 2  # the preposition is kept: "without" reads on it
    return path[:cut][: len(local)], path[len(local):cut]


def _realised_purpose(cue: Token | None, event_type: EventType | None, lex: Lexicon) -> bool:
    """A purpose clause that happened with the act it is the purpose of: a contact made ("reached out to
    X to discuss the incident and to pledge our support"), or crowd control done by the force used
    ("fired tear gas to disperse the crowd"). The governing act must be told as done (past, no modal)."""
    if cue is None or cue.dep_ != "advcl" or not any(c.dep_ == "aux" and c.tag_ == "TO" for c in cue.children):
        return False
    act = cue.head
    while act.dep_ == "conj" and act.head.i != act.i:
        act = act.head  # "firing tear gas ... and shooting in the air to disperse"
    done = act.tag_ in ("VBD", "VBN", "VBG") and not any(
        c.dep_ in ("aux", "neg") and (c.lower_ in lex.cue("hypothetical_aux") | lex.cue("future_aux")
                                      or c.lower_ in lex.cue("negation")) for c in act.children)
    contact = cue.head.lemma_.lower() in lex.cue("contact_verbs") or act.lemma_.lower() in lex.cue("contact_verbs")
    return done and (contact or event_type == EventType.COERCE)


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
        if tok.pos_ in ("VERB", "AUX") and not _said_of(trigger, local, tok, lex):
            for child in tok.children:
                if child.dep_ == "neg" and child.lower_ in neg:
                    return Mood(Modality.NEGATED, child)
        if tok.dep_ == "prep" and tok.lower_ == "without":
            return Mood(Modality.NEGATED, tok)
        if _contrasted(tok):
            return None  # "did not begin with X but rather with Y": Y is what the sentence affirms
    return None


def _said_of(trigger: Token, local: list[Token], verb: Token, lex: Lexicon) -> bool:
    """A negated verb that does not deny the event noun on its path: a predicate said of its subject ("the
    rocket attack did not cause any casualties" denies the casualties, not the attack), or a verb the event
    is an adjunct of ("no one was hurt in the attack", "attacks did not resume after the truce"), or a trigger
    verb of another event whose object the event is (a reaction: "did not reject the negotiations"). A verb of
    occurrence or onset ("the attack never happened", "attacks did not resume") or a light verb ("was not
    carried out") is the event's own predicate; "without" reads on the preposition itself."""
    if trigger.pos_ != "NOUN":
        return False
    below = local[local.index(verb) - 1] if verb in local[1:] else None
    if below is not None and below.dep_ == "prep" and below.lower_ != "without":
        return True
    if (trigger.dep_ == "dobj" and trigger.head.i == verb.i and verb.lemma_.lower() in lex.verbs
            and not _light(verb, lex)):
        return True  # "did not reject the government's negotiations": the rejection is denied, not the talks
    if trigger.dep_ not in ("nsubj", "nsubjpass") or trigger.head.i != verb.i:
        return False
    return verb.lemma_.lower() not in lex.cue("occurrence_verbs") and not _light(verb, lex)


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
    for tok in local:
        for child in tok.children:
            if child.dep_ == "aux" and child.lower_ in aux:
                return Mood(Modality.HYPOTHETICAL, child)
            if child.dep_ == "mark" and child.lower_ in marks:
                return Mood(Modality.HYPOTHETICAL, child)
            if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in marks for g in child.children):
                return Mood(Modality.HYPOTHETICAL, child)  # "will resume attacks if they refuse"
            if child.dep_ == "advcl" and child.lemma_.lower() in lex.cue("condition_verbs") \
                    and not _contrastive(child, marks):
                return Mood(Modality.HYPOTHETICAL, child)  # an offer: "ready to assist as needed"
        if tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children):
            return Mood(Modality.HYPOTHETICAL, tok)  # purpose: "to pave the way for ... negotiations"
    for child in trigger.children:  # "strikes that the United States may undertake", "a potential accord"
        if child.dep_ == "relcl" and any(g.dep_ == "aux" and g.lower_ in aux for g in child.children):
            return Mood(Modality.HYPOTHETICAL, child)
        if child.dep_ == "amod" and child.lemma_.lower() in lex.cue("hypothetical_heads"):
            return Mood(Modality.HYPOTHETICAL, child)
    for tok in above[:1]:  # the clause is itself an "if" clause or a modal complement
        if any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children):
            return Mood(Modality.HYPOTHETICAL, tok)
    return None


def _contrastive(clause: Token, marks: frozenset[str]) -> bool:
    """An adverbial clause opened by a conjunction of contrast or time ("while all units are required to
    ..., some defied"): a fact set against the event, not a condition of it ("as needed", "if required")."""
    return any(c.dep_ == "mark" and c.lower_ not in marks and c.lower_ != "as" for c in clause.children)


def _governed(trigger: Token, local: list[Token], above: list[Token], lex: Lexicon) -> Mood | None:
    """A trigger that is the content of a word of fear, prevention, threat or capability ("fear further
    strikes", "protect advisors from attacks", "enables these militias to carry out attacks"); a
    capability told in the past ("enabled them to carry out the attack") happened."""
    for tok in _governors(local, above, lex):
        if tok.lemma_.lower() in lex.cue("hypothetical_heads"):
            return Mood(Modality.HYPOTHETICAL, tok)
        if tok.lemma_.lower() in lex.cue("capability_heads") and not _past(tok):
            return Mood(Modality.HYPOTHETICAL, tok)
    return None


def _past(tok: Token) -> bool:
    """"enabled", "has enabled", "were able to": told as past."""
    verb = tok.head if tok.dep_ == "acomp" else tok
    return verb.tag_ in ("VBD", "VBN") or any(c.dep_ in ("aux", "cop") and c.tag_ == "VBD" for c in tok.children)


def _governors(local: list[Token], above: list[Token], lex: Lexicon) -> list[Token]:
    """The words that can make an event their content: the first two content words above the trigger
    ("fear further strikes", "the threat of strikes", "plan to expel"), not any word far above it
    ("intend to address the reasons behind this cessation" leaves the cessation real). A conjunct is
    a sibling, not a governor: in "threats and attacks" the attacks are not the threat's content.
    Prepositions and light verbs are passed through: "disrupting groups from conducting attacks"; an
    adverbial clause with a conjunction ("while", "after") is no one's content."""
    path = [*local, *above]
    out = []
    for child, tok in zip(path, path[1:]):
        if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ != "to" for c in child.children):
            break  # "... are considered terrorist groups, while others have been accused": a clause of its own
        if child.dep_ != "conj" and tok.pos_ != "ADP" and not _light(tok, lex):
            out.append(tok)
    return out[:2]


def _light(tok: Token, lex: Lexicon) -> bool:
    """"conduct", "carry out": a verb that only says the event took place."""
    lemma = tok.lemma_.lower()
    particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), "")
    return tok.pos_ == "VERB" and (lemma in lex.light_verbs or f"{lemma} {particle}" in lex.light_verbs)


def _future(trigger: Token, local: list[Token], above: list[Token], lex: Lexicon) -> Mood | None:
    aux = lex.cue("future_aux")
    for tok in local:
        for child in tok.children:
            if child.dep_ == "aux" and child.lower_ in aux:
                return Mood(Modality.FUTURE, child)
        if tok.lower_ == "going" and any(c.dep_ == "xcomp" for c in tok.children):
            return Mood(Modality.FUTURE, tok)
    path = [*local, *above]
    if _own_clause(path[0]):
        return None  # "we seek to convey a message ... and we expect Iran to act": the expectation is now
    for child, tok in zip(path[:2], path[1:3]):  # "plan to expel", "vowed to continue attacks"
        if tok.lemma_.lower() in lex.cue("future_heads") and child.dep_ in ("xcomp", "acl", "ccomp") \
                and not _attempt_made(tok, lex):
            return Mood(Modality.FUTURE, tok)
    return None


def _attempt_made(head: Token, lex: Lexicon) -> bool:
    """"ISIS sought to reestablish footholds": an effort told in the past was made, and the act it aims at
    is the outlet's report of that effort (gold: an asserted attempt), not a plan. "seeks to", "will try to"
    and a plan or vow in any tense ("vowed to retaliate") stay ahead."""
    return head.lemma_.lower() in lex.cue("attempt_heads") and _past(head) and not any(
        c.dep_ == "aux" and c.lower_ in lex.cue("future_aux") | lex.cue("hypothetical_aux") for c in head.children)


def _own_clause(tok: Token) -> bool:
    """A conjoined verb with a subject of its own: a clause of its own, not the content of the head its
    first conjunct hangs from."""
    return tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _claimed(trigger: Token, local: list[Token], above: list[Token], lex: Lexicon) -> Mood | None:
    claim_verbs = lex.cue("claim_verbs")
    if trigger.dep_ in ("dobj", "nsubjpass") and trigger.head.lemma_.lower() in claim_verbs:
        return Mood(Modality.CLAIMED, trigger.head)  # "announcing a drone strike", "claimed a joint operation"
    head = trigger.head
    if trigger.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in lex.cue("claim_nouns"):
        verb = head.head.head
        if any(c.dep_ == "neg" for c in verb.children):
            return None  # "did not claim responsibility for the attack": the attack is told, unclaimed
        return Mood(Modality.CLAIMED, verb)  # "claimed responsibility for 316 attacks"
    return None


def _reported(trigger: Token, local: list[Token], above: list[Token], lex: Lexicon) -> Mood | None:
    verbs = lex.cue("reporting_verbs")
    for tok in (*local, *above):
        for child in tok.children:
            if child.dep_ == "advmod" and child.lower_ in lex.cue("reporting_adverbs"):
                return Mood(Modality.REPORTED, child)
            if child.dep_ == "prep" and child.lower_ in lex.cue("according"):
                return Mood(Modality.REPORTED, child)
    if trigger.dep_ == "nsubjpass" and trigger.head.lemma_.lower() in lex.cue("attribution_verbs"):
        return Mood(Modality.REPORTED, trigger.head)  # "these attacks were largely attributed to KH"
    previous = local[-1]
    for tok in above:
        if tok.lemma_.lower() in lex.cue("claim_nouns") and tok.pos_ == "NOUN":
            return None  # "claimed responsibility for the attacks, which killed two civilians": the outlet's
        if tok.lemma_.lower() in verbs and tok.pos_ == "VERB" and previous.dep_ in ("ccomp", "parataxis", "xcomp",
                                                                                    "dobj", "advcl"):
            return Mood(Modality.REPORTED, tok)
        if tok.lemma_.lower() in lex.cue("statement_nouns") and tok.pos_ == "NOUN" and previous.dep_ in ("acl",
                                                                                                        "ccomp"):
            # "released a statement that the perpetrators were ...": the speaker is the one who released it
            return Mood(Modality.REPORTED, tok.head if tok.dep_ == "dobj" else tok)
        previous = tok
    return None


_OFFICIAL_KINDS = frozenset({"state", "state_force", "government", "coalition"})
_OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "LEG", "SPY", "COP"})


def official(speakers: Sequence[Actor]) -> bool:
    """Whether a speaker is a government or military body (or its official): such a body telling its
    own actions in its release or briefing is the document's voice, "asserted" (gold manual), where an
    armed group telling its own attack "claims" it."""
    return any(a.kind in _OFFICIAL_KINDS or a.sector in _OFFICIAL_SECTORS for a in speakers)


def spoken(event_type: EventType | None, lex: Lexicon) -> bool:
    """Whether saying it is the event (an agreement, demand, threat, accusation, refusal, declared support or
    halt): its own actor telling it does not claim it, the text reports it made ("asserted")."""
    return event_type is not None and str(event_type).lower() in lex.cue("spoken_types")


def own_side(speakers: Sequence[Actor], actors: Sequence[Actor]) -> bool:
    """Whether an official speaker tells an act of its own state's bodies: the Pentagon's press secretary on
    what CENTCOM forces did ("U.S. forces struck ..., Kirby said") speaks for the state that acted."""
    countries = {a.country for a in speakers if a.country and official([a])}
    return bool(countries) and any(a.country in countries and official([a]) for a in actors)


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
