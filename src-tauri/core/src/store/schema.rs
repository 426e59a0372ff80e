//! What a store's schema may be: exactly what our migrations make at its version. A
//! store file can come from elsewhere (a colleague's "backup", a restore, `--db`), and
//! SQLite keeps triggers and views inside the file: an extra trigger could rewrite
//! claims as the person works, a view could stand where a table should be. So before a
//! store is used or migrated, its schema is compared with the one our migrations build
//! in memory for the same `user_version`, and a store that differs is refused as it is.
//!
//! The FTS5 indexes' own tables (`sources_fts_data` and so on) are compared by name
//! only: FTS5 writes their definitions, and SQLite's defensive mode (on for every store)
//! refuses writes to them from SQL.

use super::migrations;
use crate::{Error, Result};
use rusqlite::Connection;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Mutex, OnceLock};

/// One entry of `sqlite_schema`: (type, name) → definition (`None` for the FTS5 index's
/// own tables and for SQLite's automatic indexes, compared by name only).
type Schema = BTreeMap<(String, String), Option<String>>;

/// Tables SQLite itself may add to any database (AUTOINCREMENT's counters, ANALYZE's
/// statistics); they hold no SQL that runs.
fn sqlite_own(kind: &str, name: &str) -> bool {
    kind == "table"
        && matches!(name, "sqlite_sequence" | "sqlite_stat1" | "sqlite_stat2" | "sqlite_stat3" | "sqlite_stat4")
}

fn read(conn: &Connection) -> Result<Schema> {
    let mut statement = conn.prepare("SELECT type, name, sql FROM sqlite_schema")?;
    let rows = statement.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, Option<String>>(2)?))
    })?;
    let mut entries = Vec::new();
    for row in rows {
        entries.push(row?);
    }
    let virtual_tables: Vec<String> = entries
        .iter()
        .filter(|(kind, _, sql)| {
            kind == "table" && sql.as_deref().is_some_and(|s| s.starts_with("CREATE VIRTUAL TABLE"))
        })
        .map(|(_, name, _)| format!("{name}_"))
        .collect();
    Ok(entries
        .into_iter()
        .filter(|(kind, name, _)| !sqlite_own(kind, name))
        .map(|(kind, name, sql)| {
            let shadow = kind == "table" && virtual_tables.iter().any(|prefix| name.starts_with(prefix.as_str()));
            let sql = if shadow { None } else { sql };
            ((kind, name), sql)
        })
        .collect())
}

/// The schema our migrations make at `version`, built once per version in memory.
fn expected(version: i32) -> Result<Schema> {
    static MADE: OnceLock<Mutex<HashMap<i32, Schema>>> = OnceLock::new();
    let made = MADE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(schema) = made.lock().map_err(|_| Error::Invalid("schema cache poisoned".into()))?.get(&version) {
        return Ok(schema.clone());
    }
    let mut conn = Connection::open_in_memory()?;
    migrations::migrate_to(&mut conn, Path::new(":memory:"), version)?;
    let schema = read(&conn)?;
    made.lock().map_err(|_| Error::Invalid("schema cache poisoned".into()))?.insert(version, schema.clone());
    Ok(schema)
}

/// Refuses a store whose schema is not exactly what our migrations make at `version`.
pub(super) fn check(conn: &Connection, version: i32, path: &Path) -> Result<()> {
    let found = read(conn)?;
    let expected = expected(version)?;
    let mut extra = Vec::new();
    let mut changed = Vec::new();
    for (key, sql) in &found {
        match expected.get(key) {
            None => extra.push(format!("{} {}", key.0, key.1)),
            Some(want) if want != sql => changed.push(format!("{} {}", key.0, key.1)),
            Some(_) => {}
        }
    }
    let missing: Vec<String> =
        expected.keys().filter(|key| !found.contains_key(*key)).map(|(kind, name)| format!("{kind} {name}")).collect();
    if extra.is_empty() && changed.is_empty() && missing.is_empty() {
        return Ok(());
    }
    let mut parts = Vec::new();
    let list = |names: &[String]| {
        let shown: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
        let more = names.len().saturating_sub(5);
        if more > 0 {
            format!("{} and {more} more", shown.join(", "))
        } else {
            shown.join(", ")
        }
    };
    if !extra.is_empty() {
        parts.push(format!("it carries what Dossier never makes ({})", list(&extra)));
    }
    if !changed.is_empty() {
        parts.push(format!("its definitions differ from Dossier's ({})", list(&changed)));
    }
    if !missing.is_empty() {
        parts.push(format!("it lacks parts of a Dossier store ({})", list(&missing)));
    }
    Err(Error::NotADossierStore {
        path: path.to_path_buf(),
        reason: format!(
            "its schema is not the one Dossier makes: {}; it was not opened or changed (open it only if you know where it came from, with a tool other than Dossier)",
            parts.join("; ")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_of_every_version_is_what_its_migrations_make() {
        for version in 1..=migrations::LATEST_VERSION {
            let mut conn = Connection::open_in_memory().unwrap();
            migrations::migrate_to(&mut conn, Path::new(":memory:"), version).unwrap();
            check(&conn, version, Path::new("x")).unwrap();
            if version > 1 {
                // Each migration adds something, or changes a definition (migration 7 adds a column).
                let err = check(&conn, version - 1, Path::new("x")).unwrap_err().to_string();
                assert!(err.contains("never makes") || err.contains("definitions differ"), "{err}");
            }
        }
    }

    #[test]
    fn an_extra_trigger_a_view_or_a_changed_table_is_named() {
        let version = migrations::LATEST_VERSION;
        let mut conn = Connection::open_in_memory().unwrap();
        migrations::migrate_to(&mut conn, Path::new(":memory:"), version).unwrap();
        conn.execute_batch(
            "CREATE TRIGGER rewrite AFTER INSERT ON claims BEGIN UPDATE claims SET certainty = 'confirmed'; END;
             CREATE VIEW everything AS SELECT * FROM claims;",
        )
        .unwrap();
        let err = check(&conn, version, Path::new("x")).unwrap_err().to_string();
        assert!(err.contains("trigger rewrite") && err.contains("view everything"), "{err}");

        let mut conn = Connection::open_in_memory().unwrap();
        migrations::migrate_to(&mut conn, Path::new(":memory:"), version).unwrap();
        conn.execute_batch("ALTER TABLE notes ADD COLUMN hidden TEXT; DROP TRIGGER changes_are_never_deleted;")
            .unwrap();
        let err = check(&conn, version, Path::new("x")).unwrap_err().to_string();
        assert!(err.contains("differ") && err.contains("table notes"), "{err}");
        assert!(err.contains("lacks") && err.contains("trigger changes_are_never_deleted"), "{err}");
    }
}
