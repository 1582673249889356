"""The analysis over a store: what ``lull series/lulls/board/checks/framing`` (and the report and the web app)
call. Each function reads the records it needs from the store, hands them with the actor KB to the pure
functions of this package, and returns their frozen results; none writes.

    series(store, knowledge, *, actor, recipient, type, mode, status, freq, origin) -> Series
    lulls(store, knowledge, *, actor, recipient, type, status, origin, as_of) -> tuple[Lull, ...]
    lull_board(store, knowledge, lull_id, *, actor, recipient, type, status, origin) -> LullBoard
    claim_checks(store, knowledge, *, origin) -> tuple[ClaimCheck, ...]
    outlet_framing(store, knowledge, *, lexicon_path) -> tuple[OutletFraming, ...]

``origin`` picks whose events are analysed: "lull" (coded from the articles), "csv" or "acled" (imported),
or "all". Reports and declarations of pauses always come from the articles, whatever the origin.
Without ``actor``, ``lulls`` looks at every armed group (rolled up to its umbrella) that the events or the
reports name, against each of its recipients.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import InputError
from ..records import Actor, Document, Event, Explanation, Mention, NumericClaim, Quote
from .board import Board, board
from .checks import ClaimCheck, check_claims
from .framing import Lexicon, OutletFraming, framing
from .lulls import Lull, Report, find_lulls, reports
from .series import Series, SeriesFilter, build_series, lineage

if TYPE_CHECKING:
    from ..knowledge import Knowledge
    from ..knowledge.actors import ActorKB

ORIGINS = ("all", "lull", "csv", "acled")
# Actor kinds whose pauses are analysed when no actor is named.
_GROUP_KINDS = frozenset({"armed_group", "umbrella"})


class AnalysisStore(Protocol):
    """What the analysis reads from ``lull.store.Store``."""

    def events(self, *, origin: str | None = None) -> list[Event]: ...

    def mentions(self) -> list[Mention]: ...

    def documents(self) -> list[Document]: ...

    def explanations(self) -> list[Explanation]: ...

    def numeric_claims(self) -> list[NumericClaim]: ...

    def quotes(self) -> list[Quote]: ...


@dataclass(frozen=True, slots=True)
class LullBoard:
    """A lull (or surge) and its explanation board."""

    lull: Lull
    board: Board

    def to_json(self) -> dict[str, Any]:
        return {"lull": self.lull.to_json(), **self.board.to_json()}


def series(store: AnalysisStore, knowledge: "Knowledge", *, actor: str | None = None, recipient: str | None = None,
           type: str | None = None, mode: str | None = None, status: str = "all", freq: str = "week",
           origin: str = "all") -> Series:
    """Counts per day or week of the events in scope; coarse dates and numeric claims kept apart."""
    kb = knowledge.actors
    wanted = SeriesFilter(actor=_actor_id(actor, kb), recipient=_actor_id(recipient, kb),
                          type=type.upper() if type else None, mode=mode, status=_status(status))
    return build_series(_events(store, origin), kb=kb, filter=wanted, freq=_freq(freq),
                        claims=store.numeric_claims())


def lulls(store: AnalysisStore, knowledge: "Knowledge", *, actor: str | None = None, recipient: str | None = None,
          type: str | None = "ASSAULT", status: str = "all", origin: str = "all",
          as_of: date | None = None) -> tuple[Lull, ...]:
    """Lulls and surges in scope, most confident first (see ``lulls.find_lulls``)."""
    kb = knowledge.actors
    events = _events(store, origin)
    found = _reports(store, kb)
    scopes = _scopes(events, found, kb, actor=_actor_id(actor, kb), recipient=_actor_id(recipient, kb),
                     type=type.upper() if type else None)
    results: dict[tuple, Lull] = {}
    for who, whom in scopes:  # the best-supported scope first: the same pause seen again from a wider one is dropped
        for x in find_lulls(events, kb=kb, actor=who, recipient=whom, type=type.upper() if type else None,
                            status=_status(status), reports_=found, as_of=as_of):
            results.setdefault((x.kind, x.actor, x.start or x.start_text, x.end, x.ongoing), x)
    return tuple(sorted(results.values(), key=lambda x: (-x.confidence, x.start or date.min, x.id)))


def lull_board(store: AnalysisStore, knowledge: "Knowledge", lull_id: str, *, actor: str | None = None,
               recipient: str | None = None, type: str | None = "ASSAULT", status: str = "all",
               origin: str = "all", as_of: date | None = None) -> LullBoard:
    """The board of the lull whose id (or unique id prefix) is ``lull_id`` among ``lulls(...)``."""
    found = lulls(store, knowledge, actor=actor, recipient=recipient, type=type, status=status, origin=origin,
                  as_of=as_of)
    matches = [x for x in found if x.id.startswith(lull_id)] if lull_id else []
    if len(matches) != 1:
        what = "no lull" if not matches else f"{len(matches)} lulls"
        raise InputError(f"'{lull_id}' matches {what} with these options; run 'lull lulls' with the same "
                         "options and give an id it lists.")
    chosen = matches[0]
    result = board(chosen, kb=knowledge.actors, explanations=store.explanations(), events=_events(store, origin),
                   documents=store.documents())
    return LullBoard(chosen, result)


def claim_checks(store: AnalysisStore, knowledge: "Knowledge", *, origin: str = "all") -> tuple[ClaimCheck, ...]:
    """Every numeric claim that counts events against the events in store for its scope and period; an open
    period ("since November 2") closes at the claim's publication date."""
    published = {d.id: d.published.end or d.published.start for d in store.documents()
                 if d.published is not None and (d.published.end or d.published.start)}
    return check_claims(store.numeric_claims(), _events(store, origin), kb=knowledge.actors, published=published)


