-- A notes application's SQLite schema, written as a mobile or desktop team would: AUTOINCREMENT ids,
-- a STRICT table, a WITHOUT ROWID table, named constraints, checks written with extra parentheses,
-- generated columns, partial and expression indexes, a view whose columns are mixed case, and
-- triggers. Used by tests/unit/sqlite_realistic_test.cpp.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL COLLATE NOCASE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT uq_accounts_email UNIQUE (email),
    CONSTRAINT ck_accounts_email CHECK ((instr(email,'@')>1))
);
CREATE TABLE notebooks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT fk_notebooks_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT ck_notebooks_title CHECK ((length(title) between 1 and 200))
);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    notebook_id INTEGER NOT NULL REFERENCES notebooks (id) ON DELETE CASCADE,
    body TEXT NOT NULL DEFAULT '',
    pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    words INTEGER GENERATED ALWAYS AS (length(body) - length(replace(body, ' ', '')) + 1) VIRTUAL,
    deleted_at TEXT
) STRICT;
CREATE TABLE note_tags (
    note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (note_id, tag)
) WITHOUT ROWID;
CREATE INDEX ix_notes_live ON notes (notebook_id, pinned DESC) WHERE deleted_at IS NULL;
CREATE INDEX ix_note_tags_tag ON note_tags (lower(tag));
CREATE VIEW NotebookSummary AS
    SELECT n.id AS NotebookId, n.title AS Title, count(x.id) AS NoteCount
    FROM notebooks n LEFT JOIN notes x ON x.notebook_id = n.id AND x.deleted_at IS NULL
    GROUP BY n.id;
CREATE TRIGGER notes_soft_delete BEFORE DELETE ON notes
BEGIN
    UPDATE notes SET deleted_at = 'now' WHERE id = OLD.id;
    SELECT RAISE(IGNORE);
END;
