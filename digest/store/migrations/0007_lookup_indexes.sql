-- Indexes for the two lookups every collect and send makes: the stories seen since the last
-- edition (selection), and whether a story went out in an edition before. PostgreSQL had
-- the first from the start.
CREATE INDEX IF NOT EXISTS stories_seen ON stories(first_seen);
CREATE INDEX IF NOT EXISTS edition_stories_story ON edition_stories(story_id);
