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

from .errors import StoreError
from .records import DateSpan, Document, Rejection, RejectionReason
from .settings import Settings
from .vocabulary import Stage
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


MAX_CANDIDATES = 200  # stored documents a new one is compared with (those sharing the most LSH bands)
MAX_LINKS = 20  # near-duplicate links per new document (the most similar): a flood of copies stays linear


def ingest(inputs: Iterable[str], *, store: Store, settings: Settings, published: DateSpan | None = None,
           progress: Progress | None = None) -> IngestSummary:
    """Read every input and store what is good; every bad input is stored as a Rejection.

    Each document is stored with its near-duplicate links in one transaction;
    an unexpected failure on one document becomes a stored Rejection naming it
    (reason ``store_error``) and the run goes on."""
    from .ingest import read_inputs

    new = dup = links = 0
    rejected: list[Rejection] = []
    for item in read_inputs(inputs, settings=settings, published=published):
        if isinstance(item, Document):
            try:
                outcome = _store_document(item, store=store, settings=settings)
            except StoreError:
                raise  # the store itself is unusable (locked for minutes, full disk): no later document would fare better
            except Exception as error:  # noqa: BLE001 - one document's fault must not stop the run
                item = _stage_failure(item, Stage.INGEST, error)
            else:
                new, dup, links = new + (outcome >= 0), dup + (outcome < 0), links + max(outcome, 0)
        if isinstance(item, Rejection):
            store.add_rejection(item)
            rejected.append(item)
        if progress:
            progress(item.input if isinstance(item, Rejection) else item.locator)
    return IngestSummary(new, dup, links, tuple(rejected))


def _store_document(doc: Document, *, store: Store, settings: Settings) -> int:
    """Store one document with its links: -1 if it was already stored (a new source), else the number of links."""
    from .ingest.near_duplicates import signature, similarity

    doc = _bounded(doc)
    if store.has_document(doc.id):
        store.add_document(doc)
        return -1
    sig = signature(doc.text)
    similar = []
    if sig:
        scored = ((other, similarity(sig, other_sig)) for other, other_sig in
                  store.near_duplicate_candidates(sig, limit=MAX_CANDIDATES))
        similar = sorted(((o, s) for o, s in scored if s >= settings.near_duplicate_threshold),
                         key=lambda pair: (-pair[1], pair[0]))[:MAX_LINKS]
    return len(similar) if store.add_document(doc, signature=sig, links=similar) else -1


def _stage_failure(doc: Document, stage: Stage, error: BaseException) -> Rejection:
    """The stored Rejection for an unexpected exception while storing one document or its extraction."""
    what = "storing this document" if stage is Stage.INGEST else "storing what was extracted from this document"
    return Rejection(doc.locator, stage, RejectionReason.STORE_ERROR, f"{doc.locator}: {what} failed ({type(error).__name__}: "
                     f"{str(error)[:200]}); the other documents went on. This is a bug in lull: please report it with "
                     "the input.", doc.id)


def extract(*, store: Store, settings: Settings, progress: Progress | None = None) -> ExtractSummary:
    """Code events and claims in every stored document the current extractors have not processed (idempotent).

    One document's failure (in the parser, a component, or writing its
    results) is a stored Rejection naming it; it is marked processed, so a
    later run does not fail on it again, and the other documents go on."""
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
    by_id = {d.id: d for d in docs}
    mentions = claims = 0
    rejected: list[Rejection] = []
    for found in extract_documents(docs, nlp=nlp):
        try:
            added = _store_extraction(found, store=store, versions=(EXTRACTOR_VERSION, CLAIMS_VERSION))
        except StoreError:
            raise
        except Exception as error:  # noqa: BLE001 - one document's results must not stop the run
            failure = _stage_failure(by_id[found.doc_id], Stage.EXTRACT, error)
            found = type(found)(found.doc_id, rejections=found.rejections + (failure,))
            added = _store_extraction(found, store=store, versions=(EXTRACTOR_VERSION, CLAIMS_VERSION))
        mentions, claims = mentions + added[0], claims + added[1]
        rejected.extend(found.rejections)
        if progress:
            progress(found.doc_id)
    return ExtractSummary(len(docs), mentions, claims, tuple(rejected))


def _store_extraction(found, *, store: Store, versions: tuple[str, str]) -> tuple[int, int]:
    for rej in found.rejections:
        store.add_rejection(rej)
    mentions = store.replace_mentions(found.doc_id, found.mentions, stage="events", version=versions[0])
    claims = sum(store.replace_claims(found.doc_id, numeric=found.numeric_claims, quotes=found.quotes,
                                      explanations=found.explanations, stage="claims", version=versions[1]))
    return mentions, claims


def resolve(*, store: Store) -> ResolveSummary:
    """Cluster every stored mention into real-world events (incremental: existing event ids are kept)."""
    from .knowledge.actors import ActorKB
    from .link.cluster import resolve_events

    events = resolve_events(store.mentions(), kb=ActorKB.load(), documents={d.id: d for d in store.documents()},
                            quotes=store.quotes(), previous=store.events(origin="lull"))
    store.replace_events(events)
    return ResolveSummary(len(events), sum(1 for e in events if e.conflicts))
