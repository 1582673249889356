"""Knowledge: the lookups every stage consults, built once per run by ``Knowledge.load(settings)``.

Nothing here reads a document; each module turns a rule file in ``data/`` (or the file a setting names)
into a frozen lookup: actors (``actors.py``), places (``places.py``), the date grammar (``dates.py``), dated
reference events (``reference_events.py``), and the extractors' rule books (event lexicon, number rules,
speech cues, cause categories, cause-effect cues, the abbreviations that end no sentence).

``KnowledgeSource`` is where the knowledge comes from (one path per rule file, taken from ``Settings``, the
only place that names the bundled defaults); ``Knowledge`` is what was read from it. ``run.run`` loads it once
and passes it down: to ingest (reference events), to the spaCy pipeline (``build_pipeline(settings,
knowledge=...)``) and to linking (actors). Each lookup is read on first use and then kept, so a command that
needs only the actors (``lull delete``) does not pay for GeoNames, and no lookup is ever read twice.

spaCy sees the source through the registered loader ``lull.knowledge.v1``: every lull component's config
names it with its paths, so ``nlp.config`` says which knowledge a pipeline used and a saved pipeline
(``nlp.to_disk``) records it. A Dask worker loads it the same way, once.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..extract.claims.attribution import SpeechRules
    from ..extract.claims.causal import CausalCues
    from ..extract.claims.causes import CauseBook
    from ..extract.claims.numbers.rules import NumberRules
    from ..extract.events.lexicon import Lexicon
    from ..nlp.sentences import Abbreviations
    from ..settings import Settings
    from .actors import ActorKB
    from .dates import DateGrammar
    from .places import Gazetteer
    from .reference_events import ReferenceEvents

REGISTRY_NAME = "lull.knowledge.v1"


@dataclass(frozen=True, slots=True)
class KnowledgeSource:
    """The rule files a ``Knowledge`` is read from (as given in ``Settings``)."""

    actors: Path
    places: Path
    reference_events: Path
    event_patterns: Path
    number_rules: Path
    speech_rules: Path
    causes: Path
    causal: Path
    abbreviations: Path

    @classmethod
    def from_settings(cls, settings: "Settings") -> "KnowledgeSource":
        return cls(actors=settings.actors_path, places=settings.places_path,
                   reference_events=settings.reference_events_path, event_patterns=settings.event_patterns_path,
                   number_rules=settings.number_rules_path, speech_rules=settings.speech_rules_path,
                   causes=settings.causes_path, causal=settings.causal_path,
                   abbreviations=settings.abbreviations_path)

    def config(self) -> dict[str, Any]:
        """The spaCy config block that names this source: ``{"@misc": "lull.knowledge.v1", "actors": ...}``."""
        return {"@misc": REGISTRY_NAME, **{name: str(path) for name, path in asdict(self).items()}}


@dataclass(frozen=True, eq=False)
class Knowledge:
    """Every lookup lull consults, read from one ``KnowledgeSource``; each part is read once, on first use."""

    source: KnowledgeSource

    @classmethod
    def load(cls, settings: "Settings") -> "Knowledge":
        """The knowledge the settings name (``actors_path``, ``places_path``, ... ``causes_path``)."""
        return cls(KnowledgeSource.from_settings(settings))

    @cached_property
    def actors(self) -> "ActorKB":
        from .actors import ActorKB

        return ActorKB.load(self.source.actors)

    @cached_property
    def places(self) -> "Gazetteer":
        from .places import Gazetteer

        return Gazetteer.load(self.source.places)

    @cached_property
    def dates(self) -> "DateGrammar":
        from .dates import grammar

        return grammar()

    @cached_property
    def reference_events(self) -> "ReferenceEvents":
        from .reference_events import ReferenceEvents

        return ReferenceEvents.load(self.source.reference_events)

    @cached_property
    def lexicon(self) -> "Lexicon":
        from ..extract.events.lexicon import load_lexicon

        return load_lexicon(self.source.event_patterns)

    @cached_property
    def number_rules(self) -> "NumberRules":
        from ..extract.claims.numbers.rules import load_number_rules

        return load_number_rules(self.source.number_rules)

    @cached_property
    def speech(self) -> "SpeechRules":
        from ..extract.claims.attribution import load_speech_rules

        return load_speech_rules(self.source.speech_rules)

    @cached_property
    def causes(self) -> "CauseBook":
        from ..extract.claims.causes import load_causes

        return load_causes(self.source.causes)

    @cached_property
    def causal(self) -> "CausalCues":
        from ..extract.claims.causal import load_causal

        return load_causal(self.source.causal)

    @cached_property
    def abbreviations(self) -> "Abbreviations":
        from ..nlp.sentences import load_abbreviations

        return load_abbreviations(self.source.abbreviations)


def knowledge_from_paths(*, actors: str, places: str, reference_events: str, event_patterns: str,
                         number_rules: str, speech_rules: str, causes: str, causal: str,
                         abbreviations: str) -> KnowledgeSource:
    """The ``lull.knowledge.v1`` loader: the source a component's config names (every path is required)."""
    return KnowledgeSource(Path(actors), Path(places), Path(reference_events), Path(event_patterns),
                           Path(number_rules), Path(speech_rules), Path(causes), Path(causal), Path(abbreviations))
