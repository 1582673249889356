"""The ``lull_explanations`` spaCy component: why attacks stopped or grew, into ``doc._.lull_explanations``.

Add it after ``lull_quotes``: it reads ``doc._.lull_quotes`` to name the
proponent of each explanation (``None``: the outlet's own voice)::

    nlp.add_pipe("lull_quotes")
    explainer = nlp.add_pipe("lull_explanations")
    explainer.set_knowledge(kb=kb)        # optional: else the bundled actors.yaml, loaded on first use
    doc = nlp(doc)
    doc._.lull_explanations               # list[records.Explanation]

``causes`` and ``speech`` name other rule files (default: the bundled
``data/causes.yaml`` and ``data/patterns/speech.yaml``).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError
from ..extract.claims.attribution import load_speech_rules
from ..extract.claims.causes import load_causes
from ..extract.claims.explanations import ExplanationResources, find_explanations

if TYPE_CHECKING:
    from ..knowledge.actors import ActorKB

_EXTENSIONS = ("lull_explanations", "lull_quotes", "lull_doc_id", "lull_published")


@Language.factory("lull_explanations", default_config={"causes": None, "speech": None, "actors": None},
                  assigns=["doc._.lull_explanations"], requires=["doc._.lull_quotes"])
def make_explanation_finder(nlp: Language, name: str, *, causes: str | None, speech: str | None,
                            actors: str | None) -> ExplanationFinder:
    """Build the explanation finder; the paths are rule files (``None``: the bundled ones)."""
    for ext in _EXTENSIONS:
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=None)
    return ExplanationFinder(name, causes=Path(causes) if causes else None, speech=Path(speech) if speech else None,
                             actors=Path(actors) if actors else None)


class ExplanationFinder:
    """Finds the explanations of a parsed Doc that ``lull_quotes`` has already run on."""

    def __init__(self, name: str, *, causes: Path | None = None, speech: Path | None = None,
                 actors: Path | None = None) -> None:
        self.name = name
        self.causes = load_causes(causes)
        self.speech = load_speech_rules(speech)
        self._actors_path = actors
        self._kb: ActorKB | None = None
        self._resources: ExplanationResources | None = None

    def set_knowledge(self, *, kb: ActorKB) -> None:
        """Use this actor KB (already loaded by the caller) instead of loading the bundled one."""
        self._kb, self._resources = kb, None

    @property
    def resources(self) -> ExplanationResources:
        if self._resources is None:
            from ..knowledge.actors import ActorKB

            self._resources = ExplanationResources(self._kb or ActorKB.load(self._actors_path), self.speech,
                                                   self.causes)
        return self._resources

    def __call__(self, doc: Doc) -> Doc:
        if doc._.lull_quotes is None:
            raise ConfigError("the lull_explanations component needs lull_quotes before it in the pipeline; "
                              "add it with nlp.add_pipe('lull_quotes', before='lull_explanations').")
        doc._.lull_explanations = find_explanations(doc, res=self.resources, quotes=doc._.lull_quotes)
        return doc
