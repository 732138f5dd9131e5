-- An edition's story list is kept once: in edition_stories, with each story's position in
-- the digest, instead of there and again as a JSON list in editions.story_ids.
CREATE TABLE edition_stories_ordered (
    edition_id INTEGER NOT NULL REFERENCES editions(id),
    position INTEGER NOT NULL,       -- 0, 1, 2, ...: the digest's order
    story_id TEXT NOT NULL,
    PRIMARY KEY (edition_id, story_id),
    UNIQUE (edition_id, position)
);
-- The JSON list is what release 0.1 read back; a story listed twice keeps its first place.
INSERT OR IGNORE INTO edition_stories_ordered (edition_id, position, story_id)
    SELECT e.id, j.key, j.value FROM editions e, json_each(e.story_ids) j
    ORDER BY e.id, j.key;
DROP TABLE edition_stories;
ALTER TABLE edition_stories_ordered RENAME TO edition_stories;
ALTER TABLE editions DROP COLUMN story_ids;
