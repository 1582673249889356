"""The ``lull_sentence_starts`` spaCy component: sentence boundaries set by rule before the parser.

The small English model's parser decides most sentence boundaries, and in news text it errs in a few
recurring places. This component runs before the parser and fixes those places, as ``is_sent_start``
values the parser then respects:

- a line break always ends a sentence: headings, list items, captions and paragraphs that end without a
  full stop are never glued to the next line;
- a title-case headline on a line of its own ("Strikes Send Clear Message to Groups in Syria to Stop
  Attacks on U.S. Forces") is one sentence: an abbreviation inside it ("U.S.") does not end it;
- a title abbreviation ("Brig. Gen. Pat Ryder", "Sen. Jane Doe", "Dept. of Defense") does not end a
  sentence when a word follows it, and an abbreviation written before a number ("No. 3", "Feb. 2",
  "approx. 40") does not end one when the number follows. The abbreviations are data
  (``data/lexicons/abbreviations.yaml``, or the file ``Settings.abbreviations_path`` names, read once by
  ``Knowledge``); the tokenizer keeps their full stop on them (special cases).

Reference marks glued to a sentence ("... the border.[9] Militias fired ...") are left to the parser: splitting
them off in the tokenizer found more event places and actors on gold-dev but also more false event mentions
(infobox lines such as "soldier injured[1]" read as clauses), and starting a sentence after them lost events.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..datafiles import read_yaml
from ..errors import ConfigError
from ..knowledge import Knowledge, KnowledgeSource
from .headlines import is_headline
from .knowledge import KnowledgeComponent

_UNSPLIT = frozenset({"No", "Nos"})  # "No." also ends a sentence ('"No." she said'): left to the rule


@dataclass(frozen=True, slots=True)
class Abbreviations:
    """Title abbreviations ("Brig") and abbreviations written before a number ("Feb"), without full stops."""

    titles: frozenset[str]
    before_numbers: frozenset[str]


def load_abbreviations(path: Path) -> Abbreviations:
    """Read and check the abbreviations lexicon at ``path`` (``Settings.abbreviations_path``)."""
    raw = read_yaml(path, what="abbreviations lexicon")
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), list) for k in ("titles", "before_numbers")):
        raise ConfigError(f"{path}: the top level needs 'titles: [...]' and 'before_numbers: [...]'.")
    return Abbreviations(frozenset(map(str, raw["titles"])), frozenset(map(str, raw["before_numbers"])))


def add_tokenizer_rules(nlp: Language, abbreviations: Abbreviations) -> None:
    """Keep each listed abbreviation's full stop on it: "Brig." is one token, as "Gen." already is."""
    for word in sorted((abbreviations.titles | abbreviations.before_numbers) - _UNSPLIT):
        nlp.tokenizer.add_special_case(f"{word}.", [{ORTH: f"{word}."}])


@Language.factory("lull_sentence_starts")
def make_sentence_starts(nlp: Language, name: str, *, knowledge: KnowledgeSource) -> "SentenceStarts":
    """Sentence starts from the abbreviations of the ``knowledge`` source (see the module docstring)."""
    return SentenceStarts(name, knowledge=knowledge)


class SentenceStarts(KnowledgeComponent):
    def __init__(self, name: str, *, knowledge: KnowledgeSource) -> None:
        super().__init__(name, knowledge=knowledge)
        self._abbreviations: Abbreviations | None = None

    def setup(self, knowledge: Knowledge) -> None:
        self._abbreviations = knowledge.abbreviations

    def __call__(self, doc: Doc) -> Doc:
        if self._abbreviations is None:
            self.knowledge  # noqa: B018 - raises the "not initialized" error
        return sentence_starts(doc, self._abbreviations)  # type: ignore[arg-type]


def sentence_starts(doc: Doc, abbreviations: Abbreviations) -> Doc:
    """Set ``is_sent_start`` where the rules in the module docstring decide it; elsewhere the parser decides."""
    titles, before_numbers = abbreviations.titles, abbreviations.before_numbers
    for tok in doc[:-1]:
        abbreviation = _abbreviation(tok)
        if abbreviation is None:
            continue
        nxt = _after_abbreviation(tok)
        if nxt is None or _line_break(doc[nxt.i - 1]):
            continue
        if (abbreviation in titles and nxt.is_alpha) or (abbreviation in before_numbers and nxt.like_num):
            for i in range(tok.i + 1, nxt.i + 1):
                doc[i].is_sent_start = False
    _lines(doc)
    return doc


def _abbreviation(tok: Token) -> str | None:
    """The abbreviation ``tok`` writes ("Brig." or "Brig" followed by "."), without its full stop."""
    if tok.text.endswith(".") and len(tok.text) > 1:
        return tok.text[:-1]
    if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == "." and not tok.whitespace_:
        return tok.text
    return None


def _after_abbreviation(tok: Token) -> Token | None:
    """The token after the abbreviation ``tok`` and its full stop, if any."""
    i = tok.i + 1 if tok.text.endswith(".") else tok.i + 2
    return tok.doc[i] if i < len(tok.doc) else None


def _lines(doc: Doc) -> None:
    """Every line starts a sentence; a title-case headline line is one sentence."""
    start = 0
    for tok in doc:
        if _line_break(tok):
            _line(doc, start, tok.i)
            if tok.i + 1 < len(doc):
                doc[tok.i + 1].is_sent_start = True
            start = tok.i + 1
    _line(doc, start, len(doc))


def _line(doc: Doc, start: int, end: int) -> None:
    if end - start > 1 and is_headline(doc[start:end]):
        for tok in doc[start + 1:end]:
            tok.is_sent_start = False


def _line_break(tok: Token) -> bool:
    return "\n" in tok.text or "\n" in tok.whitespace_
