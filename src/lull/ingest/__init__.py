"""The ingest stage: inputs (files, folders, stdin, URLs, URL lists) -> ``Document | Rejection``.

Public API::

    read_inputs(inputs, *, settings, published=None, stdin=None) -> Iterator[Document | Rejection]
    read_html(raw, *, locator, url=None) -> Document | Rejection
    doc_id(text) -> str

Bad input never raises: it becomes a ``Rejection`` (stage "ingest") whose
message names the input and the fix. Nothing here writes to the store.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

from ..records import DateSpan, Document, Rejection
from ..settings import Settings
from .base import doc_id
from .boilerplate import default_rules
from .html import read_html
from .sources import Context, read_input

__all__ = ["doc_id", "read_html", "read_inputs"]


def read_inputs(
    inputs: Iterable[str],
    *,
    settings: Settings,
    published: DateSpan | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | Rejection]:
    """Every Document and Rejection the inputs give, in input order.

    Each input is a file path, a directory (read recursively, sorted, each file
    sniffed by content), ``-`` for ``stdin``, an http(s) URL, or a URL-list file.
    ``published`` (the user's --published) overrides every other date."""
    ctx = Context(settings=settings, rules=default_rules(), published=published)
    for item in inputs:
        yield from read_input(item, ctx, stdin)
