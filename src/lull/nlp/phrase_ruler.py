"""A fast span ruler for lull's gazetteers: one ``PhraseMatcher`` on ``LOWER``.

spaCy's ``SpanRuler`` runs a ``Matcher`` over token patterns; over the ~1,200
actor patterns that cost about half of the whole spaCy model per document.
Almost every pattern token is a ``LOWER`` match, so one ``PhraseMatcher`` on
``LOWER`` finds every candidate in a single hash look-up per token; the few
tokens that must match case-sensitively (``ORTH``: "US", "IRI" but not "us",
"iri") are checked on the candidates afterwards, and optional tokens
(``"OP": "?"``, such as the hyphen in "al-Asad") are expanded into phrase
variants when the patterns are added. Overlapping matches keep the longest.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab


@dataclass(frozen=True, slots=True)
class _Candidate:
    """One pattern behind a lowercase phrase: its id and the tokens that must match case-sensitively."""

    pattern_id: str
    exact: tuple[tuple[int, str], ...]  # (token offset in the match, ORTH)

    def accepts(self, doc: Doc, start: int) -> bool:
        return all(doc[start + offset].orth_ == orth for offset, orth in self.exact)


class PhraseRuler:
    """Writes ``doc.spans[spans_key]``: the longest non-overlapping pattern matches, in document order,
    each with ``label`` and ``Span.id_`` = the pattern's id."""

    def __init__(self, vocab: Vocab, name: str, patterns: Iterable[Mapping[str, Any]], *, spans_key: str,
                 label: str) -> None:
        self.name, self.spans_key, self.label = name, spans_key, label
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        self._candidates: dict[int, list[_Candidate]] = {}
        for pattern in patterns:
            self._add(vocab, pattern)

    def _add(self, vocab: Vocab, pattern: Mapping[str, Any]) -> None:
        for tokens in _variants(pattern["pattern"]):
            self._add_phrase(vocab, tokens, str(pattern["id"]))

    def _add_phrase(self, vocab: Vocab, tokens: Sequence[Mapping[str, str]], pattern_id: str) -> None:
        words = [next(iter(spec.values())).lower() for spec in tokens]
        key = "\x1f".join(words)
        key_hash = vocab.strings.add(key)
        if key_hash not in self._candidates:
            self._candidates[key_hash] = []
            self.matcher.add(key, [Doc(vocab, words=words)])
        exact = tuple((i, spec["ORTH"]) for i, spec in enumerate(tokens) if "ORTH" in spec)
        self._candidates[key_hash].append(_Candidate(pattern_id, exact))

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        for key_hash, start, end in self.matcher(doc):
            pattern_id = next((c.pattern_id for c in self._candidates[key_hash] if c.accepts(doc, start)), None)
            if pattern_id is not None:
                found.append(Span(doc, start, end, label=self.label, span_id=pattern_id))
        doc.spans[self.spans_key] = longest_in_order(found)
        return doc


def longest_in_order(spans: Iterable[Span]) -> list[Span]:
    """The longest of overlapping spans (the earlier one on a tie), in document order."""
    kept: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        if taken.isdisjoint(range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return sorted(kept, key=lambda s: s.start)




def _variants(tokens: Sequence[Mapping[str, str]]) -> list[list[dict[str, str]]]:
    """Every phrase a pattern with optional (``"OP": "?"``) tokens stands for."""
    choices = [[{k: v for k, v in t.items() if k != "OP"}, None] if t.get("OP") == "?" else [dict(t)]
               for t in tokens]
    return [[t for t in combo if t is not None] for combo in product(*choices) if any(combo)]
