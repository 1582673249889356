"""Mentions that lean on earlier ones: "the attack" and "this ceasefire" take what the text said before.

Two policies run over a document's mentions in text order, after each clause
is coded on its own (each set in the mention's ``policies``, and for provenance
only as a ``rule_id`` suffix):

``+anaphor``  "the attack" / "this strike" / "these strikes" (or a casualty verb
              "injured in the attack") takes what it does not state (place, date,
              actor, recipient, weapon, mode) from the ASSAULT mention it points
              back to (``_attack_antecedent``).
``+coref``    (``Policy.DISCOURSE``) a strike by a named attacker with no weapon of
              its own ("the U.S. strikes targeted ...") takes the weapon mode of
              that attacker's latest real attack told before it ("U.S. forces
              conducted precision airstrikes"): the manual's mode by coreference.
              A halt with no actor of its own ("this temporary cessation of
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
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ...records import Mention, Place
from ...vocabulary import UNREAL_MODALITIES, EventType, Policy
from .clauses import Clause, weapon_of
from .lexicon import Lexicon
from .modality import own_side

if TYPE_CHECKING:
    from ...knowledge.actors import ActorKB

_HALT_WINDOW = 3
_ATTACK_WINDOW = 4  # sentences back to the attack "the attack" names (follow-up clauses name nothing)
# The rule-id suffix (provenance only) each policy appends; DISCOURSE shares "+coref" with the coder's COREF.
_SUFFIX = {Policy.ANAPHOR: "+anaphor", Policy.DISCOURSE: "+coref"}


def mention_id(doc_id: str, sentence_start: int, trigger_start: int, event_type: str, rule_id: str) -> str:
    """Stable id: the same clause coded by the same rule always gets the same id."""
    key = f"{doc_id}|{sentence_start}|{trigger_start}|{event_type}|{rule_id}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def stitch(coded: list[tuple[Clause, Mention]], lex: Lexicon, kb: ActorKB | None = None) -> list[Mention]:
    """The mentions of one document with the ``+anaphor`` and ``+coref`` policies applied, in text order
    (``kb`` tells a generic party from its members: ``_struck_attacker``)."""
    out: list[Mention] = []
    sentences: list[int] = []
    defences = {m.id for c, m in coded if c.winner.token.lemma_.lower() in lex.cue("interception")}
    for clause, mention in coded:
        if mention.sentence.start not in sentences:
            sentences.append(mention.sentence.start)
        if _anaphoric_attack(mention, clause, lex) and _lacks_any(mention):
            antecedent = _attack_antecedent([m for m in out if m.id not in defences], sentences, mention,
                                            _own_modes(clause.winner.token, lex), kb)  # "the attack" is no defence
            if antecedent is not None:
                mention = _inherit(mention, antecedent)
        elif _strike_without_weapon(mention, clause, lex):
            mention = _weapon_told_before(mention, out)
        elif _is_halt(mention) or _demonstrative(clause.winner.token):
            window = set(sentences[-_HALT_WINDOW - 1:])
            earlier = [m for m in reversed(out) if _same_kind(m, mention) and m.sentence.start in window
                       and Policy.CONTENT not in m.policies]
            named = next((m for m in earlier if any(a.id for a in m.actors)), None)
            mention = _same_event(mention, named, earlier[0] if earlier else None)
        out.append(mention)
    return out


def _strike_without_weapon(mention: Mention, clause: Clause, lex: Lexicon) -> bool:
    """"The U.S. strikes targeted facilities", "precision strikes by Central Command forces": a real strike by a
    named attacker whose weapon this clause does not name."""
    return (mention.type == EventType.ASSAULT and mention.mode is None and bool(mention.actors)
            and mention.modality not in UNREAL_MODALITIES
            and any(t.token.lemma_.lower() in lex.cue("strike_words") for t in clause.triggers))


def _weapon_told_before(mention: Mention, out: list[Mention]) -> Mention:
    """A strike takes the weapon mode of the latest real attack by the same attacker told before it in the
    text ("U.S. forces conducted precision airstrikes ... The U.S. strikes targeted ..."): the manual's mode
    by coreference. The same attacker is the same actor, or the same state's forces ("the United States",
    "Central Command forces"). A targeted killing's "targeted" is that killing's own, not the weapon's."""
    ids = {a.id for a in mention.actors if a.id}
    for earlier in out:
        if (earlier.type == EventType.ASSAULT and earlier.mode and earlier.modality not in UNREAL_MODALITIES
                and (ids & {a.id for a in earlier.actors} or own_side(mention.actors, earlier.actors))):
            weapon = "|".join(m for m in earlier.mode.split("|") if m != "targeted")
            return _rekeyed(mention, Policy.DISCOURSE, mode=weapon) if weapon else mention
    return mention


