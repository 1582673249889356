"""Article-text F1 of ``lull.ingest.html.read_html`` on the Scrapinghub benchmark (181 pages).

Why: every fact lull records is only as good as the article text it was read
from; boilerplate that leaks in becomes false events, text that is dropped
becomes missed ones. The published baseline outputs are rescored with our
scorer (``_extraction_metric``) in the same run, so the anchors and our figure
are comparable, and the published figures show the scorer itself is right.

Run: ``.venv/bin/python benchmarks/bench_scrapinghub.py`` (rows on stdout).
"""
from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import Row, benchmark_data, emit, load_function, missing_data_note, progress
from _extraction_metric import CorpusScore, score_outputs

NAME = "article-extraction-scrapinghub"
BENCHMARK = "scrapinghub article text"
DATA = "Scrapinghub article-extraction-benchmark, 181 pages"
BASELINES = ("trafilatura", "readability_js")
# Upstream README, latest run (see the data folder's README.md).
PUBLISHED = {
    "F1": {"trafilatura (published)": 0.958, "readability_js (published)": 0.947},
    "precision": {"trafilatura (published)": 0.938},
    "recall": {"trafilatura (published)": 0.978},
}


def load_gold(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(page id -> gold article body, page id -> page URL)."""
    records = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return (
        {key: record.get("articleBody") or "" for key, record in records.items()},
        {key: record.get("url") or "" for key, record in records.items()},
    )


def load_baseline(folder: Path, name: str) -> dict[str, str]:
    """Page id -> article body of one published baseline (plain or ``{"output": ...}``-wrapped)."""
    records = json.loads((folder / "baseline-outputs" / f"{name}.json").read_text(encoding="utf-8"))
    records = records.get("output", records)
    return {key: (record or {}).get("articleBody") or "" for key, record in records.items()}


def run_pages(
    extract: Callable[[bytes, str, str | None], str], folder: Path, urls: dict[str, str], label: str
) -> tuple[dict[str, str], float, list[str]]:
    """Run ``extract(raw, locator, url)`` on every page; texts, seconds spent inside it, per-page errors.

    An exception is empty output, and is also listed so a crash shows in the
    notes instead of silently lowering recall."""
    texts: dict[str, str] = {}
    errors: list[str] = []
    seconds = 0.0
    for number, key in enumerate(sorted(urls), start=1):
        path = folder / "html" / f"{key}.html.gz"
        raw = gzip.decompress(path.read_bytes())
        started = time.perf_counter()
        try:
            texts[key] = extract(raw, str(path), urls[key] or None)
        except Exception as error:  # noqa: BLE001 - a crash on one page is a measured failure, not the end of the run
            errors.append(f"{key[:12]}: {type(error).__name__}: {error}")
            texts[key] = ""
        seconds += time.perf_counter() - started
        if number % 60 == 0:
            progress(f"scrapinghub {label}: {number}/{len(urls)} pages")
    return texts, seconds, errors


def lull_text(read_html: Callable[..., Any]) -> Callable[[bytes, str, str | None], str]:
    """read_html as a text extractor: a ``Rejection`` (no ``.text``) is empty output."""
    return lambda raw, locator, url: getattr(read_html(raw, locator=locator, url=url), "text", None) or ""


def trafilatura_text(raw: bytes, locator: str, url: str | None) -> str:
    """The installed trafilatura with its documented benchmark settings (no comments, tables kept)."""
    import trafilatura

    return trafilatura.extract(raw, url=url, include_comments=False, include_tables=True) or ""


def _figure(score: CorpusScore, metric: str) -> float:
    return {"F1": score.f1, "precision": score.precision, "recall": score.recall}[metric]


def _std(score: CorpusScore, metric: str) -> float:
    return {"F1": score.f1_std, "precision": score.precision_std, "recall": score.recall_std}[metric]


def anchors_for(metric: str, baselines: dict[str, CorpusScore]) -> dict[str, float]:
    """Figures of each anchor scored by us for one metric, then the published ones."""
    scored = {name: round(_figure(score, metric), 4) for name, score in baselines.items()}
    return scored | PUBLISHED[metric]


def rows(
    ours: CorpusScore | None, baselines: dict[str, CorpusScore], *, pages: int, notes: str, status: str
) -> list[Row]:
    """F1, precision and recall rows; ``ours`` is ``None`` when read_html could not be run."""
    return [
        Row(
            benchmark=BENCHMARK,
            data=DATA,
            metric=metric,
            ours=round(_figure(ours, metric), 4) if ours else None,
            anchors=anchors_for(metric, baselines),
            n=pages,
            notes=(f"±{_std(ours, metric):.3f} (bootstrap std); " if ours else "") + notes,
            status=status,
        )
        for metric in ("F1", "precision", "recall")
    ]


def main() -> None:
    folder = benchmark_data(NAME)
    if folder is None:
        emit(Row(BENCHMARK, DATA, "F1", None, notes=missing_data_note(NAME), status="skipped"))
        return
    gold, urls = load_gold(folder)
    baselines = {
        f"{name} (baseline output, our scorer)": score_outputs(gold, load_baseline(folder, name)) for name in BASELINES
    }
    import trafilatura

    live, live_seconds, _ = run_pages(trafilatura_text, folder, urls, "trafilatura")
    baselines[f"trafilatura {trafilatura.__version__} (installed, run now)"] = score_outputs(gold, live)
    read_html = load_function("lull.ingest.html", "read_html")
    if isinstance(read_html, str):
        for row in rows(None, baselines, pages=len(gold), notes=f"{read_html}; anchors scored anyway", status="skipped"):
            emit(row)
        return
    texts, seconds, errors = run_pages(lull_text(read_html), folder, urls, "read_html")
    ours = score_outputs(gold, texts)
    notes = (
        f"accuracy (identical token sequence) {ours.accuracy:.3f}; read_html {len(texts) / seconds:.1f} docs/s "
        f"(installed trafilatura {len(live) / live_seconds:.1f} docs/s); metric re-implemented from the data README"
    )
    if errors:
        notes += f"; {len(errors)} pages raised (counted as empty), first: {errors[0]}"
    for row in rows(ours, baselines, pages=len(gold), notes=notes, status="ok"):
        emit(row)


if __name__ == "__main__":
    main()
