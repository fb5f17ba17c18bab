-- Editors' decisions on coding, kept apart from the machine's so that no re-run of the
-- coder can overwrite them. Every decision is kept (the audit trail); the latest one per
-- statement and code is in force.
CREATE TABLE editor_codes (
    id           INTEGER PRIMARY KEY,
    statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    code         TEXT NOT NULL,
    decision     TEXT NOT NULL CHECK (decision IN ('confirm', 'reject', 'add')),
    evidence     TEXT NOT NULL DEFAULT '[]', -- JSON array of {start, end, text}
    editor       TEXT NOT NULL,
    decided_at   TEXT NOT NULL
);
CREATE INDEX editor_codes_statement ON editor_codes(statement_id, code, id);
