"""Find event triggers in a parsed sentence and group them into clauses.

One clause gives one event mention, plus one for each event coordinated with
its winner ("a visit ... and his meeting"). A clause is a finite verb and the
tokens that hang from it without passing through another finite clause;
participles and infinitives ("... announcing a drone strike targeting ...",
"prompted US forces to retaliate by striking ...") stay inside their parent's
clause, so a verb trigger and its noun ("targeted positions in a drone
attack") are one event, not two. When a clause holds several triggers, the one
nearest the clause head wins (ties: the type listed first in
``type_priority``), except that a casualty verb yields to an attack noun
("three soldiers were killed in an attack": the attack is the event, the
killing its outcome); the others become its content ("suspended their attacks"
is one RETREAT whose content is the attacks).

An allegation (an ACCUSE trigger of mode "allege": "accused", "blamed",
"accusations") is about an act, and that act is an event of its own: "accused
Kata'ib Hezbollah of carrying out the drone attack on Tower 22" is an
allegation and an attack. The triggers of its "of"/"for" complement ("of
carrying out the attack", "for the attack", "the group of attacking") leave its
clause as a clause of their own, which records the allegation as its
``governor`` (the coder makes it a "+content" mention, reported).

A clause whose only triggers are casualty verbs and that is conjoined to a
clause with an ASSAULT ("three soldiers were killed and dozens were injured")
is folded into that clause, so the casualties land on the same attack.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..doctext import text_of
from .lexicon import Lexicon, TriggerRule

_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "conj", "parataxis", "csubj", "csubjpass", "acl"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SKIP_ENTS = frozenset({"ORG", "WORK_OF_ART", "LAW", "PRODUCT"})
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "obj"})
_CONTENT_PREPS = frozenset({"of", "for"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """A token that fired a trigger rule, and its distance (in arcs) to its clause head."""

    token: Token
    rule: TriggerRule
    depth: int


@dataclass(frozen=True, slots=True)
class Clause:
    """A finite clause with its triggers, the winning one first."""

    head: Token
    tokens: tuple[Token, ...]
    triggers: tuple[Trigger, ...]
    governor: Trigger | None = None  # the allegation whose content this clause is ("accused X of <this>")

    @property
    def winner(self) -> Trigger:
        return self.triggers[0]


def _final_targets(folds: dict[int, int]) -> dict[int, int]:
    """Each fold to where its chain ends (A->B and B->C both go to C; a cycle stops where it repeats), so a
    clause folded into one that is itself folded is never looked up after it moved (MUC-4 DEV-MUC3-0018)."""
    final = {}
    for src in folds:
        dst, seen = folds[src], {src}
        while dst in folds and dst not in seen:
            seen.add(dst)
            dst = folds[dst]
        if dst != src:
            final[src] = dst
    return final


def find_clauses(sent: Span, lex: Lexicon, blocked: frozenset[int] = frozenset()) -> list[Clause]:
    """Triggers of one sentence grouped into clauses; ``blocked`` token indices never trigger (actor names)."""
    if not any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in sent) \
            or _heading_line(sent, lex):
        return []  # headings, captions and infobox lines ("Terrorist Designations of Iran-aligned Groups")
    heads = {t.i: clause_head(t).i for t in sent}
    found: dict[int, list[tuple[Token, TriggerRule]]] = {}
    for tok in sent:
        if tok.i not in blocked and (rule := trigger_rule(tok, lex)) is not None:
            found.setdefault(heads[tok.i], []).append((tok, rule))
    folds = _final_targets(_casualty_folds(found, sent.doc, heads))
    for src, dst in folds.items():
        if src in found:
            found.setdefault(dst, []).extend(found.pop(src))
    members: dict[int, list[Token]] = {}
    for tok in sent:
        head_i = heads[tok.i]
        members.setdefault(folds.get(head_i, head_i), []).append(tok)
    clauses = []
    for head_i, items in found.items():
        head = sent.doc[head_i]
        ranked = _halt_first(sorted((Trigger(tok, rule, _depth(tok, head)) for tok, rule in items),
                                    key=lambda t: (t.rule.casualty is not None, t.depth,
                                                   lex.type_rank.get(t.rule.type, 99), t.token.i)))
        for part in _split_content(Clause(head, tuple(members[head_i]), tuple(ranked))):
            for piece in _split_reference(part, lex):
                for bit in _split_subject(piece):
                    for nested in _split_nested(bit, lex):
                        clauses.extend(_split_coordinated(nested, lex))
    clauses += _relative_allegations(clauses)
    return sorted(clauses, key=lambda c: c.winner.token.i)


_ACT_NOUNS = frozenset({"act", "incident", "action"})  # "an act for which Iran has blamed Israel": the act told


def _relative_allegations(clauses: list[Clause]) -> list[Clause]:
    """The act an allegation in a relative clause is about, as its own (reported) event: "Haniyeh was killed
    in Tehran, an act for which Iran has blamed Israel", "the drone strike, for which officials blamed the
    militia". The relative pronoun under the allegation's "for"/"of" stands for its antecedent: an attack
    noun, or an act noun (``_ACT_NOUNS``) that sums up the attack told before it in the sentence."""
    attacks = [c.winner for c in clauses if c.winner.rule.type == "ASSAULT" and c.governor is None]
    told = {t.token.i: c.winner for c in clauses if c.governor is None for t in c.triggers}
    tokens = {c.head.i: c.tokens for c in clauses}
    out = []
    for clause in clauses:
        win = clause.winner
        if win.rule.type != "ACCUSE" or win.rule.mode != "allege" or win.token.dep_ != "relcl" \
                or any(c.governor is win for c in clauses) or not any(c.dep_ == "dobj" for c in win.token.children):
            continue  # "an act for which nobody has been blamed": no one accused
        if not any(c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS and any(
                g.dep_ == "pobj" and g.tag_ in ("WDT", "WP") for g in c.children) for c in win.token.children):
            continue
        noun = win.token.head
        act = told.get(noun.i)
        if act is not None and act.rule.type == "ASSAULT":
            head = clause_head(act.token)
            out.append(Clause(head, tokens.get(head.i, clause.tokens), (act,), win))
        elif noun.lemma_.lower() in _ACT_NOUNS:  # the act noun names it, with the attack's rule and arguments
            act = next((t for t in reversed(attacks) if t.token.i < noun.i), None)
            if act is not None:
                head = clause_head(act.token)
                out.append(Clause(head, tokens.get(head.i, clause.tokens), (Trigger(noun, act.rule, act.depth), act),
                                  win))
    return out


def _halt_first(ranked: list[Trigger]) -> list[Trigger]:
    """A halt wins over the attacks it halts, even when they stand nearer the clause head ("coalition
    operations come to an end": the operations are the halt's content)."""
    win = ranked[0] if ranked else None
    if win is None or win.rule.type != "ASSAULT":
        return ranked
    for trig in ranked[1:]:
        if trig.rule.needs == "assault" and any(c.i == win.token.i for c in _content_tokens(trig.token)):
            return [trig, *(t for t in ranked if t is not trig)]
    return ranked


def _split_content(clause: Clause) -> list[Clause]:
    """The clause, and one more for the act its allegation is about ("accused X of carrying out the attack").

    Only an allegation's "of"/"for" complement is content (the act the accused
    is said to have done); the object of "condemned the attack" or the "of" of
    "condemnation of attacks" is what is disapproved, and stays inside."""
    win = clause.winner
    if win.rule.type == "REJECT" and win.rule.mode == "deny":
        return _split_denial(clause)
    if win.rule.type != "ACCUSE" or win.rule.mode != "allege":
        return _split_attribution(clause)
    if any(c.dep_ == "neg" for c in win.token.children):
        return [clause]  # "we cannot attribute responsibility for the rocket attacks": nobody is said to have done it
    by_root: dict[int, list[Trigger]] = {}
    for trig in clause.triggers[1:]:
        root = _content_root(trig.token, win.token)
        if root is not None and trig.rule.type != "ACCUSE":
            by_root.setdefault(root.i, []).append(trig)
    if not by_root:
        return [clause]
    taken = {t.token.i for items in by_root.values() for t in items}
    rest = Clause(clause.head, clause.tokens, tuple(t for t in clause.triggers if t.token.i not in taken),
                  clause.governor)
    return [rest, *(Clause(clause.head, clause.tokens, tuple(items), win) for items in by_root.values())]


def _split_denial(clause: Clause) -> list[Clause]:
    """A denial and what it denies: "denied carrying out the attack" is a REJECT and a (denied) attack,
    "denied allegations that ..." a REJECT and the allegation. The denied act records the denial as its
    ``governor``; an allegation inside it is a mention of its own."""
    win = clause.winner
    below = {t.i for c in win.token.children if c.dep_ not in ("nsubj", "nsubjpass", "aux", "neg") for t in c.subtree}
    inside = [t for t in clause.triggers[1:] if t.token.i in below]
    if not inside:
        return [clause]
    taken = {t.token.i for t in inside}
    parts = [Clause(clause.head, clause.tokens, tuple(t for t in clause.triggers if t.token.i not in taken),
                    clause.governor)]
    for alleged in (t for t in inside if t.rule.type == "ACCUSE"):  # "denied accusations of attacking": theirs
        under = {x.i for x in alleged.token.subtree}
        held = [alleged, *(t for t in inside if t is not alleged and t.token.i in under and t.token.i in taken)]
        taken -= {t.token.i for t in held}
        parts.extend(_split_content(Clause(clause.head, clause.tokens, tuple(held), None)))
    acts = tuple(t for t in inside if t.token.i in taken and t.rule.type != "ACCUSE")
    if acts:
        parts.append(Clause(clause.head, clause.tokens, acts, win))
    return parts


def _split_attribution(clause: Clause) -> list[Clause]:
    """An allegation that is not the winner is a mention of its own: "the attacks, largely attributed to
    KH" is an attack (reported, the allegation its ``governor``) and the attribution; so is "an act for
    which Iran has blamed Israel"."""
    allegations = [t for t in clause.triggers[1:] if t.rule.type == "ACCUSE" and t.rule.mode == "allege"]
    if not allegations:
        return [clause]
    alleged = allegations[0]
    rest = tuple(t for t in clause.triggers if t.token.i != alleged.token.i)
    about = clause.winner.token
    governs = alleged.token.head.i == about.i or about.i in {t.i for t in alleged.token.subtree}
    return [Clause(clause.head, clause.tokens, rest, alleged if governs and not clause.governor else clause.governor),
            Clause(clause.head, clause.tokens, (alleged,), clause.governor)]


def _split_subject(clause: Clause) -> list[Clause]:
    """An attack named as the subject of another kind of event is an event of its own: "the strikes sent
    a clear message", "the attack drew condemnation". A halt's subject stays its content ("attacks have
    ceased"), and so does an outcome's ("the attack killed three")."""
    win = clause.winner
    if win.rule.type in ("ASSAULT", "RETREAT", "CONCEDE") or win.rule.casualty:
        return [clause]
    subjects = [t for t in clause.triggers[1:] if t.rule.type == "ASSAULT" and t.token.pos_ == "NOUN"
                and t.token.dep_ in ("nsubj", "nsubjpass") and t.token.head.i == clause.head.i]
    if not subjects:
        return [clause]
    taken = {t.token.i for t in subjects}
    rest = tuple(t for t in clause.triggers if t.token.i not in taken)
    return [Clause(clause.head, clause.tokens, rest, clause.governor),
            *(Clause(clause.head, clause.tokens, (t,), clause.governor) for t in subjects)]


_OWN_PREPS = frozenset({"on", "against", "by", "at", "near", "in"})
_HOLDERS = frozenset({"ASSAULT", "RETREAT", "CONCEDE", "THREATEN"})  # their attack nouns are their own content


def _split_nested(clause: Clause, lex: Lexicon) -> list[Clause]:
    """An attack noun with participants or a place of its own, inside a clause about something else, is an
    event of its own (gold manual: two kinds of event in one clause are two rows): "condemned the attack on
    the U.S. Embassy", "protect advisors from attacks by Iran-aligned militias", "planned and supported
    attacks against U.S. personnel". So is one given as an example of a series: "These attacks, including
    the recent attack on Al-Asad Air Base by ...". Not a bare one ("condemned the recent attacks"), nor
    what a halt halts or a threat threatens ("suspended attacks on U.S. bases"). Within an attack's own
    clause, only an attack apart from it (``_apart``)."""
    win = clause.winner
    held = {c.i for h in clause.triggers if _holds(h) and h.rule.type != "ASSAULT"
            for c in [*h.token.subtree, *_content_tokens(h.token)]}
    nested = [t for t in clause.triggers[1:] if t.rule.type == "ASSAULT" and t.token.pos_ == "NOUN"
              and _own_arguments(t.token) and t.token.i not in held and not _held_by_modifier(t.token, lex)
              and (not _holds(win) or (win.rule.type == "ASSAULT" and (
                  _apart(t.token, win.token) or _consequence(t.token, win.token, lex))))]
    nested += [t for t in clause.triggers[1:] if _reacted_to(t, win)]
    if not nested:
        return [clause]
    parts, taken = [], set()
    for trig in nested:
        if trig.token.i in taken:
            continue
        inside = tuple(t for t in clause.triggers if t.token.i not in taken
                       and (t is trig or (_under(t.token, trig.token, win.token)
                                          and not (t in nested and _apart(t.token, trig.token)))))
        taken |= {t.token.i for t in inside}  # an example of the nested series is its own part
        parts.append(Clause(clause.head, clause.tokens, inside, clause.governor))
    rest = tuple(t for t in clause.triggers if t.token.i not in taken)
    return [Clause(clause.head, clause.tokens, rest, clause.governor), *parts]


def _holds(trig: Trigger) -> bool:
    """Whether the attacks in a trigger's phrase are its content (a halt halts them, a threat threatens them);
    a commitment to counter a party does not hold the attacks it would prevent ("committed to disrupting
    the militias from conducting attacks against U.S. personnel": the attacks are their own event)."""
    return trig.rule.type in _HOLDERS and trig.rule.needs != "committed"


_REACTIONS = frozenset({"SUPPORT", "ACCUSE", "REJECT"})  # welcoming, condemning or rejecting another's act


def _reacted_to(trig: Trigger, win: Trigger) -> bool:
    """Another party's act that the winner reacts to is an event of its own (gold manual: two kinds of event
    in one clause): "the Secretary welcomed the Prime Minister's condemnation of the attacks", "rejected
    Baghdad's demand", "objected to a visit to Taiwan by a congressional delegation": a non-attack event
    noun with a named possessor or a "by" agent, under a reaction verb."""
    tok = trig.token
    if trig.rule.type == "ASSAULT" or tok.pos_ != "NOUN" or win.token.pos_ != "VERB" \
            or win.rule.type not in _REACTIONS or trig.rule.type == win.rule.type and trig.rule.mode == win.rule.mode:
        return False
    return any((c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"))
               or (c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pobj" for g in c.children))
               for c in tok.children)


def _held_by_modifier(noun: Token, lex: Lexicon) -> bool:
    """"halting or continuing attacks on US positions": a halt parsed as the attack's modifier."""
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound")]
    mods += [g for c in mods for g in c.children if g.dep_ == "conj"]
    for mod in mods:
        word = mod.lemma_.lower()
        for key in (word, word[:-3], word[:-3] + "e") if word.endswith("ing") else (word,):  # "halting" as NN
            rule = lex.verbs.get(key) or lex.nouns.get(key)
            if rule is not None and rule.type in _HOLDERS and rule.type != "ASSAULT":
                return True
    return False


def _own_arguments(noun: Token) -> bool:
    """A participant or place of the noun's own: "on the embassy", "by militias", "their attacks", a
    participle phrase ("attacks directed at U.S. bases", "a strike carried out by the group"), or its sides
    named in front of it ("Israel-Iran conflict", ``_named_sides``)."""
    return any((c.dep_ == "prep" and c.lower_ in _OWN_PREPS and any(g.dep_ == "pobj" for g in c.children))
               or c.dep_ == "poss"
               or (c.dep_ == "acl" and any(g.dep_ in ("prep", "agent", "dobj") for g in c.children))
               for c in noun.children) or _named_sides(noun)


def _apart(tok: Token, winner: Token) -> bool:
    """Whether an attack noun is another attack than the winner's: an example of it ("including" / "such
    as"), or in a part of the clause apart from it ("Arenas of conflict include the war between Hamas and
    Israel; attacks by the Houthis against shipping; ...")."""
    if tok.i not in {t.i for t in winner.subtree} and winner.i not in {t.i for t in tok.subtree}:
        return True
    t = tok
    while t.head.i != t.i and t.head.i != winner.i:
        t = t.head
        if t.dep_ == "prep" and t.lower_ in ("including", "like") or (t.lower_ == "as" and t.i > 0
                                                                    and t.doc[t.i - 1].lower_ == "such"):
            return True
    return False


def _consequence(tok: Token, winner: Token, lex: Lexicon) -> bool:
    """Whether an attack noun is what the winner led to, told in a participle of its own ("Soleimani was
    assassinated by the US, leading to numerous attacks on US troops", "struck the depot, prompting
    retaliatory attacks on the base"): a later event, not the winner told again. A light verb carries
    the winner's own attack out ("struck the base, launching rockets in a barrage on it"): no consequence."""
    t = tok
    while t.head.i != t.i and t.head.i != winner.i:
        t = t.head
        if t.pos_ == "VERB" and t.tag_ == "VBG" and t.dep_ in ("advcl", "xcomp") and t.head.i == winner.i:
            lemma = t.lemma_.lower()
            return lemma not in lex.light_verbs and lex.verbs.get(lemma) is None
    return False


def _split_reference(clause: Clause, lex: Lexicon) -> list[Clause]:
    """The clause, and one more for each event it names as its cause or reference point.

    "These strikes were authorized in response to recent attacks against
    Coalition personnel", "the operation was in retaliation for rocket attacks",
    "sanctions imposed after the attack on the embassy": the strikes and the
    attacks are two events, told in one clause. The triggers under a response
    noun (``cues.response_nouns``) or a reference preposition
    (``cues.reference_point``, "amid") leave the winner's clause as a clause of
    their own, unless the winner would be left with only its casualties
    ("killed after a drone attack": the attack is the event that killed). A winner that itself stands under
    a reference point ("Since the invasion of Iraq, the country has been embroiled in a conflict") yields to
    the first trigger that does not, so the told event keeps the clause and the reference leaves it."""
    clause = _told_first(clause, lex)
    win = clause.winner
    groups: dict[int, list[Trigger]] = {}
    for trig in clause.triggers[1:]:
        anchor = _reference_anchor(trig.token, win.token, clause.head, lex)
        if anchor is not None:
            groups.setdefault(anchor.i, []).append(trig)
    if not groups:
        return [clause]
    taken = {t.token.i for items in groups.values() for t in items}
    rest = tuple(t for t in clause.triggers if t.token.i not in taken)
    if all(t.rule.casualty for t in rest):
        return [clause]
    parts = [Clause(clause.head, clause.tokens, rest, clause.governor)]
    for items in groups.values():
        ranked = tuple(sorted(items, key=lambda t: (t.rule.casualty is not None, t.depth, t.token.i)))
        parts.append(Clause(clause.head, clause.tokens, ranked, clause.governor))
    return parts


def _told_first(clause: Clause, lex: Lexicon) -> Clause:
    """The clause with its first trigger outside any reference point first, when its winner is inside one."""
    head = clause.head
    if clause.winner.token.i == head.i or _reference_anchor(clause.winner.token, head, head, lex) is None:
        return clause
    for trig in clause.triggers[1:]:
        if trig.token.i == head.i or _reference_anchor(trig.token, head, head, lex) is None:
            rest = tuple(t for t in clause.triggers if t is not trig)
            return Clause(clause.head, clause.tokens, (trig, *rest), clause.governor)
    return clause


def _reference_anchor(tok: Token, winner: Token, head: Token, lex: Lexicon) -> Token | None:
    """The response noun or reference preposition between ``tok`` and the winner (or the clause head), if
    any, never one that also governs the winner ("airstrikes in response to attacks" hangs from the winner)."""
    preps = lex.cue("reference_point") | {"amid"}
    nouns = lex.cue("response_nouns")
    t = tok
    found = None
    while t.head.i != t.i and t.i != head.i:
        t = t.head
        if t.i == winner.i:
            break
        if (t.dep_ in ("prep", "advcl") and t.lower_ in preps) or (t.lemma_.lower() in nouns and t.pos_ == "NOUN"):
            found = t
    if found is None:
        return None
    if winner.i in {x.i for x in found.subtree}:
        return None
    return found


def _content_root(tok: Token, allegation: Token) -> Token | None:
    """The "of"/"for" preposition of ``allegation`` (or of its object: "accused the group of attacking")
    that ``tok`` hangs from, if any."""
    path = [tok]
    t = tok
    while t.head.i != t.i and t.i != allegation.i:
        t = t.head
        path.append(t)
    if t.i != allegation.i or len(path) < 2:
        return None
    below = path[-2]
    if below.dep_ == "dobj" and len(path) >= 3:
        below = path[-3]
    return below if below.dep_ == "prep" and below.lower_ in _CONTENT_PREPS else None


def _split_coordinated(clause: Clause, lex: Lexicon) -> list[Clause]:
    """The clause, and one more for each event coordinated with its winner ("a visit ... and a meeting").

    Coordinated event nouns are two events ("the talks and the visit"); so are
    coordinated verbs of different types ("halting attacks and accepting a
    ceasefire plan"), but not "attacked and destroyed" (one attack told twice),
    nor "backed and supported by Iran" (one backing, AID or SUPPORT), nor
    casualty verbs ("killed three and wounded five": one attack's toll).
    Each split clause keeps the triggers inside its own phrase (its content)."""
    win = clause.winner
    split = [t for t in clause.triggers[1:] if _coordinated(win, t) or _series_conjunct(win.token, t.token, lex)]
    if not split:
        return [clause]
    out = []
    for trig in split:
        inside = tuple(t for t in clause.triggers if t is trig or _under(t.token, trig.token, win.token))
        out.append(Clause(clause.head, clause.tokens, inside, clause.governor))
    taken = {t.token.i for c in out for t in c.triggers}
    rest = tuple(t for t in clause.triggers if t.token.i not in taken)
    return [Clause(clause.head, clause.tokens, rest, clause.governor), *out]


_BACKING = {"AID", "SUPPORT"}  # one relation told with two verbs; the coder picks AID or SUPPORT for it


def _coordinated(win: Trigger, other: Trigger) -> bool:
    a, b = win.token, other.token
    if not ((b.dep_ == "conj" and b.head.i == a.i) or (a.dep_ == "conj" and a.head.i == b.i)):
        return False
    if win.rule.casualty or other.rule.casualty:
        return False
    if a.pos_ in ("NOUN", "PROPN") and b.pos_ in ("NOUN", "PROPN"):
        return True
    return a.pos_ == b.pos_ == "VERB" and win.rule.type != other.rule.type \
        and {win.rule.type, other.rule.type} != _BACKING  # "backed and supported by Iran": one backing


def _series_conjunct(a: Token, b: Token, lex: Lexicon) -> bool:
    """An event noun coordinated with a series of events ("condemned the attack on the embassy as well as
    the series of attacks on U.S. personnel", "a wave of strikes and the raid on the port"): the series
    word (``cues.aggregate_heads``) stands in the coordination, the events are two."""
    def series(noun: Token) -> Token | None:
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in lex.cue(
                "aggregate_heads"):
            return noun.head.head
        return None
    if a.pos_ != "NOUN" or b.pos_ != "NOUN":
        return False
    return any(s is not None and ((s.dep_ == "conj" and s.head.i == other.i)
                                  or (other.dep_ == "conj" and other.head.i == s.i))
               for s, other in ((series(b), a), (series(a), b)))


def _under(tok: Token, top: Token, stop: Token) -> bool:
    """Whether ``tok`` hangs from ``top`` without passing through ``stop`` (the other conjunct)."""
    t = tok
    while t.head.i != t.i:
        if t.i == stop.i:
            return False
        t = t.head
        if t.i == top.i:
            return True
    return False


def clause_head(tok: Token) -> Token:
    """The finite verb (or the root) whose clause ``tok`` belongs to."""
    t = tok
    while t.head.i != t.i:
        if t.dep_ in _CLAUSE_DEPS and t.pos_ in ("VERB", "AUX") and is_finite(t):
            return t
        t = t.head
    return t


def is_finite(verb: Token) -> bool:
    """A verb heads its own clause when it has a subject or carries tense."""
    if verb.tag_ in _FINITE_TAGS:
        return True
    return any(c.dep_ in _SUBJECT_DEPS or (c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS)
               for c in verb.children)


def trigger_rule(tok: Token, lex: Lexicon) -> TriggerRule | None:
    """The rule ``tok`` fires, if any, after the rule's ``needs`` condition."""
    lemma = unmarked(tok, lex) or tok.lemma_.lower()
    if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound"):
        rule = _verb_rule(tok, lemma, lex)
    elif tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in _SKIP_ENTS and not _modifier(tok):
        rule = _noun_rule(tok, lemma, lex)
    else:
        return None
    if rule is None or (rule.needs == "assault" and not has_assault_content(tok, lex)) or _label(tok):
        return None
    if rule.type == "ASSAULT" and (_capability(tok, lex) or any(
            c.dep_ == "amod" and c.lemma_.lower() in lex.cue("unarmed_modifiers") for c in tok.children)):
        return None
    if rule.type != "ASSAULT" and _purpose(tok, lex):
        return None
    if rule.type in ("SUPPORT", "AID") and tok.pos_ == "VERB" and any(
            c.dep_ == "dobj" and (lex.nouns.get(c.lemma_.lower()) or rule).type == "ASSAULT" for c in tok.children):
        return None  # "planned and supported attacks against U.S. personnel": the attacks are the event
    if tok.pos_ == "VERB" and (_bare_participle(tok) or _document_subject(tok, lex)):
        return None
    if rule.casualty and _toll_of_those(tok):
        return None
    if rule.type == "CONSULT" and tok.pos_ == "VERB" and _no_meeting(tok, lex):
        return None
    if rule.type == "ACCUSE" and rule.mode == "allege" and tok.pos_ == "VERB" and any(
            c.dep_ in ("dobj", "nsubjpass") and (c.lemma_.lower() in lex.cue("statement_nouns") or c.lemma_.lower()
                                                 in _WORDS) for c in tok.children):
        return None  # "you may attribute the comments of our briefers to ...": a quote's source, no allegation
    if rule.needs in _NEED_CHECKS and not _NEED_CHECKS[rule.needs](tok, lex):
        return None
    if rule.needs == "sent" and not (tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in lex.cue("send_verbs")):
        return None
    if rule.needs == "parties" and not any(c.dep_ == "prep" and c.lower_ in ("between", "against")
                                           or (c.dep_ == "dobj" and tok.pos_ == "VERB") for c in tok.children) \
            and not _named_sides(tok, lex) and not _alleged(tok, lex):
        return None
    if rule.needs in _OBJECT_NEEDS and not _object_fits(tok, rule.needs, lex):
        return None
    if rule.needs == "movement" and _stative(tok):
        return None
    if rule.needs == "destination" and not any(c.dep_ == "prep" and c.lower_ in ("to", "into") for c in tok.children):
        return None
    return rule


_WORDS = frozenset({"comment", "remark", "quote", "quotation", "word"})  # what is attributed when a source is
_OBJECT_NEEDS = frozenset({"site", "forces", "voiced", "party_object", "terror", "harm"})
_SIDE_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
_HYPHENS = frozenset({"-", "–", "—"})


def _named_sides(noun: Token, lex: Lexicon | None = None) -> bool:
    """A war noun whose sides are named in front of it, "the Israel-Hamas war", "Israel-Iran conflict" (two
    names joined by a hyphen or dash), or after it by "by", also when the parser hangs the "by" on a
    campaign word (``cues.aggregate_heads``): "a campaign of violence by militia actors". A war named by
    its place alone ("the war in Yemen") is not enough: it is often the frame of another event."""
    if noun.pos_ != "NOUN":
        return False
    holders = [noun]
    if lex is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" \
            and noun.head.head.lemma_.lower() in lex.cue("aggregate_heads"):
        holders.append(noun.head.head)
    if any(c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pobj" for g in c.children)
           for h in holders for c in h.children):
        return True
    left = [t for t in noun.doc[noun.left_edge.i:noun.i]]
    return any(left[k].text in _HYPHENS and not left[k].whitespace_ and not left[k - 1].whitespace_
               and _side(left[k - 1]) and _side(left[k + 1])
               for k in range(1, len(left) - 1))


def _alleged(noun: Token, lex: Lexicon) -> bool:
    """The act an allegation is about, even with no sides named: "have been accused of sectarian violence",
    "blamed for the fighting" (the allegation names its accused; the act is its own, reported, event)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in _CONTENT_PREPS:
        return False
    owner = prep.head
    rule = (lex.verbs if owner.pos_ == "VERB" else lex.nouns).get(owner.lemma_.lower())
    return rule is not None and rule.type == "ACCUSE" and rule.mode == "allege"


def _side(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or tok.ent_type_ in _SIDE_ENTS


def _object_fits(tok: Token, needs: str, lex: Lexicon) -> bool:
    """The object conditions of data/patterns/events.yaml (see its header): what a weak verb or noun
    must take, or be taken by, to name an event."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for o in objects for g in o.children if g.dep_ == "conj"]
    if needs == "site":
        return any(o.lemma_.lower() in lex.cue("site_nouns") for o in objects)
    if needs == "forces":
        return any(o.lemma_.lower() in lex.cue("asset_nouns") or o.lemma_.lower() in lex.force_nouns
                   for o in objects)
    if needs == "harm":
        return any(o.lemma_.lower() in lex.cue("harm_nouns") for o in objects)
    if needs == "voiced":
        return tok.dep_ == "dobj" and tok.head.lemma_.lower() in lex.cue("voice_verbs")
    if needs == "party_object":  # "expect Iran to take measures" (Iran parsed as object or as the
        parties = ("GPE", "ORG", "NORP", "PERSON")  # subject of the infinitive)
        if any(c.dep_ == "dobj" and c.ent_type_ in parties for c in tok.children):
            return any(c.dep_ in ("xcomp", "ccomp") for c in tok.children)
        return any(c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VB" and any(
            g.dep_ == "nsubj" and g.ent_type_ in parties for g in c.children) for c in tok.children)
    # terror: "considered terrorist groups", "declared a terrorist organization"
    return any(t.lemma_.lower() in lex.cue("terror_words") for c in tok.children
               if c.dep_ in ("oprd", "attr", "xcomp", "dobj", "ccomp", "prep") for t in c.subtree)


def _stative(verb: Token) -> bool:
    """A deployment told as a standing state, not a move: "fighters are deployed mainly in southern Iraq",
    "forces remain deployed in Iraq" (a present-tense passive, or a participle under "remain"/"stay")."""
    if verb.tag_ != "VBN":
        return False
    if any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children):
        return True
    return verb.dep_ in ("xcomp", "acomp", "oprd", "advcl") and verb.head.lemma_.lower() in ("remain", "stay")


def _purpose(verb: Token, lex: Lexicon) -> bool:
    """An infinitive that states what a mission or operation is for ("the overseas contingency operation to
    advise, assist, and enable local partner forces", "The mission of OIR is to advise ..."): a remit
    (``cues.purpose_nouns``), not an event. Attacks are left alone ("an operation to kill ...")."""
    if verb.pos_ != "VERB" or verb.tag_ != "VB":
        return False
    t = verb
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ in ("acl", "relcl") and t.head.lemma_.lower() in lex.cue("purpose_nouns"):
        return True
    return t.dep_ in ("xcomp", "ccomp", "attr", "advcl") and t.head.lemma_ == "be" and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in lex.cue("purpose_nouns") for c in t.head.children)


