"""Publication-date accuracy of ``lull.ingest.html.read_html`` on trafilatura's 728 gold dates.

Why: the publication date anchors every relative date in an article ("on
Saturday", "last week"), so a wrong one shifts every event of the page.

Per page with a gold ``date`` in ``evaldata.json`` (pages read straight from
the tar.gz, as bytes, so read_html does its own decoding):

* accuracy: ``read_html(...).published`` has day precision and its start is
  the gold day (a ``Rejection``, an exception or no date is wrong);
* coverage: any date was given; accuracy when dated: correct / dated.

Anchors, run on the same pages in the same run with the page URL:
``trafilatura.extract_metadata(html, default_url=url).date`` and
``htmldate.find_date(html, url=url)`` with their default settings.

Run: ``.venv/bin/python benchmarks/bench_pubdate.py`` (a few minutes).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import tarfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _common import Row, benchmark_data, emit, load_function, missing_data_note, progress

NAME = "article-extraction-trafilatura"
BENCHMARK = "publication date"
DATA = "trafilatura eval corpus, pages with a gold date (multilingual, German-heavy)"
ARCHIVE = "trafilatura_eval_html.tar.gz"
GOLD_DATE = re.compile(r"(\d{4})\D(\d{1,2})\D(\d{1,2})")


@dataclass
class Tally:
    """Running counts for one date extractor (mutable: it accumulates over the pages)."""

    pages: int = 0
    dated: int = 0
    correct: int = 0
    errors: list[str] = field(default_factory=list)
    dated_by_basis: Counter[str] = field(default_factory=Counter)
    correct_by_basis: Counter[str] = field(default_factory=Counter)

    def add(self, gold: dt.date, *, dated: bool, day: dt.date | None, basis: str | None = None) -> None:
        """Count one page: did the extractor give a date at all, and its day (``None`` unless day-precise)."""
        self.pages += 1
        self.dated += dated
        if basis is not None:
            self.dated_by_basis[basis] += 1
        if day == gold:
            self.correct += 1
            if basis is not None:
                self.correct_by_basis[basis] += 1

    @property
    def accuracy(self) -> float:
        return self.correct / self.pages if self.pages else 0.0

    @property
    def coverage(self) -> float:
        return self.dated / self.pages if self.pages else 0.0

    @property
    def accuracy_when_dated(self) -> float:
        return self.correct / self.dated if self.dated else 0.0


def parse_gold(text: str) -> dt.date:
    """``YYYY-MM-DD``, repairing the hand-typed slips of the gold file.

    Two entries lack a digit or use a dot (``2022-11-1``, ``2022-01.26``) and
    two swap day and month (``2022-29-11``; the page URL says 2022/11/29). A
    month above 12 is read as the day, which is the only valid reading, so all
    728 dated pages stay in the measurement."""
    found = GOLD_DATE.fullmatch(text.strip())
    if found is None:
        raise ValueError(f"evaldata.json date {text!r} is not YYYY-MM-DD; extend GOLD_DATE in bench_pubdate.py")
    year, month, day = (int(part) for part in found.groups())
    return dt.date(year, day, month) if month > 12 else dt.date(year, month, day)


def pages_with_dates(folder: Path) -> Iterator[tuple[str, str, bytes, dt.date]]:
    """(url, member name, raw HTML, gold day) of every gold-dated page, reading the archive once in order."""
    evaldata = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    wanted = {entry["file"]: (url, parse_gold(entry["date"])) for url, entry in evaldata.items() if entry.get("date")}
    with tarfile.open(folder / ARCHIVE) as archive:
        for member in archive:
            name = member.name.rsplit("/", 1)[-1]
            if member.isfile() and name in wanted:
                url, gold = wanted[name]
                handle = archive.extractfile(member)
                if handle is not None:
                    yield url, member.name, handle.read(), gold


def iso_day(text: str | None) -> dt.date | None:
    """A ``YYYY-MM-DD`` string from trafilatura/htmldate as a date (``None`` if absent or malformed)."""
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def measure_ours(read_html: Callable[..., Any], raw: bytes, member: str, url: str, gold: dt.date, tally: Tally) -> None:
    """Run read_html on one page and count it; an exception is a wrong page, listed in the notes."""
    try:
        result = read_html(raw, locator=f"{ARCHIVE}#{member}", url=url)
    except Exception as error:  # noqa: BLE001 - a crash on one page is a measured failure
        tally.errors.append(f"{member.rsplit('/', 1)[-1]}: {type(error).__name__}: {error}")
        result = None
    published = getattr(result, "published", None)
    if published is None:
        tally.add(gold, dated=False, day=None)
        return
    day = published.start if published.precision == "day" else None
    tally.add(gold, dated=True, day=day, basis=published.basis or "unknown")


def trafilatura_date(raw: bytes, url: str) -> str | None:
    """Anchor: trafilatura's page metadata with default settings."""
    import trafilatura

    return trafilatura.extract_metadata(raw, default_url=url).date


