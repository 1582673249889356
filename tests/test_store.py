"""The SQLite store: schema, migrations, documents, duplicates, rejections, search."""
import re
import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from lull.errors import StoreError
from lull.records import DateSpan, Document, Rejection, RejectionReason, Removal
from lull.store import Store, schema_sql


def _schema(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    """Each object's SQL with whitespace normalised (none around "(", ")" and ","): ALTER TABLE ADD COLUMN
    writes ", col TYPE" where schema.sql has ",\n    col TYPE"."""
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
    return {(t, n, re.sub(r"\s*([(),])\s*", r"\1", " ".join(s.split()))) for t, n, s in rows}


def test_store_migrations_produce_schema_sql(db_path):
    Store(db_path).close()
    migrated = sqlite3.connect(db_path)
    truth = sqlite3.connect(":memory:")
    truth.executescript(schema_sql())
    assert _schema(migrated) == _schema(truth)
    assert migrated.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_refuses_newer_schema(db_path):
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StoreError, match="upgrade lull"):
        Store(db_path)


def test_store_refuses_a_file_that_is_not_sqlite(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreError, match="not a usable lull database"):
        Store(bad)


DOC = Document(id="abc", text="Three U.S. soldiers were killed in a drone attack near the border.",
               locator="a.txt", title="Attack", published=DateSpan.day(date(2024, 1, 28), "user"),
               removed=(Removal(3, "Our readers are reading too", "related-links"),))


def test_store_same_text_twice_is_one_document_with_two_sources(db_path):
    with Store(db_path) as store:
        assert store.add_document(DOC) is True
        assert store.add_document(replace(DOC, locator="https://example.org/a")) is False
        assert store.counts()["documents"] == 1
        assert store.sources("abc") == ["a.txt", "https://example.org/a"]
        back = store.document("abc")
        assert back.published == DOC.published and back.removed == DOC.removed


def test_store_full_text_search_survives_odd_queries(db_path):
    with Store(db_path) as store:
        store.add_document(DOC)
        assert [d.id for d in store.documents(search="drone")] == ["abc"]
        assert store.documents(search='"unbalanced AND (') == []


def test_store_rejection_seen_twice_is_stored_once_not_double_counted(db_path):
    # a run resumed after a crash meets the same bad input again: it is the same rejection, counted once
    rej = Rejection("bad.jsonl:3", "ingest", RejectionReason.MALFORMED_JSON, "bad.jsonl line 3: not JSON.")
    with Store(db_path) as store:
        store.add_rejection(rej)
        store.add_rejection(rej)
        assert store.rejections() == [rej]
        assert store.conn.execute("SELECT COUNT(*), SUM(times_seen) FROM rejections").fetchone()[:] == (1, 1)


def test_store_read_only_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="lull ingest"):
        Store(tmp_path / "missing.db", read_only=True)
