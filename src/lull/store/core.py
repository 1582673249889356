"""The store's connection, migrations and shared conversions (the store package is the only code that imports sqlite3).

``data/schema.sql`` is the truth; ``data/migrations/NNNN_*.sql`` reach it step
by step, each in one transaction, with ``PRAGMA user_version`` as the step
counter. Queries are parameterised; records go in and come out.
"""
from __future__ import annotations

import sqlite3
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from ..errors import StoreError
from ..records import DateSpan, md_iso, parse_month_day


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("lull") / "data" / "migrations"
    steps = []
    for item in folder.iterdir():
        if item.name.endswith(".sql"):
            steps.append((int(item.name.split("_", 1)[0]), item.name, item.read_text(encoding="utf-8")))
    return sorted(steps)


def schema_sql() -> str:
    return (resources.files("lull") / "data" / "schema.sql").read_text(encoding="utf-8")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _iso_bound(d: date | None, month_day: tuple[int, int] | None) -> str | None:
    """A span's bound as ISO text: a day ("2024-11-02") or, when the year is unknown, a month-day ("--11-02")."""
    return d.isoformat() if d else md_iso(month_day)


def _span(start: str | None, end: str | None, precision: str | None, basis: str | None = None) -> DateSpan | None:
    if precision is None:
        return None
    start_md, end_md = parse_month_day(start), parse_month_day(end)
    return DateSpan(None if start_md else _date(start), None if end_md else _date(end), precision, basis,
                    start_md=start_md, end_md=end_md)


BUSY_TIMEOUT = 120.0  # seconds a writer waits for another writer's transaction before giving up with a StoreError


class _Guarded(sqlite3.Connection):
    """A connection whose ``with conn:`` blocks are ``BEGIN IMMEDIATE`` write transactions (one writer at a time,
    each waiting up to ``BUSY_TIMEOUT`` for the other, so a check-then-insert never races), and whose lock and
    missing-table errors become StoreErrors with a sentence, never "database is locked" with a traceback."""

    read_only = False
    path: Path = Path("lull.db")
    _depth = 0  # nested ``with`` blocks join the outer transaction; only the outermost commits

    def __enter__(self):
        if self._depth == 0 and not self.read_only and not self.in_transaction:
            self._run(super().execute, "BEGIN IMMEDIATE", ())
        self._depth += 1
        return self

    def __exit__(self, *exc):
        self._depth -= 1
        return super().__exit__(*exc) if self._depth == 0 else False

    def execute(self, sql, params=()):
        return self._run(super().execute, sql, params)

    def executemany(self, sql, params):
        return self._run(super().executemany, sql, params)

    def _run(self, method, sql, params):
        try:
            return method(sql, params)
        except sqlite3.OperationalError as exc:
            raise _translated(exc, self.path) from None


def _translated(exc: sqlite3.OperationalError, path: Path) -> Exception:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StoreError(f"{path} stayed locked by another lull writing to it for over {BUSY_TIMEOUT:g} s; "
                          "let that run finish, then run this command again.")
    if text.startswith("no such table") or text.startswith("no such column"):
        return StoreError(f"{path} is not a complete lull database yet ({text}); if another lull is creating it, "
                          "wait for it, otherwise run 'lull ingest' on it or pass another --db.")
    return exc


class Connection:
    """An open lull SQLite file, migrated to the current schema; the mixins add the queries."""

    def __init__(self, path: Path | str, *, read_only: bool = False):
        self.path = Path(path)
        try:
            if read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path} does not exist; run 'lull ingest' or 'lull run' first, or pass --db.")
                # a URI, so the name is quoted: '#' and '?' in a file name must not end the path
                self.conn = sqlite3.connect(f"file:{quote(str(self.path.absolute()))}?mode=ro", uri=True,
                                            check_same_thread=False, timeout=BUSY_TIMEOUT, factory=_Guarded)
            else:
                self.conn = sqlite3.connect(self.path, check_same_thread=False, timeout=BUSY_TIMEOUT, factory=_Guarded)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.path} ({exc}); check the path and its permissions, or pass --db.") from None
        self.conn.read_only, self.conn.path = read_only, self.path
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            if read_only:
                self._check_version()
            else:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")  # WAL: a killed process never corrupts or loses a commit
                self.migrate()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path} is not a usable lull database ({exc}); pass another --db or move the file away.") from None
        except StoreError:
            self.conn.close()
            raise

    def _check_version(self) -> None:
        """A reader needs the whole schema: a file still being created (or made by an older lull) is an error."""
        current = self.conn.execute("PRAGMA user_version").fetchone()[0]
        steps = _migrations()
        if steps and current < steps[-1][0]:
            raise StoreError(f"{self.path} is at schema version {current}, not {steps[-1][0]}: another lull may be "
                             "creating it (wait for it), or an older lull made it (run 'lull ingest' or 'lull extract' "
                             "on it once to upgrade).")

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def counts(self) -> dict[str, int]:
        """Rows per table (FTS shadow tables and bookkeeping left out), in creation order."""
        names = [r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
            " AND name NOT LIKE 'sqlite_%' AND name != 'extractions' ORDER BY rowid")]
        return {t: self.conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in names}

    # --- schema -------------------------------------------------------------------
    def migrate(self) -> int:
        """Apply every migration newer than the file's ``user_version``; return the version."""
        current = self.conn.execute("PRAGMA user_version").fetchone()[0]
        steps = _migrations()
        latest = steps[-1][0] if steps else 0
        if current > latest:
            raise StoreError(
                f"{self.path} has schema version {current}, newer than this lull knows ({latest}); upgrade lull."
            )
        for number, name, sql in steps:
            if number <= current:
                continue
            try:
                self.conn.execute("BEGIN IMMEDIATE")  # one migrating writer; the other waits, then sees it done
                current = self.conn.execute("PRAGMA user_version").fetchone()[0]
                if number <= current:
                    self.conn.execute("COMMIT")
                    continue
                for statement in _statements(sql):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number:d}")
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise StoreError(f"migration {name} failed on {self.path} ({exc}); the file was left unchanged.") from None
        return max(current, latest)


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (``sqlite3.complete_statement`` keeps triggers whole)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        if not buf and line.strip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out



def _fts_query(text: str) -> str:
    """Quote each word so user text never breaks FTS5 syntax."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in text.split())
