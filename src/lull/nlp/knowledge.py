"""How lull's spaCy components get their knowledge: the registered loader ``lull.knowledge.v1`` and the
``initialize`` step every component shares.

Each component's config carries a ``knowledge`` block naming the rule files, so ``nlp.config`` (and a
pipeline saved with ``nlp.to_disk``) says exactly which knowledge the pipeline uses::

    [components.lull_events.knowledge]
    @misc = "lull.knowledge.v1"
    actors = "/.../actors.yaml"
    places = "/.../places.tsv"
    ...

Building a component reads nothing. ``initialize`` gives it the loaded ``Knowledge``: ``build_pipeline`` and
``initialize_knowledge`` hand one shared ``Knowledge`` to every component, so each rule file is read once per
pipeline (or once per run, when ``run.run`` loads it). Every path is required: a component never falls back to
the bundled files (their defaults live in ``Settings`` only).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import spacy

from ..errors import ConfigError
from ..knowledge import REGISTRY_NAME, Knowledge, KnowledgeSource, knowledge_from_paths


@spacy.registry.misc(REGISTRY_NAME)
def knowledge_source(actors: str, places: str, reference_events: str, event_patterns: str, number_rules: str,
                     speech_rules: str, causes: str, causal: str, abbreviations: str) -> KnowledgeSource:
    """The ``lull.knowledge.v1`` loader: where a component's knowledge comes from (read at ``initialize``)."""
    return knowledge_from_paths(actors=actors, places=places, reference_events=reference_events,
                                event_patterns=event_patterns, number_rules=number_rules,
                                speech_rules=speech_rules, causes=causes, causal=causal, abbreviations=abbreviations)


class KnowledgeComponent:
    """Base of lull's components: made from the source its config names, given the loaded knowledge by
    ``initialize``; ``setup`` builds what the component needs from it."""

    def __init__(self, name: str, *, knowledge: KnowledgeSource) -> None:
        if not isinstance(knowledge, KnowledgeSource):
            raise ConfigError(f"the {name} component needs config 'knowledge' = {{'@misc': '{REGISTRY_NAME}', ...}}; "
                              "build it with lull.knowledge.KnowledgeSource.from_settings(settings).config().")
        self.name = name
        self.source = knowledge
        self._knowledge: Knowledge | None = None

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Any = None,
                   knowledge: Knowledge | None = None) -> None:
        """Use ``knowledge`` (it must come from the source the config names), or read that source."""
        if knowledge is None:
            knowledge = Knowledge(self.source)
        elif knowledge.source != self.source:
            raise ConfigError(f"the {self.name} component was configured with {self.source} but given knowledge "
                              f"from {knowledge.source}; build the pipeline and the knowledge from the same settings.")
        self._knowledge = knowledge
        self.setup(knowledge)

    def setup(self, knowledge: Knowledge) -> None:
        """Build the component's lookups from ``knowledge`` (subclasses)."""

    @property
    def knowledge(self) -> Knowledge:
        if self._knowledge is None:
            raise ConfigError(f"the {self.name} component has no knowledge yet; call "
                              "lull.nlp.pipeline.initialize_knowledge(nlp, knowledge) (build_pipeline does).")
        return self._knowledge
