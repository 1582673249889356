-- 0002: event mentions (one clause each) and which documents each extractor version has processed.
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
