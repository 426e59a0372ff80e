//! Team sync, the store's side: what this store has changed since it last pushed (the
//! outbox migration 9's triggers fill), sealed into operations named by global ids;
//! applying the operations pulled from the team's log (`apply`); and where this store
//! stands (its investigation, device, cursor). The transport lives in `dossier-sync`.
//!
//! An operation is JSON: `{"format": 1, "entries": [...]}`, each entry an insert (the
//! row), an update (the columns that changed, before and after) or a delete (the row,
//! and the other global ids the author knew it by) of one row, named by its gid, with
//! the columns that point at other rows holding those rows' gids.

mod apply;
mod links;
mod tables;

use super::{now, Store};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

pub use apply::Applied;
use tables::{ORIGINALS, TABLES};

/// The format of operations this build writes and reads.
pub const OP_FORMAT: u32 = 1;

/// An operation holds whole store transactions, at most about this many entries unless
/// one transaction alone is larger (and deletes something: then it stays whole, so that
/// what it deleted together is judged together where it is applied).
const OP_ENTRIES: i64 = 1_000;

pub type Row = Map<String, Value>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Entry {
    Insert {
        table: String,
        gid: String,
        row: Row,
    },
    Update {
        table: String,
        gid: String,
        old: Row,
        new: Row,
    },
    Delete {
        table: String,
        gid: String,
        row: Row,
        /// Other global ids the deleted row went by where it was deleted.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        names: Vec<String>,
        /// The actor a deleted actor was merged into: what still points at the deleted
        /// one, anywhere, points there instead.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        merged_into: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpPayload {
    pub format: u32,
    pub entries: Vec<Entry>,
}

/// An operation sealed here, ready to push (again, if a push was cut short).
#[derive(Debug, Clone)]
pub struct OutgoingOp {
    pub op_id: String,
    /// The last operation of the log this store had applied when it sealed this one.
    pub based_on: i64,
    pub payload: String,
    /// SHA-256 of the originals it adds, whose bytes the server must have first.
    pub originals: Vec<String>,
    pub entries: usize,
}

/// An operation of the team's log, as pulled.
#[derive(Debug, Clone)]
pub struct IncomingOp {
    pub seq: i64,
    pub op_id: String,
    pub author: String,
    pub payload: String,
}

/// Where this store stands with its team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncStatus {
    pub investigation: Option<String>,
    pub device: Option<String>,
    /// The last operation of the log applied here.
    pub cursor: i64,
    /// Changes made here not yet pushed (entries: rows written).
    pub pending: i64,
    /// Columns set differently on two desktops, not yet looked at.
    pub conflicts: i64,
}

/// A column two desktops set to different values without seeing each other's: the value
/// the log's order kept and the other, each as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncConflict {
    pub id: i64,
    pub table: String,
    pub gid: String,
    /// The record in words: an actor's name, a suggestion's label, a note's or a
    /// source's title, a claim's statement (none when it is gone).
    pub record: Option<String>,
    pub column: String,
    pub kept: Option<String>,
    pub other: Option<String>,
}

/// Who made the row `gid` and who last edited it, as the team's log says.
pub(crate) fn authorship(conn: &Connection, gid: &str) -> Result<crate::model::Authorship> {
    let (made_by, edited_by) = conn
        .prepare_cached(
            "SELECT (SELECT author FROM sync_authors WHERE gid = ?1 AND act = 'made'),
                (SELECT author FROM sync_authors WHERE gid = ?1 AND act = 'edited')",
        )?
        .query_row([gid], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(crate::model::Authorship { made_by, edited_by })
}

/// Counts the store's transactions while it captures, so that the entries of one
/// transaction travel in one operation. Called as each write transaction begins.
pub(crate) fn begin_group(conn: &Connection) -> Result<()> {
    conn.prepare_cached("UPDATE sync_state SET tx = tx + 1 WHERE capturing = 1")?.execute([])?;
    Ok(())
}

fn json_text(value: &impl Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Invalid(format!("cannot write an operation: {e}")))
}

fn parse_row(text: Option<String>, what: &str) -> Result<Row> {
    let text = text.ok_or_else(|| Error::Invalid(format!("an outbox entry lacks its {what} row")))?;
    serde_json::from_str(&text).map_err(|e| Error::Invalid(format!("an outbox entry's row does not read: {e}")))
}

