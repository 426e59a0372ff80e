-- Schema v10: republished copies, and corroboration counted by independent sources.
--
-- A wire story run by three outlets is one account, not three. The copy detector
-- (`copies.rs`) reads each source's text once: the sampled word 4-grams and the figures
-- of its text go to `copy_postings`, where a later source finds the earlier ones it may
-- copy; what it confirms goes to `copies_found` (derived from the texts, so never synced:
-- every desktop finds the same). A person's word on a pair (`copy_verdicts`: a copy, or
-- independent) wins over the detector's and syncs with the team. `copy_groups` holds,
-- for every source in a group of copies, the group's least source id: the store keeps it
-- equal to the groups the found copies and the verdicts make (`store/copies.rs`), and
-- its triggers note the edges whose independent count it may change.

-- Sources whose text the detector has read, with how many terms of each kind it filed
-- (a candidate must share enough of the fewer to be compared in full) and the terms
-- themselves (a JSON array), by which its postings go when it does.
CREATE TABLE copy_scanned (
    source_id INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
    words     INTEGER NOT NULL,
    figures   INTEGER NOT NULL,
    terms     TEXT    NOT NULL
);

-- Terms of a source's text: a sample of its shingles' hashes and its figures', as
-- signed 64-bit integers (figures negative).
CREATE TABLE copy_postings (
    term      INTEGER NOT NULL,
    source_id INTEGER NOT NULL,
    PRIMARY KEY (term, source_id)
) WITHOUT ROWID;
-- No index by source (it doubled the cost of filing) and no foreign key (whose cascade
-- would then read the whole table): a source's postings go with its `copy_scanned`
-- row, term by term.
CREATE TRIGGER copy_postings_source_delete AFTER DELETE ON copy_scanned BEGIN
    DELETE FROM copy_postings
     WHERE term IN (SELECT value FROM json_each(old.terms)) AND source_id = old.source_id;
END;

-- A source that copies an earlier one, and why the detector says so.
CREATE TABLE copies_found (
    copy_id     INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    original_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    evidence    TEXT    NOT NULL CHECK (evidence IN ('wording', 'anchors')),
    -- The share of wording (or, for anchors, of names and figures) they have in common.
    likeness    REAL    NOT NULL,
    PRIMARY KEY (copy_id, original_id),
    CHECK (copy_id <> original_id)
) WITHOUT ROWID;
CREATE INDEX copies_found_original ON copies_found (original_id);

-- A person's word on two sources: `copy` 1 (one story), 0 (independent). The pair is
-- written in the order of the sources' SHA-256, the same on every desktop.
CREATE TABLE copy_verdicts (
    id         INTEGER PRIMARY KEY,
    gid        TEXT    NOT NULL,
    source_id  INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    other_id   INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    copy       INTEGER NOT NULL CHECK (copy IN (0, 1)),
    created_at TEXT    NOT NULL,
    UNIQUE (source_id, other_id),
    CHECK (source_id <> other_id)
);
CREATE INDEX copy_verdicts_other ON copy_verdicts (other_id);
CREATE UNIQUE INDEX copy_verdicts_gid ON copy_verdicts (gid);
CREATE TRIGGER copy_verdicts_gid_kept BEFORE UPDATE OF gid ON copy_verdicts WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'copy_verdicts: a global id never changes');
END;

-- Each source in a group of copies (two or more), with the group's least source id.
CREATE TABLE copy_groups (
    source_id INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
    group_id  INTEGER NOT NULL
);

-- Edges count independent sources too: the sources citing their claims, a group of
-- copies counting once.
ALTER TABLE edges ADD COLUMN independent INTEGER NOT NULL DEFAULT 0;
UPDATE edges SET independent = sources;

DROP VIEW edge_totals;
CREATE VIEW edge_totals AS
SELECT c.subject_id, c.object_id, c.relation,
       min(CASE c.certainty WHEN 'asserted' THEN 0 WHEN 'reported' THEN 1 WHEN 'believed' THEN 2
                            WHEN 'alleged' THEN 3 ELSE 4 END) AS firmness,
       count(DISTINCT c.id) AS claims,
       count(DISTINCT x.source_id) AS sources,
       count(DISTINCT coalesce(g.group_id, x.source_id)) AS independent
  FROM claims c
  LEFT JOIN citations x ON x.claim_id = c.id
  LEFT JOIN copy_groups g ON g.source_id = x.source_id
 WHERE c.status = 'accepted' AND c.object_id IS NOT NULL AND c.subject_id <> c.object_id
 GROUP BY c.subject_id, c.object_id, c.relation;

CREATE TRIGGER edges_copy_group_insert AFTER INSERT ON copy_groups BEGIN
    INSERT OR IGNORE INTO edges_stale
    SELECT c.subject_id, c.object_id, c.relation FROM citations x JOIN claims c ON c.id = x.claim_id
     WHERE x.source_id = new.source_id AND c.object_id IS NOT NULL AND c.status = 'accepted';
END;

CREATE TRIGGER edges_copy_group_update AFTER UPDATE ON copy_groups BEGIN
    INSERT OR IGNORE INTO edges_stale
    SELECT c.subject_id, c.object_id, c.relation FROM citations x JOIN claims c ON c.id = x.claim_id
     WHERE x.source_id IN (old.source_id, new.source_id) AND c.object_id IS NOT NULL AND c.status = 'accepted';
END;

CREATE TRIGGER edges_copy_group_delete AFTER DELETE ON copy_groups BEGIN
    INSERT OR IGNORE INTO edges_stale
    SELECT c.subject_id, c.object_id, c.relation FROM citations x JOIN claims c ON c.id = x.claim_id
     WHERE x.source_id = old.source_id AND c.object_id IS NOT NULL AND c.status = 'accepted';
END;

-- A person's verdicts sync like the other rows (see migration 9).
CREATE VIEW sync_rows_copy_verdicts (id, gid, row) AS
    SELECT v.id, v.gid, json_object(
           'source_id', coalesce((SELECT gid FROM sources WHERE id = v.source_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'sources' AND row_id = v.source_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'other_id', coalesce((SELECT gid FROM sources WHERE id = v.other_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'sources' AND row_id = v.other_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'copy', v.copy,
           'created_at', v.created_at)
      FROM copy_verdicts v;

CREATE TRIGGER copy_verdicts_sync_insert AFTER INSERT ON copy_verdicts WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'copy_verdicts', id, gid, 'insert', row FROM sync_rows_copy_verdicts WHERE id = new.id;
END;
CREATE TRIGGER copy_verdicts_sync_update_before BEFORE UPDATE ON copy_verdicts
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.source_id IS NOT old.source_id OR new.other_id IS NOT old.other_id OR new.copy IS NOT old.copy OR new.created_at IS NOT old.created_at) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'copy_verdicts', id, gid, 'update', row FROM sync_rows_copy_verdicts WHERE id = old.id;
END;
CREATE TRIGGER copy_verdicts_sync_update_after AFTER UPDATE ON copy_verdicts
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.source_id IS NOT old.source_id OR new.other_id IS NOT old.other_id OR new.copy IS NOT old.copy OR new.created_at IS NOT old.created_at) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_copy_verdicts WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER copy_verdicts_sync_delete BEFORE DELETE ON copy_verdicts WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'copy_verdicts', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_copy_verdicts r WHERE id = old.id;
END;
