"""Documents, their sources, removed boilerplate, near-duplicate links and rejections."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from ..records import DateSpan, Document, Rejection, RejectionReason, Removal
from .core import _fts_query, _iso, _now, _span


_HEADER_COLUMNS = ("id", "title", "author", "outlet", "url", "language", "published_start", "published_end",
                   "published_precision", "published_basis", "content_type")


class DocumentQueries:
    conn: sqlite3.Connection

    # --- documents ----------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def add_document(self, doc: Document, *, signature: bytes | None = None,
                     bands: Iterable[tuple[int, int]] = (), links: Iterable[tuple[str, float]] = ()) -> bool:
        """Store ``doc``, its source, its band hashes and its near-duplicate ``links`` ((other id, similarity))
        in one transaction. Return True if the document is new, False if the same text was already stored (only
        the source is added). ``bands`` are the (band, hash) pairs of ``signature`` (near-duplicate search)."""
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
                self._add_bands(doc.id, bands)
                for other, similarity in links:
                    self.link_near_duplicate(doc.id, other, similarity)
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

    def near_duplicate_candidates(self, bands: Iterable[tuple[int, int]], *, limit: int | None = None
                                  ) -> list[tuple[str, bytes]]:
        """(id, signature) of the stored documents that share at least one band hash (an index look-up per band),
        most shared bands first, at most ``limit``: the only documents a new one is compared with."""
        bands = list(bands)
        if not bands:
            return []
        rows = self.conn.execute(
            "SELECT d.id, d.signature FROM (SELECT b.doc_id, COUNT(*) AS shared FROM near_duplicate_bands b"
            f" WHERE (b.band, b.hash) IN (VALUES {','.join(['(?,?)'] * len(bands))}) GROUP BY b.doc_id) c"
            " JOIN documents d ON d.id = c.doc_id ORDER BY c.shared DESC, d.rowid LIMIT ?",
            [*(v for pair in bands for v in pair), -1 if limit is None else limit])
        return [(r[0], r[1]) for r in rows]

    def unbanded_signatures(self) -> list[tuple[str, bytes]]:
        """(id, signature) of documents stored before band hashes were (schema 0011): to band them once."""
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT id, signature FROM documents d WHERE signature IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM near_duplicate_bands b WHERE b.doc_id = d.id)")]

    def set_bands(self, doc_id: str, bands: Iterable[tuple[int, int]]) -> None:
        with self.conn:
            self._add_bands(doc_id, bands)

    def _add_bands(self, doc_id: str, bands: Iterable[tuple[int, int]]) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO near_duplicate_bands (band, hash, doc_id) VALUES (?,?,?)",
                              [(band, h, doc_id) for band, h in bands])

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

    def documents(self, *, search: str | None = None, ids: Iterable[str] | None = None,
                  text: bool = True) -> list[Document]:
        """Stored documents, oldest first; ``search`` is an FTS5 query over title and text.

        ``text=False`` reads everything but the text (each ``Document.text`` is
        ""): what linking needs (publication dates) without the articles."""
        columns = "d.*" if text else ", ".join(f"d.{c}" for c in _HEADER_COLUMNS) + ", '' AS text"
        sql = (f"SELECT {columns}, (SELECT locator FROM sources s WHERE s.doc_id = d.id ORDER BY s.id LIMIT 1)"
               " AS locator FROM documents d")
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
                " last_seen = excluded.last_seen, message = excluded.message",  # seen again (a resumed run): not a new rejection
                (rej.input, rej.stage, rej.reason.value, rej.message, rej.doc_id, now, now),
            )

    def rejections(self, *, stage: str | None = None) -> list[Rejection]:
        sql, params = "SELECT * FROM rejections", []
        if stage:
            sql += " WHERE stage = ?"
            params.append(stage)
        return [
            Rejection(r["input"], r["stage"], RejectionReason(r["reason"]), r["message"], r["doc_id"])
            for r in self.conn.execute(sql + " ORDER BY id", params)
        ]
