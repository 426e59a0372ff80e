-- Schema v4: the history of the analyst's changes, kept across restarts.

-- One row per change the analyst made (accept, reject, edit, merge, split, link, cite,
-- rename, tag, note edit…), written in the same transaction as the change itself, with
-- `undo`: what takes it back (JSON, read by `history.rs`). Taking a change back appends
-- a row of its own whose `undoes` names it. Rows are never updated or deleted: the
-- triggers below refuse it, so the history only grows.
CREATE TABLE changes (
    id      INTEGER PRIMARY KEY,
    made_at TEXT    NOT NULL,
    label   TEXT    NOT NULL,
    undo    TEXT    CHECK (undo IS NULL OR json_valid(undo)),
    undoes  INTEGER UNIQUE REFERENCES changes (id),
    CHECK ((undo IS NULL) <> (undoes IS NULL))
);

CREATE TRIGGER changes_are_never_updated BEFORE UPDATE ON changes
BEGIN
    SELECT RAISE(ABORT, 'the change history is append-only');
END;

CREATE TRIGGER changes_are_never_deleted BEFORE DELETE ON changes
BEGIN
    SELECT RAISE(ABORT, 'the change history is append-only');
END;
