-- 0002_edition_story_order.sql in PostgreSQL: the JSON list read with its functions.
CREATE TABLE edition_stories_ordered (
    edition_id BIGINT NOT NULL REFERENCES editions(id),
    position INTEGER NOT NULL,       -- 0, 1, 2, ...: the digest's order
    story_id TEXT NOT NULL,
    PRIMARY KEY (edition_id, story_id),
    UNIQUE (edition_id, position)
);
INSERT INTO edition_stories_ordered (edition_id, position, story_id)
    SELECT e.id, j.ordinality - 1, j.value
    FROM editions e, jsonb_array_elements_text(e.story_ids::jsonb) WITH ORDINALITY j
    ORDER BY e.id, j.ordinality
    ON CONFLICT DO NOTHING;
DROP TABLE edition_stories;
ALTER TABLE edition_stories_ordered RENAME TO edition_stories;
ALTER TABLE editions DROP COLUMN story_ids;
