"""Aggregate mentions: a campaign, series, count or trend, told as one mention but not one incident.

"more than 170 attacks on US bases since October", "Iranian-backed forces have
attacked American troops 78 times", "recent attacks against Coalition personnel",
"they continued to rely on Coalition support", "Iran has long backed a network
of armed groups", "the IRI began launching rockets and drones at US bases" are
aggregates: linking never merges them with an incident and a count never takes
them for one. A plural that is pinned down stays an incident: a strike package
on one day ("conducted airstrikes on 85 targets" on February 2), the attacks a
sentence goes on to count the casualties of ("the attacks killed one
contractor"), "these strikes" pointing back at one told just before, a named
one ("the 2021 Erbil rocket attacks").

The cue words are data (data/patterns/events.yaml, ``cues``): ``aggregate_markers``
(recent, ongoing, continued ...), ``aggregate_heads`` (series, wave, campaign,
number ...), ``continuative`` (continue, keep, begin ...: "continued to partner
with"), ``durative`` (long, always, increasingly: "has long backed") and
``state_types`` (the event types a present-tense verb reports as a standing
state: "Iran supports these groups", "the militia is supported by Hezbollah"),
``relation_verbs`` (backing and partnership told with no day: "the IRI
supported Hamas", "the two forces coordinated more closely"), ``campaign_words``
(a war or fighting between sides; its outbreak, ``onset_words``, is one incident:
"the onset of the war"), ``establish_verbs`` (a presence set up at many sites:
"established positions and camps"), ``distributive_words`` ("some militias are
considered terrorist groups", "others have been accused": one act per party)
and ``package_nouns`` (a plural of strikes is one strike package unless counted
or marked: "U.S. conducts defensive airstrikes").
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from spacy.tokens import Token

from ...records import DateSpan, Mention, NumericClaim
from ...vocabulary import EventType
from . import arguments as args
from .clauses import Clause
from .lexicon import Lexicon

_PRESENT = frozenset({"VBZ", "VBP"})
_LASTING = re.compile(r"\b(?:days|weeks|months|years|decades)\s*-\s*long\b|\blong\s*-\s*running\b")


def is_aggregate(tok: Token, clause: Clause, lex: Lexicon, *, generic: bool, when: DateSpan | None,
                 antecedent: bool = False, event_type: EventType | None = None) -> bool:
    """Whether the mention of ``clause`` (its trigger ``tok``) reports many events (see the module docstring).

    ``antecedent``: whether the last mention told with the same noun (``antecedent_key``), else of the same
    type, before was an aggregate; "these attacks" after "approximately 110 attacks" is that aggregate
    again, "the strikes" after "conducted airstrikes" the strike package again (even with "recent attacks"
    told in between). ``event_type``: the type coded for the mention, when the coder recast the trigger
    rule's ("has committed $44 billion in security assistance": a pledge coded as AID is a standing aid)."""
    kind = str(event_type or clause.winner.rule.type).lower()
    if _one_day(when) and _one_series(tok):
        return False  # "on 2 February the air force launched a series of airstrikes": one strike package
    if generic or (_own_count(tok, lex) or 0) > 1:
        return True
    if _one_day(when):
        return False  # pinned to one day: one incident, even "a series of airstrikes" (a strike package)
    if _marked(tok, lex) or _since_perfect(tok, clause, lex):
        return True
    if kind == "assault" and tok.lemma_.lower() in lex.cue("campaign_words"):
        return not _outbreak(tok, lex)  # "the war between Hamas and Israel", "fought against Coalition forces"
    if kind != "assault" and _distributed(tok, lex):
        return True
    if kind in lex.cue("state_types") | {"assault"} and (_continued(tok, lex) or _continuing_subject(tok, kind, lex)):
        return True
    if kind in lex.cue("state_types") and tok.pos_ == "VERB" and tok.lemma_.lower() in lex.cue("relation_verbs"):
        return True  # "the IRI supported Hamas", "USAID funded 11 awards": backing told with no day
    if kind in lex.cue("perfect_series_types") and when is None and _perfect(_verb_of(tok)) \
            and not _sent(tok, lex):
        return True
    if kind == "assault" and _progressive(_verb_of(tok)):
        return True
    if tok.pos_ == "NOUN" and tok.tag_ == "NNS" and kind in lex.cue("plural_series_types"):
        if _anaphoric(tok, lex):
            return antecedent
        return not _pinned_plural(tok, clause, lex)
    if kind in lex.cue("state_types") and _many_sites(tok, lex):
        return True
    return kind in lex.cue("state_types") and (_standing_state(tok) or _standing_backing(tok))


