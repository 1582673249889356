"""Direct and indirect speech, posts and issued statements, each with its speaker.

One pass over the sentences of a parsed Doc, in order, remembering the last
named speakers so that continued speech ("He added that ...", a bare quotation
on the next line, "the statement said") goes to the right one. The cue words
come from ``data/patterns/speech.yaml``; this module holds the mechanisms:

``verb``       a reporting verb with a subject: "Al-Basri stated, "..."",
               "Al-Shammari noted that ...", "Al-Alwani attributed the halt to ...".
               The content is the quotation the verb governs (direct), else its
               that-clause or object (indirect). "quoted X as saying that ..."
               gives the words to X.
``according``  "According to X, ..." (indirect).
``continued``  a quotation of at least ``min_quote_words`` words with no
               reporting verb of its own: the last speaker's (direct).
``list_item``  the items of a list whose lead is attributed ("He pointed out
               that:", "According to X, several factors ...:"), unless an item
               names its own speaker.
``transcript`` a briefing transcript's speaker labels ("MS. SINGH:", "GEN. RYDER:"):
               each substantive paragraph up to the next label is one direct
               quote of the labelled person, resolved to the name the document
               gives (its header, an earlier fuller label, the actor KB), with
               the role from the header; a label without a name ("SENIOR
               DEFENSE OFFICIAL:") is that description "(unnamed)"; reporters'
               "Q:" paragraphs are nobody's quotes. Speech the briefer relays
               from others ("As Secretary Austin said, ...") is found by the
               other mechanisms; the briefer's own reporting verbs inside a
               paragraph add nothing to the paragraph's quote.

``responsibility`` "X claimed responsibility for the attack" (and denials): the verb and what it claims, not a
               relative clause on the event ("..., which killed two"); "the group" is the group last named
               in the paragraph, else the one the text names most.
``passive``    "claimed by an umbrella group calling itself X" (the agent, or the organisation it names);
               without an agent, "it was believed that ..." and "has been described as ..." are quotes of
               unnamed sources ("it is said" stays a hedge of the outlet's voice).
``noun``       a speech noun's that-clause or to-infinitive by its author ("allegations by X that ...",
               "the office released a statement that ...", "the government's pledge to investigate").
``heard``      "As you've heard from X, <clause>"; likewise "As X said, <clause>" (verb rule).
``colon``      "X sent a clear message: “...”": a quotation after a colon is the words of the clause's subject.
Also: characterisations ("what the U.S. described as ...", "termed “...”"), readout verbs ("welcomed",
"discussed", "committed to ..."), documents speaking for their named author ("a report by X suggested",
"a report in The Hill indicates"). Negated verbs ("not disclosing"), tallies of claimed attacks ("claimed fewer
attacks") and words running into the end of a cut-off text are no quotes.

A post ("wrote on X") has kind ``post``; words from a statement ("said in a
statement", "the statement said", "In a statement issued on ..., the
committee denied") have kind ``statement``. Pronouns and definite
descriptions ("the committee") resolve to the last matching speaker or named
organisation; a bare surname ("Al-Shammari") to the earlier speaker it ends.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ...records import Actor, Quote
from ...records import Span as TextSpan
from ...vocabulary import Policy
from .attribution import (
    DENY_MARK,
    ListBlock,
    Speaker,
    SpeechRules,
    describe_speaker,
    doc_id_of,
    list_blocks,
    span_actor,
    statement_blocks,
    transcript_turns,
    stable_id,
    verb_lemma,
)
from ..doctext import text_of

if TYPE_CHECKING:
    from ...knowledge.actors import ActorKB

# A quotation opens with a curly or straight mark and closes with either: proxies and editors mix them
# ("\"The United States does not seek conflict,” said ..."); no quotation holds another mark or a line break.
_QUOTES = re.compile(r"[“\"]([^“”\"\n]*)[”\"]")
_ORG_KINDS = frozenset({"armed_group", "coalition", "government", "organisation", "outlet", "state", "state_force",
                        "umbrella"})
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP"})
_BODY_KINDS = frozenset({"armed_group", "coalition", "organisation", "umbrella"})
_NOT_SPEAKERS = frozenset({"report", "statistic", "data", "figure", "estimate", "record"})
_CONTENT_DEPS = ("ccomp", "parataxis")
_SPOKEN_QUOTE_MARKS = frozenset({"quote", "and i quote", "i quote"})
_OBJECT_DEPS = ("dobj", "attr", "oprd")


@dataclass(frozen=True, slots=True)
class QuoteResources:
    """What the quote finder consults: the actor KB and the speech cues."""

    kb: ActorKB
    speech: SpeechRules


@dataclass(frozen=True, slots=True)
class _Lead:
    """Who speaks in a list's lead line, and how: the items below inherit it."""

    speaker: Speaker
    kind: str
    cue: str | None


@dataclass
class _State:
    """Per-document memory: the quotations, the last speakers, the quotes found so far."""

    doc: Doc
    doc_id: str
    res: QuoteResources
    quotations: list[tuple[int, int]]
    actor_spans: list[Span]
    last_person: Speaker | None = None
    last_group: Speaker | None = None
    last_statement: Speaker | None = None
    speakers: list[Speaker] = field(default_factory=list)
    lead: _Lead | None = None  # a lead of the current sentence with no words of its own ("Al-Alwani explained:")
    used: set[tuple[int, int]] = field(default_factory=set)
    out: list[Quote] = field(default_factory=list)


