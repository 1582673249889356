"""The ``lull_actors`` spaCy component: actor names and nominals from the knowledge base.

Its patterns are the token patterns of ``ActorKB.ruler_patterns`` (tokenized
with the pipeline's own tokenizer, so they split words exactly as the texts
are split). Matches go to ``doc.spans["lull_actors"]`` with label ``ACTOR``
and ``Span.id_`` set to the KB id; overlapping matches keep the longest
("Israeli occupation forces" beats "occupation forces"). Only KB matches are
written: other NER entities are resolved by the event coder with ``ActorKB.resolve``.

Matching is done by ``nlp/phrase_ruler.py`` (a ``PhraseMatcher`` on ``LOWER``: spaCy's
``SpanRuler`` over these ~1,200 token patterns costs half of the spaCy model).

Usage (``build_pipeline`` does this)::

    ruler = nlp.add_pipe("lull_actors", config={"knowledge": KnowledgeSource.from_settings(settings).config()})
    ruler.initialize(knowledge=knowledge)
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..knowledge import Knowledge, KnowledgeSource
from .knowledge import KnowledgeComponent
from .phrase_ruler import PhraseRuler

SPANS_KEY = "lull_actors"
LABEL = "ACTOR"


@Language.factory("lull_actors", assigns=["doc.spans"], requires=[])
def make_actor_ruler(nlp: Language, name: str, *, knowledge: KnowledgeSource) -> "ActorRuler":
    """An actor ruler over the actors file the ``knowledge`` source names (read at ``initialize``)."""
    return ActorRuler(nlp, name, knowledge=knowledge)


class ActorRuler(KnowledgeComponent):
    def __init__(self, nlp: Language, name: str, *, knowledge: KnowledgeSource) -> None:
        super().__init__(name, knowledge=knowledge)
        self._nlp = nlp
        self._ruler: PhraseRuler | None = None

    def setup(self, knowledge: Knowledge) -> None:
        patterns = knowledge.actors.ruler_patterns(lambda text: [t.text for t in self._nlp.make_doc(text)])
        self._ruler = PhraseRuler(self._nlp.vocab, self.name, patterns, spans_key=SPANS_KEY, label=LABEL)

    def __call__(self, doc: Doc) -> Doc:
        if self._ruler is None:
            self.knowledge  # noqa: B018 - raises the "not initialized" error
        return self._ruler(doc)  # type: ignore[misc]
