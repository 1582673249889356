"""The ``lull`` command: a thin shell over the public API.

Exit codes:
  0  everything given was processed (``ingest``/``run``: no input rejected)
  1  lull could not do the job (bad settings, unusable database); the message says why
  2  the command line itself is wrong (click's usage errors)
  3  the job ran, but some inputs were rejected; they are stored (see ``lull rejections``)
"""
from __future__ import annotations

import logging
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .errors import LullError
from .records import DateSpan, Document
from .sanitize import json_text, terminal_safe as S
from .settings import Settings, load_settings
from .shapes import claim_json, doc_json, event_json, explanation_json, mention_json, quote_json
from .store import Store
from .vocabulary import Modality

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_REJECTED = 0, 1, 2, 3

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


class Context:
    def __init__(self, settings: Settings):
        self.settings = settings


def _fail(message: str, code: int = EXIT_ERROR) -> None:
    err.print(f"[bold red]error:[/] {S(message)}")
    sys.exit(code)


@contextmanager
def _guard() -> Iterator[None]:
    """The one top-level handler: a LullError becomes a message and exit code 1, never a traceback."""
    try:
        yield
    except LullError as exc:
        _fail(str(exc))


@contextmanager
def _progress(label: str) -> Iterator[Any]:
    with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.completed}"),
                  TextColumn("{task.fields[item]}", style="dim"), TimeElapsedColumn(), console=err,
                  transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task(label, total=None, item="")
        yield lambda item: bar.update(task, advance=1, item=S(str(item)[-60:]))


def _store(ctx: Context, *, read_only: bool = False) -> Store:
    return Store(ctx.settings.db, read_only=read_only)


def _parse_day(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2024-02-02.", param_hint=flag)


def _render(rows: list[dict[str, Any]], *, as_json: bool, print_row: Callable[[dict[str, Any]], None],
            noun: str) -> None:
    """Print rows as one JSON array (``--json``) or one by one for people, then a count."""
    if as_json:
        click.echo(json_text(rows, ensure_ascii=False, indent=1))
        return
    for row in rows:
        print_row(row)
    out.print(f"{len(rows)} {noun}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="lull")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SQLite file to use (default ./lull.db, or LULL_DB).")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Settings file (default ./lull.toml if present).")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def main(click_ctx: click.Context, db: Path | None, config: Path | None, verbose: int) -> None:
    """lull: a sourced record of what armed groups did, from the news.

    Example: lull run articles/ && lull events --type ASSAULT
    """
    logging.basicConfig(level=[logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)],
                        format="%(levelname)s %(name)s: %(message)s")
    with _guard():
        click_ctx.obj = Context(load_settings(config, db=db))


def _ingest_options(fn):
    fn = click.option("--published", default=None, help="Publication date for all inputs (YYYY-MM-DD).")(fn)
    fn = click.option("--allow-private", is_flag=True, default=None,
                      help="Allow URLs on loopback/private addresses (tests, intranets).")(fn)
    fn = click.option("--follow-links", is_flag=True, default=None, help="Fetch the page behind each feed entry.")(fn)
    fn = click.option("--max-bytes", type=int, default=None, help="Size cap per file or download.")(fn)
    fn = click.option("--timeout", type=float, default=None, help="Seconds for each URL, whole exchange (redirects, headers, body).")(fn)
    return fn


def _knowledge(ctx: Context):
    """The run's one ``Knowledge`` (its parts are read on first use)."""
    from .knowledge import Knowledge

    return Knowledge.load(ctx.settings)


def _print_ingest(ctx: Context, summary) -> None:
    line = f"{summary.new} new, {summary.duplicate} duplicate"
    if summary.near_duplicate_links:
        line += f", {summary.near_duplicate_links} near-duplicate links"
    reasons = ", ".join(f"{n} {r}" for r, n in sorted(summary.rejected_by_reason.items()))
    line += f", {len(summary.rejected)} rejected" + (f" ({reasons})" if reasons else "")
    out.print(f"ingested into {S(ctx.settings.db)}: {line}")
    for rej in summary.rejected:
        err.print(f"[yellow]rejected[/] {S(rej.message)}")


