"""spaCy component "lull_places": marks the sites of our gazetteer that NER misses.

The small English model does not tag "Tower 22", "Ain al-Asad" or "Al-Harir
Air base" as places. This component is a ``PhraseRuler`` (``nlp/phrase_ruler.py``)
fed from the gazetteer's own sites (``places.tsv``, via :meth:`Gazetteer.ruler_patterns`)
that writes ``doc.spans["lull_places"]``; each span's ``label_`` is "PLACE" and its
``id_`` the place id (``tower-22``), so resolution needs no second look-up.
It registers no Doc extensions; its knowledge comes in at ``initialize`` (``nlp/knowledge.py``).

A Wikipedia reference mark glued to a name ("positions around Al-Mayadin.[11]") makes its last token
"Mayadin.[11", which no alias matches: the ruler also reads each such token without its mark, so the
name is still marked (the span keeps the token, mark and all).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..knowledge import Knowledge, KnowledgeSource
from .knowledge import KnowledgeComponent
from .phrase_ruler import PhraseRuler, longest_in_order

SPANS_KEY = "lull_places"
_CITED = re.compile(r"^(\w[\w'’-]*?)\.?\[\d")  # "Mayadin.[11", "Erbil[3": the word before the mark
_NAME_TOKENS = 6  # the longest alias, in tokens, read back from a marked word


@Language.factory("lull_places")
def make_place_ruler(nlp: Language, name: str, *, knowledge: KnowledgeSource) -> "PlaceRuler":
    """A ruler over the aliases of the gazetteer the ``knowledge`` source names."""
    return PlaceRuler(nlp, name, knowledge=knowledge)


class PlaceRuler(KnowledgeComponent):
    def __init__(self, nlp: Language, name: str, *, knowledge: KnowledgeSource) -> None:
        super().__init__(name, knowledge=knowledge)
        self._vocab = nlp.vocab
        self._ruler: PhraseRuler | None = None

    def setup(self, knowledge: Knowledge) -> None:
        self._ruler = PhraseRuler(self._vocab, self.name, knowledge.places.ruler_patterns(), spans_key=SPANS_KEY,
                                  label="PLACE")

    def __call__(self, doc: Doc) -> Doc:
        if self._ruler is None:
            self.knowledge  # noqa: B018 - raises the "not initialized" error
        doc = self._ruler(doc)  # type: ignore[misc]
        cited = _cited_names(doc, self._ruler)  # type: ignore[arg-type]
        if cited:
            doc.spans[SPANS_KEY] = longest_in_order([*doc.spans[SPANS_KEY], *cited])
        return doc


def _cited_names(doc: Doc, ruler: PhraseRuler) -> list[Span]:
    """Names whose last word carries a glued reference mark ("Al-Mayadin.[11"), read without the mark."""
    found: list[Span] = []
    for tok in doc:
        word = _CITED.match(tok.text)
        if word is None:
            continue
        start = max(0, tok.i - _NAME_TOKENS + 1)
        words = [t.text for t in doc[start:tok.i]] + [word[1]]
        bare = ruler(Doc(doc.vocab, words=words))
        found.extend(Span(doc, start + s.start, tok.i + 1, label=s.label_, span_id=s.id_)
                     for s in bare.spans[ruler.spans_key] if s.end == len(words))
    return found
