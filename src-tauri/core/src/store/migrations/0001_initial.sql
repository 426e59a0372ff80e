-- Schema v1. Frozen once released: change the schema with a new numbered file.
-- Dates are EDTF text with inclusive ISO-day bounds beside them for range queries.
-- Offsets (span_start, span_end) are Unicode code points into sources.text.

CREATE TABLE sources (
    id              INTEGER PRIMARY KEY,
    title           TEXT    NOT NULL,
    byline          TEXT,
    publisher       TEXT,
    published       TEXT,
    published_lower TEXT,
    published_upper TEXT,
    url             TEXT,
    language        TEXT,
    media_type      TEXT    NOT NULL,
    original_name   TEXT,
    sha256          TEXT    NOT NULL UNIQUE CHECK (length(sha256) = 64),
    byte_size       INTEGER NOT NULL CHECK (byte_size >= 0),
    status          TEXT    NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'no_text')),
    imported_at     TEXT    NOT NULL,
    text            TEXT    NOT NULL,
    html            TEXT
);
CREATE INDEX sources_imported_at ON sources (imported_at);
CREATE INDEX sources_published ON sources (published_lower);

-- The original bytes, apart from the row so that listing sources never reads them.
CREATE TABLE source_originals (
    source_id INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
    bytes     BLOB    NOT NULL
);

CREATE TABLE actors (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    kind        TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'state', 'armed_group', 'place', 'other')),
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX actors_name ON actors (name COLLATE NOCASE);

CREATE TABLE actor_aliases (
    id         INTEGER PRIMARY KEY,
    actor_id   INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    alias      TEXT    NOT NULL CHECK (alias <> ''),
    normalized TEXT    NOT NULL CHECK (normalized <> ''),
    UNIQUE (actor_id, normalized)
);
CREATE INDEX actor_aliases_normalized ON actor_aliases (normalized);

CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    source_id  INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    actor_id   INTEGER REFERENCES actors (id) ON DELETE SET NULL,
    span_start INTEGER NOT NULL CHECK (span_start >= 0),
    span_end   INTEGER NOT NULL CHECK (span_end > span_start),
    surface    TEXT    NOT NULL,
    kind       TEXT CHECK (kind IN ('person', 'organization', 'state', 'armed_group', 'place', 'other')),
    status     TEXT    NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'accepted', 'rejected'))
);
CREATE INDEX mentions_source ON mentions (source_id, span_start);
CREATE INDEX mentions_actor ON mentions (actor_id);

-- Actors a claim names cannot be deleted from under it (ON DELETE RESTRICT): claims are
-- evidence, and they move to another actor only by an explicit merge.
CREATE TABLE claims (
    id               INTEGER PRIMARY KEY,
    subject_id       INTEGER NOT NULL REFERENCES actors (id) ON DELETE RESTRICT,
    relation         TEXT    NOT NULL CHECK (relation IN (
                         'ally_of', 'proxy_of', 'member_of', 'leads', 'funds', 'supplies',
                         'cooperates_with', 'visits', 'meets', 'signs_agreement_with', 'attacks',
                         'responsible_for', 'supports', 'opposes', 'accuses', 'other')),
    relation_text    TEXT,
    object_id        INTEGER REFERENCES actors (id) ON DELETE RESTRICT,
    object_text      TEXT,
    statement        TEXT    NOT NULL DEFAULT '',
    date             TEXT,
    date_lower       TEXT,
    date_upper       TEXT,
    attributed_to_id INTEGER REFERENCES actors (id) ON DELETE RESTRICT,
    certainty        TEXT    NOT NULL DEFAULT 'asserted' CHECK (certainty IN ('asserted', 'reported', 'alleged', 'believed', 'denied')),
    status           TEXT    NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'accepted', 'rejected')),
    origin           TEXT    NOT NULL CHECK (origin IN ('extracted', 'user')),
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    CHECK (relation <> 'other' OR coalesce(relation_text, '') <> '')
);
CREATE INDEX claims_subject ON claims (subject_id, relation);
CREATE INDEX claims_object ON claims (object_id, relation);
CREATE INDEX claims_attributed_to ON claims (attributed_to_id);
CREATE INDEX claims_date ON claims (date_lower);

