-- Migration 12: Analysis of Competing Hypotheses (Heuer). A question the analyst weighs
-- (`questions`), the hypotheses that would answer it (`hypotheses`, the matrix's
-- columns), the claims brought to it as evidence (`question_evidence`, its rows), and
-- how each claim bears on each hypothesis (`hypothesis_ratings`: CC very consistent,
-- C consistent, N neutral, I inconsistent, II very inconsistent, with a comment). A
-- cell without a rating reads N. Scores are never stored (see `ach.rs`). All sync.

CREATE TABLE questions (
    id         INTEGER PRIMARY KEY,
    gid        TEXT    NOT NULL,
    title      TEXT    NOT NULL CHECK (trim(title) <> ''),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);
CREATE UNIQUE INDEX questions_gid ON questions (gid);
CREATE TRIGGER questions_gid_kept BEFORE UPDATE OF gid ON questions WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'questions: a global id never changes');
END;

CREATE TABLE hypotheses (
    id          INTEGER PRIMARY KEY,
    gid         TEXT    NOT NULL,
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    statement   TEXT    NOT NULL CHECK (trim(statement) <> ''),
    notes       TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX hypotheses_question ON hypotheses (question_id);
CREATE UNIQUE INDEX hypotheses_gid ON hypotheses (gid);
CREATE TRIGGER hypotheses_gid_kept BEFORE UPDATE OF gid ON hypotheses WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'hypotheses: a global id never changes');
END;

CREATE TABLE question_evidence (
    id          INTEGER PRIMARY KEY,
    gid         TEXT    NOT NULL,
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    claim_id    INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    added_at    TEXT    NOT NULL,
    UNIQUE (question_id, claim_id)
);
CREATE INDEX question_evidence_claim ON question_evidence (claim_id);
CREATE UNIQUE INDEX question_evidence_gid ON question_evidence (gid);
CREATE TRIGGER question_evidence_gid_kept BEFORE UPDATE OF gid ON question_evidence WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'question_evidence: a global id never changes');
END;

CREATE TABLE hypothesis_ratings (
    id            INTEGER PRIMARY KEY,
    gid           TEXT    NOT NULL,
    hypothesis_id INTEGER NOT NULL REFERENCES hypotheses (id) ON DELETE CASCADE,
    claim_id      INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    rating        TEXT    NOT NULL CHECK (rating IN ('CC', 'C', 'N', 'I', 'II')),
    comment       TEXT    NOT NULL DEFAULT '',
    rated_at      TEXT    NOT NULL,
    UNIQUE (hypothesis_id, claim_id)
);
CREATE INDEX hypothesis_ratings_claim ON hypothesis_ratings (claim_id);
CREATE UNIQUE INDEX hypothesis_ratings_gid ON hypothesis_ratings (gid);
CREATE TRIGGER hypothesis_ratings_gid_kept BEFORE UPDATE OF gid ON hypothesis_ratings WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'hypothesis_ratings: a global id never changes');
END;

-- They sync like the other rows (see migration 9).
CREATE VIEW sync_rows_questions (id, gid, row) AS
    SELECT q.id, q.gid, json_object(
           'title', q.title,
           'created_at', q.created_at,
           'updated_at', q.updated_at)
      FROM questions q;

CREATE TRIGGER questions_sync_insert AFTER INSERT ON questions WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'questions', id, gid, 'insert', row FROM sync_rows_questions WHERE id = new.id;
END;
CREATE TRIGGER questions_sync_update_before BEFORE UPDATE ON questions
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.title IS NOT old.title OR new.created_at IS NOT old.created_at OR new.updated_at IS NOT old.updated_at) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'questions', id, gid, 'update', row FROM sync_rows_questions WHERE id = old.id;
END;
CREATE TRIGGER questions_sync_update_after AFTER UPDATE ON questions
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.title IS NOT old.title OR new.created_at IS NOT old.created_at OR new.updated_at IS NOT old.updated_at) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_questions WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER questions_sync_delete BEFORE DELETE ON questions WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'questions', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_questions r WHERE id = old.id;
END;

CREATE VIEW sync_rows_hypotheses (id, gid, row) AS
    SELECT h.id, h.gid, json_object(
           'question_id', coalesce((SELECT gid FROM questions WHERE id = h.question_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'questions' AND row_id = h.question_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'statement', h.statement,
           'notes', h.notes,
           'created_at', h.created_at,
           'updated_at', h.updated_at)
      FROM hypotheses h;

CREATE TRIGGER hypotheses_sync_insert AFTER INSERT ON hypotheses WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'hypotheses', id, gid, 'insert', row FROM sync_rows_hypotheses WHERE id = new.id;
END;
CREATE TRIGGER hypotheses_sync_update_before BEFORE UPDATE ON hypotheses
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.question_id IS NOT old.question_id OR new.statement IS NOT old.statement OR new.notes IS NOT old.notes OR new.created_at IS NOT old.created_at OR new.updated_at IS NOT old.updated_at) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'hypotheses', id, gid, 'update', row FROM sync_rows_hypotheses WHERE id = old.id;
END;
CREATE TRIGGER hypotheses_sync_update_after AFTER UPDATE ON hypotheses
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.question_id IS NOT old.question_id OR new.statement IS NOT old.statement OR new.notes IS NOT old.notes OR new.created_at IS NOT old.created_at OR new.updated_at IS NOT old.updated_at) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_hypotheses WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER hypotheses_sync_delete BEFORE DELETE ON hypotheses WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'hypotheses', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_hypotheses r WHERE id = old.id;
END;