def htmldate_date(raw: bytes, url: str) -> str | None:
    """Anchor: htmldate with default settings (the date library trafilatura builds on)."""
    import htmldate

    return htmldate.find_date(raw, url=url)


def measure_anchor(find: Callable[[bytes, str], str | None], raw: bytes, url: str, gold: dt.date, tally: Tally) -> None:
    """Count one page for an anchor library; its exceptions count as 'no date'."""
    try:
        day = iso_day(find(raw, url))
    except Exception as error:  # noqa: BLE001 - third-party failure on one page is a measured failure
        tally.errors.append(f"{type(error).__name__}: {error}")
        day = None
    tally.add(gold, dated=day is not None, day=day)


def anchors(tallies: dict[str, Tally], figure: str) -> dict[str, float]:
    return {name: round(getattr(tally, figure), 4) for name, tally in tallies.items()}


def basis_note(tally: Tally) -> str:
    """'page-metadata 500/540, url 20/30' - which source of the date is right how often."""
    parts = [f"{basis} {tally.correct_by_basis[basis]}/{count}" for basis, count in tally.dated_by_basis.most_common()]
    return "correct/dated by basis: " + (", ".join(parts) or "none")


def measure(folder: Path, read_html: Callable[..., Any] | None) -> tuple[Tally, dict[str, Tally], float]:
    """Tallies of read_html (empty when ``None``) and of each anchor, and seconds spent in read_html."""
    from importlib.metadata import version

    ours = Tally()
    anchors_found = {
        f"trafilatura {version('trafilatura')} extract_metadata": (trafilatura_date, Tally()),
        f"htmldate {version('htmldate')} find_date": (htmldate_date, Tally()),
    }
    seconds = 0.0
    for number, (url, member, raw, gold) in enumerate(pages_with_dates(folder), start=1):
        if read_html is not None:
            started = time.perf_counter()
            measure_ours(read_html, raw, member, url, gold, ours)
            seconds += time.perf_counter() - started
        for find, tally in anchors_found.values():
            measure_anchor(find, raw, url, gold, tally)
        if number % 100 == 0:
            progress(f"pubdate: {number} pages")
    return ours, {name: tally for name, (_, tally) in anchors_found.items()}, seconds


def main() -> None:
    folder = benchmark_data(NAME)
    if folder is None:
        emit(Row(BENCHMARK, DATA, "accuracy (day = gold)", None, notes=missing_data_note(NAME), status="skipped"))
        return
    read_html = load_function("lull.ingest.html", "read_html")
    missing = read_html if isinstance(read_html, str) else None
    ours, references, seconds = measure(folder, None if missing else read_html)
    if missing:
        common = f"{missing}; anchors measured anyway"
    else:
        common = f"read_html {ours.pages / seconds:.1f} docs/s; anchors given the page URL too"
    if ours.errors:
        common += f"; {len(ours.errors)} pages raised (counted wrong), first: {ours.errors[0]}"
    figures = {
        "accuracy (day = gold)": ("accuracy", "day-precise start = gold day" if missing else basis_note(ours)),
        "coverage (any date)": ("coverage", "fraction of pages given any date, right or wrong"),
        "accuracy when dated": ("accuracy_when_dated", "correct / pages given a date"),
    }
    n = next(iter(references.values())).pages
    for metric, (figure, notes) in figures.items():
        value = None if missing else round(getattr(ours, figure), 4)
        status = "skipped" if missing else "ok"
        emit(Row(BENCHMARK, DATA, metric, value, anchors(references, figure), n, f"{notes}; {common}", status))


if __name__ == "__main__":
    main()
