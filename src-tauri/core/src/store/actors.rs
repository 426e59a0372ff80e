//! The `actors` and `actor_aliases` tables: people, organisations, states, armed groups
//! and places, with every name they go by.

use super::{found, last_id, now, Store};
use crate::model::{
    Actor, ActorKind, ActorListing, ActorRef, ActorSort, ActorSummary, NewActor, Page, PageRequest, Relation,
    RelationSummary,
};
use crate::{text, Error, Result};
use rusqlite::{params, Connection, OptionalExtension};

pub(crate) fn insert(conn: &Connection, new: &NewActor) -> Result<i32> {
    let name = text::to_stored_form(new.name.trim());
    if name.is_empty() {
        return Err(Error::Invalid("an actor needs a name".into()));
    }
    let stamp = now();
    conn.execute(
        "INSERT INTO actors (name, kind, description, created_at, updated_at, gid) VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
        params![name, new.kind, new.description, stamp, super::new_gid()],
    )?;
    let id = last_id(conn)?;
    // The name is always an alias too, so matching needs to look in one place only.
    add_alias_to(conn, id, &name)?;
    for alias in &new.aliases {
        add_alias_to(conn, id, alias)?;
    }
    Ok(id)
}

/// Adds `alias` to an actor; an alias the actor already has (after normalisation) is
/// left as it is. Returns whether a new alias was written.
pub(crate) fn add_alias_to(conn: &Connection, actor_id: i32, alias: &str) -> Result<bool> {
    let alias = text::to_stored_form(alias.trim());
    let normalized = text::normalize_name(&alias);
    if normalized.is_empty() {
        return Err(Error::Invalid("an alias cannot be empty".into()));
    }
    let written = conn.execute(
        "INSERT INTO actor_aliases (actor_id, alias, normalized, gid) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (actor_id, normalized) DO NOTHING",
        params![actor_id, alias, normalized, super::new_gid()],
    )?;
    Ok(written > 0)
}

pub(crate) fn exists(conn: &Connection, id: i32) -> Result<bool> {
    Ok(conn.query_row("SELECT 1 FROM actors WHERE id = ?1", [id], |_| Ok(())).optional()?.is_some())
}

