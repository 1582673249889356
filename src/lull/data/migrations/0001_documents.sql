-- 0001: documents, their sources, removed boilerplate, near-duplicates, rejections, full-text index.
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
