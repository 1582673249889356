"""Lulls and surges of an actor's activity, each with a calibrated confidence and its evidence.

Three kinds of evidence are combined, not averaged: each moves the log-odds
that the lull is real by its own amount, so two independent kinds agreeing
make a lull more certain than either alone.

* **observed** (the series). For each gap of at least ``min_days`` quiet days
  after an event, the daily rate before it is estimated from the
  ``window_days`` before (a Gamma posterior, so a rate from few events is
  uncertain and the predictive is negative binomial). The probability of no
  event in ``d`` days if nothing changed is ``P0 = (b / (b + d)) ** a``. The
  prior probability that a pause began in that interval follows from a stated
  hazard (``pause_hazard``: a regime change about twice a year per actor):
  ``pi = 1 - exp(-hazard * b / a)``; a pause lasts ``mean_pause_days`` on
  average (exponential beyond ``min_days``). The confidence is the posterior
  probability of a pause given the gap: for a gap that ended (an event came)
  the probability of exactly ``d`` quiet days under each hypothesis, for one
  that runs on (ongoing) the probability of at least ``d``. Fewer than ``min_events_before`` events in
  the window make the series evidence *insufficient*, not negative.
  Change points (``ruptures`` Pelt, L2 cost, penalty ``2 * sigma**2 * ln n``
  with ``sigma`` the MAD noise scale of first differences) near a lull's start
  or end are attached as corroboration; they come from the same counts, so they
  do not move the confidence. Surges are the mirror image on weekly counts (an
  increase by ``surge_factor`` against the same Gamma predictive), and ACLED's
  stated Surge Tracker rule (a week >= 100 % above the mean of the four before,
  the four-week mean at least one event) is reported beside ours as its own
  evidence ``acled_surge_rule``.
* **declared**: the group itself announces a suspension (RETREAT or CONCEDE
  with only the actor as source, or an explanation of the calm by one of its
  own members). Each multiplies the odds by ``declared_lr``.
* **reported**: a source states the pause ("there has not been any strike
  since February 2"), with its date, a partial date (``--02-02``) resolved
  against the actor's dated activity. Each independent outlet multiplies the
  odds by ``reported_lr`` (at most ``max_outlets`` count).

The observed posterior is calibrated on simulated Poisson series with known
pauses (``benchmarks/bench_lull_calibration.py``); the declared and reported
likelihood ratios are stated judgements, not yet measured.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import numpy as np

from ..records import Actor, Document, Event, Explanation, Mention
from .series import ActorHierarchy, Series, SeriesFilter, actor_key, build_series, involves, lineage

KINDS = ("lull", "surge")
EVIDENCE_KINDS = ("observed", "declared", "reported", "change_point", "acled_surge_rule", "insufficient")
HALT_DIRECTIONS = ("halt", "pause", "decline")
_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class LullSettings:
    """The stated rules and priors of the detector (every number here is a judgement named in the docs)."""

    window_days: int = 28  # rate before and after
    min_days: int = 14  # the shortest quiet spell called a lull (a week-long truce is a pause, not a lull)
    min_events_before: int = 4  # fewer in the window: the series cannot speak
    pause_hazard: float = 1 / 180  # prior: a pause begins about twice a year per actor
    prior_shape: float = 0.5  # Gamma prior on the daily rate: a0 = prior_shape + series-wide rate * prior_days,
    prior_days: float = 28.0  # b0 = prior_days (shrinks a window's rate toward the series' long-run rate)
    mean_pause_days: float = 60.0  # prior: a pause lasts two months on average (exponential beyond min_days)
    threshold: float = 0.5  # lulls and surges below this confidence are not listed
    declared_lr: float = 4.0
    reported_lr: float = 2.5
    max_outlets: int = 3
    match_days: int = 10  # a reported start this close to an observed one is the same lull
    report_reach_days: int = 120  # an undated report joins a lull that began at most this long before it
    surge_factor: float = 3.0
    min_surge_events: int = 3


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence behind a lull or surge. ``weight`` is its log-odds contribution (``None`` when
    it corroborates without counting, like change points computed from the same series)."""

    kind: str
    summary: str
    weight: float | None = None
    day: date | None = None
    doc_id: str | None = None
    source_id: str | None = None
    sentence: str | None = None
    outlet: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "summary": self.summary, "weight": _round(self.weight),
                "date": self.day.isoformat() if self.day else None, "doc_id": self.doc_id,
                "source_id": self.source_id, "sentence": self.sentence, "outlet": self.outlet}


