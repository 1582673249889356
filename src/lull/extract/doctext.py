"""A parsed Doc's text, computed once per document.

spaCy rebuilds ``Doc.text`` by joining every token on each access; the
extractors slice the text many times per sentence, so they read it through
``text_of``, which keeps it in ``doc.user_data`` (tokens never change after
tokenisation, so the cache cannot go stale).
"""
from __future__ import annotations

from spacy.tokens import Doc

_KEY = "lull_text"


def text_of(doc: Doc) -> str:
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
