-- Schema v6: search finds claims by who and what they relate, and finds quotations.
--
-- The claims index held only a claim's statement, which extraction leaves empty: a
-- search for "Iran supplies" found none of the claims the graph drew. It now holds the
-- claim's parties and relation in words beside the statement, kept in step with the
-- claim and with the names of its actors. Quotations (passages that back no claim) get
-- an index of their own, with their speaker's name.

DROP TRIGGER claims_fts_insert;
DROP TRIGGER claims_fts_delete;
DROP TRIGGER claims_fts_update;
DROP TABLE claims_fts;

-- A claim in words: "Iran supplies Venezuela", with the relation's own words when the
-- relation is `other`.
CREATE VIEW claim_words AS
SELECT c.id,
       s.name || ' ' || replace(c.relation, '_', ' ') || ' ' || coalesce(c.relation_text, '') || ' '
           || coalesce(o.name, c.object_text, '') AS parties
  FROM claims c
  JOIN actors s ON s.id = c.subject_id
  LEFT JOIN actors o ON o.id = c.object_id;

CREATE VIRTUAL TABLE claims_fts USING fts5 (
    parties, statement, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO claims_fts (rowid, parties, statement)
SELECT w.id, w.parties, c.statement FROM claim_words w JOIN claims c ON c.id = w.id;

CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, parties, statement)
    SELECT id, parties, new.statement FROM claim_words WHERE id = new.id;
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    DELETE FROM claims_fts WHERE rowid = old.id;
END;
CREATE TRIGGER claims_fts_update
AFTER UPDATE OF subject_id, relation, relation_text, object_id, object_text, statement ON claims BEGIN
    UPDATE claims_fts
       SET parties = (SELECT parties FROM claim_words WHERE id = new.id), statement = new.statement
     WHERE rowid = new.id;
END;

CREATE VIRTUAL TABLE quotations_fts USING fts5 (
    words, speaker, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO quotations_fts (rowid, words, speaker)
SELECT x.id, x.exact, coalesce(a.name, '')
  FROM citations x LEFT JOIN actors a ON a.id = x.speaker_id
 WHERE x.claim_id IS NULL;

CREATE TRIGGER quotations_fts_insert AFTER INSERT ON citations WHEN new.claim_id IS NULL BEGIN
    INSERT INTO quotations_fts (rowid, words, speaker)
    VALUES (new.id, new.exact, coalesce((SELECT name FROM actors WHERE id = new.speaker_id), ''));
END;
CREATE TRIGGER quotations_fts_delete AFTER DELETE ON citations WHEN old.claim_id IS NULL BEGIN
    DELETE FROM quotations_fts WHERE rowid = old.id;
END;
CREATE TRIGGER quotations_fts_update AFTER UPDATE OF claim_id, speaker_id, exact ON citations BEGIN
    DELETE FROM quotations_fts WHERE rowid = old.id;
    INSERT INTO quotations_fts (rowid, words, speaker)
    SELECT new.id, new.exact, coalesce((SELECT name FROM actors WHERE id = new.speaker_id), '')
     WHERE new.claim_id IS NULL;
END;

-- A renamed actor is found by its new name in the claims and quotations naming it.
CREATE TRIGGER actor_name_in_search AFTER UPDATE OF name ON actors BEGIN
    UPDATE claims_fts
       SET parties = (SELECT parties FROM claim_words WHERE id = claims_fts.rowid)
     WHERE rowid IN (SELECT id FROM claims WHERE subject_id = new.id
                     UNION SELECT id FROM claims WHERE object_id = new.id);
    UPDATE quotations_fts SET speaker = new.name
     WHERE rowid IN (SELECT id FROM citations WHERE speaker_id = new.id AND claim_id IS NULL);
END;
