-- 0012: link blocks keyed by week and event type ("2024-W04|ASSAULT"; link/blocks.py says how they are drawn).
-- The week keys of 0011 are dropped and each linked document's blocks are re-drawn by the next link run
-- without re-linking (stale_blocks); a week key of 0011 still dirty ("2024-W04", "undated") re-links every
-- block of its week.
CREATE TABLE stale_blocks (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE
);
INSERT INTO stale_blocks (doc_id)
SELECT DISTINCT doc_id FROM mentions WHERE doc_id NOT IN (SELECT doc_id FROM pending_links);
DELETE FROM link_blocks;