def _print_extract(summary) -> None:
    out.print(f"extracted {summary.mentions} event mention(s) and {summary.claims} claim(s), quote(s) and"
              f" explanation(s) from {summary.documents} new document(s)"
              + (f", {len(summary.rejected)} unresolved fact(s) stored as rejections" if summary.rejected else ""))


def _print_link(summary) -> None:
    out.print(f"resolved {summary.events} real-world event(s), {summary.conflicted} with conflicting sources")


def _do_run(ctx: Context, inputs: tuple[str, ...], published: str | None = None, **flags: Any):
    """``run.run`` over ``inputs`` (none: only what is stored and not processed yet), then its summary."""
    from . import run as stages

    ctx.settings = ctx.settings.with_overrides(**flags)
    day = _parse_day(published, "--published")
    with _store(ctx) as store, _progress("running") as tick:
        summary = stages.run(inputs, store=store, settings=ctx.settings, knowledge=_knowledge(ctx),
                             published=DateSpan.day(day, "user") if day else None, progress=tick)
    if inputs:
        _print_ingest(ctx, summary.ingest)
    _print_extract(summary.extract)
    _print_link(summary.link)
    return summary


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@_ingest_options
@click.pass_obj
def ingest(ctx: Context, inputs: tuple[str, ...], published: str | None, **flags: Any) -> None:
    """Read articles (files, folders, URLs, URL lists, feeds, JSONL, - for stdin) into the store.

    Example: lull ingest articles/ feeds.txt https://example.org/news.html
    """
    from .run import ingest as ingest_stage

    with _guard():
        ctx.settings = ctx.settings.with_overrides(**flags)
        day = _parse_day(published, "--published")
        with _store(ctx) as store, _progress("ingesting") as tick:
            summary = ingest_stage(inputs, store=store, settings=ctx.settings, knowledge=_knowledge(ctx),
                                   published=DateSpan.day(day, "user") if day else None, progress=tick)
        _print_ingest(ctx, summary)
    sys.exit(EXIT_REJECTED if summary.rejected else EXIT_OK)


@main.command()
@click.option("--search", default=None, help="Full-text search over titles and texts.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of objects.")
@click.pass_obj
def docs(ctx: Context, search: str | None, as_json: bool) -> None:
    """List stored documents.

    Example: lull docs --search "Harir"
    """
    with _guard(), _store(ctx, read_only=True) as store:
        documents = store.documents(search=search)
        if as_json:
            click.echo(json_text([doc_json(d, store) for d in documents], ensure_ascii=False, indent=1))
            return
        table = Table()
        for name, width in (("id", 10), ("published", 13), ("basis", 16), ("lang", 4), ("outlet", None),
                            ("title", None), ("removed", 7)):
            table.add_column(name, no_wrap=True, overflow="ellipsis", min_width=width, ratio=None if width else 1)
        for d in documents:
            p = d.published
            table.add_row(S(d.id[:10]), p.iso() if p else "?", p.basis if p else "", S(d.language or "?"),
                          S(d.outlet or ""), S((d.title or d.text[:60]).strip()[:60]), str(len(d.removed)))
        out.print(table)
        out.print(f"{len(documents)} document(s)")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of objects.")
@click.pass_obj
def rejections(ctx: Context, as_json: bool) -> None:
    """List stored rejections: inputs and facts that could not be used, and why.

    Example: lull rejections --json
    """
    with _guard(), _store(ctx, read_only=True) as store:
        rows = store.rejections()
        if as_json:
            click.echo(json_text([{"input": r.input, "stage": r.stage, "reason": r.reason.value,
                                    "message": r.message, "doc_id": r.doc_id} for r in rows], indent=1))
            return
        for r in rows:
            out.print(f"[bold]{S(r.stage)}/{r.reason.value}[/] {S(r.message)}")
        out.print(f"{len(rows)} rejection(s)")


