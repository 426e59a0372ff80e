-- Schema v5: the network's edges, kept ready.
--
-- The graph groups accepted claims between two actors into one edge per subject, object
-- and relation, counting the claims and the distinct sources citing them. Grouping the
-- claims of a 2-hop neighbourhood on every request read thousands of scattered claim
-- rows (70–170 ms at 50,000 claims); `edges` holds the groups, narrow and clustered by
-- actor. The triggers below note in `edges_stale` every edge a write may change, whoever
-- makes it (the app, the command line, an undo, a merge, a deleted source); the store
-- recomputes the noted edges before it reads `edges` (`network.rs`). Recomputing in the
-- triggers themselves would regroup all the claims of an edge at every write: quadratic
-- for an edge with thousands of claims.

-- What every edge is, computed from the claims: the definition `edges` must equal.
-- firmness: the firmest certainty among the edge's claims (0 asserted, 1 reported,
-- 2 believed, 3 alleged, 4 denied).
CREATE VIEW edge_totals AS
SELECT c.subject_id, c.object_id, c.relation,
       min(CASE c.certainty WHEN 'asserted' THEN 0 WHEN 'reported' THEN 1 WHEN 'believed' THEN 2
                            WHEN 'alleged' THEN 3 ELSE 4 END) AS firmness,
       count(DISTINCT c.id) AS claims,
       count(DISTINCT x.source_id) AS sources
  FROM claims c
  LEFT JOIN citations x ON x.claim_id = c.id
 WHERE c.status = 'accepted' AND c.object_id IS NOT NULL AND c.subject_id <> c.object_id
 GROUP BY c.subject_id, c.object_id, c.relation;

CREATE TABLE edges (
    subject_id INTEGER NOT NULL,
    object_id  INTEGER NOT NULL,
    relation   TEXT    NOT NULL,
    firmness   INTEGER NOT NULL,
    claims     INTEGER NOT NULL,
    sources    INTEGER NOT NULL,
    PRIMARY KEY (subject_id, object_id, relation)
) WITHOUT ROWID;
CREATE INDEX edges_object ON edges (object_id, subject_id);

INSERT INTO edges (subject_id, object_id, relation, firmness, claims, sources)
SELECT subject_id, object_id, relation, firmness, claims, sources FROM edge_totals;

CREATE TABLE edges_stale (
    subject_id INTEGER NOT NULL,
    object_id  INTEGER NOT NULL,
    relation   TEXT    NOT NULL,
    PRIMARY KEY (subject_id, object_id, relation)
) WITHOUT ROWID;

CREATE TRIGGER edges_claim_insert AFTER INSERT ON claims
WHEN new.status = 'accepted' AND new.object_id IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO edges_stale VALUES (new.subject_id, new.object_id, new.relation);
END;

CREATE TRIGGER edges_claim_update AFTER UPDATE OF subject_id, object_id, relation, status, certainty ON claims
BEGIN
    INSERT OR IGNORE INTO edges_stale
    SELECT old.subject_id, old.object_id, old.relation WHERE old.object_id IS NOT NULL
    UNION ALL SELECT new.subject_id, new.object_id, new.relation WHERE new.object_id IS NOT NULL;
END;

CREATE TRIGGER edges_claim_delete AFTER DELETE ON claims
WHEN old.object_id IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO edges_stale VALUES (old.subject_id, old.object_id, old.relation);
END;

CREATE TRIGGER edges_citation_insert AFTER INSERT ON citations
WHEN new.claim_id IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO edges_stale
    SELECT subject_id, object_id, relation FROM claims WHERE id = new.claim_id AND object_id IS NOT NULL;
END;

CREATE TRIGGER edges_citation_update AFTER UPDATE OF claim_id, source_id ON citations
BEGIN
    INSERT OR IGNORE INTO edges_stale
    SELECT subject_id, object_id, relation FROM claims
     WHERE id IN (old.claim_id, new.claim_id) AND object_id IS NOT NULL;
END;

CREATE TRIGGER edges_citation_delete AFTER DELETE ON citations
WHEN old.claim_id IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO edges_stale
    SELECT subject_id, object_id, relation FROM claims WHERE id = old.claim_id AND object_id IS NOT NULL;
END;