-- A citation outlives its claim as a bare highlight (ON DELETE SET NULL); it goes only
-- with its source.
CREATE TABLE citations (
    id         INTEGER PRIMARY KEY,
    claim_id   INTEGER REFERENCES claims (id) ON DELETE SET NULL,
    source_id  INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    exact      TEXT    NOT NULL CHECK (exact <> ''),
    prefix     TEXT    NOT NULL DEFAULT '',
    suffix     TEXT    NOT NULL DEFAULT '',
    span_start INTEGER NOT NULL CHECK (span_start >= 0),
    span_end   INTEGER NOT NULL CHECK (span_end > span_start),
    speaker_id INTEGER REFERENCES actors (id) ON DELETE RESTRICT,
    note       TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL
);
CREATE INDEX citations_claim ON citations (claim_id);
CREATE INDEX citations_source ON citations (source_id, span_start);
CREATE INDEX citations_speaker ON citations (speaker_id);

CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Resolved [[wikilinks]]; rewritten whenever the note body is saved.
CREATE TABLE note_links (
    note_id     INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    target_kind TEXT    NOT NULL CHECK (target_kind IN ('actor', 'source', 'claim', 'note')),
    target_id   INTEGER NOT NULL,
    label       TEXT    NOT NULL,
    PRIMARY KEY (note_id, target_kind, target_id)
);
CREATE INDEX note_links_target ON note_links (target_kind, target_id);

-- Full-text search. Source text, claim statements and notes are indexed through
-- external-content tables (the text is stored once); an actor's row joins its name and
-- aliases. Triggers keep every index in step with its table.
CREATE VIRTUAL TABLE sources_fts USING fts5 (
    title, text, content = 'sources', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER sources_fts_insert AFTER INSERT ON sources BEGIN
    INSERT INTO sources_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER sources_fts_delete AFTER DELETE ON sources BEGIN
    INSERT INTO sources_fts (sources_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER sources_fts_update AFTER UPDATE OF title, text ON sources BEGIN
    INSERT INTO sources_fts (sources_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO sources_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE VIRTUAL TABLE actors_fts USING fts5 (
    name, aliases, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER actors_fts_insert AFTER INSERT ON actors BEGIN
    INSERT INTO actors_fts (rowid, name, aliases) VALUES (new.id, new.name, '');
END;
CREATE TRIGGER actors_fts_delete AFTER DELETE ON actors BEGIN
    DELETE FROM actors_fts WHERE rowid = old.id;
END;
CREATE TRIGGER actors_fts_update AFTER UPDATE OF name ON actors BEGIN
    UPDATE actors_fts SET name = new.name WHERE rowid = new.id;
END;
CREATE TRIGGER actor_aliases_fts_insert AFTER INSERT ON actor_aliases BEGIN
    UPDATE actors_fts
       SET aliases = (SELECT group_concat(alias, ' | ') FROM actor_aliases WHERE actor_id = new.actor_id)
     WHERE rowid = new.actor_id;
END;
CREATE TRIGGER actor_aliases_fts_delete AFTER DELETE ON actor_aliases BEGIN
    UPDATE actors_fts
       SET aliases = coalesce((SELECT group_concat(alias, ' | ') FROM actor_aliases WHERE actor_id = old.actor_id), '')
     WHERE rowid = old.actor_id;
END;
CREATE TRIGGER actor_aliases_fts_update AFTER UPDATE ON actor_aliases BEGIN
    UPDATE actors_fts
       SET aliases = coalesce((SELECT group_concat(alias, ' | ') FROM actor_aliases WHERE actor_id = old.actor_id), '')
     WHERE rowid = old.actor_id;
    UPDATE actors_fts
       SET aliases = coalesce((SELECT group_concat(alias, ' | ') FROM actor_aliases WHERE actor_id = new.actor_id), '')
     WHERE rowid = new.actor_id;
END;

CREATE VIRTUAL TABLE claims_fts USING fts5 (
    statement, content = 'claims', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, statement) VALUES (new.id, new.statement);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, statement) VALUES ('delete', old.id, old.statement);
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF statement ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, statement) VALUES ('delete', old.id, old.statement);
    INSERT INTO claims_fts (rowid, statement) VALUES (new.id, new.statement);
END;

CREATE VIRTUAL TABLE notes_fts USING fts5 (
    title, body, content = 'notes', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF title, body ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
