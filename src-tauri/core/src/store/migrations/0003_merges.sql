-- Schema v3: merging actors, undoably; suggestions edited before they are accepted, and
-- acceptances that can be undone; tags on sources.

-- One row per merge of one actor into another. `merged` is the merged actor as it was
-- (id, name, kind, description, timestamps, aliases, note links); `moved` lists, by
-- table and column, the ids of the rows the merge pointed at the kept actor, and the
-- aliases and note links it added to it. Undoing a merge restores the actor and points
-- exactly those rows back. `kept_id` has no foreign key on purpose: the history of a
-- merge outlives the kept actor (it may itself be merged later, or deleted), so that
-- the merged actor can always be brought back.
CREATE TABLE actor_merges (
    id        INTEGER PRIMARY KEY,
    kept_id   INTEGER NOT NULL,
    merged_id INTEGER NOT NULL,
    merged    TEXT    NOT NULL CHECK (json_valid(merged)),
    moved     TEXT    NOT NULL CHECK (json_valid(moved)),
    merged_at TEXT    NOT NULL,
    undone_at TEXT
);
CREATE INDEX actor_merges_kept ON actor_merges (kept_id);

-- Set when the analyst edits a suggestion: re-analysis keeps edited suggestions as it
-- keeps decided ones.
ALTER TABLE suggestions ADD COLUMN edited_at TEXT;

-- What accepting a suggestion wrote (JSON: the ids of the actors, mentions, aliases,
-- claim and citation it created), so that the acceptance can be undone exactly.
ALTER TABLE suggestions ADD COLUMN accepted TEXT CHECK (accepted IS NULL OR json_valid(accepted));

-- The analyst's own labels on sources ("Bolivia file", "to verify"), for the Library's
-- filter. Tags are stored as typed (NFC, trimmed); their order is the name's.
CREATE TABLE source_tags (
    source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    tag       TEXT    NOT NULL CHECK (tag <> ''),
    PRIMARY KEY (source_id, tag)
);
CREATE INDEX source_tags_tag ON source_tags (tag);
