"""Who says a sentence, and how firmly: speakers, roles and hedges.

Shared by the quote finder (``extract/quotes.py``), the explanation finder
and the numeric-claim finder. Three things live here:

* ``SpeechRules``: the cue words of ``data/patterns/speech.yaml`` (reporting
  verbs, statement nouns, platforms, hedges, list markers), loaded and checked
  once, so a wrong entry fails at load time naming the file and the fix;
* ``describe_speaker``: a speaker noun phrase -> ``Speaker`` (the resolved
  ``Actor``, the phrase as written, and the role: "head of the Iraqi Political
  Thinking Center" from an apposition, "Security expert" from a title before
  the name);
* ``attribute``: the quote a sentence belongs to, if any. A sentence outside
  every quote is in the outlet's own voice: its speaker is ``None``.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span, Token

from ...datafiles import read_yaml
from ...errors import ConfigError
from ...records import Actor, Quote
from ...vocabulary import Policy
from ..doctext import text_of

if TYPE_CHECKING:
    from ...knowledge.actors import ActorKB

DENY_MARK = "+deny"  # rule-id suffix (provenance only) of a quote with Policy.DENIAL ("denied", "dismissed")
_NP_DROP = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj", "advmod", "parataxis"})
_NP_KEEP_PREPS = frozenset({"of", "to", "for", "from", "at", "by"})  # "the leader of X", "a spokesman for X"; not "in statement"
_MAX_ROLE_WORDS = 14
_PERSON_ENTS = frozenset({"PERSON"})


@dataclass(frozen=True, slots=True)
class Hedge:
    id: str
    text: str  # what Explanation.hedge records: "it is said", "reportedly", "it seems"
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class TranscriptRules:
    """How briefing transcripts mark their speakers (``transcript`` in speech.yaml)."""

    reporter_labels: frozenset[str] = frozenset({"q"})
    not_speakers: frozenset[str] = frozenset()
    min_label_words: int = 2
    honorifics: tuple[str, ...] = ()  # lowercase, longest first
    pleasantries: tuple[str, ...] = ()  # lowercase sentence openers
    unnamed_suffix: str = " (unnamed)"


@dataclass(frozen=True, slots=True)
class SpeechRules:
    """The speech cues of one speech.yaml, keyed for set look-ups (lemmas lowercase)."""

    source: str
    reporting: frozenset[str]  # lemma or "lemma particle" ("point out")
    continuing: frozenset[str]
    quote_verbs: frozenset[str]
    deny_verbs: frozenset[str]
    post_verbs: frozenset[str]
    platforms: frozenset[str]
    statement_nouns: frozenset[str]
    speaker_nouns: frozenset[str]
    role_nouns: frozenset[str]
    object_content_verbs: frozenset[str]
    denied_objects: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    anaphoric_heads: frozenset[str]
    hedges: tuple[Hedge, ...]
    list_lead_endings: tuple[str, ...]
    list_markers: tuple[str, ...]
    max_label_words: int
    min_quote_words: int
    transcript: TranscriptRules = TranscriptRules()
    statement_headers: tuple[tuple[str, re.Pattern[str]], ...] = ()  # (id, line pattern with a `speaker` group)
    statement_byline_max_words: int = 8
    responsibility_verbs: frozenset[str] = frozenset()
    intent_verbs: frozenset[str] = frozenset()
    characterising_verbs: frozenset[str] = frozenset()
    impersonal_verbs: frozenset[str] = frozenset()
    unnamed_speaker: str = "unnamed sources"
    speech_nouns: frozenset[str] = frozenset()
    generic_group_heads: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    finding_verbs: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: the actor, the phrase as written, and the role if the text gives one."""

    actor: Actor
    text: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who states a sentence: ``speaker`` ``None`` is the outlet's own voice."""

    speaker: Actor | None
    speaker_text: str | None
    quote_id: str | None
    hedge: str | None
    denies: bool = False  # the speaker's cue rejects what follows ("denied", "dismissed")