CREATE VIEW sync_rows_question_evidence (id, gid, row) AS
    SELECT e.id, e.gid, json_object(
           'question_id', coalesce((SELECT gid FROM questions WHERE id = e.question_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'questions' AND row_id = e.question_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'claim_id', coalesce((SELECT gid FROM claims WHERE id = e.claim_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'claims' AND row_id = e.claim_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'added_at', e.added_at)
      FROM question_evidence e;

CREATE TRIGGER question_evidence_sync_insert AFTER INSERT ON question_evidence WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'question_evidence', id, gid, 'insert', row FROM sync_rows_question_evidence WHERE id = new.id;
END;
CREATE TRIGGER question_evidence_sync_update_before BEFORE UPDATE ON question_evidence
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.question_id IS NOT old.question_id OR new.claim_id IS NOT old.claim_id OR new.added_at IS NOT old.added_at) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'question_evidence', id, gid, 'update', row FROM sync_rows_question_evidence WHERE id = old.id;
END;
CREATE TRIGGER question_evidence_sync_update_after AFTER UPDATE ON question_evidence
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.question_id IS NOT old.question_id OR new.claim_id IS NOT old.claim_id OR new.added_at IS NOT old.added_at) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_question_evidence WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER question_evidence_sync_delete BEFORE DELETE ON question_evidence WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'question_evidence', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_question_evidence r WHERE id = old.id;
END;

CREATE VIEW sync_rows_hypothesis_ratings (id, gid, row) AS
    SELECT r.id, r.gid, json_object(
           'hypothesis_id', coalesce((SELECT gid FROM hypotheses WHERE id = r.hypothesis_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'hypotheses' AND row_id = r.hypothesis_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'claim_id', coalesce((SELECT gid FROM claims WHERE id = r.claim_id),
                     (SELECT gid FROM sync_outbox WHERE tbl = 'claims' AND row_id = r.claim_id AND kind = 'delete' ORDER BY id DESC LIMIT 1)),
           'rating', r.rating,
           'comment', r.comment,
           'rated_at', r.rated_at)
      FROM hypothesis_ratings r;

CREATE TRIGGER hypothesis_ratings_sync_insert AFTER INSERT ON hypothesis_ratings WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
    SELECT (SELECT tx FROM sync_state), 'hypothesis_ratings', id, gid, 'insert', row FROM sync_rows_hypothesis_ratings WHERE id = new.id;
END;
CREATE TRIGGER hypothesis_ratings_sync_update_before BEFORE UPDATE ON hypothesis_ratings
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.hypothesis_id IS NOT old.hypothesis_id OR new.claim_id IS NOT old.claim_id OR new.rating IS NOT old.rating OR new.comment IS NOT old.comment OR new.rated_at IS NOT old.rated_at) BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'hypothesis_ratings', id, gid, 'update', row FROM sync_rows_hypothesis_ratings WHERE id = old.id;
END;
CREATE TRIGGER hypothesis_ratings_sync_update_after AFTER UPDATE ON hypothesis_ratings
WHEN (SELECT capturing FROM sync_state) = 1 AND (new.hypothesis_id IS NOT old.hypothesis_id OR new.claim_id IS NOT old.claim_id OR new.rating IS NOT old.rating OR new.comment IS NOT old.comment OR new.rated_at IS NOT old.rated_at) BEGIN
    UPDATE sync_outbox SET new = (SELECT row FROM sync_rows_hypothesis_ratings WHERE id = new.id)
     WHERE id = (SELECT max(id) FROM sync_outbox);
END;
CREATE TRIGGER hypothesis_ratings_sync_delete BEFORE DELETE ON hypothesis_ratings WHEN (SELECT capturing FROM sync_state) = 1 BEGIN
    INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, old)
    SELECT (SELECT tx FROM sync_state), 'hypothesis_ratings', id, gid, 'delete',
           json_set(row, '$."$names"', json((SELECT json_group_array(n.name) FROM sync_names n WHERE n.gid = r.gid AND n.name <> r.gid)))
      FROM sync_rows_hypothesis_ratings r WHERE id = old.id;
END;
