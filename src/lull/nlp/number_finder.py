"""The ``lull_numbers`` spaCy component: numeric claims into ``doc._.lull_numeric_claims``.

Add it after ``lull_events`` (it reads ``doc.spans["lull_actors"]`` and the
model's entities)::

    from lull.nlp import number_finder  # registers the factory
    finder = nlp.add_pipe("lull_numbers")
    finder.set_knowledge(kb=kb)            # optional: the actor KB the pipeline already holds
    doc = nlp.make_doc(text)
    doc._.lull_doc_id, doc._.lull_published = document.id, document.published
    doc = nlp(doc)
    doc._.lull_numeric_claims              # list[records.NumericClaim]

Rules come from ``data/patterns/numbers.yaml`` (or the ``rules`` path), event
types from ``data/patterns/events.yaml`` (or ``patterns``); both are read when
the component is made, the actor KB on the first document unless given with
:meth:`NumberFinder.set_knowledge`.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from ..extract.claims.attribution import load_speech_rules
from ..extract.events.lexicon import load_lexicon
from ..extract.claims.numbers import NumberResources, find_numeric_claims, load_number_rules

if TYPE_CHECKING:
    from ..knowledge.actors import ActorKB

_EXTENSIONS = ("lull_numeric_claims", "lull_doc_id", "lull_published")


@Language.factory(
    "lull_numbers",
    default_config={"rules": None, "patterns": None, "actors": None},
    assigns=["doc._.lull_numeric_claims"],
)
def make_number_finder(nlp: Language, name: str, *, rules: str | None, patterns: str | None,
                       actors: str | None) -> NumberFinder:
    """Build the finder; ``rules``/``patterns``/``actors`` are file paths (``None``: the bundled files)."""
    for ext in _EXTENSIONS:
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=None)
    return NumberFinder(name, rules=Path(rules) if rules else None, patterns=Path(patterns) if patterns else None,
                        actors=Path(actors) if actors else None)


class NumberFinder:
    """Finds the numeric claims of a parsed Doc."""

    def __init__(self, name: str, *, rules: Path | None = None, patterns: Path | None = None,
                 actors: Path | None = None) -> None:
        self.name = name
        self.rules = load_number_rules(rules)
        self.lexicon = load_lexicon(patterns)
        self.speech = load_speech_rules()
        self._actors_path = actors
        self._kb: ActorKB | None = None
        self._resources: NumberResources | None = None

    def set_knowledge(self, *, kb: ActorKB) -> None:
        """Use this actor KB (already loaded by the caller) instead of loading the bundled one."""
        self._kb, self._resources = kb, None

    @property
    def resources(self) -> NumberResources:
        if self._resources is None:
            from ..knowledge.actors import ActorKB

            kb = self._kb or ActorKB.load(self._actors_path)
            self._resources = NumberResources(self.rules, self.lexicon, kb, self.speech)
        return self._resources

    def __call__(self, doc: Doc) -> Doc:
        doc._.lull_numeric_claims = find_numeric_claims(doc, res=self.resources)
        return doc