def find_quotes(doc: Doc, *, res: QuoteResources) -> list[Quote]:
    """Every quote of a parsed document, in text order of their cue sentences."""
    rules = res.speech
    state = _State(doc, doc_id_of(doc), res, quotations(text_of(doc), rules),
                   list(doc.spans["lull_actors"]) if "lull_actors" in doc.spans else [])
    blocks = list_blocks(text_of(doc), rules)
    pending: list[tuple[ListBlock, _Lead]] = []
    turns = _transcript_quotes(state) + _statement_quotes(state)
    for sent in doc.sents:
        before, state.lead = len(state.out), None
        for tok in sent:
            if _according(tok, rules):
                _from_according(tok, sent, state)
            elif tok.pos_ in ("VERB", "AUX") and (_is_reporting(tok, rules) or _responsibility(tok, rules)
                                                  or _document_finding(tok, rules)) \
                    and not _inside_quotation(tok, state):
                _from_verb(tok, sent, state)
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in rules.speech_nouns \
                    and not _inside_quotation(tok, state):
                _from_speech_noun(tok, sent, state)
            elif tok.lemma_.lower() == "hear" and tok.dep_ == "advcl":
                _from_heard(tok, sent, state)
        _from_bare_quotations(sent, state)
        _from_list_items(sent, state, pending, before)
        block = next((b for b in blocks if sent.start_char <= b.lead_end <= sent.end_char), None)
        if block is not None and sent.text.rstrip().endswith(rules.list_lead_endings):
            lead = state.lead or _lead_of(state.out[before:])
            if lead is not None:
                pending.append((block, lead))
    return _merge_turns(state.out, turns)


# --- transcripts ---------------------------------------------------------------------------------


def _transcript_quotes(state: _State) -> list[Quote]:
    """One direct quote per substantive paragraph of each labelled speaker of a transcript."""
    text = text_of(state.doc)
    turns = transcript_turns(text, state.res.speech)
    if not turns:
        return []
    first_label = turns[0].label_start
    resolved: dict[str, Speaker] = {}
    out: list[Quote] = []
    for turn in turns:
        if turn.reporter or not turn.paragraphs:
            continue
        speaker = resolved.get(turn.label) or _label_speaker(turn.label, text[:first_label], resolved, state)
        resolved[turn.label] = speaker
        for start, end in turn.paragraphs:
            end = _trim(state.doc, start, end)
            if end is None or len(re.findall(r"\w+", text[end[0]:end[1]])) < state.res.speech.min_quote_words:
                continue  # a paragraph cut off after a word or two ("Without g") says nothing yet
            sent = state.doc.char_span(start, end[1], alignment_mode="expand")
            if sent is None:
                continue
            out.append(Quote(
                id=stable_id(state.doc_id, start, start, end[1], "direct", "quote.direct.transcript"),
                doc_id=state.doc_id, sentence=TextSpan(state.doc_id, start, end[1], text[start:end[1]]),
                content=TextSpan(state.doc_id, end[0], end[1], text[end[0]:end[1]]),
                rule_id="quote.direct.transcript", kind="direct", speaker=speaker.actor, speaker_text=speaker.text,
                role=speaker.role, cue=turn.label))
    return out


def _statement_quotes(state: _State) -> list[Quote]:
    """One direct quote per paragraph of a statement released whole (``statement_headers`` of speech.yaml),
    its speaker resolved as a transcript label is."""
    text = text_of(state.doc)
    out: list[Quote] = []
    resolved: dict[str, Speaker] = {}
    for block in statement_blocks(text, state.res.speech):
        header = text[:block.header_start] + "\n" + block.speaker
        speaker = _label_speaker(block.speaker, header, resolved, state)
        resolved[block.speaker] = speaker
        rule_id = "quote.direct." + block.rule_id
        for start, end in block.paragraphs:
            out.append(Quote(
                id=stable_id(state.doc_id, start, start, end, "direct", rule_id), doc_id=state.doc_id,
                sentence=TextSpan(state.doc_id, start, end, text[start:end]),
                content=TextSpan(state.doc_id, start, end, text[start:end]), rule_id=rule_id, kind="direct",
                speaker=speaker.actor, speaker_text=speaker.text, role=speaker.role, cue=block.rule_id))
    return out


def _label_speaker(label: str, header: str, resolved: dict[str, Speaker], state: _State) -> Speaker:
    """Who a label names: a person of the actor KB (by full name, else by surname among the people the document
    names, an earlier label first), or, for a label with no name, the description itself "(unnamed)"."""
    tr = state.res.speech.transcript
    kb = state.res.kb
    name = _without_honorifics(label, tr.honorifics)
    words = name.split()
    for k in range(len(words)):
        entry = kb.lookup(" ".join(words[k:]).title())
        if entry is not None and entry.kind == "person":
            return Speaker(_entry_actor(entry, label), entry.name, _header_role(entry.name, header, label, tr))
    surname = _name_key(words[-1]) if words else ""
    for earlier in resolved.values():
        if earlier.actor.id and surname and _name_key(earlier.text.split()[-1]) == surname:
            return earlier
    for span in state.actor_spans:
        entry = kb.get(span.id_) if span.id_ else None
        if entry is not None and entry.kind == "person" and surname and _name_key(entry.name.split()[-1]) == surname:
            return Speaker(_entry_actor(entry, label), entry.name, _header_role(entry.name, header, label, tr))
    if not words or name == label.lower() and not _has_person(label, state):
        text = label.lower() + tr.unnamed_suffix
        return Speaker(Actor(text=text), text, label.lower())
    person = " ".join(words).title()
    return Speaker(kb.resolve(person, "PERSON"), person, _header_role(person, header, label, tr))


def _has_person(label: str, state: _State) -> bool:
    return any(e.label_ == "PERSON" and e.text.lower() in label.lower() for e in state.doc.ents)


def _without_honorifics(label: str, honorifics: tuple[str, ...]) -> str:
    """"MAJOR GENERAL PAT RYDER" -> "pat ryder"; "SENIOR DEFENSE OFFICIAL" stays as it is (lowercased)."""
    rest = label.lower()
    changed = True
    while changed:
        changed = False
        for h in honorifics:
            if rest.startswith(h + " "):
                rest, changed = rest[len(h) + 1:], True
    return rest


