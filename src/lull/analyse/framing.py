"""Framing: which loaded terms each outlet uses, in its own voice and in quoted speech, and which labels it
gives each actor.

The terms are data (``data/lexicons/loaded_terms.yaml``); this module matches
them on word boundaries, case-insensitively, with ``*`` as "any ending", and
splits every match by whether it falls inside a quote's content span (speech
the outlet relays) or not (the outlet's own voice). Rates are per 1,000 words
of the same voice, so an outlet that quotes a lot is not counted as loaded
for what its sources say.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..datafiles import read_yaml
from ..errors import ConfigError
from ..records import Document, Mention, Quote

CATEGORIES = ("delegitimising", "legitimising", "affiliation", "dismissive", "emotive")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True, slots=True)
class Term:
    id: str
    category: str
    phrases: tuple[str, ...]
    side: str | None = None


@dataclass(frozen=True)
class Lexicon:
    """Loaded terms and the compiled pattern that finds them. Build with ``Lexicon.load``."""

    version: int
    terms: tuple[Term, ...]
    pattern: re.Pattern[str]
    by_group: Mapping[str, str]

    @classmethod
    def load(cls, path: Path | None = None) -> "Lexicon":
        if path is None:
            with resources.as_file(resources.files("lull") / "data" / "lexicons" / "loaded_terms.yaml") as p:
                return cls.load(Path(p))
        raw = read_yaml(path, what="loaded-terms lexicon")
        if not isinstance(raw, dict) or not isinstance(raw.get("terms"), list):
            raise ConfigError(f"{path}: the top level needs 'version: <integer>' and 'terms: [...]'.")
        terms, alternatives, by_group = [], [], {}
        for number, item in enumerate(raw["terms"], start=1):
            if not isinstance(item, dict) or not item.get("id") or not item.get("phrases"):
                raise ConfigError(f"{path}: term {number} needs an 'id' and a list of 'phrases'.")
            if item.get("category") not in CATEGORIES:
                raise ConfigError(f"{path}: term '{item['id']}' has category {item.get('category')!r}; use one of "
                                  f"{', '.join(CATEGORIES)}.")
            term = Term(item["id"], item["category"], tuple(str(p) for p in item["phrases"]), item.get("side"))
            terms.append(term)
            group = f"t{number}"
            by_group[group] = term.id
            alternatives.append(f"(?P<{group}>{'|'.join(_phrase(p) for p in sorted(term.phrases, key=len, reverse=True))})")
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)
        return cls(int(raw.get("version", 1)), tuple(terms), pattern, by_group)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, term id) of every loaded term in ``text``; the longest phrase wins, earlier families first."""
        return [(m.start(), m.end(), self.by_group[m.lastgroup]) for m in self.pattern.finditer(text) if m.lastgroup]


def _phrase(phrase: str) -> str:
    words = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in phrase.split()]
    return r"[\s-]+".join(w.replace(r"\-", r"[-\s]?") for w in words)


@dataclass(frozen=True, slots=True)
class OutletFraming:
    """One outlet's loaded terms per 1,000 words, own voice and quoted speech apart, and its actor labels."""

    outlet: str
    documents: int
    own_words: int
    quoted_words: int
    own: Mapping[str, int]  # term id -> count in the outlet's own voice
    quoted: Mapping[str, int]
    labels: Mapping[str, Mapping[str, int]]  # actor id -> {label as written: count}

    @property
    def own_per_1000(self) -> float:
        return 1000 * sum(self.own.values()) / self.own_words if self.own_words else 0.0

    @property
    def quoted_per_1000(self) -> float:
        return 1000 * sum(self.quoted.values()) / self.quoted_words if self.quoted_words else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "documents": self.documents, "own_words": self.own_words,
                "quoted_words": self.quoted_words, "own_per_1000": round(self.own_per_1000, 2),
                "quoted_per_1000": round(self.quoted_per_1000, 2), "own": dict(self.own), "quoted": dict(self.quoted),
                "labels": {k: dict(v) for k, v in self.labels.items()}}


def framing(documents: Iterable[Document], *, lexicon: Lexicon, quotes: Iterable[Quote] = (),
            mentions: Iterable[Mention] = ()) -> tuple[OutletFraming, ...]:
    """Per outlet (``"?"`` when unknown), loaded terms in own voice vs quotes, and the labels of each actor
    (the words ``mentions`` use for it), outlets in name order."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for q in quotes:
        spans[q.content.doc_id].append((q.content.start, q.content.end))
    labels_by_doc: dict[str, list[tuple[str, str]]] = defaultdict(list)
    seen_actor_spans: set[tuple[str, str, str]] = set()
    for m in mentions:
        for actor in (*m.actors, *m.recipients):
            key = (m.sentence.doc_id, f"{m.sentence.start}", actor.text)
            if actor.id and key not in seen_actor_spans:
                seen_actor_spans.add(key)
                labels_by_doc[m.doc_id].append((actor.id, actor.text))
    totals: dict[str, dict[str, Any]] = {}
    for doc in documents:
        outlet = doc.outlet or "?"
        t = totals.setdefault(outlet, {"docs": 0, "own_words": 0, "quoted_words": 0, "own": Counter(),
                                       "quoted": Counter(), "labels": defaultdict(Counter)})
        t["docs"] += 1
        inside = _merge(spans.get(doc.id, []))
        quoted_words = sum(len(_WORD.findall(doc.text[a:b])) for a, b in inside)
        t["quoted_words"] += quoted_words
        t["own_words"] += len(_WORD.findall(doc.text)) - quoted_words
        for start, _, term in lexicon.find(doc.text):
            t["quoted" if any(a <= start < b for a, b in inside) else "own"][term] += 1
        for actor_id, label in labels_by_doc.get(doc.id, []):
            t["labels"][actor_id][" ".join(label.split())] += 1
    return tuple(OutletFraming(o, t["docs"], t["own_words"], t["quoted_words"], dict(t["own"]), dict(t["quoted"]),
                               {k: dict(v) for k, v in t["labels"].items()}) for o, t in sorted(totals.items()))


def loaded_words(text: str, *, lexicon: Lexicon) -> list[str]:
    """The words of ``text`` inside loaded terms, lower-cased (word-level scoring)."""
    return [w.lower() for start, end, _ in lexicon.find(text) for w in _WORD.findall(text[start:end])]


def _merge(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged
