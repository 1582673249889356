-- 0003: numeric claims, quotes with speakers, explanations of pauses and escalations.
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
    cue TEXT
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