def _entry_actor(entry, label: str) -> Actor:
    return Actor(text=label, id=entry.id, name=entry.name, kind=entry.kind, sector=entry.sector,
                 country=entry.country)


def _header_role(name: str, header: str, label: str, tr) -> str | None:
    """The role before the name in the transcript's header ("Deputy Pentagon Press Secretary Sabrina Singh Holds
    a Press Briefing"), ranks and services dropped; else the label's words before the name."""
    surname = name.split()[-1]
    for line in header.splitlines():
        pos = line.find(name.split()[0] + " ") if name.split()[0] in line else line.find(surname)
        if pos <= 0:
            continue
        words = line[:pos].split()
        while words and any(" ".join(words[-k:]).lower() in tr.honorifics and
                            " ".join(words[-k:]).lower() not in ("secretary", "press secretary",
                                                                 "deputy press secretary")
                            for k in (1, 2)):
            words = words[:-2] if " ".join(words[-2:]).lower() in tr.honorifics else words[:-1]
        if words and all(w[:1].isupper() for w in words):
            return " ".join(words)
    before = label.lower().split(surname.lower())[0].split() if surname.lower() in label.lower() else []
    before = [w for w in before if w not in name.lower().split()]
    return " ".join(before).title() or None


def _merge_turns(found: list[Quote], turns: list[Quote]) -> list[Quote]:
    """The transcript quotes, plus what the other mechanisms found that is not the briefer's own words again
    (another speaker relayed inside a paragraph, a claim relayed in a reporter's question)."""
    if not turns:
        return found
    kept: list[Quote] = []
    for quote in found:
        holder = next((t for t in turns if t.content.start <= quote.content.start < t.content.end), None)
        relayed = holder is not None and any(  # "As Secretary Austin said, ... He also said ...": still Austin
            k.speaker == quote.speaker and holder.content.start <= k.content.start for k in kept)
        if holder is not None and (quote.speaker is None or holder.speaker is None
                                   or (quote.speaker.id or quote.speaker.text) == (holder.speaker.id or holder.speaker.text)
                                   or quote.policies & {Policy.CONTINUED, Policy.PRONOUN_SPEAKER} and not relayed):
            continue
        kept.append(quote)
    return sorted(kept + turns, key=lambda q: q.content.start)


def quotations(text: str, rules: SpeechRules) -> list[tuple[int, int]]:
    """Character ranges of the quoted passages long enough to be speech (not names or scare quotes)."""
    out = []
    for match in _QUOTES.finditer(text):
        group = 1
        content = match.group(group)
        if len(re.findall(r"\w+", content)) >= rules.min_quote_words:
            start, end = match.start(group), match.end(group)
            while end > start and text[end - 1] in " ,":
                end -= 1
            out.append((start, end))
    return out


def _is_reporting(tok: Token, rules: SpeechRules) -> bool:
    return verb_lemma(tok) in rules.reporting or tok.lemma_.lower() in rules.reporting


def _inside_quotation(tok: Token, state: _State) -> bool:
    return any(s <= tok.idx < e for s, e in state.quotations)


def _according(tok: Token, rules: SpeechRules) -> bool:
    first = tok.lower_
    doc = tok.doc
    for phrase in rules.according:
        if phrase[0] == first and tuple(t.lower_ for t in doc[tok.i:tok.i + len(phrase)]) == phrase:
            return True
    return False


# --- reporting verbs -----------------------------------------------------------------------------


def _from_verb(verb: Token, sent: Span, state: _State) -> None:
    rules = state.res.speech
    if any(c.dep_ == "neg" for c in verb.children) or _counts_claimed(verb, rules):
        return  # "the U.S. not disclosing the casualties" says nothing; "ISIS claimed fewer attacks" is a count
    if _passive(verb):
        _from_passive(verb, sent, state)
        return
    subject, via_quote = _subject(verb, rules)
    finding = _document_finding(verb, rules)
    if finding:  # "A report by X suggested ...": X speaks; an unsigned report does not
        document = next(c for c in verb.children if c.dep_ == "nsubj")
        subject, via_quote = _document_author(document, state), False
    if subject is None:
        return
    content, direct = _special_content(verb, state) or _content(verb, sent, state)
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if content is None and finding and obj is not None:  # "found that USAID faced challenges", parsed as an object
        first = obj.left_edge if obj.left_edge.lower_ != "that" else obj.doc[obj.left_edge.i + 1]
        content = _trim(state.doc, first.idx, _end(obj.right_edge))
    if content is not None and len(text_of(state.doc)[content[0]:content[1]].split()) < 2:
        content = None  # "He pointed out that:" -- the words follow in a list
    speaker = _speaker(subject, verb, state, via_quote)
    if speaker is None:
        return
    statement = _statement_cue(verb, subject, rules)
    post = _post_cue(verb, rules)
    statement = statement or _issuing_body(speaker, state)
    kind = "post" if post else "statement" if statement else "direct" if direct else "indirect"
    cue = post or _cue_text(verb)
    if content is None:
        if sent.text.rstrip().endswith(rules.list_lead_endings):
            _remember(speaker, state, statement)
            state.lead = _Lead(speaker, kind, cue)
        return
    if verb.lemma_.lower() in rules.characterising_verbs and any(
            q.speaker_text == speaker.text and q.content.start <= content[0] < q.content.end for q in state.out):
        return  # "the existence of what he termed an unannounced ceasefire": already inside the speaker's words
    mechanism = "verb" + ("+pronoun" if subject.pos_ == "PRON" else "")
    policies: frozenset[Policy] = frozenset({Policy.PRONOUN_SPEAKER}) if subject.pos_ == "PRON" else frozenset()
    if verb.lemma_.lower() in rules.deny_verbs:
        mechanism += DENY_MARK
        policies |= {Policy.DENIAL}
    _emit(state, sent, content, kind, mechanism, speaker, cue, policies)
    _remember(speaker, state, statement)


