"""The spaCy pipeline lull runs: the configured English model plus lull's components.

Order matters: ``lull_line_breaks`` marks sentence starts before the parser
(a heading, a list item or a caption line is never glued to the next line's
sentence); ``lull_actors`` and ``lull_places`` write ``doc.spans`` that
``lull_events`` reads, so they come after the model's NER and before the coder.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError
from ..settings import Settings

if TYPE_CHECKING:
    from ..knowledge.actors import ActorKB
    from ..knowledge.places import Gazetteer


@Language.component("lull_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: news texts put headings and list items on their own lines."""
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc


def build_pipeline(settings: Settings, *, kb: "ActorKB", gazetteer: "Gazetteer") -> Language:
    """Load ``settings.spacy_model`` and add ``lull_actors``, ``lull_places``, ``lull_events``, then the
    claims components ``lull_quotes``, ``lull_numbers`` and ``lull_explanations`` (the last two read the quotes).

    ``kb`` and ``gazetteer`` are the loaded knowledge bases; the event coder
    resolves actors and places with them (the actor ruler reads its patterns
    from the KB's file)."""
    from . import actor_ruler, event_coder, explanation_finder, number_finder, place_ruler, quote_finder  # noqa: F401  (registers the factories)

    try:
        nlp = spacy.load(settings.spacy_model)
    except OSError:
        raise ConfigError(f"spaCy model {settings.spacy_model!r} is not installed; install it with pip "
                          "or set spacy_model in lull.toml / LULL_SPACY_MODEL.") from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("lull_line_breaks", before="parser")
    nlp.add_pipe("lull_actors", config={"actors_path": str(kb.path)})
    nlp.add_pipe("lull_places")
    coder = nlp.add_pipe("lull_events")
    coder.set_knowledge(kb=kb, gazetteer=gazetteer)
    for name in ("lull_quotes", "lull_numbers", "lull_explanations"):  # numbers name the speaker of their quote
        nlp.add_pipe(name).set_knowledge(kb=kb)
    return nlp
