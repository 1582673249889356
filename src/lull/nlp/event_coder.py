"""The ``lull_events`` spaCy component: one PLOVER-coded event mention per clause.

Add it after ``lull_actors`` and ``lull_places`` (``nlp/pipeline.py`` does)::

    nlp.add_pipe("lull_events")
    doc = nlp.make_doc(text)
    doc._.lull_doc_id, doc._.lull_published = document.id, document.published
    doc = nlp(doc)
    doc._.lull_mentions     # list[records.Mention]
    doc._.lull_rejections   # list[records.Rejection] (unresolved places)

The component is a mechanism over data: trigger lemmas, weapon words and cue
words (the event lexicon), actors, places and reference events all come from
the ``Knowledge`` given at ``initialize`` (``nlp/knowledge.py``; ``build_pipeline``
does it). The work per document is one pass over its tokens plus dictionary look-ups.

Without ``doc._.lull_doc_id`` the mentions carry a hash of the text as their
document id; without ``doc._.lull_published`` relative dates ("on Sunday",
"February 2") stay unresolved rather than being guessed.
"""
from __future__ import annotations

import hashlib

from spacy.language import Language
from spacy.tokens import Doc

from ..extract.doctext import text_of
from ..extract.events.coder import Resources, code_doc
from ..knowledge import Knowledge, KnowledgeSource
from .knowledge import KnowledgeComponent

_EXTENSIONS = ("lull_mentions", "lull_rejections", "lull_doc_id", "lull_published")


@Language.factory("lull_events", assigns=["doc._.lull_mentions", "doc._.lull_rejections"])
def make_event_coder(nlp: Language, name: str, *, knowledge: KnowledgeSource) -> "EventCoder":
    """Build the event coder over the knowledge the ``knowledge`` source names (read at ``initialize``)."""
    for ext in _EXTENSIONS:
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=None)
    return EventCoder(name, knowledge=knowledge)


class EventCoder(KnowledgeComponent):
    """Codes the event mentions of a parsed Doc into ``doc._.lull_mentions``."""

    def __init__(self, name: str, *, knowledge: KnowledgeSource) -> None:
        super().__init__(name, knowledge=knowledge)
        self._resources: Resources | None = None

    def setup(self, knowledge: Knowledge) -> None:
        self._resources = Resources(knowledge.lexicon, knowledge.actors, knowledge.places,
                                    knowledge.reference_events)

    @property
    def resources(self) -> Resources:
        if self._resources is None:
            self.knowledge  # noqa: B018 - raises the "not initialized" error
        return self._resources  # type: ignore[return-value]

    def __call__(self, doc: Doc) -> Doc:
        doc_id = doc._.lull_doc_id or text_id(text_of(doc))
        mentions, rejections = code_doc(doc, res=self.resources, doc_id=doc_id, published=doc._.lull_published)
        doc._.lull_mentions = mentions
        doc._.lull_rejections = rejections
        return doc


def text_id(text: str) -> str:
    """Fallback document id for a Doc that came without one: a hash of its text."""
    return "text:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
