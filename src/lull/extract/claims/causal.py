"""Cause-effect relations in a parsed sentence, from the cue lexicon in ``data/patterns/causal.yaml``.

A relation is three token ranges of one sentence: the signal ("in response
to", "led to", "in order to"), the cause and the effect. Where they are
comes from the cue's kind and the dependency parse:

``connective``  the phrase's object is the cause; the clause it attaches to is the effect
                ("The strikes were conducted in response to the attacks"); a subordinating
                "after"/"because" takes its own clause as the cause.
``verb``        the subject causes the object ("X led to Y", "X prompted Y"); a participle with
                no subject ("..., leading to Y") takes its head clause as the cause.
``reply``       "responded to X", "retaliated for X": X is the cause, the reply the effect.
``purpose``     "in order to", "aimed at", "intended to", an infinitive of purpose: the aim
                is the cause (relation ``aim``), the clause it serves the effect.
``message``     "the strikes send a clear message ...": the message is the aim of the subject.

Nothing here knows about armed groups: ``extract/explanations.py`` keeps the
relations whose effect is an armed actor's activity changing, and the
causal-news-corpus benchmark scores the relations as they are.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from ...datafiles import read_yaml
from ...errors import ConfigError
from ...vocabulary import CauseRelation, choices, member

_KINDS = ("connective", "verb", "reply", "purpose", "message", "condition")
_VERB_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "parataxis", "csubj", "pcomp"})
_ONE_WORD_DEPS = frozenset({"prep", "mark", "agent"})
_AIM_VERBS = frozenset({"aim", "intend", "design", "mean"})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "it"})


@dataclass(frozen=True, slots=True)
class Cue:
    id: str
    kind: str
    relation: str
    phrases: tuple[tuple[str, ...], ...] = ()
    verbs: tuple[tuple[str, ...], ...] = ()
    nouns: frozenset[str] = frozenset()
    implied: bool = False  # only timing links cause and effect ("after", "amid")
    prospective: bool = False  # the effect is threatened, conditional on the cause ("if the attacks continue")
    needs_change: bool = False  # the effect must name a change ("surged since X"), not only an activity
    stance: str = "asserts"

    @property
    def phrases_flat(self) -> frozenset[str]:
        return frozenset(" ".join(p) for p in self.phrases)


@dataclass(frozen=True, slots=True)
class Convention:
    """A category convention (see ``conventions`` in causal.yaml)."""

    id: str
    category: str
    direction: str | None = None
    relation: str | None = None
    actors: tuple[str, ...] = ()
    from_: tuple[str | None, ...] | None = None
    keep: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CausalCues:
    source: str
    cues: tuple[Cue, ...]
    not_purpose_heads: frozenset[str]
    conventions: tuple[Convention, ...]
    reduction_aims: tuple[tuple[str, frozenset[str]], ...]  # (direction, verb lemmas)
    not_aim_objects: frozenset[str] = frozenset()
    message_senders: frozenset[str] = frozenset()
    defensive_acts: frozenset[str] = frozenset()
    aside_openers: tuple[str, ...] = ()
    answer_verbs: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Relation:
    """One cause-effect relation; ranges are token indices into the Doc, end exclusive."""

    cue: Cue
    signal: tuple[int, int]
    cause: tuple[int, int] | None  # None: the cause is outside the sentence ("This led to ...")
    effect: tuple[int, int]
    effect_head: int
    aim_head: int | None = None  # the verb of a purpose clause ("degrade")
    parts: tuple[tuple[int, int], ...] = ()  # coordinated causes ("to recent attacks, and to ongoing threats")


def load_causal(path: Path) -> CausalCues:
    """Read and check the cause-effect cues at ``path`` (``Settings.causal_path``, read once by ``Knowledge``); a bad entry names the file and the fix."""
    data = read_yaml(path, what="causal cues")
    if not isinstance(data, dict) or not isinstance(data.get("cues"), list):
        raise ConfigError(f"{path} has no 'cues' list; compare with the bundled data/patterns/causal.yaml.")
    cues = tuple(_cue(entry, path) for entry in data["cues"])
    conventions = tuple(_convention(entry, path) for entry in data.get("conventions") or [])
    aims = tuple((direction, frozenset(verbs)) for direction, verbs in (data.get("reduction_aims") or {}).items())
    return CausalCues(str(path), cues, frozenset(data.get("not_purpose_heads") or ()), conventions, aims,
                      frozenset(data.get("not_aim_objects") or ()), frozenset(data.get("message_senders") or ()),
                      frozenset(data.get("defensive_acts") or ()), tuple(data.get("aside_openers") or ()),
                      frozenset(data.get("answer_verbs") or ()))


def _cue(entry: Any, path: Path) -> Cue:
    if not isinstance(entry, dict) or entry.get("kind") not in _KINDS or member(CauseRelation, entry.get("relation")) is None:
        raise ConfigError(f"{path}: cue {entry!r} needs an id, a kind in {_KINDS} and a relation in "
                          f"{choices(CauseRelation)}; fix the entry.")
    if entry.get("stance", "asserts") not in ("asserts", "rejects"):
        raise ConfigError(f"{path}: cue {entry['id']} has stance {entry['stance']!r}; use asserts or rejects.")
    return Cue(id=str(entry["id"]), kind=entry["kind"], relation=entry["relation"],
               phrases=tuple(tuple(str(p).lower().split()) for p in entry.get("phrases") or ()),
               verbs=tuple(tuple(str(v).lower().split()) for v in entry.get("verbs") or ()),
               nouns=frozenset(str(n).lower() for n in entry.get("nouns") or ()),
               implied=bool(entry.get("implied", False)), stance=entry.get("stance", "asserts"),
               needs_change=bool(entry.get("needs_change", False)),
               prospective=entry["kind"] == "condition")


def _convention(entry: Any, path: Path) -> Convention:
    if not isinstance(entry, dict) or "id" not in entry or "category" not in entry:
        raise ConfigError(f"{path}: convention {entry!r} needs an id and a category; fix the entry.")
    from_ = entry.get("from")
    return Convention(id=str(entry["id"]), category=str(entry["category"]), direction=entry.get("direction"),
                      relation=entry.get("relation"), actors=tuple(entry.get("actors") or ()),
                      from_=tuple(from_) if from_ is not None else None, keep=tuple(entry.get("keep") or ()))


# --- finding relations ------------------------------------------------------------------------------


def find_relations(sent: Span, cues: CausalCues) -> list[Relation]:
    """Every cause-effect relation the cues find in the sentence, in text order of their signals."""
    out: list[Relation] = []
    taken: set[int] = set()
    lowers = [t.lower_ for t in sent]
    words = frozenset(lowers)
    hits = sorted(((k, len(p), cue) for cue in cues.cues if cue.kind in ("connective", "purpose")
                   for p in cue.phrases if p[0] in words for k in _phrase_at(sent, p, lowers)),
                  key=lambda h: (h[0], -h[1]))
    for k, n, cue in hits:
        if taken & set(range(k, k + n)):
            continue
        rel = (_connective if cue.kind == "connective" else _purpose)(sent, k, n, cue, cues)
        if rel is not None:
            taken.update(range(k, k + n))
            out.append(rel)
    for cue in cues.cues:
        finder = {"verb": _verb, "reply": _reply, "message": _message, "condition": _condition}.get(cue.kind)
        if finder is None:
            continue
        for tok in sent:
            if tok.i in taken:
                continue
            rel = finder(tok, cue)
            if rel is not None:
                taken.add(tok.i)
                out.append(rel)
    return sorted(_outermost(out), key=lambda r: r.signal)


def _outermost(relations: list[Relation]) -> list[Relation]:
    """Drop a relation whose signal lies inside another relation's cause: "amid tensions following the
    assassination of X" is one cause (the tensions, which the assassination only describes). A timing
    phrase right after another cause, with no comma between, describes it too, wherever the parser
    hangs it ("comes amid heightened tensions following the assassination")."""
    return [r for r in relations if not any(
        o is not r and o.cause is not None and (o.cause[0] <= r.signal[0] < o.cause[1]
                                                 or (r.cue.implied and r.signal[0] == o.cause[1]))
        and not (r.cause is not None and r.cause[0] <= o.signal[0] < r.cause[1]) for o in relations)]


def _phrase_at(sent: Span, phrase: tuple[str, ...], lowers: list[str]) -> list[int]:
    """Where ``phrase`` starts in the sentence (``lowers``: its lower-cased words, read once per sentence)."""
    n = len(phrase)
    out = []
    for k in range(len(lowers) - n + 1):
        if tuple(lowers[k:k + n]) != phrase:
            continue
        tok = sent[k]
        if n == 1 and phrase[0] != "to" and tok.dep_ not in _ONE_WORD_DEPS and not (
                tok.tag_ == "VBG" and any(c.dep_ == "dobj" for c in tok.children)):
            continue  # "as" an adverb, "after" a particle; "following the strikes" parsed as a verb is kept
        if phrase == ("as",) and tok.dep_ != "mark":
            continue  # "as a result" is its own phrase; a bare "as" only introduces a clause
        out.append(tok.i)
    return out


def _connective(sent: Span, k: int, n: int, cue: Cue, cues: CausalCues) -> Relation | None:
    doc = sent.doc
    first, last = doc[k], doc[k + n - 1]
    if first.dep_ == "mark":  # "after the group was weakened, the attacks stopped": the subordinate clause
        clause = first.head
        cause = _range([t for t in clause.subtree if t.i != first.i])
        effect_head = clause.head if clause.head.i != clause.i else None
    else:
        inside = range(k, k + n)
        objects = [c for t in reversed(doc[k:k + n]) for c in t.children if c.dep_ in ("pobj", "pcomp", "dobj")
                   and c.i not in inside]  # the last word's object first ("in response to X": X, not "in"'s)
        obj = min(objects, key=lambda c: c.i) if objects else None
        if obj is None:
            obj = next((t for t in doc[last.i + 1:min(last.i + 4, sent.end)] if t.head.i in inside), None)
        if obj is None:
            return None
        # "in response to these attacks and the threat of ...": the parser may hang the second object on "in",
        # or on the main verb ("struck X in response to these attacks and the threat of ...")
        stray = [c for c in objects if c.i > obj.right_edge.i and doc[c.left_edge.i - 1].dep_ == "cc"]
        after = obj.right_edge.i + (doc[obj.right_edge.i].dep_ != "cc")
        if after + 1 < sent.end and doc[after].lower_ == "and" and not stray:
            stray = [t for t in doc[after + 1:min(after + 6, sent.end)] if t.left_edge.i == after + 1
                     and t.pos_ == "NOUN" and t.dep_ not in ("nsubj", "nsubjpass")][:1]
        parts = _coordinated(obj, last, stray, _repeated_preposition(doc, k, n, obj))
        runs = [r for p in parts if (r := _range(p)) is not None]
        cause = (min(r[0] for r in runs), max(r[1] for r in runs)) if runs else None
        cause = _dated_noun(doc, cause, sent)
        effect_head = _purpose_governor(_governing_clause(doc, k, n))
        subject = next((c for t in doc[k:k + n] for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and any(t.pos_ in ("VERB", "AUX") for t in doc[k:k + n]):
            effect_head = subject  # "The halt has nothing to do with X": the phrase holds the verb
    if effect_head is None or cause is None:
        return None
    if effect_head.lemma_ == "be" or (effect_head.pos_ == "NOUN" and effect_head.dep_ == "attr"):
        be = effect_head if effect_head.lemma_ == "be" else effect_head.head
        subject = next((c for c in be.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            effect_head = subject  # "The operation was in retaliation for ...": the operation
    signal_side = set(range(k, k + n)) | set(range(cause[0], cause[1]))
    effect = _range([t for t in _clause_tokens(effect_head) if t.i not in signal_side], around=effect_head.i)
    if effect is None:
        return None
    split = tuple(r for p in parts if (r := _range(p)) is not None) if first.dep_ != "mark" else ()
    return Relation(cue, (k, k + n), cause, effect, effect_head.i, parts=split if len(split) > 1 else ())


def _repeated_preposition(doc, k: int, n: int, obj: Token) -> list[Token]:
    """"authorized in response to recent attacks ..., and to ongoing threats": the parser hangs the second "to"
    on the verb as a conjunct; its object is a second cause of the same phrase."""
    last = doc[k + n - 1]
    if n < 2 or last.pos_ != "ADP":
        return []
    verb = _governing_clause(doc, k, n)
    if verb is None:
        return []
    return [p for c in verb.children if c.dep_ == "conj" and c.pos_ == "ADP" and c.lower_ == last.lower_
            and c.i > obj.right_edge.i for p in c.children if p.dep_ == "pobj"]


def _purpose_governor(verb: Token | None) -> Token | None:
    """"directed additional actions to hold X accountable for their attacks": the infinitive only says what
    the actions are for; the clause it serves (the actions directed) is the effect."""
    if verb is None or verb.pos_ != "VERB" or verb.dep_ not in ("xcomp", "advcl") or verb.head.pos_ != "VERB":
        return verb
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return verb
    return verb.head


def _coordinated(obj: Token, prep: Token, stray: list[Token] = (), repeated: list[Token] = ()) -> list[list[Token]]:
    """The cause phrase and those coordinated with it, each as its own token list.

    "in response to recent attacks ..., and to ongoing threats": a second "to";
    "in response to these attacks and the threat of future attacks": a
    coordinated object with its own determiner. "ongoing threats and attacks
    directed at X" is one cause: the second noun has no determiner of its own
    and shares the first one's modifiers. Modifiers inside a phrase stay whole."""
    heads = [obj, *(c for c in obj.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and _own_phrase(c))]
    heads += [p for c in prep.children if c.dep_ == "conj" and c.pos_ == "ADP"
              for p in c.children if p.dep_ == "pobj"]
    heads += [c for c in stray if _own_phrase(c)]
    heads += [p for p in repeated if all(p.i != h.i for h in heads)]
    if len(heads) == 1:
        return [list(obj.subtree)]
    out = []
    ids = {h.i for h in heads}
    for h in heads:
        later = [o for o in heads if o.i != h.i]
        out.append([t for t in h.subtree if not any(o.left_edge.i <= t.i <= o.right_edge.i for o in later
                                                    if o.i > h.i) and not (t.dep_ == "cc" and t.head.i in ids)])
    whole = [t for t in obj.subtree] + [t for h in heads[1:] for t in h.subtree if t.i > obj.right_edge.i]
    return out if whole else [list(obj.subtree)]