@main.command()
@click.option("--fresh", is_flag=True, help="Start from an empty database file.")
@click.pass_obj
def demo(ctx: Context, fresh: bool) -> None:
    """Run lull on the bundled sample corpus and show what it found.

    Example: lull --db demo.db demo --fresh
    """
    from .run import samples_path

    with _guard():
        if fresh and ctx.settings.db.exists():
            ctx.settings.db.unlink()
        _do_run(ctx, (str(samples_path()),))
        with _store(ctx, read_only=True) as store:
            documents = store.documents()
            out.rule("documents")
            for d in documents:
                p = d.published
                out.print(f"[bold]{S(d.id[:12])}[/] {S((d.title or d.text[:70]).strip()[:70])}")
                out.print(f"    outlet={S(d.outlet or '?')} published={p.iso() if p else 'unknown'}"
                          f" ({p.basis if p else 'no basis'}) lang={S(d.language)} removed={len(d.removed)} lines")
                for r in d.removed:
                    out.print(f"    [dim]removed line {r.line_no} ({S(r.reason)}): {S(r.text[:70])}[/]")
            out.rule("events (one per real-world event; 'lull events --mentions' shows every report)")
            for row in _events_rows(store, store.events()):
                _print_event(row, with_mentions=False)
            out.rule("numeric claims ('lull claims')")
            for c in store.numeric_claims():
                out.print(S(f"{c.qualifier} {c.value if c.value is not None else f'{c.low}-{c.high}'} {c.unit}"
                            + (f" per {c.rate_per}" if c.rate_per else "")
                            + (f" | {c.period.iso()}" if c.period else "")
                            + f" | says: {(c.claimant and (c.claimant.name or c.claimant.text)) or c.claimant_text or 'outlet'}"))
            out.rule("why the pauses ('lull why')")
            by_category: dict[str, list[str]] = {}
            for e in store.explanations():
                who = (e.proponent and (e.proponent.name or e.proponent.text)) or e.proponent_text or "outlet"
                by_category.setdefault(e.category, []).append(who)
            for category, who in sorted(by_category.items(), key=lambda kv: -len(kv[1])):
                out.print(S(f"{category:<32} {len(who):>2}  offered by: {', '.join(sorted(set(who)))[:90]}"))
            counts = store.counts()
            out.rule("store")
            out.print(S(f"{ctx.settings.db}: " + ", ".join(f"{v} {k}" for k, v in counts.items())))


@main.command()
@click.pass_obj
def extract(ctx: Context) -> None:
    """Code events in stored documents not processed yet (safe to re-run).

    Example: lull extract
    """
    with _guard():
        _do_run(ctx, ())


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@_ingest_options
@click.pass_obj
def run(ctx: Context, inputs: tuple[str, ...], published: str | None, **flags: Any) -> None:
    """Ingest inputs, then run every later stage on what is new.

    Example: lull run articles/ --published 2024-02-10
    """
    with _guard():
        summary = _do_run(ctx, inputs, published, **flags)
    sys.exit(EXIT_REJECTED if summary.ingest.rejected else EXIT_OK)


def _print_event(e: dict[str, Any], *, with_mentions: bool) -> None:
    who = S(", ".join(a["name"] for a in e["actor"]) or "?")
    whom = S(", ".join(a["name"] for a in e["recipient"]) or "?")
    kind = S(e["type"] + (f":{e['mode']}" if e["mode"] else ""))
    when = "?" if e["date"] is None else (e["date"]["start"] or "?") + (
        "" if e["date"]["precision"] == "day" else f" ({e['date']['precision']})")
    where = "?" if e["place"] is None else S(e["place"]["name"]) + (
        f" [{e['place']['lat']:.2f},{e['place']['lon']:.2f} p{e['place']['precision']}]"
        if e["place"]["lat"] is not None else " [unresolved]")
    extra = S("".join(f" {k}={e[k]}" for k in ("weapon", "fatalities", "injuries") if e[k] is not None))
    status = S(e.get("status") or e["modality"])
    style = "bold" if e["modality"] in (Modality.ASSERTED, Modality.CLAIMED, Modality.REPORTED) else "dim"
    n = len(e["sources"])
    out.print(f"[{style}]{kind:<20}[/] {status:<10} {who} -> {whom} | {S(when)} | {where}{extra}"
              + (f" | {n} reports" if n > 1 else ""))
    for c in e.get("conflicts", []):
        out.print(f"    [red]sources disagree on {S(c['field'])}:[/] " + S("; ".join(v["value"] for v in c["values"])))
    for src in e["sources"] if with_mentions else e["sources"][:1]:
        sentence = " ".join(src["sentence"].split())
        out.print(f"    [dim]{S(src['doc'][:12])}@{src['start']} ({S(src['modality'])}): {S(sentence[:110])}[/]")


