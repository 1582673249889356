"""The ``lull_headlines`` spaCy component: a title-case headline re-parsed in lower case.

A headline written in title case ("U.S. Conducts Defensive Precision Strike",
"Strikes Send Clear Message to Iranian-Backed Groups in Syria to Stop Attacks")
is parsed by the small English model as one long proper name, with no verb and
no event noun, so the event coder finds nothing in it. This component parses a
lower-cased copy of each such line with the same tagger, parser, attribute
ruler and lemmatizer and copies the copy's part-of-speech tags, dependency arcs
and lemmas back onto the line's tokens. The text, the tokens and their offsets
stay as they were, and so do the named entities, except organisation-like names
that the copy shows to hold a common noun ("Defensive Airstrikes", "Clear
Message"): title case misleads the recogniser into those.

A line counts as a headline when it stands on a line of its own, has
at least three words, does not end in a full stop, and nearly all of its words
(function words aside) start with a capital letter. Words written in capitals
("U.S.", "IRGC") keep their case in the copy.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

_PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
_FUNCTION_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by",
                             "with", "from", "as", "into", "over", "after", "against", "amid", "vs", "via"})
_NAME_LABELS = frozenset({"ORG", "WORK_OF_ART", "LAW", "PRODUCT", "EVENT"})  # title case misleads NER into these
_MIN_WORDS = 3
_TITLE_SHARE = 0.8


@Language.factory("lull_headlines", assigns=["token.pos", "token.tag", "token.dep", "token.head", "token.lemma"])
def make_headlines(nlp: Language, name: str) -> "HeadlineParser":
    return HeadlineParser(nlp, name)


class HeadlineParser:
    """Re-parses title-case headline lines (see the module docstring)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        pipes = [(n, p) for n, p in self.nlp.pipeline if n in _PARSE_PIPES]
        if not any(n == "parser" for n, _ in pipes):
            return doc
        for line in _lines(doc):
            if is_headline(line):
                self._reparse(line, pipes)
        return doc

    def _reparse(self, sent: Span, pipes) -> None:
        words = [_lowered(t.text) for t in sent]
        copy = Doc(self.nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in sent])
        copy[0].is_sent_start = True
        for i in range(1, len(copy)):
            copy[i].is_sent_start = False  # one line, one sentence: keep the boundaries of the original
        for _, proc in pipes:
            copy = proc(copy)
        offset = sent.start
        doc = sent.doc
        heads = [offset + t.head.i for t in copy]
        for tok, new, head in zip(sent, copy, heads):
            tok.tag_, tok.pos_, tok.dep_ = new.tag_, new.pos_, new.dep_
            if new.pos_ != "PROPN":
                tok.lemma_ = new.lemma_
        for tok, head in zip(sent, heads):
            tok.head = doc[head]
        inside = [e for e in doc.ents if sent.start <= e.start and e.end <= sent.end]
        if any(e.label_ in _NAME_LABELS and any(t.pos_ == "NOUN" for t in e) for e in inside):
            doc.ents = [e for e in doc.ents if not (e in inside and e.label_ in _NAME_LABELS
                                                    and any(t.pos_ == "NOUN" for t in e))]


def _lines(doc: Doc) -> list[Span]:
    """Each line of the text as a span, its closing line break included. The parser may cut a title-case
    line in two ("U.S." | "Conducts Defensive Precision Strike"); re-parsing the whole line as one tree
    makes it one sentence again."""
    lines, start = [], 0
    for tok in doc:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            lines.append(doc[start:tok.i + 1])
            start = tok.i + 1
    if start < len(doc):
        lines.append(doc[start:])
    return lines


def is_headline(sent: Span) -> bool:
    """A whole line in title case with no final full stop (see the module docstring)."""
    doc = sent.doc
    if sent.start > 0 and "\n" not in doc[sent.start - 1].whitespace_ and "\n" not in doc[sent.start - 1].text:
        return False
    body = [t for t in sent if not t.is_space]
    if not body:
        return False
    last = body[-1]
    if sent.end < len(doc) and not any("\n" in t.text or "\n" in t.whitespace_ for t in sent[last.i - sent.start:]) \
            and "\n" not in doc[sent.end].text:
        return False
    if last.text in (".", "?", "!", ":"):
        return False
    words = [t.text for t in sent if t.is_alpha and t.lower_ not in _FUNCTION_WORDS]
    if len(words) < _MIN_WORDS:
        return False
    return sum(w[0].isupper() for w in words) >= _TITLE_SHARE * len(words)


def _lowered(word: str) -> str:
    """A capitalised word in lower case; acronyms ("U.S.", "IRGC") as written."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word
    return word.lower()
