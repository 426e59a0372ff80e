-- Migration 15: where a source came from on the web, its chain of custody. For a page
-- fetched from its address (a link dropped from a browser, "Import from address…",
-- `dossier import https://…`): the address asked for, the final address after
-- redirects, each redirect passed through (a JSON array of {"address", "status"}), the
-- answer's status, the headers that matter (a JSON array of {"name", "value"}: content
-- type, date, last-modified…), when it was captured (RFC 3339, UTC) and the SHA-256 of
-- the body as received (the source's original). For a clipping (a selection dropped
-- from a browser): the page's address when the browser gave it, the capture time and
-- the SHA-256 of the clipping as dropped. Written with the source at import; synced
-- with it.

CREATE TABLE source_capture (
    id            INTEGER PRIMARY KEY,
    gid           TEXT    NOT NULL,
    source_id     INTEGER NOT NULL UNIQUE REFERENCES sources (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (kind IN ('fetched', 'clipping')),
    address       TEXT,
    final_address TEXT,
    status        INTEGER,
    redirects     TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(redirects) AND json_type(redirects) = 'array'),
    headers       TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(headers) AND json_type(headers) = 'array'),
    captured_at   TEXT    NOT NULL,
    sha256        TEXT    NOT NULL
);
CREATE UNIQUE INDEX source_capture_gid ON source_capture (gid);
CREATE TRIGGER source_capture_gid_kept BEFORE UPDATE OF gid ON source_capture WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'source_capture: a global id never changes');
END;

CREATE VIEW sync_rows_source_capture (id, gid, row) AS
    SELECT r.id, r.gid, json_object(
           'source_id', coalesce((SELECT gid FROM sources WHERE id = r.source_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'sources' AND row_id = r.source_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'kind', r.kind,
           'address', r.address,
           'final_address', r.final_address,
           'status', r.status,
           'redirects', r.redirects,
           'headers', r.headers,
           'captured_at', r.captured_at,
           'sha256', r.sha256)
      FROM source_capture r;

CREATE TRIGGER source_capture_sync_insert AFTER INSERT ON source_capture WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'source_capture', id, gid, 'insert', row FROM sync_rows_source_capture WHERE id = new.id;
END;
CREATE TRIGGER source_capture_sync_update_before BEFORE UPDATE ON source_capture
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.source_id IS NOT old.source_id OR new.kind IS NOT old.kind OR new.address IS NOT old.address OR new.final_address IS NOT old.final_address OR new.status IS NOT old.status OR new.redirects IS NOT old.redirects OR new.headers IS NOT old.headers OR new.captured_at IS NOT old.captured_at OR new.sha256 IS NOT old.sha256) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'source_capture', id, gid, 'update', row FROM sync_rows_source_capture WHERE id = old.id;
END;
CREATE TRIGGER source_capture_sync_update_after AFTER UPDATE ON source_capture
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.source_id IS NOT old.source_id OR new.kind IS NOT old.kind OR new.address IS NOT old.address OR new.final_address IS NOT old.final_address OR new.status IS NOT old.status OR new.redirects IS NOT old.redirects OR new.headers IS NOT old.headers OR new.captured_at IS NOT old.captured_at OR new.sha256 IS NOT old.sha256) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_source_capture WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER source_capture_sync_delete BEFORE DELETE ON source_capture WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'source_capture', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_source_capture r WHERE id = old.id;
END;
