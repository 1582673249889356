"""Where lull fails on gold-dev: a readable report per failure class and per document, for developers.

Usage::

    .venv/bin/python benchmarks/diagnose_gold_dev.py                     # report in /tmp/gold_dev_diag.md
    .venv/bin/python benchmarks/diagnose_gold_dev.py out.md --fresh      # re-run lull first
    .venv/bin/python benchmarks/diagnose_gold_dev.py --store /tmp/golddev.db

The extracted store is cached (``--store``, default /tmp/golddev.db) and re-used
when present, so re-scoring after a scorer change takes seconds; pass
``--fresh`` after changing lull. The summary table goes to stdout, the report
to the output file: first the failure classes with counts and examples (events:
misses by type, false positives by rule, wrong fields by kind of error, linking
splits and merges; then claims, explanations, quotes), then every document with
each gold record, its aligned system record and the fields that are wrong,
its misses and its false positives. Scoring rules: ``lull.evaluate.gold_dev``.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from _common import progress, shared_dir

EXAMPLES = 3


def _short(text: str | None, size: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _sentence(record: object) -> str:
    for name in ("sentence", "content", "span", "cause"):
        span = getattr(record, name, None)
        if span is not None and getattr(span, "text", None):
            return span.text
    return ""


def _system_line(record: object, vocab) -> str:
    """One line describing a system record of any kind."""
    from lull.records import Explanation, Mention, NumericClaim, Quote

    if isinstance(record, Mention):
        actors = "; ".join(sorted(vocab.names(record.actors))) or "?"
        recipients = "; ".join(sorted(vocab.names(record.recipients))) or "?"
        date = record.date.iso() if record.date else "?"
        place = (record.place.name or record.place.text) if record.place else "?"
        return (f"{record.type}{':' + record.mode if record.mode else ''} {record.modality} {actors} -> {recipients} "
                f"| {date} | {place} [{record.rule_id}] trigger={record.trigger.text!r}")
    if isinstance(record, NumericClaim):
        number = record.value if record.value is not None else f"{record.low}-{record.high}"
        claimant = record.claimant.id if record.claimant else record.claimant_text or "outlet"
        period = record.period.iso() if record.period else "?"
        return f"{record.qualifier} {number} {record.unit} | period {period} | by {claimant} [{record.rule_id}]"
    if isinstance(record, Explanation):
        return (f"{record.category} {record.phenomenon.direction} by "
                f"{record.proponent.id if record.proponent else record.proponent_text or 'outlet'}: "
                f"cause={_short(record.cause.text, 80)!r} [{record.rule_id}]")
    if isinstance(record, Quote):
        who = record.speaker.id if record.speaker else record.speaker_text or "?"
        return f"{record.kind} by {who}: {_short(record.content.text, 100)!r} [{record.rule_id}]"
    return repr(record)


def _gold_line(g) -> str:
    r = g.record
    if g.kind == "events":
        date = f"{r['date_start'] or '..'}/{r['date_end'] or '..'}" if (r["date_start"] or r["date_end"]) else "?"
        alt = f" (alt {r['alt_type']})" if r["alt_type"] else ""
        return (f"{g.id} {r['type']}{':' + r['mode'] if r['mode'] else ''}{alt} {r['modality']} "
                f"{r['actor'] or '?'} -> {r['recipient'] or '?'} | {date} | {r['place'] or '?'} "
                f"| {'aggregate' if r['aggregate'] else 'incident'}, {r['scope']}, same_as={r['same_as']}")
    if g.kind == "claims":
        number = r["value"] if r["value"] is not None else f"{r['low']}-{r['high']}"
        return (f"{g.id} {r['qualifier']} {number} {r['unit']} | period {r['period_start'] or '..'}/"
                f"{r['period_end'] or '..'} | by {r['claimant']}")
    if g.kind == "explanations":
        alt = f"/{r['alt_category']}" if r["alt_category"] else ""
        return f"{g.id} {r['category']}{alt} {r['phenomenon']} by {r['proponent']}: cause={_short(r['cause'], 80)!r}"
    return f"{g.id} {'direct' if r['direct'] else 'indirect'} by {r['speaker']}"


def _overlaps(a, b) -> bool:
    return a is not None and b is not None and a.doc_id == b.doc_id and a.start < b.end and b.start < a.end


def _class_of_wrong(check) -> str:
    """A failure sub-class for a wrong field: missing on the system side, or a wrong value."""
    missing = check.system in (None, "", "?")
    return f"{check.field}: {'system has none' if missing else 'wrong value'}"


def _section(lines: list[str], title: str, items: Iterable[tuple[str, str]]) -> None:
    """Counted classes with up to EXAMPLES examples each; items are (class, example)."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for cls, example in items:
        grouped[cls].append(example)
    lines.append(f"\n### {title}\n")
    if not grouped:
        lines.append("none\n")
        return
    for cls, examples in sorted(grouped.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"- **{cls}**: {len(examples)}")
        lines.extend(f"  - {e}" for e in examples[:EXAMPLES])