def _dated_noun(doc, cause: tuple[int, int] | None, sent: Span) -> tuple[int, int] | None:
    """"since the October 7, 2023, Hamas-led assault": a date with "the" before it names the event after it,
    which the parser may hang elsewhere; the cause runs to the end of that noun's phrase."""
    if cause is None or doc[cause[0]].lower_ != "the" or not all(t.ent_type_ == "DATE" or t.is_punct
                                                               for t in doc[cause[0] + 1:cause[1]]):
        return cause
    k = cause[1]
    while k < sent.end and doc[k].is_punct:
        k += 1
    if k >= sent.end:
        return cause
    noun = doc[k]
    while noun.head.i != noun.i and noun.head.i > noun.i and noun.head.i < sent.end and noun.pos_ != "NOUN":
        noun = noun.head  # "Hamas" -> "led" -> "assault"
    if noun.pos_ != "NOUN" or noun.left_edge.i > k:
        return cause
    return cause[0], noun.right_edge.i + 1


def _own_phrase(noun: Token) -> bool:
    """A coordinated noun that opens its own phrase: a determiner or possessive ("the threat", "their attacks")."""
    return any(c.dep_ in ("det", "poss") and c.i < noun.i for c in noun.children)


def _governing_clause(doc, k: int, n: int) -> Token | None:
    """The verb (or predicate noun) the phrase ``doc[k:k+n]`` attaches to."""
    inside = range(k, k + n)
    t = next((tok.head for tok in doc[k:k + n] if tok.head.i not in inside), doc[k].head)
    for _ in range(6):
        if t.i in inside:
            t = t.head
            continue
        if t.pos_ in ("VERB", "AUX") and (t.dep_ in _VERB_DEPS or t.head.i == t.i):
            return t
        if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("ROOT", "attr", "nsubj", "nsubjpass", "dobj", "appos"):
            return t  # "a response to X", headline "Strikes After Attacks"
        if t.head.i == t.i:
            return t
        t = t.head
    return t


