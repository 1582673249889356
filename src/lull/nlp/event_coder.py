"""The ``lull_events`` spaCy component: one PLOVER-coded event mention per clause.

Add it after ``lull_actors`` and ``lull_places`` (``nlp/pipeline.py`` does)::

    nlp.add_pipe("lull_events")
    doc = nlp.make_doc(text)
    doc._.lull_doc_id, doc._.lull_published = document.id, document.published
    doc = nlp(doc)
    doc._.lull_mentions     # list[records.Mention]
    doc._.lull_rejections   # list[records.Rejection] (unresolved places)

The component is a mechanism over data: trigger lemmas, weapon words and cue
words come from ``data/patterns/events.yaml`` (or the file named by the
``patterns`` setting); actors and places are resolved with the knowledge bases
given to :meth:`EventCoder.set_knowledge` (``build_pipeline`` does) or, when
none is given, the bundled ones, loaded on the first document. The work per
document is one pass over its tokens plus dictionary look-ups.

Without ``doc._.lull_doc_id`` the mentions carry a hash of the text as their
document id; without ``doc._.lull_published`` relative dates ("on Sunday",
"February 2") stay unresolved rather than being guessed.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from ..extract.events.coder import Resources, code_doc
from ..extract.doctext import text_of
from ..extract.events.lexicon import load_lexicon
from ..knowledge.reference_events import ReferenceEvents

if TYPE_CHECKING:
    from ..knowledge.actors import ActorKB
    from ..knowledge.places import Gazetteer

_EXTENSIONS = ("lull_mentions", "lull_rejections", "lull_doc_id", "lull_published")


@Language.factory(
    "lull_events",
    default_config={"patterns": None, "actors": None, "places": None},
    assigns=["doc._.lull_mentions", "doc._.lull_rejections"],
)
def make_event_coder(nlp: Language, name: str, *, patterns: str | None, actors: str | None,
                     places: str | None) -> "EventCoder":
    """Build the event coder; ``patterns``/``actors``/``places`` are file paths (``None``: the bundled files)."""
    for ext in _EXTENSIONS:
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=None)
    return EventCoder(name, patterns=Path(patterns) if patterns else None,
                      actors=Path(actors) if actors else None, places=Path(places) if places else None)


class EventCoder:
    """Codes the event mentions of a parsed Doc into ``doc._.lull_mentions``."""

    def __init__(self, name: str, *, patterns: Path | None = None, actors: Path | None = None,
                 places: Path | None = None) -> None:
        self.name = name
        self.lexicon = load_lexicon(patterns)
        self._actors_path, self._places_path = actors, places
        self._kb: ActorKB | None = None
        self._gazetteer: Gazetteer | None = None
        self._resources: Resources | None = None

    def set_knowledge(self, *, kb: "ActorKB", gazetteer: "Gazetteer") -> None:
        """Use these knowledge bases (already loaded by the caller) instead of loading the bundled ones."""
        self._kb, self._gazetteer, self._resources = kb, gazetteer, None

    @property
    def resources(self) -> Resources:
        if self._resources is None:
            from ..knowledge.actors import ActorKB
            from ..knowledge.places import Gazetteer

            kb = self._kb or ActorKB.load(self._actors_path)
            gazetteer = self._gazetteer or Gazetteer.load(self._places_path)
            self._resources = Resources(self.lexicon, kb, gazetteer, ReferenceEvents.load())
        return self._resources

    def __call__(self, doc: Doc) -> Doc:
        doc_id = doc._.lull_doc_id or text_id(text_of(doc))
        mentions, rejections = code_doc(doc, res=self.resources, doc_id=doc_id, published=doc._.lull_published)
        doc._.lull_mentions = mentions
        doc._.lull_rejections = rejections
        return doc


def text_id(text: str) -> str:
    """Fallback document id for a Doc that came without one: a hash of its text."""
    return "text:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
