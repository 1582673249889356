"""Which place names of a clause say where its event happened, best first.

A clause often names several places, and most of them are not where the
event happened: "the situation on the battlefield in the Gaza Strip" next to
a withdrawal, "the mechanisms desired by Baghdad", "their commitment to
supporting Gaza". A name counts only when its phrase is attached as a
location to the event: under a locative preposition (``locative_preps``:
"at", "in", "near", "on" ...) or as the site an attack hits ("targeted the
Ain al-Asad base"), and only when that phrase hangs from

- rank 0, the trigger itself or its own arguments ("an attack on a U.S. base
  near Jordan's border with Syria", "targeted positions at the Al-Harir Air
  base", "a meeting with commanders in Baghdad");
- rank 1, a word governing the trigger inside the clause ("three soldiers were
  killed in an attack in Erbil", "held talks in Baghdad"), or the possessive of
  the subject of the trigger or of such a word, when it names a military site
  ("Al Asad's counter-rocket system engaged in the defense": ``site_only``; "Iran's
  forces attacked" does not put the attack in Iran).

A name attached anywhere else in the clause is about something else and is
not a candidate. "to" is a location only right after the trigger ("a visit
to Baghdad", "deployed to Erbil"). Among candidates, the coder keeps the most
precise resolved place of the best rank (coder.py).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ...records import Place
from .lexicon import Lexicon

_NAME_DEPS = frozenset({"poss", "compound", "nmod", "conj", "appos", "amod"})
_ARGUMENT_DEPS = frozenset({"dobj", "nsubjpass", "pobj", "prep", "agent", "conj", "appos", "attr", "obj"})
_MODIFIER_DEPS = frozenset({"compound", "nmod", "poss"})
_HIT_DEPS = frozenset({"dobj", "nsubjpass", "obj"})
_MAX_ARGUMENT_ARCS = 4
_DESTINATION = "to"


@dataclass(frozen=True, slots=True)
class PlaceCandidate:
    """A place name of the clause attached to the event: the phrase to resolve, its rank and distance."""

    span: Span
    phrase: str
    rank: int  # 0 on the trigger or its arguments, 1 on a governor of the trigger
    distance: int  # tokens between the name and the trigger
    weak: bool = False  # an ORG/NORP entity: a place only if the gazetteer knows it
    site_only: bool = False  # the subject's possessive: a place only if the gazetteer makes it a military site

    @property
    def near(self) -> bool:
        """Whether the phrase places the event by a place rather than at it ("near Jordan's border")."""
        return self.phrase.split(" ", 1)[0].lower() in ("near", "outside", "around", "along")


def place_candidates(trigger: Token, clause_ids: frozenset[int], spans: Sequence[Span], lex: Lexicon,
                     *, is_actor_name: Callable[[Span], bool], weak: Sequence[Span] = ()) -> list[PlaceCandidate]:
    """The place names of the clause that locate the event of ``trigger``, best rank first, then nearest.

    ``spans`` are the document's place names (the place ruler's and NER's);
    ``weak`` are names NER gave another label, which the caller keeps only if
    the gazetteer knows them; ``is_actor_name`` says when a name is part of a
    longer actor name ("the Islamic Resistance in Iraq"), which is never a place."""
    if trigger.dep_ in ("relcl", "acl") and trigger.head.pos_ == "NOUN" and trigger.head.i not in clause_ids:
        # "the 2021 Erbil rocket attacks, which killed two civilians": the relative clause's event is its noun's
        noun = trigger.head
        found = place_candidates(noun, frozenset(t.i for t in noun.subtree), spans, lex,
                                 is_actor_name=is_actor_name, weak=weak)
        if found:
            return found
    governors = _governors(trigger, clause_ids)
    found: list[PlaceCandidate] = []
    seen: set[tuple[int, int]] = set()
    weak_keys = {(s.start, s.end) for s in weak}
    for span in [*spans, *weak]:
        if span.start not in clause_ids or is_actor_name(span) or (span.start, span.end) in seen:
            continue
        seen.add((span.start, span.end))
        attached = _attachment(span.root, clause_ids, lex)
        if attached is None:
            continue
        top, anchor, how = attached
        rank = _rank(anchor, how, trigger, governors, lex)
        if rank is None:
            continue
        start, end = _phrase_range(span, top, spans, clause_ids)
        phrase = span.doc[start:end].text
        weak_name = (span.start, span.end) in weak_keys
        found.append(PlaceCandidate(span, phrase, rank, abs(span.root.i - trigger.i), weak=weak_name,
                                    site_only=how == "poss" and rank == 1))
    return sorted(found, key=lambda c: (c.rank, c.distance))


def _attachment(name: Token, clause_ids: frozenset[int], lex: Lexicon) -> tuple[Token, Token, str] | None:
    """(top of the place phrase, the word it is attached to, how), or None when the name is not a location.

    ``how`` is "at" (a locative phrase), "to" (a destination), "mod" (a
    modifier of a noun: "the Erbil attack"), "poss" (a possessive: "Baghdad's
    bombing") or "hit" (the object of a verb).
    Climbs from the name through possessives, compounds and
    appositions of place-like words, through prepositions whose object is a
    place noun ("on a U.S. base near Jordan's border"), through site
    participles ("the base located in Erbil province") and through directions
    ("north of Baghdad"), to the first word that hangs the whole phrase on
    something else."""
    t = name
    for _ in range(10):
        head = t.head
        if head.i == t.i or head.i not in clause_ids:
            return None
        if t.dep_ in ("pobj", "pcomp") and head.dep_ == "prep":
            holder = head.head
            if head.lower_ == "of" and holder.lower_ in lex.cue("directions") and holder.head.i in clause_ids:
                return holder, holder.head, "at"  # "20 km north of Baghdad"
            if head.lower_ == "of" and _place_noun(holder, lex) and holder.i != holder.head.i:
                t = holder  # "in the city of Mosul": the city is the name
                continue
            if head.lower_ not in lex.cue("locative_preps") and head.lower_ != _DESTINATION:
                return None
            if _place_noun(holder, lex) and holder.i != holder.head.i:
                t = holder  # "near Jordan's border with Syria": the border phrase is the location
                continue
            if holder.dep_ == "acl" and holder.lemma_.lower() in lex.cue("site_participles"):
                t = holder.head  # "the Al-Harir Air base located in Iraq's Erbil province"
                continue
            return head, holder, "to" if head.lower_ == _DESTINATION else "at"
        if t.dep_ in _NAME_DEPS and _place_like(head, lex):
            t = head
            continue
        if t.dep_ in _MODIFIER_DEPS and head.pos_ == "NOUN":
            return t, head, "poss" if t.dep_ == "poss" else "mod"  # "the Erbil attack", "Baghdad's bombing"
        if t.dep_ in _HIT_DEPS:
            return t, head, "hit"  # the site an attack hits ("struck the base", "Ain al-Asad was targeted")
        return None
    return None


def _rank(anchor: Token, how: str, trigger: Token, governors: frozenset[int], lex: Lexicon) -> int | None:
    if how == "hit":  # the trigger's own object, or that of an attack verb on it ("a drone strike targeting X")
        return 0 if _hits(anchor, lex) and trigger.i in (anchor.i, anchor.head.i) else None
    if how in ("mod", "poss"):  # "the Erbil attack", "the 2021 Erbil rocket attacks" (on "rocket" on "attacks")
        if anchor.i == trigger.i or (anchor.dep_ == "compound" and anchor.head.i == trigger.i):
            return 0
        subject = anchor.dep_ in ("nsubj", "nsubjpass") and (anchor.head.i == trigger.i or anchor.head.i in governors)
        above = anchor.i in governors  # "Al Asad's system, known as C-RAM, engaged in ...": the parse's root noun
        return 1 if how == "poss" and (subject or above) else None  # site_only
    if how == "to":
        return 0 if anchor.i == trigger.i else None
    if anchor.i == trigger.i or _argument_of(anchor, trigger):
        return 0
    if anchor.i in governors or _subject_of(anchor, trigger):
        return 1
    return None


def _subject_of(noun: Token, trigger: Token) -> bool:
    """"Explosions in two neighbourhoods killed six": a place on the subject of a verb trigger is the event's."""
    return trigger.pos_ == "VERB" and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i == trigger.i


def _hits(verb: Token, lex: Lexicon) -> bool:
    """Whether ``verb`` is a verb of attack, whose object is the site struck."""
    rule = lex.verbs.get(verb.lemma_.lower())
    return verb.pos_ == "VERB" and rule is not None and rule.type == "ASSAULT"


def _argument_of(token: Token, trigger: Token) -> bool:
    """Whether ``token`` sits inside an argument of the trigger: its object, or a noun under its prepositions."""
    t = token
    for _ in range(_MAX_ARGUMENT_ARCS):
        if t.dep_ not in _ARGUMENT_DEPS or t.head.i == t.i:
            return False
        t = t.head
        if t.i == trigger.i:
            return True
        if t.pos_ == "VERB" and not (t.dep_ == "acl" and t.head.i == trigger.i):
            return False  # a participle on the trigger keeps its place: "bombings killing ten in Charikar"
    return False


def _governors(trigger: Token, clause_ids: frozenset[int]) -> frozenset[int]:
    """The words above the trigger inside its clause ("killed" above "attack" in "killed in an attack")."""
    out: set[int] = set()
    t = trigger
    while t.head.i != t.i and t.head.i in clause_ids:
        t = t.head
        out.add(t.i)
    return frozenset(out)


def _phrase_range(span: Span, top: Token, spans: Sequence[Span], clause_ids: frozenset[int]) -> tuple[int, int]:
    """Token range of the place phrase: from its top to the last place name under it, inside the clause.

    "at the Al-Harir Air base located in Iraq's Erbil province" ends at the
    province, not at the "in a drone attack" that the parse may hang there."""
    left = min(top.left_edge.i, span.start)
    names = [s.end for s in spans if left <= s.start and s.end - 1 <= top.right_edge.i and s.start in clause_ids]
    right = max([span.end, *names]) - 1
    while right >= span.end and right not in clause_ids:
        right -= 1
    return left, right + 1


def _place_noun(noun: Token, lex: Lexicon) -> bool:
    return noun.pos_ in ("NOUN", "PROPN") and noun.lemma_.lower() in lex.place_nouns


def _place_like(noun: Token, lex: Lexicon) -> bool:
    return noun.pos_ == "PROPN" or (noun.pos_ == "NOUN" and noun.lemma_.lower() in lex.place_nouns)


SITE_FEATURES = frozenset({"base", "airport"})
_SITE_NOUNS = frozenset({"base", "airbase", "airfield", "garrison", "outpost", "camp"})
_SITE_ARCS = 3
_LETTERS = re.compile(r"[a-z]+")


def points_back(trigger: Token, lex: Lexicon) -> bool:
    """Whether the event's place is that of an earlier mention: its site is an unnamed definite base near the
    trigger ("missiles were launched to defend the base", "rockets hit the base")."""
    for tok in trigger.subtree:
        word = _LETTERS.match(tok.lemma_.lower())  # "base.[5": a citation mark glued to the word
        if word is None or word[0] not in _SITE_NOUNS or tok.pos_ != "NOUN" or _depth(tok, trigger) > _SITE_ARCS:
            continue
        if any(c.dep_ == "det" and c.lower_ in lex.cue("anaphoric_determiners") for c in tok.children) and not any(
                c.dep_ in ("compound", "amod", "poss", "nmod") for c in tok.children):
            return True
    return False


def site_antecedent(places: Sequence[Place]) -> Place | None:
    """The last earlier military site among ``places`` (most recent first): the base "the base" is."""
    return next((p for p in places if p.feature in SITE_FEATURES and p.lat is not None), None)


def _depth(tok: Token, top: Token) -> int:
    arcs = 0
    while tok.i != top.i and tok.head.i != tok.i:
        tok, arcs = tok.head, arcs + 1
    return arcs
