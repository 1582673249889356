"""Helpers every ``bench_*.py`` script shares: where the data is, and how to print a row.

A benchmark script prints one JSON object per line on stdout (see
``benchmarks/README.md``); ``run_all.py`` collects those lines into
BENCHMARKS.md. Progress and diagnostics go to stderr, never stdout.
"""
from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
STATUSES = ("ok", "skipped", "failed")


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the benchmark table: our figure and the anchors measured on the same data."""

    benchmark: str
    data: str
    metric: str
    ours: float | None
    anchors: Mapping[str, float | None] = field(default_factory=dict)
    n: int = 0
    notes: str = ""
    status: str = "ok"
    # lines listed under the table (e.g. each linking error with its cause): what a one-line note cannot hold
    details: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"row {self.benchmark}/{self.metric}: status {self.status!r} is not one of {STATUSES}")

    def to_json(self) -> str:
        record = asdict(self)
        record["anchors"] = dict(self.anchors)
        record["details"] = list(self.details)
        if not record["details"]:
            del record["details"]
        return json.dumps(record, ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> "Row":
        """Parse one protocol line; raises ValueError naming what is missing."""
        record = json.loads(line)
        if not isinstance(record, dict):
            raise ValueError(f"expected a JSON object, got {line[:80]!r}")
        missing = [name for name in ("benchmark", "data", "metric", "status") if name not in record]
        if missing:
            raise ValueError(f"row {line[:80]!r} lacks {', '.join(missing)}; see benchmarks/README.md")
        return cls(
            benchmark=str(record["benchmark"]),
            data=str(record["data"]),
            metric=str(record["metric"]),
            ours=record.get("ours"),
            anchors=dict(record.get("anchors") or {}),
            n=int(record.get("n") or 0),
            notes=str(record.get("notes") or ""),
            status=str(record["status"]),
            details=tuple(str(line) for line in record.get("details") or ()),
        )


def shared_dir() -> Path:
    """The shared data folder: ``$LULL_SHARED``, else ``<repo>/../shared``."""
    configured = os.environ.get("LULL_SHARED")
    return Path(configured).expanduser() if configured else REPO.parent / "shared"


def benchmark_data(name: str) -> Path | None:
    """``<shared>/benchmarks/<name>`` if it exists, else ``None`` (the caller emits a skipped row)."""
    folder = shared_dir() / "benchmarks" / name
    return folder if folder.is_dir() else None


def missing_data_note(name: str) -> str:
    """The message of a skipped row whose data folder is absent."""
    return (
        f"../shared/benchmarks/{name} not found (looked in {shared_dir() / 'benchmarks'}); "
        "set LULL_SHARED to the folder that holds benchmarks/"
    )


def load_function(module: str, name: str) -> Callable[..., Any] | str:
    """``module.name`` if importable, else a sentence saying why not (for a skipped row's notes).

    Benchmarks measure functions other engineers are still writing; a missing
    function is a skipped measurement, not a crash of the whole suite."""
    try:
        found = getattr(importlib.import_module(module), name, None)
    except ImportError as error:
        return f"{module}.{name} is not importable yet ({error})"
    if not callable(found):
        return f"{module} has no function {name} yet"
    return found


def emit(row: Row) -> None:
    """Print ``row`` as one protocol line on stdout, flushed so a later crash cannot lose it."""
    print(row.to_json(), flush=True)


def progress(message: str) -> None:
    """A progress line on stderr (stdout is reserved for rows)."""
    print(message, file=sys.stderr, flush=True)
