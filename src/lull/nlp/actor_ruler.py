"""The ``lull_actors`` spaCy component: actor names and nominals from the knowledge base.

Its patterns are the token patterns of ``ActorKB.ruler_patterns`` (tokenized
with the pipeline's own tokenizer, so they split words exactly as the texts
are split). Matches go to ``doc.spans["lull_actors"]`` with label ``ACTOR``
and ``Span.id_`` set to the KB id; overlapping matches keep the longest
("Israeli occupation forces" beats "occupation forces"). Only KB matches are
written: other NER entities are resolved by the event coder with ``ActorKB.resolve``.

Matching is done by ``nlp/phrase_ruler.py`` (a ``PhraseMatcher`` on ``LOWER``: spaCy's
``SpanRuler`` over these ~1,200 token patterns costs half of the spaCy model).

Usage::

    nlp.add_pipe("lull_actors", config={"actors_path": ""})  # "" = bundled data/actors.yaml
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from ..knowledge.actors import ActorKB
from .phrase_ruler import PhraseRuler

SPANS_KEY = "lull_actors"
LABEL = "ACTOR"


@Language.factory(
    "lull_actors",
    default_config={"actors_path": ""},
    assigns=["doc.spans"],
    requires=[],
)
def make_actor_ruler(nlp: Language, name: str, *, actors_path: str) -> PhraseRuler:
    """An actor ruler over the actors file at ``actors_path`` (empty: the bundled one)."""
    kb = ActorKB.load(Path(actors_path) if actors_path else None)
    return PhraseRuler(nlp.vocab, name, kb.ruler_patterns(lambda text: [t.text for t in nlp.make_doc(text)]),
                       spans_key=SPANS_KEY, label=LABEL)
