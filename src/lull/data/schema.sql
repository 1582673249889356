-- The current lull schema, the truth. Migrations in migrations/ must produce exactly this (tests/test_store.py checks).
CREATE TABLE documents (
    id TEXT PRIMARY KEY,               -- hash of the normalised text
    text TEXT NOT NULL,
    title TEXT,
    author TEXT,
    outlet TEXT,
    url TEXT,
    language TEXT,
    published_start TEXT,              -- ISO date or NULL
    published_end TEXT,
    published_precision TEXT,
    published_basis TEXT,
    content_type TEXT,
    signature BLOB,                    -- MinHash of word 5-gram shingles (near-duplicate search)
    ingested_at TEXT NOT NULL
);

CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    locator TEXT NOT NULL,             -- path, URL, "<stdin>", "feed.xml#3"
    url TEXT,
    outlet TEXT,
    first_seen TEXT NOT NULL,
    UNIQUE (doc_id, locator)
);

CREATE TABLE removed_lines (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    line_no INTEGER NOT NULL,
    text TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (doc_id, line_no)
);

CREATE TABLE near_duplicates (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    other_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    similarity REAL NOT NULL,
    PRIMARY KEY (doc_id, other_id)
);

CREATE TABLE rejections (
    id INTEGER PRIMARY KEY,
    input TEXT NOT NULL,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    doc_id TEXT,
    times_seen INTEGER NOT NULL DEFAULT 1,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    UNIQUE (input, stage, reason)
);

CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rowid');

CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TABLE mentions (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sent_start INTEGER NOT NULL,
    sent_end INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    modality TEXT NOT NULL,
    actors TEXT NOT NULL DEFAULT '[]',      -- JSON list of actor objects
    recipients TEXT NOT NULL DEFAULT '[]',
    place_text TEXT,
    place_name TEXT,
    lat REAL,
    lon REAL,
    geo_precision INTEGER,
    country TEXT,
    place_source TEXT,
    date_start TEXT,
    date_end TEXT,
    date_precision TEXT,
    weapon TEXT,
    fatalities INTEGER,
    injuries INTEGER
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_type ON mentions(type);

CREATE TABLE extractions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    version TEXT NOT NULL,
    done_at TEXT NOT NULL,
    PRIMARY KEY (doc_id, stage)
);
