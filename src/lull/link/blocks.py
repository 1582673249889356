"""The blocks of incremental linking: which stored mentions are re-linked together when documents come and go.

Blocks. A run re-links only the blocks that new or deleted mentions touch,
so its cost follows the new documents, not the store.
``link_blocks`` draws the blocks of one document's mentions:

* a mention with a **fine or month date** (both ends known, at most
  ``BLOCK_SPAN_DAYS`` wide: day, week, month) is in every ISO week its span
  touches, widened by a day on each side (two day-precision dates a day
  apart may match): "2024-W04"; a month is in five or six weeks, so it meets
  every finer date it overlaps;
* a mention **without one** (undated; an open "since X" / "on or before X";
  a season, a year or wider) is in the weeks of its document's publication
  window: the ``NEAR_WEEKS`` weeks up to the publication day (it happened on
  or before it, and reports without a fine date meet another document's
  only when published within ``NEAR_WEEKS`` of each other: "bare" and
  "standing" in match.py). A lower-bound publication (">=2024-12-08",
  inferred from the text) stands for a day up to ``NEAR_WEEKS`` weeks
  later, so its window runs that far past it. A document with no
  publication date puts such mentions in the block "undated", a block of
  their own. A year is not put in its 53 weeks: most articles name a year
  or two, and each new document would then re-link whole years of the store;
* every mention without a fine or month date is also in the weeks of its
  document's fine- or month-dated mentions of the same type, so "the attack"
  meets the dated report it continues, and a re-told old event meets the
  event it re-tells.

Blocks are weeks, not type x week x country: an accusation links to another
type's event at its place and day (``find_voices``), so a block holds every
type of its week (clustering never crosses types anyway); and a country is no
key, since a mention without a place is compatible with every country and
sites near a border (Tower 22, al-Tanf) match across one. Re-linking reads
the mentions of the dirty blocks plus every mention of the events they belong
to (whole events, so none is split unseen), and the quotes and mentions of
those documents (for voices); it writes back only those events. The first run
of a store puts every mention in a dirty block, so it links exactly as one
global run. What blocking gives up: a report without a fine or month date
joins another document's event outside its publication window only in a
global run (``resolve_events`` over every stored mention); across
documents such a join needs the same precise place (a coarse date alone is no
evidence), as when a 2024 article re-tells "the 2020 assassination" that a
2020 report dated to the day.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from ..records import DateSpan, Mention
from .match import NEAR_WEEKS

BLOCK_SPAN_DAYS = 40  # day, week and month dates are blocked by the weeks they touch; wider ones as undated
UNDATED_BLOCK = "undated"


def link_blocks(mentions: Sequence[Mention], *, published: DateSpan | None) -> dict[str, tuple[str, ...]]:
    """The blocks of each mention of one document (by mention id), under the rules of "Blocks" above."""
    own = {m.id: _date_weeks(m.date) for m in mentions}
    by_type: dict[str, dict[str, None]] = defaultdict(dict)
    for m in mentions:
        by_type[m.type].update(dict.fromkeys(own[m.id]))
    window = _publication_weeks(published)
    return {m.id: own[m.id] or tuple(dict.fromkeys((*window, *by_type[m.type]))) for m in mentions}


def _weeks(start: date, end: date) -> tuple[str, ...]:
    """ISO weeks ("2024-W04") that the days ``start``..``end`` touch."""
    out, day = [], start - timedelta(days=start.isoweekday() - 1)
    while day <= end:
        year, week, _ = day.isocalendar()
        out.append(f"{year:04d}-W{week:02d}")
        day += timedelta(days=7)
    return tuple(out)


def _date_weeks(span: DateSpan | None) -> tuple[str, ...]:
    if span is None or span.start is None or span.end is None or (span.end - span.start).days > BLOCK_SPAN_DAYS:
        return ()
    return _weeks(span.start - timedelta(days=1), span.end + timedelta(days=1))


def _publication_weeks(published: DateSpan | None) -> tuple[str, ...]:
    if published is None or (published.start is None and published.end is None):
        return (UNDATED_BLOCK,)
    near = timedelta(weeks=NEAR_WEEKS)
    if published.end is not None:
        return _weeks(published.end - near, published.end)
    return _weeks(published.start - near, published.start + near)