def _clause_tokens(head: Token) -> list[Token]:
    """The head's subtree without its own subordinate clauses of other kinds (kept simple: the subtree)."""
    return list(head.subtree) if head.pos_ not in ("VERB", "AUX") else [
        t for t in head.subtree if not any(a.dep_ in ("advcl",) and a.head.i == head.i for a in _path(t, head))]


def _path(tok: Token, top: Token) -> list[Token]:
    out, t = [], tok
    for _ in range(12):
        if t.i == top.i:
            return out
        out.append(t)
        if t.head.i == t.i:
            return out
        t = t.head
    return out


def _purpose(sent: Span, k: int, n: int, cue: Cue, cues: CausalCues) -> Relation | None:
    doc = sent.doc
    last = doc[k + n - 1]
    if n == 1:  # a bare "to": the infinitive marker of a purpose clause
        aim = last.head
        if last.dep_ != "aux" or aim.pos_ != "VERB" or aim.dep_ not in ("advcl", "xcomp", "acl", "relcl"):
            return None
        effect_head = aim.head
        if aim.dep_ == "xcomp" and effect_head.lemma_.lower() in cues.not_purpose_heads:
            return None  # "wanted to", "began to", "ordered X to": a complement, not an aim
        if effect_head.pos_ not in ("VERB", "NOUN", "PROPN") or effect_head.lemma_ == "be":
            return None
    else:
        aim = next((t for t in doc[last.i + 1:min(last.i + 4, sent.end)] if t.pos_ == "VERB"), None)
        if aim is None:
            return None
        first = doc[k]
        effect_head = first if first.pos_ == "VERB" and first.lemma_.lower() in _AIM_VERBS else \
            _governing_clause(doc, k, n)
        if effect_head is None:
            return None
        if effect_head.lemma_.lower() in _AIM_VERBS or effect_head.i in range(k, k + n):
            passive = next((c for c in effect_head.children if c.dep_ in ("nsubjpass", "nsubj")), None)
            effect_head = passive if passive is not None else (
                effect_head.head if effect_head.dep_ in ("acl", "relcl") else effect_head)
    aim_tokens = [t for t in aim.subtree if t.i >= k]
    cause = _range([t for t in aim_tokens if t.i >= k + n])
    if cause is None:
        return None
    outside = set(range(k, cause[1]))
    effect = _range([t for t in _clause_tokens(effect_head) if t.i not in outside], around=effect_head.i)
    if effect is None:
        return None
    return Relation(cue, (k, k + n), cause, effect, effect_head.i, aim_head=aim.i)


