-- 0005_shared_sending.sql in PostgreSQL: the queue index names `rowid`, a column here.
-- Several senders on one edition. An edition is numbered within its key (0, then one more for
-- each forced one), so two senders building the same edition at once store it once: the
-- second insert conflicts and that sender reads the first one's. A recipient's row carries
-- the sender that holds it (`owner`) until `lease_until`; a lapsed lease frees it.
ALTER TABLE editions ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
UPDATE editions SET number = (SELECT COUNT(*) FROM editions e
                              WHERE e.day = editions.day AND e.id < editions.id);
CREATE UNIQUE INDEX editions_day_number ON editions(day, number);
ALTER TABLE deliveries ADD COLUMN owner TEXT;
ALTER TABLE deliveries ADD COLUMN lease_until TEXT;
-- The queue: an edition's recipients in one status, in the order written (`rowid`).
CREATE INDEX deliveries_queue ON deliveries(edition_id, status, rowid);