def _capability(tok: Token, lex: Lexicon) -> bool:
    """An attack named only as what someone is able to do ("ISIS's ability to carry out large attacks",
    "degrading their abilities to conduct these kinds of attacks", "the capability to strike"): a
    capacity (``cues.capability_nouns``), not an event."""
    t = tok
    if t.dep_ == "pobj" and t.head.head.lemma_.lower() in ("kind", "type", "sort"):
        t = t.head.head  # "these kinds of attacks"
    if t.pos_ == "NOUN" and t.dep_ in ("dobj", "nsubjpass") and t.head.pos_ == "VERB":
        t = t.head
    if t.pos_ != "VERB":
        return False
    for _ in range(2):  # "ability to conduct", "ability of X to plan and conduct"
        if t.dep_ == "conj":
            t = t.head
        if t.dep_ in ("acl", "xcomp", "relcl") and t.head.lemma_.lower() in lex.cue("capability_nouns"):
            return True
        if t.dep_ in ("advcl", "xcomp") and any(c.dep_ == "dobj" and c.i < t.i and c.lemma_.lower() in
                                                lex.cue("capability_nouns") for c in t.head.children):
            return True  # parsed as "degrading [their abilities] [to conduct ...]"
    return False


def _issued(noun: Token, lex: Lexicon) -> bool:
    """A threat or warning someone makes: with its maker ("Biden's warning", "threats by the group"), its
    addressee or aim ("a threat against our forces", "a warning to Iran", "threats to attack"), or as what
    is issued ("issued a warning", ``cues.issue_verbs``). Not the danger sense ("the primary terrorist
    threats within Iraq", "reducing threats that Iran may face"), nor threats told together with
    attacks ("ongoing threats and attacks directed at U.S. bases": the attacks are the event)."""
    if any(c.dep_ == "conj" and c.lemma_.lower() in lex.assault_content for c in noun.children):
        return False
    if noun.dep_ == "conj" and noun.head.lemma_.lower() in lex.assault_content:
        return False
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in lex.cue("issue_verbs"):
        return True
    for child in noun.children:
        if child.dep_ == "poss":
            return True
        if child.dep_ == "prep" and child.lower_ in ("by", "against", "to"):
            return True
        if child.dep_ in ("acl", "relcl") and child.tag_ == "VB" and not any(
                g.dep_ in ("nsubj", "nsubjpass") for g in child.children):  # "threats to attack", not
            return True  # "threats that Iran may face" (the threat is what Iran faces: the danger sense)
    return False


