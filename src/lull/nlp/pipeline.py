"""The spaCy pipeline lull runs: the configured English model plus lull's components.

Order matters: ``lull_sentence_starts`` (``sentences.py``) sets sentence starts
before the parser (a line break always ends a sentence, a title abbreviation
never does); ``lull_headlines`` re-parses title-case headlines in lower case; ``lull_actors`` and ``lull_places`` write ``doc.spans`` that
``lull_events`` reads, so they come after the model's NER and before the coder; ``lull_quotes`` comes before
the coder too (a quote's first person is its speaker's).
"""
from __future__ import annotations

import spacy
from spacy.language import Language

from ..errors import ConfigError
from ..knowledge import Knowledge
from ..settings import Settings
from .knowledge import KnowledgeComponent
from .sentences import add_tokenizer_rules  # also registers lull_sentence_starts

# the coder reads the quotes (a quote's "I" and "we" are its speaker's); numbers name the speaker of their quote
COMPONENTS = ("lull_actors", "lull_places", "lull_quotes", "lull_events", "lull_numbers", "lull_explanations")


def build_pipeline(settings: Settings, *, knowledge: Knowledge) -> Language:
    """Load ``settings.spacy_model`` and add ``lull_actors``, ``lull_places``, ``lull_quotes``, ``lull_events``,
    then the claims components ``lull_numbers`` and ``lull_explanations`` (the last two read quotes and mentions).

    Every component's config names ``knowledge.source`` (``lull.knowledge.v1``) and is initialized with
    ``knowledge`` itself, so the rule files are read once, by ``knowledge``, however many components use them."""
    from . import actor_ruler, event_coder, explanation_finder, headlines, number_finder, place_ruler, quote_finder  # noqa: F401  (registers the factories)

    try:
        nlp = spacy.load(settings.spacy_model)
    except OSError:
        raise ConfigError(f"spaCy model {settings.spacy_model!r} is not installed; install it with pip "
                          "or set spacy_model in lull.toml / LULL_SPACY_MODEL.") from None
    config = {"knowledge": knowledge.source.config()}
    if "parser" in nlp.pipe_names:
        add_tokenizer_rules(nlp, knowledge.abbreviations)
        nlp.add_pipe("lull_sentence_starts", before="parser", config=config)
        nlp.add_pipe("lull_headlines", after="ner" if "ner" in nlp.pipe_names else "parser")
    for name in COMPONENTS:
        nlp.add_pipe(name, config=config)
    return initialize_knowledge(nlp, knowledge)


def initialize_knowledge(nlp: Language, knowledge: Knowledge | None = None) -> Language:
    """Give every lull component of ``nlp`` the same ``knowledge``; without one, read the source their configs
    name (all must name the same one), once. Use it after ``spacy.load`` of a pipeline saved with ``to_disk``."""
    components = [proc for _, proc in nlp.pipeline if isinstance(proc, KnowledgeComponent)]
    if knowledge is None:
        sources = {proc.source for proc in components}
        if len(sources) > 1:
            raise ConfigError("the lull components of this pipeline name different knowledge sources; give them "
                              "one 'lull.knowledge.v1' block or pass the knowledge to initialize_knowledge.")
        if not sources:
            return nlp
        knowledge = Knowledge(sources.pop())
    for proc in components:
        proc.initialize(nlp=nlp, knowledge=knowledge)
    return nlp
