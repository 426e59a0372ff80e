-- Schema v9: what a store needs to sync with a team's server.
--
-- A store that has joined an investigation records every change to the rows that sync
-- as an entry of `sync_outbox`, written by the triggers below in the same transaction as
-- the change, so no write path can forget it (import, a person's changes, undo). Each
-- entry names its row by global id and carries the row as JSON in which the columns that
-- point at other rows hold those rows' global ids (the views `sync_rows_<table>` build
-- it): an insert its new row, a delete its old row (kept as a tombstone where applied),
-- an update both (only the columns that differ are sent). Entries are grouped by the
-- store transaction that made them (`tx`, counted by the store as each transaction
-- begins), sealed into operations (`op_id`), pushed (`seq`), and removed once the store
-- has pulled the log up to them. A store that has not joined captures nothing
-- (`capturing` = 0) and pays only the triggers' test.
--
-- A tag of a source now has a global id too (the act that added it, like an alias), so
-- that adding and removing tags on two desktops merges with adds winning.

ALTER TABLE source_tags ADD COLUMN gid TEXT;
UPDATE source_tags SET gid = substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4) || '-7' || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          lower(hex(randomblob(6)));
CREATE UNIQUE INDEX source_tags_gid ON source_tags (gid);
CREATE TRIGGER source_tags_gid_given BEFORE INSERT ON source_tags WHEN new.gid IS NULL BEGIN
    SELECT RAISE(ABORT, 'source_tags: a new row needs its global id');
END;
CREATE TRIGGER source_tags_gid_kept BEFORE UPDATE OF gid ON source_tags WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'source_tags: a global id never changes');
END;

-- The store's place in a team: one row. `device` names this store to the server;
-- `investigation` is the one it has joined; `cursor` is the number of the last
-- operation of the server's log applied here.
CREATE TABLE sync_state (
    only          INTEGER PRIMARY KEY CHECK (only = 1),
    capturing     INTEGER NOT NULL DEFAULT 0 CHECK (capturing IN (0, 1)),
    tx            INTEGER NOT NULL DEFAULT 0,
    device        TEXT,
    investigation TEXT,
    cursor        INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sync_state (only) VALUES (1);

-- Changes made here and not yet pushed.
CREATE TABLE sync_outbox (
    id     INTEGER PRIMARY KEY,
    tx     INTEGER NOT NULL,
    op_id  TEXT,
    -- The operation's number in the log, once pushed. Pushed entries stay until this
    -- store has pulled the log up to them: until then they can be taken back and made
    -- again in the log's order.
    seq    INTEGER,
    tbl    TEXT    NOT NULL,
    -- The row's local id, which it keeps when it is taken back and made again.
    row_id INTEGER NOT NULL,
    gid    TEXT,
    kind   TEXT    NOT NULL CHECK (kind IN ('insert', 'update', 'delete')),
    old    TEXT    CHECK (old IS NULL OR json_valid(old)),
    new    TEXT    CHECK (new IS NULL OR json_valid(new)),
    -- 'made': what the change was, as made here (it is sent, and it is what is taken
    -- back). When the change is made again after others' operations, what that did
    -- here is kept as 'done' entries (what is taken back next time) and the entries
    -- made are only 'sent'.
    role   TEXT    NOT NULL DEFAULT 'made' CHECK (role IN ('made', 'sent', 'done'))
);
CREATE INDEX sync_outbox_op ON sync_outbox (op_id);
CREATE INDEX sync_outbox_gid ON sync_outbox (gid);
CREATE INDEX sync_outbox_row ON sync_outbox (tbl, row_id);

-- Other global ids a row goes by: the same article imported on two desktops (same
-- SHA-256), the same alias or tag added on both, the same suggestion made on both, are
-- one row here, named by every id it was given. A name is alive until an operation
-- deletes the row by it; the row goes when none of its names is alive.
CREATE TABLE sync_names (
    name  TEXT    PRIMARY KEY,
    tbl   TEXT    NOT NULL,
    gid   TEXT    NOT NULL,
    alive INTEGER NOT NULL DEFAULT 1 CHECK (alive IN (0, 1))
) WITHOUT ROWID;
CREATE INDEX sync_names_gid ON sync_names (gid);

-- Rows deleted by operations of the log, as the entry that deleted them carried them (a
-- merged actor with the actor it went into): a row that a concurrent operation still
-- needs (a citation of a deleted source) comes back from here, and what points at a
-- merged actor points at the one it went into.
CREATE TABLE sync_tombstones (
    gid TEXT PRIMARY KEY,
    tbl TEXT NOT NULL,
    row TEXT NOT NULL CHECK (json_valid(row))
) WITHOUT ROWID;

-- Columns that two desktops set to different values without seeing each other's: the
-- value the log's order kept and the other one, for a person to decide.
CREATE TABLE sync_conflicts (
    id       INTEGER PRIMARY KEY,
    tbl      TEXT    NOT NULL,
    gid      TEXT    NOT NULL,
    col      TEXT    NOT NULL,
    kept     TEXT    CHECK (kept IS NULL OR json_valid(kept)),
    other    TEXT    CHECK (other IS NULL OR json_valid(other)),
    seq      INTEGER NOT NULL,
    noted_at TEXT    NOT NULL,
    resolved_at TEXT
);
CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved_at, gid);
-- An operation applied again (after this store took back its own to apply the log in
-- order) notes its conflicts once.
CREATE UNIQUE INDEX sync_conflicts_once ON sync_conflicts (tbl, gid, col, seq);