def load_speech_rules(path: Path) -> SpeechRules:
    """Read and check the speech cues at ``path`` (``Settings.speech_rules_path``, read once by ``Knowledge``)."""
    data = read_yaml(path, what="speech patterns")
    if not isinstance(data, dict) or "reporting_verbs" not in data:
        raise ConfigError(f"{path} has no 'reporting_verbs' list; compare with the bundled data/patterns/speech.yaml.")
    try:
        groups = {g["id"]: _words(g["lemmas"]) for g in data["reporting_verbs"]}
        return SpeechRules(
            source=str(path),
            reporting=frozenset().union(*groups.values()),
            continuing=groups.get("continue", frozenset()),
            quote_verbs=_words(data["quote_verbs"]),
            deny_verbs=_words(data["deny_verbs"]),
            post_verbs=_words(data["post_verbs"]),
            platforms=_words(data["platforms"]),
            statement_nouns=_words(data["statement_nouns"]),
            speaker_nouns=_words(data["speaker_nouns"]),
            role_nouns=_words(data["role_nouns"]),
            object_content_verbs=_words(data["object_content_verbs"]),
            denied_objects=_words(data["denied_objects"]),
            according=tuple(tuple(p.lower().split()) for p in data["according_phrases"]),
            person_pronouns=_words(data["person_pronouns"]),
            group_pronouns=_words(data["group_pronouns"]),
            anaphoric_heads=_words(data["anaphoric_heads"]),
            hedges=tuple(_hedge(h, path) for h in data["hedges"]),
            list_lead_endings=tuple(data["list_lead_endings"]),
            list_markers=tuple(data["list_markers"]),
            max_label_words=int(data["max_label_words"]),
            min_quote_words=int(data["min_quote_words"]),
            transcript=_transcript_rules(data.get("transcript") or {}),
            statement_headers=tuple((str(h["id"]), re.compile(str(h["pattern"])))
                                    for h in data.get("statement_headers") or ()),
            statement_byline_max_words=int(data.get("statement_byline_max_words", 8)),
            responsibility_verbs=_words(data.get("responsibility_verbs", ())),
            intent_verbs=_words(data.get("intent_verbs", ())),
            characterising_verbs=_words(data.get("characterising_verbs", ())),
            impersonal_verbs=_words(data.get("impersonal_verbs", ())),
            unnamed_speaker=str(data.get("unnamed_speaker", "unnamed sources")),
            speech_nouns=_words(data.get("speech_nouns", ())),
            generic_group_heads=_words(data.get("generic_group_heads", ())),
            document_nouns=_words(data.get("document_nouns", ())),
            finding_verbs=_words(data.get("finding_verbs", ())),
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ConfigError(f"{path}: missing or malformed section ({exc!r}); compare with the bundled "
                          "data/patterns/speech.yaml.") from None


def _words(items: Any) -> frozenset[str]:
    return frozenset(str(w).lower() for w in items)


def _transcript_rules(data: dict[str, Any]) -> TranscriptRules:
    default = TranscriptRules()
    return TranscriptRules(
        reporter_labels=_words(data.get("reporter_labels", default.reporter_labels)),
        not_speakers=_words(data.get("not_speakers", ())),
        min_label_words=int(data.get("min_label_words", default.min_label_words)),
        honorifics=tuple(sorted((str(w).lower() for w in data.get("honorifics", ())), key=len, reverse=True)),
        pleasantries=tuple(str(w).lower() for w in data.get("pleasantries", ())),
        unnamed_suffix=str(data.get("unnamed_suffix", default.unnamed_suffix)),
    )


def _hedge(entry: Any, path: Path) -> Hedge:
    if not isinstance(entry, dict) or not entry.get("id") or not entry.get("phrases"):
        raise ConfigError(f"{path}: every hedge needs an 'id', a 'text' and a non-empty 'phrases' list ({entry!r}).")
    alternatives = "|".join(re.escape(p.lower()) for p in sorted(entry["phrases"], key=len, reverse=True))
    return Hedge(entry["id"], entry.get("text") or entry["phrases"][0], re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE))


def find_hedge(text: str, rules: SpeechRules) -> str | None:
    """The hedge of a sentence ("it is said", "reportedly", "it seems"), the longest match winning."""
    best: tuple[int, str] | None = None
    for hedge in rules.hedges:
        for match in hedge.pattern.finditer(text):
            if best is None or len(match.group()) > best[0]:
                best = (len(match.group()), hedge.text)
    return best[1] if best else None


def verb_lemma(tok: Token) -> str:
    """A verb's lemma with its particle ("pointed out" -> "point out")."""
    particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    lemma = tok.lemma_.lower()
    return f"{lemma} {particle}" if particle else lemma


def np_tokens(head: Token) -> list[Token]:
    """The speaker phrase headed by ``head``: without appositions, relative clauses and conjuncts."""
    keep = [head]
    for child in head.children:
        in_name = child.ent_iob_ == "I"  # "the Islamic Resistance in Iraq"
        if child.dep_ not in _NP_DROP and (child.dep_ != "prep" or child.lower_ in _NP_KEEP_PREPS or in_name):
            keep.extend(np_tokens(child))
    return sorted(keep, key=lambda t: t.i)


