"""RSS and Atom feeds through feedparser: one Document per entry.

Following entry links is optional and injected as a function (``follow``), so
this module never fetches by itself and stays testable without a network.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date

import feedparser

from ..records import DateSpan, Document, Rejection, RejectionReason
from .base import Hints, build_document, guarded, reject, web_url
from .boilerplate import BoilerplateRules
from .html import html_fragment_text

FollowLink = Callable[[str, str], Document | Rejection]
"""(link, locator) -> the linked page as a Document, or why it could not be read."""


def _entry_date(entry: feedparser.FeedParserDict) -> DateSpan | None:
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return DateSpan.day(date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday), "page-metadata")
    except ValueError:
        return None


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    """The fullest body the entry carries: content, else summary, HTML stripped."""
    contents = entry.get("content") or []
    values = [c.get("value", "") for c in contents if c.get("value")]
    body = max(values, key=len) if values else entry.get("summary", "")
    return html_fragment_text(body)


_CHARREF = re.compile(rb"&#([xX][0-9a-fA-F]{1,12}|[0-9]{1,12});")


def _valid_charref(m: re.Match[bytes]) -> bytes:
    """A character reference to a surrogate, NUL or past U+10FFFF (feedparser raises on them) becomes U+FFFD."""
    ref = m.group(1)
    code = int(ref[1:], 16) if ref[:1] in (b"x", b"X") else int(ref)
    return m.group() if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else b"&#xFFFD;"


def read_feed(
    raw: bytes,
    *,
    locator: str,
    rules: BoilerplateRules,
    follow: FollowLink | None = None,
    override: DateSpan | None = None,
) -> Iterator[Document | Rejection]:
    """Each entry of an RSS/Atom feed as a Document (locator "feed.xml#N", N from 1).

    With ``follow``, an entry's link is fetched and its extracted page text is
    used; if that fails the Rejection is yielded and the entry's own summary is
    used instead, so nothing the feed carried is lost."""
    parsed = feedparser.parse(_CHARREF.sub(_valid_charref, raw))
    if not parsed.entries:
        if parsed.bozo:
            problem = getattr(parsed.get("bozo_exception"), "getMessage", lambda: str(parsed.get("bozo_exception")))()
            yield reject(locator, RejectionReason.MALFORMED_FEED, f"{locator}: this is not an RSS or Atom feed ({problem}); check the address or the file.")
        else:
            yield reject(locator, RejectionReason.EMPTY, f"{locator}: the feed has no entries; try again when it has some.")
        return
    outlet = parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, start=1):
        yield from guarded(f"{locator}#{n}", _read_entry(entry, locator=f"{locator}#{n}", outlet=outlet, rules=rules,
                                                        follow=follow, override=override))


def _read_entry(
    entry: feedparser.FeedParserDict,
    *,
    locator: str,
    outlet: str | None,
    rules: BoilerplateRules,
    follow: FollowLink | None,
    override: DateSpan | None,
) -> Iterator[Document | Rejection]:
    link = web_url(entry.get("link"))  # a javascript: or data: link is neither followed nor stored
    hints = Hints(
        title=html_fragment_text(entry.get("title", "")).strip() or None,
        author=entry.get("author") or None,
        outlet=outlet,
        url=link,
        published=_entry_date(entry),
    )
    if follow is not None and link:
        page = follow(link, locator)
        if isinstance(page, Document):
            yield replace(
                page,
                locator=locator,
                content_type="feed-entry",
                title=hints.title or page.title,
                author=hints.author or page.author,
                outlet=hints.outlet or page.outlet,
                url=web_url(link) or page.url,
                published=page.published if override or not hints.published else hints.published,
            )
            return
        yield page
    text = _entry_text(entry)
    if not text.strip():
        yield reject(locator, RejectionReason.NO_TEXT, f"{locator}: the entry has no content or summary; use follow_links to fetch its page.")
        return
    yield build_document(text, locator=locator, content_type="feed-entry", rules=rules, hints=hints, override=override)
