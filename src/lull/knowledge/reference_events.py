"""Dated reference events (``data/reference_events.yaml``): a text that mentions one was written on or after it.

"The fall of Assad's regime" puts a text on or after 8 December 2024. The
events and the phrases that name them are data with ids; this module finds
them in a text and turns the latest into a lower bound on the publication date
(basis ``reference-events``), or gives event dates to the event coder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from ..errors import ConfigError
from ..records import DateSpan


@dataclass(frozen=True, slots=True)
class ReferenceEvent:
    """A dated event whose mention proves a text was written on or after ``date``."""

    id: str
    date: date
    label: str
    patterns: tuple[tuple[str, re.Pattern[str]], ...]  # (pattern id, compiled regex)


@dataclass(frozen=True, slots=True)
class ReferenceEvents:
    """The reference events of ``data/reference_events.yaml`` (or another file of that shape)."""

    version: int
    events: tuple[ReferenceEvent, ...]

    @classmethod
    def load(cls, path: Path) -> "ReferenceEvents":
        """Read a reference events file (the bundled one is ``Settings().reference_events_path``; no default,
        so a caller never reads the bundled file by forgetting the configured one)."""
        path = Path(path)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            events = tuple(_reference_event(entry) for entry in data["events"])
            return cls(int(data["version"]), events)
        except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, re.error) as error:
            raise ConfigError(
                f"{path}: cannot read reference events ({error}); each entry needs id, date (YYYY-MM-DD), "
                "label and patterns [{id, regex}], under a top-level version and events."
            ) from None

    def find(self, text: str) -> list[tuple[int, int, str, ReferenceEvent]]:
        """Mentions of reference events in ``text``: ``(start, end, pattern id, event)`` in text order."""
        found = [
            (m.start(), m.end(), pattern_id, event)
            for event in self.events
            for pattern_id, pattern in event.patterns
            for m in pattern.finditer(text)
        ]
        return sorted(found, key=lambda hit: (hit[0], hit[1]))


def _reference_event(entry: dict) -> ReferenceEvent:
    when = entry["date"] if isinstance(entry["date"], date) else date.fromisoformat(str(entry["date"]))
    patterns = tuple((str(p["id"]), re.compile(p["regex"], re.IGNORECASE)) for p in entry["patterns"])
    return ReferenceEvent(str(entry["id"]), when, str(entry["label"]), patterns)


def bound_from_reference_events(
    text: str, published: DateSpan | None, *, events: ReferenceEvents
) -> DateSpan | None:
    """A lower bound on the publication date from the latest reference event ``text`` mentions.

    Only when it says more than ``published``: ``published`` must be missing or
    a lower bound that starts earlier; a known day, month or year is kept as is."""
    if published is not None and not published.is_lower_bound:
        return None
    hits = events.find(text)
    if not hits:
        return None
    latest = max(event.date for _, _, _, event in hits)
    if published is not None and published.start is not None and latest <= published.start:
        return None
    return DateSpan(latest, None, "day", "reference-events")
