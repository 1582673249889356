"""The link stage's bookkeeping: which blocks each mention is linked within, which blocks need re-linking,
and the block-local reads that re-linking needs (see ``link/blocks.py`` for how blocks are drawn).

A new mention puts its document in ``pending_links`` (a trigger); the link
stage draws the blocks of that document's mentions with ``set_blocks``, which
marks them dirty. A deleted mention marks its blocks dirty (a trigger). The
link stage then reads the ``linking_scope`` of the dirty blocks, re-links it,
writes it back with ``replace_linked_events`` and calls ``clear_dirty``.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping

from ..records import Event, Mention
from .event_rows import _chunks
from .mention_rows import _mention


class LinkQueries:
    conn: sqlite3.Connection

    def pending_link_documents(self) -> list[str]:
        """Documents whose mentions have not been put in blocks yet (new or re-extracted)."""
        return [r[0] for r in self.conn.execute("SELECT doc_id FROM pending_links ORDER BY doc_id")]

    def set_blocks(self, blocks: Mapping[str, Iterable[str]], *, doc_ids: Iterable[str] = ()) -> int:
        """Put each mention id in its blocks (replacing earlier ones), mark those blocks dirty, and take
        ``doc_ids`` off the pending list; return the rows written."""
        rows = [(mid, b) for mid, keys in blocks.items() for b in dict.fromkeys(keys)]
        before = self.conn.total_changes
        with self.conn:
            self.conn.executemany("DELETE FROM link_blocks WHERE mention_id = ?", [(m,) for m in blocks])
            self.conn.executemany("INSERT INTO link_blocks (mention_id, block) VALUES (?,?)", rows)
            self.conn.executemany("INSERT OR IGNORE INTO dirty_blocks (block) VALUES (?)",
                                  [(b,) for b in {b for _, b in rows}])
            self.conn.executemany("DELETE FROM pending_links WHERE doc_id = ?", [(d,) for d in doc_ids])
        return self.conn.total_changes - before

    def dirty_blocks(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT block FROM dirty_blocks ORDER BY block")]

    def clear_dirty(self, blocks: Iterable[str]) -> None:
        with self.conn:
            self.conn.executemany("DELETE FROM dirty_blocks WHERE block = ?", [(b,) for b in blocks])

    def linking_scope(self, blocks: Iterable[str]) -> tuple[list[Mention], list[Event]]:
        """The mentions of ``blocks`` plus every mention of the lull events they belong to, and those events.

        Whole events come in, so re-linking the scope never splits an event it
        cannot see; nothing outside the blocks' events is read."""
        blocks = list(blocks)
        ids: set[str] = set()
        for chunk in _chunks(blocks):
            ids.update(r[0] for r in self.conn.execute(
                f"SELECT mention_id FROM link_blocks WHERE block IN ({','.join('?' * len(chunk))})", chunk))
        event_ids: set[str] = set()
        for chunk in _chunks(sorted(ids)):
            event_ids.update(r[0] for r in self.conn.execute(
                "SELECT DISTINCT em.event_id FROM event_mentions em JOIN events e ON e.id = em.event_id"
                f" WHERE e.origin = 'lull' AND em.mention_id IN ({','.join('?' * len(chunk))})", chunk))
        for chunk in _chunks(sorted(event_ids)):
            ids.update(r[0] for r in self.conn.execute(
                f"SELECT mention_id FROM event_mentions WHERE event_id IN ({','.join('?' * len(chunk))})", chunk))
        events: list[Event] = []
        for chunk in _chunks(sorted(event_ids)):
            events += self._events(self.conn.execute(
                f"SELECT * FROM events WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
        return self.mentions_by_id(ids), events

    def mentions_by_id(self, ids: Iterable[str]) -> list[Mention]:
        out: list[Mention] = []
        for chunk in _chunks(sorted(set(ids))):
            out += [_mention(r) for r in self.conn.execute(
                f"SELECT * FROM mentions WHERE id IN ({','.join('?' * len(chunk))})", chunk)]
        return out

    def mentions_of(self, doc_ids: Iterable[str]) -> list[Mention]:
        """Every mention of the documents, in document order."""
        out: list[Mention] = []
        for chunk in _chunks(sorted(set(doc_ids))):
            out += [_mention(r) for r in self.conn.execute(
                f"SELECT * FROM mentions WHERE doc_id IN ({','.join('?' * len(chunk))})"
                " ORDER BY doc_id, sent_start, trigger_start", chunk)]
        return out