def _heading_line(sent: Span, lex: Lexicon) -> bool:
    """A wiki section heading ("= Attempted assassination of X =", "== Background =="), a "Title:" line or an
    infobox "Part of" line (``label_lines`` in data/patterns/events.yaml): it names an article or the larger
    conflict, not an event. Checked on the whole line the sentence starts."""
    text = text_of(sent.doc)
    start = text.rfind("\n", 0, sent.start_char) + 1
    end = text.find("\n", sent.start_char)
    line = text[start:end if end >= 0 else len(text)].strip()
    return any(p.fullmatch(line) for p in lex.label_lines)


def _label(tok: Token) -> bool:
    """A trigger word that is an infobox or form label ("Backed by:", "Accused: Iran-backed militias"):
    the first word of its line, with a colon right after it (at most two words in between)."""
    doc = tok.doc
    i = tok.i - 1
    while i >= 0 and (doc[i].is_space or doc[i].is_punct) and "\n" not in doc[i].text and \
            "\n" not in doc[i].whitespace_:
        i -= 1
    if i >= 0 and "\n" not in doc[i].text and "\n" not in doc[i].whitespace_:
        return False
    for t in doc[tok.i + 1:tok.i + 4]:
        if t.text == ":":
            return True
        if "\n" in t.text or "\n" in t.whitespace_:
            return False
    return False