def _document_finding(verb: Token, rules: SpeechRules) -> bool:
    """"A USAID OIG audit found that ...": a finding verb whose subject is a document."""
    return verb.lemma_.lower() in rules.finding_verbs and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in rules.document_nouns for c in verb.children)


def _document_author(document: Token, state: _State) -> Token | None:
    """Who a document speaks for: "a report by X", "a report in The Hill", "a USAID OIG audit". A possessive is
    left out: "The ISWnews's review ... indicates" is often the outlet's own voice, which has no speaker."""
    for child in document.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "in", "of"):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and _names_someone(pobj, state):
                return pobj
    named = [c for c in document.children if c.dep_ in ("compound", "amod", "nmod") and c.pos_ == "PROPN"]
    if any(_names_someone(c, state) for c in named):  # "a USAID OIG audit": the office named before the noun
        return named[-1]
    return None


def _responsibility(verb: Token, rules: SpeechRules) -> Token | None:
    """The object "responsibility" of "claimed/denied responsibility for ...", if the verb takes one."""
    if verb_lemma(verb) not in rules.responsibility_verbs and verb.lemma_.lower() not in rules.responsibility_verbs:
        return None
    return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() == "responsibility"),
                None)


def _counts_claimed(verb: Token, rules: SpeechRules) -> bool:
    """"ISIS claimed fewer attacks during the quarter": a count of the attacks a group claimed (the outlet's
    tally), not a statement; its object carries a number or a comparison."""
    if verb.lemma_.lower() != "claim":
        return False
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj is not None and any(c.dep_ == "nummod" or c.lower_ in ("fewer", "more", "less", "most", "fewest")
                                   for c in obj.children)


def _passive(verb: Token) -> bool:
    """"It was believed that ...", "has been described as ...", "(although) claimed by X"."""
    return any(c.dep_ == "auxpass" for c in verb.children) or (
        verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children))


def _from_passive(verb: Token, sent: Span, state: _State) -> None:
    """Passive speech: the agent speaks ("claimed by an umbrella group calling itself X"); without an agent, an
    impersonal "it was believed that ..." or a characterisation "X has been described as ..." is a quote of
    unnamed sources. Other passives ("the statement was issued") say nothing here."""
    rules = state.res.speech
    lemma = verb.lemma_.lower()
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if lemma not in rules.impersonal_verbs and _responsibility(verb, rules) is None and (
            agent is None or lemma not in rules.responsibility_verbs):
        return  # "the attack was claimed by X" speaks; "the statement was issued" does not
    if agent is not None:
        if not _plausible(agent, _describe(agent, state), state) and not _named_within(agent, state):
            return
        speaker = _named_within(agent, state) or _known(_describe(agent, state), state)
    else:
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        expletive = subject is not None and subject.lower_ == "it"
        if not (expletive and any(c.dep_ in _CONTENT_DEPS for c in verb.children)) and \
                lemma not in rules.characterising_verbs:
            return
        label = rules.unnamed_speaker
        speaker = Speaker(Actor(text=label), label, None)
    found = _special_content(verb, state)
    if found is None and agent is not None:
        found = _trim(state.doc, verb.idx, _end(agent.right_edge)), False  # "claimed by X"
    if found is None:
        clause = next((c for c in verb.children if c.dep_ in _CONTENT_DEPS), None)
        found = (_trim(state.doc, _clause_start(clause), _end(clause.right_edge)), False) if clause is not None \
            else (None, False)
    content, direct = found
    if content is None:
        return
    _emit(state, sent, content, "direct" if direct else "indirect", "passive", speaker, _cue_text(verb))
    if agent is not None:
        _remember(speaker, state, statement=False)


def _named_within(head: Token, state: _State) -> Speaker | None:
    """The organisation a description names inside itself ("an umbrella group calling itself the Islamic
    Resistance in Iraq")."""
    kb = state.res.kb
    for span in state.actor_spans:
        entry = kb.get(span.id_) if span.id_ else None
        if entry is not None and head.left_edge.i <= span.start and span.end - 1 <= head.right_edge.i \
                and span.root.i != head.i and entry.kind in _ORG_KINDS:
            return Speaker(span_actor(span, kb), span.text, None)
    return None


def _special_content(verb: Token, state: _State) -> tuple[tuple[int, int] | None, bool] | None:
    """What a responsibility claim, a stated intention or a characterisation says (``None``: the verb is none of
    those; the ordinary clause, quotation and object rules apply)."""
    rules = state.res.speech
    doc = verb.doc
    lemma = verb.lemma_.lower()
    responsibility = _responsibility(verb, rules)
    if responsibility is not None and verb.dep_ == "ccomp" and _is_reporting(verb.head, rules):
        return None, False  # "the statement said that the factions claimed responsibility for ...": its words
    if responsibility is not None:  # the verb and what it claims, without a relative clause on the event
        end = _end(responsibility)
        for prep in (c for c in list(verb.children) + list(responsibility.children) if c.dep_ == "prep"):
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is not None and prep.lower_ == "for":
                end = max(end, _np_end(pobj))
        return _trim(doc, verb.idx, end), False
    if lemma in rules.intent_verbs and not any(c.dep_ == "dobj" for c in verb.children):
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
        xcomp = xcomp or next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" and c.i > verb.i
                               and any(g.dep_ in ("pcomp", "pobj") for g in c.children)), None)
        if xcomp is not None:  # "committed to remain ...", "committed to continuing to consult ..."
            return _trim(doc, xcomp.left_edge.idx, _end(xcomp.right_edge)), False
    if lemma in rules.characterising_verbs:
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):  # "groups that X characterizes as ..."
            head = verb.head
            return _trim(doc, head.left_edge.idx, _end(head.right_edge)), False
        said = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children), None)
        said = said or next((c for c in verb.children if c.dep_ in ("oprd", "xcomp", "attr") and c.i > verb.i), None)
        if said is None and lemma in ("term", "dub") and not any(c.dep_ == "dobj" and c.i < verb.i
                                                                 for c in verb.children):
            said = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)  # "termed “...”"
        if said is not None:
            start, end = said.left_edge.idx, _end(said.right_edge)
            text = text_of(doc)
            opening = next((i for i in range(max(0, start - 2), min(start + 1, end)) if text[i] in "“\""), None)
            if opening is not None:  # 'described as "a relatively new player" in ...': the quoted words, direct
                close = min((i for i in (text.find("”", opening + 1), text.find('"', opening + 1)) if i > 0),
                            default=-1)
                if 0 < close <= end + 1:
                    return _trim(doc, opening + 1, close), True
            return _trim(doc, start, end), False
    return None


