"""Typed, frozen records that flow between pipeline stages.

Every record that states a fact carries its provenance: the document id and
the character offsets of the sentence it came from. Missing values are
``None``; precision is kept (a month stays a month, never a made-up day).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, timedelta

from .vocabulary import (
    CauseRelation,
    Countability,
    Direction,
    EventStatus,
    EventType,
    Modality,
    Policy,
    Precision,
    Qualifier,
    Stage,
    choices,
    member,
)

_ONE_DAY = timedelta(days=1)

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
    only has ``start``; "on or before X", ACLED's time_precision 3, only has
    ``end`` and precision ``before``). ``basis`` says where the span came from
    when that matters (publication dates; for an event, the step of the date
    fallback chain: ``clause``, ``sentence``, ``antecedent``, ``paragraph``,
    ``report``).

    A **partial** bound is a month and day whose year the text does not give
    ("On February 2" in an undated report): ``start``/``end`` stay ``None`` and
    ``start_md``/``end_md`` hold ``(month, day)``; ``years`` is the range of
    years it can fall in (``None`` where unbounded), never a guessed year.
    ``iso()`` prints it in the ISO year-less form ``--02-02``; a mixed span
    keeps what is known of each end (``2021-01-01/--03-23``)."""

    start: date | None
    end: date | None
    precision: Precision
    basis: str | None = field(default=None, compare=False)  # provenance: equal spans are equal whatever their basis
    start_md: tuple[int, int] | None = None
    end_md: tuple[int, int] | None = None
    years: tuple[int | None, int | None] = (None, None)

    def __post_init__(self) -> None:
        precision = member(Precision, self.precision)
        if precision is None:
            raise ValueError(f"precision {self.precision!r} is not one of {choices(Precision)}")
        object.__setattr__(self, "precision", precision)
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"DateSpan ends ({self.end}) before it starts ({self.start})")
        for md in (self.start_md, self.end_md):
            if md is not None and (len(md) != 2 or date(2000, *md) is None):
                raise ValueError(f"month-day {md!r} is not a (month, day) pair")

    @property
    def is_lower_bound(self) -> bool:
        return self.start is not None and self.end is None and self.end_md is None

    @property
    def is_partial(self) -> bool:
        """Whether a bound is known only as a month and day (no year)."""
        return self.start_md is not None or self.end_md is not None

    @classmethod
    def day(cls, d: date, basis: str | None = None) -> "DateSpan":
        return cls(d, d, Precision.DAY, basis)

    @classmethod
    def month_day(cls, first: tuple[int, int], last: tuple[int, int] | None, precision: Precision | str,
                  years: tuple[int | None, int | None] = (None, None)) -> "DateSpan":
        """A year-less span ("February 2" -> ``--02-02``; ``last=None`` leaves it open, "since February 2")."""
        return cls(None, None, precision, None, first, last, years)

    @classmethod
    def before(cls, d: date, basis: str | None = None) -> "DateSpan":
        """On or before ``d`` (a background event known only to precede the report)."""
        return cls(None, d, Precision.BEFORE, basis)

    def iso(self) -> str:
        """Shortest ISO form that keeps the precision ("2024-02", "2024-02-02", ">=2024-12-08", "--02-02")."""
        if self.is_partial:
            first = self.start.isoformat() if self.start else md_iso(self.start_md) or ""
            last = self.end.isoformat() if self.end else md_iso(self.end_md) or ""
            if not last:
                return f">={first}"
            return first if first == last else f"{first}/{last}"
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


def md_iso(md: tuple[int, int] | None) -> str | None:
    """``(2, 2)`` -> ``"--02-02"``; None -> None."""
    return f"--{md[0]:02d}-{md[1]:02d}" if md else None


