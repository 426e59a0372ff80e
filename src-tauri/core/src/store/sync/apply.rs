//! Applying the operations pulled from the team's log. Every store ends as if it had
//! applied the whole log in the log's order, whatever it did meanwhile: before applying
//! others' operations, a store takes back what it did since its cursor (newest first:
//! the entries of its outbox carry the rows before and after, and their local ids, which
//! they get back), applies the log's operations in order (its own among them), then
//! makes again those of its own past the operations given (when given only part of the
//! log: the client gives everything past the cursor), keeping what doing them again did
//! here as what to take back next time. A store pulls only once it has pushed
//! everything it changed. Each entry applies by rules that never drop a citation:
//!
//! - An insert of a row already here (under any of its ids) does nothing. One that
//!   makes a row a desktop already made under another id (the same article's SHA-256,
//!   the same alias of an actor, tag of a source, suggestion for a source) joins it: the
//!   row goes by both ids and keeps the values of the one first in the log.
//! - An update sets the columns it changed. When a column's value here is neither the
//!   one the update's author saw nor the one it sets, two desktops set it without seeing
//!   each other: the later in the log stands, and both values are noted in
//!   `sync_conflicts` for a person.
//! - A deletion takes a row away unless a row its author did not see still points at it
//!   through a reference that keeps its target (a citation of a source, a claim about an
//!   actor). Such a row arriving after the deletion brings the target back from its
//!   tombstone. A merged actor's deletion points what still points at it at the actor
//!   it went into, here and in operations that arrive later.
//! - A row known by several ids goes only when every id it goes by is deleted.

use super::tables::{self, Reference, Table, ORIGINALS};
use super::{noted_at, Entry, IncomingOp, OpPayload, Row, OP_FORMAT};
use crate::store::Store;
use crate::{Error, Result};
use rusqlite::types::Value as Sql;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// What applying pulled operations did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Operations applied here (others' operations).
    pub ops: usize,
    /// This store's own operations, already applied when they were made.
    pub own: usize,
    pub entries: usize,
    /// Columns two desktops set differently, noted for a person.
    pub conflicts: usize,
    /// Entries that could not apply, each with why (a row they need is not here).
    pub dropped: Vec<String>,
}

pub(crate) fn parse_payload(text: &str) -> Result<OpPayload> {
    let payload: OpPayload = serde_json::from_str(text)
        .map_err(|e| Error::Invalid(format!("an operation from the team's server does not read: {e}")))?;
    if payload.format != OP_FORMAT {
        return Err(Error::Invalid(format!(
            "an operation on the team's server is in format {}, this Dossier reads format {OP_FORMAT}: update Dossier",
            payload.format
        )));
    }
    Ok(payload)
}

use super::MERGED_INTO;

/// A row's local id and its own global id.
type Local = (i64, String);

/// Why an entry cannot apply: a row it needs is not here.
struct Missing(String);

enum Failure {
    Missing(Missing),
    Store(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Store(e)
    }
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Self {
        Failure::Store(e.into())
    }
}

type Step<T> = std::result::Result<T, Failure>;

fn to_sql(value: &Value) -> Result<Sql> {
    Ok(match value {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => Sql::Text(s.clone()),
        Value::Array(_) | Value::Object(_) => {
            return Err(Error::Invalid("an operation carries a value no column holds".into()))
        }
    })
}

fn to_json(value: Sql) -> Value {
    match value {
        Sql::Null => Value::Null,
        Sql::Integer(i) => i.into(),
        Sql::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        Sql::Text(s) => Value::String(s),
        Sql::Blob(_) => Value::Null,
    }
}

/// One operation being applied.
struct Apply<'a> {
    tx: &'a Connection,
    seq: i64,
    /// Global ids the operation deletes: rows pointing at a target from among these do
    /// not keep it.
    deleting: HashSet<String>,
    originals: &'a HashMap<String, Vec<u8>>,
    conflicts: usize,
}