def _events_rows(store: Store, events_found) -> list[dict[str, Any]]:
    mentions = {e.id: store.event_mentions(e.id) for e in events_found}
    docs = {d.id: d for d in store.documents(ids={m.doc_id for ms in mentions.values() for m in ms})}
    return [event_json(e, mentions[e.id], docs) for e in events_found]


@main.command()
@click.option("--type", "type_", default=None, help="PLOVER event type, e.g. ASSAULT.")
@click.option("--actor", default=None, help="Actor id or name (actor, recipient or claimant).")
@click.option("--since", default=None, help="Keep events on or after this date (YYYY-MM-DD).")
@click.option("--until", default=None, help="Keep events on or before this date (YYYY-MM-DD).")
@click.option("--mentions", "with_mentions", is_flag=True, help="Show every report of each event.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of objects.")
@click.pass_obj
def events(ctx: Context, type_: str | None, actor: str | None, since: str | None, until: str | None,
           with_mentions: bool, as_json: bool) -> None:
    """List real-world events, each with every source and sentence that reports it.

    Example: lull events --type ASSAULT --since 2024-01-01 --mentions
    """
    with _guard(), _store(ctx, read_only=True) as store:
        found = store.events(type=type_, actor=actor, since=_parse_day(since, "--since"),
                             until=_parse_day(until, "--until"))
        _render(_events_rows(store, found), as_json=as_json, noun="event(s)",
                print_row=lambda row: _print_event(row, with_mentions=with_mentions))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of objects.")
@click.pass_obj
def conflicts(ctx: Context, as_json: bool) -> None:
    """List events whose sources disagree (dates, casualty figures, perpetrators), with every version.

    Example: lull conflicts --json
    """
    with _guard(), _store(ctx, read_only=True) as store:
        _render(_events_rows(store, store.events(conflicted=True)), as_json=as_json,
                noun="event(s) with conflicting sources", print_row=lambda row: _print_event(row, with_mentions=True))


@main.command()
@click.option("--type", "type_", default=None, help="PLOVER event type, e.g. ASSAULT.")
@click.option("--actor", default=None, help="Actor id or name.")
@click.option("--modality", multiple=True, help="Keep only these modalities (repeatable), e.g. negated.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of objects.")
@click.pass_obj
def mentions(ctx: Context, type_: str | None, actor: str | None, modality: tuple[str, ...], as_json: bool) -> None:
    """List event mentions one by one, including negated, hypothetical and future ones.

    Example: lull mentions --modality negated
    """
    with _guard(), _store(ctx, read_only=True) as store:
        found = store.mentions(type=type_, actor=actor, modality=modality or None)
        docs = _docs_for(store, found)
        _render([mention_json(m, docs.get(m.doc_id)) for m in found], as_json=as_json, noun="mention(s)",
                print_row=lambda row: _print_event(row, with_mentions=False))


def _docs_for(store: Store, records) -> dict[str, Document]:
    return {d.id: d for d in store.documents(ids={r.doc_id for r in records})}


