//! The `notes` and `note_links` tables: the person's own Markdown notes and the records
//! their `[[wikilinks]]` resolve to.

use super::{found, last_id, now, Store};
use crate::model::{LinkTarget, Note, NoteLink, NoteSummary, Page, PageRequest};
use crate::wikilink::{self, LinkSpec};
use crate::{text, Error, Result};
use rusqlite::{params, Connection, OptionalExtension};

fn target_exists(conn: &Connection, target: LinkTarget, id: i32) -> Result<bool> {
    let table = match target {
        LinkTarget::Actor => "actors",
        LinkTarget::Source => "sources",
        LinkTarget::Claim => "claims",
        LinkTarget::Note => "notes",
    };
    Ok(conn.query_row(&format!("SELECT 1 FROM {table} WHERE id = ?1"), [id], |_| Ok(())).optional()?.is_some())
}

/// A name resolves to the one actor that has it as name or alias, else to a source or a
/// note with that exact title (ignoring case). Ambiguous or unknown names stay unresolved.
fn resolve_name(conn: &Connection, name: &str) -> Result<Option<(LinkTarget, i32)>> {
    let mut statement = conn.prepare("SELECT DISTINCT actor_id FROM actor_aliases WHERE normalized = ?1 LIMIT 2")?;
    let actors =
        statement.query_map([text::normalize_name(name)], |row| row.get(0))?.collect::<rusqlite::Result<Vec<i32>>>()?;
    if let [only] = actors[..] {
        return Ok(Some((LinkTarget::Actor, only)));
    }
    for (target, sql) in [
        (LinkTarget::Source, "SELECT id FROM sources WHERE title = ?1 COLLATE NOCASE ORDER BY id LIMIT 1"),
        (LinkTarget::Note, "SELECT id FROM notes WHERE title = ?1 COLLATE NOCASE ORDER BY id LIMIT 1"),
    ] {
        if let Some(id) = conn.query_row(sql, [name.trim()], |row| row.get(0)).optional()? {
            return Ok(Some((target, id)));
        }
    }
    Ok(None)
}

pub(super) fn write_links(conn: &Connection, note_id: i32, body: &str) -> Result<()> {
    conn.execute("DELETE FROM note_links WHERE note_id = ?1", [note_id])?;
    for link in wikilink::parse(body) {
        let resolved = match link.spec {
            LinkSpec::ById(target, id) => target_exists(conn, target, id)?.then_some((target, id)),
            LinkSpec::ByName(name) => resolve_name(conn, &name)?,
        };
        if let Some((target, id)) = resolved {
            conn.execute(
                "INSERT INTO note_links (note_id, target_kind, target_id, label) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT DO NOTHING",
                params![note_id, target.as_str(), id, link.label],
            )?;
        }
    }
    Ok(())
}

pub(super) fn links_of(conn: &Connection, note_id: i32) -> Result<Vec<NoteLink>> {
    let mut statement =
        conn.prepare("SELECT target_kind, target_id, label FROM note_links WHERE note_id = ?1 ORDER BY rowid")?;
    let rows = statement
        .query_map([note_id], |row| Ok((row.get::<_, String>(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, target_id, label)| Some(NoteLink { target: LinkTarget::parse(&kind)?, target_id, label }))
        .collect())
}

impl Store {
    pub(crate) fn insert_note(&mut self, title: &str, body: &str) -> Result<i32> {
        let title = title.trim();
        if title.is_empty() {
            return Err(Error::Invalid("a note needs a title".into()));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO notes (title, body, created_at, updated_at, gid) VALUES (?1, ?2, ?3, ?3, ?4)",
                params![title, body, now(), super::new_gid()],
            )?;
            let id = last_id(tx)?;
            write_links(tx, id, body)?;
            Ok(id)
        })
    }

    pub(crate) fn update_note(&mut self, id: i32, title: &str, body: &str) -> Result<()> {
        let title = title.trim();
        if title.is_empty() {
            return Err(Error::Invalid("a note needs a title".into()));
        }
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE notes SET title = ?2, body = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, title, body, now()],
            )?;
            if changed == 0 {
                return Err(Error::NotFound { entity: "note", id });
            }
            write_links(tx, id, body)
        })
    }

    pub fn note(&self, id: i32) -> Result<Note> {
        let (title, body, created_at, updated_at, gid) = found(
            self.conn.query_row(
                "SELECT title, body, created_at, updated_at, gid FROM notes WHERE id = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get::<_, String>(4)?)),
            ),
            "note",
            id,
        )?;
        let authors = super::sync::authorship(&self.conn, &gid)?;
        Ok(Note { id, title, body, links: links_of(&self.conn, id)?, created_at, updated_at, authors })
    }

    pub fn list_notes(&self, page: PageRequest) -> Result<Page<NoteSummary>> {
        let page = page.clamped();
        let mut statement = self
            .conn
            .prepare("SELECT id, title, updated_at FROM notes ORDER BY updated_at DESC, id DESC LIMIT ?1 OFFSET ?2")?;
        let items = statement
            .query_map(params![page.limit, page.offset], |row| {
                Ok(NoteSummary { id: row.get(0)?, title: row.get(1)?, updated_at: row.get(2)? })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total = self.conn.query_row("SELECT count(*) FROM notes", [], |row| row.get(0))?;
        Ok(Page { items, total, offset: page.offset })
    }

    /// Notes that link to a record.
    pub fn backlinks(&self, target: LinkTarget, id: i32) -> Result<Vec<NoteSummary>> {
        let mut statement = self.conn.prepare(
            "SELECT n.id, n.title, n.updated_at FROM note_links l JOIN notes n ON n.id = l.note_id
              WHERE l.target_kind = ?1 AND l.target_id = ?2 ORDER BY n.updated_at DESC",
        )?;
        let rows = statement
            .query_map(params![target.as_str(), id], |row| {
                Ok(NoteSummary { id: row.get(0)?, title: row.get(1)?, updated_at: row.get(2)? })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Writes a deleted note back under its old id and global id (undoing the deletion;
    /// a deletion recorded before global ids existed gives the note a new one).
    pub(crate) fn restore_note(
        &mut self,
        id: i32,
        title: &str,
        body: &str,
        created_at: &str,
        gid: Option<&str>,
    ) -> Result<()> {
        self.write(|tx| {
            let gid = gid.map_or_else(super::new_gid, str::to_string);
            tx.execute(
                "INSERT INTO notes (id, title, body, created_at, updated_at, gid) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, title, body, created_at, now(), gid],
            )?;
            write_links(tx, id, body)
        })
    }

    /// A note's global id.
    pub(crate) fn note_gid(&self, id: i32) -> Result<String> {
        super::found(self.conn.query_row("SELECT gid FROM notes WHERE id = ?1", [id], |r| r.get(0)), "note", id)
    }

    pub(crate) fn delete_note(&mut self, id: i32) -> Result<()> {
        self.write(|tx| match tx.execute("DELETE FROM notes WHERE id = ?1", [id])? {
            0 => Err(Error::NotFound { entity: "note", id }),
            _ => Ok(()),
        })
    }
}
