"""The link stage's bookkeeping: which blocks each mention is linked within, which blocks need re-linking,
and the block-local reads that re-linking needs (see ``link/blocks.py`` for how blocks are drawn).

A new mention puts its document in ``pending_links`` (a trigger); the link
stage draws the blocks of that document's mentions with ``set_blocks``, which
marks them dirty. A deleted mention marks its blocks dirty (a trigger). The
link stage then reads the ``block_events`` of the dirty blocks, re-links the
new mentions with the events they can change,
writes it back with ``replace_linked_events`` and calls ``clear_dirty``.
Documents linked under an older block policy are in ``stale_blocks``: their
blocks are re-drawn without marking anything dirty (what is linked stays).
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

    def stale_block_documents(self) -> list[str]:
        """Documents linked under an older block policy whose blocks are to be re-drawn (schema 0012), once."""
        return [r[0] for r in self.conn.execute("SELECT doc_id FROM stale_blocks ORDER BY doc_id")]

    def set_blocks(self, blocks: Mapping[str, Iterable[str]], *, doc_ids: Iterable[str] = (),
                   dirty: bool = True) -> int:
        """Put each mention id in its blocks (replacing earlier ones), mark those blocks dirty (unless
        ``dirty`` is false: a stale document re-blocked), and take ``doc_ids`` off the pending and stale
        lists; return the rows written."""
        rows = [(mid, b) for mid, keys in blocks.items() for b in dict.fromkeys(keys)]
        docs = [(d,) for d in doc_ids]
        before = self.conn.total_changes
        with self.conn:
            self.conn.executemany("DELETE FROM link_blocks WHERE mention_id = ?", [(m,) for m in blocks])
            self.conn.executemany("INSERT INTO link_blocks (mention_id, block) VALUES (?,?)", rows)
            if dirty:
                self.conn.executemany("INSERT OR IGNORE INTO dirty_blocks (block) VALUES (?)",
                                      [(b,) for b in {b for _, b in rows}])
            self.conn.executemany("DELETE FROM pending_links WHERE doc_id = ?", docs)
            self.conn.executemany("DELETE FROM stale_blocks WHERE doc_id = ?", docs)
        return self.conn.total_changes - before

    def blocks_starting(self, prefixes: Iterable[str]) -> list[str]:
        """Every stored block key that starts with one of ``prefixes`` (an index range per prefix)."""
        found: set[str] = set()
        for prefix in prefixes:
            found.update(r[0] for r in self.conn.execute(
                "SELECT DISTINCT block FROM link_blocks WHERE block >= ? AND block < ?", (prefix, _after(prefix))))
        return sorted(found)

    def block_mentions(self, blocks: Iterable[str]) -> list[Mention]:
        """The mentions in ``blocks`` (nothing else: no events, no other mentions of their documents)."""
        return self.mentions_by_id(self._block_members(list(blocks)))

    def _block_members(self, blocks: list[str]) -> set[str]:
        ids: set[str] = set()
        for chunk in _chunks(blocks):
            ids.update(r[0] for r in self.conn.execute(
                f"SELECT mention_id FROM link_blocks WHERE block IN ({','.join('?' * len(chunk))})", chunk))
        return ids

    def dirty_blocks(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT block FROM dirty_blocks ORDER BY block")]

    def clear_dirty(self, blocks: Iterable[str]) -> None:
        with self.conn:
            self.conn.executemany("DELETE FROM dirty_blocks WHERE block = ?", [(b,) for b in blocks])

    def block_events(self, blocks: Iterable[str]) -> tuple[set[str], list[Event]]:
        """The ids of the mentions in ``blocks``, and the lull events they belong to (each with every one of its
        mention ids, in and out of the blocks). Which of those events are re-linked, whole, is the link stage's
        choice (``link/blocks.py``, "Scope"); nothing outside the blocks' events is read."""
        ids = self._block_members(sorted(set(blocks)))
        event_ids: set[str] = set()
        for chunk in _chunks(sorted(ids)):  # CROSS JOIN: from the mentions' index, not a scan of every lull event
            event_ids.update(r[0] for r in self.conn.execute(
                "SELECT DISTINCT em.event_id FROM event_mentions em CROSS JOIN events e ON e.id = em.event_id"
                f" WHERE e.origin = 'lull' AND em.mention_id IN ({','.join('?' * len(chunk))})", chunk))
        events: list[Event] = []
        for chunk in _chunks(sorted(event_ids)):
            events += self._events(self.conn.execute(
                f"SELECT * FROM events WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
        return ids, events

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


def _after(prefix: str) -> str:
    """The smallest string greater than every string that starts with ``prefix`` (for an index range)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