def _print_claim(r: dict[str, Any]) -> None:
    value = r["value"] if r["value"] is not None else f"{r['low']}-{r['high']}"
    rate = f" per {r['rate_per']}" if r["rate_per"] else ""
    scope = r["scope"]
    who = (scope["actor"] or {}).get("name") or "?"
    whom = (scope["recipient"] or {}).get("name") or scope["target_area"] or "?"
    period = "" if r["period"] is None else f" | {r['period']['start'] or '?'}..{r['period']['end'] or ''}"
    claimant = (r["claimant"] or {}).get("name") or r["claimant_text"] or "outlet"
    parent = f" (subset of {r['parent'][:8]})" if r["parent"] else ""
    head = S(f"{r['qualifier']} {value} {r['unit']}{rate}")
    out.print(f"[bold]{head}[/] {S(f'{who} -> {whom}{period} | says: {claimant}{parent}')} [dim]{S(r['id'][:8])}[/]")
    out.print(f"    [dim]{S(r['source']['doc'][:12])}@{r['source']['start']}: {S(r['source']['sentence'][:110])}[/]")


def _print_quote(r: dict[str, Any]) -> None:
    who = (r["speaker"] or {}).get("name") or r["speaker_text"] or "?"
    role = f", {r['role']}" if r["role"] else ""
    out.print(f"[bold]{S(who)}[/]{S(role)} ({S(r['kind'])}, {S(r['cue'] or '-')}): {S(r['content'][:140])}")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of objects.")
@click.pass_obj
def claims(ctx: Context, as_json: bool) -> None:
    """List numeric claims: what is counted, over which period, and who says so.

    Example: lull claims --json
    """
    with _guard(), _store(ctx, read_only=True) as store:
        found = store.numeric_claims()
        docs = _docs_for(store, found)
        _render([claim_json(c, docs.get(c.doc_id)) for c in found], as_json=as_json, noun="numeric claim(s)",
                print_row=_print_claim)


@main.command()
@click.option("--speaker", default=None, help="Speaker id or name.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of objects.")
@click.pass_obj
def quotes(ctx: Context, speaker: str | None, as_json: bool) -> None:
    """List quotes and statements with their speakers.

    Example: lull quotes --speaker akram_al_kaabi
    """
    with _guard(), _store(ctx, read_only=True) as store:
        found = store.quotes(speaker=speaker)
        docs = _docs_for(store, found)
        _render([quote_json(q, docs.get(q.doc_id)) for q in found], as_json=as_json, noun="quote(s)",
                print_row=_print_quote)


@main.command()
@click.option("--actor", default=None, help="Whose pause or escalation (actor id or name).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of objects, one per cause category.")
@click.pass_obj
def why(ctx: Context, actor: str | None, as_json: bool) -> None:
    """Explanations offered for pauses and escalations, grouped by cause category, with who offers them.

    Example: lull why --actor islamic_resistance_in_iraq
    """
    with _guard(), _store(ctx, read_only=True) as store:
        found = store.explanations(actor=actor)
        docs = _docs_for(store, found)
        quotes_by_id = {q.id: q for q in store.quotes()} if found else {}
        groups: dict[str, list[dict[str, Any]]] = {}
        for e in found:
            row = explanation_json(e, docs.get(e.doc_id))
            q = quotes_by_id.get(e.quote_id) if e.quote_id else None
            row["quote_text"] = q.content.text if q else None
            groups.setdefault(e.category, []).append(row)
        ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        if as_json:
            click.echo(json_text([{"category": c, "count": len(rows),
                                    "proponents": sorted({(r["proponent"] or {}).get("name") or r["proponent_text"]
                                                          or "outlet's own voice" for r in rows}),
                                    "outlets": sorted({r["source"]["outlet"] or "?" for r in rows}),
                                    "explanations": rows} for c, rows in ordered], ensure_ascii=False, indent=1))
            return
        for category, rows in ordered:
            out.rule(S(f"{category} ({len(rows)})"))
            for r in rows:
                ph = r["phenomenon"]
                whose = (ph["actor"] or {}).get("name") or "?"
                against = (ph["recipient"] or {}).get("name")
                who = (r["proponent"] or {}).get("name") or r["proponent_text"] or "outlet's own voice"
                hedge = f" [italic]({S(r['hedge'])})[/]" if r["hedge"] else ""
                stance = "" if r["stance"] == "asserts" else f" [red]{S(r['stance'])}[/]"
                out.print(f"[bold]{S(r['cause'][:90])}[/]{hedge}{stance}")
                out.print(S(f"    {r['relation']} {ph['direction']} of {whose}" + (f" against {against}" if against else "")
                            + f" | proponent: {who} | outlet: {r['source']['outlet'] or '?'}"))
        out.print(f"{len(found)} explanation(s) in {len(groups)} categor{'y' if len(groups) == 1 else 'ies'}")