impl Store {
    pub fn sync_status(&self) -> Result<SyncStatus> {
        let (investigation, device, cursor) =
            self.conn.query_row("SELECT investigation, device, cursor FROM sync_state", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        let pending =
            self.conn
                .query_row("SELECT count(*) FROM sync_outbox WHERE seq IS NULL AND role <> 'done'", [], |r| r.get(0))?;
        let conflicts =
            self.conn.query_row("SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL", [], |r| r.get(0))?;
        Ok(SyncStatus { investigation, device, cursor, pending, conflicts })
    }

    /// Makes this store a desktop of `investigation` (a server's investigation id): it
    /// gets a device id, starts capturing its changes, and queues every row it has, so
    /// that its first push gives the team the whole library. Joining the investigation
    /// it is already in does nothing (false); a store belongs to one investigation.
    pub fn join_investigation(&mut self, investigation: &str) -> Result<bool> {
        let investigation = investigation.trim().to_lowercase();
        if uuid::Uuid::parse_str(&investigation).is_err() {
            return Err(Error::Invalid(format!("{investigation:?} is not an investigation id (a UUID)")));
        }
        match self.sync_status()?.investigation {
            Some(joined) if joined == investigation => return Ok(false),
            Some(joined) => {
                return Err(Error::Invalid(format!(
                    "this store already syncs with investigation {joined}; one store syncs with one investigation"
                )))
            }
            None => {}
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE sync_state SET investigation = ?1, device = ?2, capturing = 1, cursor = 0, tx = tx + 1",
                params![investigation, uuid::Uuid::now_v7().to_string()],
            )?;
            let mut tables: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
            tables.insert(1, ORIGINALS);
            for table in tables {
                tx.execute(
                    &format!(
                        "INSERT INTO sync_outbox (tx, tbl, row_id, gid, kind, new)
                         SELECT (SELECT tx FROM sync_state), '{table}', id, gid, 'insert', row
                           FROM sync_rows_{table} ORDER BY id"
                    ),
                    [],
                )?;
            }
            Ok(true)
        })
    }

    /// Seals what this store changed since its last push into operations, and returns
    /// every sealed operation not yet pushed, oldest first. Sealing is kept: an operation
    /// whose push was cut short goes again under the same id, which the server knows.
    pub fn seal_outbox(&mut self) -> Result<Vec<OutgoingOp>> {
        self.write(|tx| {
            let deleting: std::collections::HashSet<i64> = tx
                .prepare("SELECT DISTINCT tx FROM sync_outbox WHERE op_id IS NULL AND kind = 'delete'")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let pending: Vec<(i64, i64)> = tx
                .prepare("SELECT id, tx FROM sync_outbox WHERE op_id IS NULL ORDER BY id")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut cuts: Vec<(i64, i64)> = Vec::new(); // (first id, last id) per operation
            let mut count = 0;
            let mut previous_tx = None;
            for (id, group) in pending {
                let may_cut = previous_tx != Some(group) || !deleting.contains(&group);
                match cuts.last_mut() {
                    Some(last) if !(count >= OP_ENTRIES && may_cut) => last.1 = id,
                    _ => {
                        cuts.push((id, id));
                        count = 0;
                    }
                }
                count += 1;
                previous_tx = Some(group);
            }
            let mut seal = tx.prepare("UPDATE sync_outbox SET op_id = ?1 WHERE id BETWEEN ?2 AND ?3")?;
            for (first, last) in cuts {
                seal.execute(params![super::new_gid(), first, last])?;
            }
            Ok(())
        })?;
        let ids: Vec<String> = self
            .conn
            .prepare(
                "SELECT op_id FROM sync_outbox WHERE op_id IS NOT NULL AND seq IS NULL GROUP BY op_id ORDER BY min(id)",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let based_on = self.sync_status()?.cursor;
        ids.into_iter().map(|id| self.sealed_op(id, based_on)).collect()
    }

    fn sealed_op(&self, op_id: String, based_on: i64) -> Result<OutgoingOp> {
        let mut entries: Vec<Entry> = self.outbox_entries(&op_id)?.into_iter().map(|e| e.entry).collect();
        for entry in &mut entries {
            links::map_note_bodies(entry, |body| links::to_global(&self.conn, body, str::to_string))?;
        }
        let originals = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Insert { table, row, .. } if table == ORIGINALS => {
                    row.get("sha256").and_then(Value::as_str).map(str::to_string)
                }
                _ => None,
            })
            .collect();
        let count = entries.len();
        let payload = json_text(&OpPayload { format: OP_FORMAT, entries })?;
        Ok(OutgoingOp { op_id, based_on, payload, originals, entries: count })
    }

    /// The entries of one of this store's operations (all that are still pending when
    /// `op_id` is empty), in the order they were made, as they travel.
    fn outbox_entries(&self, op_id: &str) -> Result<Vec<apply::Own>> {
        outbox_entries(&self.conn, op_id)
    }

    /// The bytes of the original whose SHA-256 is `sha256`, if this store has them.
    pub fn original_by_sha256(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT o.bytes FROM source_originals o JOIN sources s ON s.id = o.source_id WHERE s.sha256 = ?1",
                [sha256],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Records that the server took operation `op_id` as number `seq`. Its entries stay
    /// until this store pulls the log up to them.
    pub fn mark_pushed(&mut self, op_id: &str, seq: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE sync_outbox SET seq = ?2 WHERE op_id = ?1", params![op_id, seq])?;
            Ok(())
        })
    }

    /// The SHA-256 of originals that pulled operations add and this store lacks.
    pub fn originals_wanted(&self, ops: &[IncomingOp]) -> Result<Vec<String>> {
        let mut wanted = Vec::new();
        for op in ops {
            for entry in apply::parse_payload(&op.payload)?.entries {
                if let Entry::Insert { table, row, .. } = entry {
                    if table == ORIGINALS {
                        if let Some(sha) = row.get("sha256").and_then(Value::as_str) {
                            if self.original_by_sha256(sha)?.is_none() && !wanted.iter().any(|w| w == sha) {
                                wanted.push(sha.to_string());
                            }
                        }
                    }
                }
            }
        }
        Ok(wanted)
    }

    /// A digest of everything that syncs, by global id: two stores of one investigation
    /// that have applied the same operations have the same one.
    pub fn sync_fingerprint(&self) -> Result<String> {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        for (table, gid, row) in self.sync_content()? {
            for part in [table.as_str(), gid.as_str(), row.as_str()] {
                hasher.update(part.as_bytes());
                hasher.update([0]);
            }
        }
        Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
    }

    /// Everything that syncs as (table, gid, row as JSON with sorted keys), sorted. A row
    /// known by several ids is named by the least of those still alive, here and where
    /// other rows point at it.
    pub fn sync_content(&self) -> Result<Vec<(String, String, String)>> {
        let canonical = self.canonical_names()?;
        let name = |gid: &str| canonical.get(gid).cloned().unwrap_or_else(|| gid.to_string());
        let mut tables: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
        tables.push(ORIGINALS);
        let mut content = Vec::new();
        for table in tables {
            let mut statement = self.conn.prepare(&format!("SELECT gid, row FROM sync_rows_{table}"))?;
            let found = statement.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            let spec = tables::table(table);
            for row in found {
                let (gid, row) = row?;
                let mut row: Row = serde_json::from_str(&row).map_err(|e| Error::Invalid(e.to_string()))?;
                for (column, value) in row.iter_mut() {
                    let points = spec.is_some_and(|s| s.reference(column).is_some())
                        || (table == ORIGINALS && column == "source_id");
                    if let (true, Some(gid)) = (points, value.as_str()) {
                        *value = Value::String(name(gid));
                    }
                }
                if table == "notes" {
                    if let Some(Value::String(body)) = row.get("body") {
                        let body = links::to_global(&self.conn, body, name)?;
                        row.insert("body".into(), Value::String(body));
                    }
                }
                let sorted: BTreeMap<_, _> = row.into_iter().collect();
                content.push((table.to_string(), name(&gid), json_text(&sorted)?));
            }
        }
        content.sort();
        Ok(content)
    }

    /// Row gid → the least alive name it goes by, for rows known by several.
    fn canonical_names(&self) -> Result<HashMap<String, String>> {
        let mut statement = self.conn.prepare(
            "SELECT gid, min(name) FROM (
                 SELECT gid, name FROM sync_names WHERE alive = 1
                 UNION SELECT gid, gid FROM sync_names
                  WHERE NOT EXISTS (SELECT 1 FROM sync_names d WHERE d.name = sync_names.gid AND d.alive = 0))
             GROUP BY gid",
        )?;
        let pairs = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(pairs.collect::<rusqlite::Result<_>>()?)
    }

    /// Columns set differently on two desktops, not yet looked at, newest first.
    pub fn sync_conflicts(&self, limit: i64) -> Result<Vec<SyncConflict>> {
        let mut statement = self.conn.prepare(
            "SELECT c.id, c.tbl, c.gid, c.col, c.kept, c.other,
                    CASE c.tbl
                        WHEN 'actors' THEN (SELECT name FROM actors WHERE gid = c.gid)
                        WHEN 'suggestions' THEN (SELECT label FROM suggestions WHERE gid = c.gid)
                        WHEN 'notes' THEN (SELECT title FROM notes WHERE gid = c.gid)
                        WHEN 'sources' THEN (SELECT title FROM sources WHERE gid = c.gid)
                        WHEN 'claims' THEN (SELECT statement FROM claims WHERE gid = c.gid)
                    END
               FROM sync_conflicts c WHERE c.resolved_at IS NULL ORDER BY c.id DESC LIMIT ?1",
        )?;
        let rows = statement.query_map([limit], |r| {
            Ok(SyncConflict {
                id: r.get(0)?,
                table: r.get(1)?,
                gid: r.get(2)?,
                column: r.get(3)?,
                kept: r.get(4)?,
                other: r.get(5)?,
                record: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Marks conflict `id` as looked at: a person has seen both values (and kept the one
    /// that stands, or set another, which syncs as any change does).
    pub fn resolve_sync_conflict(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE sync_conflicts SET resolved_at = ?2 WHERE id = ?1 AND resolved_at IS NULL",
                params![id, now()],
            )?;
            if changed == 0 {
                return Err(Error::Invalid(format!("no open conflict has id {id}")));
            }
            Ok(())
        })
    }
}

/// Where a deletion lists, in its row, the other ids the row went by when it was deleted.
const NAMES: &str = "$names";

/// Where the deletion of a merged actor names the actor it went into, in its row.
pub(super) const MERGED_INTO: &str = "$merged_into";

/// Notes in the outbox, if this store captures, that the actor `merged` just deleted was
/// merged into actor `kept_id`: the deletion travels with where it went.
pub(crate) fn note_merge(conn: &Connection, merged: &str, kept_id: i32) -> Result<()> {
    conn.prepare_cached(
        "UPDATE sync_outbox SET old = json_set(old, '$.\"$merged_into\"', (SELECT gid FROM actors WHERE id = ?2))
          WHERE id = (SELECT max(id) FROM sync_outbox WHERE tbl = 'actors' AND gid = ?1 AND kind = 'delete')",
    )?
    .execute(params![merged, kept_id])?;
    Ok(())
}

/// The entries of operation `op_id` in the outbox, in order, as they travel (an update
/// with only the columns that changed; one that changed nothing left out), each with the
/// local id of its row.
pub(super) fn outbox_entries(conn: &Connection, op_id: &str) -> Result<Vec<apply::Own>> {
    entries_of(conn, op_id, "('made', 'sent')")
}

/// What operation `op_id` of this store's (all still pending when empty) did here, in
/// order: what taking it back undoes.
pub(super) fn effect_entries(conn: &Connection, op_id: &str) -> Result<Vec<apply::Own>> {
    entries_of(conn, op_id, "('made', 'done')")
}

fn entries_of(conn: &Connection, op_id: &str, roles: &str) -> Result<Vec<apply::Own>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT tbl, gid, kind, old, new, row_id FROM sync_outbox WHERE op_id = ?1 AND role IN {roles} ORDER BY id"
    ))?;
    let rows = statement.query_map([op_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, i64>(5)?,
        ))
    })?;
    let mut entries = Vec::new();
    for row in rows {
        let (table, gid, kind, old, new, row_id) = row?;
        let Some(gid) = gid else { continue };
        let entry = match kind.as_str() {
            "insert" => Entry::Insert { table, gid, row: parse_row(new, "new")? },
            "update" => {
                let (mut old, mut new) = (parse_row(old, "old")?, parse_row(new, "new")?);
                let same: Vec<String> =
                    new.iter().filter(|(k, v)| old.get(*k) == Some(v)).map(|(k, _)| k.clone()).collect();
                for key in same {
                    old.remove(&key);
                    new.remove(&key);
                }
                if new.is_empty() {
                    continue;
                }
                Entry::Update { table, gid, old, new }
            }
            _ => {
                let mut row = parse_row(old, "old")?;
                let names = match row.remove(NAMES) {
                    Some(Value::Array(names)) => names.iter().filter_map(|n| n.as_str().map(str::to_string)).collect(),
                    Some(other) => {
                        return Err(Error::Invalid(format!("an outbox entry's other ids do not read: {other}")));
                    }
                    None => Vec::new(),
                };
                let merged_into = row.remove(MERGED_INTO).and_then(|v| v.as_str().map(str::to_string));
                Entry::Delete { table, gid, row, names, merged_into }
            }
        };
        entries.push(apply::Own { entry, row_id });
    }
    Ok(entries)
}

/// When a conflict was noted.
fn noted_at() -> String {
    now()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys of a view's `json_object(...)`, in order: each quoted name followed by a
    /// comma in its SQL.
    fn keys_of(sql: &str) -> Vec<String> {
        let parts: Vec<&str> = sql.split('\'').collect();
        (1..parts.len().saturating_sub(1))
            .step_by(2)
            .filter(|i| parts[i + 1].trim_start().starts_with(','))
            .map(|i| parts[i].to_string())
            .collect()
    }

    /// The views migration 9 made carry exactly the columns `tables` lists, in order, so
    /// that what is captured is what is applied.
    #[test]
    fn every_synced_table_is_captured_with_the_columns_it_is_applied_with() {
        let store = Store::open_in_memory().unwrap();
        for table in TABLES {
            let sql: String = store
                .conn
                .query_row(
                    "SELECT sql FROM sqlite_schema WHERE name = ?1",
                    [format!("sync_rows_{}", table.name)],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(keys_of(&sql), table.columns, "{}", table.name);
        }
    }
}