-- Who did what, as the team's log says (the login that pushed each operation): who made
-- a row (a claim, a citation, a note, an actor, a source), who last decided a
-- suggestion, who last edited a row. Filled as operations of the log are applied, this
-- store's own among them once the log holds them, so every desktop says the same.
CREATE TABLE sync_authors (
    gid    TEXT    NOT NULL,
    act    TEXT    NOT NULL CHECK (act IN ('made', 'decided', 'edited')),
    author TEXT    NOT NULL,
    seq    INTEGER NOT NULL,
    PRIMARY KEY (gid, act)
) WITHOUT ROWID;

-- A source's original bytes travel as a blob named by the source's SHA-256.
CREATE VIEW sync_rows_source_originals (id, gid, row) AS
    SELECT o.source_id, s.gid, json_object('source_id', s.gid, 'sha256', s.sha256)
      FROM source_originals o JOIN sources s ON s.id = o.source_id;

CREATE TRIGGER source_originals_sync_insert AFTER INSERT ON source_originals
WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'source_originals', id, gid, 'insert', row
      FROM sync_rows_source_originals WHERE id = new.source_id;
END;
CREATE TRIGGER source_originals_sync_delete BEFORE DELETE ON source_originals
WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'source_originals', id, gid, 'delete', row
      FROM sync_rows_source_originals WHERE id = old.source_id;
END;

-- Each synced table: its rows as entries carry them, and the triggers that capture. A
-- reference names the row's gid; while a deletion cascades, the row it names is already
-- gone, and its gid is read from the entry that captured its deletion. A deletion also
-- notes the other ids the row goes by here ("$names"): those are the ones it deletes.
CREATE VIEW sync_rows_sources (id, gid, row) AS
    SELECT s.id, s.gid, json_object(
           'title', s.title,
           'byline', s.byline,
           'publisher', s.publisher,
           'published', s.published,
           'published_lower', s.published_lower,
           'published_upper', s.published_upper,
           'url', s.url,
           'language', s.language,
           'media_type', s.media_type,
           'original_name', s.original_name,
           'sha256', s.sha256,
           'byte_size', s.byte_size,
           'status', s.status,
           'imported_at', s.imported_at,
           'text', s.text,
           'html', s.html)
      FROM sources s;

