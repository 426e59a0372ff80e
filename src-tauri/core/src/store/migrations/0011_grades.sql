-- Migration 11: grading (the Admiralty system). A source's reliability is graded A–F, by
-- a person for the source itself (`source_grades`) or as the default of its site
-- (`site_grades`), which every source from that site without a grade of its own takes;
-- a claim's credibility is graded 1–6 by a person (`claim_grades`), or else suggested
-- from the claim (see `store/grades.rs`). All three sync with the team.

-- A source's site: the host of its URL without "www." (and port), or else its publisher,
-- in lower case; none when it has neither.
CREATE VIEW source_sites (source_id, site) AS
    SELECT id,
           CASE WHEN host <> '' THEN (CASE WHEN host LIKE 'www.%' THEN substr(host, 5) ELSE host END)
                WHEN trim(coalesce(publisher, '')) <> '' THEN lower(trim(publisher)) END
      FROM (SELECT id, publisher,
                   lower(substr(rest, 1, min(instr(rest || '/', '/'), instr(rest || ':', ':'),
                                             instr(rest || '?', '?'), instr(rest || '#', '#')) - 1)) AS host
              FROM (SELECT id, publisher,
                           CASE WHEN instr(coalesce(url, ''), '://') > 0 THEN substr(url, instr(url, '://') + 3)
                                ELSE '' END AS rest
                      FROM sources));

CREATE TABLE site_grades (
    id          INTEGER PRIMARY KEY,
    gid         TEXT    NOT NULL,
    site        TEXT    NOT NULL UNIQUE CHECK (site <> ''),
    reliability TEXT    NOT NULL CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
    graded_at   TEXT    NOT NULL
);
CREATE UNIQUE INDEX site_grades_gid ON site_grades (gid);
CREATE TRIGGER site_grades_gid_kept BEFORE UPDATE OF gid ON site_grades WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'site_grades: a global id never changes');
END;

CREATE TABLE source_grades (
    id          INTEGER PRIMARY KEY,
    gid         TEXT    NOT NULL,
    source_id   INTEGER NOT NULL UNIQUE REFERENCES sources (id) ON DELETE CASCADE,
    reliability TEXT    NOT NULL CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
    graded_at   TEXT    NOT NULL
);
CREATE UNIQUE INDEX source_grades_gid ON source_grades (gid);
CREATE TRIGGER source_grades_gid_kept BEFORE UPDATE OF gid ON source_grades WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'source_grades: a global id never changes');
END;

CREATE TABLE claim_grades (
    id          INTEGER PRIMARY KEY,
    gid         TEXT    NOT NULL,
    claim_id    INTEGER NOT NULL UNIQUE REFERENCES claims (id) ON DELETE CASCADE,
    credibility INTEGER NOT NULL CHECK (credibility BETWEEN 1 AND 6),
    graded_at   TEXT    NOT NULL
);
CREATE UNIQUE INDEX claim_grades_gid ON claim_grades (gid);
CREATE TRIGGER claim_grades_gid_kept BEFORE UPDATE OF gid ON claim_grades WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'claim_grades: a global id never changes');
END;

-- Every source's reliability: its own grade, else its site's; NULL when neither (not
-- graded, which filters read as F, "cannot be judged").
CREATE VIEW source_reliability (source_id, site, own, site_default, reliability) AS
    SELECT s.source_id, s.site, g.reliability, d.reliability, coalesce(g.reliability, d.reliability)
      FROM source_sites s
      LEFT JOIN source_grades g ON g.source_id = s.source_id
      LEFT JOIN site_grades d ON d.site = s.site;

-- Grades sync like the other rows (see migration 9).
CREATE VIEW sync_rows_site_grades (id, gid, row) AS
    SELECT d.id, d.gid, json_object(
           'site', d.site,
           'reliability', d.reliability,
           'graded_at', d.graded_at)
      FROM site_grades d;

CREATE TRIGGER site_grades_sync_insert AFTER INSERT ON site_grades WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'site_grades', id, gid, 'insert', row FROM sync_rows_site_grades WHERE id = new.id;
END;
CREATE TRIGGER site_grades_sync_update_before BEFORE UPDATE ON site_grades
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.site IS NOT old.site OR new.reliability IS NOT old.reliability OR new.graded_at IS NOT old.graded_at) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'site_grades', id, gid, 'update', row FROM sync_rows_site_grades WHERE id = old.id;
END;
CREATE TRIGGER site_grades_sync_update_after AFTER UPDATE ON site_grades
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.site IS NOT old.site OR new.reliability IS NOT old.reliability OR new.graded_at IS NOT old.graded_at) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_site_grades WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER site_grades_sync_delete BEFORE DELETE ON site_grades WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'site_grades', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_site_grades r WHERE id = old.id;
END;

CREATE VIEW sync_rows_source_grades (id, gid, row) AS
    SELECT r.id, r.gid, json_object(
           'source_id', coalesce((SELECT gid FROM sources WHERE id = r.source_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'sources' AND row_id = r.source_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'reliability', r.reliability,
           'graded_at', r.graded_at)
      FROM source_grades r;

CREATE TRIGGER source_grades_sync_insert AFTER INSERT ON source_grades WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'source_grades', id, gid, 'insert', row FROM sync_rows_source_grades WHERE id = new.id;
END;
CREATE TRIGGER source_grades_sync_update_before BEFORE UPDATE ON source_grades
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.source_id IS NOT old.source_id OR new.reliability IS NOT old.reliability OR new.graded_at IS NOT old.graded_at) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'source_grades', id, gid, 'update', row FROM sync_rows_source_grades WHERE id = old.id;
END;
CREATE TRIGGER source_grades_sync_update_after AFTER UPDATE ON source_grades
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.source_id IS NOT old.source_id OR new.reliability IS NOT old.reliability OR new.graded_at IS NOT old.graded_at) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_source_grades WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER source_grades_sync_delete BEFORE DELETE ON source_grades WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'source_grades', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_source_grades r WHERE id = old.id;
END;

CREATE VIEW sync_rows_claim_grades (id, gid, row) AS
    SELECT k.id, k.gid, json_object(
           'claim_id', coalesce((SELECT gid FROM claims WHERE id = k.claim_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'claims' AND row_id = k.claim_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'credibility', k.credibility,
           'graded_at', k.graded_at)
      FROM claim_grades k;

CREATE TRIGGER claim_grades_sync_insert AFTER INSERT ON claim_grades WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'claim_grades', id, gid, 'insert', row FROM sync_rows_claim_grades WHERE id = new.id;
END;
CREATE TRIGGER claim_grades_sync_update_before BEFORE UPDATE ON claim_grades
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.claim_id IS NOT old.claim_id OR new.credibility IS NOT old.credibility OR new.graded_at IS NOT old.graded_at) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'claim_grades', id, gid, 'update', row FROM sync_rows_claim_grades WHERE id = old.id;
END;
CREATE TRIGGER claim_grades_sync_update_after AFTER UPDATE ON claim_grades
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.claim_id IS NOT old.claim_id OR new.credibility IS NOT old.credibility OR new.graded_at IS NOT old.graded_at) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_claim_grades WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER claim_grades_sync_delete BEFORE DELETE ON claim_grades WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'claim_grades', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_claim_grades r WHERE id = old.id;
END;
