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

EXTRACTOR_VERSION = "events-0.4.1"  # bump with any change to the event rules (data/patterns/events.yaml) or coder

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
    """One ``Extraction`` per document, in input order, from a single pass of ``nlp.pipe``.

    A component that fails on one document does not stop the run: the failure
    becomes a Rejection (reason ``extractor_error``) and every other component's
    results for that document are kept."""
    if "lull_events" not in nlp.pipe_names:
        raise ConfigError("the spaCy pipeline has no 'lull_events' component; build it with "
                          "lull.nlp.pipeline.build_pipeline(settings, knowledge=...).")
    docs = list(docs)
    tail = _split(nlp)
    parsed_docs = nlp.pipe((_prepared(d, nlp) for d in docs), batch_size=batch_size,
                           disable=[name for name, _ in tail])
    for doc, parsed in zip(docs, parsed_docs, strict=True):
        errors = []
        for name, proc in tail:
            try:
                parsed = proc(parsed)
            except Exception as error:  # noqa: BLE001 - one component's bug must not lose the document
                errors.append(_error_rejection(doc, name, error))
        claims = _collected(parsed, "lull_numeric_claims")
        yield Extraction(
            doc_id=doc.id,
            mentions=tuple(link_counts(_collected(parsed, "lull_mentions"), claims)),
            numeric_claims=claims,
            quotes=_collected(parsed, "lull_quotes"),
            explanations=_collected(parsed, "lull_explanations"),
            rejections=_collected(parsed, "lull_rejections") + tuple(errors),
        )


def extract_document(doc: Document, *, nlp: Language) -> Extraction:
    """Everything extracted from one document (``extract_documents`` with a batch of one)."""
    return next(extract_documents([doc], nlp=nlp, batch_size=1))


def _prepared(doc: Document, nlp: Language) -> Doc:
    """A tokenized Doc that carries the document id and publication date into the pipeline."""
    spacy_doc = nlp.make_doc(doc.text)
    spacy_doc._.lull_doc_id = doc.id
    spacy_doc._.lull_published = doc.published
    return spacy_doc
