-- 0008: a mention that reports a campaign, series, count or trend rather than one incident
-- (extract/events/aggregates.py), the count it states and the numeric claim stating it.
-- Mentions stored before this step read as incidents until the new extractor version re-extracts them.
ALTER TABLE mentions ADD COLUMN aggregate INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mentions ADD COLUMN count INTEGER;
ALTER TABLE mentions ADD COLUMN count_claim_id TEXT;
