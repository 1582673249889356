-- 0011: incremental linking and near-duplicate search without scans.
-- link_blocks: the blocks each mention is linked within (link/cluster.py says how blocks are drawn);
-- dirty_blocks: blocks that new or deleted mentions touched since the last link run;
-- pending_links: documents with mentions not yet in any block.
-- near_duplicate_bands: MinHash band hashes of each document (ingest/near_duplicates.py); candidates share a band.
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
INSERT INTO pending_links (doc_id) SELECT DISTINCT doc_id FROM mentions;

CREATE TABLE near_duplicate_bands (
    band INTEGER NOT NULL,                  -- band number within the signature
    hash INTEGER NOT NULL,                  -- hash of the band's slots
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, doc_id)
) WITHOUT ROWID;
CREATE INDEX near_duplicate_bands_doc ON near_duplicate_bands(doc_id);
