"""The ``lull_explanations`` spaCy component: why attacks stopped or grew, into ``doc._.lull_explanations``.

Add it after ``lull_quotes``: it reads ``doc._.lull_quotes`` to name the
proponent of each explanation (``None``: the outlet's own voice)::

    nlp.add_pipe("lull_quotes")
    explainer = nlp.add_pipe("lull_explanations", config={"knowledge": source.config()})
    explainer.initialize(knowledge=knowledge)  # build_pipeline does both for every component
    doc = nlp(doc)
    doc._.lull_explanations               # list[records.Explanation]

Cause categories, cause-effect cues, speech cues and the actor KB come from the ``Knowledge`` given
at ``initialize`` (``nlp/knowledge.py``).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError
from ..extract.claims.explanations import ExplanationResources, find_explanations
from ..knowledge import Knowledge, KnowledgeSource
from .knowledge import KnowledgeComponent

_EXTENSIONS = ("lull_explanations", "lull_quotes", "lull_doc_id", "lull_published")


@Language.factory("lull_explanations", assigns=["doc._.lull_explanations"], requires=["doc._.lull_quotes"])
def make_explanation_finder(nlp: Language, name: str, *, knowledge: KnowledgeSource) -> "ExplanationFinder":
    """Build the explanation finder over the knowledge the ``knowledge`` source names (read at ``initialize``)."""
    for ext in _EXTENSIONS:
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=None)
    return ExplanationFinder(name, knowledge=knowledge)


class ExplanationFinder(KnowledgeComponent):
    """Finds the explanations of a parsed Doc that ``lull_quotes`` has already run on."""

    def __init__(self, name: str, *, knowledge: KnowledgeSource) -> None:
        super().__init__(name, knowledge=knowledge)
        self._resources: ExplanationResources | None = None

    def setup(self, knowledge: Knowledge) -> None:
        self._resources = ExplanationResources(knowledge.actors, knowledge.speech, knowledge.causes,
                                               knowledge.causal)

    @property
    def resources(self) -> ExplanationResources:
        if self._resources is None:
            self.knowledge  # noqa: B018 - raises the "not initialized" error
        return self._resources  # type: ignore[return-value]

    def __call__(self, doc: Doc) -> Doc:
        if doc._.lull_quotes is None:
            raise ConfigError("the lull_explanations component needs lull_quotes before it in the pipeline; "
                              "add it with nlp.add_pipe('lull_quotes', before='lull_explanations').")
        doc._.lull_explanations = find_explanations(doc, res=self.resources, quotes=doc._.lull_quotes)
        return doc