@dataclass(frozen=True, slots=True)
class Lull:
    """A lull (or surge): whose activity, against whom, from when to when, how sure, and why we think so.

    ``start`` is the first quiet day (the surge's first week), ``end`` the last quiet day (``None`` while
    ``ongoing`` or unknown); ``start_text`` keeps a partial or bounded start ("--02-02", "<=2023-04-29").
    Rates are events per week."""

    id: str
    kind: str
    actor: str
    recipient: str | None
    start: date | None
    end: date | None
    ongoing: bool
    confidence: float
    rate_before: float | None
    rate_after: float | None
    evidence: tuple[Evidence, ...]
    start_text: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "actor": self.actor, "recipient": self.recipient,
                "start": self.start.isoformat() if self.start else self.start_text,
                "end": self.end.isoformat() if self.end else None, "ongoing": self.ongoing,
                "confidence": round(self.confidence, 3), "rate_before": _round(self.rate_before),
                "rate_after": _round(self.rate_after), "evidence": [e.to_json() for e in self.evidence]}


# --- reports: what sources and the groups themselves say -------------------------------------------


@dataclass(frozen=True, slots=True)
class Report:
    """A statement that an actor's activity stopped: ``declared`` by the actor, or ``reported`` by others.

    ``since`` is the date the pause began per the source; ``partial`` keeps a (month, day) whose year the
    text does not give, with ``years`` the years it may fall in."""

    kind: str
    actor: Actor
    recipient: Actor | None
    doc_id: str
    source_id: str
    sentence: str
    stated_on: date | None = None
    since: date | None = None
    partial: tuple[int, int] | None = None
    years: tuple[int, int] | None = None
    outlet: str | None = None


_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), start=1)}
_MONTH = "|".join(_MONTHS)
_SINCE = re.compile(
    rf"\bsince\s+(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)"
    rf"(?:,?\s+(?P<y>\d{{4}}))?", re.IGNORECASE)
_SINCE_THEN = re.compile(r"\bsince then\b", re.IGNORECASE)
_ON_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)"
    rf"(?:,?\s+(?P<y>\d{{4}}))?", re.IGNORECASE)


def read_since(sentence: str, before: str = "") -> tuple[int, int, int | None] | None:
    """(month, day, year or None) of "since February 2" / "since 2 February 2024" in ``sentence``; for
    "since then", the last date written in ``before`` (the text preceding the sentence)."""
    found = _SINCE.search(sentence)
    if found is None and _SINCE_THEN.search(sentence) and before:
        dates = list(_ON_DATE.finditer(before))
        found = dates[-1] if dates else None
    if found is None:
        return None
    month = _MONTHS[(found["m1"] or found["m2"]).lower()]
    day = int(found["d1"] or found["d2"])
    return month, day, int(found["y"]) if found["y"] else None


