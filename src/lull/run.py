"""The only module that knows the order of the stages.

ingest (read inputs -> Documents | Rejections) -> date bounds -> store
(exact duplicates become extra sources, near duplicates are linked) ->
extract (spaCy pipeline -> event mentions) -> store.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

from .records import DateSpan, Document, Rejection
from .settings import Settings
from .store import Store

Progress = Callable[[str], None]  # called once per item with a short label


@dataclass(frozen=True, slots=True)
class IngestSummary:
    new: int = 0
    duplicate: int = 0
    near_duplicate_links: int = 0
    rejected: tuple[Rejection, ...] = ()

    @property
    def rejected_by_reason(self) -> dict[str, int]:
        return dict(Counter(r.reason.value for r in self.rejected))


@dataclass(frozen=True, slots=True)
class ResolveSummary:
    events: int = 0
    conflicted: int = 0


@dataclass(frozen=True, slots=True)
class ExtractSummary:
    documents: int = 0
    mentions: int = 0
    claims: int = 0  # numeric claims, quotes and explanations
    rejected: tuple[Rejection, ...] = ()


def samples_path() -> Path:
    """The bundled sample corpus (five third-party articles; see its NOTICE.md)."""
    return Path(str(resources.files("lull") / "data" / "samples"))


def _bounded(doc: Document) -> Document:
    """Tighten an unknown or lower-bound publication date from dated reference events."""
    if doc.published is not None and not doc.published.is_lower_bound:
        return doc
    from .knowledge.reference_events import bound_from_reference_events

    bound = bound_from_reference_events(doc.text, doc.published)
    return dataclasses.replace(doc, published=bound) if bound is not None else doc


def ingest(inputs: Iterable[str], *, store: Store, settings: Settings, published: DateSpan | None = None,
           progress: Progress | None = None) -> IngestSummary:
    """Read every input and store what is good; every bad input is stored as a Rejection."""
    from .ingest import read_inputs
    from .ingest.near_duplicates import signature, similarity

    new = dup = links = 0
    rejected: list[Rejection] = []
    for item in read_inputs(inputs, settings=settings, published=published):
        if isinstance(item, Rejection):
            store.add_rejection(item)
            rejected.append(item)
            if progress:
                progress(f"rejected {item.input}")
            continue
        doc = _bounded(item)
        sig = signature(doc.text)
        if store.has_document(doc.id):
            store.add_document(doc)
            dup += 1
        else:
            similar = [(other, s) for other, other_sig in store.signatures()
                       if (s := similarity(sig, other_sig)) >= settings.near_duplicate_threshold] if sig else []
            store.add_document(doc, signature=sig)
            for other, s in similar:
                store.link_near_duplicate(doc.id, other, s)
            links += len(similar)
            new += 1
        if progress:
            progress(doc.locator)
    return IngestSummary(new, dup, links, tuple(rejected))


def extract(*, store: Store, settings: Settings, progress: Progress | None = None) -> ExtractSummary:
    """Code events and claims in every stored document the current extractors have not processed (idempotent)."""
    from .extract.documents import CLAIMS_VERSION, EXTRACTOR_VERSION, extract_documents
    from .nlp.pipeline import build_pipeline
    from .knowledge.actors import ActorKB
    from .knowledge.places import Gazetteer

    pending = set(store.pending_documents("events", EXTRACTOR_VERSION))
    pending |= set(store.pending_documents("claims", CLAIMS_VERSION))
    if not pending:
        return ExtractSummary()
    nlp = build_pipeline(settings, kb=ActorKB.load(), gazetteer=Gazetteer.load())
    docs = store.documents(ids=pending)
    mentions = claims = 0
    rejected: list[Rejection] = []
    for found in extract_documents(docs, nlp=nlp):
        for rej in found.rejections:
            store.add_rejection(rej)
            rejected.append(rej)
        mentions += store.replace_mentions(found.doc_id, found.mentions, stage="events", version=EXTRACTOR_VERSION)
        claims += sum(store.replace_claims(found.doc_id, numeric=found.numeric_claims, quotes=found.quotes,
                                           explanations=found.explanations, stage="claims", version=CLAIMS_VERSION))
        if progress:
            progress(found.doc_id)
    return ExtractSummary(len(docs), mentions, claims, tuple(rejected))


def resolve(*, store: Store) -> ResolveSummary:
    """Cluster every stored mention into real-world events (incremental: existing event ids are kept)."""
    from .knowledge.actors import ActorKB
    from .link.cluster import resolve_events

    events = resolve_events(store.mentions(), kb=ActorKB.load(), documents={d.id: d for d in store.documents()},
                            quotes=store.quotes(), previous=store.events(origin="lull"))
    store.replace_events(events)
    return ResolveSummary(len(events), sum(1 for e in events if e.conflicts))
