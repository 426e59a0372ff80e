//! The team server's side: its schema (`server.sql`), the administrator's calls that
//! make teams, analysts and investigations, and the analysts' two calls on an
//! investigation's log, push and pull. Everything the server enforces (who reads what,
//! who signs an operation, that the log only grows, numbers without gaps) it enforces
//! itself, in PostgreSQL; a client cannot talk its way around it.

use crate::{Error, Result};
use postgres::{Client, GenericClient};

/// The server's schema, created by [`init`].
const SCHEMA: &str = include_str!("server.sql");

/// The version of the schema this build writes and reads.
pub const SCHEMA_VERSION: i32 = 1;

/// One operation of an investigation's log, as an analyst pulls it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedOp {
    pub seq: i64,
    pub op_id: String,
    /// The login role that pushed it.
    pub author: String,
    pub device: String,
    pub based_on: i64,
    /// The operation itself, as JSON text.
    pub payload: String,
}

/// What one push asks for.
#[derive(Debug, Clone)]
pub struct NewOp<'a> {
    /// A UUID the client gives the operation once, so that pushing it again is harmless.
    pub op_id: &'a str,
    pub device: &'a str,
    pub based_on: i64,
    pub payload: &'a str,
}

/// Creates Dossier's schema and the `dossier_member` role on a server, as a superuser.
/// A server that has it already at this version is left as it is.
pub fn init(admin: &mut Client) -> Result<()> {
    let present: bool =
        admin.query_one("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'dossier')", &[])?.get(0);
    if present {
        let version: i32 = admin.query_one("SELECT schema_version FROM dossier.meta", &[])?.get(0);
        return if version == SCHEMA_VERSION {
            Ok(())
        } else {
            Err(Error::Invalid(format!(
                "the server's Dossier schema is version {version}; this Dossier knows version {SCHEMA_VERSION}"
            )))
        };
    }
    let mut tx = admin.transaction()?;
    tx.batch_execute(SCHEMA)?;
    tx.commit()?;
    Ok(())
}

/// Creates a team; its id.
pub fn create_team(admin: &mut Client, name: &str) -> Result<i64> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::Invalid("a team needs a name".into()));
    }
    Ok(admin.query_one("INSERT INTO dossier.teams (name) VALUES ($1) RETURNING id", &[&name])?.get(0))
}

/// The id of the team called `name`.
pub fn team_id(admin: &mut Client, name: &str) -> Result<i64> {
    let row = admin.query_opt("SELECT id FROM dossier.teams WHERE name = $1", &[&name.trim()])?;
    row.map(|r| r.get(0)).ok_or_else(|| Error::Invalid(format!("the server has no team called {:?}", name.trim())))
}

/// A login role name Dossier will create: lower-case letters, digits and underscores,
/// starting with a letter, as PostgreSQL writes unquoted names (at most 63 bytes).
fn valid_role(role: &str) -> Result<()> {
    let ok = role.len() <= 63
        && role.starts_with(|c: char| c.is_ascii_lowercase())
        && role.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !role.starts_with("pg_");
    if ok {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "{role:?} cannot be an analyst's login: use lower-case letters, digits and _, starting with a letter"
        )))
    }
}

/// Makes `role` an analyst of `team`: creates the login role with `password` when it
/// does not exist (a role that exists keeps its password), and adds it to the team.
pub fn add_member(admin: &mut Client, team: i64, role: &str, password: Option<&str>) -> Result<()> {
    valid_role(role)?;
    let mut tx = admin.transaction()?;
    let exists: bool = tx.query_one("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", &[&role])?.get(0);
    if !exists {
        // Role statements take no parameters: the server quotes the name and password.
        let create: String = match password {
            Some(password) => tx
                .query_one(
                    "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', $1::text, $2::text)",
                    &[&role, &password],
                )?
                .get(0),
            None => tx.query_one("SELECT format('CREATE ROLE %I LOGIN', $1::text)", &[&role])?.get(0),
        };
        tx.batch_execute(&create)?;
    }
    let grant: String = tx.query_one("SELECT format('GRANT dossier_member TO %I', $1::text)", &[&role])?.get(0);
    tx.batch_execute(&grant)?;
    tx.execute(
        "INSERT INTO dossier.members (team_id, role_name) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        &[&team, &role],
    )?;
    tx.commit()?;
    Ok(())
}