CREATE TRIGGER sources_sync_insert AFTER INSERT ON sources WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'sources', id, gid, 'insert', row FROM sync_rows_sources WHERE id = new.id;
END;
CREATE TRIGGER sources_sync_update_before BEFORE UPDATE ON sources
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.title IS NOT old.title OR new.byline IS NOT old.byline OR new.publisher IS NOT old.publisher OR new.published IS NOT old.published OR new.published_lower IS NOT old.published_lower OR new.published_upper IS NOT old.published_upper OR new.url IS NOT old.url OR new.language IS NOT old.language OR new.media_type IS NOT old.media_type OR new.original_name IS NOT old.original_name OR new.sha256 IS NOT old.sha256 OR new.byte_size IS NOT old.byte_size OR new.status IS NOT old.status OR new.imported_at IS NOT old.imported_at OR new.text IS NOT old.text OR new.html IS NOT old.html) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'sources', id, gid, 'update', row FROM sync_rows_sources WHERE id = old.id;
END;
CREATE TRIGGER sources_sync_update_after AFTER UPDATE ON sources
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.title IS NOT old.title OR new.byline IS NOT old.byline OR new.publisher IS NOT old.publisher OR new.published IS NOT old.published OR new.published_lower IS NOT old.published_lower OR new.published_upper IS NOT old.published_upper OR new.url IS NOT old.url OR new.language IS NOT old.language OR new.media_type IS NOT old.media_type OR new.original_name IS NOT old.original_name OR new.sha256 IS NOT old.sha256 OR new.byte_size IS NOT old.byte_size OR new.status IS NOT old.status OR new.imported_at IS NOT old.imported_at OR new.text IS NOT old.text OR new.html IS NOT old.html) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_sources WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER sources_sync_delete BEFORE DELETE ON sources WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'sources', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_sources r WHERE id = old.id;
END;

CREATE VIEW sync_rows_source_tags (id, gid, row) AS
    SELECT t.rowid, t.gid, json_object(
           'source_id', coalesce((SELECT gid FROM sources WHERE id = t.source_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'sources' AND row_id = t.source_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'tag', t.tag)
      FROM source_tags t;

CREATE TRIGGER source_tags_sync_insert AFTER INSERT ON source_tags WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'source_tags', id, gid, 'insert', row FROM sync_rows_source_tags WHERE id = new.rowid;
END;
CREATE TRIGGER source_tags_sync_update_before BEFORE UPDATE ON source_tags
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.source_id IS NOT old.source_id OR new.tag IS NOT old.tag) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'source_tags', id, gid, 'update', row FROM sync_rows_source_tags WHERE id = old.rowid;
END;
CREATE TRIGGER source_tags_sync_update_after AFTER UPDATE ON source_tags
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.source_id IS NOT old.source_id OR new.tag IS NOT old.tag) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_source_tags WHERE id = new.rowid)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER source_tags_sync_delete BEFORE DELETE ON source_tags WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'source_tags', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_source_tags r WHERE id = old.rowid;
END;

CREATE VIEW sync_rows_actors (id, gid, row) AS
    SELECT a.id, a.gid, json_object(
           'name', a.name,
           'kind', a.kind,
           'description', a.description,
           'created_at', a.created_at,
           'updated_at', a.updated_at)
      FROM actors a;

CREATE TRIGGER actors_sync_insert AFTER INSERT ON actors WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'actors', id, gid, 'insert', row FROM sync_rows_actors WHERE id = new.id;
END;
CREATE TRIGGER actors_sync_update_before BEFORE UPDATE ON actors
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.name IS NOT old.name OR new.kind IS NOT old.kind OR new.description IS NOT old.description OR new.created_at IS NOT old.created_at OR new.updated_at IS NOT old.updated_at) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'actors', id, gid, 'update', row FROM sync_rows_actors WHERE id = old.id;
END;
CREATE TRIGGER actors_sync_update_after AFTER UPDATE ON actors
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.name IS NOT old.name OR new.kind IS NOT old.kind OR new.description IS NOT old.description OR new.created_at IS NOT old.created_at OR new.updated_at IS NOT old.updated_at) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_actors WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER actors_sync_delete BEFORE DELETE ON actors WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'actors', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_actors r WHERE id = old.id;
END;

