-- 0009: the event mentions an explanation explains (the strike, the halt), one row per link
-- (Explanation.mention_ids, extract/claims/explanations.py). The mention id is not a foreign key:
-- the events and claims stages are re-extracted independently, so a link may name a mention that a
-- newer event coder no longer finds. Explanations stored before this step have no links until re-extracted.
CREATE TABLE explanation_mentions (
    explanation_id TEXT NOT NULL REFERENCES explanations(id) ON DELETE CASCADE,
    mention_id TEXT NOT NULL,
    rank INTEGER NOT NULL,                  -- order in Explanation.mention_ids
    PRIMARY KEY (explanation_id, mention_id)
);
CREATE INDEX explanation_mentions_mention ON explanation_mentions(mention_id);
