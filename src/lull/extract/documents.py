"""The one way into extraction: Documents -> everything lull extracts from each in one parse (event
mentions, numeric claims, quotes, explanations, and the rejections met on the way).

The spaCy pipeline (``nlp/pipeline.py``) does the work in its components; this
module streams documents through it and collects what the components wrote on
each Doc. Components that are not in the pipeline simply contribute nothing.
``run.extract``, the tests and the benchmarks all call ``extract_documents``
(or ``extract_document`` for one), so they measure the path production uses.

The store re-extracts every document when ``EXTRACTOR_VERSION`` or
``CLAIMS_VERSION`` changes: bump them with any change to the rules
(data/patterns/*.yaml, data/causes.yaml) or to the mechanisms.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError
from ..records import Document, Explanation, Mention, NumericClaim, Quote, Rejection, RejectionReason
from ..vocabulary import Stage
from .events.aggregates import link_counts

EXTRACTOR_VERSION = "events-0.4.0"  # bump with any change to the event rules (data/patterns/events.yaml) or coder

CLAIMS_VERSION = "claims-0.4.0"  # bump with any change to the claims rules (data/causes.yaml, patterns/speech.yaml, numbers.yaml)


@dataclass(frozen=True, slots=True)
class Extraction:
    doc_id: str
    mentions: tuple[Mention, ...] = ()
    numeric_claims: tuple[NumericClaim, ...] = ()
    quotes: tuple[Quote, ...] = ()
    explanations: tuple[Explanation, ...] = ()
    rejections: tuple[Rejection, ...] = ()


def _collected(parsed, name: str) -> tuple:
    return tuple(getattr(parsed._, name, None) or ()) if parsed.has_extension(name) else ()


def _error_rejection(doc: Document, name: str, error: Exception) -> Rejection:
    return Rejection(doc.locator, Stage.EXTRACT, RejectionReason.EXTRACTOR_ERROR,
                     f"{doc.locator}: the {name} component failed on this document ({type(error).__name__}: "
                     f"{error}); its other results are stored. This is a bug in lull: please report it with the "
                     "document.", doc.id)


def _split(nlp: Language) -> list[tuple[str, object]]:
    """The components after the model's last batched (trained) pipe: lull's own, run one document at a time."""
    last_batched = max((i for i, (_, proc) in enumerate(nlp.pipeline) if hasattr(proc, "pipe")), default=-1)
    return nlp.pipeline[last_batched + 1:]


def extract_documents(docs: Iterable[Document], *, nlp: Language, batch_size: int = 32) -> Iterator[Extraction]:
    """One ``Extraction`` per document, in input order, parsed ``batch_size`` documents at a time.

    Nothing about one document stops the others: a text longer than the model's
    ``max_length`` is a Rejection (reason ``too_large``); if parsing a batch
    fails, its documents are parsed one by one and the one that fails becomes a
    Rejection (reason ``extractor_error``); a lull component that fails on one
    document becomes such a Rejection too, and every other component's results
    for that document are kept. Records with the same id (two cues finding the
    same quote) are one record."""
    if "lull_events" not in nlp.pipe_names:
        raise ConfigError("the spaCy pipeline has no 'lull_events' component; build it with "
                          "lull.nlp.pipeline.build_pipeline(settings, knowledge=...).")
    docs = list(docs)
    tail = _split(nlp)
    disabled = [name for name, _ in tail]
    for start in range(0, len(docs), batch_size):
        batch = docs[start:start + batch_size]
        for doc, parsed in zip(batch, _parse(batch, nlp, disabled), strict=True):
            yield parsed if isinstance(parsed, Extraction) else _finish(doc, parsed, tail)


def _parse(batch: list[Document], nlp: Language, disabled: list[str]) -> list[object]:
    """A parsed spaCy Doc, or an Extraction holding only the Rejection, for each document of ``batch``."""
    fits = [d for d in batch if len(d.text) <= nlp.max_length]
    try:
        parsed = iter(list(nlp.pipe((_prepared(d, nlp) for d in fits), batch_size=max(len(fits), 1), disable=disabled)))
        return [next(parsed) if len(d.text) <= nlp.max_length else _too_long(d, nlp) for d in batch]
    except Exception:  # noqa: BLE001 - find the one document that fails; the others are parsed again alone
        return [_parse_one(d, nlp, disabled) for d in batch]


def _parse_one(doc: Document, nlp: Language, disabled: list[str]) -> object:
    if len(doc.text) > nlp.max_length:
        return _too_long(doc, nlp)
    try:
        return nlp(_prepared(doc, nlp), disable=disabled)
    except Exception as error:  # noqa: BLE001 - one document's failure must not stop the batch
        return Extraction(doc.id, rejections=(_error_rejection(doc, "spaCy parser", error),))


def _too_long(doc: Document, nlp: Language) -> Extraction:
    return Extraction(doc.id, rejections=(Rejection(
        doc.locator, Stage.EXTRACT, RejectionReason.TOO_LARGE,
        f"{doc.locator}: the text is {len(doc.text):,} characters, over the {nlp.max_length:,} the language model "
        f"parses at once; nothing was extracted from it. Split it into articles and ingest them, then 'lull delete "
        f"{doc.id[:10]}'.", doc.id),))


def _finish(doc: Document, parsed, tail: list[tuple[str, object]]) -> Extraction:
    errors = []
    for name, proc in tail:
        try:
            parsed = proc(parsed)
        except Exception as error:  # noqa: BLE001 - one component's bug must not lose the document
            errors.append(_error_rejection(doc, name, error))
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
    return next(extract_documents([doc], nlp=nlp, batch_size=1))


def _prepared(doc: Document, nlp: Language) -> Doc:
    """A tokenized Doc that carries the document id and publication date into the pipeline."""
    spacy_doc = nlp.make_doc(doc.text)
    spacy_doc._.lull_doc_id = doc.id
    spacy_doc._.lull_published = doc.published
    return spacy_doc
