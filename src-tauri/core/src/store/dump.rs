//! The whole store as data, and back: every row of every table (the full-text indexes
//! are rebuilt by their triggers), for the lossless JSON export and `import-json`.
//!
//! A dump names its schema version; it restores only into an empty store of the same
//! version, row by row with the same ids, in one transaction.

use super::Store;
use crate::{Error, Result};
use rusqlite::types::{Value, ValueRef};
use serde::{Deserialize, Serialize};
use serde_json::Map;

/// The tables of a dump, parents before children (the order rows are restored in).
pub const TABLES: &[&str] = &[
    "sources",
    "source_originals",
    "source_tags",
    "copy_verdicts",
    "site_grades",
    "source_grades",
    "source_ocr",
    "source_capture",
    "actors",
    "actor_aliases",
    "mentions",
    "claims",
    "citations",
    "claim_grades",
    "questions",
    "hypotheses",
    "question_evidence",
    "hypothesis_ratings",
    "notes",
    "note_links",
    "suggestions",
    "actor_merges",
    "changes",
    // Who made, decided and last edited each synced row, as the team's log says.
    "sync_authors",
];

/// The oldest store version whose dumps restore as they are: migrations 10 to 12 only
/// added tables, so a dump of version 9 on fills the same columns. A migration that changes what
/// a dumped column holds raises it.
pub const RESTORES_FROM: i32 = 9;

/// Every row of one table, each as `{column: value}`; byte strings as `{"base64": …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableDump {
    pub name: String,
    pub rows: Vec<Map<String, serde_json::Value>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dump {
    /// The store's `user_version`.
    pub schema_version: i32,
    pub tables: Vec<TableDump>,
}

fn to_json(value: ValueRef<'_>) -> serde_json::Value {
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, serde_json::Value::Number),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => serde_json::json!({ "base64": crate::text::base64_encode(b) }),
    }
}

fn from_json(value: &serde_json::Value, table: &str, column: &str) -> Result<Value> {
    let bad = || Error::Invalid(format!("{table}.{column}: a value the store cannot hold"));
    Ok(match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().ok_or_else(bad)?),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        serde_json::Value::Object(o) => match o.get("base64").and_then(|v| v.as_str()) {
            Some(encoded) => Value::Blob(crate::text::base64_decode(encoded).ok_or_else(bad)?),
            None => return Err(bad()),
        },
        serde_json::Value::Array(_) => return Err(bad()),
    })
}

/// Columns of a table, in order.
fn columns(conn: &rusqlite::Connection, table: &str) -> Result<Vec<String>> {
    let statement = conn.prepare(&format!("SELECT * FROM {table} LIMIT 0"))?;
    let names = statement.column_names().map(str::to_string).collect();
    statement.finalize()?;
    Ok(names)
}

impl Store {
    /// Every row of every table, in id order.
    pub fn dump(&self) -> Result<Dump> {
        let mut tables = Vec::new();
        for table in TABLES {
            let names = columns(&self.conn, table)?;
            // sync_authors has no rowid: its key (gid, act) orders it.
            let order = if *table == "sync_authors" { "gid, act" } else { "rowid" };
            let mut statement = self.conn.prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))?;
            let mut rows = statement.query([])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                let mut object = Map::new();
                for (i, name) in names.iter().enumerate() {
                    object.insert(name.clone(), to_json(row.get_ref(i)?));
                }
                out.push(object);
            }
            tables.push(TableDump { name: table.to_string(), rows: out });
        }
        Ok(Dump { schema_version: self.schema_version()?, tables })
    }

    /// Restores a dump into this store, which must be empty and of the dump's schema
    /// version (or an older one from [`RESTORES_FROM`] on); every row keeps its id. All
    /// or nothing.
    pub(crate) fn restore(&mut self, dump: &Dump) -> Result<()> {
        let version = self.schema_version()?;
        if !(RESTORES_FROM..=version).contains(&dump.schema_version) {
            return Err(Error::Invalid(format!(
                "the export is of store version {}, this Dossier writes version {version}; restore it with the Dossier that made it",
                dump.schema_version
            )));
        }
        self.write(|tx| {
            for table in TABLES {
                let count: i64 = tx.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
                if count > 0 {
                    return Err(Error::Invalid(format!(
                        "the store is not empty ({table} has rows); restore into a new store"
                    )));
                }
            }
            for part in &dump.tables {
                // Only our own table names ever reach SQL.
                let Some(table) = TABLES.iter().find(|t| **t == part.name) else {
                    return Err(Error::Invalid(format!("the export has an unknown table '{}'", part.name)));
                };
                let known = columns(tx, table)?;
                for row in &part.rows {
                    let mut names = Vec::new();
                    let mut values = Vec::new();
                    for (name, value) in row {
                        if !known.contains(name) {
                            return Err(Error::Invalid(format!("the export has an unknown column {table}.{name}")));
                        }
                        names.push(format!("\"{name}\""));
                        values.push(from_json(value, table, name)?);
                    }
                    let marks = (1..=values.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
                    tx.prepare_cached(&format!("INSERT INTO {table} ({}) VALUES ({marks})", names.join(", ")))?
                        .execute(rusqlite::params_from_iter(values))?;
                }
            }
            Ok(())
        })
    }
}