def _verb_of(tok: Token) -> Token:
    """The verb a trigger is, or the one its noun is the subject or object of ("the attacks are being carried
    out"); else the trigger itself."""
    if tok.pos_ == "VERB" or tok.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return tok
    return tok.head


def _perfect(verb: Token) -> bool:
    """"Iran has supported KSS", "HAN officials have publicly threatened": a present perfect with no time of
    its own tells a standing relation or a pattern of acts."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in _PRESENT
                                      for c in verb.children)


def _sent(tok: Token, lex: Lexicon) -> bool:
    """"we have sent a clear message": a message sent is one act, whatever the tense."""
    return tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in lex.cue("send_verbs")


def _progressive(verb: Token) -> bool:
    """"the attacks are being carried out by militias", "militias are attacking U.S. bases": going on."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    present = any(c.lemma_ == "be" and c.tag_ in _PRESENT for c in aux)
    return present and (verb.tag_ == "VBG" or any(c.tag_ == "VBG" and c.lemma_ == "be" for c in aux))


def antecedent_key(tok: Token, lex: Lexicon) -> str:
    """The noun "the strikes" points back to: the last mention told with the same noun ("these strikes" after
    "conducted airstrikes", not after "recent attacks"), a strike package's nouns counting as one."""
    lemma = _compound_lemma(tok)
    return "package" if lemma in lex.cue("package_nouns") or tok.lemma_.lower() in lex.cue("package_nouns") \
        else tok.lemma_.lower()


def _anaphoric(tok: Token, lex: Lexicon) -> bool:
    return any(c.dep_ == "det" and c.lower_ in lex.cue("anaphoric_determiners") for c in tok.children)


def _own_count(tok: Token, lex: Lexicon) -> int | None:
    """"170 attacks", "attacked 78 times", "held multiple calls": a count of the events themselves (not of
    their targets)."""
    for noun in [tok, *(c for c in tok.children if c.dep_ == "npadvmod" and c.lemma_.lower() == "time")]:
        for child in noun.children:
            if child.dep_ in ("nummod", "amod") and child.ent_type_ not in ("DATE", "TIME"):
                value = args.number(child, lex)
                if value is not None and value > 1:
                    return value
    return None


def count_of(tok: Token, lex: Lexicon) -> int | None:
    """The number of events a trigger says it holds: "170 attacks", "attacked 78 times", "struck 85 targets",
    "airstrikes on 85 targets"; None when not stated (or one)."""
    candidates: list[Token] = []
    if tok.tag_ == "NNS":
        candidates.append(tok)
    for child in tok.children:
        if child.dep_ in ("npadvmod", "dobj") and child.tag_ == "NNS":
            candidates.append(child)  # "78 times", "struck 85 targets"
        elif child.dep_ == "prep" and child.lower_ in ("on", "against"):
            candidates.extend(c for c in child.children if c.dep_ == "pobj" and c.tag_ == "NNS")
        elif child.dep_ == "prep" and child.lower_ == "of" and tok.lemma_.lower() in lex.cue("aggregate_heads"):
            candidates.extend(c for c in child.children if c.dep_ == "pobj")
    for noun in candidates:
        for child in noun.children:
            if child.dep_ == "nummod":
                value = args.number(child, lex)
                if value is not None and value > 1 and child.ent_type_ not in ("DATE", "TIME"):
                    return value
    return None


