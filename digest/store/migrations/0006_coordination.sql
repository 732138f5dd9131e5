-- What several hosts share besides the newsletter's own data.
-- Leases: one holder of a role at a time (`run`: the leading `digest run`), until it stops
-- renewing; times are ISO text in UTC with microseconds, so they compare as text.
CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,            -- host:pid:random, one per process
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    taken_at TEXT NOT NULL,          -- when this holder took it
    expires_at TEXT NOT NULL         -- free to take from then on, unless renewed
);
-- Rate limits as counters per key and window (the web app's sign-ups), keys hashed.
CREATE TABLE rate_limits (
    name TEXT NOT NULL,              -- which limit: sign-ups per client, per address, ...
    bucket TEXT NOT NULL,            -- sha256 of the key (a client or an email address), hex
    window_start TEXT NOT NULL,
    hits INTEGER NOT NULL,
    PRIMARY KEY (name, bucket, window_start)
);
CREATE INDEX rate_limits_window ON rate_limits(name, window_start);
-- Webhook tokens seen (Mailgun's), kept while their signature is fresh: a replay is refused.
CREATE TABLE webhook_tokens (
    provider TEXT NOT NULL,
    token TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    PRIMARY KEY (provider, token)
);
CREATE INDEX webhook_tokens_expiry ON webhook_tokens(expires_at);
