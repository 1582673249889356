-- 0004: resolved events (one per real-world event), their mentions, and imported events (ACLED).
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
