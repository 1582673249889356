"""The one way into extraction: Documents -> everything lull extracts from each in one parse (event
mentions, numeric claims, quotes, explanations, and the rejections met on the way).

The spaCy pipeline (``nlp/pipeline.py``) does the work in its components; this
module streams documents through it and collects what the components wrote on
each Doc. Components that are not in the pipeline simply contribute nothing.

A component that fails on a document is caught by spaCy's own error handler
(``Language.default_error_handler``): spaCy drops the Doc from the stream, the handler
keeps it with the error, and the Doc is sent on through the components after the
failing one, so it loses only that component's results; the error becomes a
Rejection (reason ``extractor_error``) that names the document.
``run.extract``, the tests and the benchmarks all call ``extract_documents``
(or ``extract_document`` for one), so they measure the path production uses.

The store re-extracts every document when ``EXTRACTOR_VERSION`` or
``CLAIMS_VERSION`` changes: bump them with any change to the rules
(data/patterns/*.yaml, data/causes.yaml) or to the mechanisms.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import raise_error

from ..errors import ConfigError
from ..records import Document, Explanation, Mention, NumericClaim, Quote, Rejection, RejectionReason
from ..vocabulary import Stage
from .events.aggregates import link_counts

EXTRACTOR_VERSION = "events-0.7.0"  # bump with any change to the event rules (data/patterns/events.yaml) or coder

CLAIMS_VERSION = "claims-0.7.0"  # bump with any change to the claims rules (data/causes.yaml, patterns/speech.yaml, numbers.yaml)


@dataclass(frozen=True, slots=True)
class Extraction:
    doc_id: str
    mentions: tuple[Mention, ...] = ()
    numeric_claims: tuple[NumericClaim, ...] = ()
    quotes: tuple[Quote, ...] = ()
    explanations: tuple[Explanation, ...] = ()
    rejections: tuple[Rejection, ...] = ()


def _collected(parsed: Doc, name: str) -> tuple:
    return tuple(getattr(parsed._, name, None) or ()) if parsed.has_extension(name) else ()


def _error_rejection(doc: Document, name: str, error: Exception) -> Rejection:
    return Rejection(doc.locator, Stage.EXTRACT, RejectionReason.EXTRACTOR_ERROR,
                     f"{doc.locator}: the {name} component failed on this document ({type(error).__name__}: "
                     f"{error}); its other results are stored. This is a bug in lull: please report it with the "
                     "document.", doc.id)


class _KeepFailures:
    """A spaCy error handler: instead of raising, keep each failed Doc (as it was before the failing
    component) with the component's name and the error."""

    def __init__(self) -> None:
        self.failed: list[tuple[Doc, str, Exception]] = []

    def __call__(self, proc_name: str, proc: object, docs: list[Doc], error: Exception) -> None:
        self.failed.extend((doc, proc_name, error) for doc in docs)


def extract_documents(docs: Iterable[Document], *, nlp: Language, batch_size: int = 32) -> Iterator[Extraction]:
    """One ``Extraction`` per document, in input order, parsed ``batch_size`` documents at a time.

    Nothing about one document stops the others: a component that fails on it
    becomes a Rejection (reason ``extractor_error``) and every other component's
    results for that document are kept; a text longer than the model's
    ``max_length`` is a Rejection (``too_large``); a fault inside the trained
    model on one document of a batch makes the batch parse one by one, and that
    document alone becomes an ``extractor_error``. Records with the same id (two
    speech cues finding the same quote) are one record."""
    if "lull_events" not in nlp.pipe_names:
        raise ConfigError("the spaCy pipeline has no 'lull_events' component; build it with "
                          "lull.nlp.pipeline.build_pipeline(settings, knowledge=...).")
    docs = list(docs)
    handler = _KeepFailures()
    # spaCy's error handler for every component without its own: lull's components and function components.
    # (``nlp.set_error_handler`` would also hand it to the model's pipes, which spaCy 3.8's compiled parser
    # refuses with an AttributeError; a failure inside the trained model is caught per batch below.)
    nlp.default_error_handler = handler
    try:
        for start in range(0, len(docs), batch_size):
            yield from _extract_batch(docs[start:start + batch_size], nlp, handler, batch_size)
    finally:
        nlp.default_error_handler = raise_error


