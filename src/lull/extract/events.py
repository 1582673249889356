"""Document -> event mentions, through a pipeline that has the ``lull_events`` component.

``extract_mentions`` codes one document; ``extract_many`` streams many through
``nlp.pipe`` (batched, so it runs at spaCy speed). Both are pure: the same
document and pipeline give the same mentions with the same ids. The store
re-extracts every document when ``EXTRACTOR_VERSION`` changes, so bump it with
any change to the rules (data/patterns/events.yaml) or to the mechanisms.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError
from ..records import Document, Mention, Rejection

EXTRACTOR_VERSION = "events-0.3.2"


def extract_mentions(doc: Document, *, nlp: Language) -> list[Mention | Rejection]:
    """The event mentions of one document, then the rejections met (unresolved places)."""
    return next(extract_many([doc], nlp=nlp, batch_size=1))


def extract_many(docs: Iterable[Document], *, nlp: Language, batch_size: int = 32) -> Iterator[list[Mention | Rejection]]:
    """One list of mentions and rejections per document, in input order."""
    if "lull_events" not in nlp.pipe_names:
        raise ConfigError("the spaCy pipeline has no 'lull_events' component; build it with "
                          "lull.nlp.pipeline.build_pipeline(settings, kb=..., gazetteer=...).")
    for parsed in nlp.pipe((_prepared(doc, nlp) for doc in docs), batch_size=batch_size):
        yield [*parsed._.lull_mentions, *parsed._.lull_rejections]


def _prepared(doc: Document, nlp: Language) -> Doc:
    """A tokenized Doc that carries the document id and publication date into the pipeline."""
    spacy_doc = nlp.make_doc(doc.text)
    spacy_doc._.lull_doc_id = doc.id
    spacy_doc._.lull_published = doc.published
    return spacy_doc
