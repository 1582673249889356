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
    injuries INTEGER,
    policies TEXT NOT NULL DEFAULT '',
    date_basis TEXT,
    date_start_md TEXT,
    date_end_md TEXT,
    date_year_min INTEGER,
    date_year_max INTEGER,
    aggregate INTEGER NOT NULL DEFAULT 0,
    count INTEGER,
    count_claim_id TEXT,
    feature TEXT
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
    conflicts TEXT NOT NULL DEFAULT '[]',       -- JSON list of {field, values: [[value, [mention ids]]]}
    first_reported TEXT,
    last_reported TEXT,
    notes TEXT,
    modality TEXT,
    countability TEXT NOT NULL DEFAULT 'incident',
    UNIQUE (origin, external_id)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date_start);
-- events.countability: incident (counted in series, lulls, checks), aggregate, unreal (hypothetical, future,
-- negated only) or denied (only denied); link/build.py decides it from the event's mentions (0013).

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

-- The parties of each event, one row per actor and role (records keep tuples; the store maps).
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL,                     -- actor, recipient, claimed_by, attributor, attributed
    position INTEGER NOT NULL,              -- order within the role (a pair index for attributor/attributed)
    actor_id TEXT,                          -- KB id, NULL when the KB does not know the actor
    text TEXT NOT NULL,
    name TEXT,
    kind TEXT,
    sector TEXT,
    country TEXT,
    label TEXT,
    PRIMARY KEY (event_id, role, position)
);
CREATE INDEX event_actors_actor ON event_actors(actor_id);

-- Every (event, mention) pair with the mention's sentence and its document's outlet and publication.
CREATE VIEW events_with_sources AS
SELECT e.id AS event_id, e.origin, e.type, e.mode, e.status, e.modality AS event_modality, e.countability,
       e.date_start, e.date_end, e.date_precision,
       e.place_name, e.country, e.fatalities, em.position, m.id AS mention_id, m.modality, m.trigger,
       m.sentence, m.sent_start, m.sent_end, d.id AS doc_id, d.title, d.outlet, d.url,
       d.published_start, d.published_end, d.published_precision, d.published_basis
FROM events e
JOIN event_mentions em ON em.event_id = e.id
JOIN mentions m ON m.id = em.mention_id
JOIN documents d ON d.id = m.doc_id;

-- Every mention with its document's title, outlet, address and publication (not its text).
CREATE VIEW mentions_with_documents AS
SELECT m.*, d.title, d.outlet, d.url, d.language, d.published_start, d.published_end, d.published_precision,
       d.published_basis
FROM mentions m
JOIN documents d ON d.id = m.doc_id;

-- Numbers, quotes and explanations in one list, each with who states it (NULL claimant: the outlet's own voice).
CREATE VIEW claims_with_claimants AS
SELECT c.kind, c.id, c.doc_id, c.sent_start, c.sentence, c.text, c.category,
       c.claimant->>'id' AS claimant_id, COALESCE(c.claimant->>'name', c.claimant->>'text') AS claimant_name,
       c.claimant_text, d.outlet, d.url, d.published_start, d.published_precision
FROM (
    SELECT 'numeric' AS kind, id, doc_id, sent_start, sentence, span_text AS text, unit AS category,
           claimant, claimant_text FROM numeric_claims
    UNION ALL
    SELECT 'quote', id, doc_id, sent_start, sentence, content, kind, speaker, speaker_text FROM quotes
    UNION ALL
    SELECT 'explanation', id, doc_id, sent_start, sentence, cause, category, proponent, proponent_text
    FROM explanations
) c
JOIN documents d ON d.id = c.doc_id;

-- The parties of each event by role, with a display name (the KB name, else the text as written).
CREATE VIEW event_actor_names AS
SELECT event_id, role, position, actor_id, COALESCE(name, text) AS name
FROM event_actors;

-- Incremental linking (link/blocks.py) and near-duplicate bands (ingest/near_duplicates.py).
CREATE TABLE link_blocks (
    mention_id TEXT NOT NULL,               -- no foreign key: the trigger below reads the rows when a mention goes
    block TEXT NOT NULL,
    PRIMARY KEY (mention_id, block)
);
CREATE INDEX link_blocks_block ON link_blocks(block);

CREATE TABLE dirty_blocks (
    block TEXT PRIMARY KEY
);

CREATE TRIGGER mentions_ad_blocks AFTER DELETE ON mentions BEGIN
    INSERT OR IGNORE INTO dirty_blocks (block) SELECT block FROM link_blocks WHERE mention_id = old.id;
    DELETE FROM link_blocks WHERE mention_id = old.id;
END;

-- Documents whose mentions have no blocks yet (new or re-extracted): the link stage draws their blocks first.
CREATE TABLE pending_links (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE
);

CREATE TRIGGER mentions_ai_pending AFTER INSERT ON mentions BEGIN
    INSERT OR IGNORE INTO pending_links (doc_id) VALUES (new.doc_id);
END;

-- Documents linked under an older block policy: the link stage re-draws their blocks, re-linking nothing.
CREATE TABLE stale_blocks (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE
);

CREATE TABLE near_duplicate_bands (
    band INTEGER NOT NULL,                  -- band number within the signature
    hash INTEGER NOT NULL,                  -- hash of the band's slots
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, doc_id)
) WITHOUT ROWID;
CREATE INDEX near_duplicate_bands_doc ON near_duplicate_bands(doc_id);