def _verb(tok: Token, cue: Cue) -> Relation | None:
    """"X led to Y", "X prompted Y"; "..., leading to Y" takes its head clause as X."""
    if tok.pos_ != "VERB" or not _verb_matches(tok, cue):
        return None
    if any(c.dep_ == "auxpass" for c in tok.children):
        return None  # "was prompted by": the connective "prompted by" reads it
    words = next(w for w in cue.verbs if w[0] == tok.lemma_.lower())
    if len(words) > 1:
        prep = next((c for c in tok.children if c.lower_ == words[-1] and c.dep_ in ("prep", "prt", "dative")), None)
        target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        signal = (tok.i, prep.i + 1) if prep is not None else (tok.i, tok.i + 1)
    else:
        target = next((c for c in tok.children if c.dep_ in ("dobj", "ccomp", "xcomp")), None)
        signal = (tok.i, tok.i + 1)
    if target is None:
        return None
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is not None and subject.lower_ in _DEMONSTRATIVES and not list(subject.children):
        cause = None  # "This led to ...": the sentence before says what
    elif subject is not None:
        cause = _range(list(subject.subtree))
    elif tok.dep_ in ("advcl", "conj", "xcomp") and tok.head.i != tok.i:  # "..., leading to Y"
        head = tok.head
        cause = _range([t for t in head.subtree if t.i < tok.i and not (tok.left_edge.i <= t.i <= tok.right_edge.i)])
    else:
        return None
    effect = _range(list(target.subtree))
    if effect is None:
        return None
    return Relation(cue, signal, cause, effect, target.i)


