"""The ``lull_numbers`` spaCy component: numeric claims into ``doc._.lull_numeric_claims``.

Add it after ``lull_events`` (it reads ``doc.spans["lull_actors"]`` and the
model's entities)::

    finder = nlp.add_pipe("lull_numbers", config={"knowledge": source.config()})
    finder.initialize(knowledge=knowledge)  # build_pipeline does both for every component
    doc = nlp.make_doc(text)
    doc._.lull_doc_id, doc._.lull_published = document.id, document.published
    doc = nlp(doc)
    doc._.lull_numeric_claims              # list[records.NumericClaim]

The number rules, the event lexicon (event types), the speech cues and the
actor KB all come from the ``Knowledge`` given at ``initialize`` (``nlp/knowledge.py``).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extract.claims.numbers import NumberResources, find_numeric_claims
from ..knowledge import Knowledge, KnowledgeSource
from .knowledge import KnowledgeComponent

_EXTENSIONS = ("lull_numeric_claims", "lull_doc_id", "lull_published")


@Language.factory("lull_numbers", assigns=["doc._.lull_numeric_claims"])
def make_number_finder(nlp: Language, name: str, *, knowledge: KnowledgeSource) -> "NumberFinder":
    """Build the finder over the knowledge the ``knowledge`` source names (read at ``initialize``)."""
    for ext in _EXTENSIONS:
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=None)
    return NumberFinder(name, knowledge=knowledge)


class NumberFinder(KnowledgeComponent):
    """Finds the numeric claims of a parsed Doc."""

    def __init__(self, name: str, *, knowledge: KnowledgeSource) -> None:
        super().__init__(name, knowledge=knowledge)
        self._resources: NumberResources | None = None

    def setup(self, knowledge: Knowledge) -> None:
        self._resources = NumberResources(knowledge.number_rules, knowledge.lexicon, knowledge.actors,
                                          knowledge.speech)

    @property
    def resources(self) -> NumberResources:
        if self._resources is None:
            self.knowledge  # noqa: B018 - raises the "not initialized" error
        return self._resources  # type: ignore[return-value]

    def __call__(self, doc: Doc) -> Doc:
        doc._.lull_numeric_claims = find_numeric_claims(doc, res=self.resources)
        return doc