def _marked(tok: Token, lex: Lexicon) -> bool:
    """"recent attacks", "ongoing strikes", "a series of attacks", "a campaign of attacks" (a marker word on a
    singular noun, "a recent meeting", marks no series)."""
    markers = lex.cue("aggregate_markers")
    singular_noun = tok.tag_ in ("NN", "NNP")  # "a recent meeting" is one meeting; "recent attacks" a series
    if not singular_noun and any(c.dep_ in ("amod", "advmod") and c.lower_ in markers for c in tok.children):
        return True
    if any(c.dep_ == "amod" and _LASTING.search("".join(t.text_with_ws for t in c.subtree).lower())
           for c in tok.children):
        return True  # "the months-long Houthi attacks", "a long-running campaign"
    if tok.dep_ == "relcl" and (tok.head.lemma_.lower() in lex.cue("aggregate_heads")
                                or (_own_count(tok.head, lex) or 0) > 1):
        return True  # "a surge of 110 attacks that targeted OIR personnel": the verb is the surge's
    head = tok.head
    return (tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in lex.cue("aggregate_heads")
            and not _one_day_package(head.head))


def _outbreak(tok: Token, lex: Lexicon) -> bool:
    """"the onset of the Israel-Hamas war", "since the war erupted in October", "the war that broke out": the
    outbreak of a war is the one attack or incident that started it (``cues.onset_words``), not the campaign."""
    words = lex.cue("onset_words")

    def onset(verb: Token) -> bool:
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
        return verb.lemma_.lower() in words or f"{verb.lemma_.lower()} {particle}" in words

    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in words:
        return True
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB" and onset(tok.head):
        return True
    return any(c.dep_ == "relcl" and c.pos_ == "VERB" and onset(c) for c in tok.children)


def _one_day_package(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _ONE_SERIES for c in head.children) and head.lower_ == "series"


_ONE_SERIES = ("a", "an", "another")


def _one_series(tok: Token) -> bool:
    """"a series of airstrikes", "another series of attacks": one series (its noun is no count)."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and _one_day_package(tok.head.head)


def _one_day(when: DateSpan | None) -> bool:
    """Whether a date is one day, with or without its year ("February 3": ``--02-03``)."""
    return when is not None and when.precision == "day" and (when.start, when.start_md) == (when.end, when.end_md)


def _continued(tok: Token, lex: Lexicon) -> bool:
    """"continued to rely on Coalition support", "began launching rockets", "has long backed"."""
    verb = tok if tok.pos_ == "VERB" else None
    t = tok
    while verb is None and t.dep_ == "conj" and t.head.i != t.i:
        t = t.head  # "continued to rely on the Coalition for intelligence, surveillance ... and support"
    for _ in range(3):  # climb from a noun to the verb it hangs from ("continued to provide support")
        if verb is not None or t.head.i == t.i:
            break
        t = t.head
        if t.pos_ == "VERB":
            verb = t
    if verb is None:
        return False
    if any(c.dep_ == "advmod" and c.lower_ in lex.cue("durative") for c in verb.children):
        return True
    v = verb
    for _ in range(2):
        if v.dep_ in ("xcomp", "ccomp", "dobj") and v.head.lemma_.lower() in lex.cue("continuative"):
            return True
        if v.head.i == v.i:
            break
        v = v.head
    return False


def _distributed(tok: Token, lex: Lexicon) -> bool:
    """"some militias are considered terrorist groups", "others have been accused", "designated all four of
    these groups": a verb whose subject or object is a quantified set of parties tells one act per party.
    Not for attacks: "all three soldiers were killed" is one attack's toll."""
    if tok.pos_ != "VERB":
        return False
    words = lex.cue("distributive_words")
    for party in tok.children:
        if party.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            continue
        if party.lower_ in words and party.pos_ in ("PRON", "DET", "NOUN"):
            return True  # "others", "some of its militias", "all four of these groups"
        if party.tag_ in ("NNS", "NNPS") and any(c.dep_ in ("det", "amod") and c.lower_ in words
                                                  for c in party.children):
            return True  # "some PMF groups"
    return False