CREATE VIEW sync_rows_actor_aliases (id, gid, row) AS
    SELECT l.id, l.gid, json_object(
           'actor_id', coalesce((SELECT gid FROM actors WHERE id = l.actor_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'actors' AND row_id = l.actor_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'alias', l.alias,
           'normalized', l.normalized)
      FROM actor_aliases l;

CREATE TRIGGER actor_aliases_sync_insert AFTER INSERT ON actor_aliases WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'actor_aliases', id, gid, 'insert', row FROM sync_rows_actor_aliases WHERE id = new.id;
END;
CREATE TRIGGER actor_aliases_sync_update_before BEFORE UPDATE ON actor_aliases
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.actor_id IS NOT old.actor_id OR new.alias IS NOT old.alias OR new.normalized IS NOT old.normalized) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'actor_aliases', id, gid, 'update', row FROM sync_rows_actor_aliases WHERE id = old.id;
END;
CREATE TRIGGER actor_aliases_sync_update_after AFTER UPDATE ON actor_aliases
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.actor_id IS NOT old.actor_id OR new.alias IS NOT old.alias OR new.normalized IS NOT old.normalized) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_actor_aliases WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER actor_aliases_sync_delete BEFORE DELETE ON actor_aliases WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'actor_aliases', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_actor_aliases r WHERE id = old.id;
END;

