-- The readers' side: who must never be sent to again, why, and who signed up.
CREATE TABLE suppressions (
    recipient TEXT PRIMARY KEY,      -- lower-cased address
    address TEXT NOT NULL,
    reason TEXT NOT NULL,            -- unsubscribed | bounced | complained | soft_bounced | manual
    origin TEXT NOT NULL,            -- who said so: web, cli, import, sendgrid, mailgun, postmark
    created_at TEXT NOT NULL
);
-- Each provider event once, by the provider's own id: a replayed webhook changes nothing.
CREATE TABLE mail_events (
    provider TEXT NOT NULL,
    event_id TEXT NOT NULL,
    recipient TEXT NOT NULL,         -- lower-cased address
    kind TEXT NOT NULL,              -- hard_bounce | soft_bounce | complaint
    at TEXT NOT NULL,
    PRIMARY KEY (provider, event_id)
);
CREATE INDEX mail_events_recipient ON mail_events(recipient, kind, at);
-- Readers who confirmed their sign-up (double opt-in).
CREATE TABLE subscribers (
    recipient TEXT PRIMARY KEY,      -- lower-cased address
    address TEXT NOT NULL,
    name TEXT,
    confirmed_at TEXT NOT NULL
);