@main.group("import")
def import_() -> None:
    """Import events coded elsewhere, to combine them with lull's claims and explanations."""


@import_.command("acled")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def import_acled_command(ctx: Context, path: Path) -> None:
    """Import an ACLED export (CSV); the column mapping is in docs/acled-mapping.md.

    Example: lull import acled acled-iraq-2024.csv
    """
    from .run import import_acled

    with _guard(), _store(ctx) as store:
        summary = import_acled(path, store=store, knowledge=_knowledge(ctx))
        out.print(f"{S(path)}: {summary.imported} imported, {summary.updated} updated, {summary.unchanged} unchanged,"
                  f" {summary.rejected} rejected (see 'lull rejections')")
    sys.exit(EXIT_REJECTED if summary.rejected else EXIT_OK)


@import_.command("events")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def import_events_command(ctx: Context, path: Path) -> None:
    """Import a CSV of events (columns date, actor, recipient, type, mode, place, country, lat, lon,
    fatalities, source, notes); they are analysed like lull's own (origin "csv").

    Example: lull import events attacks_us_2023_2024.csv && lull lulls --origin csv
    """
    from .run import import_events

    with _guard(), _store(ctx) as store:
        summary = import_events(path, store=store, knowledge=_knowledge(ctx))
        out.print(f"{S(str(path))}: {summary.imported} imported, {summary.unchanged} unchanged,"
                  f" {summary.rejected} rejected (see 'lull rejections')")
    sys.exit(EXIT_REJECTED if summary.rejected else EXIT_OK)


# --- analysis: when did they stop, and why -----------------------------------------------------------


def _scope_options(fn):
    fn = click.option("--origin", type=click.Choice(["all", "lull", "csv", "acled"]), default="all", show_default=True,
                      help="Whose events: coded from the articles (lull), imported (csv, acled), or all.")(fn)
    fn = click.option("--status", type=click.Choice(["all", "claimed", "reported", "confirmed"]), default="all",
                      show_default=True, help="Event status to count (denied events never count).")(fn)
    fn = click.option("--type", "type_", default="ASSAULT", show_default=True, help="PLOVER event type.")(fn)
    fn = click.option("--recipient", default=None, help="Against whom (actor id or name), e.g. us_forces.")(fn)
    fn = click.option("--actor", default=None,
                      help="Whose activity (actor id or name; members roll up), e.g. islamic_resistance_in_iraq.")(fn)
    return fn


def _echo_json(value: Any) -> None:
    click.echo(json_text(value, ensure_ascii=False, indent=1))


@main.command()
@_scope_options
@click.option("--mode", default=None, help="PLOVER mode, e.g. drone.")
@click.option("--bin", "freq", type=click.Choice(["day", "week"]), default="week", show_default=True,
              help="Count per day or per week (weeks start on Monday).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def series(ctx: Context, actor: str | None, recipient: str | None, type_: str, status: str, origin: str,
           mode: str | None, freq: str, as_json: bool) -> None:
    """Events per day or week in a scope; coarse dates and numeric claims listed apart, never counted.

    Example: lull series --actor islamic_resistance_in_iraq --recipient us_forces --bin week
    """
    from .analyse.queries import series as build

    with _guard(), _store(ctx, read_only=True) as store:
        found = build(store, _knowledge(ctx), actor=actor, recipient=recipient, type=type_, mode=mode,
                      status=status, freq=freq, origin=origin)
    if as_json:
        _echo_json(found.to_json())
        return
    for day, n in zip(found.bins(), found.counts):
        if n:
            out.print(f"{day.isoformat()}  {n:>3}  {'#' * min(n, 60)}")
    out.print(f"{sum(found.counts)} event(s) per {freq} from {found.start.isoformat()} to {found.end.isoformat()}"
              f"; {len(found.coarse)} with coarser dates, {len(found.undated)} undated (not counted)")
    for a in found.aggregates:
        out.print(f"[dim]aggregate: {S(a.to_json())}[/]")