def _verb_matches(tok: Token, cue: Cue) -> bool:
    for words in cue.verbs:
        if tok.lemma_.lower() != words[0]:
            continue
        if len(words) == 1 or any(c.lower_ == words[-1] for c in tok.children):
            return True
    return False


def _reply(tok: Token, cue: Cue) -> Relation | None:
    """"CENTCOM forces responded to the drone attack": the attack is the cause, the response the effect.
    "The coalition responded by firing artillery": no cause in the sentence (the one before says what)."""
    if tok.pos_ != "VERB" or not _verb_matches(tok, cue):
        return None
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "for", "against")), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if obj is None:
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)  # "avenged the killing"
    if obj is None:
        by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"
                   and any(g.dep_ == "pcomp" for g in c.children)), None)
        effect = _range(list(tok.subtree), around=tok.i) if by is not None else None
        if effect is None:
            return None  # "responded by firing artillery": what was answered is in the sentence before
        return Relation(cue, (tok.i, tok.i + 1), None, effect, tok.i)
    cause = _range(list(obj.subtree))
    outside = set(range(cause[0], cause[1])) | ({prep.i} if prep is not None else set())
    effect = _range([t for t in tok.subtree if t.i not in outside], around=tok.i)
    if effect is None:
        return None
    return Relation(cue, (tok.i, tok.i + 1), cause, effect, tok.i)