def _extract_batch(batch: list[Document], nlp: Language, handler: _KeepFailures, batch_size: int) -> list[Extraction]:
    out = {i: _too_long(d, nlp) for i, d in enumerate(batch) if len(d.text) > nlp.max_length}
    fits = [i for i in range(len(batch)) if i not in out]
    try:
        for parsed in _parse(nlp, (_prepared(batch[i], nlp, i) for i in fits), handler, batch_size):
            out[parsed.user_data[_INDEX]] = _extraction(batch[parsed.user_data[_INDEX]], parsed)
    except Exception:  # noqa: BLE001 - a fault in the model on one document: parse one by one to find it
        for i in fits:
            handler.failed.clear()
            try:
                for parsed in _parse(nlp, [_prepared(batch[i], nlp, i)], handler, 1):
                    out[i] = _extraction(batch[i], parsed)
            except Exception as error:  # noqa: BLE001 - this document alone is lost, and said so
                out[i] = Extraction(batch[i].id, rejections=(_error_rejection(batch[i], "spaCy model", error),))
    return [out[i] for i in range(len(batch))]


def _parse(nlp: Language, prepared: Iterable[Doc], handler: _KeepFailures, batch_size: int) -> Iterator[Doc]:
    """Every Doc through the pipeline; a Doc that a component failed on goes on with the next component."""
    names = nlp.pipe_names
    for parsed in nlp.pipe(prepared, batch_size=batch_size):
        yield parsed
        yield from _resumed(nlp, handler, names)
    yield from _resumed(nlp, handler, names)


def _resumed(nlp: Language, handler: _KeepFailures, names: list[str]) -> Iterator[Doc]:
    while handler.failed:
        doc, name, error = handler.failed.pop(0)
        doc.user_data.setdefault(_ERRORS, []).append((name, error))
        yield from nlp.pipe([doc], disable=names[:names.index(name) + 1])


def _too_long(doc: Document, nlp: Language) -> Extraction:
    return Extraction(doc.id, rejections=(Rejection(
        doc.locator, Stage.EXTRACT, RejectionReason.TOO_LARGE,
        f"{doc.locator}: the text is {len(doc.text):,} characters, over the {nlp.max_length:,} the language model "
        f"parses at once; nothing was extracted from it. Split it into articles and ingest them, then 'lull delete "
        f"{doc.id[:10]}'.", doc.id),))


def _extraction(doc: Document, parsed: Doc) -> Extraction:
    errors = [_error_rejection(doc, name, error) for name, error in parsed.user_data.get(_ERRORS, ())]
    claims = _unique(_collected(parsed, "lull_numeric_claims"))
    mentions = _unique(_collected(parsed, "lull_mentions"))
    try:
        mentions = tuple(link_counts(mentions, claims))
    except Exception as error:  # noqa: BLE001 - the mentions are kept without their counts
        errors.append(_error_rejection(doc, "link_counts", error))
    return Extraction(
        doc_id=doc.id,
        mentions=mentions,
        numeric_claims=claims,
        quotes=_unique(_collected(parsed, "lull_quotes")),
        explanations=_unique(_collected(parsed, "lull_explanations")),
        rejections=_collected(parsed, "lull_rejections") + tuple(errors),
    )


def _unique(records: tuple) -> tuple:
    """The first record of each id: an id is a hash of where and what (document, offsets, kind, rule), so two
    records with one id are one fact found twice, never two facts."""
    seen: dict[str, object] = {}
    for r in records:
        seen.setdefault(r.id, r)
    return tuple(seen.values())


def extract_document(doc: Document, *, nlp: Language) -> Extraction:
    """Everything extracted from one document (``extract_documents`` with a batch of one)."""
    with closing(extract_documents([doc], nlp=nlp, batch_size=1)) as found:
        return next(found)


_INDEX, _ERRORS = "lull_index", "lull_errors"  # Doc.user_data keys: input position, component failures


def _prepared(doc: Document, nlp: Language, index: int) -> Doc:
    """A tokenized Doc that carries the document id, publication date and input position into the pipeline."""
    spacy_doc = nlp.make_doc(doc.text)
    spacy_doc._.lull_doc_id = doc.id
    spacy_doc._.lull_published = doc.published
    spacy_doc.user_data[_INDEX] = index
    return spacy_doc
