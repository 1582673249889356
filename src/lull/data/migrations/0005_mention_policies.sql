-- 0005: the policies that fired on a mention or a quote (vocabulary.Policy values, sorted, comma-separated;
-- rule_id stays provenance only), and an event's modality, decided when the event is built.
ALTER TABLE mentions ADD COLUMN policies TEXT NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN policies TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN modality TEXT;

-- Events stored before this step: the strongest modality of their mentions (as link/build.py decides it).
-- Mentions get their policies when the new extractor version re-extracts their documents.
UPDATE events SET modality = (
    SELECT m.modality FROM event_mentions em JOIN mentions m ON m.id = em.mention_id
    WHERE em.event_id = events.id
    ORDER BY CASE m.modality WHEN 'asserted' THEN 0 WHEN 'claimed' THEN 1 WHEN 'reported' THEN 2
                             WHEN 'historical' THEN 3 WHEN 'denied' THEN 4 ELSE 5 END, em.position
    LIMIT 1
) WHERE origin = 'lull';
