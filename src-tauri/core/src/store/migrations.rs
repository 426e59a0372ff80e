//! Numbered schema migrations. Migration N takes a store from `user_version` N-1 to N in
//! one transaction. A released migration is never edited: add the next number instead.

use super::APPLICATION_ID;
use crate::{Error, Result};
use rusqlite::Connection;
use std::path::Path;

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_suggestions.sql"),
    include_str!("migrations/0003_merges.sql"),
    include_str!("migrations/0004_changes.sql"),
    include_str!("migrations/0005_edges.sql"),
    include_str!("migrations/0006_search_claims_quotations.sql"),
    include_str!("migrations/0007_date_checked.sql"),
    include_str!("migrations/0008_global_ids.sql"),
    include_str!("migrations/0009_sync.sql"),
    include_str!("migrations/0010_copies.sql"),
    include_str!("migrations/0011_grades.sql"),
    include_str!("migrations/0012_hypotheses.sql"),
    include_str!("migrations/0013_sites.sql"),
    include_str!("migrations/0014_source_ocr.sql"),
    include_str!("migrations/0015_source_capture.sql"),
];

/// The schema version this build of Dossier writes.
pub const LATEST_VERSION: i32 = MIGRATIONS.len() as i32;

pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    migrate_to(conn, path, LATEST_VERSION)
}

/// Moves the schema forward to `target` (at most [`LATEST_VERSION`]).
pub(super) fn migrate_to(conn: &mut Connection, path: &Path, target: i32) -> Result<()> {
    let current: i32 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if current > LATEST_VERSION {
        return Err(Error::StoreTooNew { path: path.to_path_buf(), found: current, supported: LATEST_VERSION });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().take(target.max(0) as usize).skip(current as usize) {
        let version = index as i32 + 1;
        let failed = |source| Error::Migration { version, source };
        let tx = conn.transaction().map_err(failed)?;
        tx.execute_batch(sql).map_err(failed)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID).map_err(failed)?;
        tx.pragma_update(None, "user_version", version).map_err(failed)?;
        tx.commit().map_err(failed)?;
    }
    Ok(())
}
