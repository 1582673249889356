"""The ``lull_actors`` spaCy component: actor names and nominals from the knowledge base.

It is a spaCy ``SpanRuler`` whose token patterns come from ``ActorKB.ruler_patterns``
(tokenized with the pipeline's own tokenizer, so the patterns split words exactly
as the texts are split). Matches go to ``doc.spans["lull_actors"]`` with label
``ACTOR`` and ``Span.id_`` set to the KB id; overlapping matches keep the longest
("Israeli occupation forces" beats "occupation forces"). Only KB matches are
written: other NER entities are resolved by the event coder with ``ActorKB.resolve``.

Usage::

    nlp.add_pipe("lull_actors", config={"actors_path": ""})  # "" = bundled data/actors.yaml
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.pipeline.span_ruler import prioritize_new_ents_filter
from spacy.tokens import Span

from ..resolve.actors import ActorKB

SPANS_KEY = "lull_actors"
LABEL = "ACTOR"


def _longest_in_order(existing: Iterable[Span], matches: Iterable[Span]) -> list[Span]:
    """The longest of overlapping matches, in document order (the ruler overwrites ``existing``)."""
    return sorted(prioritize_new_ents_filter(existing, matches))


@Language.factory(
    "lull_actors",
    default_config={"actors_path": ""},
    assigns=["doc.spans"],
    requires=[],
)
def make_actor_ruler(nlp: Language, name: str, *, actors_path: str) -> SpanRuler:
    """A span ruler over the actors file at ``actors_path`` (empty: the bundled one)."""
    kb = ActorKB.load(Path(actors_path) if actors_path else None)
    ruler = SpanRuler(
        nlp,
        name,
        spans_key=SPANS_KEY,
        spans_filter=_longest_in_order,
        overwrite=True,
        validate=False,
    )
    ruler.add_patterns(kb.ruler_patterns(lambda text: [t.text for t in nlp.make_doc(text)]))
    return ruler
