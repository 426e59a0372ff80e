//! The SQLite store: one file per library, opened with foreign keys on and WAL, its
//! schema moved forward by numbered migrations. All SQL in Dossier lives under this
//! module, one submodule per table (or group of tables).

mod actors;
pub mod backup;
mod changes;
mod citations;
mod claims;
pub mod copies;
mod dump;
mod everything;
pub mod grades;
pub mod hypotheses;
pub mod lock;
mod mentions;
mod merges;
mod migrations;
mod network;
mod notes;
#[cfg(feature = "testing")]
pub mod random_changes;
mod rank;
mod schema;
mod search;
mod sources;
mod suggestions;
pub mod sync;
#[cfg(feature = "testing")]
pub mod testing;
mod tidy;

use crate::model::Stats;
use crate::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

pub use changes::{StoredChange, UNDOABLE_CHANGES};
pub use claims::ClaimFilter;
pub use dump::{Dump, TableDump, TABLES};
pub use everything::{Library, SourceRecord};
pub use migrations::LATEST_VERSION;
pub(crate) use sources::sha256_hex;
pub use sources::Inserted;
pub use suggestions::Accepted;
pub use tidy::{FTS_TABLES, TIDY_STEP_PAGES};

/// `PRAGMA application_id` of every Dossier store: "DoSS".
pub const APPLICATION_ID: i32 = 0x446F_5353;

/// How many code points of context a citation keeps on each side (as Web Annotation's
/// TextQuoteSelector suggests).
pub const CITATION_CONTEXT: i32 = 32;

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens the store at `path`, creating it (and its folder) if it does not exist, and
    /// upgrading its schema if it is older than this app. Refuses files that are not
    /// Dossier stores and stores written by a newer Dossier.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::paths::create_private_dir_all(parent)
                .map_err(|source| Error::ReadFile { path: parent.to_path_buf(), source })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|source| Error::OpenStore { path: path.to_path_buf(), source })?;
        Store::prepare(conn, Some(path.to_path_buf()))
    }

    /// A store that lives in memory only, for tests and `dossier extract`.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()
            .map_err(|source| Error::OpenStore { path: PathBuf::from(":memory:"), source })?;
        Store::prepare(conn, None)
    }

    fn prepare(conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        let shown = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        let not_a_store = |reason: String| Error::NotADossierStore { path: shown.clone(), reason };

        // The first read tells a SQLite file from anything else.
        let application_id: i32 =
            conn.query_row("PRAGMA application_id", [], |row| row.get(0)).map_err(|err| match err {
                rusqlite::Error::SqliteFailure(code, _) if code.code == rusqlite::ErrorCode::NotADatabase => {
                    not_a_store("the file is not an SQLite database".into())
                }
                other => Error::OpenStore { path: shown.clone(), source: other },
            })?;
        let table_count: i32 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
        match application_id {
            APPLICATION_ID => {}
            0 if table_count == 0 => {}
            0 => return Err(not_a_store("it is an SQLite database of another program".into())),
            other => {
                return Err(not_a_store(format!(
                    "it is an SQLite database of another program (application id {other:#x})"
                )))
            }
        }

        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        harden(&conn)?;
        // Nothing is written before the schema is known to be ours.
        let version: i32 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if version > LATEST_VERSION {
            return Err(Error::StoreTooNew { path: shown.clone(), found: version, supported: LATEST_VERSION });
        }
        if table_count > 0 {
            schema::check(&conn, version, &shown)?;
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        if path.is_some() {
            let mode: String = conn.pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::OpenStore {
                    path: shown,
                    source: rusqlite::Error::InvalidParameterName(format!("journal_mode stayed {mode}")),
                });
            }
        }
        // FULL: a change the person made survives a power cut, not only a crash.
        conn.pragma_update(None, "synchronous", "FULL")?;

        rank::register(&conn)?;
        let mut store = Store { conn, path };
        // An older store is copied aside before its schema moves forward.
        if let Some(path) = store.path.as_deref() {
            if version > 0 && version < LATEST_VERSION {
                backup::make(&store.conn, path, backup::Reason::BeforeMigration)?;
            }
        }
        migrations::migrate(&mut store.conn, &shown)?;
        Ok(store)
    }

    /// The file this store lives in (`None` for an in-memory store).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A number that changes when another connection (the command line, an import's
    /// own connection) commits to the store; this connection's own writes leave it.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |row| row.get(0))?)
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i32> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
    }

    pub fn stats(&self) -> Result<Stats> {
        let count = |table: &str| -> Result<i32> {
            Ok(self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0))?)
        };
        Ok(Stats {
            sources: count("sources")?,
            suggestions: self.conn.query_row(
                "SELECT count(*) FROM suggestions WHERE status = 'suggested' AND kind <> 'date'",
                [],
                |row| row.get(0),
            )?,
            actors: count("actors")?,
            aliases: count("actor_aliases")?,
            mentions: count("mentions")?,
            claims: count("claims")?,
            citations: count("citations")?,
            notes: count("notes")?,
        })
    }

    /// Runs `work` in one transaction: everything it writes lands together or not at all.
    /// Inside a recorded change ([`Store::change`]) it is a savepoint of the change's
    /// transaction, which commits them together.
    pub(crate) fn write<T>(&mut self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            let savepoint = self.conn.savepoint()?;
            let value = work(&savepoint)?;
            savepoint.commit()?;
            return Ok(value);
        }
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        sync::begin_group(&tx)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