def appositive(head: Token) -> Token | None:
    """The apposition of a speaker ("Ihsan al-Shammari, head of ..."), searched on the name's tokens too."""
    for tok in np_tokens(head):
        found = next((c for c in tok.children if c.dep_ == "appos"), None)
        if found is not None:
            return found
    return None


def describe_speaker(head: Token, *, kb: ActorKB, actor_spans: Sequence[Span],
                     org_heads: frozenset[str] = frozenset(), role_nouns: frozenset[str] = frozenset()) -> Speaker:
    """The speaker a noun phrase names: a person's KB entry when the phrase holds one, else the phrase itself.

    The role is the apposition ("Ihsan al-Shammari, head of the ... Center"),
    else the words before the name ("Security expert Mohammad Al-Basri"); a
    description followed by a bare name in apposition ("Iraqi political
    analyst, Ahmed Al-Alwani") is the role of that name. An organisation's name
    modifying one of ``org_heads`` ("BaghdadToday website") is the speaker. A
    phrase without a name ("The leader of an Iraqi Shiite militia") keeps the
    phrase as its text and an unresolved actor, and, when headed by one of
    ``role_nouns``, as its role."""
    tokens = np_tokens(head)
    doc = head.doc
    ids = {t.i for t in tokens}
    phrase = doc[tokens[0].i:tokens[-1].i + 1]
    appos = appositive(head)
    role = _role_text(doc[appos.left_edge.i:appos.right_edge.i + 1]) if appos is not None else None
    name = _name_span(ids, doc, kb, actor_spans)
    if name is None and appos is not None:
        named = _name_span({t.i for t in appos.subtree}, doc, kb, actor_spans)
        if named is not None and named.start <= appos.i < named.end:
            text = doc[tokens[0].i:named.end].text
            return Speaker(span_actor(named, kb), _strip(text), _strip(phrase.text))
    if name is not None:
        proper = next((e for e in doc.ents if e.label_ in _PERSON_ENTS and name.start <= e.start < name.end), name)
        start = _after_titles(proper, kb)
        before = [t for t in tokens if t.i < start and t.dep_ != "det" and not t.is_punct]
        if role is None and before:
            role = doc[before[0].i:start].text.strip()  # "U.S. Secretary of Defense" before "Lloyd Austin"
        return Speaker(span_actor(name, kb), _strip(phrase.text), role)
    org = next((s for s in actor_spans if s.start <= head.i < s.end), None)
    if org is None and head.lemma_.lower() in org_heads:
        org = next((s for s in actor_spans if s.root.head.i == head.i and s.root.dep_ in ("compound", "nmod")), None)
    if org is not None:
        return Speaker(span_actor(org, kb), _strip(phrase.text), role)
    words = [t for t in tokens if t.dep_ != "det"]
    if role is None and words and head.pos_ == "NOUN" and head.lemma_.lower() in role_nouns:
        # "The leader of an Iraqi Shiite militia": the description is the role
        role = _strip(doc[words[0].i:tokens[-1].i + 1].text)
    return Speaker(kb.resolve(_strip(phrase.text)), _strip(phrase.text), role)


def _after_titles(name: Span, kb: ActorKB) -> int:
    """Token index where a name proper starts, after leading KB titles ("Secretary of Defense Lloyd Austin")."""
    doc, start = name.doc, name.start
    for _ in range(4):
        rest = doc[start:name.end].text.lower()
        title = next((t for t in kb.titles if rest.startswith(t + " ")), None)
        if title is None:
            break
        end_char = doc[start].idx + len(title)
        while start < name.end - 1 and doc[start].idx < end_char:
            start += 1
    return start


def _role_text(appos: Span) -> str | None:
    """An apposition as a role, unless it is an acronym in brackets ("(DoD)") or a long aside."""
    text = _strip(appos.text)
    if appos.doc[max(appos.start - 1, 0)].text in ("(", "[") or text.startswith(("(", "[")):
        return None
    return text if 0 < len(text.split()) <= _MAX_ROLE_WORDS else None


def _name_span(ids: set[int], doc: Doc, kb: ActorKB, actor_spans: Sequence[Span]) -> Span | None:
    """A person named inside the phrase: a KB person first, then a PERSON entity."""
    for span in actor_spans:
        entry = kb.get(span.id_) if span.id_ else None
        if span.start in ids and entry is not None and entry.kind == "person":
            return span
    return next((e for e in doc.ents if e.label_ in _PERSON_ENTS and e.start in ids), None)


