-- The first schema. Never edit a shipped migration: add a new file instead.

-- Raw documents exactly as received: the source of truth everything else is rebuilt from.
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    sha256       TEXT NOT NULL UNIQUE,
    bytes        BLOB NOT NULL,
    content_type TEXT NOT NULL,
    origin       TEXT NOT NULL,
    source_url   TEXT,
    publication  TEXT,
    published    TEXT,
    title        TEXT,
    received_at  TEXT NOT NULL
);

CREATE TABLE organizations (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    country      TEXT,
    kind         TEXT,
    website      TEXT,
    needs_review INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL
);

CREATE TABLE organization_aliases (
    organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    alias           TEXT NOT NULL,
    PRIMARY KEY (organization_id, alias)
);

CREATE TABLE statements (
    id              INTEGER PRIMARY KEY,
    fingerprint     TEXT NOT NULL UNIQUE,
    organization_id INTEGER REFERENCES organizations(id),
    country         TEXT,
    country_source  TEXT,
    date            TEXT,
    date_source     TEXT,
    date_text       TEXT,
    title           TEXT,
    co_signatories  TEXT NOT NULL DEFAULT '[]', -- JSON array of names as written
    -- The machine's coding: JSON array of {code, evidence: [{start, end, text}]}, byte
    -- offsets into text. Editors' decisions live apart, in editor_codes.
    machine_positions TEXT NOT NULL DEFAULT '[]',
    language        TEXT,
    text            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'published', 'rejected')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX statements_organization ON statements(organization_id);
CREATE INDEX statements_date ON statements(date);

-- Provenance: every place a statement appeared.
CREATE TABLE sources (
    statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    block_start  INTEGER NOT NULL,
    block_end    INTEGER NOT NULL,
    PRIMARY KEY (statement_id, document_id, position)
);
CREATE INDEX sources_document ON sources(document_id);

-- A counter bumped by every change, so derived indexes know when to catch up.
CREATE TABLE changes (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    counter INTEGER NOT NULL
);
INSERT INTO changes (id, counter) VALUES (1, 0);