def _announced(verb: Token, lex: Lexicon) -> bool:
    """Force announced for later: "will act", "would respond", "be prepared (for us) to act forcefully"; not
    an embedded question ("to see how we might respond", "whether they would act"): nothing is announced."""
    if any(c.lower_ in ("how", "whether", "if") and c.dep_ in ("advmod", "mark") for c in verb.children):
        return False
    t = verb
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in lex.cue("future_aux") | lex.cue("hypothetical_aux")
               for c in t.children):
            return True
        if t.lower_ in lex.cue("readiness") or (t.head.i != t.i and t.head.lower_ in lex.cue("readiness")):
            return True
        if t.dep_ not in ("xcomp", "advcl", "pcomp", "pobj", "prep") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _onto_list(verb: Token, lex: Lexicon) -> bool:
    """"placed on the SDN list", "added to the sanctions list": a listing."""
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in ("on", "onto", "to"):
            for obj in child.children:
                if obj.dep_ == "pobj" and any(t.lower_ in lex.cue("list_nouns") for t in obj.subtree):
                    return True
    return False


def _bare_participle(verb: Token) -> bool:
    """A participle with nothing hanging from it is a label or a hedge, not an event: "(alleged)",
    "Backed by:" in an infobox."""
    if verb.tag_ not in ("VBN", "VBG") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    return not any(c.dep_ not in ("punct", "advmod", "cc", "neg") and (c.dep_ != "prep" or list(c.children))
                   for c in verb.children)


