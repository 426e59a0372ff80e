-- Dossier's team server, schema version 1. Run once per server by a superuser
-- (`dossier team init`), in one transaction.
--
-- Teams own investigations; an analyst is a PostgreSQL login role, a member of teams.
-- Each investigation has an append-only log of operations numbered 1, 2, 3… with no
-- gap. Analysts never write a table: they push through `dossier.push`, which numbers
-- the operation under a lock of its investigation's row (so operations commit in
-- number order and a reader that asks for "after N" never skips one) and signs it with
-- the analyst's login (`session_user`, which SET ROLE cannot change). They read the
-- rows of their teams' investigations only: row-level security, forced, decides.

CREATE SCHEMA dossier;

CREATE TABLE dossier.meta (
    schema_version integer NOT NULL
);
INSERT INTO dossier.meta VALUES (1);

CREATE TABLE dossier.teams (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (name <> '')
);

CREATE TABLE dossier.members (
    team_id   bigint NOT NULL REFERENCES dossier.teams (id),
    role_name name   NOT NULL,
    PRIMARY KEY (team_id, role_name)
);

CREATE TABLE dossier.investigations (
    id       uuid   PRIMARY KEY,
    team_id  bigint NOT NULL REFERENCES dossier.teams (id),
    name     text   NOT NULL CHECK (name <> ''),
    -- The number of the latest operation; the next push takes last_seq + 1.
    last_seq bigint NOT NULL DEFAULT 0
);

CREATE TABLE dossier.ops (
    investigation_id uuid        NOT NULL REFERENCES dossier.investigations (id),
    seq              bigint      NOT NULL,
    op_id            uuid        NOT NULL UNIQUE,
    author           name        NOT NULL,
    device           uuid        NOT NULL,
    -- The latest operation the author's store had pulled when it made this one.
    based_on         bigint      NOT NULL,
    payload          jsonb       NOT NULL,
    pushed_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (investigation_id, seq)
);

-- The bytes operations refer to by SHA-256 (a source's original, its clean text), once
-- per investigation. Written only through `dossier.put_blob`, which checks the hash.
CREATE TABLE dossier.blobs (
    investigation_id uuid  NOT NULL REFERENCES dossier.investigations (id),
    sha256           text  NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    bytes            bytea NOT NULL,
    author           name  NOT NULL,
    PRIMARY KEY (investigation_id, sha256)
);

-- The log is never changed, whoever asks (its owner too).
CREATE FUNCTION dossier.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the operation log and its blobs are append-only' USING ERRCODE = '42501';
END
$$;
CREATE TRIGGER ops_are_never_changed BEFORE UPDATE OR DELETE ON dossier.ops
    FOR EACH ROW EXECUTE FUNCTION dossier.refuse_change();
CREATE TRIGGER ops_are_never_truncated BEFORE TRUNCATE ON dossier.ops
    FOR EACH STATEMENT EXECUTE FUNCTION dossier.refuse_change();
CREATE TRIGGER blobs_are_never_changed BEFORE UPDATE OR DELETE ON dossier.blobs
    FOR EACH ROW EXECUTE FUNCTION dossier.refuse_change();
CREATE TRIGGER blobs_are_never_truncated BEFORE TRUNCATE ON dossier.blobs
    FOR EACH STATEMENT EXECUTE FUNCTION dossier.refuse_change();

-- Who may read what: an analyst sees their own memberships, their teams, those teams'
-- investigations and those investigations' operations.
ALTER TABLE dossier.members ENABLE ROW LEVEL SECURITY;
ALTER TABLE dossier.members FORCE ROW LEVEL SECURITY;
CREATE POLICY own_memberships ON dossier.members FOR SELECT USING (role_name = session_user);

ALTER TABLE dossier.teams ENABLE ROW LEVEL SECURITY;
ALTER TABLE dossier.teams FORCE ROW LEVEL SECURITY;
CREATE POLICY own_teams ON dossier.teams FOR SELECT
    USING (id IN (SELECT team_id FROM dossier.members WHERE role_name = session_user));

ALTER TABLE dossier.investigations ENABLE ROW LEVEL SECURITY;
ALTER TABLE dossier.investigations FORCE ROW LEVEL SECURITY;
CREATE POLICY own_investigations ON dossier.investigations FOR SELECT
    USING (team_id IN (SELECT team_id FROM dossier.members WHERE role_name = session_user));

ALTER TABLE dossier.ops ENABLE ROW LEVEL SECURITY;
ALTER TABLE dossier.ops FORCE ROW LEVEL SECURITY;
CREATE POLICY own_operations ON dossier.ops FOR SELECT
    USING (investigation_id IN (SELECT id FROM dossier.investigations));

ALTER TABLE dossier.blobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE dossier.blobs FORCE ROW LEVEL SECURITY;
CREATE POLICY own_blobs ON dossier.blobs FOR SELECT
    USING (investigation_id IN (SELECT id FROM dossier.investigations));

-- Refuses the session's analyst unless a member of the investigation's team.
CREATE FUNCTION dossier.require_member(investigation uuid)
RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM dossier.investigations i JOIN dossier.members m ON m.team_id = i.team_id
         WHERE i.id = investigation AND m.role_name = session_user
    ) THEN
        RAISE EXCEPTION 'not a member of the team of investigation %', investigation USING ERRCODE = '42501';
    END IF;
