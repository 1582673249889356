"""Shared mechanics of every reader: text normalisation, document ids, building a ``Document``.

Every reader (plain text, HTML, feed entry, JSONL line) ends in
:func:`build_document`, so boilerplate removal, the publication-date chain,
language and outlet detection behave the same whatever the source format.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..records import DateSpan, Document, Rejection, RejectionReason
from ..sanitize import scrub, scrub_optional
from ..vocabulary import Stage
from .boilerplate import BoilerplateRules, find_outlet, strip_boilerplate
from .metadata import (
    detect_language,
    find_dateline,
    infer_date_from_text,
    url_date,
)

STAGE = Stage.INGEST
MAX_CHARS = 1_000_000  # what spaCy parses in one go (its max_length); a longer text is rejected, never stored
_WEB_URL = re.compile(r"https?://[^\s]+\Z", re.IGNORECASE)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_HSPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_RUNS = re.compile(r"\n{3,}")
_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Hints:
    """What a reader learnt about a document besides its text (all optional).

    ``published`` is a date from page or feed metadata (basis "page-metadata");
    ``stated_published`` is a date stated by the user for this item (a JSONL
    field, basis "user"), which ranks below the page, dateline and URL dates."""

    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    published: DateSpan | None = None
    stated_published: DateSpan | None = None


def clean_lines(text: str) -> str:
    """NFC-normalise, unify line ends, drop control characters, trim each line.

    Keeps every line (blank ones too), so line numbers still match the input
    and a ``Removal.line_no`` can be found in the original file."""
    text = unicodedata.normalize("NFC", scrub(text).replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    return "\n".join(_HSPACE.sub(" ", line).strip() for line in text.split("\n"))


def normalise_text(text: str) -> str:
    """``clean_lines``, then at most one blank line in a row and no blank ends.

    Later stages keep character offsets into ``Document.text``, so this is the
    one place the text changes shape; it never reorders or rewrites words."""
    return _BLANK_RUNS.sub("\n\n", clean_lines(text)).strip()


def doc_id(text: str) -> str:
    """First 20 hex digits of the sha256 of the NFC, whitespace-collapsed, casefolded text.

    Two copies of an article that differ only in spacing or case get one id,
    which is what makes re-ingesting the same article an idempotent upsert."""
    key = _WS.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def reject(input_: str, reason: RejectionReason, message: str) -> Rejection:
    """A Rejection from the ingest stage (lone surrogates in a file name or message become U+FFFD)."""
    return Rejection(input=scrub(input_), stage=STAGE, reason=reason, message=scrub(message))


def failed(input_: str, error: BaseException) -> Rejection:
    """The Rejection standing for an unexpected exception while reading ``input_`` (a bug, but one input's)."""
    return reject(input_, RejectionReason.READER_ERROR, f"{input_}: lull failed while reading it ({type(error).__name__}: "
                  f"{str(error)[:200]}); the other inputs were read. This is a bug in lull: please report it with the input.")


def guarded(input_: str, items: Iterator[Document | Rejection]) -> Iterator[Document | Rejection]:
    """``items`` as they come; an exception raised while producing them ends this input with a Rejection naming it
    (the one guard of the ingest stage: a reader's bug costs one input, never the run)."""
    try:
        yield from items
    except (Exception, RecursionError, MemoryError) as error:  # noqa: BLE001 - one input's fault must not stop the run
        yield failed(input_, error)


def web_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else None: a ``javascript:`` or ``data:`` link is never stored."""
    url = scrub_optional(url)
    return url.strip() if url and _WEB_URL.match(url.strip()) else None


def guess_title(text: str) -> str | None:
    """A short first line without a final period reads as a title (plain text only).

    A one- or two-word first line ("Iraq") is a section label; then the next
    non-blank line may be the title. The title stays in the text."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:  # a one-line document is its own body, not a title
        return None
    for line in lines[:2]:
        words = line.split()
        if len(words) <= 2:
            continue
        if len(line) <= 150 and len(words) <= 20 and not line.endswith((".", ",", ";", ":")):
            return line
        return None
    return None


def choose_published(
    text: str, raw_text: str, hints: Hints, override: DateSpan | None
) -> DateSpan | None:
    """Pick the publication date by the basis order: what the user states (the
    --published flag, then a JSONL "published" field) > page metadata > dateline
    > URL > text-inferred lower bound.

    The text-inferred bound reads ``raw_text`` (before boilerplate removal): a
    dated photo caption is still evidence the article is no older than it."""
    for stated in (override, hints.stated_published, hints.published):
        if stated is not None:
            return stated
    found = find_dateline(text)
    if found is None and hints.url:
        found = url_date(hints.url)
    return found if found is not None else infer_date_from_text(raw_text)


def build_document(
    raw_text: str,
    *,
    locator: str,
    content_type: str,
    rules: BoilerplateRules,
    hints: Hints = Hints(),
    override: DateSpan | None = None,
) -> Document | Rejection:
    """Clean ``raw_text`` and wrap it as a Document with its metadata, or reject it as empty."""
    lines = clean_lines(raw_text)
    if not lines.strip():
        return reject(locator, RejectionReason.EMPTY, f"{locator}: there is no text in it; remove it from the inputs or fill it.")
    text, removed = strip_boilerplate(lines, rules)
    if not text:
        return reject(
            locator,
            RejectionReason.NO_TEXT,
            f"{locator}: every line is boilerplate ({', '.join(sorted({r.reason for r in removed}))}); "
            "check the input or the rules in data/boilerplate.yaml.",
        )
    if len(text) > MAX_CHARS:
        return reject(locator, RejectionReason.TOO_LARGE, f"{locator}: the text is {len(text):,} characters, over the "
                      f"{MAX_CHARS:,} the language model parses at once; split it into articles.")
    title = scrub_optional(hints.title) or (guess_title(text) if content_type == "text" else None)
    outlet = scrub_optional(hints.outlet) or (find_outlet(lines, rules) if content_type == "text" else None)
    url = web_url(hints.url)
    hints = replace(hints, url=url)
    return Document(
        id=doc_id(text),
        text=text,
        locator=scrub(locator),
        title=title,
        author=scrub_optional(hints.author),
        outlet=outlet,
        url=url,
        language=detect_language(text) or hints.language,
        published=choose_published(text, lines, hints, override),
        content_type=content_type,
        removed=removed,
    )