def _no_meeting(verb: Token, lex: Lexicon) -> bool:
    """A meeting verb in another sense: meeting a goal ("to meet the clear objectives set out by the
    President", ``cues.goal_nouns``) or hosting forces ("graciously hosts thousands of U.S. service
    personnel": a presence, no visit)."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [p for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pobj"]  # "thousands of troops"
    objects += [g for o in objects for g in o.children if g.dep_ == "conj"]
    nouns = [o.lemma_.lower() for o in objects]
    if any(n in lex.cue("goal_nouns") for n in nouns):
        return True
    return verb.lemma_.lower() == "host" and any(n in lex.force_nouns for n in nouns)


def _toll_of_those(verb: Token) -> bool:
    """"pray for the recovery of those who were injured", "honour those killed": a casualty verb that only
    points back at victims of an event told elsewhere, with nothing of its own (no agent, place or cause)."""
    if verb.dep_ not in ("relcl", "acl") or verb.head.lower_ not in ("those", "them", "all"):
        return False
    return not any(c.dep_ in ("prep", "agent", "dobj", "advcl", "npadvmod") for c in verb.children)


def _document_subject(verb: Token, lex: Lexicon) -> bool:
    """"This report also discusses the oversight work", "Executive Order 13224, which targets terrorists": a
    document's own words, or what a legal text provides for, are no event (the subject of a relative clause
    is the noun it modifies)."""
    nouns = lex.cue("document_nouns")
    for c in verb.children:
        if c.dep_ != "nsubj":
            continue
        if c.lemma_.lower() in nouns:
            return True
        if verb.dep_ == "relcl" and c.tag_ in ("WDT", "WP"):
            before = [t for t in verb.doc[max(c.i - 6, 0):c.i] if t.pos_ in ("NOUN", "PROPN")]
            if before and before[-1].lemma_.lower() in nouns:  # the nearest noun, past ", as amended,"
                return True
    return False


def _committed(verb: Token, lex: Lexicon) -> bool:
    """"remains committed to countering Iran", "committed to using all tools to counter X and degrade Y", "is
    determined to disrupt the networks": the act a commitment word (``cues.commitment_words``) pledges, through
    conjuncts, a "to", and at most one means ("using all tools to counter")."""
    t, means = verb, 0
    for _ in range(6):
        if t.head.i == t.i:
            return False
        if t.dep_ in ("advcl", "xcomp") and t.head.pos_ == "VERB" and t.head.lemma_.lower() not in lex.cue(
                "commitment_words"):
            means += 1
            if means > 1:
                return False
        elif t.dep_ not in ("conj", "pcomp", "prep", "pobj", "xcomp", "advcl"):
            return False
        t = t.head
        if t.lemma_.lower() in lex.cue("commitment_words") or t.lower_ in lex.cue("commitment_words"):
            return True
    return False


def _armed_defence(tok: Token, lex: Lexicon) -> bool:
    """A defence that is an act of arms: "defended the base with Patriot missiles" (a weapon under "with" or
    "against"), "took part in the defense of Israel", "engaged in the defense of our forces" (a defence of
    someone, taken part in: ``cues.defence_verbs``). Not "the Department of Defense", "committed to the
    defense of its allies"."""
    if tok.pos_ == "VERB":
        return any(t.dep_ == "pobj" and t.head.lower_ in ("with", "against") and weapon_of(t, lex) is not None
                   for t in tok.subtree)
    if not any(c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" for g in c.children)
               for c in tok.children) or tok.dep_ != "pobj" or tok.head.lower_ != "in":
        return False
    verb = tok.head.head
    if verb.lemma_.lower() == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children)
    return verb.pos_ == "VERB" and verb.lemma_.lower() in lex.cue("defence_verbs")


