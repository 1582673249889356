"""Why a gold event is split, or two gold events merged: each linking error named with its likely cause.

The linking scores (B3, CoNLL) say how much is wrong; an analyst deciding
whether to trust a count needs to know *what*: a campaign kept apart from its
incidents by policy is a different failure from two rocket attacks a week
apart read as one. Issue 9 asks for every split and merge to be listed and
explained in BENCHMARKS.md; this module writes those lines from the aligned
pairs alone (the gold mention and the lull mention it was aligned with), so
the explanation is measured, not written by hand.

A *split* compares the parts (lull events) one gold event fell into, a
*merge* the gold events one lull event holds. The cause is the first
difference found, in the order the linker's own policies apply
(:func:`split_cause`, :func:`merge_cause`); "no conflicting evidence" means
the parts agree on everything compared here and the matcher simply found too
little evidence to join (or to keep apart) them.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..records import Mention
from ..vocabulary import Modality

_INCIDENT_MODALITIES = frozenset({Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED, Modality.HISTORICAL})


@dataclass(frozen=True, slots=True)
class LinkingError:
    """One split gold event or one merging lull event, with its cause and the mentions involved."""

    kind: str  # "split" or "merged"
    key: str  # the gold same_as id (split) or the lull event id (merged)
    cause: str
    parts: tuple[str, ...]  # one short description per part (lull event or gold event)

    def line(self) -> str:
        return f"{self.kind} {self.key}: {self.cause} [{'; '.join(self.parts)}]"


def _date(m: Mention) -> str:
    return "undated" if m.date is None else f"{m.date.iso()} ({m.date.precision})"


def _part(pairs: Sequence[tuple[Mapping, Mention]]) -> str:
    first = pairs[0][1]
    kind = "aggregate" if first.aggregate else "incident"
    docs = ",".join(sorted({getattr(g, "doc", None) or m.doc_id[:8] for g, m in pairs}))
    return f"{len(pairs)}x {first.type} {kind} {first.modality} {_date(first)} docs {docs}"


def _countable(m: Mention) -> bool:
    return m.modality in _INCIDENT_MODALITIES


def _overlap(a: Mention, b: Mention) -> bool:
    da, db = a.date, b.date
    if da is None or db is None or da.start is None or db.start is None or da.end is None or db.end is None:
        return True
    return da.start <= db.end and db.start <= da.end


def _names(m: Mention) -> frozenset[str]:
    return frozenset(a.id or a.text for a in m.actors)


def split_cause(parts: Sequence[Sequence[Mention]]) -> str:
    """The first policy-visible difference between the lull events one gold event sits in."""
    reps = [p[0] for p in parts]
    everyone = [m for p in parts for m in p]
    if len({m.aggregate for m in everyone}) > 1:
        return "aggregate and incident mentions (never merged, by policy)"
    if len({_countable(m) for m in everyone}) > 1:
        return "a negated, hypothetical or future part, which joins only by strict evidence (a shared argument)"
    if len({m.type for m in reps}) > 1:
        return "types differ (" + " vs ".join(sorted({str(m.type) for m in reps})) + ")"
    if any(m.date is None for m in reps) and any(m.date is not None for m in reps):
        return "one part undated, another dated (no time evidence to join)"
    if any(not _overlap(a, b) for i, a in enumerate(reps) for b in reps[i + 1:]):
        return "lull dates disagree"
    named = [_names(m) for m in reps if _names(m)]
    if len(named) > 1 and not frozenset.intersection(*named):
        return "actors disagree"
    return "no conflicting evidence, too little shared evidence to join"


def merge_cause(golds: Mapping[str, Sequence[Mapping]], mentions: Sequence[Mention]) -> str:
    """Why gold events that differ ended in one lull event (``golds``: gold rows per gold event)."""
    firsts = [rows[0] for rows in golds.values()]
    if len({bool(g["aggregate"]) for g in firsts}) > 1:
        return "a gold campaign and a gold incident (lull read both alike)"
    if any(m.date is None for m in mentions):
        return "an undated lull mention joined by story or place evidence"
    if len({(g["date_start"], g["date_end"]) for g in firsts}) > 1:
        return "gold dates differ, lull's dates were too coarse to tell them apart"
    return "same type, date and place at lull's precision (gold tells them apart by participants)"


def linking_errors(pairs: Iterable[tuple[str, Mapping, Mention]],
                   linked: Mapping[str, tuple[str, str]]) -> list[LinkingError]:
    """Every split gold event and merging lull event over the aligned (gold id, gold row, lull mention) ``pairs``.

    ``linked`` maps a gold mention id to (gold cluster, lull cluster), as scored."""
    by_gold: dict[str, dict[str, list[tuple[Mapping, Mention]]]] = defaultdict(lambda: defaultdict(list))
    by_event: dict[str, dict[str, list[Mapping]]] = defaultdict(lambda: defaultdict(list))
    mentions_of: dict[str, list[Mention]] = defaultdict(list)
    for gold_id, gold, mention in pairs:
        gold_key, event_key = linked[gold_id]
        by_gold[gold_key][event_key].append((gold, mention))
        by_event[event_key][gold_key].append(gold)
        mentions_of[event_key].append(mention)
    errors = [LinkingError("split", key, split_cause([[m for _, m in part] for part in events.values()]),
                           tuple(_part(part) for part in events.values()))
              for key, events in sorted(by_gold.items()) if len(events) > 1]
    errors += [LinkingError("merged", key, merge_cause(golds, mentions_of[key]),
                            tuple(f"{g} ({len(rows)}x, gold {rows[0]['date_start'] or '..'}/"
                                  f"{rows[0]['date_end'] or '..'})" for g, rows in golds.items()))
               for key, golds in sorted(by_event.items()) if len(golds) > 1]
    return errors


def cause_counts(errors: Iterable[LinkingError]) -> dict[tuple[str, str], int]:
    """How many splits and merges each cause explains: the summary line of the listing."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for error in errors:
        counts[(error.kind, error.cause)] += 1
    return dict(sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1])))