def outlet_framing(store: AnalysisStore, knowledge: "Knowledge", *,
                   lexicon_path: Path | None = None) -> tuple[OutletFraming, ...]:
    """Per outlet: loaded terms in its own voice and in quotes (per 1,000 words), and its labels per actor.
    ``lexicon_path`` defaults to the bundled ``data/lexicons/loaded_terms.yaml``."""
    return framing(store.documents(), lexicon=Lexicon.load(lexicon_path), quotes=store.quotes(),
                   mentions=store.mentions())


# --- helpers -----------------------------------------------------------------------------------------


def _events(store: AnalysisStore, origin: str) -> list[Event]:
    if origin not in ORIGINS:
        raise InputError(f"origin {origin!r} is not one of {', '.join(ORIGINS)}; pick one.")
    return store.events(origin=None if origin == "all" else origin)


def _status(status: str) -> str:
    from .series import STATUSES

    if status not in STATUSES:
        raise InputError(f"status {status!r} is not one of {', '.join(STATUSES)}; pick one.")
    return status


def _freq(freq: str) -> str:
    if freq not in ("day", "week"):
        raise InputError(f"bin {freq!r} is not 'day' or 'week'; pick one.")
    return freq


def _actor_id(text: str | None, kb: "ActorKB") -> str | None:
    """A KB id for an id or a name ("islamic_resistance_in_iraq", "Islamic Resistance in Iraq", "IRI")."""
    if not text:
        return None
    if kb.get(text) is not None:
        return text
    entry = kb.lookup(text)
    if entry is None:
        raise InputError(f"actor {text!r} is not in the actor KB; give its id or a name from actors.yaml "
                         "(see 'lull events --json' for the ids in use).")
    return entry.id


def _reports(store: AnalysisStore, kb: "ActorKB") -> tuple[Report, ...]:
    return reports(events=store.events(origin="lull"), mentions=store.mentions(), explanations=store.explanations(),
                   documents=store.documents(), kb=kb)


def _group(actor: Actor, kb: "ActorKB") -> str | None:
    """The umbrella an armed group belongs to (itself if it is one); None for others and unknown actors."""
    if not actor.id:
        return None
    for key in lineage(actor, kb):
        entry = kb.get(key)
        if entry is not None and entry.kind == "umbrella":
            return key
    entry = kb.get(actor.id)
    if entry is not None and getattr(entry, "generic", False) and entry.parents:
        return entry.parents[0]
    return actor.id if entry is not None and entry.kind in _GROUP_KINDS else None


def _scopes(events: Sequence[Event], found: Iterable[Report], kb: "ActorKB", *, actor: str | None,
            recipient: str | None, type: str | None) -> list[tuple[str, str | None]]:
    """(actor, recipient) pairs to analyse: the ones given, or every group and recipient in the evidence."""
    if actor is not None and recipient is not None:
        return [(actor, recipient)]
    pairs: dict[tuple[str, str | None], int] = {}

    def add(actors: Iterable[Actor], recipients: Iterable[Actor]) -> None:
        for a in actors:
            group = _group(a, kb)
            if group is None or (actor is not None and actor not in lineage(a, kb) and actor != group):
                continue
            targets = [r.id for r in recipients if r.id] or [None]
            for target in targets:
                if recipient is None or target == recipient:
                    key = (actor or group, target)
                    pairs[key] = pairs.get(key, 0) + 1

    for e in events:
        if e.countable and (type is None or e.type == type):
            add(e.actors, e.recipients)
    for r in found:
        add((r.actor,), (r.recipient,) if r.recipient is not None else ())
    if not pairs and actor is not None:
        pairs[(actor, recipient)] = 0
    return sorted(pairs, key=lambda k: (k[1] is None, -pairs[k], k[0], k[1] or ""))