CREATE VIEW sync_rows_mentions (id, gid, row) AS
    SELECT m.id, m.gid, json_object(
           'source_id', coalesce((SELECT gid FROM sources WHERE id = m.source_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'sources' AND row_id = m.source_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'actor_id', coalesce((SELECT gid FROM actors WHERE id = m.actor_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'actors' AND row_id = m.actor_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'span_start', m.span_start,
           'span_end', m.span_end,
           'surface', m.surface,
           'kind', m.kind,
           'status', m.status)
      FROM mentions m;

CREATE TRIGGER mentions_sync_insert AFTER INSERT ON mentions WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'mentions', id, gid, 'insert', row FROM sync_rows_mentions WHERE id = new.id;
END;
CREATE TRIGGER mentions_sync_update_before BEFORE UPDATE ON mentions
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.source_id IS NOT old.source_id OR new.actor_id IS NOT old.actor_id OR new.span_start IS NOT old.span_start OR new.span_end IS NOT old.span_end OR new.surface IS NOT old.surface OR new.kind IS NOT old.kind OR new.status IS NOT old.status) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'mentions', id, gid, 'update', row FROM sync_rows_mentions WHERE id = old.id;
END;
CREATE TRIGGER mentions_sync_update_after AFTER UPDATE ON mentions
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.source_id IS NOT old.source_id OR new.actor_id IS NOT old.actor_id OR new.span_start IS NOT old.span_start OR new.span_end IS NOT old.span_end OR new.surface IS NOT old.surface OR new.kind IS NOT old.kind OR new.status IS NOT old.status) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_mentions WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER mentions_sync_delete BEFORE DELETE ON mentions WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'mentions', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_mentions r WHERE id = old.id;
END;

CREATE VIEW sync_rows_claims (id, gid, row) AS
    SELECT c.id, c.gid, json_object(
           'subject_id', coalesce((SELECT gid FROM actors WHERE id = c.subject_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'actors' AND row_id = c.subject_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'relation', c.relation,
           'relation_text', c.relation_text,
           'object_id', coalesce((SELECT gid FROM actors WHERE id = c.object_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'actors' AND row_id = c.object_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'object_text', c.object_text,
           'statement', c.statement,
           'date', c.date,
           'date_lower', c.date_lower,
           'date_upper', c.date_upper,
           'attributed_to_id', coalesce((SELECT gid FROM actors WHERE id = c.attributed_to_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'actors' AND row_id = c.attributed_to_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'certainty', c.certainty,
           'status', c.status,
           'origin', c.origin,
           'created_at', c.created_at,
           'updated_at', c.updated_at,
           'date_checked', c.date_checked)
      FROM claims c;

CREATE TRIGGER claims_sync_insert AFTER INSERT ON claims WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'claims', id, gid, 'insert', row FROM sync_rows_claims WHERE id = new.id;
END;
CREATE TRIGGER claims_sync_update_before BEFORE UPDATE ON claims
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.subject_id IS NOT old.subject_id OR new.relation IS NOT old.relation OR new.relation_text IS NOT old.relation_text OR new.object_id IS NOT old.object_id OR new.object_text IS NOT old.object_text OR new.statement IS NOT old.statement OR new.date IS NOT old.date OR new.date_lower IS NOT old.date_lower OR new.date_upper IS NOT old.date_upper OR new.attributed_to_id IS NOT old.attributed_to_id OR new.certainty IS NOT old.certainty OR new.status IS NOT old.status OR new.origin IS NOT old.origin OR new.created_at IS NOT old.created_at OR new.updated_at IS NOT old.updated_at OR new.date_checked IS NOT old.date_checked) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'claims', id, gid, 'update', row FROM sync_rows_claims WHERE id = old.id;
END;
CREATE TRIGGER claims_sync_update_after AFTER UPDATE ON claims
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.subject_id IS NOT old.subject_id OR new.relation IS NOT old.relation OR new.relation_text IS NOT old.relation_text OR new.object_id IS NOT old.object_id OR new.object_text IS NOT old.object_text OR new.statement IS NOT old.statement OR new.date IS NOT old.date OR new.date_lower IS NOT old.date_lower OR new.date_upper IS NOT old.date_upper OR new.attributed_to_id IS NOT old.attributed_to_id OR new.certainty IS NOT old.certainty OR new.status IS NOT old.status OR new.origin IS NOT old.origin OR new.created_at IS NOT old.created_at OR new.updated_at IS NOT old.updated_at OR new.date_checked IS NOT old.date_checked) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_claims WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER claims_sync_delete BEFORE DELETE ON claims WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'claims', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_claims r WHERE id = old.id;
END;

CREATE VIEW sync_rows_citations (id, gid, row) AS
    SELECT x.id, x.gid, json_object(
           'claim_id', coalesce((SELECT gid FROM claims WHERE id = x.claim_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'claims' AND row_id = x.claim_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'source_id', coalesce((SELECT gid FROM sources WHERE id = x.source_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'sources' AND row_id = x.source_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'exact', x.exact,
           'prefix', x.prefix,
           'suffix', x.suffix,
           'span_start', x.span_start,
           'span_end', x.span_end,
           'speaker_id', coalesce((SELECT gid FROM actors WHERE id = x.speaker_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'actors' AND row_id = x.speaker_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'note', x.note,
           'created_at', x.created_at)
      FROM citations x;

CREATE TRIGGER citations_sync_insert AFTER INSERT ON citations WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'citations', id, gid, 'insert', row FROM sync_rows_citations WHERE id = new.id;
END;
CREATE TRIGGER citations_sync_update_before BEFORE UPDATE ON citations
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.claim_id IS NOT old.claim_id OR new.source_id IS NOT old.source_id OR new.exact IS NOT old.exact OR new.prefix IS NOT old.prefix OR new.suffix IS NOT old.suffix OR new.span_start IS NOT old.span_start OR new.span_end IS NOT old.span_end OR new.speaker_id IS NOT old.speaker_id OR new.note IS NOT old.note OR new.created_at IS NOT old.created_at) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'citations', id, gid, 'update', row FROM sync_rows_citations WHERE id = old.id;
END;
CREATE TRIGGER citations_sync_update_after AFTER UPDATE ON citations
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.claim_id IS NOT old.claim_id OR new.source_id IS NOT old.source_id OR new.exact IS NOT old.exact OR new.prefix IS NOT old.prefix OR new.suffix IS NOT old.suffix OR new.span_start IS NOT old.span_start OR new.span_end IS NOT old.span_end OR new.speaker_id IS NOT old.speaker_id OR new.note IS NOT old.note OR new.created_at IS NOT old.created_at) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_citations WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER citations_sync_delete BEFORE DELETE ON citations WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'citations', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_citations r WHERE id = old.id;
END;

CREATE VIEW sync_rows_notes (id, gid, row) AS
    SELECT n.id, n.gid, json_object(
           'title', n.title,
           'body', n.body,
           'created_at', n.created_at,
           'updated_at', n.updated_at)
      FROM notes n;

CREATE TRIGGER notes_sync_insert AFTER INSERT ON notes WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'notes', id, gid, 'insert', row FROM sync_rows_notes WHERE id = new.id;
END;
CREATE TRIGGER notes_sync_update_before BEFORE UPDATE ON notes
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.title IS NOT old.title OR new.body IS NOT old.body OR new.created_at IS NOT old.created_at OR new.updated_at IS NOT old.updated_at) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'notes', id, gid, 'update', row FROM sync_rows_notes WHERE id = old.id;
END;
CREATE TRIGGER notes_sync_update_after AFTER UPDATE ON notes
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.title IS NOT old.title OR new.body IS NOT old.body OR new.created_at IS NOT old.created_at OR new.updated_at IS NOT old.updated_at) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_notes WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER notes_sync_delete BEFORE DELETE ON notes WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'notes', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_notes r WHERE id = old.id;
END;

CREATE VIEW sync_rows_suggestions (id, gid, row) AS
    SELECT g.id, g.gid, json_object(
           'source_id', coalesce((SELECT gid FROM sources WHERE id = g.source_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'sources' AND row_id = g.source_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'kind', g.kind,
           'fingerprint', g.fingerprint,
           'label', g.label,
           'span_start', g.span_start,
           'span_end', g.span_end,
           'payload', g.payload,
           'status', g.status,
           'created_at', g.created_at,
           'edited_at', g.edited_at)
      FROM suggestions g;

CREATE TRIGGER suggestions_sync_insert AFTER INSERT ON suggestions WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'suggestions', id, gid, 'insert', row FROM sync_rows_suggestions WHERE id = new.id;
END;
CREATE TRIGGER suggestions_sync_update_before BEFORE UPDATE ON suggestions
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.source_id IS NOT old.source_id OR new.kind IS NOT old.kind OR new.fingerprint IS NOT old.fingerprint OR new.label IS NOT old.label OR new.span_start IS NOT old.span_start OR new.span_end IS NOT old.span_end OR new.payload IS NOT old.payload OR new.status IS NOT old.status OR new.created_at IS NOT old.created_at OR new.edited_at IS NOT old.edited_at) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'suggestions', id, gid, 'update', row FROM sync_rows_suggestions WHERE id = old.id;
END;
CREATE TRIGGER suggestions_sync_update_after AFTER UPDATE ON suggestions
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.source_id IS NOT old.source_id OR new.kind IS NOT old.kind OR new.fingerprint IS NOT old.fingerprint OR new.label IS NOT old.label OR new.span_start IS NOT old.span_start OR new.span_end IS NOT old.span_end OR new.payload IS NOT old.payload OR new.status IS NOT old.status OR new.created_at IS NOT old.created_at OR new.edited_at IS NOT old.edited_at) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_suggestions WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER suggestions_sync_delete BEFORE DELETE ON suggestions WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'suggestions', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_suggestions r WHERE id = old.id;
END;
