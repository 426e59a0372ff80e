//! The `suggestions` table: what extraction proposed for each source, waiting for the
//! analyst. Re-analysing a source replaces its pending suggestions and leaves accepted
//! and rejected ones alone; a fingerprint already decided is never proposed again.

use super::{now, Store};
use crate::model::{NewSuggestion, Page, PageRequest, ReviewStatus, Suggestion, SuggestionKind};
use crate::{Error, Result};
use rusqlite::{params, Connection};

/// Replaces the pending suggestions of `source_id` with `suggestions`.
pub(crate) fn replace_for_source(conn: &Connection, source_id: i32, suggestions: &[NewSuggestion]) -> Result<()> {
    conn.execute("DELETE FROM suggestions WHERE source_id = ?1 AND status = 'suggested'", [source_id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO suggestions (source_id, kind, fingerprint, label, span_start, span_end, payload, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (source_id, fingerprint) DO NOTHING",
    )?;
    let stamp = now();
    for s in suggestions {
        insert.execute(params![
            source_id,
            s.kind,
            s.fingerprint,
            s.label,
            s.span_start,
            s.span_end,
            s.payload.to_string(),
            stamp
        ])?;
    }
    Ok(())
}

impl Store {
    /// Replaces a source's pending suggestions (after a re-analysis), in one transaction.
    pub fn replace_suggestions(&mut self, source_id: i32, suggestions: &[NewSuggestion]) -> Result<()> {
        self.write(|tx| replace_for_source(tx, source_id, suggestions))
    }

    /// Suggestions, optionally of one source, kind or status, in text order per source.
    pub fn list_suggestions(
        &self,
        source_id: Option<i32>,
        kind: Option<SuggestionKind>,
        status: Option<ReviewStatus>,
        page: PageRequest,
    ) -> Result<Page<Suggestion>> {
        let page = page.clamped();
        let filter = "(?1 IS NULL OR source_id = ?1) AND (?2 IS NULL OR kind = ?2) AND (?3 IS NULL OR status = ?3)";
        let mut statement = self.conn.prepare(&format!(
            "SELECT id, source_id, kind, label, span_start, span_end, status, payload FROM suggestions
              WHERE {filter} ORDER BY source_id, span_start, id LIMIT ?4 OFFSET ?5"
        ))?;
        let items = statement
            .query_map(params![source_id, kind, status, page.limit, page.offset], |row| {
                Ok(Suggestion {
                    id: row.get(0)?,
                    source_id: row.get(1)?,
                    kind: row.get(2)?,
                    label: row.get(3)?,
                    span_start: row.get(4)?,
                    span_end: row.get(5)?,
                    status: row.get(6)?,
                    payload: row.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total = self.conn.query_row(
            &format!("SELECT count(*) FROM suggestions WHERE {filter}"),
            params![source_id, kind, status],
            |row| row.get(0),
        )?;
        Ok(Page { items, total, offset: page.offset })
    }

    /// Marks a suggestion accepted or rejected (what acceptance creates comes with the
    /// review queue).
    pub fn set_suggestion_status(&mut self, id: i32, status: ReviewStatus) -> Result<()> {
        self.write(|tx| {
            let changed = tx.execute("UPDATE suggestions SET status = ?2 WHERE id = ?1", params![id, status])?;
            if changed == 0 {
                return Err(Error::NotFound { entity: "suggestion", id });
            }
            Ok(())
        })
    }
}
