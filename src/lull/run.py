"""The only module that knows the order of the stages.

``run`` is the one sequence: ingest (inputs -> Documents | Rejections; date
bounds from reference events; exact duplicates become extra sources, near
duplicates are linked) -> extract (the spaCy pipeline: Documents -> mentions,
claims, quotes, explanations) -> link (mentions of every document -> one event
per real-world event). Each stage stores what it made before the next begins.

The CLI, the demo, ``delete`` and the imports call ``run`` or one of the stage
functions below; none of them orders stages itself. ``Knowledge`` is loaded
once by the caller (``Knowledge.load(settings)``) and passed to every stage.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from .errors import InputError, StoreError
from .records import DateSpan, Document, Rejection, RejectionReason
from .settings import Settings
from .store import Store
from .vocabulary import Stage

if TYPE_CHECKING:
    from .ingest.acled import ImportSummary
    from .knowledge import Knowledge

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
class ExtractSummary:
    documents: int = 0
    mentions: int = 0
    claims: int = 0  # numeric claims, quotes and explanations
    rejected: tuple[Rejection, ...] = ()


@dataclass(frozen=True, slots=True)
class LinkSummary:
    events: int = 0  # events of the re-linked blocks
    conflicted: int = 0
    mentions: int = 0  # mentions re-clustered: the new ones and those of the events they can change (held ones not)


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one ``run`` did, stage by stage."""

    ingest: IngestSummary
    extract: ExtractSummary
    link: LinkSummary


@dataclass(frozen=True, slots=True)
class DeleteSummary:
    deleted: tuple[str, ...]  # full document ids
    link: LinkSummary


def samples_path() -> Path:
    """The bundled sample corpus (five third-party articles; see its NOTICE.md)."""
    return Path(str(resources.files("lull") / "data" / "samples"))


def run(inputs: Iterable[str], *, store: Store, settings: Settings, knowledge: "Knowledge",
        published: DateSpan | None = None, progress: Progress | None = None) -> RunSummary:
    """Ingest ``inputs`` (none: only what is stored and not yet processed), extract from every new
    document, then link mentions into events: the one order of the stages."""
    ingested = ingest(inputs, store=store, settings=settings, knowledge=knowledge, published=published,
                      progress=progress)
    extracted = extract(store=store, settings=settings, knowledge=knowledge, progress=progress)
    return RunSummary(ingested, extracted, link(store=store, knowledge=knowledge))


def ingest(inputs: Iterable[str], *, store: Store, settings: Settings, knowledge: "Knowledge | None" = None,
           published: DateSpan | None = None, progress: Progress | None = None) -> IngestSummary:
    """Read every input and store what is good; every bad input is stored as a Rejection.

    ``knowledge`` gives the reference events that bound undated documents (default:
    ``Knowledge.load(settings)``)."""
    from .ingest import read_inputs
    from .ingest.near_duplicates import band_hashes
    from .knowledge import Knowledge

    knowledge = knowledge or Knowledge.load(settings)
    new = dup = links = 0
    rejected: list[Rejection] = []
    for doc_id, old_sig in store.unbanded_signatures():  # documents stored before schema 0011, once
        store.set_bands(doc_id, band_hashes(old_sig))
    for item in read_inputs(inputs, settings=settings, published=published):
        if isinstance(item, Document):
            try:
                outcome = _store_document(item, store=store, settings=settings, knowledge=knowledge)
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
            progress(f"rejected {item.input}" if isinstance(item, Rejection) else item.locator)
    return IngestSummary(new, dup, links, tuple(rejected))


MAX_CANDIDATES = 200  # stored documents a new one is compared with (those sharing the most LSH bands)
MAX_LINKS = 20  # near-duplicate links per new document (the most similar): a flood of copies stays linear


def _store_document(doc: Document, *, store: Store, settings: Settings, knowledge: "Knowledge") -> int:
    """Store one document with its near-duplicate links in one transaction: -1 if it was already stored (a new
    source), else the number of links."""
    from .ingest.near_duplicates import band_hashes, near_duplicates, signature

    doc = _bounded(doc, knowledge)
    if store.has_document(doc.id):
        store.add_document(doc)
        return -1
    sig = signature(doc.text)
    bands = band_hashes(sig) if sig else []
    similar = []
    if sig:
        candidates = store.near_duplicate_candidates(bands, limit=MAX_CANDIDATES)
        similar = sorted(near_duplicates(sig, candidates, threshold=settings.near_duplicate_threshold),
                         key=lambda pair: (-pair[1], pair[0]))[:MAX_LINKS]
    return len(similar) if store.add_document(doc, signature=sig, bands=bands, links=similar) else -1


