//! The `actor_merges` table, and the two operations that reshape actors: merging one
//! actor into another (undoably) and splitting an alias off into an actor of its own.
//!
//! A merge deletes the merged actor and points every row that named it at the kept
//! actor; the journal row records the merged actor as it was and the ids of exactly
//! the rows that moved, so undoing restores the actor and moves those rows back (rows
//! added or edited since are left where they are).

use super::{found, last_id, now, Store};
use crate::model::{ActorKind, ActorMerge, MergeOutcome, MergePreview, SplitOutcome};
use crate::{text, Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// The columns that may name an actor, as `(table, column)`.
const ACTOR_COLUMNS: &[(&str, &str)] = &[
    ("mentions", "actor_id"),
    ("claims", "subject_id"),
    ("claims", "object_id"),
    ("claims", "attributed_to_id"),
    ("citations", "speaker_id"),
    // Older merges into the merged actor now belong to the kept one.
    ("actor_merges", "kept_id"),
];

#[derive(Serialize, Deserialize)]
struct MergedActor {
    id: i32,
    /// Its global id (merges from schema 8 on), which an undo gives it back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gid: Option<String>,
    name: String,
    kind: ActorKind,
    description: String,
    created_at: String,
    updated_at: String,
    /// (alias, normalized)
    aliases: Vec<(String, String)>,
    /// (note_id, label)
    note_links: Vec<(i32, String)>,
}

#[derive(Serialize, Deserialize, Default)]
struct Moved {
    /// (table, column, row ids)
    rows: Vec<(String, String, Vec<i64>)>,
    /// Normalised aliases the kept actor did not have before.
    aliases_added: Vec<String>,
    /// Notes that now link to the kept actor and did not before.
    note_links_added: Vec<i32>,
}

fn ids_where(conn: &Connection, table: &str, column: &str, actor_id: i32) -> Result<Vec<i64>> {
    let mut statement = conn.prepare(&format!("SELECT rowid FROM {table} WHERE {column} = ?1 ORDER BY rowid"))?;
    let ids = statement.query_map([actor_id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

fn point_rows(conn: &Connection, table: &str, column: &str, ids: &[i64], from: i32, to: i32) -> Result<()> {
    let mut statement =
        conn.prepare_cached(&format!("UPDATE {table} SET {column} = ?3 WHERE rowid = ?1 AND {column} = ?2"))?;
    for id in ids {
        statement.execute(params![id, from, to])?;
    }
    Ok(())
}

fn merge(conn: &Connection, kept_id: i32, merged_id: i32) -> Result<MergeOutcome> {
    if kept_id == merged_id {
        return Err(Error::Invalid("an actor cannot be merged into itself".into()));
    }
    if !super::actors::exists(conn, kept_id)? {
        return Err(Error::NotFound { entity: "actor", id: kept_id });
    }
    let (name, kind, description, created_at, updated_at, gid): (_, _, _, _, _, String) = found(
        conn.query_row(
            "SELECT name, kind, description, created_at, updated_at, gid FROM actors WHERE id = ?1",
            [merged_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        ),
        "actor",
        merged_id,
    )?;
    let aliases = conn
        .prepare("SELECT alias, normalized FROM actor_aliases WHERE actor_id = ?1 ORDER BY id")?
        .query_map([merged_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
    let note_links = conn
        .prepare(
            "SELECT note_id, label FROM note_links WHERE target_kind = 'actor' AND target_id = ?1 ORDER BY note_id",
        )?
        .query_map([merged_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(i32, String)>>>()?;

    let mut moved = Moved::default();
    let mut outcome = MergeOutcome { kept_id, ..MergeOutcome::default() };
    for (table, column) in ACTOR_COLUMNS {
        let ids = ids_where(conn, table, column, merged_id)?;
        point_rows(conn, table, column, &ids, merged_id, kept_id)?;
        let count = ids.len() as i32;
        match *table {
            "mentions" => outcome.mentions += count,
            "claims" => outcome.claims += count,
            "citations" => outcome.citations += count,
            _ => {}
        }
        moved.rows.push((table.to_string(), column.to_string(), ids));
    }
    for (alias, normalized) in &aliases {
        if super::actors::add_alias_to(conn, kept_id, alias)? {
            moved.aliases_added.push(normalized.clone());
        }
    }
    outcome.aliases_added = moved.aliases_added.len() as i32;
    for (note_id, label) in &note_links {
        let added = conn.execute(
            "INSERT INTO note_links (note_id, target_kind, target_id, label) VALUES (?1, 'actor', ?2, ?3)
             ON CONFLICT DO NOTHING",
            params![note_id, kept_id, label],
        )?;
        if added > 0 {
            moved.note_links_added.push(*note_id);
        }
    }
    conn.execute("DELETE FROM note_links WHERE target_kind = 'actor' AND target_id = ?1", [merged_id])?;
    // Mentions were moved above, so nothing is set to NULL by the actor's deletion.
    conn.execute("DELETE FROM actors WHERE id = ?1", [merged_id])?;
    super::sync::note_merge(conn, &gid, kept_id)?;
    conn.execute("UPDATE actors SET updated_at = ?2 WHERE id = ?1", params![kept_id, now()])?;

    let merged = MergedActor {
        id: merged_id,
        gid: Some(gid),
        name,
        kind,
        description,
        created_at,
        updated_at,
        aliases,
        note_links,
    };
    let json = |v: &dyn erased_json::Json| v.json();
    conn.execute(
        "INSERT INTO actor_merges (kept_id, merged_id, merged, moved, merged_at, gid) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![kept_id, merged_id, json(&merged)?, json(&moved)?, now(), super::new_gid()],
    )?;
    outcome.merge_id = last_id(conn)?;
    Ok(outcome)
}

fn undo(conn: &Connection, merge_id: i32) -> Result<i32> {
    let (kept_id, merged, moved, undone): (i32, String, String, Option<String>) = found(
        conn.query_row("SELECT kept_id, merged, moved, undone_at FROM actor_merges WHERE id = ?1", [merge_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        }),
        "merge",
        merge_id,
    )?;
    if undone.is_some() {
        return Err(Error::Invalid(format!("merge {merge_id} has already been undone")));
    }
    let unreadable = |e: serde_json::Error| Error::Invalid(format!("merge {merge_id} is unreadable: {e}"));
    let merged: MergedActor = serde_json::from_str(&merged).map_err(unreadable)?;
    let moved: Moved = serde_json::from_str(&moved).map_err(unreadable)?;

    // The actor comes back under its old id unless another actor has taken it since.
    let id_free = !super::actors::exists(conn, merged.id)?;
    conn.execute(
        "INSERT INTO actors (id, name, kind, description, created_at, updated_at, gid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id_free.then_some(merged.id),
            merged.name,
            merged.kind,
            merged.description,
            merged.created_at,
            now(),
            merged.gid.unwrap_or_else(super::new_gid)
        ],
    )?;
    let restored = last_id(conn)?;
    for (alias, normalized) in &merged.aliases {
        conn.execute(
            "INSERT INTO actor_aliases (actor_id, alias, normalized, gid) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            params![restored, alias, normalized, super::new_gid()],
        )?;
    }
    for (table, column, ids) in &moved.rows {
        // Only names this module wrote; never text from elsewhere in SQL.
        let Some((table, column)) = ACTOR_COLUMNS.iter().find(|(t, c)| t == table && c == column) else {
            return Err(Error::Invalid(format!("merge {merge_id} names an unknown column {table}.{column}")));
        };
        point_rows(conn, table, column, ids, kept_id, restored)?;
    }
    let kept_name: Option<String> =
        conn.query_row("SELECT name FROM actors WHERE id = ?1", [kept_id], |r| r.get(0)).optional()?;
    for normalized in &moved.aliases_added {
        if kept_name.as_deref().map(text::normalize_name).as_deref() != Some(normalized) {
            conn.execute(
                "DELETE FROM actor_aliases WHERE actor_id = ?1 AND normalized = ?2",
                params![kept_id, normalized],
            )?;
        }
    }
    for note_id in &moved.note_links_added {
        conn.execute(
            "DELETE FROM note_links WHERE note_id = ?1 AND target_kind = 'actor' AND target_id = ?2",
            params![note_id, kept_id],
        )?;
    }
    for (note_id, label) in &merged.note_links {
        conn.execute(
            "INSERT INTO note_links (note_id, target_kind, target_id, label) VALUES (?1, 'actor', ?2, ?3)
             ON CONFLICT DO NOTHING",
            params![note_id, restored, label],
        )?;
    }
    conn.execute("UPDATE actor_merges SET undone_at = ?2 WHERE id = ?1", params![merge_id, now()])?;
    Ok(restored)
}

fn split(conn: &Connection, actor_id: i32, alias: &str) -> Result<SplitOutcome> {
    let normalized = text::normalize_name(alias);
    let (name, kind): (String, ActorKind) = found(
        conn.query_row("SELECT name, kind FROM actors WHERE id = ?1", [actor_id], |r| Ok((r.get(0)?, r.get(1)?))),
        "actor",
        actor_id,
    )?;
    if text::normalize_name(&name) == normalized {
        return Err(Error::Invalid(format!("'{alias}' is the actor's name; split off another alias")));
    }
    let written: Option<String> = conn
        .query_row(
            "SELECT alias FROM actor_aliases WHERE actor_id = ?1 AND normalized = ?2",
            params![actor_id, normalized],
            |r| r.get(0),
        )
        .optional()?;
    let Some(written) = written else {
        return Err(Error::Invalid(format!("the actor has no alias '{alias}'")));
    };
    conn.execute("DELETE FROM actor_aliases WHERE actor_id = ?1 AND normalized = ?2", params![actor_id, normalized])?;
    let new_id = super::actors::insert(
        conn,
        &crate::model::NewActor { name: written, kind, description: String::new(), aliases: Vec::new() },
    )?;
    let mut outcome = SplitOutcome { actor_id: new_id, ..SplitOutcome::default() };

    // Mentions written as the alias go with it.
    let mentions: Vec<(i64, String)> = conn
        .prepare("SELECT id, surface FROM mentions WHERE actor_id = ?1")?
        .query_map([actor_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, surface) in mentions {
        if text::normalize_name(&surface) == normalized {
            conn.execute("UPDATE mentions SET actor_id = ?2 WHERE id = ?1", params![id, new_id])?;
            outcome.mentions += 1;
        }
    }
    // A claim goes with the alias when its citations name the actor only by that alias.
    for column in ["subject_id", "object_id", "attributed_to_id"] {
        let claims = ids_where(conn, "claims", column, actor_id)?;
        for claim in claims {
            let (by_alias, by_other): (i32, i32) = conn.query_row(
                "SELECT coalesce(sum(m.actor_id = ?2), 0), coalesce(sum(m.actor_id = ?3), 0)
                   FROM citations c JOIN mentions m
                     ON m.source_id = c.source_id AND m.span_start >= c.span_start AND m.span_end <= c.span_end
                  WHERE c.claim_id = ?1",
                params![claim, new_id, actor_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if by_alias > 0 && by_other == 0 {
                conn.execute(&format!("UPDATE claims SET {column} = ?2 WHERE id = ?1"), params![claim, new_id])?;
                outcome.claims += 1;
            }
        }
    }
    conn.execute("UPDATE actors SET updated_at = ?2 WHERE id = ?1", params![actor_id, now()])?;
    Ok(outcome)
}

mod erased_json {
    pub trait Json {
        fn json(&self) -> crate::Result<String>;
    }

    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> crate::Result<String> {
            serde_json::to_string(self).map_err(|e| crate::Error::Invalid(format!("cannot record the merge: {e}")))
        }
    }
}

impl Store {
    /// Merges actor `merged_id` into `kept_id`: its aliases, mentions, claims, citations
    /// and note links move to the kept actor and it is deleted, in one transaction. The
    /// merge can be undone with [`Store::undo_merge`].
    pub(crate) fn merge_actors(&mut self, kept_id: i32, merged_id: i32) -> Result<MergeOutcome> {
        self.write(|tx| merge(tx, kept_id, merged_id))
    }

    /// Undoes a merge: the merged actor comes back (under its old id when free) with its
    /// aliases and note links, and the rows the merge moved point at it again. Returns
    /// the restored actor's id.
    pub(crate) fn undo_merge(&mut self, merge_id: i32) -> Result<i32> {
        self.write(|tx| undo(tx, merge_id))
    }

    /// Splits `alias` off `actor_id` into a new actor of the same kind, taking the
    /// mentions written that way and the claims whose citations name the actor only so.
    pub(crate) fn split_alias(&mut self, actor_id: i32, alias: &str) -> Result<SplitOutcome> {
        self.write(|tx| split(tx, actor_id, alias))
    }

    /// What merging `merged_id` into `kept_id` would move, without moving anything.
    pub fn merge_preview(&self, kept_id: i32, merged_id: i32) -> Result<MergePreview> {
        if kept_id == merged_id {
            return Err(Error::Invalid("an actor cannot be merged into itself".into()));
        }
        for id in [kept_id, merged_id] {
            if !super::actors::exists(&self.conn, id)? {
                return Err(Error::NotFound { entity: "actor", id });
            }
        }
        let count = |sql: &str| -> Result<i32> { Ok(self.conn.query_row(sql, [merged_id], |r| r.get(0))?) };
        Ok(MergePreview {
            aliases: self.conn.query_row(
                "SELECT count(*) FROM actor_aliases a WHERE a.actor_id = ?1
                    AND NOT EXISTS (SELECT 1 FROM actor_aliases k WHERE k.actor_id = ?2 AND k.normalized = a.normalized)",
                params![merged_id, kept_id],
                |r| r.get(0),
            )?,
            mentions: count("SELECT count(*) FROM mentions WHERE actor_id = ?1")?,
            claims: count("SELECT count(*) FROM claims WHERE subject_id = ?1 OR object_id = ?1 OR attributed_to_id = ?1")?,
            citations: count("SELECT count(*) FROM citations WHERE speaker_id = ?1")?,
            notes: count("SELECT count(*) FROM note_links WHERE target_kind = 'actor' AND target_id = ?1")?,
        })
    }

    /// The merges into `actor_id` (or all, newest first), undone ones included.
    pub fn actor_merges(&self, actor_id: Option<i32>) -> Result<Vec<ActorMerge>> {
        let mut statement = self.conn.prepare(
            "SELECT id, kept_id, merged_id, json_extract(merged, '$.name'), json_extract(merged, '$.kind'),
                    merged_at, undone_at
               FROM actor_merges WHERE ?1 IS NULL OR kept_id = ?1 ORDER BY id DESC",
        )?;
        let merges = statement
            .query_map([actor_id], |r| {
                Ok(ActorMerge {
                    id: r.get(0)?,
                    kept_id: r.get(1)?,
                    merged_id: r.get(2)?,
                    merged_name: r.get(3)?,
                    merged_kind: r.get(4)?,
                    merged_at: r.get(5)?,
                    undone_at: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(merges)
    }
}
