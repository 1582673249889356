"""Route each input (path, directory, ``-``, URL, URL list) to the reader its content needs.

This is the only ingest module that knows every reader; the readers
themselves take bytes or text and know nothing of where they came from.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..records import DateSpan, Document, Rejection, RejectionReason
from ..settings import Settings
from .base import guarded, reject
from .boilerplate import BoilerplateRules
from .feeds import FollowLink, read_feed
from .files import read_file, read_stream, walk
from .html import read_html
from .jsonl import read_jsonl
from .sniff import markup_kind, sniff
from .text import decode_bytes, read_text
from .urls import Fetched, fetch

_HTTP = re.compile(r"https?://", re.IGNORECASE)
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"})
_JSON_TYPES = frozenset({"application/json", "application/x-ndjson", "application/jsonl"})

Item = Document | Rejection


@dataclass(frozen=True, slots=True)
class Context:
    """What every reader call needs, gathered once per ``read_inputs`` call."""

    settings: Settings
    rules: BoilerplateRules
    published: DateSpan | None = None  # the user's --published, overrides every other date


def read_input(item: str, ctx: Context, stdin: BinaryIO | None) -> Iterator[Item]:
    """All documents and rejections one command-line input gives; never raises (see ``base.guarded``)."""
    yield from guarded(item or "''", _read_input(item, ctx, stdin))


def _read_input(item: str, ctx: Context, stdin: BinaryIO | None) -> Iterator[Item]:
    if not item.strip():
        yield reject(repr(item), RejectionReason.NOT_FOUND, f"{item!r}: an empty input names no file; give a path, a URL or -.")
        return
    if item == "-":
        if stdin is None:
            yield reject("<stdin>", RejectionReason.UNREADABLE, "<stdin>: '-' was given but no standard input is available; pipe the text in.")
            return
        raw = read_stream(stdin, max_bytes=ctx.settings.max_bytes, label="<stdin>")
        yield from (_as_items(raw) if isinstance(raw, Rejection) else read_blob(raw, locator="<stdin>", ctx=ctx))
        return
    if _HTTP.match(item):
        yield from read_url(item, ctx)
        return
    path = Path(item)
    if _SCHEME.match(item) and not path.exists():
        yield reject(item, RejectionReason.INVALID_URL, f"'{item}' is not an http(s) URL; use http:// or https://.")
        return
    if path.is_dir():
        seen = 0
        for found in walk(path):
            seen += 1
            yield from (_as_items(found) if isinstance(found, Rejection) else guarded(str(found), _read_path(found, ctx)))
        if not seen:
            yield reject(item, RejectionReason.EMPTY, f"{item}: the folder holds no files to read; check the path.")
        return
    yield from _read_path(path, ctx)


def _as_items(rejection: Rejection) -> Iterator[Item]:
    yield rejection


def _read_path(path: Path, ctx: Context) -> Iterator[Item]:
    raw = read_file(path, max_bytes=ctx.settings.max_bytes)
    if isinstance(raw, Rejection):
        yield raw
        return
    yield from read_blob(raw, locator=str(path), ctx=ctx)


def read_blob(raw: bytes, *, locator: str, ctx: Context, url: str | None = None, kind: str | None = None) -> Iterator[Item]:
    """Dispatch bytes to the reader for their (sniffed or given) kind."""
    kind = kind or sniff(raw, name=locator)
    if kind == "html":
        yield read_html(raw, locator=locator, url=url, rules=ctx.rules, override=ctx.published)
    elif kind == "feed":
        yield from read_feed(raw, locator=locator, rules=ctx.rules, follow=_follower(ctx) if ctx.settings.follow_links else None, override=ctx.published)
    elif kind == "jsonl":
        text = decode_bytes(raw)
        if text is None:
            yield reject(locator, RejectionReason.UNDECODABLE, f"{locator}: the JSONL is not valid UTF-8; re-save it as UTF-8.")
        else:
            yield from read_jsonl(text, name=locator, rules=ctx.rules, override=ctx.published)
    elif kind == "urls":
        yield from _read_url_list(raw, locator=locator, ctx=ctx)
    else:
        yield read_text(raw, locator=locator, rules=ctx.rules, url=url, override=ctx.published)


def _read_url_list(raw: bytes, *, locator: str, ctx: Context) -> Iterator[Item]:
    for line_no, line in enumerate(raw.decode("utf-8", errors="replace").splitlines(), start=1):
        address = line.strip()
        if address and not address.startswith("#"):
            yield from read_url(address, ctx, label=f"{locator} line {line_no}")


def _fetched_kind(fetched: Fetched) -> str:
    """Markup in the body decides first; then the declared media type. Fetched
    text is never treated as a URL list (no fetching chains from the web)."""
    found = markup_kind(fetched.body)
    if found:
        return found
    if fetched.media_type in _HTML_TYPES:
        return "html"
    if fetched.media_type in _FEED_TYPES:
        return "feed"
    if fetched.media_type in _JSON_TYPES:
        return "jsonl"
    kind = sniff(fetched.body, name=fetched.url, allow_url_list=False)
    return "text" if kind == "urls" else kind


def _body(fetched: Fetched) -> bytes:
    """Re-encode the body as UTF-8 when the server named its charset and it fits."""
    if not fetched.charset or fetched.charset in ("utf-8", "utf8"):
        return fetched.body
    try:
        return fetched.body.decode(fetched.charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return fetched.body


def read_url(url: str, ctx: Context, label: str | None = None) -> Iterator[Item]:
    """Fetch ``url`` and read what came back; every failure is a Rejection."""
    fetched = fetch(url, settings=ctx.settings, label=label)
    if isinstance(fetched, Rejection):
        yield fetched
        return
    yield from read_blob(_body(fetched), locator=url, ctx=ctx, url=fetched.url, kind=_fetched_kind(fetched))


def _follower(ctx: Context) -> FollowLink:
    """The link-following function handed to the feed reader (pages must be HTML)."""

    def follow(link: str, locator: str) -> Item:
        fetched = fetch(link, settings=ctx.settings, label=f"{locator} link")
        if isinstance(fetched, Rejection):
            return fetched
        if _fetched_kind(fetched) != "html":
            return reject(locator, RejectionReason.CONTENT_TYPE, f"{locator} link: {link} is not an HTML page ({fetched.media_type or 'no type'}); the entry summary is used instead.")
        return read_html(_body(fetched), locator=locator, url=fetched.url, rules=ctx.rules, override=ctx.published)

    return follow