/// Creates an investigation of `team`; its id (a UUID the desktops name it by).
pub fn create_investigation(admin: &mut Client, team: i64, name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::Invalid("an investigation needs a name".into()));
    }
    Ok(admin
        .query_one(
            "INSERT INTO dossier.investigations (id, team_id, name) VALUES (gen_random_uuid(), $1, $2) RETURNING id::text",
            &[&team, &name],
        )?
        .get(0))
}

/// The name of an investigation the connected analyst may read, and its team's; None
/// when there is no such investigation or it belongs to another team.
pub fn investigation_name(analyst: &mut impl GenericClient, investigation: &str) -> Result<Option<(String, String)>> {
    let row = analyst.query_opt(
        "SELECT i.name, t.name FROM dossier.investigations i JOIN dossier.teams t ON t.id = i.team_id
          WHERE i.id = $1::text::uuid",
        &[&investigation],
    )?;
    Ok(row.map(|r| (r.get(0), r.get(1))))
}

/// Pushes one operation to an investigation's log as the connected analyst; the number
/// it has there. Pushing an operation again returns the number it was given.
pub fn push(analyst: &mut impl GenericClient, investigation: &str, op: &NewOp<'_>) -> Result<i64> {
    Ok(analyst
        .query_one(
            "SELECT dossier.push($1::text::uuid, $2::text::uuid, $3::text::uuid, $4, $5::text::jsonb)",
            &[&investigation, &op.op_id, &op.device, &op.based_on, &op.payload],
        )?
        .get(0))
}

/// The operations of an investigation after number `after`, in order, at most `limit`:
/// what the connected analyst may read (nothing, for an investigation of another team).
pub fn pull(analyst: &mut impl GenericClient, investigation: &str, after: i64, limit: i64) -> Result<Vec<LoggedOp>> {
    let rows = analyst.query(
        "SELECT seq, op_id::text, author::text, device::text, based_on, payload::text FROM dossier.ops
          WHERE investigation_id = $1::text::uuid AND seq > $2 ORDER BY seq LIMIT $3",
        &[&investigation, &after, &limit],
    )?;
    Ok(rows
        .iter()
        .map(|row| LoggedOp {
            seq: row.get(0),
            op_id: row.get(1),
            author: row.get(2),
            device: row.get(3),
            based_on: row.get(4),
            payload: row.get(5),
        })
        .collect())
}

/// Stores bytes an operation will name by their SHA-256 (lower-case hex) in an
/// investigation; refused unless `sha256` is theirs. Whether they were new there.
pub fn put_blob(analyst: &mut impl GenericClient, investigation: &str, sha256: &str, bytes: &[u8]) -> Result<bool> {
    Ok(analyst.query_one("SELECT dossier.put_blob($1::text::uuid, $2, $3)", &[&investigation, &sha256, &bytes])?.get(0))
}

/// The bytes stored under `sha256` in an investigation the analyst may read.
pub fn blob(analyst: &mut impl GenericClient, investigation: &str, sha256: &str) -> Result<Option<Vec<u8>>> {
    let row = analyst.query_opt(
        "SELECT bytes FROM dossier.blobs WHERE investigation_id = $1::text::uuid AND sha256 = $2",
        &[&investigation, &sha256],
    )?;
    Ok(row.map(|r| r.get(0)))
}

/// The channel on which the server tells listeners that an investigation's log grew
/// (`LISTEN` on it; each notice carries the new operation's number).
pub fn channel_of(investigation: &str) -> String {
    format!("dossier_{}", investigation.replace('-', ""))
}
