"""The ``lull_actors`` spaCy component: actor names and nominals from the knowledge base.

Its patterns are the token patterns of ``ActorKB.ruler_patterns`` (tokenized
with the pipeline's own tokenizer, so they split words exactly as the texts
are split). Matches go to ``doc.spans["lull_actors"]`` with label ``ACTOR``
and ``Span.id_`` set to the KB id; overlapping matches keep the longest
("Israeli occupation forces" beats "occupation forces"). Only KB matches are
written: other NER entities are resolved by the event coder with ``ActorKB.resolve``.

Why not spaCy's ``SpanRuler``: over ~1,200 token patterns its ``Matcher``
costs about half of the whole spaCy model per document. Almost every pattern
token is a ``LOWER`` match, so one ``PhraseMatcher`` on ``LOWER`` finds every
candidate in a single hash look-up per token; the few acronym tokens that
must match case-sensitively ("US", "IRI" but not "us", "iri") are checked on
the candidates afterwards.

Usage::

    nlp.add_pipe("lull_actors", config={"actors_path": ""})  # "" = bundled data/actors.yaml
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..resolve.actors import ActorKB

SPANS_KEY = "lull_actors"
LABEL = "ACTOR"


@dataclass(frozen=True, slots=True)
class _Candidate:
    """One pattern behind a lowercase phrase: its KB id and the tokens that must match case-sensitively."""

    actor_id: str
    exact: tuple[tuple[int, str], ...]  # (token offset in the match, ORTH)

    def accepts(self, doc: Doc, start: int) -> bool:
        return all(doc[start + offset].orth_ == orth for offset, orth in self.exact)


class ActorRuler:
    """Writes ``doc.spans["lull_actors"]``: the longest non-overlapping KB matches, in document order."""

    def __init__(self, vocab: Vocab, name: str, patterns: Iterable[Mapping[str, Any]]) -> None:
        self.name = name
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        self._candidates: dict[int, list[_Candidate]] = {}
        for pattern in patterns:
            self._add(vocab, pattern)

    def _add(self, vocab: Vocab, pattern: Mapping[str, Any]) -> None:
        tokens: Sequence[Mapping[str, str]] = pattern["pattern"]
        words = [next(iter(spec.values())).lower() for spec in tokens]
        key = "\x1f".join(words)
        key_hash = vocab.strings.add(key)
        if key_hash not in self._candidates:
            self._candidates[key_hash] = []
            self.matcher.add(key, [Doc(vocab, words=words)])
        exact = tuple((i, spec["ORTH"]) for i, spec in enumerate(tokens) if "ORTH" in spec)
        self._candidates[key_hash].append(_Candidate(str(pattern["id"]), exact))

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        for key_hash, start, end in self.matcher(doc):
            actor_id = next((c.actor_id for c in self._candidates[key_hash] if c.accepts(doc, start)), None)
            if actor_id is not None:
                found.append(Span(doc, start, end, label=LABEL, span_id=actor_id))
        doc.spans[SPANS_KEY] = longest_in_order(found)
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


@Language.factory(
    "lull_actors",
    default_config={"actors_path": ""},
    assigns=["doc.spans"],
    requires=[],
)
def make_actor_ruler(nlp: Language, name: str, *, actors_path: str) -> ActorRuler:
    """An actor ruler over the actors file at ``actors_path`` (empty: the bundled one)."""
    kb = ActorKB.load(Path(actors_path) if actors_path else None)
    return ActorRuler(nlp.vocab, name, kb.ruler_patterns(lambda text: [t.text for t in nlp.make_doc(text)]))