def _stage_failure(doc: Document, stage: Stage, error: BaseException) -> Rejection:
    """The stored Rejection for an unexpected exception while storing one document or its extraction."""
    what = "storing this document" if stage is Stage.INGEST else "storing what was extracted from this document"
    return Rejection(doc.locator, stage, RejectionReason.STORE_ERROR, f"{doc.locator}: {what} failed ({type(error).__name__}: "
                     f"{str(error)[:200]}); the other documents went on. This is a bug in lull: please report it with "
                     "the input.", doc.id)


def _bounded(doc: Document, knowledge: "Knowledge") -> Document:
    """Tighten an unknown or lower-bound publication date from dated reference events."""
    if doc.published is not None and not doc.published.is_lower_bound:
        return doc
    from .knowledge.reference_events import bound_from_reference_events

    bound = bound_from_reference_events(doc.text, doc.published, events=knowledge.reference_events)
    return dataclasses.replace(doc, published=bound) if bound is not None else doc


def extract(*, store: Store, settings: Settings, knowledge: "Knowledge",
            progress: Progress | None = None) -> ExtractSummary:
    """Code events and claims in every stored document the current extractors have not processed (idempotent).

    One document's failure (in the parser, a component, or writing its
    results) is a stored Rejection naming it; it is marked processed, so a
    later run does not fail on it again, and the other documents go on."""
    from .extract.documents import CLAIMS_VERSION, EXTRACTOR_VERSION, extract_documents
    from .nlp.pipeline import build_pipeline

    pending = set(store.pending_documents("events", EXTRACTOR_VERSION))
    pending |= set(store.pending_documents("claims", CLAIMS_VERSION))
    if not pending:
        return ExtractSummary()
    nlp = build_pipeline(settings, knowledge=knowledge)
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


def link(*, store: Store, knowledge: "Knowledge") -> LinkSummary:
    """Re-link the blocks that new or deleted mentions touched (see link/blocks.py); event ids are kept.

    Reads only those blocks' mentions, their events, their documents' headers, quotes and other mentions,
    and the voices of their weeks; re-clusters the new mentions with the stored events they can change
    (``relinked_events``, "Scope" in link/blocks.py) and writes only those events. Returns the events
    re-linked (none when nothing changed)."""
    from .link.blocks import voice_weeks
    from .link.cluster import resolve_events

    _draw_blocks(store.stale_block_documents(), store=store, dirty=False)  # stores linked before schema 0012, once
    carried = store.dirty_blocks()  # deletions and re-extractions (or a run that stopped): their events re-link whole
    _draw_blocks(store.pending_link_documents(), store=store, dirty=True)
    dirty = store.dirty_blocks()
    if not dirty:
        return LinkSummary()
    scope, previous, held = _linking_scope(dirty, carried, store=store, knowledge=knowledge)
    everyone = [*scope, *(m for members in held.values() for m in members)]
    in_scope = {m.id for m in everyone}
    doc_ids = sorted({m.doc_id for m in everyone})
    context = {m.id: m for m in store.mentions_of(doc_ids) if m.id not in in_scope}
    context.update((m.id, m) for m in store.block_mentions(voice_weeks(everyone)) if m.id not in in_scope)
    events = resolve_events(scope, kb=knowledge.actors,
                            documents={d.id: d for d in store.documents(ids=doc_ids, text=False)},
                            quotes=[q for d in doc_ids for q in store.quotes(doc_id=d)], previous=previous,
                            context=list(context.values()), held=held)
    store.replace_linked_events(in_scope, events)
    store.clear_dirty(dirty)
    return LinkSummary(len(events), sum(1 for e in events if e.conflicts), len(scope))


