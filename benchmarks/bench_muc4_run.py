"""Every MUC-3/MUC-4 article (train, dev and test: ~1,700) through ``lull run`` end to end, into a temporary store.

Measures reliability, not accuracy: how many articles were stored as documents,
how many became rejections (and why), whether any document failed inside lull
(reasons ``reader_error``, ``store_error``, ``extractor_error``: each a bug),
and how long the whole run took. The row fails when ``lull run`` exits with
anything but 0 or 3, or prints a traceback.

Usage::

    .venv/bin/python benchmarks/bench_muc4_run.py
"""
from __future__ import annotations

import collections
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import REPO, Row, benchmark_data, emit, missing_data_note, progress

NAME = "conflict-events-muc4"
BUGS = ("reader_error", "store_error", "extractor_error")


def articles(folder: Path) -> dict[str, str]:
    """docid -> text of every article in the three JSON Lines files."""
    found: dict[str, str] = {}
    for part in ("train", "dev", "test"):
        path = folder / f"{part}.json"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                found[record["docid"]] = record["doctext"]
    return found


def main() -> None:
    folder = benchmark_data(NAME)
    if folder is None:
        emit(Row(NAME, "-", "end-to-end run", None, notes=missing_data_note(NAME), status="skipped"))
        return
    texts = articles(folder)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "articles"
        inputs.mkdir()
        for docid, text in texts.items():
            (inputs / f"{docid}.txt").write_text(text, encoding="utf-8")
        db = Path(tmp) / "lull.db"
        lull = Path(sys.executable).with_name("lull")
        progress(f"bench_muc4_run: lull run on {len(texts)} articles into {db}")
        started = time.monotonic()
        done = subprocess.run([str(lull), "--db", str(db), "run", str(inputs)], capture_output=True, text=True,
                              cwd=REPO)
        seconds = time.monotonic() - started
        sys.path.insert(0, str(REPO / "src"))
        from lull.store import Store

        with Store(db, read_only=True) as store:
            documents = store.counts()["documents"]
            mentions = store.counts()["mentions"]
            rejections = store.rejections()
    reasons = collections.Counter(f"{r.stage}/{r.reason.value}" for r in rejections)
    bugs = sum(n for key, n in reasons.items() if key.split("/")[1] in BUGS)
    traceback = "Traceback" in done.stderr
    ok = done.returncode in (0, 3) and not traceback and not bugs
    why = ", ".join(f"{n} {k}" for k, n in sorted(reasons.items())) or "none"
    notes = (f"{len(texts)} articles -> {documents} documents, {mentions} mentions, {len(rejections)} rejections ({why});"
             f" {seconds:.0f} s end to end; exit {done.returncode}; {bugs} lull failures")
    if not ok:
        notes += f"; stderr tail: {done.stderr.strip()[-300:]}"
    emit(Row(NAME, "train+dev+test (all articles)", "articles run without an error (share)",
             round(1 - bugs / max(len(texts), 1), 4) if ok or bugs else None,
             n=len(texts), notes=notes, status="ok" if ok else "failed"))


if __name__ == "__main__":
    main()
