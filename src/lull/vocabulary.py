"""lull's closed vocabularies, one type each: every list of allowed words lives here and nowhere else.

Each is a ``StrEnum``: a member is also the string it stands for
(``Modality.DENIED == "denied"``, ``json.dumps`` writes ``"denied"``), so the
store's columns and the JSON shapes are the same words as before; code
compares and branches on members, never on string literals or rule ids.

``Policy`` names what the extractors decided about a record beyond its rule
(a pronoun resolved, an aggregate kept out of linking, a denial). It is set
where the policy fires and stored with the record; ``rule_id`` is provenance
only and is never read back for meaning.
"""
from __future__ import annotations

import enum
from typing import TypeVar

_E = TypeVar("_E", bound=enum.StrEnum)


class Modality(enum.StrEnum):
    """How a clause presents its event."""

    ASSERTED = "asserted"  # in the outlet's own voice
    CLAIMED = "claimed"  # the perpetrator says it did it
    REPORTED = "reported"  # someone else says it happened
    DENIED = "denied"
    HYPOTHETICAL = "hypothetical"
    FUTURE = "future"
    NEGATED = "negated"
    HISTORICAL = "historical"  # background re-telling of an earlier event


# Modalities of a mention that can found or join an event (link/cluster.py).
EVENT_MODALITIES = frozenset({Modality.ASSERTED, Modality.CLAIMED, Modality.REPORTED, Modality.HISTORICAL,
                              Modality.DENIED})
# Modalities of a mention that can make its event a countable incident (link/build.py).
INCIDENT_MODALITIES = frozenset({Modality.ASSERTED, Modality.CLAIMED, Modality.REPORTED, Modality.HISTORICAL})
# Modalities of events that did not (or not yet) happen.
UNREAL_MODALITIES = frozenset({Modality.NEGATED, Modality.HYPOTHETICAL, Modality.FUTURE})
# An event's modality is the strongest of its mentions', in this order.
MODALITY_RANK = (Modality.ASSERTED, Modality.CLAIMED, Modality.REPORTED, Modality.HISTORICAL, Modality.DENIED)


class EventType(enum.StrEnum):
    """PLOVER event types (the ones lull codes)."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class EventStatus(enum.StrEnum):
    """How well an event is attested across its sources (see link/build.py)."""

    CONFIRMED = "confirmed"  # an official not on the perpetrator's side states it
    REPORTED = "reported"
    CLAIMED = "claimed"  # only the perpetrator says so
    DENIED = "denied"  # every mention denies it


class Countability(enum.StrEnum):
    """Whether an event counts as one incident in series, lulls and checks (decided in link/build.py).

    Every mention may belong to an event, so an event of only aggregate, unreal or denied mentions exists (its
    mentions are linked to it) but is no incident to count."""

    INCIDENT = "incident"  # some mention asserts, reports, claims or re-tells one incident
    AGGREGATE = "aggregate"  # a campaign, series, count or trend ("the militia attacks since October")
    UNREAL = "unreal"  # only hypothetical, future or negated ("strikes the US may undertake")
    DENIED = "denied"  # only denied


class Stage(enum.StrEnum):
    """The stage a rejection was met in."""

    INGEST = "ingest"
    IMPORT = "import"  # ACLED and other datasets
    EXTRACT = "extract"
    RESOLVE = "resolve"  # places and dates resolved against the knowledge


class Direction(enum.StrEnum):
    """Which way an explained change goes."""

    HALT = "halt"
    PAUSE = "pause"
    DECLINE = "decline"
    RESUMPTION = "resumption"
    ESCALATION = "escalation"


class Precision(enum.StrEnum):
    """The precision a date span was stated at, finest first."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    BEFORE = "before"  # on or before the end day, nothing known of the start (ACLED time_precision 3)


class Qualifier(enum.StrEnum):
    """How a number is hedged ("more than 300" -> more_than)."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    ABOUT = "about"
    UP_TO = "up_to"
    LESS_THAN = "less_than"
    RANGE = "range"


class CauseRelation(enum.StrEnum):
    """How a cause bears on a phenomenon."""

    CAUSED = "caused"
    CONTRIBUTED = "contributed"
    AIM = "aim"


class Policy(enum.StrEnum):
    """A policy that fired on one mention or quote (documented where it fires)."""

    DECLARED = "declared"  # a halt under "announce"/"declare" coded as CONCEDE (extract/events/coder.py)
    CONTENT = "content"  # the act an allegation is about (coder)
    GENERIC = "generic"  # an aggregate or habitual statement, not one event (coder)
    PLURAL = "plural"  # a plural noun trigger ("attacks"): a series unless pinned down (coder, link/cluster.py)
    COREF = "coref"  # an argument that is a pronoun or description resolved to an actor (coder)
    ANAPHOR = "anaphor"  # "the attack" took place/date/arguments of the attack just told (extract/events/discourse.py)
    DISCOURSE = "discourse"  # a halt or "this meeting" took the actors of the same event told before (discourse)
    DENIAL = "denial"  # a quote whose cue rejects what follows ("denied", "dismissed") (extract/claims/quotes.py)
    CONTINUED = "continued"  # a quotation with no cue of its own, given to the speaker last named (quotes.py)
    PRONOUN_SPEAKER = "pronoun_speaker"  # "he said": the speaker is a pronoun resolved to a named person (quotes.py)
    INTERCEPTION = "interception"  # an interception, shoot-down or armed defence: never the attack it stopped (coder)


def member(kind: type[_E], value: object) -> _E | None:
    """The member of ``kind`` whose value is ``value``, or None (for checking rule files and gold data)."""
    try:
        return kind(value)
    except ValueError:
        return None


def choices(kind: type[enum.StrEnum]) -> str:
    """The values of ``kind`` for an error message: "asserted, claimed, ..."."""
    return ", ".join(m.value for m in kind)


def policies_text(policies: frozenset[Policy]) -> str:
    """Policies as stored: sorted values, comma-separated ("" for none)."""
    return ",".join(sorted(p.value for p in policies))


def policies_of(text: str | None) -> frozenset[Policy]:
    """The inverse of ``policies_text``."""
    return frozenset(Policy(p) for p in text.split(",") if p) if text else frozenset()
