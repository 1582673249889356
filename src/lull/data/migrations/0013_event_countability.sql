-- 0013: every mention may belong to an event; an event says whether it is one countable incident or an aggregate,
-- an unreal act (hypothetical, future, negated) or denied only (link/build.py). Series, lulls and checks count
-- incidents only. Events stored before this step read as incidents until the next link run rebuilds them.
ALTER TABLE events ADD COLUMN countability TEXT NOT NULL DEFAULT 'incident';

DROP VIEW events_with_sources;
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
