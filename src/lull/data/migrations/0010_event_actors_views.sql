-- 0010: an event's parties as rows (event_actors) instead of JSON lists on events; a mention's place keeps its
-- feature class; named views that the CLI, the report, the web app and Datasette share.
ALTER TABLE mentions ADD COLUMN feature TEXT;

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

INSERT INTO event_actors (event_id, role, position, actor_id, text, name, kind, sector, country, label)
SELECT e.id, r.role, j.key, j.value->>'id', j.value->>'text', j.value->>'name', j.value->>'kind',
       j.value->>'sector', j.value->>'country', j.value->>'label'
FROM events e
JOIN (SELECT 'actor' AS role UNION ALL SELECT 'recipient' UNION ALL SELECT 'claimed_by') r
JOIN json_each(CASE r.role WHEN 'actor' THEN e.actors WHEN 'recipient' THEN e.recipients ELSE e.claimed_by END) j;

INSERT INTO event_actors (event_id, role, position, actor_id, text, name, kind, sector, country, label)
SELECT e.id, r.role, j.key, j.value->(r.side)->>'id', j.value->(r.side)->>'text', j.value->(r.side)->>'name',
       j.value->(r.side)->>'kind', j.value->(r.side)->>'sector', j.value->(r.side)->>'country',
       j.value->(r.side)->>'label'
FROM events e
JOIN (SELECT 'attributor' AS role, 0 AS side UNION ALL SELECT 'attributed', 1) r
JOIN json_each(e.attributed_to) j;

ALTER TABLE events DROP COLUMN actors;
ALTER TABLE events DROP COLUMN recipients;
ALTER TABLE events DROP COLUMN claimed_by;
ALTER TABLE events DROP COLUMN attributed_to;

-- Every (event, mention) pair with the mention's sentence and its document's outlet and publication.
CREATE VIEW events_with_sources AS
SELECT e.id AS event_id, e.origin, e.type, e.mode, e.status, e.modality AS event_modality, e.date_start, e.date_end,
       e.date_precision,
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