def failure_classes(result, system, vocab) -> list[str]:
    from lull.evaluate.gold_dev import event_linking_errors

    lines = ["## Failure classes\n"]
    ev = result.events.scores
    gold_events = [p.gold for p in ev.pairs] + list(ev.missed)

    def other_types(g) -> str:
        """What lull coded on a missed gold clause instead (types of overlapping system mentions)."""
        found = sorted({m.type for m in system.mentions if _overlaps(g.span, m.sentence)})
        return f"lull has {'/'.join(found)} here" if found else "nothing found in the sentence"

    def gold_types(m) -> str:
        """Whether a false positive sits on a gold clause of another type (type confusion) or on none (junk)."""
        found = sorted({g["type"] for g in gold_events if _overlaps(g.span, m.sentence)})
        return f"gold has {'/'.join(found)} here" if found else "junk: no gold event in the sentence"

    _section(lines, "Events missed (gold type, incident/aggregate)", (
        (f"{g['type']} {'aggregate' if g['aggregate'] else 'incident'}", f"{g.id}: {_short(g['quote'])}")
        for g in ev.missed))
    _section(lines, "Events missed, by what lull coded there", (
        (f"{other_types(g)}", f"{g.id} {g['type']}: {_short(g['quote'])}") for g in ev.missed))
    _section(lines, "Events false positives (system type and rule)", (
        (f"{m.type} [{m.rule_id}]", f"{m.doc_id[:6]} trigger={m.trigger.text!r}: {_short(m.sentence.text)}")
        for m in ev.spurious))
    _section(lines, "Events false positives, type confusion or junk", (
        (f"{m.type}: {gold_types(m)}", f"{m.doc_id[:6]} trigger={m.trigger.text!r}: {_short(m.sentence.text)}")
        for m in ev.spurious))
    _section(lines, "Events wrong fields", (
        (_class_of_wrong(c), f"{p.gold.id}: gold {c.gold!r} vs lull {c.system!r}: {_short(p.gold['quote'], 110)}")
        for p in ev.pairs for c in p.wrong()))
    _section(lines, "Events modality confusions (gold -> lull)", (
        (f"{c.gold} -> {c.system}", f"{p.gold.id}: {_short(p.gold['quote'], 110)}")
        for p in ev.pairs for c in p.wrong() if c.field == "modality"))
    link = result.events.linking
    items = result.events.linked_items
    by_gold: dict[str, list[str]] = defaultdict(list)
    by_system: dict[str, list[str]] = defaultdict(list)
    for gold_id, (gold_key, system_key) in items.items():
        by_gold[gold_key].append(f"{gold_id}->{system_key[:12]}")
        by_system[system_key].append(f"{gold_id}({gold_key})")
    _section(lines, "Linking: aligned mentions in no lull event (singletons)", (
        ("in no lull event", f"{gold_id} ({gold_key})") for gold_id, (gold_key, system_key) in items.items()
        if system_key.startswith("mention:")))
    _section(lines, "Linking: gold events split across lull events", (
        ("split", f"{key}: {', '.join(by_gold[key])}") for key in link.split))
    _section(lines, "Linking: lull events holding several gold events", (
        ("merged", f"lull {key[:12]}: {', '.join(by_system[key])}") for key in link.merged))
    _section(lines, "Linking errors by cause", (
        (f"{error.kind}: {error.cause}", f"{error.key[:40]}: {'; '.join(error.parts)}")
        for error in event_linking_errors(result)))
    for kind in (result.claims, result.explanations, result.quotes):
        _section(lines, f"{kind.kind.capitalize()} missed", (
            (kind.kind, f"{g.id}: {_short(g['quote'])}") for g in kind.missed))
        _section(lines, f"{kind.kind.capitalize()} false positives", (
            (getattr(p, "rule_id", kind.kind), f"{_system_line(p, vocab)}: {_short(_sentence(p))}")
            for p in kind.spurious))
        _section(lines, f"{kind.kind.capitalize()} wrong fields", (
            (_class_of_wrong(c), f"{p.gold.id}: gold {c.gold!r} vs lull {c.system!r}: {_short(p.gold['quote'], 110)}")
            for p in kind.pairs for c in p.wrong()))
    return lines