def span_actor(span: Span, kb: ActorKB) -> Actor:
    """The actor of a ruler span (its KB entry by ``Span.id_``) or of an NER entity (resolved by text)."""
    entry = kb.get(span.id_) if span.id_ else None
    if entry is None:
        return kb.resolve(span.text, span.label_ if span.label_ != "ACTOR" else None)
    return Actor(text=span.text, id=entry.id, name=entry.name, kind=entry.kind, sector=entry.sector,
                 country=entry.country)


def _strip(text: str) -> str:
    return text.strip().strip(",;:").strip()


def attribute(start: int, end: int, quotes: Sequence[Quote], *, text: str, rules: SpeechRules) -> Attribution:
    """Who states the text between character offsets ``start`` and ``end`` of a document.

    The quote whose content covers most of it, else the quote whose cue
    sentence holds it; with neither, the outlet's own voice (speaker ``None``).
    ``text`` is the stretch itself, searched for hedges."""
    best: Quote | None = None
    best_overlap = 0
    for quote in quotes:
        overlap = min(end, quote.content.end) - max(start, quote.content.start)
        if overlap > best_overlap:
            best, best_overlap = quote, overlap
    if best is None:
        best = next((q for q in quotes if q.sentence.start <= start and end <= q.sentence.end), None)
    hedge = find_hedge(text, rules)
    if best is None:
        return Attribution(None, None, None, hedge)
    return Attribution(best.speaker, best.speaker_text, best.id, hedge, Policy.DENIAL in best.policies)


@dataclass(frozen=True, slots=True)
class ListItem:
    """One "- " line of a list: its character range, its label ("Impact of Assassinations") and where its content starts."""

    start: int
    end: int
    content_start: int
    label: str | None


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A lead line ending in ":" and the list items right under it."""

    lead_start: int
    lead_end: int
    items: tuple[ListItem, ...]


def list_blocks(text: str, rules: SpeechRules) -> list[ListBlock]:
    """Every lead line ending with ":" that is followed by list-marker lines ("- ..."), with those lines."""
    lines = _lines(text)
    blocks: list[ListBlock] = []
    for n, (start, end) in enumerate(lines):
        lead = text[start:end].rstrip()
        if not lead.endswith(rules.list_lead_endings) or _is_item(text[start:end], rules):
            continue
        items = []
        for item_start, item_end in lines[n + 1:]:
            if not _is_item(text[item_start:item_end], rules):
                break
            items.append(_item(text, item_start, item_end, rules))
        if items:
            blocks.append(ListBlock(start, start + len(lead), tuple(items)))
    return blocks


def _lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-blank lines, without their line breaks."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            out.append((pos, pos + len(body)))
        pos += len(line)
    return out


def _is_item(line: str, rules: SpeechRules) -> bool:
    return line.lstrip().startswith(rules.list_markers)


def _item(text: str, start: int, end: int, rules: SpeechRules) -> ListItem:
    line = text[start:end]
    body_start = start + len(line) - len(line.lstrip())
    marker = next(m for m in rules.list_markers if text.startswith(m, body_start))
    content_start = body_start + len(marker)
    label = None
    colon = text.find(": ", content_start, end)
    if colon != -1 and len(text[content_start:colon].split()) <= rules.max_label_words:
        label = text[content_start:colon].strip()
        content_start = colon + 2
    while content_start < end and text[content_start].isspace():
        content_start += 1
    return ListItem(start, end, content_start, label)


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker turn of a transcript: the label as written ("MS. SINGH") and the paragraphs it covers
    (character ranges, pleasantries already dropped from their start). ``reporter`` turns are questions."""

    label: str
    label_start: int
    paragraphs: tuple[tuple[int, int], ...]
    reporter: bool = False


