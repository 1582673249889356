"""HTML pages: main text and metadata through trafilatura, then the shared Document build.

``read_html`` is public: benchmark scripts call it directly on raw pages, so it
takes only the page and where it came from, and never raises for bad HTML.
"""
from __future__ import annotations

import re

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from ..records import DateSpan, Document, Rejection, RejectionReason
from .base import Hints, build_document, reject
from .boilerplate import BoilerplateRules, default_rules
from .metadata import parse_iso_date

# Fewer words than this is a navigation crumb or a cookie notice, not an article.
MIN_WORDS = 5
_CLOSING_TAG = re.compile(rb"</(html|body)\s*>\s*\Z", re.IGNORECASE)
_LANG = re.compile(r"[A-Za-z]{2,3}")
_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "pre", "dd", "dt")


def _as_bytes(raw: bytes | str) -> bytes:
    return raw.encode("utf-8") if isinstance(raw, str) else raw


def _looks_truncated(raw: bytes) -> bool:
    """A page whose markup does not end with </body> or </html> was cut off in transit."""
    return _CLOSING_TAG.search(raw[-2048:].strip()) is None


def _page_language(tree: lxml_html.HtmlElement) -> str | None:
    """The two-letter code from <html lang="en-US">, if declared."""
    root = tree.getroottree().getroot()
    declared = (root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
    match = _LANG.match(declared)
    return match.group(0).lower()[:2] if match else None


def read_html(
    raw: bytes | str,
    *,
    locator: str,
    url: str | None = None,
    rules: BoilerplateRules | None = None,
    override: DateSpan | None = None,
    stated: Hints | None = None,
    content_type: str = "html",
) -> Document | Rejection:
    """Extract the article from one HTML page.

    Main text, title, author, site name (-> ``outlet``), language and the page
    date (-> ``published`` with basis "page-metadata") come from trafilatura,
    comments excluded and tables included. ``stated`` carries what the caller
    was told about the page (a JSONL record's title, outlet, date): its fields
    win over the page's, except that a page date outranks a stated one. Truncated or garbage markup with
    nothing to extract becomes a ``Rejection`` (MALFORMED_HTML or NO_TEXT)."""
    data = _as_bytes(raw)
    if not data.strip():
        return reject(locator, RejectionReason.EMPTY, f"{locator}: the page is empty; remove it from the inputs.")
    tree = trafilatura.load_html(data)
    if tree is None:
        return reject(locator, RejectionReason.MALFORMED_HTML, f"{locator}: this is not parseable HTML; check that the file is a web page saved whole.")
    extracted = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, include_tables=True, with_metadata=True
    )
    text = (extracted.text or "") if extracted is not None else ""
    if len(text.split()) < MIN_WORDS:
        if _looks_truncated(data):
            return reject(
                locator,
                RejectionReason.MALFORMED_HTML,
                f"{locator}: the HTML is cut off before </html> and has no article text; save or download the page again.",
            )
        return reject(locator, RejectionReason.NO_TEXT, f"{locator}: the page has no article text to extract (under {MIN_WORDS} words); check that it is an article page, not an index or a script shell.")
    given = stated or Hints()
    hints = Hints(
        title=given.title or extracted.title or None,
        author=given.author or extracted.author or None,
        outlet=given.outlet or extracted.sitename or None,
        url=url or extracted.url or None,
        language=_page_language(tree),
        published=parse_iso_date(extracted.date, "page-metadata") if extracted.date else None,
        stated_published=given.stated_published,
    )
    return build_document(text, locator=locator, content_type=content_type, rules=rules or default_rules(), hints=hints, override=override)


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary), one line per block element."""
    if "<" not in fragment:
        return fragment
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment)
    for unwanted in list(root.iter("script", "style")):
        unwanted.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    return root.text_content()
