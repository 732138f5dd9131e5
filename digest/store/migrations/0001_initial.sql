-- The schema of release 0.1, which had no version number: a file of that release
-- (user_version 0 with these tables) counts as version 1.
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    canonical_url TEXT,
    first_seen TEXT NOT NULL,
    data TEXT NOT NULL               -- the whole Story as JSON
);
CREATE INDEX stories_url ON stories(canonical_url);
CREATE TABLE http_cache (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    checked_at TEXT NOT NULL
);
CREATE TABLE editions (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL,            -- sending | sent | partial
    subject TEXT NOT NULL,
    preheader TEXT NOT NULL,
    html TEXT NOT NULL,
    text TEXT NOT NULL,
    story_ids TEXT NOT NULL          -- JSON list, in digest order
);
CREATE INDEX editions_day ON editions(day);
CREATE TABLE edition_stories (
    edition_id INTEGER NOT NULL REFERENCES editions(id),
    story_id TEXT NOT NULL,
    PRIMARY KEY (edition_id, story_id)
);
CREATE TABLE deliveries (
    edition_id INTEGER NOT NULL REFERENCES editions(id),
    recipient TEXT NOT NULL,         -- lower-cased address
    address TEXT NOT NULL,
    name TEXT,
    status TEXT NOT NULL,            -- pending | sending | sent | failed
    message_id TEXT,
    error TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (edition_id, recipient)
);