def _linking_scope(dirty: list[str], carried: list[str], *, store: Store,
                   knowledge: "Knowledge") -> tuple[list, list, dict[str, list]]:
    """The mentions to re-cluster, the stored events they replace, and the members those events hold back (event
    id -> mentions): the dirty blocks' mentions that belong to no event (the new ones) and the mentions of the
    events that ``relinked_events`` says they can change, all of them for an event re-linked whole (a member in
    a block dirty before this run), otherwise its ``representatives`` ("Large events" in link/blocks.py)."""
    from .link.blocks import SEPARATOR, is_whole_week, relinked_events, representatives

    def expand(keys: list[str]) -> set[str]:
        return {*keys, *store.blocks_starting(b + SEPARATOR for b in keys if is_whole_week(b))}

    members, touched = store.block_events(expand(dirty))
    linked = {mid for e in touched for mid in e.mention_ids}
    in_blocks = {m.id: m for m in store.mentions_by_id(members)}
    new = [in_blocks[mid] for mid in sorted(members - linked) if mid in in_blocks]
    whole = store.block_events(expand(carried))[1] if carried else []
    headers = store.documents(ids=sorted({m.doc_id for m in in_blocks.values()}), text=False)
    met: dict[str, set[str]] = {}
    chosen = relinked_events(new, {e.id: [in_blocks[mid] for mid in e.mention_ids if mid in in_blocks] for e in touched},
                             kb=knowledge.actors, published={d.id: d.published for d in headers},
                             whole=[e.id for e in whole], evidence=met)
    previous = [e for e in touched if e.id in chosen]
    stored = {m.id: m for m in store.mentions_by_id(mid for e in previous for mid in e.mention_ids)}
    whole_ids = {e.id for e in whole}
    scope, held = list(new), {}
    for e in previous:
        members = [stored[mid] for mid in e.mention_ids if mid in stored]
        clustered, kept = (members, []) if e.id in whole_ids else representatives(members, met.get(e.id, ()))
        scope += clustered
        if kept:
            held[e.id] = kept
    return scope, previous, held


def _draw_blocks(doc_ids: list[str], *, store: Store, dirty: bool) -> None:
    """Put the mentions of ``doc_ids`` in their blocks (``link_blocks``), marking the blocks dirty if ``dirty``."""
    from .link.blocks import link_blocks

    for start in range(0, len(doc_ids), _BLOCK_BATCH):
        batch = doc_ids[start:start + _BLOCK_BATCH]
        headers = {d.id: d for d in store.documents(ids=batch, text=False)}
        by_doc: dict[str, list] = {d: [] for d in batch}
        for m in store.mentions_of(batch):
            by_doc[m.doc_id].append(m)
        blocks = {mid: keys for d, ms in by_doc.items() for mid, keys in
                  link_blocks(ms, published=headers[d].published if d in headers else None).items()}
        store.set_blocks(blocks, doc_ids=batch, dirty=dirty)


_BLOCK_BATCH = 500  # documents whose blocks are drawn in one read and one transaction


def delete(doc_ids: Iterable[str], *, store: Store, knowledge: "Knowledge") -> DeleteSummary:
    """Delete documents (by id or unique id prefix) with everything extracted from them, then re-link.

    Every prefix is checked before anything is deleted: one that matches no document or several is an
    ``InputError`` and nothing changes."""
    known = [d.id for d in store.documents()]
    chosen: list[str] = []
    for given in doc_ids:
        matches = [i for i in known if i.startswith(given)]
        if len(matches) != 1:
            what = "no document" if not matches else f"{len(matches)} documents"
            raise InputError(f"'{given}' matches {what}; give a longer id prefix (see 'lull docs').")
        chosen.append(matches[0])
    _draw_blocks(store.stale_block_documents(), store=store, dirty=False)  # so a deletion dirties its blocks
    for doc_id in chosen:
        store.delete_document(doc_id)
    return DeleteSummary(tuple(chosen), link(store=store, knowledge=knowledge))


def import_acled(path: Path, *, store: Store, knowledge: "Knowledge") -> "ImportSummary":
    """Import an ACLED export (events beside lull's, actors resolved with the knowledge's actor KB)."""
    from .ingest.acled import import_acled as read_into_store

    return read_into_store(path, store=store, kb=knowledge.actors)


def import_events(path: Path, *, store: Store, knowledge: "Knowledge") -> "ImportSummary":
    """Import a plain events CSV (``ingest/events_csv.py`` names its columns) as events of origin "csv",
    analysed like lull's own; actors resolved with the actor KB, places with the gazetteer."""
    from .ingest.events_csv import import_events_csv

    return import_events_csv(path, store=store, kb=knowledge.actors, gazetteer=knowledge.places)