def parse_month_day(text: str | None) -> tuple[int, int] | None:
    """``"--02-02"`` -> ``(2, 2)``; anything else -> None."""
    if not text or not text.startswith("--"):
        return None
    month, day = text[2:].split("-")
    return int(month), int(day)


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
    MALFORMED_ROW = "malformed_row"
    EXTRACTOR_ERROR = "extractor_error"  # a bug: one component failed on one document; the rest went on
    READER_ERROR = "reader_error"  # a bug: reading one input failed unexpectedly; the other inputs went on
    STORE_ERROR = "store_error"  # one document's results could not be written; the other documents went on


@dataclass(frozen=True, slots=True)
class Rejection:
    """An expected negative: an input or a fact that could not be used, and why.

    ``message`` is a whole sentence naming the input and the fix."""

    input: str
    stage: Stage
    reason: RejectionReason
    message: str
    doc_id: str | None = None

    def __post_init__(self) -> None:
        _typed(self, stage=Stage)


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
    rule_id: str  # provenance only: the trigger rule and the policies' suffixes; never read for meaning
    type: EventType
    mode: str | None = None
    modality: Modality = Modality.ASSERTED
    actors: tuple[Actor, ...] = ()
    recipients: tuple[Actor, ...] = ()
    place: Place | None = None
    date: DateSpan | None = None
    weapon: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    policies: frozenset[Policy] = frozenset()  # what the coder decided beyond the rule (vocabulary.Policy)
    # a campaign, series, count or trend ("more than 170 attacks since October", "continued to rely on
    # Coalition support"), not one incident: never merged with an incident, never counted as one
    aggregate: bool = False
    count: int | None = None  # how many events the aggregate says it holds ("85 targets", "78 times"), if stated
    count_claim_id: str | None = None  # the NumericClaim of the same sentence that states that count

    def __post_init__(self) -> None:
        _typed(self, modality=Modality)
        _typed_if_known(self, type=EventType)
        object.__setattr__(self, "policies", frozenset(Policy(p) for p in self.policies))


# --- claims: numbers, quotes, explanations -----------------------------------------


@dataclass(frozen=True, slots=True)
class ClaimScope:
    """What a number counts: an event type/mode by an actor against a recipient or target area."""

    event_type: EventType | None = None  # when events are counted
    mode: str | None = None
    actor: Actor | None = None
    recipient: Actor | None = None
    target_area: str | None = None  # "Israeli territories", "US bases in Iraq and Syria"

    def __post_init__(self) -> None:
        _typed(self, event_type=EventType)


@dataclass(frozen=True, slots=True)
class NumericClaim:
    """A number stated in a text, with what it counts, over which period, and who states it.

    ``value`` for a single figure, ``low``/``high`` for ranges; ``rate_per`` for
    rates ("25 attacks per week" -> value 25, unit "attack", rate_per "week").
    ``claimant`` is ``None`` when the outlet states it in its own voice."""

    id: str
    doc_id: str
    sentence: Span
    span: Span  # the number phrase ("316 attacks")
    rule_id: str
    unit: str  # "attack", "soldier", "fatality", "day", ...
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = Qualifier.EXACT
    rate_per: str | None = None
    scope: ClaimScope = field(default_factory=ClaimScope)
    period: DateSpan | None = None
    parent_id: str | None = None  # "94 of which ..." -> the id of the 316 claim
    claimant: Actor | None = None
    claimant_text: str | None = None  # "the committee's statement", "Statistics show"

    def __post_init__(self) -> None:
        _typed(self, qualifier=Qualifier)


@dataclass(frozen=True, slots=True)
class Quote:
    """Direct or indirect speech, a post or an issued statement, with its speaker."""

    id: str
    doc_id: str
    sentence: Span
    content: Span  # what was said (inside quotation marks for direct speech)
    rule_id: str
    kind: str  # direct, indirect, post, statement
    speaker: Actor | None = None
    speaker_text: str | None = None  # as written: "Security expert Mohammad Al-Basri"
    role: str | None = None  # "head of the Iraqi Political Thinking Center"
    cue: str | None = None  # said, added, pointed out, wrote on X, stated
    policies: frozenset[Policy] = frozenset()  # Policy.DENIAL when the cue rejects what follows

    def __post_init__(self) -> None:
        object.__setattr__(self, "policies", frozenset(Policy(p) for p in self.policies))