_EVIDENCE_SHOWN = 4


def _print_lull(row: dict[str, Any]) -> None:
    whom = f" against {S(row['recipient'])}" if row["recipient"] else ""
    end = "ongoing" if row["ongoing"] else (row["end"] or "?")
    rates = " ".join(f"{k.replace('_', ' ')} {row[k]}/week" for k in ("rate_before", "rate_after")
                     if row[k] is not None)
    out.print(f"[bold]{row['kind']}[/] {S(row['actor'])}{whom} | {S(row['start'] or '?')} .. {S(end)}"
              f" | confidence {row['confidence']:.2f}" + (f" | {rates}" if rates else "") + f" [dim]{row['id']}[/]")
    shown = row["evidence"][:_EVIDENCE_SHOWN]
    for e in shown:
        source = f" ({S(e['outlet'] or '?')}: {S(' '.join((e['sentence'] or '').split())[:100])})" \
            if e["sentence"] else ""
        out.print(f"    {e['kind']}: {S(e['summary'])}{source}")
    if len(row["evidence"]) > len(shown):
        out.print(f"    [dim]... {len(row['evidence']) - len(shown)} more (--json lists all)[/]")


@main.command()
@_scope_options
@click.option("--as-of", default=None, help="Last day the data covers (YYYY-MM-DD; default the last event).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of objects.")
@click.pass_obj
def lulls(ctx: Context, actor: str | None, recipient: str | None, type_: str, status: str, origin: str,
          as_of: str | None, as_json: bool) -> None:
    """Lulls and surges: when an actor stopped or surged, until when, how sure, and on what evidence.

    Example: lull lulls --actor islamic_resistance_in_iraq --recipient us_forces --origin csv
    """
    from .analyse.queries import lulls as find

    with _guard(), _store(ctx, read_only=True) as store:
        found = find(store, _knowledge(ctx), actor=actor, recipient=recipient, type=type_, status=status,
                     origin=origin, as_of=_parse_day(as_of, "--as-of"))
    _render([x.to_json() for x in found], as_json=as_json, print_row=_print_lull, noun="lull(s) and surge(s)")


@main.command("board")
@click.argument("lull_id")
@_scope_options
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def board_command(ctx: Context, lull_id: str, actor: str | None, recipient: str | None, type_: str, status: str,
                  origin: str, as_json: bool) -> None:
    """Why a lull: the explanations sources offer (by cause, with proponents), the candidate triggers in the
    weeks before it, and where sources contradict each other. Give the options 'lull lulls' was given.

    Example: lull board 3f2a9c01b7e4
    """
    from .analyse.queries import lull_board

    with _guard(), _store(ctx, read_only=True) as store:
        found = lull_board(store, _knowledge(ctx), lull_id, actor=actor, recipient=recipient, type=type_,
                           status=status, origin=origin)
    row = found.to_json()
    if as_json:
        _echo_json(row)
        return
    _print_lull(row["lull"])
    out.rule("explanations offered")
    for c in row["causes"]:
        stances = ", ".join(f"{n} {s}" for s, n in c["stances"].items())
        out.print(f"[bold]{S(c['category'])}[/] {c['count']} ({stances}) | proponents: "
                  f"{S(', '.join(c['proponents']) or '?')} | outlets: {S(', '.join(c['outlets']) or '?')}")
        for s in c["sentences"][:3]:
            out.print(f"    [dim]{S(' '.join(s['sentence'].split())[:120])}[/]")
    out.rule("candidate triggers (before the start)")
    for t in row["triggers"]:
        out.print(f"{t['date']} ({t['days_before']} days before) {t['kind']:<16} {t['role']:<10} "
                  f"{S(t['type'] + (':' + t['mode'] if t['mode'] else ''))} "
                  f"{S(', '.join(t['actors']) or '?')} -> {S(', '.join(t['recipients']) or '?')}")
    for t in row["undated_triggers"]:
        out.print(f"undated, same articles  {t['kind']:<16} {t['role']:<10} "
                  f"{S(t['type'] + (':' + t['mode'] if t['mode'] else ''))} "
                  f"{S(', '.join(t['actors']) or '?')} -> {S(', '.join(t['recipients']) or '?')}")
    if row["contradictions"]:
        out.rule("sources disagree")
        for c in row["contradictions"]:
            out.print(f"{S(c['field'])}: " + "; ".join(S(v["value"]) for v in c["values"]))


