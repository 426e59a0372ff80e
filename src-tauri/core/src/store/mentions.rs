//! The `mentions` table: where a source names an actor (or something that may be one).

use super::{last_id, sources, Store};
use crate::model::ActorKind;
use crate::model::{Mention, MentionInSource, NewMention, Page, PageRequest};
use crate::{text, Error, Result};
use rusqlite::{params, Connection};

pub(crate) fn insert(conn: &Connection, new: &NewMention) -> Result<i32> {
    let source_text = sources::text_of(conn, new.source_id)?;
    let Some((_, exact, _)) = text::cut_passage(&source_text, new.start, new.end, 0) else {
        return Err(Error::Invalid(format!(
            "mention [{}, {}) is outside source {} ({} code points)",
            new.start,
            new.end,
            new.source_id,
            text::char_len(&source_text)
        )));
    };
    if exact != new.surface {
        return Err(Error::Invalid(format!(
            "mention surface '{}' does not match the source text '{exact}' at [{}, {})",
            new.surface, new.start, new.end
        )));
    }
    conn.execute(
        "INSERT INTO mentions (source_id, actor_id, span_start, span_end, surface, kind, status, gid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![new.source_id, new.actor_id, new.start, new.end, new.surface, new.kind, new.status, super::new_gid()],
    )?;
    last_id(conn)
}

impl Store {
    pub(crate) fn insert_mentions(&mut self, mentions: &[NewMention]) -> Result<Vec<i32>> {
        self.write(|tx| mentions.iter().map(|m| insert(tx, m)).collect())
    }

    /// The mentions in one source, in text order.
    pub fn mentions_in_source(&self, source_id: i32) -> Result<Vec<Mention>> {
        let mut statement = self.conn.prepare(
            "SELECT id, source_id, actor_id, span_start, span_end, surface, kind, status
               FROM mentions WHERE source_id = ?1 ORDER BY span_start, span_end",
        )?;
        let rows = statement
            .query_map([source_id], |row| {
                Ok(Mention {
                    id: row.get(0)?,
                    source_id: row.get(1)?,
                    actor_id: row.get(2)?,
                    start: row.get(3)?,
                    end: row.get(4)?,
                    surface: row.get(5)?,
                    kind: row.get(6)?,
                    status: row.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Links the passage `[start, end)` of a source to an actor (the reader's "Link to
    /// actor…"); the surface is cut from the text.
    pub(crate) fn link_span(&mut self, source_id: i32, start: i32, end: i32, actor_id: i32) -> Result<i32> {
        self.write(|tx| {
            let kind: ActorKind = super::found(
                tx.query_row("SELECT kind FROM actors WHERE id = ?1", [actor_id], |r| r.get(0)),
                "actor",
                actor_id,
            )?;
            let text = sources::text_of(tx, source_id)?;
            let Some((_, surface, _)) = crate::text::cut_passage(&text, start, end, 0) else {
                return Err(Error::Invalid(format!("[{start}, {end}) is not a passage of source {source_id}")));
            };
            insert(tx, &NewMention::accepted(source_id, actor_id, kind, (start, end), surface))
        })
    }

    /// Removes mentions (undoing links), in one transaction; all must exist.
    pub(crate) fn delete_mentions(&mut self, ids: &[i32]) -> Result<()> {
        self.write(|tx| {
            for &id in ids {
                if tx.execute("DELETE FROM mentions WHERE id = ?1", [id])? == 0 {
                    return Err(Error::NotFound { entity: "mention", id });
                }
            }
            Ok(())
        })
    }

    /// Where the library mentions an actor, a page at a time, newest source first.
    pub fn actor_mentions(&self, actor_id: i32, page: PageRequest) -> Result<Page<MentionInSource>> {
        let page = page.clamped();
        let mut statement = self.conn.prepare(
            "SELECT m.id, m.source_id, s.title, m.span_start, m.span_end, m.surface,
                    substr(s.text, max(1, m.span_start + 1 - 60), min(m.span_start, 60)),
                    substr(s.text, m.span_end + 1, 60)
               FROM mentions m JOIN sources s ON s.id = m.source_id
              WHERE m.actor_id = ?1
              ORDER BY m.source_id DESC, m.span_start
              LIMIT ?2 OFFSET ?3",
        )?;
        let items = statement
            .query_map(params![actor_id, page.limit, page.offset], |r| {
                Ok(MentionInSource {
                    id: r.get(0)?,
                    source_id: r.get(1)?,
                    source_title: r.get(2)?,
                    start: r.get(3)?,
                    end: r.get(4)?,
                    surface: r.get(5)?,
                    prefix: r.get(6)?,
                    suffix: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total =
            self.conn.query_row("SELECT count(*) FROM mentions WHERE actor_id = ?1", [actor_id], |r| r.get(0))?;
        Ok(Page { items, total, offset: page.offset })
    }
}
