"""Tell what a blob of bytes is from its content (and only then its name or content type).

Kinds: "binary", "html", "feed", "jsonl", "urls", "text". A file's extension is a
weak hint used only when the content alone does not decide (a ``.rss`` that is
not XML is still a feed, a broken one; a ``.jsonl`` with one bad line is still JSONL).
"""
from __future__ import annotations

import re

# Magic numbers of common binary formats, named in the rejection message.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF (convert it to text first)"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CONTROL_BYTES = frozenset(range(0, 9)) | frozenset(range(14, 32)) | {11, 127}
_FEED_ROOT = re.compile(r"<(?:[\w-]+:)?(rss|feed|RDF)\b")
_HTML_HINT = re.compile(r"<(!doctype\s+html|html|head|body|article|div|p|main|section|title|meta)\b", re.IGNORECASE)
_URL_LINE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://\S+")
_PROLOGUE = re.compile(r"\A(\s|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL | re.IGNORECASE)
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rdf")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def binary_kind(raw: bytes) -> str | None:
    """A description of the binary format if ``raw`` is not text, else None."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return what
    head = raw[:8192]
    if head.startswith(_UTF16_BOMS):
        return None
    if b"\x00" in head:
        return "binary data (it contains NUL bytes)"
    if head and sum(b in _CONTROL_BYTES for b in head) / len(head) > 0.05:
        return "binary data (it is full of control bytes)"
    return None


def _head_text(raw: bytes) -> str:
    """The first few kilobytes as text, leniently decoded: enough to sniff markup."""
    head = raw[:4096]
    if head.startswith(_UTF16_BOMS):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def markup_kind(raw: bytes) -> str | None:
    """"feed" if the XML root is rss/feed/rdf, "html" if it looks like markup, else None."""
    head = _head_text(raw)
    body = head[_PROLOGUE.match(head).end():]
    if not body.startswith("<"):
        return None
    if _FEED_ROOT.match(body):
        return "feed"
    if _HTML_HINT.search(head):
        return "html"
    return None


def _lines(raw: bytes) -> list[str]:
    text = raw.decode("utf-8", errors="replace")
    return [line.strip() for line in text.splitlines() if line.strip()]


def is_jsonl(raw: bytes) -> bool:
    """Every non-blank line starts with "{"."""
    lines = _lines(raw[:1_000_000])
    return bool(lines) and all(line.startswith("{") for line in lines)


def is_url_list(raw: bytes) -> bool:
    """Every non-blank, non-# line is a single absolute URL (and there is at least one)."""
    lines = [line for line in _lines(raw[:1_000_000]) if not line.startswith("#")]
    return bool(lines) and all(_URL_LINE.fullmatch(line) for line in lines)


def sniff(raw: bytes, *, name: str = "", allow_url_list: bool = True) -> str:
    """The kind of ``raw``: content first, then the name's suffix, then line shapes."""
    if binary_kind(raw):
        return "binary"
    found = markup_kind(raw)
    if found:
        return found
    suffix = name.lower().rsplit("/", 1)[-1]
    if suffix.endswith(FEED_SUFFIXES):
        return "feed"
    if suffix.endswith(JSONL_SUFFIXES) or is_jsonl(raw):
        return "jsonl"
    if suffix.endswith(HTML_SUFFIXES) and raw.lstrip()[:1] == b"<":
        return "html"
    if allow_url_list and is_url_list(raw):
        return "urls"
    return "text"