def reports(*, events: Iterable[Event] = (), mentions: Iterable[Mention] = (),
            explanations: Iterable[Explanation] = (), documents: Iterable[Document] = (),
            kb: ActorHierarchy) -> tuple[Report, ...]:
    """Every declared or reported pause in ``events`` (RETREAT/CONCEDE), ``mentions`` (negated attacks:
    "there has not been any strike since ...", and pause mentions) and ``explanations`` of halts."""
    docs = {d.id: d for d in documents}
    found: list[Report] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: str, actor: Actor, recipient: Actor | None, doc_id: str, source_id: str, sentence: str,
            sentence_start: int) -> None:
        if (source_id, actor_key(actor)) in seen:
            return
        seen.add((source_id, actor_key(actor)))
        doc = docs.get(doc_id)
        stated = doc.published.start if doc and doc.published else None
        before = doc.text[max(0, sentence_start - 400):sentence_start] if doc else ""
        since = read_since(sentence, before)
        report = Report(kind, actor, recipient, doc_id, source_id, sentence, stated_on=stated,
                        outlet=doc.outlet if doc else None)
        if since is not None:
            month, day, year = since
            if year is not None:
                report = replace(report, since=_safe_date(year, month, day))
            else:
                report = replace(report, partial=(month, day), years=_years(doc, month, day))
        found.append(report)

    mentions = list(mentions)
    for m in mentions:
        pause = m.type == "RETREAT" and m.mode == "ceasefire" and m.modality in ("asserted", "reported", "claimed")
        negated_attack = m.type == "ASSAULT" and m.modality == "negated"
        if not (pause or negated_attack):
            continue
        kind = "declared" if m.modality == "claimed" else "reported"
        actors = m.actors or _nearest_actors(m, mentions)
        for actor in actors:
            recipient = m.recipients[0] if m.recipients else None
            add(kind, actor, recipient, m.doc_id, m.id, m.sentence.text, m.sentence.start)
    for e in events:
        if not e.countable or e.type not in ("RETREAT", "CONCEDE") or (e.type == "RETREAT" and e.mode not in (None, "ceasefire")):
            continue
        kind = "declared" if e.status == "claimed" else "reported"
        for actor in e.actors:
            report_on = e.date.start if e.date and e.date.precision == "day" else None
            r = Report(kind, actor, e.recipients[0] if e.recipients else None, e.doc_ids[0] if e.doc_ids else "",
                       e.id, "", stated_on=e.first_reported, since=report_on)
            if (e.id, actor_key(actor)) not in seen:
                seen.add((e.id, actor_key(actor)))
                found.append(r)
    for x in explanations:
        p = x.phenomenon
        if p.direction not in HALT_DIRECTIONS or p.actor is None or x.stance != "asserts":
            continue
        own = x.proponent is not None and _member_of(x.proponent, p.actor, kb)
        add("declared" if own else "reported", p.actor, p.recipient, x.doc_id, x.id, x.sentence.text,
            x.sentence.start)
    return tuple(_fill_from_document(found))


def _nearest_actors(m: Mention, mentions: Sequence[Mention]) -> tuple[Actor, ...]:
    """The KB actors of the nearest mention with any, in the same sentence or the ones just before
    ("Since February 2, when the Islamic Resistance in Iraq targeted ..., there has not been any strike")."""
    best = None
    for other in mentions:
        if other.doc_id != m.doc_id or other.id == m.id or other.sentence.start > m.sentence.start:
            continue
        known = tuple(a for a in other.actors if a.id)
        if known and m.sentence.start - other.sentence.start <= 400 and (
                best is None or other.sentence.start > best[0]):
            best = (other.sentence.start, known)
    return best[1] if best else ()


def _fill_from_document(found: list[Report]) -> list[Report]:
    """A report without a recipient takes the one most reports of the same article name."""
    by_doc: dict[str, Counter[str]] = {}
    recipients: dict[str, Actor] = {}
    for r in found:
        if r.recipient is not None and r.recipient.id:
            by_doc.setdefault(r.doc_id, Counter())[r.recipient.id] += 1
            recipients[r.recipient.id] = r.recipient
    filled = []
    for r in found:
        if r.recipient is None and by_doc.get(r.doc_id):
            r = replace(r, recipient=recipients[by_doc[r.doc_id].most_common(1)[0][0]])
        filled.append(r)
    return filled


def _member_of(proponent: Actor, group: Actor, kb: ActorHierarchy) -> bool:
    """Whether a proponent speaks for ``group``: it is the group or a member, or a person affiliated with
    one (a descriptive nominal such as "Iraqi factions" stands for the members of its umbrellas)."""
    if proponent.kind == "person":
        affiliation = getattr(kb, "affiliation", None)
        org = affiliation(proponent.id) if (affiliation and proponent.id) else None
        if org is None:
            return False
        line = {org.id, *kb.ancestors(org.id)}
    else:
        line = set(lineage(proponent, kb))
    wanted = {actor_key(group)}
    entry = kb.get(group.id) if (group.id and hasattr(kb, "get")) else None
    if entry is not None and getattr(entry, "generic", False):
        wanted.update(entry.parents)
    return bool(line & wanted)


def _years(doc: Document | None, month: int, day: int) -> tuple[int, int] | None:
    """The years a partial date stated in ``doc`` can fall in: up to its publication (a lower-bound
    publication date allows two more years)."""
    if doc is None or doc.published is None or doc.published.start is None:
        return None
    pub = doc.published
    first = pub.start.year if _safe_date(pub.start.year, month, day) <= pub.start else pub.start.year + 1
    if pub.is_lower_bound:
        return (first - 1 if first > pub.start.year else first, pub.start.year + 2)
    latest = pub.end or pub.start
    year = latest.year if _safe_date(latest.year, month, day) <= latest else latest.year - 1
    return (year, year)


