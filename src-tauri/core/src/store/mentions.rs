//! The `mentions` table: where a source names an actor (or something that may be one).

use super::{last_id, sources, Store};
use crate::model::{Mention, NewMention, ReviewStatus};
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
        "INSERT INTO mentions (source_id, actor_id, span_start, span_end, surface, kind, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![new.source_id, new.actor_id, new.start, new.end, new.surface, new.kind, new.status],
    )?;
    last_id(conn)
}

impl Store {
    pub fn insert_mentions(&mut self, mentions: &[NewMention]) -> Result<Vec<i32>> {
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

    pub fn set_mention_status(&mut self, id: i32, status: ReviewStatus) -> Result<()> {
        self.write(|tx| match tx.execute("UPDATE mentions SET status = ?2 WHERE id = ?1", params![id, status])? {
            0 => Err(Error::NotFound { entity: "mention", id }),
            _ => Ok(()),
        })
    }
}