@dataclass(frozen=True, slots=True)
class Phenomenon:
    """The change being explained: whose activity, against whom, which direction, when."""

    direction: Direction
    actor: Actor | None = None
    recipient: Actor | None = None
    period: DateSpan | None = None
    text: str | None = None  # "the cessation of these attacks"

    def __post_init__(self) -> None:
        _typed(self, direction=Direction)


@dataclass(frozen=True, slots=True)
class Explanation:
    """A statement that something caused, contributed to or was the aim of a phenomenon.

    ``proponent`` is ``None`` when the outlet offers the cause in its own voice."""

    id: str
    doc_id: str
    sentence: Span
    cause: Span  # the cause as written
    category: str  # id from data/causes.yaml
    phenomenon: Phenomenon
    rule_id: str
    relation: CauseRelation = CauseRelation.CAUSED
    proponent: Actor | None = None
    proponent_text: str | None = None
    stance: str = "asserts"  # asserts, rejects
    hedge: str | None = None  # "it is said", "reportedly", "it seems"
    quote_id: str | None = None
    mention_ids: tuple[str, ...] = ()  # the event mentions it explains (the strike, the halt), when in the text

    def __post_init__(self) -> None:
        _typed(self, relation=CauseRelation)


# --- resolved events ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Conflict:
    """Sources disagree on one field of an event; every value is kept with its mentions."""

    field: str  # date, fatalities, injuries, actor, place
    values: tuple[tuple[str, tuple[str, ...]], ...]  # (value as text, mention ids stating it)


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event, with every mention and source that reports it.

    ``status``: claimed (only the perpetrator says so), reported, confirmed (an
    official of the target or a third state confirms), denied; it and
    ``modality`` are decided when the event is built (link/build.py). ``origin`` is
    "lull" for events resolved from mentions, "acled" for imported ones."""

    id: str
    type: EventType
    mode: str | None
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    place: Place | None
    date: DateSpan | None
    status: EventStatus
    mention_ids: tuple[str, ...]
    doc_ids: tuple[str, ...]
    weapon: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    claimed_by: tuple[Actor, ...] = ()
    attributed_to: tuple[tuple[Actor, Actor], ...] = ()  # (who attributes, to whom)
    conflicts: tuple[Conflict, ...] = ()
    first_reported: date | None = None
    last_reported: date | None = None
    origin: str = "lull"
    external_id: str | None = None  # ACLED event_id_cnty for imported events
    notes: str | None = None
    modality: Modality | None = None  # the strongest of its mentions' (vocabulary.MODALITY_RANK); None if imported
    countability: Countability = Countability.INCIDENT  # link/build.py; imported events are incidents

    def __post_init__(self) -> None:
        _typed(self, status=EventStatus, modality=Modality, countability=Countability)
        _typed_if_known(self, type=EventType)

    @property
    def countable(self) -> bool:
        """Whether series, lulls and checks count this event: one incident, not an aggregate or an unreal act."""
        return self.countability == Countability.INCIDENT


def _typed(record: object, **kinds: type) -> None:
    """Turn the string values of a record's vocabulary fields into their members (an unknown word raises)."""
    for name, kind in kinds.items():
        value = getattr(record, name)
        if value is not None and type(value) is not kind:
            object.__setattr__(record, name, kind(value))


def _typed_if_known(record: object, **kinds: type) -> None:
    """Like ``_typed``, but a word outside the vocabulary stays a string: a mention's ``type`` is also the
    key that linking matches on, and the ECB+ benchmark keys its gold mentions by lemma ("LEMMA:arrest")."""
    for name, kind in kinds.items():
        value = getattr(record, name)
        if value is not None and type(value) is not kind and (known := member(kind, value)) is not None:
            object.__setattr__(record, name, known)