def _np_end(head: Token) -> int:
    """Where a noun phrase ends without its relative clauses and appositions ("the attacks, which killed two";
    "the attack on the base, which wounded three")."""
    cut = [t.left_edge.i for t in head.subtree if t.dep_ in ("relcl", "acl", "appos") and t.i > head.i]
    if not cut:
        return _end(head.right_edge)
    tok = head.doc[min(cut) - 1]
    while tok.is_punct and tok.i > head.i:
        tok = head.doc[tok.i - 1]
    return _end(tok)


def _from_heard(verb: Token, sent: Span, state: _State) -> None:
    """"As you've heard from the president and the U.S. ambassador, our forces are ready to assist": the main clause
    is the words of the one heard from."""
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return
    source = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
                   for g in c.children if g.dep_ == "pobj"), None)
    if source is None or verb.left_edge.i > sent.start + 1:
        return
    found = _describe(source, state)
    if not _plausible(source, found, state):
        return
    speaker = _known(found, state)
    if found.actor.id is None and source.lemma_.lower() in state.res.speech.role_nouns and _definite(source):
        speaker = _role_holder(source, state) or speaker
    _emit(state, sent, _trim(state.doc, _end(verb.right_edge), sent.end_char), "indirect", "heard", speaker,
          verb.text)


def _from_speech_noun(noun: Token, sent: Span, state: _State) -> None:
    """"allegations by some Iraqi politicians that they have ties to ...", "the office released a statement that
    ...", "the government's pledge to investigate": the noun's that-clause or to-infinitive, by its author (a
    possessive, "by/from X", or the subject of the verb that issues it)."""
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        clause = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VB"
                       and any(m.dep_ == "aux" and m.lower_ == "to" for m in c.children)), None)
    if clause is None:
        return
    author = next((c for c in noun.children if c.dep_ == "poss"), None)
    if author is None:
        author = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                       for g in c.children if g.dep_ == "pobj"), None)
    if author is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in ("release", "issue", "make", "publish"):
        author = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if author is None or author.pos_ == "PRON" and author.lower_ not in ("its", "his", "her", "their"):
        return
    if author.pos_ == "PRON":
        speaker = state.last_person if author.lower_ in ("his", "her") else state.last_group
        if speaker is None:
            return
    else:
        found = _describe(author, state)
        if not _plausible(author, found, state):
            return
        speaker = _known(found, state)
    content = _trim(state.doc, _clause_start(clause), _end(clause.right_edge))
    _emit(state, sent, content, "indirect", "noun", speaker, noun.text)


