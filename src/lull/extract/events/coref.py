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

A singular description ("the group", "the organization") prefers a named group to a generic one
("SAD is a pro-Iran militia. The organization ...": SAD, not the Iran-backed militias), since the
generic is then a description of the named group. In the previous sentence a subject is preferred over a more recent object
(the sentence's topic is what "they" continues); in the same sentence a
description ("the group") also prefers the subject ("KSS is a member of the
IRI and the group's activity ...": KSS), while a pronoun takes the latest fit.

First person in a transcript ("MS. SINGH: ... we struck ...", "GEN. RYDER: I
can confirm ...") is the paragraph's speaker: "I"/"me"/"my" the speaker, and
"we"/"us"/"our" the state the speaker serves ("our forces" its forces), the
way the coding scheme codes a spokesperson's "we" as the United States. A
speaker tag is a paragraph opening with a name in capitals and a colon; a
surname alone ("MS. SINGH") is the speaker the transcript named in full
before; an unknown tag ("Q:") ends the previous speaker's turn. Which words count as group
nouns lives in data/patterns/events.yaml (``cues.coref_group_nouns``).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from .lexicon import Lexicon

if TYPE_CHECKING:
    from ...knowledge.actors import ActorEntry, ActorKB

_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
_GROUP_PRONOUNS = frozenset({"they", "them", "their", "it", "its"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5}
_LIST_DEPS = frozenset({"conj", "appos"})  # the parser reads "X, Y and Z" as X <-appos- Y <-conj- Z at times
_LIST_GLUE = frozenset({",", "and", "or", "(", ")", "&"})  # what may stand between two names of one list
_DEFINITE = frozenset({"the", "these", "this", "those", "that", "such"})
_NOT_AGENTS = frozenset({"person", "outlet"})
_GROUP_KINDS = frozenset({"armed_group", "umbrella"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_SPEAKER_TAG = re.compile(r"^([A-Z][A-Z.' -]{0,60}[A-Z.]):[ \t]", re.MULTILINE)
_SPEAKER_PRONOUNS = frozenset({"i", "me", "my"})
_SAME_REACH = 4  # sentences back for "the same militia"
_VOICE_PRONOUNS = frozenset({"we", "us", "our"})
_VOICE_KINDS = frozenset({"state", "government", "state_force", "armed_group", "umbrella", "coalition", "organisation"})


def transcript_speakers(text: str, kb: ActorKB) -> list[tuple[int, ActorEntry | None]]:
    """(character offset, speaker) for each speaker tag of a transcript, in text order (None: unknown)."""
    out: list[tuple[int, ActorEntry | None]] = []
    for match in _SPEAKER_TAG.finditer(text):
        tag = match[1]
        entry = kb.lookup(tag)
        if entry is None or entry.kind != "person":
            surname = tag.split()[-1].lower()
            entry = next((e for _, e in reversed(out) if e is not None and e.name.split()[-1].lower() == surname), None)
        out.append((match.end(), entry))
    return out


def first_person(head: Token, speakers: Sequence[tuple[int, ActorEntry | None]], kb: ActorKB) -> ActorEntry | None:
    """Who a first-person pronoun of a transcript stands for: the speaker ("I") or the state they serve ("we")."""
    lower = head.lower_
    if lower not in _SPEAKER_PRONOUNS and lower not in _VOICE_PRONOUNS:
        return None
    speaker = next((entry for start, entry in reversed(speakers) if start <= head.idx), None)
    if speaker is None or lower in _SPEAKER_PRONOUNS:
        return speaker
    return voice_state(speaker, kb)


def quoted_voice(head: Token, voices: Sequence[tuple[int, int, ActorEntry]], kb: ActorKB) -> ActorEntry | None:
    """Who a first-person pronoun inside attributed direct speech stands for (``voices``: the character range
    of each direct quote and its speaker, from the quote finder).

    "I have reached out to ..." in a statement Blinken released is Blinken; "we"/"us"/"our" of a person is the
    state the person serves (as in a transcript), of an organisation the organisation itself ("we will strike",
    said the group). A first person outside any attributed quote is nobody known."""
    lower = head.lower_
    if lower not in _SPEAKER_PRONOUNS and lower not in _VOICE_PRONOUNS:
        return None
    speaker = next((entry for start, end, entry in voices if start <= head.idx < end), None)
    if speaker is None:
        return None
    if speaker.kind == "person":
        return speaker if lower in _SPEAKER_PRONOUNS else voice_state(speaker, kb)
    return speaker if lower in _VOICE_PRONOUNS and speaker.kind in _VOICE_KINDS else None


def voice_state(person: ActorEntry, kb: ActorKB) -> ActorEntry | None:
    """The state a person speaks for: the one above their organisation in the KB (None for armed groups)."""
    org = kb.affiliation(person.id)
    if org is None or org.kind not in ("government", "state_force", "state"):
        return None
    for actor_id in (org.id, *kb.ancestors(org.id)):
        entry = kb.get(actor_id)
        if entry is not None and entry.kind == "state":
            return entry
    return None


def is_anaphor(head: Token, lex: Lexicon) -> bool:
    """Whether an argument head is a pronoun or a definite description that needs an antecedent."""
    lower = head.lower_
    if head.pos_ == "PRON":
        return lower in _PERSON_PRONOUNS or lower in _GROUP_PRONOUNS
    if lower == "latter":
        return True
    if _counted(head) is not None:
        return True
    return head.lemma_.lower() in lex.cue("coref_group_nouns") and any(
        c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children)


def _counted(head: Token) -> int | None:
    """How many parties "the two forces", "both groups", "the three militias" count back to (None: not such)."""
    if head.tag_ != "NNS" or head.pos_ != "NOUN":
        return None
    words = {c.lower_ for c in head.children if c.dep_ in ("det", "predet", "nummod")}
    if "both" in words:
        return 2
    number = next((_NUMBERS[w] for w in words if w in _NUMBERS), None)
    return number if number is not None and words & {"the", "these", "those"} else None


def antecedent(head: Token, spans: Sequence[Span], kb: ActorKB, lex: Lexicon) -> Span | None:
    """The actor span ``head`` (an anaphor, see ``is_anaphor``) refers to, or None when none fits."""
    sent = head.sent
    reach = _same_reach(head)
    start = reach if reach is not None else _previous_sentence_start(sent)
    candidates = [s for s in spans if start <= s.start and s.end <= head.i and _fits(head, s, kb, lex)]
    if not candidates:
        return None
    if head.pos_ != "PRON" and head.tag_ == "NN":  # "SAD ... is a pro-Iran militia. The organization": SAD
        candidates = [s for s in candidates if not kb.get(s.id_).generic] or candidates
    same = [s for s in candidates if s.start >= sent.start]
    if same and head.pos_ != "PRON":  # "KSS is a member of the IRI and the group's ...": the topic, KSS
        return ([s for s in same if _in_subject(s)] or same)[-1]
    if same:
        return same[-1]
    subjects = [s for s in candidates if _in_subject(s)]
    return (subjects or candidates)[-1]


def antecedent_list(head: Token, spans: Sequence[Span], kb: ActorKB, lex: Lexicon) -> list[Span]:
    """Like ``antecedent``, but a plural anaphor ("they", "these militias") whose antecedent stands in a
    coordinated list ("Kataib Hezbollah and Harakat al-Nujaba fired ...; they ...") refers to the whole
    list: every fitting actor span of it, in text order."""
    count = _counted(head)
    if count is not None:
        return _counted_list(head, count, spans, kb)
    found = antecedent(head, spans, kb, lex)
    joint = _joint_subject(head, lex)
    pair = _meeting_pair(head, spans, kb, reach=joint)
    if pair and (joint or found is None or found.start < pair[0].sent.start
                 or pair[0].start <= found.start < pair[-1].end):
        return pair
    if found is None:
        return []
    if not (head.lower_ in _PLURAL_PRONOUNS or (head.pos_ != "PRON" and head.tag_ == "NNS")):
        return [found]
    first = found.root
    while first.dep_ in _LIST_DEPS and first.head.pos_ in ("PROPN", "NOUN"):
        first = first.head
    members = {first.i, *(t.i for t in _conjoined(first))}
    listed = [s for s in spans if any(t.i in members for t in s) and s.end <= head.i and _fits(head, s, kb, lex)]
    listed = listed if found in listed else [found]
    run = _text_run(found, [s for s in spans if s.end <= head.i and _fits(head, s, kb, lex)])
    return run if len(run) > len(listed) else listed


def _counted_list(head: Token, count: int, spans: Sequence[Span], kb: ActorKB) -> list[Span]:
    """"The ISF and the KSF ...; the two forces coordinated": the latest coordinated list of exactly ``count``
    parties (not persons or outlets) in the same or the previous sentence."""
    start = _previous_sentence_start(head.sent)
    fitting = [s for s in spans if start <= s.start and s.end <= head.i
               and (entry := kb.get(s.id_)) is not None and entry.kind not in _NOT_AGENTS]
    for span in reversed(fitting):
        first = span.root
        while first.dep_ in _LIST_DEPS and first.head.pos_ in ("PROPN", "NOUN"):
            first = first.head
        members = {first.i, *(t.i for t in _conjoined(first))}
        listed = [s for s in fitting if any(t.i in members for t in s)]
        listed = [s for n, s in enumerate(listed) if all(o.id_ != s.id_ for o in listed[:n])]  # "ISF (ISF)"
        if len(listed) == count:
            return listed
        run = _text_run(span, fitting)
        if len(run) == count:
            return run
    return []


def _text_run(span: Span, spans: Sequence[Span]) -> list[Span]:
    """The list ``span`` stands in, read from the text rather than the parse: the names of ``spans`` joined
    only by commas, "and", "or" and brackets ("designating Harakat al-Nujaba, Kata’ib Sayyid al-Shuhada,
    and Kata’ib al-Imam Ali", which the tagger breaks on the apostrophes), one span per party, in text order.
    A description right before a name ("Iran-aligned militia groups Harakat al-Nujaba, ...") stands for it."""
    ordered = sorted(spans, key=lambda s: s.start)
    at = next((n for n, s in enumerate(ordered) if s.start == span.start), None)
    if at is None:
        return [span]
    if at + 1 < len(ordered) and ordered[at + 1].start == span.end:
        at += 1  # "militia groups Harakat al-Nujaba, ...": the description names the list that follows it
    first = last = at
    while first > 0 and _glued(ordered[first - 1], ordered[first]):
        first -= 1
    while last + 1 < len(ordered) and _glued(ordered[last], ordered[last + 1]):
        last += 1
    run = ordered[first:last + 1]
    return [s for n, s in enumerate(run) if all(o.id_ != s.id_ for o in run[:n])]


def _glued(left: Span, right: Span) -> bool:
    """Two names next in a list: only list words and brackets between them, and at least one comma, "and" or
    "or" unless the second is the first's acronym in brackets ("Kata'ib Hezbollah (KH)")."""
    gap = left.doc[left.end:right.start]
    if len(gap) == 0 or any(t.text not in _LIST_GLUE for t in gap):
        return False
    return any(t.lower_ in (",", "and", "or") for t in gap) or left.id_ == right.id_


def _joint_subject(head: Token, lex: Lexicon) -> bool:
    """"They committed to remain in close contact", "They agreed to ...": "they" as the subject of an act both
    sides of a call or meeting do together (``cues.joint_verbs``), the closing line of a readout."""
    return head.lower_ == "they" and head.dep_ == "nsubj" and head.head.lemma_.lower() in lex.cue("joint_verbs")


def _meeting_pair(head: Token, spans: Sequence[Span], kb: ActorKB, *, reach: bool = False) -> list[Span]:
    """"X spoke with Y ... They committed to ...": "they" after a person who met, spoke or worked with
    another person, in the same or the previous sentence, is the two of them (the latest such pair). With
    ``reach`` (a joint act, ``_joint_subject``) the pair may stand anywhere earlier in the paragraph: a
    readout tells what one side said in between ("The Secretary condemned ..., welcomed ...")."""
    if head.lower_ not in _PLURAL_PRONOUNS:
        return []
    start = _paragraph_start(head) if reach else _previous_sentence_start(head.sent)
    persons = [s for s in spans if start <= s.start and s.end <= head.i
               and (entry := kb.get(s.id_)) is not None and entry.kind == "person"]
    for subject in reversed([s for s in persons if s.root.dep_ in _SUBJECT_DEPS]):
        verb = subject.root.head
        partners = [s for s in persons if s.root.dep_ == "pobj" and s.root.head.lower_ == "with"
                    and s.root.head.head.i == verb.i]
        if partners:
            return [subject, *partners]
    return []


def _conjoined(tok: Token) -> list[Token]:
    out = []
    for child in tok.children:
        if child.dep_ in _LIST_DEPS and child.pos_ in ("PROPN", "NOUN"):
            out += [child, *_conjoined(child)]
    return out


def _same_reach(head: Token) -> int | None:
    """Where "the same militia", "the same group" may find its antecedent: "same" says the group was named
    before, often further back than the previous sentence, so ``_SAME_REACH`` sentences back."""
    if head.pos_ != "NOUN" or not any(c.dep_ == "amod" and c.lower_ == "same" for c in head.children):
        return None
    start = head.sent.start
    for _ in range(_SAME_REACH):
        if start == 0:
            break
        start = head.doc[start - 1].sent.start
    return start


def _paragraph_start(tok: Token) -> int:
    """The index of the first token of ``tok``'s paragraph (text after the last line break before it)."""
    i = tok.i
    while i > 0 and "\n" not in tok.doc[i - 1].text_with_ws:
        i -= 1
    return i


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
