-- Intake and the editorial workflow. Never edit a shipped migration: add a new file instead.

-- Who sent a document (an e-mail's sender, a submitter's contact): for editors only.
ALTER TABLE documents ADD COLUMN sender TEXT;

-- Editors' corrections of a statement's reading, kept apart from the machine's so that no
-- reprocess can overwrite them; the latest per field is in force. `value` is an
-- organization's slug, an ISO date, a country name or a title; NULL clears the field.
CREATE TABLE statement_edits (
    id           INTEGER PRIMARY KEY,
    statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    field        TEXT NOT NULL CHECK (field IN ('organization', 'date', 'country', 'title')),
    value        TEXT,
    editor       TEXT NOT NULL,
    edited_at    TEXT NOT NULL
);
CREATE INDEX statement_edits_statement ON statement_edits(statement_id, field, id);

-- An organization merged into another: statements read later under the old slug go to
-- the one it was merged into.
CREATE TABLE organization_merges (
    slug    TEXT PRIMARY KEY,
    into_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE
);

-- Every editorial change: who, when, what, before and after (JSON).
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    statement_id INTEGER REFERENCES statements(id) ON DELETE SET NULL,
    editor       TEXT NOT NULL,
    action       TEXT NOT NULL,
    before       TEXT,
    after        TEXT,
    at           TEXT NOT NULL
);
CREATE INDEX audit_log_statement ON audit_log(statement_id, id);

-- Editor accounts: argon2 hashes only (PHC strings), never a password.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('editor', 'admin')),
    password_hash TEXT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    created_at    TEXT NOT NULL
);

-- Login sessions, by the SHA-256 of the cookie's token (a stolen database gives no session).
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

-- Watched feeds: the validators of the last answer, and every entry already taken.
CREATE TABLE feeds (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    checked_at    TEXT
);
CREATE TABLE feed_entries (
    feed_url TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    seen_at  TEXT NOT NULL,
    PRIMARY KEY (feed_url, entry_id)
);