def _safe_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, 28)


# --- observed evidence -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Gap:
    """A quiet spell in a daily series and its posterior probability of being a real pause."""

    last_event: date
    start: date
    end: date | None  # last quiet day; None if ongoing at the series' end
    days: int
    events_before: int
    exposure: int
    p_no_change: float | None  # predictive probability of this gap if the rate had not changed
    posterior: float | None  # None when the window holds too few events
    rate_after: float | None


def gaps(series: Series, settings: LullSettings = LullSettings(), *, as_of: date | None = None) -> list[Gap]:
    """Every quiet spell of at least ``min_days`` days in a daily ``series`` (to ``as_of``, default its end)."""
    if series.freq != "day":
        raise ValueError("gaps need a daily series (build_series(..., freq='day'))")
    counts = np.asarray(series.counts, dtype=float)
    horizon = as_of or series.end
    total_days = (horizon - series.start).days + 1
    if total_days > len(counts):
        counts = np.concatenate([counts, np.zeros(total_days - len(counts))])
    cumulative = np.concatenate([[0.0], np.cumsum(counts)])
    busy = np.flatnonzero(counts > 0)
    found: list[Gap] = []
    w = settings.window_days
    long_run = cumulative[-1] / max(1, len(counts))
    a0, b0 = settings.prior_shape + long_run * settings.prior_days, settings.prior_days
    for k, i in enumerate(busy):
        nxt = int(busy[k + 1]) if k + 1 < len(busy) else None
        quiet = (nxt - i - 1) if nxt is not None else (len(counts) - 1 - i)
        if quiet < settings.min_days:
            continue
        lo = max(0, i - w + 1)
        # the event that opens the gap is the condition, not evidence of the rate: leave it out
        n = cumulative[i + 1] - cumulative[lo] - 1
        exposure = i + 1 - lo
        a, b = a0 + n, b0 + exposure
        p0 = (b / (b + quiet)) ** a  # survival: no event in `quiet` days if nothing changed
        posterior = None
        if n >= settings.min_events_before:
            prior = 1 - math.exp(-settings.pause_hazard * b / a)
            posterior = _pause_posterior(prior, a, b, quiet, ended=nxt is not None, settings=settings)
        rate_after = None
        if nxt is not None:
            hi = min(len(counts), nxt + w)
            rate_after = 7 * (cumulative[hi] - cumulative[nxt]) / max(1, hi - nxt)
        first_quiet = series.start + (int(i) + 1) * _DAY
        found.append(Gap(series.start + int(i) * _DAY, first_quiet,
                         first_quiet + (quiet - 1) * _DAY if nxt is not None else None, int(quiet), int(n),
                         int(exposure), float(p0), None if posterior is None else float(posterior),
                         None if rate_after is None else float(rate_after)))
    return found


def _pause_posterior(prior: float, a: float, b: float, quiet: int, *, ended: bool, settings: LullSettings) -> float:
    """P(a pause began | the gap) for a gap of ``quiet`` days that ``ended`` (an event came) or runs on.

    No change: the Gamma-Poisson predictive (survival ``(b / (b + d)) ** a``; an ended gap has the
    probability of exactly ``d`` quiet days). Pause: durations beyond ``min_days`` are exponential with
    mean ``mean_pause_days`` (survival for a gap that runs on, density for one that ended)."""
    scale = max(1.0, settings.mean_pause_days - settings.min_days)
    excess = max(0, quiet - settings.min_days)
    if ended:
        h0 = (b / (b + quiet)) ** a - (b / (b + quiet + 1)) ** a
        h1 = math.exp(-excess / scale) * (1 - math.exp(-1 / scale))
    else:
        h0 = (b / (b + quiet)) ** a
        h1 = math.exp(-excess / scale)
    return prior * h1 / (prior * h1 + (1 - prior) * h0)


def robust_sigma(values: np.ndarray) -> float:
    """Noise scale from the median absolute first difference (insensitive to level shifts); 1.0 if flat."""
    x = np.asarray(values, dtype=float).reshape(len(values), -1)
    if len(x) < 3:
        return 1.0
    diffs = np.diff(x, axis=0)
    mad = np.median(np.abs(diffs - np.median(diffs, axis=0)), axis=0) / 0.6745 / math.sqrt(2)
    spread = np.where(mad > 0, mad, np.std(x, axis=0))
    sigma = float(np.sqrt(np.mean(spread ** 2)))
    return sigma if sigma > 0 else 1.0


