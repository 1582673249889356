"""Run the benchmark scripts and write BENCHMARKS.md from the rows they print.

Usage::

    .venv/bin/python benchmarks/run_all.py                      # every bench_*.py, table regenerated
    .venv/bin/python benchmarks/run_all.py bench_scrapinghub    # just these, merged into the table

Why a merge mode: some benchmarks take minutes, so a subset run replaces only
its own rows (same script, or same benchmark + metric) and keeps the rest with
the date they were measured. The rows are also kept as JSON in an HTML comment
at the end of BENCHMARKS.md, so the merge never has to parse the table back.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from _common import REPO, Row

HERE = Path(__file__).resolve().parent
OUTPUT = REPO / "BENCHMARKS.md"
ROWS_BEGIN = "<!-- benchmark-rows (JSON, one per line; read by run_all.py merges)"
ROWS_END = "-->"
DEFAULT_TIMEOUT = 3600.0
COLUMNS = ("benchmark", "data", "metric", "ours", "anchors (same data)", "n", "notes", "date")


@dataclass(frozen=True, slots=True)
class Result:
    """A row as stored in BENCHMARKS.md: the script's row, which script printed it, and when."""

    row: Row
    script: str
    date: str

    def to_json(self) -> str:
        record = json.loads(self.row.to_json())
        record.update(script=self.script, date=self.date)
        # "--" would end the HTML comment the rows live in; \u002d is the same character to JSON.
        return json.dumps(record, ensure_ascii=False).replace("--", "-\\u002d")

    @classmethod
    def from_json(cls, line: str) -> "Result":
        record = json.loads(line)
        return cls(Row.from_json(line), str(record.get("script", "")), str(record.get("date", "")))


def discover(names: list[str]) -> list[Path]:
    """The scripts to run: all ``bench_*.py``, or those named (``bench_x``, ``x`` or ``bench_x.py``)."""
    available = {path.stem: path for path in sorted(HERE.glob("bench_*.py"))}
    if not names:
        return list(available.values())
    chosen = []
    for name in names:
        stem = Path(name).stem
        stem = stem if stem.startswith("bench_") else f"bench_{stem}"
        if stem not in available:
            known = ", ".join(available) or "none"
            raise SystemExit(f"run_all: no benchmarks/{stem}.py; known scripts: {known}")
        chosen.append(available[stem])
    return chosen


def failed_row(script: Path, message: str) -> Row:
    """The row standing for a script that crashed or printed something that is not a row."""
    name = script.stem.removeprefix("bench_")
    return Row(benchmark=name, data="-", metric="-", ours=None, notes=message, status="failed")


def _stream_stderr(process: subprocess.Popen[str], tail: collections.deque[str]) -> None:
    """Echo the script's progress to our stderr as it comes, keeping the last lines for error rows."""
    assert process.stderr is not None
    for line in process.stderr:
        sys.stderr.write(line)
        if line.strip():
            tail.append(line.strip())


def run_script(script: Path, timeout: float) -> list[Row]:
    """Run one script with this interpreter; its rows, plus a failed row if it crashed or timed out."""
    tail: collections.deque[str] = collections.deque(maxlen=20)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stdout:
        process = subprocess.Popen(
            [sys.executable, str(script)], cwd=REPO, stdout=stdout, stderr=subprocess.PIPE, text=True
        )
        timed_out = threading.Event()
        timer = threading.Timer(timeout, lambda: (timed_out.set(), process.kill()))
        timer.start()
        try:
            _stream_stderr(process, tail)
            returncode = process.wait()
        finally:
            timer.cancel()
        stdout.seek(0)
        lines = [line for line in stdout.read().splitlines() if line.strip()]
    rows: list[Row] = []
    for line in lines:
        try:
            rows.append(Row.from_json(line))
        except ValueError as error:  # json.JSONDecodeError is a ValueError
            rows.append(failed_row(script, f"printed a line that is not a row ({error}): {line[:120]}"))
    if timed_out.is_set():
        rows.append(failed_row(script, f"killed after the {timeout:.0f} s timeout; raise it with --timeout"))
    elif returncode != 0 and not any(row.status == "failed" for row in rows):
        last = tail[-1] if tail else f"exit status {returncode}, no error output"
        rows.append(failed_row(script, f"crashed: {last}"))
    elif not rows:
        rows.append(failed_row(script, "printed no rows; see benchmarks/README.md for the protocol"))
    return rows