def _continuing_subject(tok: Token, kind: str, lex: Lexicon) -> bool:
    """"security cooperation continues", "the attacks resumed": a noun that is the subject of a verb of
    continuing (one attack "continued for hours" is one attack: a singular ASSAULT is left alone)."""
    if tok.pos_ != "NOUN" or tok.dep_ != "nsubj" or tok.head.lemma_.lower() not in lex.cue("continuative"):
        return False
    return tok.tag_ == "NNS" or kind in lex.cue("state_types")


def _since_perfect(tok: Token, clause: Clause, lex: Lexicon) -> bool:
    """"Since November 2023, the IRI has attacked Israel": a present perfect running since a start."""
    head = clause.head
    if tok.i != head.i and tok.head.i != head.i:
        return False  # "has led the government since May 2020, after ... the resignation": not the resignation
    if tok.dep_ == "conj" and any(t.ent_type_ == "DATE" for t in tok.subtree):
        return False  # "has played a role since 2012 but only formally intervening in 2014": dated by itself
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in _PRESENT for c in head.children)
    return perfect and any(c.lower_ == "since" for c in head.children)


def _pinned_plural(tok: Token, clause: Clause, lex: Lexicon) -> bool:
    """A plural trigger that names one incident: "these strikes", "the attacks killed ...", "conducted
    airstrikes", "the 2021 Erbil rocket attacks", "responded with precision strikes" (a strike package).
    A past light verb does not pin attacks: "a militia that launched rocket attacks against U.S. bases" is
    a series (the strike package is the nouns' doing, ``package_nouns``)."""
    if tok.lemma_.lower() in lex.cue("package_nouns") or _compound_lemma(tok) in lex.cue("package_nouns"):
        return True
    if any(t.ent_type_ in ("GPE", "FAC", "LOC", "DATE") for t in tok.subtree if t.i < tok.i):
        return True  # "the 2021 Erbil rocket attacks": a named one
    return any(t.rule.casualty for t in clause.triggers)


def _compound_lemma(tok: Token) -> str:
    """"air strikes" -> "air strike": the noun with the compound word before it."""
    before = [c for c in tok.children if c.dep_ == "compound" and c.i == tok.i - 1]
    return f"{before[0].lower_} {tok.lemma_.lower()}" if before else tok.lemma_.lower()


def _standing_state(tok: Token) -> bool:
    """"Iran supports these groups", "the militia is also supported by Hezbollah": a state, not an act."""
    if tok.pos_ != "VERB":
        return False
    return tok.tag_ in _PRESENT or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _PRESENT and c.lemma_ == "be"
                                       for c in tok.children)


def _standing_backing(tok: Token) -> bool:
    """"militias who are acting with the support of Iran", "the group relies on Iranian funding": a backing
    noun in a clause told in the present is a standing relation (``_standing_state`` for nouns)."""
    if tok.pos_ != "NOUN":
        return False
    verb = tok.head
    while verb.dep_ in ("prep", "pobj") and verb.head.i != verb.i:
        verb = verb.head  # "acting | with | the support"
    return verb.pos_ == "VERB" and (_standing_state(verb) or _progressive(verb))


def _many_sites(tok: Token, lex: Lexicon) -> bool:
    """"ISIS sought to reestablish footholds in five provinces", "they have established positions, headquarters
    and camps": a presence set up at many sites (a plural ``site_nouns`` object of ``establish_verbs``) is
    one act per site; "established a base" is one."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.cue("establish_verbs"):
        return False
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    objects += [c for o in objects for c in o.conjuncts]
    return len(objects) > 1 or any(o.tag_ == "NNS" and o.lemma_.lower() in lex.cue("site_nouns") for o in objects)


def link_counts(mentions: Sequence[Mention], claims: Sequence[NumericClaim]) -> list[Mention]:
    """Each aggregate with a count, linked to the numeric claim of its sentence that states that count."""
    out = []
    for m in mentions:
        if m.aggregate and m.count is not None and m.count_claim_id is None:
            match = next((c for c in claims if c.doc_id == m.doc_id and c.sentence.start == m.sentence.start
                          and (c.value == m.count or c.low == m.count)), None)
            if match is not None:
                m = dataclasses.replace(m, count_claim_id=match.id)
        out.append(m)
    return out