def _claimed_deed(noun: Token, lex: Lexicon) -> bool:
    """"The group claimed responsibility.", "claimed credit for the blast": responsibility claimed for a deed
    that no event word names, so the claim itself stands for it. Not when an event word names the deed
    ("claimed responsibility for the attack": the attack is the event), nor a claim not made ("did not
    claim responsibility", "no group has claimed responsibility")."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.cue("claim_verbs"):
        return False
    if any(c.dep_ == "neg" for c in verb.children) or any(
            c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in lex.cue("negation") or any(
                d.dep_ == "det" and d.lower_ in lex.cue("negation") for d in c.children)) for c in verb.children):
        return False
    deed = [t for t in noun.subtree if t.i != noun.i]
    deed += [t for c in verb.children if c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS for t in c.subtree]
    return not any(_event_word(t, lex) for t in deed)


_MARKED = re.compile(r"([A-Za-z][A-Za-z-]*)\.?\[")  # "airstrikes.[7][8]", "operations.[15": a glued reference mark


def unmarked(tok: Token, lex: Lexicon) -> str | None:
    """The trigger lemma of a word the tokenizer left glued to a reference mark ("in response to U.S.
    airstrikes.[10]", "claimed responsibility for the airstrikes.[7][8]"): the word, or its singular, when
    the lexicon knows it (sentences.py leaves the marks on: splitting them cost more than it gained)."""
    found = _MARKED.match(tok.text)
    if found is None:
        return None
    word = found.group(1).lower()
    for key in (word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word):
        if key in lex.nouns or key in lex.verbs:
            return key
    return None


# a rule's ``needs`` that one predicate of (token, lexicon) decides (events.yaml header lists them)
_NEED_CHECKS = {
    "weapon": lambda tok, lex: weapon_object(tok, lex) is not None,
    "target": lambda tok, lex: has_target(tok, lex),
    "claim": lambda tok, lex: _claimed_deed(tok, lex),
    "committed": lambda tok, lex: _committed(tok, lex),
    "defence": lambda tok, lex: _armed_defence(tok, lex),
    "future": lambda tok, lex: _announced(tok, lex),
    "list": lambda tok, lex: _onto_list(tok, lex),
    "issuer": lambda tok, lex: _issued(tok, lex),
}


def trigger_text(tok: Token) -> str:
    """The words of a trigger token without a reference mark glued to it ("attack.[6" -> "attack")."""
    found = _MARKED.match(tok.text)
    return found.group(1) if found is not None else tok.text


def _event_word(tok: Token, lex: Lexicon) -> bool:
    """Whether a word is a trigger or weapon word, also glued to reference marks ("airstrikes.[7][8]")."""
    word = re.match(r"[a-z-]*", tok.lower_).group()
    return any(key in lex.nouns or key in lex.verbs or key in lex.weapons
               for key in (tok.lemma_.lower(), word, word[:-1] if word.endswith("s") else word))


def has_target(tok: Token, lex: Lexicon) -> bool:
    """Whether a weak event noun ("operation") is shown to be an attack: a target, a weapon, a claim, a
    modifier that makes it a fight ("offensive", "counter-ISIS": ``cues.assault_modifiers``), or a verb that
    carries one out ("conducted operations", ``cues.operation_verbs``)."""
    if tok.head.lemma_.lower() in lex.cue("claim_verbs") and tok.dep_ in ("dobj", "nsubjpass"):
        return True
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("against", "on", "targeting"):
            return True
        if child.dep_ == "acl" and child.lemma_.lower() in ("target", "hit", "strike"):
            return True
        if child.dep_ in ("compound", "amod") and weapon_of(child, lex) is not None:
            return True
        if child.dep_ == "compound" and lex.nouns.get(child.lemma_.lower()) is not None:
            return True  # "assassination operations"
        if child.dep_ in ("amod", "compound") and (child.lemma_.lower() in lex.cue("assault_modifiers")
                                                   or child.lower_.startswith("counter-")):
            return True  # "offensive military operation", "counter-ISIS operations"
    verb = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and verb.pos_ == "VERB":
        lemma = verb.lemma_.lower()
        if any(c.dep_ == "prt" for c in verb.children):
            lemma += " " + next(c.lower_ for c in verb.children if c.dep_ == "prt")
        return lemma in lex.cue("operation_verbs")  # "ISIS continued to conduct operations"
    return False


_ATTEMPTS = frozenset({"attempt"})  # "an assassination attempt": the modifier names the event tried


def _modifier(tok: Token) -> bool:
    """A noun that modifies another noun ("attack drone", "strike package") names no event of its own, except
    before an attempt ("survived an assassination attempt", "a failed kidnapping attempt")."""
    if tok.head.lemma_.lower() in _ATTEMPTS and tok.head.pos_ == "NOUN":
        return False
    return tok.dep_ == "compound" or (tok.dep_ in ("npadvmod", "nmod", "amod") and tok.head.pos_ in ("NOUN", "ADJ"))


def _verb_rule(tok: Token, lemma: str, lex: Lexicon) -> TriggerRule | None:
    for child in tok.children:
        if child.dep_ in ("prt", "prep"):
            rule = lex.verbs.get(f"{lemma} {child.lower_}")
            if rule is not None:
                return rule
    return lex.verbs.get(lemma)


def _noun_rule(tok: Token, lemma: str, lex: Lexicon) -> TriggerRule | None:
    for child in tok.children:
        if child.dep_ == "compound":
            rule = lex.nouns.get(f"{child.lemma_.lower()} {lemma}")
            if rule is not None:
                return rule
    return lex.nouns.get(lemma)


def has_assault_content(tok: Token, lex: Lexicon) -> bool:
    """Whether a halt trigger is about attacks: "suspended attacks", "operations ceased", "halt in attacks"."""
    for cand in _content_tokens(tok):
        if cand.lemma_.lower() in lex.assault_content:
            return True
    return False


def _content_tokens(tok: Token) -> list[Token]:
    out: list[Token] = []
    verbs = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if tok.dep_ == "conj" and tok.head.pos_ == "VERB":
        verbs.append(tok.head)
    if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in ("come", "draw", "bring"):
        verbs.append(tok.head.head)  # "operations come to an end", "brought the attacks to a halt"
    for verb in verbs:
        for child in verb.children:
            if child.dep_ in _OBJECT_DEPS or (child.dep_ == "nsubj" and (tok.pos_ == "VERB" or verb is not tok)):
                out.append(child)
                out.extend(c for c in child.children if c.dep_ == "conj")
            elif child.dep_ == "prep" and child.lower_ in ("of", "in", "on", "to", "under"):
                out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def weapon_object(tok: Token, lex: Lexicon) -> str | None:
    """The weapon named as the object of a firing verb ("launched ballistic missiles")."""
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            found = weapon_of(child, lex)
            if found is not None:
                return found
    return None


def weapon_of(tok: Token, lex: Lexicon) -> str | None:
    """The weapon-table key a noun names, alone or with its compound ("roadside bomb", "drone")."""
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in ("compound", "amod"):
            key = f"{child.lemma_.lower()} {lemma}"
            if key in lex.weapons:
                return key
    if lemma in lex.weapons:
        return lemma
    if tok.lower_ in lex.weapons:
        return tok.lower_
    return None


def _depth(tok: Token, head: Token) -> int:
    depth, t = 0, tok
    while t.i != head.i and t.head.i != t.i:
        t, depth = t.head, depth + 1
    return depth


def _casualty_folds(found: dict[int, list[tuple[Token, TriggerRule]]], doc: Doc, heads: dict[int, int]) -> dict[int, int]:
    """Casualty-only clauses -> the ASSAULT clause they continue (head index -> head index): conjoined ("three
    soldiers were killed and dozens were injured") or a restrictive relative clause of the attack noun ("a
    drone attack on Tower 22 that killed three U.S. troops": one attack and its toll). A non-restrictive
    one (", which killed two civilians") is an assertion of its own, in the outlet's voice."""
    folds: dict[int, int] = {}
    for head_i, items in found.items():
        head = doc[head_i]
        if not all(rule.casualty for _, rule in items) or head.dep_ not in ("conj", "relcl") \
                or head.head.i not in heads:
            continue
        target = heads[head.head.i]
        attacks = [tok for tok, rule in found.get(target, ()) if rule.type == "ASSAULT"]
        if head.dep_ == "relcl" and (all(tok.i != head.head.i for tok in attacks)
                                     or (head.left_edge.i > 0 and doc[head.left_edge.i - 1].text == ",")):
            continue  # "soldiers who were killed" (of the victims); ", which killed two civilians" (an aside)
        if target != head_i and attacks:
            folds[head_i] = target
    return folds