_LABEL = re.compile(r"^[ \t]*([A-Z](?:[A-Z0-9.'’\- ]*[A-Z.])?)[ \t]*:[ \t]+(?=\S)", re.MULTILINE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[ \t]+")


def transcript_turns(text: str, rules: SpeechRules) -> list[Turn]:
    """The speaker turns of a transcript ("GEN. RYDER: ..."): each label line and the paragraphs up to the next
    label. A text with a single label is a transcript only when the label holds a title ("MAJOR GENERAL ...")."""
    tr = rules.transcript
    labels = []
    for match in _LABEL.finditer(text):
        label = " ".join(match.group(1).split())
        low = label.lower()
        if low in tr.reporter_labels:
            labels.append((match.start(1), match.end(), label, True))
        elif len(label.split()) >= tr.min_label_words and low not in tr.not_speakers \
                and not any(ch.isdigit() for ch in label):
            labels.append((match.start(1), match.end(), label, False))
    titled = any(not reporter and _has_honorific(label, tr.honorifics) for _, _, label, reporter in labels)
    if len(labels) < 2 and not titled:
        return []  # one upper-case opener without a title ("BAGHDAD WIRE: ...") is no transcript
    turns = []
    for n, (label_start, body_start, label, reporter) in enumerate(labels):
        stop = labels[n + 1][0] if n + 1 < len(labels) else len(text)
        paragraphs = []
        for start, end in _lines(text[:stop]):
            if end <= body_start - 1 or start < label_start:
                continue
            start = max(start, body_start)
            start = _past_pleasantries(text, start, end, tr.pleasantries)
            if start < end and re.search(r"\w", text[start:end]):
                paragraphs.append((start, end))
        turns.append(Turn(label, label_start, tuple(paragraphs), reporter))
    return turns


@dataclass(frozen=True, slots=True)
class StatementBlock:
    """A statement or remarks released whole: the speaker as the header names them and the paragraphs that
    are their words."""

    rule_id: str
    speaker: str
    header_start: int
    paragraphs: tuple[tuple[int, int], ...]


def statement_blocks(text: str, rules: SpeechRules) -> list[StatementBlock]:
    """Statements released whole ("X released the following statement:", "(Attributable to Y)", remarks
    "delivered <date>" under a byline): each header and the substantive paragraphs after it, up to the next
    header or transcript label. Paragraphs that do not end as a sentence ends ("Audio mp3 of Address") are
    left out, and so are opening pleasantries."""
    lines = _lines(text)
    headers = []
    for start, end in lines:
        line = text[start:end].strip()
        for rule_id, pattern in rules.statement_headers:
            match = pattern.match(line)
            if match is None:
                continue
            speaker = match.groupdict().get("speaker")
            if speaker is None:
                first = text[lines[0][0]:lines[0][1]].strip() if lines else ""
                if not first or len(first.split()) > rules.statement_byline_max_words or (start, end) == lines[0]:
                    continue
                speaker = first
            headers.append((start, end, rule_id, " ".join(speaker.split())))
            break
    labels = [m.start(1) for m in _LABEL.finditer(text)]
    out = []
    for n, (start, end, rule_id, speaker) in enumerate(headers):
        stop = min([headers[n + 1][0] if n + 1 < len(headers) else len(text), *(p for p in labels if p > end)])
        paragraphs = []
        for p_start, p_end in lines:
            if p_start <= end or p_start >= stop:
                continue
            p_start = _past_pleasantries(text, p_start, p_end, rules.transcript.pleasantries)
            body = text[p_start:p_end].rstrip()
            if len(re.findall(r"\w+", body)) < rules.min_quote_words or not body.endswith(_SENTENCE_ENDS):
                continue
            p_end = p_start + len(body)
            if body[:1] in _OPENING_QUOTES:
                p_start += 1
            if body[-1:] in _CLOSING_QUOTES:
                p_end -= 1
            paragraphs.append((p_start, p_end))
        if paragraphs:
            out.append(StatementBlock(rule_id, speaker, start, tuple(paragraphs)))
    return out


_SENTENCE_ENDS = (".", "!", "?", "”", '"', ".)")
_OPENING_QUOTES = "“\"‘"
_CLOSING_QUOTES = "”\"’"


def _has_honorific(label: str, honorifics: tuple[str, ...]) -> bool:
    low = f" {label.lower()} "
    return any(f" {h} " in low for h in honorifics)


def _past_pleasantries(text: str, start: int, end: int, pleasantries: tuple[str, ...]) -> int:
    """Where a paragraph starts saying something: after its opening "Good afternoon."-type sentences."""
    while start < end:
        rest = text[start:end].lower()
        if not rest.startswith(pleasantries):
            return start
        stop = _SENTENCE_END.search(text, start, end)
        if stop is None:
            return end
        start = stop.end()
    return start


def doc_id_of(doc: Doc) -> str:
    """The document id the pipeline was given (``doc._.lull_doc_id``), else a hash of the text."""
    given = doc._.lull_doc_id if Doc.has_extension("lull_doc_id") else None
    return given or "text:" + hashlib.sha1(text_of(doc).encode("utf-8")).hexdigest()[:16]


def stable_id(*parts: object) -> str:
    """A 16-hex id from the parts (doc id, offsets, kind, rule id): the same input always gets the same id."""
    return hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]
