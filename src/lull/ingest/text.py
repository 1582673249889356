"""Plain-text documents: detect the encoding (never assume it), reject binary and
undecodable bytes, then build the Document."""
from __future__ import annotations

import unicodedata

from charset_normalizer import from_bytes

from ..records import DateSpan, Document, Rejection, RejectionReason
from .base import Hints, build_document, reject
from .boilerplate import BoilerplateRules
from .sniff import binary_kind

# Mostly-ASCII text with a few stray high bytes is almost always a Western
# single-byte code page; multi-byte East Asian guesses on such text are noise.
_SINGLE_BYTE = ["cp1252", "iso8859_15", "cp1250", "cp1251", "cp1256", "iso8859_6", "cp1253", "cp1254", "iso8859_7"]
_MULTI_BYTE_NON_UNICODE = ("big5", "gb", "hz", "euc", "shift_jis", "cp932", "cp949", "cp950", "iso2022", "johab", "ks_c")


_NOISE = frozenset({"Cn", "Co", "Cs", "Cc"})


def _utf8(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def decode_bytes(raw: bytes) -> str | None:
    """Decode ``raw`` with its detected encoding; None if no encoding reads it sensibly.

    Valid UTF-8 is taken as UTF-8 (text in another encoding is almost never
    valid UTF-8 by accident); otherwise charset-normalizer decides, with its
    chaos threshold standing for "sensibly"."""
    text = _utf8(raw)
    if text is not None:
        return text
    best = from_bytes(raw).best()
    if best is None:
        return None
    high = sum(b > 127 for b in raw) / max(len(raw), 1)
    if high < 0.1 and best.encoding.startswith(_MULTI_BYTE_NON_UNICODE):
        best = from_bytes(raw, cp_isolation=_SINGLE_BYTE).best() or best
    decoded = str(best)
    bad = sum(ch == "\ufffd" for ch in decoded)
    return decoded if bad <= len(decoded) // 100 and not _noise(decoded) else None


def _noise(text: str) -> bool:
    """Unassigned, private-use, surrogate or control characters in over 1 % of ``text``: bytes that merely
    decode (random bytes after a UTF-16 byte-order mark), not text in that encoding."""
    odd = sum(1 for ch in text if unicodedata.category(ch) in _NOISE and ch not in "\t\n\r\f")
    return odd > len(text) // 100


def read_text(
    raw: bytes,
    *,
    locator: str,
    rules: BoilerplateRules,
    url: str | None = None,
    override: DateSpan | None = None,
) -> Document | Rejection:
    """One plain-text document from raw bytes, or the reason it cannot be one."""
    what = binary_kind(raw)
    if what:
        return reject(locator, RejectionReason.BINARY, f"{locator}: this is {what}, not text; give lull a text, HTML, feed or JSONL file instead.")
    if not raw.strip():
        return reject(locator, RejectionReason.EMPTY, f"{locator}: the file is empty; remove it from the inputs or fill it.")
    text = decode_bytes(raw)
    if text is None:
        return reject(
            locator,
            RejectionReason.UNDECODABLE,
            f"{locator}: the bytes are not valid UTF-8 and no other encoding reads them sensibly; re-save the file as UTF-8.",
        )
    return build_document(text, locator=locator, content_type="text", rules=rules, hints=Hints(url=url), override=override)