def _attack_antecedent(out: list[Mention], sentences: list[int], mention: Mention,
                       modes: frozenset[str] = frozenset(), kb: ActorKB | None = None) -> Mention | None:
    """The attack "the attack" refers to: the latest real attack of the previous ``_ATTACK_WINDOW``
    sentences that names its attacker or place (a follow-up clause such as "some rockets hit the base"
    names neither), else the latest real attack of the previous two sentences. An anaphor that names its
    own attacker ("Central Command conducted the strike") refers to an attack by that attacker or by an
    unnamed one, never to the other side's ("attacks on U.S. bases by the IRGC" told just before); one that
    names its weapon, to an attack with that weapon or an unknown one."""
    earlier = [m for m in reversed(out) if m.type == EventType.ASSAULT and m.modality not in UNREAL_MODALITIES
               and Policy.CONTENT not in m.policies  # an alleged attacker is someone's word, not spread on
               and m.sentence.start != sentences[-1] and _same_attacker(mention, m) and _same_weapon(modes, m)
               and not _struck_attacker(mention, m, kb)]
    wide, near = set(sentences[-_ATTACK_WINDOW - 1:-1]), set(sentences[-3:-1])
    named = next((m for m in earlier if m.sentence.start in wide and (m.actors or _placed(m.place))), None)
    return named or next((m for m in earlier if m.sentence.start in near), None)


def _same_attacker(mention: Mention, earlier: Mention) -> bool:
    """Whether ``earlier`` may be the attack ``mention`` names again: either leaves its attacker unnamed, or
    they share one (the same actor, or the same state's official bodies: "U.S. forces", "CENTCOM")."""
    if not mention.actors or not earlier.actors:
        return True
    ids = {a.id for a in mention.actors if a.id}
    return bool(ids & {a.id for a in earlier.actors}) or own_side(mention.actors, earlier.actors)


def _struck_attacker(mention: Mention, earlier: Mention, kb: ActorKB | None = None) -> bool:
    """Whether ``mention``'s own target carried out ``earlier``: "the strikes destroyed facilities used by
    Iranian-backed groups" does not name again an attack by those groups, told just before; nor, with the
    KB, "facilities used by Iranian-backed groups including Kata'ib Hezbollah" one by "the Shia militia"
    (Iran-backed militias: a generic party and its members are one side, ``ActorKB.compatible``)."""
    ids = {a.id for a in earlier.actors if a.id}
    targets = {r.id for r in mention.recipients if r.id}
    if ids & targets:
        return True
    return kb is not None and any(kb.get(a) is not None and kb.get(a).generic and kb.compatible(a, t)
                                  for a in ids for t in targets)


def _own_modes(tok: Token, lex: Lexicon) -> frozenset[str]:
    """The modes of the weapon the anaphor's own noun names ("the March 23 drone attack": drone); not a weapon
    elsewhere in its clause ("the operation was in retaliation for rocket attacks")."""
    keys = [weapon_of(tok, lex), *(weapon_of(c, lex) for c in tok.children if c.dep_ in ("compound", "amod"))]
    key = next((k for k in keys if k is not None), None)
    mode = lex.weapons[key].mode if key is not None else None
    return frozenset((mode or "").split("|")) - {"", "targeted"}


def _same_weapon(modes: frozenset[str], earlier: Mention) -> bool:
    """Whether the anaphor's own weapon allows ``earlier``: "the March 23 drone attack" is no air strike told
    before it. An unknown mode on either side allows anything."""
    other = set((earlier.mode or "").split("|")) - {"", "targeted"}
    return not modes or not other or bool(modes & other)


def _anaphoric_attack(mention: Mention, clause: Clause, lex: Lexicon) -> bool:
    """"The attack", "this strike", "these strikes" as the mention's own trigger, or as the attack its
    casualty verb reports on ("one soldier was injured in the attack")."""
    if mention.type != EventType.ASSAULT:
        return False
    tokens = [clause.winner.token] + [t.token for t in clause.triggers[1:] if t.rule.type == EventType.ASSAULT
                                      and clause.winner.rule.casualty is not None]
    return any(_anaphoric_noun(tok, lex) for tok in tokens)


def _anaphoric_noun(tok: Token, lex: Lexicon) -> bool:
    determiners = lex.cue("anaphoric_determiners")
    if tok.tag_ not in ("NN", "NNS") or tok.lemma_.lower() not in lex.cue("anaphoric_nouns"):
        return False
    if tok.tag_ == "NNS" and any(c.dep_ in ("amod", "nummod", "compound", "prep") for c in tok.children):
        return False  # "the recent attacks", "the attacks on our forces": a series of its own, not the one just told
    return any(c.dep_ == "det" and c.lower_ in determiners for c in tok.children)


def _lacks_any(mention: Mention) -> bool:
    return not _placed(mention.place) or mention.date is None or not mention.actors or not mention.recipients


def _placed(place: Place | None) -> bool:
    """Whether ``place`` says more than a country ("attacks in Iraq" is placed only in the coder's fallback)."""
    if place is None:
        return False
    feature = (place.feature or "").split(":")[0]
    return not (feature in ("country", "continent") or (feature == "region" and not place.country))


def _better_place(own: Place | None, other: Place | None) -> Place | None:
    """The mention's own place, unless it is only a country and ``other`` says more."""
    return other if not _placed(own) and _placed(other) else own or other


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
    """What ``mention`` leaves unsaid, from ``antecedent``; never a party as both actor and recipient."""
    actors = mention.actors or _others(antecedent.actors, mention.recipients)
    recipients = mention.recipients or _others(antecedent.recipients, actors)
    return _rekeyed(
        mention, Policy.ANAPHOR,
        place=_better_place(mention.place, antecedent.place), date=mention.date or antecedent.date,
        actors=actors, recipients=recipients,
        weapon=mention.weapon or antecedent.weapon, mode=mention.mode or antecedent.mode,
    )


def _others(parties: tuple, taken: tuple) -> tuple:
    return tuple(p for p in parties if all((p.id or p.text) != (t.id or t.text) for t in taken))


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