def per_document(result, system, vocab) -> list[str]:
    lines = ["\n## Per document\n"]
    doc_of_id = {doc.id: key for key, doc in system.documents.items()}
    kinds = (result.events.scores, result.claims, result.explanations, result.quotes)
    for key in sorted(system.documents):
        lines.append(f"\n### {key}\n")
        for kind in kinds:
            pairs = [p for p in kind.pairs if p.gold.doc == key]
            missed = [g for g in kind.missed if g.doc == key]
            spurious = [s for s in kind.spurious if doc_of_id.get(s.doc_id) == key]
            if not (pairs or missed or spurious):
                continue
            lines.append(f"**{kind.kind}**: {len(pairs)} aligned, {len(missed)} missed, {len(spurious)} false "
                         "positives\n")
            for p in pairs:
                wrong = p.wrong()
                mark = "ok" if not wrong else "WRONG " + ", ".join(f"{c.field} (gold {c.gold!r}, lull {c.system!r})"
                                                                   for c in wrong)
                lines.append(f"- {_gold_line(p.gold)}\n  - lull: {_system_line(p.system, vocab)}\n  - {mark}")
            for g in missed:
                lines.append(f"- MISSED {_gold_line(g)}\n  - {_short(g['quote'], 220)!r}")
            for s in spurious:
                lines.append(f"- FALSE POSITIVE {_system_line(s, vocab)}\n  - {_short(_sentence(s), 220)!r}")
            lines.append("")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", nargs="?", type=Path, default=Path("/tmp/gold_dev_diag.md"))
    parser.add_argument("--store", type=Path, default=Path("/tmp/golddev.db"), help="cached lull store")
    parser.add_argument("--fresh", action="store_true", help="re-run lull into the store even if it exists")
    args = parser.parse_args(argv)
    corpus, gold = shared_dir() / "corpus-dev", shared_dir() / "gold-dev"
    if not (corpus / "index.jsonl").exists() or not (gold / "events.jsonl").exists():
        print(f"diagnose_gold_dev: {corpus} or {gold} not found; set LULL_SHARED to the folder that holds them.",
              file=sys.stderr)
        return 1
    from lull.evaluate.gold_dev import Vocabulary, build_store, read_store, score_gold_dev, summary_rows

    if args.fresh or not args.store.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.store}{suffix}").unlink(missing_ok=True)
        build_store(corpus, args.store, progress=progress)
    else:
        progress(f"re-using {args.store} (pass --fresh after changing lull)")
    vocab = Vocabulary.load()
    system = read_store(corpus, args.store)
    result = score_gold_dev(gold, system, vocab)
    table = ["| metric | value | n | detail |", "|---|---|---|---|"]
    table += [f"| {metric} | {value:.3f} | {n} | {note} |" for metric, value, n, note in summary_rows(result)]
    print("\n".join(table))
    counts = Counter(g.kind for g in result.unplaced)
    report = ["# lull on gold-dev: diagnostics\n", f"store: {args.store}; gold: {gold}\n", "## Summary\n", *table]
    if counts:
        report.append(f"\nGold rows whose quote is not in the stored text (never aligned): {dict(counts)}")
    report += failure_classes(result, system, vocab)
    report += per_document(result, system, vocab)
    args.output.write_text("\n".join(report) + "\n", encoding="utf-8")
    progress(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
