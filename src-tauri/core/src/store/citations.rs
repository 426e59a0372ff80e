//! The `citations` table: exact passages of sources, each optionally backing a claim.

use super::{actors, last_id, sources, Store, CITATION_CONTEXT};
use crate::model::{ActorRef, Citation, NewCitation, Page, PageRequest};
use crate::{text, Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};

pub(super) const COLUMNS: &str =
    "x.id, x.claim_id, x.source_id, s.title, x.exact, x.prefix, x.suffix, x.span_start, x.span_end,
     x.speaker_id, a.name, x.note
     FROM citations x
     JOIN sources s ON s.id = x.source_id
     LEFT JOIN actors a ON a.id = x.speaker_id";

pub(super) fn citation(row: &Row<'_>) -> rusqlite::Result<Citation> {
    let speaker_id: Option<i32> = row.get(9)?;
    let speaker_name: Option<String> = row.get(10)?;
    Ok(Citation {
        id: row.get(0)?,
        claim_id: row.get(1)?,
        source_id: row.get(2)?,
        source_title: row.get(3)?,
        exact: row.get(4)?,
        prefix: row.get(5)?,
        suffix: row.get(6)?,
        start: row.get(7)?,
        end: row.get(8)?,
        speaker: speaker_id.zip(speaker_name).map(|(id, name)| ActorRef { id, name }),
        note: row.get(11)?,
    })
}

pub(crate) fn insert(conn: &Connection, new: &NewCitation) -> Result<i32> {
    let source_text = sources::text_of(conn, new.source_id)?;
    let Some((prefix, exact, suffix)) = text::cut_passage(&source_text, new.start, new.end, CITATION_CONTEXT) else {
        return Err(Error::Invalid(format!(
            "citation [{}, {}) is outside source {} ({} code points)",
            new.start,
            new.end,
            new.source_id,
            text::char_len(&source_text)
        )));
    };
    if let Some(claim_id) = new.claim_id {
        let exists = conn.query_row("SELECT 1 FROM claims WHERE id = ?1", [claim_id], |_| Ok(())).optional()?;
        if exists.is_none() {
            return Err(Error::Invalid(format!("claim {claim_id} does not exist")));
        }
    }
    if let Some(speaker) = new.speaker_id {
        if !actors::exists(conn, speaker)? {
            return Err(Error::Invalid(format!("speaker actor {speaker} does not exist")));
        }
    }
    conn.execute(
        "INSERT INTO citations (claim_id, source_id, exact, prefix, suffix, span_start, span_end, speaker_id, note, created_at,
                                gid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            new.claim_id,
            new.source_id,
            exact,
            prefix,
            suffix,
            new.start,
            new.end,
            new.speaker_id,
            new.note,
            super::now(),
            super::new_gid()
        ],
    )?;
    last_id(conn)
}

impl Store {
    #[cfg(any(test, feature = "testing"))] // Only tests set a library up this way.
    pub(crate) fn insert_citation(&mut self, new: &NewCitation) -> Result<i32> {
        self.write(|tx| insert(tx, new))
    }

    pub fn citations_of_claim(&self, claim_id: i32) -> Result<Vec<Citation>> {
        let mut statement =
            self.conn.prepare(&format!("SELECT {COLUMNS} WHERE x.claim_id = ?1 ORDER BY x.source_id, x.span_start"))?;
        let rows = statement.query_map([claim_id], citation)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Quotations (passages that back no claim) an actor spoke or is named in, a page at
    /// a time, newest source first. The speaker tells the two apart.
    pub fn actor_quotations(&self, actor_id: i32, page: PageRequest) -> Result<Page<Citation>> {
        let page = page.clamped();
        // Through the speaker index and the actor's mentions, never a scan of all citations.
        const HITS: &str = "WITH hits AS (
                 SELECT id FROM citations WHERE speaker_id = ?1 AND claim_id IS NULL
                 UNION
                 SELECT x.id FROM mentions m
                   JOIN citations x ON x.source_id = m.source_id
                    AND x.span_start <= m.span_start AND x.span_end >= m.span_end
                  WHERE m.actor_id = ?1 AND m.status <> 'rejected' AND x.claim_id IS NULL)";
        let mut statement = self.conn.prepare(&format!(
            "{HITS} SELECT {COLUMNS} WHERE x.id IN (SELECT id FROM hits)
              ORDER BY x.source_id DESC, x.span_start LIMIT ?2 OFFSET ?3"
        ))?;
        let items = statement
            .query_map(params![actor_id, page.limit, page.offset], citation)?
            .collect::<rusqlite::Result<_>>()?;
        let total = self.conn.query_row(&format!("{HITS} SELECT count(*) FROM hits"), [actor_id], |r| r.get(0))?;
        Ok(Page { items, total, offset: page.offset })
    }

    pub fn citations_in_source(&self, source_id: i32) -> Result<Vec<Citation>> {
        let mut statement =
            self.conn.prepare(&format!("SELECT {COLUMNS} WHERE x.source_id = ?1 ORDER BY x.span_start, x.span_end"))?;
        let rows = statement.query_map([source_id], citation)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
