"""JSON Lines: one article object per line ({"text"|"html", "url", "title", "outlet", "published"}).

A bad line is rejected with its line number; the other lines are still read.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

from ..records import DateSpan, Document, Rejection, RejectionReason
from .base import Hints, build_document, guarded, reject
from .boilerplate import BoilerplateRules
from .html import read_html
from .metadata import parse_iso_date

_STRING_FIELDS = ("text", "html", "url", "title", "outlet", "author", "published")


def read_jsonl(
    text: str,
    *,
    name: str,
    rules: BoilerplateRules,
    override: DateSpan | None = None,
) -> Iterator[Document | Rejection]:
    """Every line of a JSONL text as a Document or a Rejection; locators are "name:LINE"."""
    for line_no, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            locator = f"{name}:{line_no}"
            yield from guarded(locator, _one(line, locator, f"{name} line {line_no}", rules, override))


def _one(line: str, locator: str, where: str, rules: BoilerplateRules, override: DateSpan | None) -> Iterator[Document | Rejection]:
    yield read_record(line, locator=locator, where=where, rules=rules, override=override)


def read_record(
    line: str,
    *,
    locator: str,
    where: str,
    rules: BoilerplateRules,
    override: DateSpan | None = None,
) -> Document | Rejection:
    """One JSON object as a Document: "text" is used as is, "html" goes through trafilatura."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return reject(locator, RejectionReason.MALFORMED_JSON, f"{where}: not valid JSON ({exc.msg}); fix or remove the line.")
    except RecursionError:
        return reject(locator, RejectionReason.MALFORMED_JSON, f"{where}: the JSON is nested too deeply to be an article; "
                      "write the line as one flat object {\"text\": ...}.")
    if not isinstance(record, dict):
        return reject(locator, RejectionReason.MALFORMED_JSON, f"{where}: a JSON object is needed, not {type(record).__name__}; write the line as {{\"text\": ...}}.")
    wrong = [k for k in _STRING_FIELDS if record.get(k) is not None and not isinstance(record[k], str)]
    if wrong:
        return reject(locator, RejectionReason.MALFORMED_JSON, f"{where}: field '{wrong[0]}' must be a string; quote its value.")
    body = record.get("text") or record.get("html")
    if not body or not body.strip():
        return reject(locator, RejectionReason.MISSING_FIELD, f"{where}: the object has no \"text\" or \"html\" field with content; add one or remove the line.")
    stated = None
    if record.get("published"):
        stated = parse_iso_date(record["published"], "user")
        if stated is None:
            return reject(
                locator,
                RejectionReason.INVALID_DATE,
                f"{where}: \"published\" is {record['published']!r}, not an ISO date; write it as YYYY-MM-DD (or a full ISO datetime).",
            )
    url = record.get("url") or None
    hints = Hints(title=record.get("title"), author=record.get("author"), outlet=record.get("outlet"), url=url, stated_published=stated)
    if record.get("text"):
        return build_document(record["text"], locator=locator, content_type="jsonl", rules=rules, hints=hints, override=override)
    return read_html(record["html"], locator=locator, url=url, rules=rules, override=override, stated=hints, content_type="jsonl")