def change_points(values: Sequence[float] | np.ndarray, *, min_size: int = 2) -> list[int]:
    """Indices where a new regime starts (Pelt, L2 cost, penalty 2 sigma^2 ln n, sigma = robust_sigma)."""
    import ruptures  # deferred: only the analysis needs it

    x = np.asarray(values, dtype=float)
    if x.ndim == 1:
        x = x.reshape(-1, 1)
    n = len(x)
    if n < 2 * min_size + 1:
        return []
    sigma = robust_sigma(x)
    penalty = 2 * sigma ** 2 * math.log(n) * x.shape[1]
    ends = ruptures.Pelt(model="l2", min_size=min_size, jump=1).fit(x).predict(pen=penalty)
    return [int(e) for e in ends[:-1]]


def acled_surge_weeks(weekly: Sequence[int]) -> list[int]:
    """ACLED Surge Tracker rule: week ``i`` counts >= 2x the mean of the four weeks before, that mean >= 1."""
    flagged = []
    for i in range(4, len(weekly)):
        mean = sum(weekly[i - 4:i]) / 4
        if mean >= 1 and weekly[i] >= 2 * mean:
            flagged.append(i)
    return flagged


def _nb_sf(c: int, a: float, b: float, t: float) -> float:
    """P(X >= c) for a Poisson count over ``t`` days whose rate has a Gamma(a, b) posterior."""
    from scipy.stats import nbinom  # deferred

    return float(nbinom.sf(c - 1, a, b / (b + t)))


def surges(weekly: Series, settings: LullSettings = LullSettings()) -> list[tuple[int, float, float]]:
    """(week index, confidence, rate before per week) of every week whose count is unlikely under the
    rate of the four weeks before and likely under ``surge_factor`` times it."""
    counts = weekly.counts
    found = []
    for i in range(4, len(counts)):
        c = counts[i]
        n = sum(counts[i - 4:i])
        if c < settings.min_surge_events or n < settings.min_events_before:
            continue
        a, b = settings.prior_shape + n, 28.0
        p0 = _nb_sf(c, a, b, 7)
        p1 = _nb_sf(c, a, b / settings.surge_factor, 7)
        prior = 1 - math.exp(-settings.pause_hazard * 7)
        confidence = prior * p1 / (prior * p1 + (1 - prior) * p0)
        if confidence >= settings.threshold:
            found.append((i, confidence, n / 4))
    return found


# --- lulls ----------------------------------------------------------------------------------------------


def find_lulls(events: Sequence[Event], *, kb: ActorHierarchy, actor: str, recipient: str | None = None,
               type: str | None = "ASSAULT", status: str = "all", reports_: Iterable[Report] = (),
               as_of: date | None = None, settings: LullSettings = LullSettings()) -> tuple[Lull, ...]:
    """The lulls and surges of ``actor``'s events (of ``type``, against ``recipient``; members roll up),
    from the series, the declarations and the reports, most confident first.

    ``as_of`` is the last day the data covers (default: the last event): a gap running to it is ongoing."""
    wanted = SeriesFilter(actor=actor, recipient=recipient, type=type, status=status)
    daily = build_series(events, kb=kb, filter=wanted, freq="day", end=as_of)
    scoped = [r for r in reports_ if involves((r.actor,), actor, kb) or _generic_for(r.actor, actor, kb)]
    scoped = [r for r in scoped if recipient is None or r.recipient is None or _same_side(r.recipient, recipient, kb)]
    scoped = [_resolve_partial(r, daily, events, kb, actor) for r in scoped]
    lulls: list[Lull] = []
    used: set[str] = set()
    has_series = sum(daily.counts) > 0
    cps = _change_days(daily) if has_series else []
    for gap in gaps(daily, settings, as_of=as_of) if has_series else []:
        evidence: list[Evidence] = []
        logit = None
        if gap.posterior is not None:
            logit = _logit(gap.posterior)
            evidence.append(Evidence("observed", (
                f"{gap.days} quiet days after {gap.events_before} events in {gap.exposure} days; "
                f"P(no event | no change) = {gap.p_no_change:.2g}"), weight=logit, day=gap.start))
        matched = [r for r in scoped if r.source_id not in used and _report_matches(r, gap, settings)]
        if logit is None and not matched:
            continue
        logit = (logit if logit is not None else 0.0) + _report_weight(matched, settings, evidence)
        used.update(r.source_id for r in matched)
        for day in cps:
            if abs((day - gap.start).days) <= 7 or (gap.end and abs((day - gap.end).days - 1) <= 7):
                evidence.append(Evidence("change_point", f"Pelt change point on {day.isoformat()} "
                                         "(L2, penalty 2 sigma^2 ln n)", day=day))
        confidence = _sigmoid(logit)
        if confidence < settings.threshold:
            continue
        rate_before = 7 * gap.events_before / gap.exposure
        lulls.append(_lull("lull", actor, recipient, gap.start, gap.end, gap.end is None, confidence,
                           rate_before, gap.rate_after, evidence))
    lulls.extend(_report_only_lulls([r for r in scoped if r.source_id not in used], actor, recipient, settings))
    if has_series:
        lulls.extend(_surges(events, kb, wanted, daily, settings, actor, recipient))
    return tuple(sorted(lulls, key=lambda x: (-x.confidence, x.start or date.min)))


