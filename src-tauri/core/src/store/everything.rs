//! Reading the whole library at once, in id order, for the exports (which then choose
//! what of it to write).

use super::{citations, claims, notes, sources, Store};
use crate::model::{Actor, Authorship, Citation, Claim, Note, SourceSummary};
use crate::Result;

/// A source's metadata with what identifies its original file.
#[derive(Debug, Clone)]
pub struct SourceRecord {
    pub summary: SourceSummary,
    pub original_name: Option<String>,
    pub sha256: String,
    pub byte_size: i64,
}

/// Everything the exports read, each list in id order.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub actors: Vec<Actor>,
    pub claims: Vec<Claim>,
    pub citations: Vec<Citation>,
    pub sources: Vec<SourceRecord>,
    pub notes: Vec<Note>,
    /// (source id, tag), by source then tag.
    pub tags: Vec<(i32, String)>,
    /// Each source in a group of copies of one story, with the group's id.
    pub copy_groups: std::collections::HashMap<i32, i32>,
    /// Every question's matrix of competing hypotheses, in the order opened.
    pub matrices: Vec<crate::model::Matrix>,
}

/// Who made and who last edited row `a`, as the team's log says (`sync_authors`).
const AUTHORS: &str = "(SELECT author FROM sync_authors WHERE gid = a.gid AND act = 'made'),
     (SELECT author FROM sync_authors WHERE gid = a.gid AND act = 'edited')";

impl Store {
    pub fn library(&self) -> Result<Library> {
        let mut actors: Vec<Actor> = self
            .conn
            .prepare(&format!(
                "SELECT id, name, kind, description, created_at, updated_at, {AUTHORS} FROM actors a ORDER BY id"
            ))?
            .query_map([], |r| {
                Ok(Actor {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    description: r.get(3)?,
                    aliases: Vec::new(),
                    created_at: r.get(4)?,
                    updated_at: r.get(5)?,
                    authors: Authorship { made_by: r.get(6)?, edited_by: r.get(7)? },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut statement = self.conn.prepare("SELECT actor_id, alias FROM actor_aliases ORDER BY actor_id, id")?;
        for row in statement.query_map([], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?)))? {
            let (actor, alias) = row?;
            if let Ok(at) = actors.binary_search_by_key(&actor, |a| a.id) {
                actors[at].aliases.push(alias);
            }
        }
        let claims = self
            .conn
            .prepare(&format!("SELECT {} ORDER BY c.id", claims::COLUMNS))?
            .query_map([], claims::claim)?
            .collect::<rusqlite::Result<_>>()?;
        let citations = self
            .conn
            .prepare(&format!("SELECT {} ORDER BY x.id", citations::COLUMNS))?
            .query_map([], citations::citation)?
            .collect::<rusqlite::Result<_>>()?;
        let sources = self
            .conn
            .prepare(&format!(
                "SELECT {}, s.original_name, s.sha256, s.byte_size FROM sources s ORDER BY s.id",
                sources::SUMMARY_COLUMNS
            ))?
            .query_map([], |r| {
                Ok(SourceRecord {
                    summary: sources::summary(r)?,
                    original_name: r.get(sources::SUMMARY_WIDTH)?,
                    sha256: r.get(sources::SUMMARY_WIDTH + 1)?,
                    byte_size: r.get(sources::SUMMARY_WIDTH + 2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut notes: Vec<Note> = self
            .conn
            .prepare(&format!("SELECT id, title, body, created_at, updated_at, {AUTHORS} FROM notes a ORDER BY id"))?
            .query_map([], |r| {
                Ok(Note {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    body: r.get(2)?,
                    links: Vec::new(),
                    created_at: r.get(3)?,
                    updated_at: r.get(4)?,
                    authors: Authorship { made_by: r.get(5)?, edited_by: r.get(6)? },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        for note in &mut notes {
            note.links = notes::links_of(&self.conn, note.id)?;
        }
        let tags = self
            .conn
            .prepare("SELECT source_id, tag FROM source_tags ORDER BY source_id, tag")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let copy_groups = self
            .conn
            .prepare("SELECT source_id, group_id FROM copy_groups")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut questions = self.questions()?;
        questions.sort_by_key(|q| q.id);
        let matrices = questions.iter().map(|q| self.matrix(q.id, false)).collect::<Result<_>>()?;
        Ok(Library { actors, claims, citations, sources, notes, tags, copy_groups, matrices })
    }
}