impl Apply<'_> {
    /// The row of `table` that goes by `gid` here.
    fn local(&self, table: &str, gid: &str) -> Result<Option<Local>> {
        let own = self
            .tx
            .prepare_cached(&format!("SELECT rowid FROM {table} WHERE gid = ?1"))?
            .query_row([gid], |r| r.get::<_, i64>(0))
            .optional()?;
        if let Some(id) = own {
            return Ok(Some((id, gid.to_string())));
        }
        let named: Option<String> = self
            .tx
            .prepare_cached("SELECT gid FROM sync_names WHERE name = ?1 AND tbl = ?2")?
            .query_row(params![gid, table], |r| r.get(0))
            .optional()?;
        let Some(row_gid) = named else { return Ok(None) };
        let id = self
            .tx
            .prepare_cached(&format!("SELECT rowid FROM {table} WHERE gid = ?1"))?
            .query_row([&row_gid], |r| r.get::<_, i64>(0))
            .optional()?;
        Ok(id.map(|id| (id, row_gid)))
    }

    /// The local id a reference's global id stands for: a row here, or one back from its
    /// tombstone when the reference keeps its target.
    fn resolve(&mut self, reference: &Reference, gid: &Value, depth: u8) -> Step<Option<i64>> {
        let Some(gid) = gid.as_str() else {
            return if reference.nullable {
                Ok(None)
            } else {
                Err(Failure::Missing(Missing(format!("{} without {}", reference.target, reference.column))))
            };
        };
        if let Some((id, _)) = self.local(reference.target, gid)? {
            return Ok(Some(id));
        }
        if depth < 8 {
            if let Some(row) = self.tombstone(reference.target, gid)? {
                if let Some(kept) = row.get(MERGED_INTO).and_then(Value::as_str) {
                    return self.resolve(reference, &Value::String(kept.to_string()), depth + 1);
                }
                if reference.keeps_target {
                    let table =
                        tables::table(reference.target).ok_or_else(|| Error::Invalid("unknown table".into()))?;
                    self.insert(table, gid, &row, depth + 1, None)?;
                    self.tx.execute("DELETE FROM sync_tombstones WHERE gid = ?1", [gid])?;
                    return Ok(self.local(reference.target, gid)?.map(|(id, _)| id));
                }
            }
        }
        if reference.nullable {
            Ok(None)
        } else {
            Err(Failure::Missing(Missing(format!("{} {gid} is not here", reference.target))))
        }
    }

    /// The row an operation of the log deleted, as its deletion carried it.
    fn tombstone(&self, table: &str, gid: &str) -> Result<Option<Row>> {
        let row: Option<String> = self
            .tx
            .prepare_cached("SELECT row FROM sync_tombstones WHERE gid = ?1 AND tbl = ?2")?
            .query_row(params![gid, table], |r| r.get(0))
            .optional()?;
        row.map(|row| serde_json::from_str(&row).map_err(|e| Error::Invalid(e.to_string()))).transpose()
    }

    /// The values of `row` for `table`'s columns, references resolved to local ids.
    fn values(&mut self, table: &Table, row: &Row, depth: u8) -> Step<Vec<Sql>> {
        let mut values = Vec::with_capacity(table.columns.len());
        for column in table.columns {
            let value = row.get(*column).unwrap_or(&Value::Null);
            values.push(match table.reference(column) {
                Some(reference) => self.resolve(reference, value, depth)?.map_or(Sql::Null, Sql::Integer),
                None => to_sql(value)?,
            });
        }
        Ok(values)
    }

    /// Inserts a row unless it is here; `row_id` is the local id to give it if free (a
    /// row of this store's own, made again).
    fn insert(&mut self, table: &Table, gid: &str, row: &Row, depth: u8, row_id: Option<i64>) -> Step<()> {
        if self.local(table.name, gid)?.is_some() {
            return Ok(());
        }
        let values = self.values(table, row, depth)?;
        if !table.natural_key.is_empty() {
            let positions: Vec<usize> =
                table.natural_key.iter().filter_map(|k| table.columns.iter().position(|c| c == k)).collect();
            let condition =
                table.natural_key.iter().enumerate().map(|(i, k)| format!("{k} = ?{}", i + 1)).collect::<Vec<_>>();
            let same: Option<Local> = self
                .tx
                .prepare_cached(&format!("SELECT rowid, gid FROM {} WHERE {}", table.name, condition.join(" AND ")))?
                .query_row(params_from_iter(positions.iter().map(|p| &values[*p])), |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if let Some(same) = same {
                return self.join(table, same, gid, &values);
            }
        }
        let row_id = match row_id {
            Some(id) => {
                let taken: bool = self
                    .tx
                    .prepare_cached(&format!("SELECT EXISTS (SELECT 1 FROM {} WHERE rowid = ?1)", table.name))?
                    .query_row([id], |r| r.get(0))?;
                (!taken).then_some(id)
            }
            None => None,
        };
        // Above every local id this store's own entries hold, so that a row of its own
        // taken back finds its id free when it is made again (the history names it).
        let row_id = match row_id {
            Some(id) => id,
            None => self
                .tx
                .prepare_cached(&format!(
                    "SELECT max(coalesce((SELECT max(rowid) FROM {0}), 0),
                                coalesce((SELECT max(row_id) FROM sync_outbox WHERE tbl = '{0}'), 0)) + 1",
                    table.name
                ))?
                .query_row([], |r| r.get(0))?,
        };
        let columns = table.columns.join(", ");
        let marks = (1..=table.columns.len() + 2).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        let mut all = values;
        all.push(Sql::Text(gid.to_string()));
        all.push(Sql::Integer(row_id));
        self.tx
            .prepare_cached(&format!("INSERT INTO {} ({columns}, gid, rowid) VALUES ({marks})", table.name))?
            .execute(params_from_iter(all.iter()))?;
        if table.name == "notes" {
            self.relink_note(self.tx.last_insert_rowid() as i32)?;
        }
        Ok(())
    }

    /// Another desktop made the row `same` is, under `gid`: the row goes by both ids and
    /// holds the values of the one first in the log: these, when the row here is this
    /// store's own made after them (its later changes are made again after).
    fn join(&mut self, table: &Table, same: Local, gid: &str, values: &[Sql]) -> Step<()> {
        let (id, row_gid) = same;
        self.tx.execute(
            "INSERT OR IGNORE INTO sync_names (name, tbl, gid, alive) VALUES (?1, ?2, ?3, 1)",
            params![gid, table.name, row_gid],
        )?;
        let ours_later: bool = self
            .tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM sync_outbox WHERE gid = ?1 AND kind = 'insert' AND (seq IS NULL OR seq > ?2))",
            )?
            .query_row(params![row_gid, self.seq], |r| r.get(0))?;
        if ours_later {
            for (column, value) in table.columns.iter().zip(values) {
                if !table.natural_key.contains(column) {
                    self.tx
                        .prepare_cached(&format!("UPDATE {} SET {column} = ?2 WHERE rowid = ?1", table.name))?
                        .execute(params![id, value])?;
                }
            }
        }
        Ok(())
    }

    /// A value as comparable across desktops: a reference as the own gid of the row it
    /// names here (or as given, when that row is not here).
    fn comparable(&self, table: &Table, column: &str, value: &Value) -> Result<Value> {
        match (table.reference(column), value.as_str()) {
            (Some(reference), Some(gid)) => {
                Ok(self.local(reference.target, gid)?.map_or_else(|| value.clone(), |(_, own)| Value::String(own)))
            }
            _ => Ok(value.clone()),
        }
    }

    fn current(&self, table: &Table, id: i64, column: &str) -> Result<Value> {
        let value: Sql = self
            .tx
            .prepare_cached(&format!("SELECT {column} FROM {} WHERE rowid = ?1", table.name))?
            .query_row([id], |r| r.get(0))?;
        match (table.reference(column), value) {
            (Some(reference), Sql::Integer(target)) => Ok(self
                .tx
                .prepare_cached(&format!("SELECT gid FROM {} WHERE id = ?1", reference.target))?
                .query_row([target], |r| r.get::<_, String>(0))
                .optional()?
                .map_or(Value::Null, Value::String)),
            (_, value) => Ok(to_json(value)),
        }
    }

    fn update(&mut self, table: &Table, gid: &str, old: &Row, new: &Row) -> Step<()> {
        let Some((id, row_gid)) = self.local(table.name, gid)? else {
            return Ok(()); // deleted here: the deletion stands
        };
        let mut relink = false;
        for (column, wanted) in new {
            let Some(column) = table.columns.iter().find(|c| *c == column) else { continue };
            let current = self.current(table, id, column)?;
            let wanted_here = self.comparable(table, column, wanted)?;
            if current == wanted_here {
                continue;
            }
            let before = self.comparable(table, column, old.get(*column).unwrap_or(&Value::Null))?;
            if current != before {
                self.note_conflict(table, &row_gid, column, &wanted_here, &current)?;
            }
            let value = match table.reference(column) {
                Some(reference) => self.resolve(reference, wanted, 0)?.map_or(Sql::Null, Sql::Integer),
                None => to_sql(wanted)?,
            };
            self.tx
                .prepare_cached(&format!("UPDATE {} SET {column} = ?2 WHERE rowid = ?1", table.name))?
                .execute(params![id, value])?;
            relink |= table.name == "notes";
        }
        if relink {
            self.relink_note(id as i32)?;
        }
        Ok(())
    }

    fn note_conflict(&mut self, table: &Table, gid: &str, column: &str, kept: &Value, other: &Value) -> Result<()> {
        let noted = self.tx.execute(
            "INSERT OR IGNORE INTO sync_conflicts (tbl, gid, col, kept, other, seq, noted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![table.name, gid, column, kept.to_string(), other.to_string(), self.seq, noted_at()],
        )?;
        self.conflicts += noted;
        Ok(())
    }

    fn delete(&mut self, table: &Table, gid: &str, row: &Row, names: &[String], merged_into: Option<&str>) -> Step<()> {
        bury(self.tx, gid, table.name, row, merged_into)?;
        let Some((id, row_gid)) = self.local(table.name, gid)? else { return Ok(()) };
        let mut dead = self.tx.prepare_cached(
            "INSERT INTO sync_names (name, tbl, gid, alive) VALUES (?1, ?2, ?3, 0)
             ON CONFLICT (name) DO UPDATE SET alive = 0 WHERE gid = excluded.gid",
        )?;
        for name in std::iter::once(gid).chain(names.iter().map(String::as_str)) {
            let known = name == row_gid || self.local(table.name, name)?.is_some_and(|(_, g)| g == row_gid);
            if known {
                dead.execute(params![name, table.name, row_gid])?;
            }
        }
        let alive: i64 =
            self.tx
                .query_row("SELECT count(*) FROM sync_names WHERE gid = ?1 AND alive = 1", [&row_gid], |r| r.get(0))?;
        if alive > 0 {
            return Ok(());
        }
        if let Some(kept) = merged_into {
            if let Some((kept_id, _)) = self.local(table.name, kept)? {
                self.repoint(table, id, kept, kept_id)?;
            }
        }
        for (child, reference) in tables::references_to(table.name).filter(|(_, r)| r.keeps_target) {
            let pointing: Vec<String> = self
                .tx
                .prepare_cached(&format!("SELECT gid FROM {} WHERE {} = ?1", child.name, reference.column))?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if pointing.iter().any(|g| !self.deleting.contains(g)) {
                return Ok(()); // still cited: it stays
            }
        }
        self.tx.execute(&format!("DELETE FROM {} WHERE rowid = ?1", table.name), [id])?;
        self.tx.execute("DELETE FROM sync_names WHERE gid = ?1", [&row_gid])?;
        Ok(())
    }

    /// Points what still points at row `from` of `table` (rows the merge's author did not
    /// see) at `to` instead, as the author's store does when they arrive there. A row that
    /// becomes one it duplicates (the same alias on the kept actor) joins it.
    fn repoint(&mut self, table: &Table, from: i64, to_gid: &str, to: i64) -> Step<()> {
        for (child, reference) in tables::references_to(table.name) {
            let pointing: Vec<(i64, String)> = self
                .tx
                .prepare_cached(&format!("SELECT rowid, gid FROM {} WHERE {} = ?1", child.name, reference.column))?
                .query_map([from], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (row_id, row_gid) in pointing {
                if self.deleting.contains(&row_gid) {
                    continue;
                }
                let moved = self
                    .tx
                    .prepare_cached(&format!("UPDATE {} SET {} = ?2 WHERE rowid = ?1", child.name, reference.column))?
                    .execute(params![row_id, to]);
                match moved {
                    Ok(_) => {}
                    Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => {
                        let text: String = self.tx.query_row(
                            &format!("SELECT row FROM sync_rows_{} WHERE id = ?1", child.name),
                            [row_id],
                            |r| r.get(0),
                        )?;
                        let mut row: Row = serde_json::from_str(&text).map_err(|e| Error::Invalid(e.to_string()))?;
                        row.insert(reference.column.into(), Value::String(to_gid.into()));
                        self.tx.execute(&format!("DELETE FROM {} WHERE rowid = ?1", child.name), [row_id])?;
                        self.insert(child, &row_gid, &row, 0, Some(row_id))?;
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        }
        Ok(())
    }

    fn original(&mut self, row: &Row, inserting: bool) -> Step<()> {
        let source = row.get("source_id").and_then(Value::as_str).unwrap_or_default();
        let Some((source_id, _)) = self.local("sources", source)? else {
            return if inserting {
                Err(Failure::Missing(Missing(format!("sources {source} is not here"))))
            } else {
                Ok(())
            };
        };
        if !inserting {
            self.tx.execute("DELETE FROM source_originals WHERE source_id = ?1", [source_id])?;
            return Ok(());
        }
        let present: bool = self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM source_originals WHERE source_id = ?1)",
            [source_id],
            |r| r.get(0),
        )?;
        if present {
            return Ok(()); // the same article, imported here too
        }
        let sha = row.get("sha256").and_then(Value::as_str).unwrap_or_default();
        let stashed: Option<Vec<u8>> = self
            .tx
            .prepare_cached("SELECT bytes FROM temp.sync_stash WHERE sha256 = ?1")?
            .query_row([sha], |r| r.get(0))
            .optional()?;
        let Some(bytes) = stashed.as_ref().or_else(|| self.originals.get(sha)) else {
            return Err(Failure::Missing(Missing(format!("the original {sha} is not on the server"))));
        };
        self.tx.execute(
            "INSERT OR IGNORE INTO source_originals (source_id, bytes) VALUES (?1, ?2)",
            params![source_id, bytes],
        )?;
        Ok(())
    }

    fn relink_note(&self, id: i32) -> Result<()> {
        let body: String = self.tx.query_row("SELECT body FROM notes WHERE id = ?1", [id], |r| r.get(0))?;
        crate::store::notes::write_links(self.tx, id, &body)
    }

    fn entry(&mut self, entry: &Entry, row_id: Option<i64>) -> Step<()> {
        let name = match entry {
            Entry::Insert { table, .. } | Entry::Update { table, .. } | Entry::Delete { table, .. } => table,
        };
        // A note's links by id arrive by global id: here they name this store's rows.
        let localized;
        let entry = if name == "notes" {
            let mut copy = entry.clone();
            super::links::map_note_bodies(&mut copy, |body| {
                super::links::to_local(body, false, |table, gid| Ok(self.local(table, gid)?.map(|(id, _)| id)))
            })?;
            localized = copy;
            &localized
        } else {
            entry
        };
        if name == ORIGINALS {
            return match entry {
                Entry::Insert { row, .. } => self.original(row, true),
                Entry::Delete { row, .. } => self.original(row, false),
                Entry::Update { .. } => Ok(()),
            };
        }
        let Some(table) = tables::table(name) else {
            return Err(Failure::Missing(Missing(format!("a table this Dossier does not know: {name}"))));
        };
        match entry {
            Entry::Insert { gid, row, .. } => self.insert(table, gid, row, 0, row_id),
            Entry::Update { gid, old, new, .. } => self.update(table, gid, old, new),
            Entry::Delete { gid, row, names, merged_into, .. } => {
                self.delete(table, gid, row, names, merged_into.as_deref())
            }
        }
    }
}

/// Records who did what an operation of the log did: who made the rows it adds, who
/// decided the suggestions it decides, who edited the rows it changes (a row made by
/// the first operation that made it; decisions and edits by the latest).
fn credit(tx: &Connection, entries: &[(Entry, Option<i64>)], author: &str, seq: i64) -> Result<()> {
    let mut record = tx.prepare_cached(
        "INSERT INTO sync_authors (gid, act, author, seq) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (gid, act) DO UPDATE SET author = excluded.author, seq = excluded.seq
          WHERE (excluded.act = 'made') = (excluded.seq < sync_authors.seq)",
    )?;
    for (entry, _) in entries {
        let (gid, act) = match entry {
            Entry::Insert { table, gid, .. }
                if matches!(table.as_str(), "claims" | "citations" | "notes" | "actors" | "sources") =>
            {
                (gid, "made")
            }
            Entry::Update { table, gid, new, .. } if table == "suggestions" && new.contains_key("status") => {
                (gid, "decided")
            }
            Entry::Update { table, gid, new, .. }
                if matches!(table.as_str(), "claims" | "notes" | "actors" | "sources")
                    && new.keys().any(|k| k != "updated_at") =>
            {
                (gid, "edited")
            }
            _ => continue,
        };
        // The row as it is known here, when it goes by another id too.
        let own: String = tx
            .prepare_cached("SELECT coalesce((SELECT gid FROM sync_names WHERE name = ?1), ?1)")?
            .query_row([gid], |r| r.get(0))?;
        record.execute(params![own, act, author, seq])?;
    }
    Ok(())
}

/// Keeps the row a deletion of the log carried (a merged actor with the actor it went
/// into), the latest deletion's.
pub(super) fn bury(tx: &Connection, gid: &str, table: &str, row: &Row, merged_into: Option<&str>) -> Result<()> {
    let mut row = row.clone();
    if let Some(kept) = merged_into {
        row.insert(MERGED_INTO.into(), Value::String(kept.into()));
    }
    tx.prepare_cached("INSERT OR REPLACE INTO sync_tombstones (gid, tbl, row) VALUES (?1, ?2, ?3)")?
        .execute(params![gid, table, Value::Object(row).to_string()])?;
    Ok(())
}

fn describe(entry: &Entry) -> String {
    match entry {
        Entry::Insert { table, gid, .. } => format!("adding {table} {gid}"),
        Entry::Update { table, gid, .. } => format!("changing {table} {gid}"),
        Entry::Delete { table, gid, .. } => format!("deleting {table} {gid}"),
    }
}

/// An entry of this store's outbox, with the local id of its row.
pub(crate) struct Own {
    pub entry: Entry,
    pub row_id: i64,
}

impl Apply<'_> {
    /// Applies one operation's entries, each all or nothing: an entry that cannot apply
    /// is reported and the others go on.
    fn operation(&mut self, entries: &[(Entry, Option<i64>)], author: &str, applied: &mut Applied) -> Result<()> {
        self.deleting = entries
            .iter()
            .flat_map(|(e, _)| match e {
                Entry::Delete { gid, names, .. } => std::iter::once(gid.clone()).chain(names.clone()).collect(),
                _ => Vec::new(),
            })
            .collect();
        for (entry, row_id) in entries {
            self.tx.execute_batch("SAVEPOINT sync_entry")?;
            match self.entry(entry, *row_id) {
                Ok(()) => self.tx.execute_batch("RELEASE sync_entry")?,
                Err(failure) => {
                    self.tx.execute_batch("ROLLBACK TO sync_entry; RELEASE sync_entry")?;
                    let why = match failure {
                        Failure::Missing(Missing(why)) => why,
                        Failure::Store(error) => error.to_string(),
                    };
                    applied.dropped.push(format!("operation {} ({author}), {}: {why}", self.seq, describe(entry)));
                }
            }
            applied.entries += 1;
        }
        Ok(())
    }

    /// Takes back one of this store's own entries, as it was made: a deleted row comes
    /// back with its local id, changed columns get their values before.
    fn rewind(&mut self, own: &Own) -> Result<()> {
        let (name, gid) = match &own.entry {
            Entry::Insert { table, gid, .. } | Entry::Update { table, gid, .. } | Entry::Delete { table, gid, .. } => {
                (table.as_str(), gid.as_str())
            }
        };
        let Some(table) = tables::table(name) else { return Ok(()) }; // originals: bytes are not taken back
        match &own.entry {
            Entry::Insert { .. } => {
                if table.name == "sources" {
                    // Its original's bytes wait beside the transaction for it to come back.
                    self.tx.execute(
                        "INSERT OR REPLACE INTO temp.sync_stash (sha256, bytes)
                         SELECT s.sha256, o.bytes FROM source_originals o JOIN sources s ON s.id = o.source_id
                          WHERE s.rowid = ?1",
                        [own.row_id],
                    )?;
                }
                self.tx
                    .prepare_cached(&format!("DELETE FROM {} WHERE rowid = ?1 AND gid = ?2", table.name))?
                    .execute(params![own.row_id, gid])?;
            }
            Entry::Update { old, new, .. } => {
                for column in new.keys() {
                    let Some(column) = table.columns.iter().find(|c| *c == column) else { continue };
                    let value = self.own_value(table, column, old.get(*column).unwrap_or(&Value::Null))?;
                    self.tx
                        .prepare_cached(&format!(
                            "UPDATE {} SET {column} = ?2 WHERE rowid = ?1 AND gid = ?3",
                            table.name
                        ))?
                        .execute(params![own.row_id, value, gid])?;
                }
            }
            Entry::Delete { row, .. } => {
                if self.local(table.name, gid)?.is_some() {
                    return Ok(());
                }
                let mut values = Vec::with_capacity(table.columns.len() + 2);
                for column in table.columns {
                    values.push(self.own_value(table, column, row.get(*column).unwrap_or(&Value::Null))?);
                }
                // Its old local id, unless a row added since has it.
                let taken: bool = self
                    .tx
                    .prepare_cached(&format!("SELECT EXISTS (SELECT 1 FROM {} WHERE rowid = ?1)", table.name))?
                    .query_row([own.row_id], |r| r.get(0))?;
                values.push(Sql::Text(gid.to_string()));
                values.push(if taken { Sql::Null } else { Sql::Integer(own.row_id) });
                let columns = table.columns.join(", ");
                let marks = (1..=values.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
                let inserted = self
                    .tx
                    .prepare_cached(&format!("INSERT INTO {} ({columns}, gid, rowid) VALUES ({marks})", table.name))?
                    .execute(params_from_iter(values.iter()));
                match inserted {
                    // A row this store made since stands in its place (the same alias
                    // added again): the deletion, made again, finds nothing to do.
                    Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => {
                    }
                    other => {
                        other?;
                    }
                }
            }
        }
        Ok(())
    }

    /// A value of one of this store's own entries as the column holds it: a reference as
    /// the local id of the row it names (a row this store deleted and is taking back
    /// names its old id; foreign keys are checked when the transaction ends).
    fn own_value(&self, table: &Table, column: &str, value: &Value) -> Result<Sql> {
        let (Some(reference), Some(gid)) = (table.reference(column), value.as_str()) else {
            return to_sql(value);
        };
        if let Some((id, _)) = self.local(reference.target, gid)? {
            return Ok(Sql::Integer(id));
        }
        let deleted: Option<i64> = self
            .tx
            .prepare_cached("SELECT row_id FROM sync_outbox WHERE gid = ?1 AND tbl = ?2 AND kind = 'delete'")?
            .query_row(params![gid, reference.target], |r| r.get(0))
            .optional()?;
        Ok(deleted.map_or(Sql::Null, Sql::Integer))
    }
}

impl Store {
    /// Applies operations pulled from the log (in its order, after this store's cursor)
    /// and moves the cursor, in one transaction: a sync cut short applies them again, and
    /// what was applied is never applied twice. `originals` holds the bytes of the
    /// originals they add (see [`Store::originals_wanted`]). Nothing is applied, and
    /// `None` returned, while this store has changes it has not pushed: push them first.
    pub fn apply_pulled(
        &mut self,
        ops: &[IncomingOp],
        originals: &HashMap<String, Vec<u8>>,
    ) -> Result<Option<Applied>> {
        self.write(|tx| {
            let cursor: i64 = tx.query_row("SELECT cursor FROM sync_state", [], |r| r.get(0))?;
            let ops: Vec<&IncomingOp> = ops.iter().filter(|o| o.seq > cursor).collect();
            let Some(last) = ops.last().map(|o| o.seq) else { return Ok(Some(Applied::default())) };
            // Changes made since the last push go first: pulling applies on top of what
            // this store pushed, never of what it has not.
            let unpushed: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM sync_outbox WHERE seq IS NULL AND role <> 'done')",
                [],
                |r| r.get(0),
            )?;
            if unpushed {
                return Ok(None);
            }
            tx.execute("UPDATE sync_state SET capturing = 0", [])?;
            tx.execute_batch(
                "PRAGMA defer_foreign_keys = ON;
                 CREATE TEMP TABLE IF NOT EXISTS sync_stash (sha256 TEXT PRIMARY KEY, bytes BLOB NOT NULL);
                 DELETE FROM temp.sync_stash;",
            )?;
            let own_seq = |op: &IncomingOp| -> Result<bool> {
                Ok(tx
                    .prepare_cached("SELECT EXISTS (SELECT 1 FROM sync_outbox WHERE op_id = ?1 AND seq IS NOT NULL)")?
                    .query_row([&op.op_id], |r| r.get(0))?)
            };
            let mut own = Vec::with_capacity(ops.len());
            for op in &ops {
                own.push(own_seq(op)?);
            }
            let mut applied = Applied::default();
            let mut apply = Apply { tx, seq: 0, deleting: HashSet::new(), originals, conflicts: 0 };
            // This store's operations before the first of others' stand as they were made.
            let first_other = ops.iter().zip(&own).find(|(_, mine)| !**mine).map(|(op, _)| op.seq);
            let mut confirmed: Vec<&str> = Vec::new();
            for (op, _) in ops.iter().zip(&own).take_while(|(_, mine)| **mine) {
                confirmed.push(&op.op_id);
                applied.own += 1;
                let entries: Vec<(Entry, Option<i64>)> =
                    super::outbox_entries(tx, &op.op_id)?.into_iter().map(|o| (o.entry, None)).collect();
                credit(tx, &entries, &op.author, op.seq)?;
            }
            if let Some(first_other) = first_other {
                // Take back what this store did after it, newest first.
                let later: Vec<String> = tx
                    .prepare(
                        "SELECT op_id FROM sync_outbox WHERE op_id IS NOT NULL AND (seq IS NULL OR seq > ?1)
                          GROUP BY op_id ORDER BY min(id)",
                    )?
                    .query_map([first_other], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                let mut taken_back: Vec<Own> = Vec::new();
                for op_id in &later {
                    taken_back.extend(super::effect_entries(tx, op_id)?);
                }
                for own in rewinding_order(&taken_back) {
                    apply.rewind(own)?;
                }
                // The log, in order, this store's operations among the others'.
                for (op, mine) in ops.iter().zip(&own).skip_while(|(_, mine)| **mine) {
                    apply.seq = op.seq;
                    let entries: Vec<(Entry, Option<i64>)> = if *mine {
                        confirmed.push(&op.op_id);
                        applied.own += 1;
                        super::outbox_entries(tx, &op.op_id)?.into_iter().map(|o| (o.entry, Some(o.row_id))).collect()
                    } else {
                        applied.ops += 1;
                        parse_payload(&op.payload)?.entries.into_iter().map(|e| (e, None)).collect()
                    };
                    apply.operation(&entries, &op.author, &mut applied)?;
                    credit(tx, &entries, &op.author, op.seq)?;
                }
                // Links to rows that came later in the pull than their notes.
                super::links::settle(tx, |table, gid| Ok(apply.local(table, gid)?.map(|(id, _)| id)))?;
                // This store's operations the log holds past this batch, again, in the
                // order made, with what doing them again does here captured: that is
                // what is taken back next time.
                tx.execute("UPDATE sync_state SET capturing = 1", [])?;
                for op_id in later.iter().filter(|id| !confirmed.contains(&id.as_str())) {
                    let seq: Option<i64> =
                        tx.query_row("SELECT max(seq) FROM sync_outbox WHERE op_id = ?1", [op_id], |r| r.get(0))?;
                    // Pushed, since nothing is pulled before everything is.
                    apply.seq = seq.ok_or_else(|| Error::Invalid(format!("operation {op_id} was not pushed")))?;
                    let mark = last_entry(tx)?;
                    let entries: Vec<(Entry, Option<i64>)> =
                        super::outbox_entries(tx, op_id)?.into_iter().map(|o| (o.entry, Some(o.row_id))).collect();
                    apply.operation(&entries, "this desktop", &mut applied)?;
                    tx.execute(
                        "DELETE FROM sync_outbox WHERE op_id = ?1 AND role = 'done' AND id <= ?2",
                        params![op_id, mark],
                    )?;
                    tx.execute("UPDATE sync_outbox SET role = 'sent' WHERE op_id = ?1 AND role = 'made'", [op_id])?;
                    tx.execute(
                        "UPDATE sync_outbox SET op_id = ?1, seq = ?2, role = 'done' WHERE id > ?3 AND op_id IS NULL",
                        params![op_id, seq, mark],
                    )?;
                }
                tx.execute("UPDATE sync_state SET capturing = 0", [])?;
            }
            // Copies among the sources pulled (and this store's own, taken back and made
            // again), and groups as the verdicts now say.
            crate::store::copies::catch_up(tx)?;
            // What this store did that the log now holds: its deletions are the log's.
            for op_id in &confirmed {
                for own in super::outbox_entries(tx, op_id)? {
                    if let Entry::Delete { table, gid, row, merged_into, .. } = &own.entry {
                        if table != ORIGINALS {
                            bury(tx, gid, table, row, merged_into.as_deref())?;
                        }
                    }
                }
                tx.execute("DELETE FROM sync_outbox WHERE op_id = ?1", [op_id])?;
            }
            applied.conflicts = apply.conflicts;
            tx.execute("UPDATE sync_state SET capturing = 1, cursor = ?1", [last])?;
            Ok(Some(applied))
        })
    }
}