def _lull(kind: str, actor: str, recipient: str | None, start: date | None, end: date | None, ongoing: bool,
          confidence: float, rate_before: float | None, rate_after: float | None, evidence: Sequence[Evidence],
          start_text: str | None = None) -> Lull:
    anchor = start.isoformat() if start else (start_text or ",".join(sorted(e.source_id or "" for e in evidence)))
    digest = hashlib.sha1(f"{kind}|{actor}|{recipient}|{anchor}".encode()).hexdigest()[:12]
    return Lull(digest, kind, actor, recipient, start, end, ongoing, confidence, rate_before, rate_after,
                tuple(evidence), start_text)


def _generic_for(reported: Actor, actor: str, kb: ActorHierarchy) -> bool:
    """A report about a descriptive umbrella ("Iraqi factions") speaks for the actor it stands for."""
    return reported.id is not None and actor in kb.ancestors(reported.id) or (
        reported.id is not None and reported.id in kb.ancestors(actor))


def _same_side(a: Actor, wanted: str, kb: ActorHierarchy) -> bool:
    """Recipients are compatible when one is the other or among its ancestors (US forces / United States)."""
    keys = lineage(a, kb)
    return wanted in keys or (a.id is not None and a.id in kb.ancestors(wanted))


def _resolve_partial(report: Report, daily: Series, events: Sequence[Event], kb: ActorHierarchy,
                     actor: str) -> Report:
    """Give a partial date ("--02-02") the year in its range nearest to the actor's dated activity."""
    if report.partial is None or report.years is None:
        return report
    month, day = report.partial
    own = [e.date.start for e in events
           if e.countable and e.date is not None and e.date.start is not None and involves(e.actors, actor, kb)]
    candidates = [_safe_date(y, month, day) for y in range(report.years[0], report.years[1] + 1)]
    if report.years[0] == report.years[1]:
        return replace(report, since=candidates[0])
    best = None
    for candidate in candidates:
        distance = min((abs((candidate - d).days) for d in own), default=None)
        if distance is not None and distance <= 30 and (best is None or distance < best[0]):
            best = (distance, candidate)
    return replace(report, since=best[1]) if best else report


def _report_matches(report: Report, gap: Gap, settings: LullSettings) -> bool:
    if report.since is not None:
        return abs((report.since - gap.last_event).days) <= settings.match_days
    if report.stated_on is None:
        return False
    until = gap.end or date.max
    return gap.start <= report.stated_on <= until + timedelta(days=settings.match_days)


def _report_weight(matched: Sequence[Report], settings: LullSettings, evidence: list[Evidence]) -> float:
    """Log-odds from declarations (each) and reports (each independent outlet, at most ``max_outlets``)."""
    weight = 0.0
    outlets: set[str] = set()
    for r in matched:
        if r.kind == "declared":
            w = math.log(settings.declared_lr)
        else:
            outlet = r.outlet or r.doc_id
            w = math.log(settings.reported_lr) if outlet not in outlets and len(outlets) < settings.max_outlets \
                else 0.0
            outlets.add(outlet)
        weight += w
        when = r.since.isoformat() if r.since else (
            f"--{r.partial[0]:02d}-{r.partial[1]:02d}" if r.partial else "undated")
        evidence.append(Evidence(r.kind, f"{r.actor.text} stopped, since {when}", weight=w,
                                 day=r.since or r.stated_on, doc_id=r.doc_id, source_id=r.source_id,
                                 sentence=r.sentence or None, outlet=r.outlet))
    return weight


