"""spaCy component "lull_places": marks the sites of our gazetteer that NER misses.

The small English model does not tag "Tower 22", "Ain al-Asad" or "Al-Harir
Air base" as places. This component is a ``PhraseRuler`` (``nlp/phrase_ruler.py``)
fed from the gazetteer's own sites (``places.tsv``, via :meth:`Gazetteer.ruler_patterns`)
that writes ``doc.spans["lull_places"]``; each span's ``label_`` is "PLACE" and its
``id_`` the place id (``tower-22``), so resolution needs no second look-up.
It registers no Doc extensions; its knowledge comes in at ``initialize`` (``nlp/knowledge.py``).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..knowledge import Knowledge, KnowledgeSource
from .knowledge import KnowledgeComponent
from .phrase_ruler import PhraseRuler

SPANS_KEY = "lull_places"


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
        return self._ruler(doc)  # type: ignore[misc]
