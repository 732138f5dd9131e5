-- Each source's health across runs, and the alerts already given, so that each fires once.
CREATE TABLE source_health (
    source TEXT PRIMARY KEY,          -- the source's name in config.yaml
    failures INTEGER NOT NULL,        -- failed runs in a row; 0 after a run that worked
    failing_since TEXT,               -- the first failed run of the current streak
    last_error TEXT,
    last_success TEXT,
    ended_since TEXT,                 -- failing_since of the last streak that ended
    ended_failures INTEGER            -- how many runs that streak lasted
);
CREATE TABLE alerts (
    key TEXT NOT NULL,                -- what the alert is about, e.g. missed:2026-12-07
    channel TEXT NOT NULL,            -- log, email or webhook; "-": none is due
    at TEXT NOT NULL,
    PRIMARY KEY (key, channel)
);