def read_results(path: Path) -> list[Result]:
    """The rows stored in an existing BENCHMARKS.md (none if the file or its row block is absent)."""
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    if ROWS_BEGIN not in text:
        return []
    block = text.split(ROWS_BEGIN, 1)[1].split(ROWS_END, 1)[0]
    return [Result.from_json(line) for line in block.splitlines() if line.strip()]


def merge(old: list[Result], new: list[Result]) -> list[Result]:
    """Old rows not re-measured (same script, or same benchmark + metric) followed by the new ones, in order."""
    rerun = {result.script for result in new}
    keys = {(result.row.benchmark, result.row.metric) for result in new}
    kept = [r for r in old if r.script not in rerun and (r.row.benchmark, r.row.metric) not in keys]
    return sorted(kept + new, key=lambda r: r.script)


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:.3f}" if abs(value) < 1000 else f"{value:,.0f}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").strip() or "-"


def table_line(result: Result) -> str:
    """One markdown table line; a row without a figure shows its status in the ``ours`` column."""
    row = result.row
    ours = _number(row.ours) if row.status == "ok" else f"**{row.status}**"
    anchors = "; ".join(f"{name}: {_number(value)}" for name, value in row.anchors.items())
    cells = (row.benchmark, row.data, row.metric, ours, anchors, _number(row.n), row.notes, result.date)
    return "| " + " | ".join(_cell(str(cell)) for cell in cells) + " |"


def details_section(result: Result) -> str:
    """The lines a row lists under the table, headed by its benchmark and metric."""
    row = result.row
    items = "\n".join(f"- {_cell(line)}" for line in row.details)
    return f"\n## {row.benchmark}: {row.metric} ({result.date})\n\n{items}\n"


def render(results: list[Result], today: str) -> str:
    """The whole BENCHMARKS.md: intro, table, and the machine-readable row block."""
    intro = f"""# Benchmarks

Generated by `benchmarks/run_all.py` (last run {today}); do not edit by hand.

Run everything with `make bench`, or re-measure only some benchmarks and merge
their rows into this file with `.venv/bin/python benchmarks/run_all.py bench_scrapinghub`.
Data comes from `$LULL_SHARED/benchmarks` (default `../shared/benchmarks`); see
`benchmarks/README.md` for the protocol a new `bench_*.py` script follows.

The numbers are honest: each is measured on the full external gold data by
the script named in the row, with no tuning to those texts, and anchors are
other systems (or their published outputs) scored by our code on the same
data in the same run unless marked "published". A benchmark whose data or
code is missing shows as **skipped**, one that crashed as **failed**; neither
is hidden. The date column says when each row was last measured.
"""
    header = "| " + " | ".join(COLUMNS) + " |\n|" + "---|" * len(COLUMNS)
    lines = "\n".join(table_line(result) for result in results)
    listed = "".join(details_section(result) for result in results if result.row.details)
    stored = "\n".join(result.to_json() for result in results)
    return f"{intro}\n{header}\n{lines}\n{listed}\n{ROWS_BEGIN}\n{stored}\n{ROWS_END}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scripts", nargs="*", help="bench_*.py scripts to run (default: all, table regenerated)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per script")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="file to write (default: BENCHMARKS.md)")
    args = parser.parse_args(argv)
    today = dt.date.today().isoformat()
    new: list[Result] = []
    for script in discover(args.scripts):
        print(f"run_all: {script.name}", file=sys.stderr, flush=True)
        new.extend(Result(row, script.stem, today) for row in run_script(script, args.timeout))
    results = merge(read_results(args.output), new) if args.scripts else new
    args.output.write_text(render(results, today), encoding="utf-8")
    failed = sum(result.row.status == "failed" for result in new)
    print(f"run_all: wrote {args.output} ({len(results)} rows, {failed} failed this run)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