END
$$;

-- Pushing: the one way into the log. Returns the operation's number; pushing an
-- operation again (a retry after a lost answer) returns the number it already has.
CREATE FUNCTION dossier.push(investigation uuid, op uuid, from_device uuid, based_on bigint, payload jsonb)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    taken bigint;
BEGIN
    PERFORM dossier.require_member(investigation);
    -- The investigation's row is locked until this transaction ends: pushes to one
    -- investigation take their numbers, and commit, one after another.
    SELECT last_seq INTO taken FROM dossier.investigations WHERE id = investigation FOR UPDATE;
    SELECT o.seq INTO taken FROM dossier.ops o WHERE o.op_id = op AND o.investigation_id = investigation;
    IF FOUND THEN
        RETURN taken;
    END IF;
    UPDATE dossier.investigations SET last_seq = last_seq + 1 WHERE id = investigation RETURNING last_seq INTO taken;
    INSERT INTO dossier.ops (investigation_id, seq, op_id, author, device, based_on, payload)
    VALUES (investigation, taken, op, session_user, from_device, based_on, payload);
    -- Who listens on the investigation's channel pulls (`server::channel_of` names it).
    PERFORM pg_notify('dossier_' || replace(investigation::text, '-', ''), taken::text);
    RETURN taken;
END
$$;

-- Storing bytes an operation will name: refused unless `hash` is their SHA-256; bytes
-- stored already are left as they are. Returns whether they were new.
CREATE FUNCTION dossier.put_blob(investigation uuid, hash text, content bytea)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM dossier.require_member(investigation);
    IF encode(sha256(content), 'hex') <> hash THEN
        RAISE EXCEPTION 'the bytes are not those of SHA-256 %', hash USING ERRCODE = '22000';
    END IF;
    INSERT INTO dossier.blobs (investigation_id, sha256, bytes, author)
    VALUES (investigation, hash, content, session_user)
    ON CONFLICT DO NOTHING;
    RETURN FOUND;
END
$$;

REVOKE ALL ON SCHEMA dossier FROM PUBLIC;
REVOKE ALL ON FUNCTION dossier.put_blob(uuid, text, bytea) FROM PUBLIC;
REVOKE ALL ON FUNCTION dossier.push(uuid, uuid, uuid, bigint, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION dossier.refuse_change() FROM PUBLIC;
REVOKE ALL ON FUNCTION dossier.require_member(uuid) FROM PUBLIC;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dossier_member') THEN
        CREATE ROLE dossier_member NOLOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA dossier TO dossier_member;
GRANT SELECT ON dossier.meta, dossier.teams, dossier.members, dossier.investigations, dossier.ops, dossier.blobs
    TO dossier_member;
GRANT EXECUTE ON FUNCTION dossier.push(uuid, uuid, uuid, bigint, jsonb) TO dossier_member;
GRANT EXECUTE ON FUNCTION dossier.put_blob(uuid, text, bytea) TO dossier_member;