def _report_only_lulls(left: Sequence[Report], actor: str, recipient: str | None,
                       settings: LullSettings) -> list[Lull]:
    """Lulls that only sources state: reports grouped by start (dated within ``match_days``); an undated
    report joins a group that began at most ``report_reach_days`` before it was published."""
    dated = sorted((r for r in left if r.since is not None), key=lambda r: r.since)
    groups: list[list[Report]] = []
    for r in dated:
        if groups and (r.since - groups[-1][0].since).days <= settings.match_days:
            groups[-1].append(r)
        else:
            groups.append([r])
    groups.extend([r] for r in left if r.since is None and r.partial is not None)
    loose: list[Report] = []
    for r in left:
        if r.since is not None or r.partial is not None:
            continue
        home = next((g for g in groups if any(o.doc_id == r.doc_id for o in g)), None)
        if home is None and r.stated_on is not None:
            for g in groups:
                if g[0].since is not None and g[0].since <= r.stated_on <= g[0].since + timedelta(
                        days=settings.report_reach_days):
                    home = g
        if home is not None:
            home.append(r)
        else:
            loose.append(r)
    rest = [r for r in loose if r.partial is None]
    by_publication: dict[date | None, list[Report]] = {}
    for r in rest:
        by_publication.setdefault(r.stated_on, []).append(r)
    for stated, members in sorted(by_publication.items(), key=lambda kv: kv[0] or date.min):
        placed = False
        for g in groups:
            if g[0].since is None and g[0].partial is None and g[0].stated_on and stated and \
                    abs((g[0].stated_on - stated).days) <= settings.report_reach_days:
                g.extend(members)
                placed = True
                break
        if not placed:
            groups.append(members)
    lulls = []
    for g in groups:
        evidence: list[Evidence] = []
        logit = _report_weight(g, settings, evidence)
        confidence = _sigmoid(logit)
        if confidence < settings.threshold:
            continue
        first = g[0]
        start_text = None
        if first.since is None:
            if first.partial is not None:
                span = f" (year {first.years[0]}-{first.years[1]})" if first.years else ""
                start_text = f"--{first.partial[0]:02d}-{first.partial[1]:02d}{span}"
            else:
                stated = [r.stated_on for r in g if r.stated_on]
                start_text = f"<={min(stated).isoformat()}" if stated else None
        lulls.append(_lull("lull", actor, recipient, first.since, None, True, confidence, None, None, evidence,
                           start_text))
    return lulls


def _change_days(daily: Series) -> list[date]:
    """Change points of the weekly totals of a daily series, as the first day of the new regime."""
    counts = np.asarray(daily.counts, dtype=float)
    weeks = len(counts) // 7
    if weeks < 5:
        return []
    weekly = counts[: weeks * 7].reshape(weeks, 7).sum(axis=1)
    return [daily.start + timedelta(days=7 * i) for i in change_points(weekly)]


def _surges(events: Sequence[Event], kb: ActorHierarchy, wanted: SeriesFilter, daily: Series,
            settings: LullSettings, actor: str, recipient: str | None) -> list[Lull]:
    weekly = build_series(events, kb=kb, filter=wanted, freq="week", start=daily.start, end=daily.end)
    acled = set(acled_surge_weeks(weekly.counts))
    found = []
    bins = weekly.bins()
    for i, confidence, rate in surges(weekly, settings):
        evidence = [Evidence("observed", f"{weekly.counts[i]} events in the week after {rate:.1f} a week in the "
                             f"four before", weight=_logit(confidence), day=bins[i])]
        if i in acled:
            evidence.append(Evidence("acled_surge_rule", "ACLED rule: >= 100 % above the mean of the four weeks "
                                     "before (mean >= 1)", day=bins[i]))
        after = weekly.counts[i + 1:i + 5]
        found.append(_lull("surge", actor, recipient, bins[i], bins[i] + timedelta(days=6), False, confidence,
                           rate, (sum(after) / len(after)) if after else None, evidence))
    return found


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x > -700 else 0.0


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 3)
