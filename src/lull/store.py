"""The SQLite store: the only module that imports sqlite3.

``data/schema.sql`` is the truth; ``data/migrations/NNNN_*.sql`` reach it step
by step, each in one transaction, with ``PRAGMA user_version`` as the step
counter. Queries are parameterised; records go in and come out.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from .errors import StoreError
from .records import Actor, DateSpan, Document, Mention, Place, Rejection, Removal, Span


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


def _span(start: str | None, end: str | None, precision: str | None, basis: str | None = None) -> DateSpan | None:
    if precision is None:
        return None
    return DateSpan(_date(start), _date(end), precision, basis)


class Store:
    """A lull SQLite file. Use as a context manager or call ``close()``."""

    def __init__(self, path: Path | str, *, read_only: bool = False):
        self.path = Path(path)
        try:
            if read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path} does not exist; run 'lull ingest' or 'lull run' first, or pass --db.")
                self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.path} ({exc}); check the path and its permissions, or pass --db.") from None
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.migrate()
            except sqlite3.DatabaseError as exc:
                self.conn.close()
                raise StoreError(f"{self.path} is not a usable lull database ({exc}); pass another --db or move the file away.") from None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

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
                self.conn.execute("BEGIN")
                for statement in _statements(sql):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number:d}")
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self.conn.execute("ROLLBACK")
                raise StoreError(f"migration {name} failed on {self.path} ({exc}); the file was left unchanged.") from None
        return max(current, latest)

    # --- documents ----------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def add_document(self, doc: Document, *, signature: bytes | None = None) -> bool:
        """Store ``doc`` and its source. Return True if the document is new,
        False if the same text was already stored (only the source is added)."""
        now = _now()
        with self.conn:
            new = not self.has_document(doc.id)
            if new:
                p = doc.published
                self.conn.execute(
                    "INSERT INTO documents (id, text, title, author, outlet, url, language, published_start,"
                    " published_end, published_precision, published_basis, content_type, signature, ingested_at)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (doc.id, doc.text, doc.title, doc.author, doc.outlet, doc.url, doc.language,
                     _iso(p.start) if p else None, _iso(p.end) if p else None, p.precision if p else None,
                     p.basis if p else None, doc.content_type, signature, now),
                )
                self.conn.executemany(
                    "INSERT INTO removed_lines (doc_id, line_no, text, reason) VALUES (?,?,?,?)",
                    [(doc.id, r.line_no, r.text, r.reason) for r in doc.removed],
                )
            self.conn.execute(
                "INSERT OR IGNORE INTO sources (doc_id, locator, url, outlet, first_seen) VALUES (?,?,?,?,?)",
                (doc.id, doc.locator, doc.url, doc.outlet, now),
            )
        return new

    def update_published(self, doc_id: str, published: DateSpan) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE documents SET published_start=?, published_end=?, published_precision=?, published_basis=?"
                " WHERE id=?",
                (_iso(published.start), _iso(published.end), published.precision, published.basis, doc_id),
            )

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        yield from self.conn.execute("SELECT id, signature FROM documents WHERE signature IS NOT NULL")

    def link_near_duplicate(self, doc_id: str, other_id: str, similarity: float) -> None:
        with self.conn:
            for a, b in ((doc_id, other_id), (other_id, doc_id)):
                self.conn.execute(
                    "INSERT OR REPLACE INTO near_duplicates (doc_id, other_id, similarity) VALUES (?,?,?)",
                    (a, b, round(similarity, 4)),
                )

    def near_duplicates(self, doc_id: str) -> list[tuple[str, float]]:
        rows = self.conn.execute(
            "SELECT other_id, similarity FROM near_duplicates WHERE doc_id = ? ORDER BY similarity DESC", (doc_id,)
        )
        return [(r[0], r[1]) for r in rows]

    def sources(self, doc_id: str) -> list[str]:
        rows = self.conn.execute("SELECT locator FROM sources WHERE doc_id = ? ORDER BY id", (doc_id,))
        return [r[0] for r in rows]

    def delete_document(self, doc_id: str) -> bool:
        with self.conn:
            cur = self.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        return cur.rowcount > 0

    def _document(self, row: sqlite3.Row, locator: str) -> Document:
        removed = tuple(
            Removal(r["line_no"], r["text"], r["reason"])
            for r in self.conn.execute(
                "SELECT line_no, text, reason FROM removed_lines WHERE doc_id = ? ORDER BY line_no", (row["id"],)
            )
        )
        return Document(
            id=row["id"], text=row["text"], locator=locator, title=row["title"], author=row["author"],
            outlet=row["outlet"], url=row["url"], language=row["language"],
            published=_span(row["published_start"], row["published_end"], row["published_precision"],
                             row["published_basis"]),
            content_type=row["content_type"], removed=removed,
        )

    def documents(self, *, search: str | None = None, ids: Iterable[str] | None = None) -> list[Document]:
        """Stored documents, oldest first; ``search`` is an FTS5 query over title and text."""
        sql = ("SELECT d.*, (SELECT locator FROM sources s WHERE s.doc_id = d.id ORDER BY s.id LIMIT 1) AS locator"
               " FROM documents d")
        params: list = []
        if search:
            sql += " WHERE d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
            params.append(_fts_query(search))
        elif ids is not None:
            ids = list(ids)
            sql += f" WHERE d.id IN ({','.join('?' * len(ids))})"
            params.extend(ids)
        sql += " ORDER BY d.rowid"
        return [self._document(r, r["locator"]) for r in self.conn.execute(sql, params)]

    def document(self, doc_id: str) -> Document | None:
        docs = self.documents(ids=[doc_id])
        return docs[0] if docs else None

    # --- rejections ---------------------------------------------------------------
    def add_rejection(self, rej: Rejection) -> None:
        now = _now()
        with self.conn:
            self.conn.execute(
                "INSERT INTO rejections (input, stage, reason, message, doc_id, first_seen, last_seen)"
                " VALUES (?,?,?,?,?,?,?) ON CONFLICT (input, stage, reason) DO UPDATE SET"
                " times_seen = times_seen + 1, last_seen = excluded.last_seen, message = excluded.message",
                (rej.input, rej.stage, rej.reason.value, rej.message, rej.doc_id, now, now),
            )

    def rejections(self, *, stage: str | None = None) -> list[Rejection]:
        from .records import RejectionReason

        sql, params = "SELECT * FROM rejections", []
        if stage:
            sql += " WHERE stage = ?"
            params.append(stage)
        return [
            Rejection(r["input"], r["stage"], RejectionReason(r["reason"]), r["message"], r["doc_id"])
            for r in self.conn.execute(sql + " ORDER BY id", params)
        ]

    def counts(self) -> dict[str, int]:
        tables = ("documents", "sources", "removed_lines", "near_duplicates", "rejections", "mentions")
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}

    # --- extraction bookkeeping ---------------------------------------------------
    def pending_documents(self, stage: str, version: str) -> list[str]:
        """Ids of documents that ``stage`` at ``version`` has not processed yet."""
        rows = self.conn.execute(
            "SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM extractions e WHERE e.doc_id = d.id"
            " AND e.stage = ? AND e.version = ?) ORDER BY rowid",
            (stage, version),
        )
        return [r[0] for r in rows]

    def replace_mentions(self, doc_id: str, mentions: Iterable[Mention], *, stage: str, version: str) -> int:
        """Replace the mentions of one document in one transaction (idempotent re-runs)."""
        rows = [_mention_row(m) for m in mentions]
        with self.conn:
            self.conn.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
            if rows:
                cols = ",".join(rows[0])
                self.conn.executemany(
                    f"INSERT INTO mentions ({cols}) VALUES ({','.join('?' * len(rows[0]))})",
                    [tuple(r.values()) for r in rows],
                )
            self.conn.execute(
                "INSERT OR REPLACE INTO extractions (doc_id, stage, version, done_at) VALUES (?,?,?,?)",
                (doc_id, stage, version, _now()),
            )
        return len(rows)

    def mentions(self, *, type: str | None = None, actor: str | None = None, since: date | None = None,
                 until: date | None = None, doc_id: str | None = None,
                 modality: Iterable[str] | None = None) -> list[Mention]:
        """Stored mentions. ``actor`` matches an actor's KB id, name or text (case-insensitive);
        ``since``/``until`` keep mentions whose date span overlaps the range."""
        sql, params = "SELECT * FROM mentions WHERE 1=1", []
        if type:
            sql += " AND type = ?"
            params.append(type.upper())
        if doc_id:
            sql += " AND doc_id = ?"
            params.append(doc_id)
        if since:
            sql += " AND COALESCE(date_end, date_start) >= ?"
            params.append(since.isoformat())
        if until:
            sql += " AND date_start <= ?"
            params.append(until.isoformat())
        if modality:
            modality = list(modality)
            sql += f" AND modality IN ({','.join('?' * len(modality))})"
            params.extend(modality)
        if actor:
            sql += (" AND EXISTS (SELECT 1 FROM json_each(mentions.actors) a WHERE lower(a.value->>'id') = ?"
                    " OR lower(a.value->>'name') LIKE ? OR lower(a.value->>'text') LIKE ?)")
            params += [actor.lower(), f"%{actor.lower()}%", f"%{actor.lower()}%"]
        sql += " ORDER BY doc_id, sent_start, trigger_start"
        return [_mention(r) for r in self.conn.execute(sql, params)]


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


def _mention_row(m: Mention) -> dict:
    p, d = m.place, m.date
    return {
        "id": m.id, "doc_id": m.doc_id, "sent_start": m.sentence.start, "sent_end": m.sentence.end,
        "sentence": m.sentence.text, "trigger_start": m.trigger.start, "trigger_end": m.trigger.end,
        "trigger": m.trigger.text, "rule_id": m.rule_id, "type": m.type, "mode": m.mode, "modality": m.modality,
        "actors": json.dumps([asdict(a) for a in m.actors], ensure_ascii=False),
        "recipients": json.dumps([asdict(a) for a in m.recipients], ensure_ascii=False),
        "place_text": p.text if p else None, "place_name": p.name if p else None,
        "lat": p.lat if p else None, "lon": p.lon if p else None, "geo_precision": p.precision if p else None,
        "country": p.country if p else None, "place_source": p.source_id if p else None,
        "date_start": _iso(d.start) if d else None, "date_end": _iso(d.end) if d else None,
        "date_precision": d.precision if d else None,
        "weapon": m.weapon, "fatalities": m.fatalities, "injuries": m.injuries,
    }


def _mention(r: sqlite3.Row) -> Mention:
    place = None
    if r["place_text"] is not None:
        place = Place(text=r["place_text"], name=r["place_name"], lat=r["lat"], lon=r["lon"],
                      precision=r["geo_precision"], country=r["country"], source_id=r["place_source"])
    return Mention(
        id=r["id"], doc_id=r["doc_id"],
        sentence=Span(r["doc_id"], r["sent_start"], r["sent_end"], r["sentence"]),
        trigger=Span(r["doc_id"], r["trigger_start"], r["trigger_end"], r["trigger"]),
        rule_id=r["rule_id"], type=r["type"], mode=r["mode"], modality=r["modality"],
        actors=tuple(Actor(**a) for a in json.loads(r["actors"])),
        recipients=tuple(Actor(**a) for a in json.loads(r["recipients"])),
        place=place, date=_span(r["date_start"], r["date_end"], r["date_precision"]),
        weapon=r["weapon"], fatalities=r["fatalities"], injuries=r["injuries"],
    )
