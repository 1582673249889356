"""Event-count inflation on the five samples: events the full pipeline produces / true events in the gold.

Why: the worst failure of event data is counting reports instead of events.
The true events are the hand-made clusters of gold mentions in
``tests/gold/event_clusters.jsonl`` (37 events; negated, hypothetical, future
and aggregate mentions are not events). Every mention belongs to a system
event, but only countable ones (``Event.countable``: incidents) are counted. The samples go through the real
path (ingest into a temporary store, extraction, ``resolve_events``), so the
figure counts extraction errors (spurious mentions, missed aggregates) as
well as resolution errors. 1.0 is ideal; above 1 is inflation.

Second row: of the true events with at least one mention the coder found
(gold and system mentions aligned by ``lull.evaluate.events.match_mentions``), how
many are exactly one system event (not split across several, not merged with
another true event): the resolver's own share of the problem.

Diagnostics on stderr: the true events that are split and the system events
that merge several true events, each with its mentions (document, trigger,
type, modality, actors, recipients, place, date), so a reader can tell a
resolver rule from a coder error (a wrong actor or a missed place).

Run: ``.venv/bin/python benchmarks/bench_inflation.py`` (about 10 s).
"""
from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from pathlib import Path

from _common import REPO, Row, emit, load_function, progress

BENCHMARK = "event-count inflation (samples)"
CLUSTERS = REPO / "tests" / "gold" / "event_clusters.jsonl"
GOLD = REPO / "tests" / "gold" / "events.jsonl"


def main() -> None:
    resolve = load_function("lull.link.cluster", "resolve_events")
    data = "5 bundled samples; true events from tests/gold/event_clusters.jsonl"
    if isinstance(resolve, str):
        emit(Row(BENCHMARK, data, "events / true events", None, notes=resolve, status="skipped"))
        return
    from lull import Store, ingest, samples_path
    from lull.evaluate.events import documents_by_stem, load_gold, match_mentions
    from lull.extract.documents import extract_document
    from lull.nlp.pipeline import build_pipeline
    from lull.records import Mention
    from lull.knowledge import Knowledge
    from lull.settings import Settings

    clusters = [json.loads(line) for line in CLUSTERS.read_text(encoding="utf-8").splitlines() if line.strip()]
    true_event = {line: c["event"] for c in clusters if c["event"] for line in c["lines"]}
    n_true = sum(1 for c in clusters if c["event"])
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "lull.db") as store:
        ingest([str(samples_path())], store=store, settings=settings)
        documents = documents_by_stem(store.documents())
    knowledge = Knowledge.load(settings)
    kb = knowledge.actors
    nlp = build_pipeline(settings, knowledge=knowledge)
    mentions = [m for d in documents.values() for m in extract_document(d, nlp=nlp).mentions if isinstance(m, Mention)]
    events = resolve(mentions, kb=kb, documents={d.id: d for d in documents.values()})
    counted = [e for e in events if e.countable]  # every mention has an event; incidents are what counts
    progress(f"{len(mentions)} mentions -> {len(events)} events, {len(counted)} countable; {n_true} true events")
    emit(Row(BENCHMARK, data, "events / true events", round(len(counted) / n_true, 2), n=n_true,
             notes=f"{len(counted)} countable events ({len(events)} in all) from {len(mentions)} mentions; "
                   "1.0 is ideal"))

    pairs, _, _ = match_mentions(load_gold(GOLD), mentions, documents)
    event_of = {mid: e.id for e in events for mid in e.mention_ids}
    system_events: dict[str, set[str]] = defaultdict(set)  # true event -> system events holding its mentions
    true_events: dict[str, set[str]] = defaultdict(set)  # system event -> true events among its mentions
    for g, m in pairs:
        truth = true_event.get(g.line)
        if truth and m.id in event_of:
            system_events[truth].add(event_of[m.id])
            true_events[event_of[m.id]].add(truth)
    exact = [t for t, found in system_events.items() if len(found) == 1 and len(true_events[next(iter(found))]) == 1]
    split = sorted(t for t, found in system_events.items() if len(found) > 1)
    merged = sorted(e for e, truths in true_events.items() if len(truths) > 1)
    progress(f"split: {', '.join(split)}")
    progress(f"merged: {'; '.join(' + '.join(sorted(true_events[e])) for e in merged)}")
    members = {e.id: e.mention_ids for e in events}
    by_id = {m.id: m for m in mentions}
    stems = {d.id: stem for stem, d in documents.items()}
    shown = [(truth, ev) for truth in split for ev in sorted(system_events[truth])]
    shown += [(" + ".join(sorted(true_events[ev])), ev) for ev in merged]
    for label, ev in shown:
        progress(f"  {label} / {ev}:")
        for mid in members[ev]:
            progress(f"    {_describe(by_id[mid], stems)}")
    emit(Row(BENCHMARK, data, "true events resolved to exactly one event", round(len(exact) / len(system_events), 2)
             if system_events else None, n=len(system_events),
             notes=f"{len(exact)} of {len(system_events)} true events with found mentions; split: {len(split)}"))


def _parties(actors) -> str:
    return ",".join(a.id or f"'{a.text}'" for a in actors) or "-"


def _describe(m, stems: dict[str, str]) -> str:
    """One line per mention for the split diagnostics: where it is and the fields the resolver compares."""
    place = m.place.name or m.place.text if m.place is not None else "-"
    when = m.date.iso() if m.date is not None else "-"
    return (f"{stems.get(m.doc_id, m.doc_id)[:3]} @{m.trigger.start} {m.trigger.text!r} {m.type} {m.modality} "
            f"actors={_parties(m.actors)} recipients={_parties(m.recipients)} place={place} date={when}")


if __name__ == "__main__":
    main()
