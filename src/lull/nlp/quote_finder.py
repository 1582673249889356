"""The ``lull_quotes`` spaCy component: quotes with their speakers into ``doc._.lull_quotes``.

Add it after ``lull_actors`` (it reads ``doc.spans["lull_actors"]`` to resolve
speakers)::

    quoter = nlp.add_pipe("lull_quotes")
    quoter.set_knowledge(kb=kb)          # optional: else the bundled actors.yaml, loaded on first use
    doc = nlp(doc)
    doc._.lull_quotes                    # list[records.Quote]

``speech`` names another speech-cue file (default: the bundled
``data/patterns/speech.yaml``). The document id comes from
``doc._.lull_doc_id`` (else a hash of the text).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from ..extract.claims.attribution import load_speech_rules
from ..extract.claims.quotes import QuoteResources, find_quotes

if TYPE_CHECKING:
    from ..knowledge.actors import ActorKB

_EXTENSIONS = ("lull_quotes", "lull_doc_id", "lull_published")


@Language.factory("lull_quotes", default_config={"speech": None, "actors": None}, assigns=["doc._.lull_quotes"])
def make_quote_finder(nlp: Language, name: str, *, speech: str | None, actors: str | None) -> QuoteFinder:
    """Build the quote finder; ``speech``/``actors`` are file paths (``None``: the bundled files)."""
    for ext in _EXTENSIONS:
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=None)
    return QuoteFinder(name, speech=Path(speech) if speech else None, actors=Path(actors) if actors else None)


class QuoteFinder:
    """Finds the quotes of a parsed Doc; the actor KB is loaded lazily unless given."""

    def __init__(self, name: str, *, speech: Path | None = None, actors: Path | None = None) -> None:
        self.name = name
        self.speech = load_speech_rules(speech)
        self._actors_path = actors
        self._kb: ActorKB | None = None
        self._resources: QuoteResources | None = None

    def set_knowledge(self, *, kb: ActorKB) -> None:
        """Use this actor KB (already loaded by the caller) instead of loading the bundled one."""
        self._kb, self._resources = kb, None

    @property
    def resources(self) -> QuoteResources:
        if self._resources is None:
            from ..knowledge.actors import ActorKB

            self._resources = QuoteResources(self._kb or ActorKB.load(self._actors_path), self.speech)
        return self._resources

    def __call__(self, doc: Doc) -> Doc:
        doc._.lull_quotes = find_quotes(doc, res=self.resources)
        return doc
