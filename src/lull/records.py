"""Typed, frozen records that flow between pipeline stages.

Every record that states a fact carries its provenance: the document id and
the character offsets of the sentence it came from. Missing values are
``None``; precision is kept (a month stays a month, never a made-up day).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, timedelta

_ONE_DAY = timedelta(days=1)

PRECISIONS = ("day", "week", "month", "season", "year", "decade")

# Where a document's publication date came from, best first.
DATE_BASES = (
    "user",  # --published or a JSONL field
    "page-metadata",  # HTML meta tags, feed entry dates
    "dateline",  # "Saturday 29 April 2023 - 17:10" at the top of the text
    "url",  # /2023/04/29/ in the address
    "text-inferred",  # lower bound: the latest absolute date the text mentions
    "reference-events",  # lower bound: dated reference events the text mentions
)


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A span of calendar days with the precision it was stated at.

    ``start``/``end`` are inclusive. An open bound is ``None`` (a lower bound
    only has ``start``). ``basis`` says where the span came from when that
    matters (publication dates)."""

    start: date | None
    end: date | None
    precision: str
    basis: str | None = None

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision {self.precision!r} is not one of {PRECISIONS}")
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"DateSpan ends ({self.end}) before it starts ({self.start})")

    @property
    def is_lower_bound(self) -> bool:
        return self.start is not None and self.end is None

    @classmethod
    def day(cls, d: date, basis: str | None = None) -> "DateSpan":
        return cls(d, d, "day", basis)

    def iso(self) -> str:
        """Shortest ISO form that keeps the precision ("2024-02", "2024-02-02", ">=2024-12-08")."""
        if self.start is None:
            return f"<={self.end.isoformat()}" if self.end else ""
        if self.end is None:
            return f">={self.start.isoformat()}"
        one_year = (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)
        if self.precision == "year" and one_year and self.start.year == self.end.year:
            return f"{self.start.year:04d}"
        same_month = (self.start.year, self.start.month) == (self.end.year, self.end.month)
        if self.precision == "month" and same_month and self.start.day == 1 and (self.end + _ONE_DAY).day == 1:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets ``[start, end)`` into a document's text."""

    doc_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Removal:
    """A line taken out of a document's text as boilerplate, kept for review."""

    line_no: int
    text: str
    reason: str  # id of the boilerplate rule that matched (data/boilerplate.yaml)


@dataclass(frozen=True, slots=True)
class Document:
    """One article. ``id`` is a hash of its normalised text (see ``ingest.base.doc_id``)."""

    id: str
    text: str
    locator: str  # where this copy came from: a path, a URL, "<stdin>", "feed.xml#3"
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None  # ISO 639-1: "en", "ar", ...
    published: DateSpan | None = None
    content_type: str | None = None  # "text", "html", "feed-entry", "jsonl"
    removed: tuple[Removal, ...] = ()


class RejectionReason(str, enum.Enum):
    """Closed set of reasons an input, or part of one, was not used."""

    EMPTY = "empty"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    TOO_LARGE = "too_large"
    UNREADABLE = "unreadable"
    NOT_FOUND = "not_found"
    MALFORMED_HTML = "malformed_html"
    NO_TEXT = "no_text"
    MALFORMED_JSON = "malformed_json"
    MISSING_FIELD = "missing_field"
    MALFORMED_FEED = "malformed_feed"
    INVALID_URL = "invalid_url"
    PRIVATE_ADDRESS = "private_address"
    FETCH_TIMEOUT = "fetch_timeout"
    FETCH_FAILED = "fetch_failed"
    HTTP_STATUS = "http_status"
    CONTENT_TYPE = "content_type"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    UNSUPPORTED = "unsupported"
    INVALID_DATE = "invalid_date"
    UNRESOLVED_PLACE = "unresolved_place"
    UNRESOLVED_DATE = "unresolved_date"


@dataclass(frozen=True, slots=True)
class Rejection:
    """An expected negative: an input or a fact that could not be used, and why.

    ``message`` is a whole sentence naming the input and the fix."""

    input: str
    stage: str  # "ingest", "extract", "resolve", ...
    reason: RejectionReason
    message: str
    doc_id: str | None = None


# --- later stages -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor as found in text, resolved to the knowledge base when possible.

    ``id`` is the KB id (``None`` when the actor is not in the KB: the text and
    its NER label are kept, never dropped)."""

    text: str
    id: str | None = None
    name: str | None = None
    kind: str | None = None  # armed_group, state_force, government, person, outlet, ...
    sector: str | None = None  # PLOVER sector code: MIL, GOV, REB, PRM, IMG, ...
    country: str | None = None  # ISO 3166 alpha-3 where it applies
    label: str | None = None  # spaCy NER label when not in the KB


@dataclass(frozen=True, slots=True)
class Place:
    """A place mention and its resolution (``lat``/``lon`` ``None`` if unresolved).

    ``precision`` follows ACLED's geo_precision: 1 the named place, 2 near a
    place or part of a region, 3 a region or larger."""

    text: str
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    country: str | None = None  # ISO 3166 alpha-2
    feature: str | None = None  # city, base, border_post, region, country, ...
    source_id: str | None = None  # "geonames:98182" or "lull:ain-al-asad"


@dataclass(frozen=True, slots=True)
class Mention:
    """One clause that reports (or denies, or imagines) an event."""

    id: str  # stable: hash of doc id, sentence offsets, trigger offsets, rule id
    doc_id: str
    sentence: Span
    trigger: Span
    rule_id: str
    type: str  # PLOVER event type: ASSAULT, THREATEN, CONCEDE, ...
    mode: str | None = None
    modality: str = "asserted"  # asserted, claimed, reported, denied, hypothetical, future, negated, historical
    actors: tuple[Actor, ...] = ()
    recipients: tuple[Actor, ...] = ()
    place: Place | None = None
    date: DateSpan | None = None
    weapon: str | None = None
    fatalities: int | None = None
    injuries: int | None = None


MODALITIES = ("asserted", "claimed", "reported", "denied", "hypothetical", "future", "negated", "historical")
