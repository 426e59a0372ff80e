-- Migration 14: what OCR said of a source's text, when it read some of it (a scan, a
-- photographed page, the scanned pages of a PDF): the program, the languages it read
-- in, the pages and words it read, the words' mean confidence (0–100) and where the
-- doubtful words are (a JSON array of [start, end] code-point offsets into
-- `sources.text`), with the length (code points) and SHA-256 of the text they point
-- into: two desktops that imported the same file, one with OCR and one without, keep
-- one text, and marks made for the other are not shown on it. Written with the source
-- at import; synced with it.

CREATE TABLE source_ocr (
    id         INTEGER PRIMARY KEY,
    gid        TEXT    NOT NULL,
    source_id  INTEGER NOT NULL UNIQUE REFERENCES sources (id) ON DELETE CASCADE,
    engine     TEXT    NOT NULL,
    languages  TEXT    NOT NULL,
    pages      INTEGER NOT NULL CHECK (pages >= 0),
    words      INTEGER NOT NULL CHECK (words >= 0),
    confidence INTEGER NOT NULL CHECK (confidence BETWEEN 0 AND 100),
    doubtful   TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(doubtful) AND json_type(doubtful) = 'array'),
    text_length INTEGER NOT NULL,
    text_sha256 TEXT    NOT NULL
);
CREATE UNIQUE INDEX source_ocr_gid ON source_ocr (gid);
CREATE TRIGGER source_ocr_gid_kept BEFORE UPDATE OF gid ON source_ocr WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'source_ocr: a global id never changes');
END;

CREATE VIEW sync_rows_source_ocr (id, gid, row) AS
    SELECT r.id, r.gid, json_object(
           'source_id', coalesce((SELECT gid FROM sources WHERE id = r.source_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'sources' AND row_id = r.source_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'engine', r.engine,
           'languages', r.languages,
           'pages', r.pages,
           'words', r.words,
           'confidence', r.confidence,
           'doubtful', r.doubtful,
           'text_length', r.text_length,
           'text_sha256', r.text_sha256)
      FROM source_ocr r;

CREATE TRIGGER source_ocr_sync_insert AFTER INSERT ON source_ocr WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'source_ocr', id, gid, 'insert', row FROM sync_rows_source_ocr WHERE id = new.id;
END;
CREATE TRIGGER source_ocr_sync_update_before BEFORE UPDATE ON source_ocr
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.source_id IS NOT old.source_id OR new.engine IS NOT old.engine OR new.languages IS NOT old.languages OR new.pages IS NOT old.pages OR new.words IS NOT old.words OR new.confidence IS NOT old.confidence OR new.doubtful IS NOT old.doubtful OR new.text_length IS NOT old.text_length OR new.text_sha256 IS NOT old.text_sha256) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'source_ocr', id, gid, 'update', row FROM sync_rows_source_ocr WHERE id = old.id;
END;
CREATE TRIGGER source_ocr_sync_update_after AFTER UPDATE ON source_ocr
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.source_id IS NOT old.source_id OR new.engine IS NOT old.engine OR new.languages IS NOT old.languages OR new.pages IS NOT old.pages OR new.words IS NOT old.words OR new.confidence IS NOT old.confidence OR new.doubtful IS NOT old.doubtful OR new.text_length IS NOT old.text_length OR new.text_sha256 IS NOT old.text_sha256) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_source_ocr WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER source_ocr_sync_delete BEFORE DELETE ON source_ocr WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'source_ocr', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_source_ocr r WHERE id = old.id;
END;