impl Store {
    /// Every actor with all its aliases, for building the extraction lexicon (one pass
    /// over each table; the lexicon is built once per batch).
    pub fn actor_names(&self) -> Result<Vec<(String, ActorKind, Vec<String>)>> {
        let mut actors: Vec<(i32, String, ActorKind, Vec<String>)> = Vec::new();
        let mut statement = self.conn.prepare("SELECT id, name, kind FROM actors ORDER BY id")?;
        for row in statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, Vec::new())))? {
            actors.push(row?);
        }
        let mut statement = self.conn.prepare("SELECT actor_id, alias FROM actor_aliases ORDER BY actor_id, id")?;
        for row in statement.query_map([], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?)))? {
            let (actor_id, alias) = row?;
            if let Ok(at) = actors.binary_search_by_key(&actor_id, |a| a.0) {
                actors[at].3.push(alias);
            }
        }
        Ok(actors.into_iter().map(|(_, name, kind, aliases)| (name, kind, aliases)).collect())
    }

    /// Every (actor id, alias) of the library, the name among them, by actor.
    pub fn all_aliases(&self) -> Result<Vec<(i32, String)>> {
        let mut statement = self.conn.prepare("SELECT actor_id, alias FROM actor_aliases ORDER BY actor_id, id")?;
        let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn insert_actor(&mut self, new: &NewActor) -> Result<i32> {
        self.write(|tx| insert(tx, new))
    }

    /// Inserts many actors in one transaction (all or none).
    pub(crate) fn insert_actors(&mut self, new: &[NewActor]) -> Result<Vec<i32>> {
        self.write(|tx| new.iter().map(|a| insert(tx, a)).collect())
    }

    pub(crate) fn add_alias(&mut self, actor_id: i32, alias: &str) -> Result<bool> {
        self.write(|tx| {
            if !exists(tx, actor_id)? {
                return Err(Error::NotFound { entity: "actor", id: actor_id });
            }
            let added = add_alias_to(tx, actor_id, alias)?;
            tx.execute("UPDATE actors SET updated_at = ?2 WHERE id = ?1", params![actor_id, now()])?;
            Ok(added)
        })
    }

    /// Removes an alias; an actor's current name cannot be removed from its aliases.
    pub(crate) fn remove_alias(&mut self, actor_id: i32, alias: &str) -> Result<()> {
        let normalized = text::normalize_name(alias);
        self.write(|tx| {
            let name: String = found(
                tx.query_row("SELECT name FROM actors WHERE id = ?1", [actor_id], |r| r.get(0)),
                "actor",
                actor_id,
            )?;
            if text::normalize_name(&name) == normalized {
                return Err(Error::Invalid(format!("'{alias}' is the actor's name; rename the actor first")));
            }
            match tx.execute(
                "DELETE FROM actor_aliases WHERE actor_id = ?1 AND normalized = ?2",
                params![actor_id, normalized],
            )? {
                0 => Err(Error::Invalid(format!("the actor has no alias '{alias}'"))),
                _ => Ok(()),
            }
        })
    }

    pub(crate) fn rename_actor(&mut self, actor_id: i32, name: &str) -> Result<()> {
        let name = text::to_stored_form(name.trim());
        if name.is_empty() {
            return Err(Error::Invalid("an actor needs a name".into()));
        }
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE actors SET name = ?2, updated_at = ?3 WHERE id = ?1",
                params![actor_id, name, now()],
            )?;
            if changed == 0 {
                return Err(Error::NotFound { entity: "actor", id: actor_id });
            }
            add_alias_to(tx, actor_id, &name)?;
            Ok(())
        })
    }

    pub fn actor(&self, id: i32) -> Result<Actor> {
        let (name, kind, description, created_at, updated_at, gid) = found(
            self.conn.query_row(
                "SELECT name, kind, description, created_at, updated_at, gid FROM actors WHERE id = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get::<_, String>(5)?)),
            ),
            "actor",
            id,
        )?;
        let mut statement = self.conn.prepare("SELECT alias FROM actor_aliases WHERE actor_id = ?1 ORDER BY id")?;
        let aliases = statement.query_map([id], |row| row.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        let authors = super::sync::authorship(&self.conn, &gid)?;
        Ok(Actor { id, name, kind, description, aliases, created_at, updated_at, authors })
    }

    /// Actors whose name or alias normalises to the same key as `name`.
    pub fn find_actors_by_name(&self, name: &str) -> Result<Vec<i32>> {
        let mut statement =
            self.conn.prepare("SELECT DISTINCT actor_id FROM actor_aliases WHERE normalized = ?1 ORDER BY actor_id")?;
        let ids = statement
            .query_map([text::normalize_name(name)], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<i32>>>()?;
        Ok(ids)
    }

    pub fn list_actors(&self, kind: Option<ActorKind>, page: PageRequest) -> Result<Page<ActorSummary>> {
        self.find_actors(&ActorListing { kind, ..ActorListing::default() }, page)
    }

    /// The Actors list: of a kind, whose names hold some words, in an order.
    pub fn find_actors(&self, listing: &ActorListing, page: PageRequest) -> Result<Page<ActorSummary>> {
        let page = page.clamped();
        let words = listing.words.as_deref().and_then(super::search::fts_query);
        let order = match listing.sort {
            ActorSort::Name => "a.name COLLATE NOCASE, a.id",
            ActorSort::Claims => "5 DESC, a.name COLLATE NOCASE, a.id",
            ActorSort::Mentions => "6 DESC, a.name COLLATE NOCASE, a.id",
            ActorSort::Added => "a.id DESC",
        };
        const WHERE: &str = "(?1 IS NULL OR a.kind = ?1)
               AND (?2 IS NULL OR a.id IN (SELECT rowid FROM actors_fts WHERE actors_fts MATCH ?2))";
        let mut statement = self.conn.prepare(&format!(
            "SELECT a.id, a.name, a.kind,
                    (SELECT count(*) FROM actor_aliases x WHERE x.actor_id = a.id),
                    (SELECT count(*) FROM claims c WHERE c.subject_id = a.id OR c.object_id = a.id),
                    (SELECT count(*) FROM mentions m WHERE m.actor_id = a.id)
               FROM actors a
              WHERE {WHERE}
              ORDER BY {order}
              LIMIT ?3 OFFSET ?4"
        ))?;
        let kind = listing.kind;
        let items = statement
            .query_map(params![kind, words, page.limit, page.offset], |row| {
                Ok(ActorSummary {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    kind: row.get(2)?,
                    alias_count: row.get(3)?,
                    claim_count: row.get(4)?,
                    mention_count: row.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total = self.conn.query_row(
            &format!("SELECT count(*) FROM actors a WHERE {WHERE}"),
            params![kind, words],
            |row| row.get(0),
        )?;
        Ok(Page { items, total, offset: page.offset })
    }

    pub(crate) fn set_actor_kind(&mut self, actor_id: i32, kind: ActorKind) -> Result<()> {
        self.write(|tx| {
            match tx
                .execute("UPDATE actors SET kind = ?2, updated_at = ?3 WHERE id = ?1", params![actor_id, kind, now()])?
            {
                0 => Err(Error::NotFound { entity: "actor", id: actor_id }),
                _ => Ok(()),
            }
        })
    }

    pub(crate) fn set_actor_description(&mut self, actor_id: i32, description: &str) -> Result<()> {
        let description = text::to_stored_form(description.trim());
        self.write(|tx| {
            match tx.execute(
                "UPDATE actors SET description = ?2, updated_at = ?3 WHERE id = ?1",
                params![actor_id, description, now()],
            )? {
                0 => Err(Error::NotFound { entity: "actor", id: actor_id }),
                _ => Ok(()),
            }
        })
    }

    /// The actor's relations, one line per (relation, direction, other actor), with the
    /// number of claims, of distinct sources citing them and of independent ones (copies
    /// of one story counting once); rejected claims left out.
    /// An actor's relations grouped by relation, direction and other actor. A mutual
    /// relation ("ally of") has no direction: both ways are one group, as outgoing.
    pub fn actor_relations(&self, actor_id: i32) -> Result<Vec<RelationSummary>> {
        let mutual: Vec<&str> = Relation::ALL.iter().filter(|r| r.is_mutual()).map(|r| r.as_str()).collect();
        let mutual = serde_json::to_string(&mutual).map_err(|e| Error::Invalid(e.to_string()))?;
        let mut statement = self.conn.prepare(
            "SELECT c.relation, c.subject_id = ?1 OR c.relation IN (SELECT value FROM json_each(?2)) AS outgoing,
                    o.id, o.name, count(DISTINCT c.id), count(DISTINCT x.source_id),
                    count(DISTINCT coalesce(g.group_id, x.source_id)) AS independent
               FROM claims c
               JOIN actors o ON o.id = CASE WHEN c.subject_id = ?1 THEN c.object_id ELSE c.subject_id END
               LEFT JOIN citations x ON x.claim_id = c.id
               LEFT JOIN copy_groups g ON g.source_id = x.source_id
              WHERE (c.subject_id = ?1 OR c.object_id = ?1) AND c.status <> 'rejected'
              GROUP BY c.relation, outgoing, o.id
              ORDER BY c.relation, independent DESC, count(DISTINCT x.source_id) DESC, o.name COLLATE NOCASE",
        )?;
        let rows = statement
            .query_map(params![actor_id, mutual], |r| {
                Ok(RelationSummary {
                    relation: r.get(0)?,
                    outgoing: r.get(1)?,
                    other: ActorRef { id: r.get(2)?, name: r.get(3)? },
                    claims: r.get(4)?,
                    sources: r.get(5)?,
                    independent: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Deletes an actor. Refused while claims or citations name it: those are evidence,
    /// and must be merged into another actor or deleted first.
    pub(crate) fn delete_actor(&mut self, id: i32) -> Result<()> {
        self.write(|tx| {
            let uses: i32 = tx.query_row(
                "SELECT (SELECT count(*) FROM claims WHERE subject_id = ?1 OR object_id = ?1 OR attributed_to_id = ?1)
                      + (SELECT count(*) FROM citations WHERE speaker_id = ?1)",
                [id],
                |row| row.get(0),
            )?;
            if uses > 0 {
                return Err(Error::Invalid(format!(
                    "actor {id} is named by {uses} claim(s) or citation(s); merge it into another actor or delete those first"
                )));
            }
            match tx.execute("DELETE FROM actors WHERE id = ?1", [id])? {
                0 => Err(Error::NotFound { entity: "actor", id }),
                _ => Ok(()),
            }
        })
    }
}