def _subject(verb: Token, rules: SpeechRules) -> tuple[Token | None, bool]:
    """The speaker phrase's head: the verb's subject, a controlling verb's, or X of "quoted X as saying"."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return None, False  # "It is said that ...": a hedge, not a speaker
    t = verb
    for _ in range(4):
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN"):
            return t.head, False  # "an announcement ... by Yemen's Houthi group claiming a joint operation"
        passive = any(c.dep_ == "auxpass" for c in t.children)
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        subject = subjects[-1] if subjects else None  # "- Israeli Retaliatory Threats: Al-Shammari noted": the nearest
        if subject is not None and passive and subject.lemma_.lower() not in rules.statement_nouns:
            return None, False  # only "the statement ... was issued, announcing ..." lends its author
        if subject is not None:
            if subject.lower_ in ("it", "this", "that", "which", "there") or subject.lemma_.lower() in _NOT_SPEAKERS:
                return None, False
            return _after_dash(subject), False
        if t.head.i == t.i or t.dep_ not in ("advcl", "conj", "xcomp", "pcomp", "prep", "ccomp"):
            return None, False
        if t.dep_ == "conj":  # "He claimed that X has been in decline ... and criticized Iran": he criticized
            t = next((a for a in t.ancestors if _is_reporting(a, rules)), t.head)
            continue
        t = t.head
        if t.lemma_.lower() in rules.quote_verbs:  # "quoted the US-based Cradle Magazine as saying that"
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
            return obj, obj is not None
    return None, False


def _after_dash(subject: Token) -> Token:
    """"Analysis Group – An Iraqi media outlet has claimed": a byline before a dash is not the speaker."""
    appos = next((c for c in subject.children if c.dep_ == "appos"), None)
    if appos is None:
        return subject
    between = subject.doc[subject.i + 1:appos.left_edge.i]
    return appos if any(t.text in ("–", "—", "-") for t in between) else subject


def _content(verb: Token, sent: Span, state: _State) -> tuple[tuple[int, int] | None, bool]:
    """What was said: a quotation the verb governs (direct), its that-clause or object (indirect)."""
    doc = verb.doc
    left, right = verb.left_edge.idx, _end(verb.right_edge)
    clause = next((c for c in verb.children if c.dep_ in _CONTENT_DEPS), None)
    if clause is None:  # "said in an interview with Aljazeera TV network that ...": the parser hung it lower
        mark = next((t for t in verb.subtree if t.i > verb.i and t.dep_ == "mark" and t.lower_ == "that"), None)
        clause = mark.head if mark is not None and mark.head.pos_ in ("VERB", "AUX") else None
    for start, end in state.quotations:
        if (start, end) in state.used or not (start < right and left < end) or start <= verb.idx < end:
            continue
        if clause is not None and not (start < _end(clause.right_edge) and clause.left_edge.idx < end):
            continue
        opens = clause is None or start - _clause_start(clause) <= 2  # 'He said that the IRI "is ...' is indirect
        # a transcript's spoken quote mark ('He also said that, quote, "Ukraine matters ..."') opens it too
        opens = opens or text_of(doc)[_clause_start(clause):start].strip(' ,:"“').lower() in _SPOKEN_QUOTE_MARKS
        if opens:
            return (start, end), True
    if clause is not None and sum(not t.is_punct for t in clause.subtree) > 1:
        first = clause.left_edge
        if first.dep_ == "mark" and first.i + 1 < len(doc):
            first = doc[first.i + 1]
        return _trim(doc, first.idx, _end(clause.right_edge)), False
    if clause is None and verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        if verb.left_edge.i <= sent.start + 1:  # "As Secretary Austin said, America's commitment ... is unshakable."
            return _trim(doc, _end(verb.right_edge), sent.end_char), False
        return _trim(doc, sent.start_char, verb.left_edge.idx), False  # "..., as the minister said"
    following = _quotation_after(sent, state)
    if following is not None:
        return following, True
    if verb.dep_ == "parataxis":  # "Failure to do so, she warned, would prompt intervention": the whole sentence
        return _trim(doc, sent.start_char, sent.end_char), False
    rules = state.res.speech
    obj = next((c for c in verb.children if c.dep_ in _OBJECT_DEPS), None)
    lemma = verb_lemma(verb)
    if lemma in rules.deny_verbs and obj is not None and obj.lemma_.lower() not in rules.denied_objects:
        obj = None  # "deny them access": an action, not a denial of what someone said
    if obj is not None and (lemma in rules.object_content_verbs or verb.lemma_.lower() in rules.object_content_verbs):
        last = max((c for c in verb.children if c.i > verb.i and c.dep_ not in ("punct", "cc", "conj")),
                   key=lambda c: c.right_edge.i, default=obj)  # the object may stand before its verb
        return _trim(doc, obj.left_edge.idx, _end(last.right_edge)), False
    return None, False


def _clause_start(clause: Token) -> int:
    """Where a that-clause's words begin (after "that")."""
    first = clause.left_edge
    if first.dep_ == "mark" and first.i + 1 < len(clause.doc):
        first = clause.doc[first.i + 1]
    while first.is_punct and first.i + 1 <= clause.right_edge.i:
        first = clause.doc[first.i + 1]
    return first.idx


def _quotation_after(sent: Span, state: _State) -> tuple[int, int] | None:
    """A quotation opening right after a lead ending with ":" ("wrote on X (formerly Twitter):\\n“...”")."""
    if not sent.text.rstrip().endswith(state.res.speech.list_lead_endings):
        return None
    text = text_of(state.doc)
    pos = sent.end_char
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return next(((s, e) for s, e in state.quotations if s - 1 <= pos <= s and (s, e) not in state.used), None)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    text = text_of(doc)
    while end > start and text[end - 1] in " ,.:;\n\"“”":
        end -= 1
    while start < end and text[start] in " ,\"“”":
        start += 1
    return (start, end) if end > start else None


def _end(tok: Token) -> int:
    return tok.idx + len(tok.text)


def _cue_text(verb: Token) -> str:
    particle = next((c for c in verb.children if c.dep_ == "prt"), None)
    return f"{verb.text} {particle.text}" if particle is not None else verb.text


def _post_cue(verb: Token, rules: SpeechRules) -> str | None:
    """"wrote on X", "posted on Telegram": the cue of a social-media post."""
    if verb.lemma_.lower() not in rules.post_verbs:
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "via", "in"):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                words = verb.doc[pobj.left_edge.i:pobj.i + 1].text.lower()
                if pobj.lower_ in rules.platforms or words in rules.platforms:
                    return f"{verb.text} {prep.text} {pobj.text}"
    return None


def _issuing_body(speaker: Speaker, state: _State) -> bool:
    """A named organisation speaks in statements ("the Coordinating Committee ... reaffirmed"); states, outlets and
    generic descriptions ("the Iraqi resistance groups") do not."""
    entry = state.res.kb.get(speaker.actor.id) if speaker.actor.id else None
    return entry is not None and entry.kind in _BODY_KINDS and not entry.generic


def _statement_cue(verb: Token, subject: Token, rules: SpeechRules) -> bool:
    """"the statement said", "said in a statement", "In a statement issued ..., the committee denied"."""
    if subject.lemma_.lower() in rules.statement_nouns:
        return True
    by_author = subject.dep_ == "pobj" and subject.head.lower_ in ("by", "from", "of")
    if by_author and subject.head.head.lemma_.lower() in rules.statement_nouns:
        return True  # "an announcement by X claiming ..."
    return any(prep.dep_ == "prep" and prep.lower_ in ("in", "through", "via")
               and any(c.dep_ == "pobj" and c.lemma_.lower() in rules.statement_nouns for c in prep.children)
               for prep in verb.children)


# --- speakers ------------------------------------------------------------------------------------


def _speaker(subject: Token, verb: Token, state: _State, via_quote: bool) -> Speaker | None:
    """The speaker a subject names, resolving pronouns, statements, descriptions and bare surnames."""
    rules = state.res.speech
    lower, lemma = subject.lower_, subject.lemma_.lower()
    if subject.pos_ == "PRON":
        if lower in rules.person_pronouns:
            return state.last_person
        return state.last_group if lower in rules.group_pronouns else None
    if lemma in rules.statement_nouns and not via_quote:
        author = _author(subject)
        if author is not None:
            return _describe(author, state)
        return state.last_statement or state.last_group
    found = _describe(subject, state)
    if not _plausible(subject, found, state):
        return None
    if found.actor.id is None and lemma in rules.anaphoric_heads and _definite(subject):
        antecedent = _antecedent(lemma, subject, state)
        if antecedent is not None:
            return antecedent
    if found.actor.id is None and lemma in rules.role_nouns and _definite(subject):
        holder = _role_holder(subject, state)  # "the press secretary" -> the press secretary the text named
        if holder is not None:
            return holder
    return _known(found, state)


