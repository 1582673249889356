"""Everything lull extracts from one document in one parse: event mentions, numeric claims,
quotes, explanations, and the rejections met on the way.

The spaCy pipeline (``nlp/pipeline.py``) does the work in its components; this
module streams documents through it and collects what the components wrote on
each Doc. Components that are not in the pipeline simply contribute nothing.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from ..records import Document, Explanation, Mention, NumericClaim, Quote, Rejection
from .events import _prepared

CLAIMS_VERSION = "claims-0.2.0"  # bump with any change to the claims rules (data/causes.yaml, patterns/speech.yaml, numbers.yaml)


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


def extract_documents(docs: Iterable[Document], *, nlp: Language, batch_size: int = 32) -> Iterator[Extraction]:
    """One ``Extraction`` per document, in input order, from a single pass of ``nlp.pipe``."""
    for doc, parsed in zip(docs, nlp.pipe((_prepared(d, nlp) for d in docs), batch_size=batch_size)):
        yield Extraction(
            doc_id=doc.id,
            mentions=_collected(parsed, "lull_mentions"),
            numeric_claims=_collected(parsed, "lull_numeric_claims"),
            quotes=_collected(parsed, "lull_quotes"),
            explanations=_collected(parsed, "lull_explanations"),
            rejections=_collected(parsed, "lull_rejections"),
        )