/// What every connection to a store file gets before it reads anything else: SQL stored
/// in the file (triggers, views) may call only functions marked harmless, and SQLite's
/// defensive mode refuses what could corrupt the file from SQL (writable schema, writes
/// to the full-text indexes' own tables).
fn harden(conn: &Connection) -> Result<()> {
    use rusqlite::config::DbConfig;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    Ok(())
}

/// A new global id: a UUIDv7 (time-ordered, random past the millisecond) as lowercase
/// text. Every row that syncs is written with one (migration 8) and keeps it.
pub(crate) fn new_gid() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current time as stored: RFC 3339 in UTC, to the second.
fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The id of the row just inserted. Ids travel as 32-bit numbers (exact in JavaScript);
/// a store past two billion rows of one table is refused rather than corrupted.
fn last_id(conn: &Connection) -> Result<i32> {
    i32::try_from(conn.last_insert_rowid()).map_err(|_| Error::Invalid("the store has run out of row ids".into()))
}

/// Maps "no row" to a NotFound error naming what was looked for.
fn found<T>(result: rusqlite::Result<T>, entity: &'static str, id: i32) -> Result<T> {
    match result {
        Err(rusqlite::Error::QueryReturnedNoRows) => Err(Error::NotFound { entity, id }),
        other => Ok(other?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_itself_enforces_foreign_keys() {
        let store = Store::open_in_memory().unwrap();
        let err = store
            .conn
            .execute(
                "INSERT INTO mentions (source_id, span_start, span_end, surface, gid) VALUES (42, 0, 1, 'x', ?1)",
                [new_gid()],
            )
            .unwrap_err();
        assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
    }

    #[test]
    fn stores_run_in_defensive_mode_with_an_untrusted_schema() {
        let store = Store::open_in_memory().unwrap();
        let on = |config| store.conn.db_config(config).unwrap();
        assert!(on(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE));
        assert!(!on(rusqlite::config::DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA));
        let refused =
            store.conn.execute_batch("PRAGMA writable_schema = ON; DELETE FROM sqlite_schema WHERE name = 'changes';");
        assert!(refused.is_err(), "the schema cannot be written from SQL");
        assert!(store.conn.execute("DELETE FROM sources_fts_data", []).is_err(), "nor an index's own table");
    }
}
