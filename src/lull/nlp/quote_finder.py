"""The ``lull_quotes`` spaCy component: quotes with their speakers into ``doc._.lull_quotes``.

Add it after ``lull_actors`` (it reads ``doc.spans["lull_actors"]`` to resolve
speakers)::

    quoter = nlp.add_pipe("lull_quotes", config={"knowledge": source.config()})
    quoter.initialize(knowledge=knowledge)  # build_pipeline does both for every component
    doc = nlp(doc)
    doc._.lull_quotes                    # list[records.Quote]

Speech cues and the actor KB come from the ``Knowledge`` given at ``initialize``
(``nlp/knowledge.py``). The document id comes from ``doc._.lull_doc_id`` (else a hash of the text).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extract.claims.quotes import QuoteResources, find_quotes
from ..knowledge import Knowledge, KnowledgeSource
from .knowledge import KnowledgeComponent

_EXTENSIONS = ("lull_quotes", "lull_doc_id", "lull_published")


@Language.factory("lull_quotes", assigns=["doc._.lull_quotes"])
def make_quote_finder(nlp: Language, name: str, *, knowledge: KnowledgeSource) -> "QuoteFinder":
    """Build the quote finder over the knowledge the ``knowledge`` source names (read at ``initialize``)."""
    for ext in _EXTENSIONS:
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=None)
    return QuoteFinder(name, knowledge=knowledge)


class QuoteFinder(KnowledgeComponent):
    """Finds the quotes of a parsed Doc."""

    def __init__(self, name: str, *, knowledge: KnowledgeSource) -> None:
        super().__init__(name, knowledge=knowledge)
        self._resources: QuoteResources | None = None

    def setup(self, knowledge: Knowledge) -> None:
        self._resources = QuoteResources(knowledge.actors, knowledge.speech)

    @property
    def resources(self) -> QuoteResources:
        if self._resources is None:
            self.knowledge  # noqa: B018 - raises the "not initialized" error
        return self._resources  # type: ignore[return-value]

    def __call__(self, doc: Doc) -> Doc:
        doc._.lull_quotes = find_quotes(doc, res=self.resources)
        return doc
