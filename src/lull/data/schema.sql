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

-- MinHash LSH bands (32 bands of 4 slots = 32 bytes each), filled by the documents_bands trigger; near-duplicate
-- candidates are the documents sharing a band, so ingest never scans every stored signature.
CREATE TABLE signature_bands (
    band INTEGER NOT NULL,                  -- 0..31
    key TEXT NOT NULL,                      -- the band's 32 signature bytes, as upper-case hex
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, key, doc_id)
) WITHOUT ROWID;

CREATE INDEX signature_bands_doc ON signature_bands(doc_id);

CREATE TRIGGER documents_bands AFTER INSERT ON documents WHEN new.signature IS NOT NULL BEGIN
    INSERT OR IGNORE INTO signature_bands (band, key, doc_id)  -- (a WITH clause is not allowed in a trigger)
    SELECT b.value, hex(substr(new.signature, b.value * 32 + 1, 32)), new.id
    FROM json_each('[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31]') b
    WHERE length(new.signature) >= (b.value + 1) * 32;
END;

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
    injuries INTEGER,
    policies TEXT NOT NULL DEFAULT '',
    date_basis TEXT,
    date_start_md TEXT,
    date_end_md TEXT,
    date_year_min INTEGER,
    date_year_max INTEGER,
    aggregate INTEGER NOT NULL DEFAULT 0,
    count INTEGER,
    count_claim_id TEXT
);
-- date_basis: the step of the date fallback chain (clause, sentence, antecedent, paragraph, report);
-- date_start_md/date_end_md: a year-less bound ("--02-02") where date_start/date_end is NULL;
-- date_year_min/date_year_max: the years such a bound can fall in (NULL: unbounded) (0007).
-- mentions.aggregate: 1 for a campaign, series, count or trend, not one incident; count: how many events it
-- holds, when stated; count_claim_id: the numeric claim of the same sentence stating that count (0008).
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_type ON mentions(type);

CREATE TABLE extractions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    version TEXT NOT NULL,
    done_at TEXT NOT NULL,
    PRIMARY KEY (doc_id, stage)
);

CREATE TABLE numeric_claims (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sent_start INTEGER NOT NULL,
    sent_end INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    span_text TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    unit TEXT NOT NULL,
    value REAL,
    low REAL,
    high REAL,
    qualifier TEXT NOT NULL,
    rate_per TEXT,
    scope TEXT NOT NULL DEFAULT '{}',       -- JSON: event_type, mode, actor, recipient, target_area
    period_start TEXT,
    period_end TEXT,
    period_precision TEXT,
    parent_id TEXT,
    claimant TEXT,                          -- JSON actor object or NULL (outlet's own voice)
    claimant_text TEXT
);
CREATE INDEX numeric_claims_doc ON numeric_claims(doc_id);

CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sent_start INTEGER NOT NULL,
    sent_end INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    content TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,                           -- JSON actor object or NULL
    speaker_text TEXT,
    role TEXT,
    cue TEXT,
    policies TEXT NOT NULL DEFAULT ''
);
CREATE INDEX quotes_doc ON quotes(doc_id);

CREATE TABLE explanations (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sent_start INTEGER NOT NULL,
    sent_end INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    cause_start INTEGER NOT NULL,
    cause_end INTEGER NOT NULL,
    cause TEXT NOT NULL,
    category TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    relation TEXT NOT NULL,
    direction TEXT NOT NULL,
    phenomenon TEXT NOT NULL DEFAULT '{}',  -- JSON: actor, recipient, period, text
    proponent TEXT,                         -- JSON actor object or NULL (outlet's own voice)
    proponent_text TEXT,
    stance TEXT NOT NULL,
    hedge TEXT,
    quote_id TEXT
);
CREATE INDEX explanations_doc ON explanations(doc_id);
CREATE INDEX explanations_category ON explanations(category);

-- the event mentions an explanation explains (the strike, the halt); mention_id is no foreign key (the
-- events and claims stages are re-extracted independently)
CREATE TABLE explanation_mentions (
    explanation_id TEXT NOT NULL REFERENCES explanations(id) ON DELETE CASCADE,
    mention_id TEXT NOT NULL,
    rank INTEGER NOT NULL,                  -- order in Explanation.mention_ids
    PRIMARY KEY (explanation_id, mention_id)
);
CREATE INDEX explanation_mentions_mention ON explanation_mentions(mention_id);

CREATE TABLE events (
    id TEXT PRIMARY KEY,                    -- "ev-<hash>" for lull's own, "<origin>:<external_id>" for imported
    origin TEXT NOT NULL DEFAULT 'lull',    -- lull (resolved from mentions), acled, ...
    external_id TEXT,                       -- ACLED event_id_cnty for imported events
    type TEXT NOT NULL,
    mode TEXT,
    status TEXT NOT NULL,                   -- claimed, reported, confirmed, denied
    actors TEXT NOT NULL DEFAULT '[]',      -- JSON list of actor objects
    recipients TEXT NOT NULL DEFAULT '[]',
    place_text TEXT,
    place_name TEXT,
    lat REAL,
    lon REAL,
    geo_precision INTEGER,
    country TEXT,
    feature TEXT,
    place_source TEXT,
    date_start TEXT,
    date_end TEXT,
    date_precision TEXT,
    weapon TEXT,
    fatalities INTEGER,
    injuries INTEGER,
    claimed_by TEXT NOT NULL DEFAULT '[]',      -- JSON list of actor objects
    attributed_to TEXT NOT NULL DEFAULT '[]',   -- JSON list of [attributor, accused] actor pairs
    conflicts TEXT NOT NULL DEFAULT '[]',       -- JSON list of {field, values: [[value, [mention ids]]]}
    first_reported TEXT,
    last_reported TEXT,
    notes TEXT,
    modality TEXT,
    UNIQUE (origin, external_id)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date_start);

CREATE TABLE event_mentions (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    mention_id TEXT NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,              -- order of the mention within its event
    PRIMARY KEY (event_id, mention_id)
);
CREATE INDEX event_mentions_mention ON event_mentions(mention_id);

-- A resolved event whose last mention went (its document was deleted or re-extracted) goes with it.
CREATE TRIGGER event_mentions_ad AFTER DELETE ON event_mentions
WHEN NOT EXISTS (SELECT 1 FROM event_mentions WHERE event_id = old.event_id) BEGIN
    DELETE FROM events WHERE id = old.event_id AND origin = 'lull';
END;