def _print_check(row: dict[str, Any]) -> None:
    coverage = "" if row["coverage"] is None else f" | store holds {row['coverage']:.0%} of it"
    counted = "?" if row["counted"] is None else f"{row['counted']:g}"
    period = f" over {S(row['period'])}" if row["period"] else ""
    out.print(f"[bold]{S(row['claimed'])}[/]{period} | counted {counted} | {row['verdict']}{coverage}"
              + (f" | {S(row['note'])}" if row["note"] else ""))
    out.print(f"    [dim]{S(' '.join(row['sentence'].split())[:120])}[/]")


@main.command()
@click.option("--origin", type=click.Choice(["all", "lull", "csv", "acled"]), default="all", show_default=True,
              help="Whose events to count against the claims.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of objects.")
@click.pass_obj
def checks(ctx: Context, origin: str, as_json: bool) -> None:
    """Numeric claims that count events ("316 attacks since ...") against the events the store holds for the
    same scope and period, with the store's coverage.

    Example: lull checks --origin lull
    """
    from .analyse.queries import claim_checks

    with _guard(), _store(ctx, read_only=True) as store:
        found = claim_checks(store, _knowledge(ctx), origin=origin)
    _render([c.to_json() for c in found], as_json=as_json, print_row=_print_check, noun="claim check(s)")


def _print_framing(row: dict[str, Any]) -> None:
    out.rule(f"{S(row['outlet'])} ({row['documents']} document(s))")
    for voice in ("own", "quoted"):
        terms = ", ".join(f"{S(t)} {n}" for t, n in sorted(row[voice].items(), key=lambda kv: (-kv[1], kv[0])))
        out.print(f"{voice:<6} voice: {row[f'{voice}_per_1000']:.2f} loaded terms per 1,000 of "
                  f"{row[f'{voice}_words']} words" + (f" ({terms})" if terms else ""))
    for actor, labels in sorted(row["labels"].items()):
        written = ", ".join(f"{S(label)} {n}" for label, n in sorted(labels.items(), key=lambda kv: -kv[1]))
        out.print(f"    {S(actor)}: {written}")


@main.command("framing")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of objects.")
@click.pass_obj
def framing_command(ctx: Context, as_json: bool) -> None:
    """Per outlet: loaded terms per 1,000 words in its own voice and in quoted speech, and what it calls
    each actor.

    Example: lull framing --json
    """
    from .analyse.queries import outlet_framing

    with _guard(), _store(ctx, read_only=True) as store:
        found = outlet_framing(store, _knowledge(ctx))
    _render([f.to_json() for f in found], as_json=as_json, print_row=_print_framing, noun="outlet(s)")


@main.command()
@click.argument("doc_ids", nargs=-1, required=True)
@click.pass_obj
def delete(ctx: Context, doc_ids: tuple[str, ...]) -> None:
    """Delete documents (by id or unique id prefix) with everything extracted from them, then re-resolve events.

    Example: lull delete 725334abfa
    """
    from .run import delete as delete_documents

    with _guard(), _store(ctx) as store:
        summary = delete_documents(doc_ids, store=store, knowledge=_knowledge(ctx))
    for doc_id in summary.deleted:
        out.print(f"deleted {S(doc_id)}")
    _print_link(summary.link)