def _role_holder(subject: Token, state: _State) -> Speaker | None:
    """The named person a role description stands for: the latest person named before it whose title holds
    every content word of the description ("the secretary of defense" -> "Secretary of Defense Lloyd Austin")."""
    conj = {t.i for c in subject.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    wanted = {t.lower_ for t in subject.subtree if t.is_alpha and not t.is_stop and t.i not in conj} or {subject.lower_}
    kb = state.res.kb
    for span in sorted((s for s in state.actor_spans if s.end <= subject.i), key=lambda s: s.start, reverse=True):
        entry = kb.get(span.id_) if span.id_ else None
        if entry is None or entry.kind != "person":
            continue
        role = _describe(span.root, state).role or ""
        title = state.doc[max(span.sent.start, span.start - 6):span.end].text
        if wanted <= set(re.findall(r"[a-z]+", f"{role} {title}".lower())):
            return Speaker(span_actor(span, kb), span.text, role or None)
    return None


def _plausible(subject: Token, found: Speaker, state: _State) -> bool:
    """A speaker is named, known, or a noun that can speak ("officials", "the ministry"), not "these attacks"."""
    rules = state.res.speech
    lemma = subject.lemma_.lower()
    return (found.actor.id is not None or found.actor.label is not None or subject.pos_ == "PROPN"
            or subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            or lemma in rules.speaker_nouns or lemma in rules.anaphoric_heads or lemma in rules.statement_nouns
            or any(e.label_ == "PERSON" and e.start <= subject.i < e.end for e in subject.doc.ents))


def _author(statement: Token) -> Token | None:
    """X of "X's statement", "a statement by/from/of X"."""
    for child in statement.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def _antecedent(head_word: str, subject: Token, state: _State) -> Speaker | None:
    """"the committee": the latest organisation named before whose name holds the word."""
    doc = state.doc
    names = [e for e in doc.ents if e.label_ in _ORG_LABELS and e.end <= subject.i]
    names += [s for s in state.actor_spans if s.end <= subject.i]
    for span in sorted(names, key=lambda s: s.start, reverse=True):
        if head_word in span.text.lower().split():
            text = _strip_name(span.text)
            actor = span_actor(span, state.res.kb) if span.id_ else state.res.kb.resolve(text, "ORG")
            return Speaker(actor, text, None)
    if head_word not in state.res.speech.generic_group_heads:
        return None
    kb = state.res.kb
    groups = [s for s in sorted(state.actor_spans, key=lambda s: s.start, reverse=True) if s.end <= subject.i
              and (entry := kb.get(s.id_) if s.id_ else None) is not None and entry.kind in _BODY_KINDS
              and not entry.generic]
    if not groups:
        return None
    # "the group": the group named last in the same paragraph, else the one the text named most often before
    paragraph = text_of(state.doc).rfind("\n", 0, subject.idx)
    span = next((s for s in groups if s.start_char > paragraph), None)
    if span is None:
        counts: dict[str, int] = {}
        for s in groups:
            counts[s.id_] = counts.get(s.id_, 0) + 1
        span = max(groups, key=lambda s: counts[s.id_])
    return Speaker(span_actor(span, kb), _strip_name(span.text), None)


def _strip_name(text: str) -> str:
    """An organisation's name without a parenthesis ("Committee of Iraqi Factions (including groups like ...")."""
    return re.split(r"\s*[(\[]", text, maxsplit=1)[0].strip().strip("“”\"")


def _describe(head: Token, state: _State) -> Speaker:
    return describe_speaker(head, kb=state.res.kb, actor_spans=state.actor_spans,
                            org_heads=state.res.speech.anaphoric_heads, role_nouns=state.res.speech.role_nouns)


def _names_someone(head: Token, state: _State) -> bool:
    """Whether the object of "according to" is a source: an entity, a known actor or a speaker noun ("analysts")."""
    if any(e.start <= head.i < e.end and e.label_ in ("PERSON", "ORG", "GPE", "NORP") for e in head.doc.ents):
        return True
    if any(s.start <= head.i < s.end for s in state.actor_spans):
        return True
    return head.lemma_.lower() in state.res.speech.speaker_nouns


def _known(found: Speaker, state: _State) -> Speaker:
    """An earlier speaker this one repeats (same KB id, or a surname ending the earlier name), role kept."""
    for earlier in reversed(state.speakers):
        same_id = found.actor.id is not None and found.actor.id == earlier.actor.id
        if same_id or (found.actor.id is None and _surname_of(found.text, earlier)):
            return Speaker(earlier.actor, earlier.text, found.role or earlier.role)
    if found.role is None and found.actor.kind == "person":
        return Speaker(found.actor, found.text, _mentioned_role(found.actor.id, state))
    return found


def _mentioned_role(actor_id: str | None, state: _State) -> str | None:
    """The role a person was introduced with earlier ("U.S. Ambassador Alina Romanowski" for a later "Romanowski")."""
    for span in state.actor_spans:
        if span.id_ == actor_id:
            role = _describe(span.root, state).role
            if role:
                return role
    return None


def _surname_of(text: str, earlier: Speaker) -> bool:
    words = text.split()
    if not words or len(words) > 2:
        return False
    key = _name_key(words[-1])
    return len(key) > 2 and key == _name_key((earlier.actor.name or earlier.actor.text).split()[-1])


def _name_key(word: str) -> str:
    word = word.lower().replace("’", "'")
    for prefix in ("al-", "el-", "al'", "al "):
        word = word.removeprefix(prefix)
    return re.sub(r"[^\w]", "", word)


def _is_person(speaker: Speaker) -> bool:
    actor = speaker.actor
    return actor.kind == "person" or actor.label == "PERSON" or (actor.kind is None and actor.label is None
                                                                 and speaker.role is not None)


def _remember(speaker: Speaker, state: _State, statement: bool) -> None:
    state.speakers.append(speaker)
    if _is_person(speaker) or (speaker.actor.id is None and speaker.actor.label not in _ORG_LABELS):
        state.last_person = speaker
    if speaker.actor.kind in _ORG_KINDS or speaker.actor.label in _ORG_LABELS:
        state.last_group = speaker
    if statement:
        state.last_statement = speaker


# --- according to, bare quotations, lists ------------------------------------------------------------


def _from_according(tok: Token, sent: Span, state: _State) -> None:
    rules = state.res.speech
    phrase = next(p for p in rules.according if tuple(t.lower_ for t in tok.doc[tok.i:tok.i + len(p)]) == p)
    last = tok.doc[tok.i + len(phrase) - 1]
    pobj = next((c for c in last.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() in _NOT_SPEAKERS:
        return
    if not _names_someone(pobj, state):
        return
    speaker = _known(_describe(pobj, state), state)
    if speaker.actor.id is None and pobj.lemma_.lower() in rules.role_nouns and _definite(pobj):
        speaker = _role_holder(pobj, state) or speaker  # "According to the press secretary": the one named
    doc = tok.doc
    phrase_end = _end(pobj.right_edge)
    if tok.i == sent.start or doc[tok.i - 1].is_punct and doc[tok.i - 1].i == sent.start:
        content = _trim(doc, phrase_end, sent.end_char)
    else:
        content = _trim(doc, sent.start_char, sent.end_char)
    if content is not None:
        _emit(state, sent, content, "indirect", "according", speaker, " ".join(phrase))
        _remember(speaker, state, statement=False)


def _from_bare_quotations(sent: Span, state: _State) -> None:
    """A quotation with no reporting verb of its own continues the last speaker."""
    text = text_of(state.doc)
    for start, end in state.quotations:
        if (start, end) in state.used or not sent.start_char <= start < sent.end_char:
            continue
        lead = text[sent.start_char:start].strip(" \n\"“-–—")
        if lead.endswith(":"):
            _from_colon_lead(sent, (start, end), state)
            continue
        if lead or start - 1 < sent.start_char - 1:
            continue  # a quoted phrase inside someone else's sentence ("condemned it as a \"blatant ...\"")
        speaker = state.last_person or state.last_group
        if speaker is not None:
            kind = "statement" if state.last_statement == speaker and state.out and \
                state.out[-1].kind == "statement" else "direct"  # a statement's next line is the statement's
            _emit(state, sent, (start, end), kind, "continued", speaker, None, frozenset({Policy.CONTINUED}))


def _from_colon_lead(sent: Span, quotation: tuple[int, int], state: _State) -> None:
    """"At a press briefing, President Biden sent a clear message: “Make no mistake. ...”": a quotation after a
    colon is the words of the subject of the clause before it, when that subject names someone."""
    colon = next((t for t in reversed(list(sent)) if t.text == ":" and t.idx < quotation[0]), None)
    if colon is None:
        return
    verb = next((t for t in reversed(list(sent.doc[sent.start:colon.i])) if t.pos_ in ("VERB", "AUX")
                 and any(c.dep_ == "nsubj" for c in t.children)), None)  # the clause before the colon
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    if subject is None or subject.pos_ == "PRON":
        return
    found = _describe(subject, state)
    if found.actor.id is None and found.actor.label is None:
        return  # "The message was clear:": no one named
    speaker = _known(found, state)
    _emit(state, sent, quotation, "direct", "colon", speaker, verb.text)
    _remember(speaker, state, statement=False)


def _lead_of(quotes: list[Quote]) -> _Lead | None:
    """The lead a list inherits from the first quote of its lead sentence ("According to X, ...:")."""
    if not quotes:
        return None
    q = quotes[0]
    return _Lead(Speaker(q.speaker or Actor(text=q.speaker_text or ""), q.speaker_text or "", q.role), q.kind, q.cue)


def _from_list_items(sent: Span, state: _State, pending: list[tuple[ListBlock, _Lead]], before: int) -> None:
    """Give each list item under an attributed lead to the lead's speaker, unless it names its own."""
    for block, lead in pending:
        for item in block.items:
            if not sent.start_char <= item.content_start < sent.end_char or len(state.out) > before:
                continue
            _emit(state, sent, _trim(state.doc, item.content_start, item.end), lead.kind, "list_item", lead.speaker,
                  lead.cue)


def _emit(state: _State, sent: Span, content: tuple[int, int] | None, kind: str, mechanism: str, speaker: Speaker,
          cue: str | None, policies: frozenset[Policy] = frozenset()) -> None:
    if content is None:
        return
    start, end = content
    text = text_of(state.doc)
    if not text[end:].strip() and text[end - 1:end].isalnum():
        return  # the words run into the end of a cut-off text ("partner forces, while ..., co"): no statement
    state.used.add((start, end))
    doc_id = state.doc_id
    rule_id = f"quote.{kind}.{mechanism}"
    state.out.append(Quote(
        id=stable_id(doc_id, sent.start_char, start, end, kind, rule_id),
        doc_id=doc_id,
        sentence=TextSpan(doc_id, sent.start_char, sent.end_char, sent.text),
        content=TextSpan(doc_id, start, end, text_of(state.doc)[start:end]),
        rule_id=rule_id, kind=kind, speaker=speaker.actor, speaker_text=speaker.text, role=speaker.role, cue=cue,
        policies=policies,
    ))
