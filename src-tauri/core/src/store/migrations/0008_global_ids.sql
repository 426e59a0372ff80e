-- Schema v8: global identity, the ground of team sync.
--
-- Every row that another desktop may need to name gets a global id (`gid`, a UUIDv7 in
-- its text form) beside its local integer id: local ids differ between stores, gids do
-- not. Dossier gives each new row its gid when it writes it (`store::new_gid`); the rows
-- already here get theirs now. A gid is never NULL for a new row and never changes
-- (the triggers refuse both), so a row keeps its identity through edits, merges and
-- undo. An alias is a member of its actor's set of names: its gid is that of the act
-- that added it (adding it again is another act), so that concurrent adds and removals
-- can merge with adds winning. Tags of a source and a note's links are named by their
-- members for now. Originals are named by their SHA-256.

ALTER TABLE sources ADD COLUMN gid TEXT;
UPDATE sources SET gid = substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4) || '-7' || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          lower(hex(randomblob(6)));
CREATE UNIQUE INDEX sources_gid ON sources (gid);
CREATE TRIGGER sources_gid_given BEFORE INSERT ON sources WHEN new.gid IS NULL BEGIN
    SELECT RAISE(ABORT, 'sources: a new row needs its global id');
END;
CREATE TRIGGER sources_gid_kept BEFORE UPDATE OF gid ON sources WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'sources: a global id never changes');
END;

ALTER TABLE actors ADD COLUMN gid TEXT;
UPDATE actors SET gid = substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4) || '-7' || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          lower(hex(randomblob(6)));
CREATE UNIQUE INDEX actors_gid ON actors (gid);
CREATE TRIGGER actors_gid_given BEFORE INSERT ON actors WHEN new.gid IS NULL BEGIN
    SELECT RAISE(ABORT, 'actors: a new row needs its global id');
END;
CREATE TRIGGER actors_gid_kept BEFORE UPDATE OF gid ON actors WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'actors: a global id never changes');
END;

ALTER TABLE actor_aliases ADD COLUMN gid TEXT;
UPDATE actor_aliases SET gid = substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4) || '-7' || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          lower(hex(randomblob(6)));
CREATE UNIQUE INDEX actor_aliases_gid ON actor_aliases (gid);
CREATE TRIGGER actor_aliases_gid_given BEFORE INSERT ON actor_aliases WHEN new.gid IS NULL BEGIN
    SELECT RAISE(ABORT, 'actor_aliases: a new row needs its global id');
END;
CREATE TRIGGER actor_aliases_gid_kept BEFORE UPDATE OF gid ON actor_aliases WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'actor_aliases: a global id never changes');
END;

ALTER TABLE mentions ADD COLUMN gid TEXT;
UPDATE mentions SET gid = substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4) || '-7' || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          lower(hex(randomblob(6)));
CREATE UNIQUE INDEX mentions_gid ON mentions (gid);
CREATE TRIGGER mentions_gid_given BEFORE INSERT ON mentions WHEN new.gid IS NULL BEGIN
    SELECT RAISE(ABORT, 'mentions: a new row needs its global id');
END;
CREATE TRIGGER mentions_gid_kept BEFORE UPDATE OF gid ON mentions WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'mentions: a global id never changes');
END;

ALTER TABLE claims ADD COLUMN gid TEXT;
UPDATE claims SET gid = substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4) || '-7' || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          lower(hex(randomblob(6)));
CREATE UNIQUE INDEX claims_gid ON claims (gid);
CREATE TRIGGER claims_gid_given BEFORE INSERT ON claims WHEN new.gid IS NULL BEGIN
    SELECT RAISE(ABORT, 'claims: a new row needs its global id');
END;
CREATE TRIGGER claims_gid_kept BEFORE UPDATE OF gid ON claims WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'claims: a global id never changes');
END;

ALTER TABLE citations ADD COLUMN gid TEXT;
UPDATE citations SET gid = substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4) || '-7' || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          lower(hex(randomblob(6)));
CREATE UNIQUE INDEX citations_gid ON citations (gid);
CREATE TRIGGER citations_gid_given BEFORE INSERT ON citations WHEN new.gid IS NULL BEGIN
    SELECT RAISE(ABORT, 'citations: a new row needs its global id');
END;
CREATE TRIGGER citations_gid_kept BEFORE UPDATE OF gid ON citations WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'citations: a global id never changes');
END;

ALTER TABLE notes ADD COLUMN gid TEXT;
UPDATE notes SET gid = substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4) || '-7' || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          lower(hex(randomblob(6)));
CREATE UNIQUE INDEX notes_gid ON notes (gid);
CREATE TRIGGER notes_gid_given BEFORE INSERT ON notes WHEN new.gid IS NULL BEGIN
    SELECT RAISE(ABORT, 'notes: a new row needs its global id');
END;
CREATE TRIGGER notes_gid_kept BEFORE UPDATE OF gid ON notes WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'notes: a global id never changes');
END;

ALTER TABLE suggestions ADD COLUMN gid TEXT;
UPDATE suggestions SET gid = substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4) || '-7' || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          lower(hex(randomblob(6)));
CREATE UNIQUE INDEX suggestions_gid ON suggestions (gid);
CREATE TRIGGER suggestions_gid_given BEFORE INSERT ON suggestions WHEN new.gid IS NULL BEGIN
    SELECT RAISE(ABORT, 'suggestions: a new row needs its global id');
END;
CREATE TRIGGER suggestions_gid_kept BEFORE UPDATE OF gid ON suggestions WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'suggestions: a global id never changes');
END;

ALTER TABLE actor_merges ADD COLUMN gid TEXT;
UPDATE actor_merges SET gid = substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4) || '-7' || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 1, 3) || '-' ||
          lower(hex(randomblob(6)));
CREATE UNIQUE INDEX actor_merges_gid ON actor_merges (gid);
CREATE TRIGGER actor_merges_gid_given BEFORE INSERT ON actor_merges WHEN new.gid IS NULL BEGIN
    SELECT RAISE(ABORT, 'actor_merges: a new row needs its global id');
END;
CREATE TRIGGER actor_merges_gid_kept BEFORE UPDATE OF gid ON actor_merges WHEN new.gid IS NOT old.gid BEGIN
    SELECT RAISE(ABORT, 'actor_merges: a global id never changes');
END;