def _condition(tok: Token, cue: Cue) -> Relation | None:
    """"We will respond if the attacks persist", "will act ... should these attacks continue": a threatened
    act and the continuing activity it is conditional on (the cue's verbs: continue, persist ...).

    The parser may make the inverted "should X continue" the root and the threatened act its complement."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in {w[0] for w in cue.verbs}:
        return None
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    marker = next((c for c in tok.children if (c.dep_ == "mark" and c.lower_ in cue.phrases_flat)
                   or (c.dep_ == "aux" and c.lower_ == "should" and subject is not None and c.i < subject.i)), None)
    if marker is None or subject is None:
        return None
    if tok.dep_ == "advcl" and tok.head.pos_ in ("VERB", "AUX"):  # "will respond if the attacks persist"
        act = tok.head
        cause = _range([t for t in tok.subtree if t.i != marker.i])
        effect = _range([t for t in act.subtree if not tok.left_edge.i <= t.i <= tok.right_edge.i], around=act.i)
    else:  # "[will act ...] should these attacks continue", the act parsed as the complement
        act = next((c for c in tok.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and c.i < marker.i),
                   None)
        if act is None:
            return None
        cause = _range([t for t in tok.subtree if t.i != marker.i and not act.left_edge.i <= t.i <= act.right_edge.i])
        effect = _range(list(act.subtree), around=act.i)
    if cause is None or effect is None:
        return None
    return Relation(cue, (marker.i, marker.i + 1), cause, effect, act.i)


def _message(tok: Token, cue: Cue) -> Relation | None:
    """"The operation sends an unambiguous message: ...": the message is the aim, the subject the effect."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in {w[0] for w in cue.verbs}:
        return None
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in cue.nouns), None)
    if obj is None:
        return None
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != obj.i), None)
    end = tok.sent.end
    cause = (obj.left_edge.i, max(obj.right_edge.i + 1, end))
    if subject is None:
        effect = (tok.sent.start, tok.i)
        head = tok.i
    else:
        effect = _range(list(subject.subtree))
        head = subject.i
    if effect is None or effect[0] >= effect[1]:
        effect, head = (tok.i, tok.i + 1), tok.i
    return Relation(cue, (tok.i, tok.i + 1), _strip_punct(tok, cause), effect, head, aim_head=obj.i)


def _strip_punct(tok: Token, span: tuple[int, int]) -> tuple[int, int]:
    doc = tok.doc
    start, end = span
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _range(tokens: list[Token], around: int | None = None) -> tuple[int, int] | None:
    """The contiguous run of ``tokens`` (the one holding ``around`` when given), trailing punctuation cut."""
    if not tokens:
        return None
    ids = sorted(t.i for t in tokens)
    runs: list[list[int]] = [[ids[0]]]
    for i in ids[1:]:
        if i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    run = next((r for r in runs if around in r), None) if around is not None else None
    if run is None:
        run = max(runs, key=len)
    doc = tokens[0].doc
    start, end = run[0], run[-1] + 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    return (start, end) if end > start else None


def convention(cues: CausalCues, *, category: str | None, direction: str, relation: str,
               actor_ids: tuple[str, ...], within) -> tuple[str, str | None]:
    """The category the scheme's conventions give (and the convention id); ``within(a, b)``: actor a is (part of) b."""
    for conv in cues.conventions:
        if conv.direction is not None and conv.direction != direction:
            continue
        if conv.relation is not None and conv.relation != relation:
            continue
        if conv.actors and not any(within(a, b) for a in actor_ids for b in conv.actors):
            continue
        if conv.from_ is not None and category not in conv.from_:
            continue
        if category in conv.keep:
            return category, None
        return conv.category, conv.id
    return category or "other", None
