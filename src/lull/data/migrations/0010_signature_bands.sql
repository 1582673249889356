-- 0010: MinHash LSH band table, so a new document is compared only with documents that share a band
-- (32 bands of 4 slots = 32 bytes of the 128-slot signature), never with every stored signature.
CREATE TABLE signature_bands (
    band INTEGER NOT NULL,                  -- 0..31
    key TEXT NOT NULL,                      -- the band's 32 signature bytes, as upper-case hex
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, key, doc_id)
) WITHOUT ROWID;

CREATE INDEX signature_bands_doc ON signature_bands(doc_id);

CREATE TRIGGER documents_bands AFTER INSERT ON documents WHEN new.signature IS NOT NULL BEGIN
    INSERT OR IGNORE INTO signature_bands (band, key, doc_id)  -- (a WITH clause is not allowed in a trigger)
    SELECT b.value, hex(substr(new.signature, b.value * 32 + 1, 32)), new.id
    FROM json_each('[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31]') b
    WHERE length(new.signature) >= (b.value + 1) * 32;
END;

INSERT OR IGNORE INTO signature_bands (band, key, doc_id)
WITH RECURSIVE b(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM b WHERE n < 31)
SELECT n, hex(substr(d.signature, n * 32 + 1, 32)), d.id FROM documents d, b
WHERE d.signature IS NOT NULL AND length(d.signature) >= (n + 1) * 32;