/// The order in which to take back entries made in `made` order: newest first, except
/// that a run of deletions (a deletion and what it cascaded to) comes back parents
/// first, so that each row's references find the rows they name.
fn rewinding_order(made: &[Own]) -> Vec<&Own> {
    let rank = |own: &Own| match &own.entry {
        Entry::Delete { table, .. } => tables::TABLES.iter().position(|t| t.name == table).unwrap_or(usize::MAX),
        _ => 0,
    };
    let mut order = Vec::with_capacity(made.len());
    let mut end = made.len();
    while end > 0 {
        let is_delete = matches!(made[end - 1].entry, Entry::Delete { .. });
        let mut start = end - 1;
        if is_delete {
            while start > 0 && matches!(made[start - 1].entry, Entry::Delete { .. }) {
                start -= 1;
            }
            let mut run: Vec<&Own> = made[start..end].iter().collect();
            run.sort_by_key(|own| rank(own));
            order.extend(run);
        } else {
            order.push(&made[start]);
        }
        end = start;
    }
    order
}

/// The id of the outbox's latest entry (0 when it is empty).
fn last_entry(tx: &Connection) -> Result<i64> {
    Ok(tx.query_row("SELECT coalesce(max(id), 0) FROM sync_outbox", [], |r| r.get(0))?)
}
