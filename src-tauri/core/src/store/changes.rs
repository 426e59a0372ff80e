//! The `changes` table: the append-only history of the analyst's changes. A change is
//! written in the same transaction as what it records ([`Store::change`]); what its
//! `undo` column means is `history.rs`'s business, not the store's.

use super::{found, last_id, now, Store};
use crate::model::ChangeEntry;
use crate::{Error, Result};
use rusqlite::{params, OptionalExtension};

/// How many of the latest changes can be taken back.
pub const UNDOABLE_CHANGES: i32 = 100;

/// A change's undo as stored, for `history.rs` to read.
pub struct StoredChange {
    pub entry: ChangeEntry,
    pub undo: String,
}

const ENTRY_COLUMNS: &str = "c.id, c.made_at, c.label,
     (SELECT u.made_at FROM changes u WHERE u.undoes = c.id),
     c.id IN (SELECT id FROM changes WHERE undoes IS NULL ORDER BY id DESC LIMIT ?1)";

fn entry_of_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ChangeEntry> {
    let undone_at: Option<String> = row.get(3)?;
    let recent: bool = row.get(4)?;
    Ok(ChangeEntry {
        id: row.get(0)?,
        made_at: row.get(1)?,
        label: row.get(2)?,
        undoable: recent && undone_at.is_none(),
        undone_at,
    })
}

impl Store {
    /// Runs `work` and records the change it reports (its label and, as JSON, what takes
    /// it back) in one transaction: both land, or neither. `work` may call any writing
    /// method of the store; their transactions become savepoints of this one. It reports
    /// `None` when it changed nothing, and nothing is recorded.
    pub(crate) fn change<T>(
        &mut self,
        work: impl FnOnce(&mut Store) -> Result<(T, Option<(String, String)>)>,
    ) -> Result<T> {
        self.in_transaction(|store| {
            let (value, change) = work(store)?;
            if let Some((label, undo)) = change {
                store.conn.execute(
                    "INSERT INTO changes (made_at, label, undo) VALUES (?1, ?2, ?3)",
                    params![now(), label, undo],
                )?;
            }
            Ok(value)
        })
    }

    /// Runs `work`, which takes change `id` back, and appends the row saying so, in one
    /// transaction. Refused when the change is already taken back or too old.
    pub(crate) fn take_back(&mut self, id: i32, work: impl FnOnce(&mut Store) -> Result<()>) -> Result<i32> {
        self.in_transaction(|store| {
            let change = store.stored_change(id)?;
            if let Some(at) = &change.entry.undone_at {
                return Err(Error::Invalid(format!("“{}” was already undone ({at})", change.entry.label)));
            }
            if !change.entry.undoable {
                return Err(Error::Invalid(format!(
                    "“{}” is older than the last {UNDOABLE_CHANGES} changes and can no longer be undone",
                    change.entry.label
                )));
            }
            work(store)?;
            store.conn.execute(
                "INSERT INTO changes (made_at, label, undoes) VALUES (?1, ?2, ?3)",
                params![now(), format!("Undid: {}", change.entry.label), id],
            )?;
            last_id(&store.conn)
        })
    }

    /// One IMMEDIATE transaction around `work`, rolled back if it fails or panics.
    fn in_transaction<T>(&mut self, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return Err(Error::Invalid("a change cannot be recorded inside another".into()));
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        if let Err(err) = super::sync::begin_group(&self.conn) {
            let _ = self.conn.execute_batch("ROLLBACK");
            return Err(err);
        }
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(self)));
        match outcome {
            Ok(Ok(value)) => match self.conn.execute_batch("COMMIT") {
                Ok(()) => Ok(value),
                Err(err) => {
                    let _ = self.conn.execute_batch("ROLLBACK");
                    Err(err.into())
                }
            },
            Ok(Err(err)) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(err)
            }
            Err(panic) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                std::panic::resume_unwind(panic)
            }
        }
    }

    /// The latest changes, newest first (taking-backs are not listed: their change shows
    /// when it was taken back).
    pub fn list_changes(&self, limit: i32) -> Result<Vec<ChangeEntry>> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {ENTRY_COLUMNS} FROM changes c WHERE c.undoes IS NULL ORDER BY c.id DESC LIMIT ?2"
        ))?;
        let rows = statement.query_map(params![UNDOABLE_CHANGES, limit.clamp(0, 1000)], entry_of_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One change with what takes it back.
    pub fn stored_change(&self, id: i32) -> Result<StoredChange> {
        found(
            self.conn.query_row(
                &format!("SELECT {ENTRY_COLUMNS}, c.undo FROM changes c WHERE c.id = ?2 AND c.undoes IS NULL"),
                params![UNDOABLE_CHANGES, id],
                |row| Ok(StoredChange { entry: entry_of_row(row)?, undo: row.get(5)? }),
            ),
            "change",
            id,
        )
    }

    /// The latest change that can still be taken back.
    pub fn latest_undoable_change(&self) -> Result<Option<i32>> {
        Ok(self
            .conn
            .query_row(
                "SELECT c.id FROM (SELECT id FROM changes WHERE undoes IS NULL ORDER BY id DESC LIMIT ?1) c
                  WHERE NOT EXISTS (SELECT 1 FROM changes u WHERE u.undoes = c.id)
                  ORDER BY c.id DESC LIMIT 1",
                [UNDOABLE_CHANGES],
                |row| row.get(0),
            )
            .optional()?)
    }
}
