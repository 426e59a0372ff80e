//! The `suggestions` table: what extraction proposed for each source, waiting for the
//! analyst. Re-analysing a source replaces its pending suggestions and leaves accepted
//! and rejected ones alone; a fingerprint already decided is never proposed again.

use super::{found, now, Store};
use crate::model::{
    actor_fingerprint, ActorKind, NewActor, NewCitation, NewClaim, NewMention, NewSuggestion, Origin, Page,
    PageRequest, ReviewStatus, Suggestion, SuggestionEdit, SuggestionKind, SuggestionPayload,
};
use crate::{text, Error, Result};
use rusqlite::{params, Connection, OptionalExtension};

/// What accepting a suggestion wrote (kept with the suggestion, so that the acceptance
/// can be undone exactly).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct Accepted {
    /// Actors created (an actor that already existed is reused, not counted).
    pub actors_created: i32,
    pub mentions: i32,
    pub claim_id: Option<i32>,
    pub citation_id: Option<i32>,
    #[serde(default)]
    pub actor_ids: Vec<i32>,
    #[serde(default)]
    pub mention_ids: Vec<i32>,
    /// Aliases added to existing actors, as (actor id, alias).
    #[serde(default)]
    pub aliases: Vec<(i32, String)>,
    /// Actor suggestions of the same source accepted along with a claim or quotation
    /// naming them (their actors then have their mentions), in the order accepted.
    #[serde(default)]
    pub settled: Vec<i32>,
}

struct Row {
    source_id: i32,
    status: ReviewStatus,
    payload: SuggestionPayload,
}

/// Reads a stored payload of `kind`; a row that does not read is an error naming it.
fn payload_of(id: i32, kind: SuggestionKind, json: &str) -> Result<SuggestionPayload> {
    SuggestionPayload::from_stored(kind, json)
        .map_err(|e| Error::Invalid(format!("suggestion {id} is unreadable: {e}")))
}

fn row(conn: &Connection, id: i32) -> Result<Row> {
    let found = conn
        .query_row("SELECT source_id, kind, status, payload FROM suggestions WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?))
        })
        .optional()?;
    let (source_id, kind, status, payload) = found.ok_or(Error::NotFound { entity: "suggestion", id })?;
    Ok(Row { source_id, status, payload: payload_of(id, kind, &payload)? })
}

/// A name as the analyst means it: blank is none.
fn present(value: &str) -> Option<&str> {
    Some(value).filter(|s| !s.trim().is_empty())
}

fn named(value: &Option<String>) -> Option<&str> {
    value.as_deref().and_then(present)
}

/// The actor named `name`, created (with the kind extraction gave it in this source,
/// else `fallback`) when the library has none. Returns its id and whether it is new.
fn actor_named(conn: &Connection, name: &str) -> Result<Option<i32>> {
    Ok(conn
        .query_row(
            "SELECT actor_id FROM actor_aliases WHERE normalized = ?1 ORDER BY actor_id LIMIT 1",
            [text::normalize_name(name)],
            |r| r.get(0),
        )
        .optional()?)
}

/// The actor `name` stands for in source `source_id`: the one with that name or alias;
/// else, when this source's suggestion for `name` also knows it by an acronym that an
/// actor already has ("AMIA" for "Argentine-Israeli Mutual Association", accepted from
/// another source), that actor, which gains `name` as an alias (noted in `done`, so that
/// undo takes it back); else a new actor. Returns it and whether it was created.
fn actor_for(
    conn: &Connection,
    source_id: i32,
    name: &str,
    fallback: ActorKind,
    done: &mut Accepted,
) -> Result<(i32, bool)> {
    if let Some(id) = actor_named(conn, name)? {
        return Ok((id, false));
    }
    let suggested = conn
        .query_row(
            "SELECT id, payload FROM suggestions WHERE source_id = ?1 AND fingerprint = ?2 AND kind = 'actor'",
            params![source_id, actor_fingerprint(name)],
            |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?)),
        )
        .optional()?
        .map(|(id, json)| payload_of(id, SuggestionKind::Actor, &json))
        .transpose()?
        .and_then(|p| match p {
            SuggestionPayload::Actor(actor) => Some(actor),
            _ => None,
        });
    let acronyms = suggested.iter().flat_map(|a| &a.surfaces).filter(|s| text::is_acronym_of(s, name));
    for acronym in acronyms {
        if let Some(id) = actor_named(conn, acronym)? {
            if super::actors::add_alias_to(conn, id, name)? {
                done.aliases.push((id, name.to_string()));
            }
            return Ok((id, false));
        }
    }
    let kind = suggested.map_or(fallback, |a| a.kind);
    let id = super::actors::insert(
        conn,
        &NewActor { name: name.to_string(), kind, description: String::new(), aliases: Vec::new() },
    )?;
    Ok((id, true))
}

/// Accepts the source's pending suggestion of the actor `name`, if there is one, so that
/// an actor a claim or quotation names arrives with its mentions and aliases rather than
/// bare, its suggestion still waiting.
fn settle_actor(conn: &Connection, source_id: i32, name: &str, done: &mut Accepted) -> Result<()> {
    let pending: Option<i32> = conn
        .query_row(
            "SELECT id FROM suggestions WHERE source_id = ?1 AND fingerprint = ?2 AND status = 'suggested'",
            params![source_id, actor_fingerprint(name)],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = pending {
        let nested = accept(conn, id)?;
        done.settled.push(id);
        done.settled.extend(nested.settled);
    }
    Ok(())
}

/// Writes what a suggestion stands for into the library.
fn accept(conn: &Connection, id: i32) -> Result<Accepted> {
    let r = row(conn, id)?;
    if r.status == ReviewStatus::Accepted {
        return Ok(Accepted::default());
    }
    let mut done = Accepted::default();
    let invalid = |what: &str| Error::Invalid(format!("suggestion {id} lacks {what}"));
    match &r.payload {
        SuggestionPayload::Actor(suggested) => {
            let name = present(&suggested.name).ok_or_else(|| invalid("a name"))?;
            let kind = suggested.kind;
            let (actor_id, created) = actor_for(conn, r.source_id, name, kind, &mut done)?;
            done.note_actor(actor_id, created);
            for surface in &suggested.surfaces {
                if super::actors::add_alias_to(conn, actor_id, surface)? && !created {
                    done.aliases.push((actor_id, surface.to_string()));
                }
            }
            let source_text: Vec<char> = super::sources::text_of(conn, r.source_id)?.chars().collect();
            for mention in &suggested.mentions {
                let (start, end) = (mention.start, mention.end);
                let Some(surface) = source_text.get(start.max(0) as usize..end.max(0) as usize) else { continue };
                let surface: String = surface.iter().collect();
                let mention = super::mentions::insert(
                    conn,
                    &NewMention::accepted(r.source_id, actor_id, kind, (start, end), surface),
                )?;
                done.mentions += 1;
                done.mention_ids.push(mention);
            }
        }
        SuggestionPayload::Claim(claim) => {
            let subject = present(&claim.subject).ok_or_else(|| invalid("a subject"))?;
            let object = present(&claim.object).ok_or_else(|| invalid("an object"))?;
            let attributed_to = named(&claim.attributed_to);
            for name in [Some(subject), Some(object), attributed_to].into_iter().flatten() {
                settle_actor(conn, r.source_id, name, &mut done)?;
            }
            let (subject_id, a) = actor_for(conn, r.source_id, subject, ActorKind::Other, &mut done)?;
            done.note_actor(subject_id, a);
            let (object_id, b) = actor_for(conn, r.source_id, object, ActorKind::Other, &mut done)?;
            done.note_actor(object_id, b);
            let attributed_to_id = match attributed_to {
                Some(name) => {
                    let (id, created) = actor_for(conn, r.source_id, name, ActorKind::Person, &mut done)?;
                    done.note_actor(id, created);
                    Some(id)
                }
                None => None,
            };
            let claim_id = super::claims::insert(
                conn,
                &NewClaim {
                    subject_id,
                    relation: claim.relation,
                    relation_text: None,
                    object_id: Some(object_id),
                    object_text: None,
                    statement: String::new(),
                    date: named(&claim.date).map(str::to_string),
                    attributed_to_id,
                    certainty: claim.certainty,
                    status: ReviewStatus::Accepted,
                    origin: Origin::Extracted,
                },
            )?;
            done.claim_id = Some(claim_id);
            done.citation_id = Some(super::citations::insert(
                conn,
                &NewCitation {
                    claim_id: Some(claim_id),
                    source_id: r.source_id,
                    start: claim.citation.start,
                    end: claim.citation.end,
                    speaker_id: attributed_to_id,
                    note: String::new(),
                },
            )?);
        }
        SuggestionPayload::Quote(quote) => {
            // A quotation becomes a highlight of the source, spoken by its speaker.
            let speaker_id = match named(&quote.speaker) {
                Some(name) => {
                    settle_actor(conn, r.source_id, name, &mut done)?;
                    let (id, created) = actor_for(conn, r.source_id, name, ActorKind::Person, &mut done)?;
                    done.note_actor(id, created);
                    Some(id)
                }
                None => None,
            };
            done.citation_id = Some(super::citations::insert(
                conn,
                &NewCitation {
                    claim_id: None,
                    source_id: r.source_id,
                    start: quote.start,
                    end: quote.end,
                    speaker_id,
                    note: String::new(),
                },
            )?);
        }
        SuggestionPayload::Date(_) => {}
    }
    let record =
        serde_json::to_string(&done).map_err(|e| Error::Invalid(format!("cannot record the acceptance: {e}")))?;
    conn.execute("UPDATE suggestions SET status = 'accepted', accepted = ?2 WHERE id = ?1", params![id, record])?;
    Ok(done)
}

impl Accepted {
    fn note_actor(&mut self, id: i32, created: bool) {
        if created && !self.actor_ids.contains(&id) {
            self.actors_created += 1;
            self.actor_ids.push(id);
        }
    }
}

/// Puts a decided suggestion back in the queue. An acceptance is undone by removing what
/// it wrote: its citation, claim and mentions, the aliases it added, and the actors it
/// created unless something else names them now.
fn reopen(conn: &Connection, id: i32) -> Result<()> {
    let r = row(conn, id)?;
    if r.status == ReviewStatus::Accepted {
        let record: Option<String> =
            conn.query_row("SELECT accepted FROM suggestions WHERE id = ?1", [id], |r| r.get(0))?;
        let Some(record) = record else {
            return Err(Error::Invalid(format!(
                "suggestion {id} was accepted before Dossier kept what acceptance wrote; remove those records by hand"
            )));
        };
        let done: Accepted = serde_json::from_str(&record)
            .map_err(|e| Error::Invalid(format!("suggestion {id}: the record of its acceptance is unreadable: {e}")))?;
        if let Some(citation) = done.citation_id {
            conn.execute("DELETE FROM citations WHERE id = ?1", [citation])?;
        }
        if let Some(claim) = done.claim_id {
            super::hypotheses::refuse_if_weighed(conn, claim)?;
            conn.execute("DELETE FROM claims WHERE id = ?1", [claim])?;
        }
        for mention in &done.mention_ids {
            conn.execute("DELETE FROM mentions WHERE id = ?1", [mention])?;
        }
        for (actor, alias) in &done.aliases {
            let name: Option<String> =
                conn.query_row("SELECT name FROM actors WHERE id = ?1", [actor], |r| r.get(0)).optional()?;
            let normalized = text::normalize_name(alias);
            if name.is_some_and(|n| text::normalize_name(&n) != normalized) {
                conn.execute(
                    "DELETE FROM actor_aliases WHERE actor_id = ?1 AND normalized = ?2",
                    params![actor, normalized],
                )?;
            }
        }
        for actor in &done.actor_ids {
            let uses: i32 = conn.query_row(
                "SELECT (SELECT count(*) FROM claims WHERE subject_id = ?1 OR object_id = ?1 OR attributed_to_id = ?1)
                      + (SELECT count(*) FROM citations WHERE speaker_id = ?1)
                      + (SELECT count(*) FROM mentions WHERE actor_id = ?1)",
                [actor],
                |r| r.get(0),
            )?;
            if uses == 0 {
                conn.execute("DELETE FROM actors WHERE id = ?1", [actor])?;
            }
        }
    }
    conn.execute("UPDATE suggestions SET status = 'suggested', accepted = NULL WHERE id = ?1", [id])?;
    Ok(())
}

/// Applies the analyst's changes to a pending suggestion's payload.
fn edit(conn: &Connection, id: i32, changes: &SuggestionEdit) -> Result<Suggestion> {
    let mut r = row(conn, id)?;
    if r.status != ReviewStatus::Suggested {
        return Err(Error::Invalid(format!("suggestion {id} has already been {}", r.status.as_str())));
    }
    let kind = r.payload.kind();
    let given: [(&str, bool, SuggestionKind); 9] = [
        ("name", changes.name.is_some(), SuggestionKind::Actor),
        ("kind", changes.kind.is_some(), SuggestionKind::Actor),
        ("speaker", changes.speaker.is_some(), SuggestionKind::Quote),
        ("subject", changes.subject.is_some(), SuggestionKind::Claim),
        ("relation", changes.relation.is_some(), SuggestionKind::Claim),
        ("object", changes.object.is_some(), SuggestionKind::Claim),
        ("date", changes.date.is_some(), SuggestionKind::Claim),
        ("attributed_to", changes.attributed_to.is_some(), SuggestionKind::Claim),
        ("certainty", changes.certainty.is_some(), SuggestionKind::Claim),
    ];
    // Fields are checked kind by kind, as the form groups them: actor, quotation, claim.
    for group in [SuggestionKind::Actor, SuggestionKind::Quote, SuggestionKind::Claim] {
        if group == kind {
            continue;
        }
        if let Some((name, _, _)) = given.iter().find(|(_, set, of)| *set && *of == group) {
            return Err(Error::Invalid(format!("a {} suggestion has no {name}", kind.as_str())));
        }
    }
    if let Some(date) = changes.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        if !crate::edtf::is_valid(date) {
            return Err(Error::Invalid(format!("'{date}' is not an EDTF date (e.g. 2023, 2023-06, 2023-06-14, 199X)")));
        }
    }
    // A required text: trimmed, in stored form, never blank.
    let required = |name: &str, value: &Option<String>, into: &mut String| -> Result<()> {
        let Some(value) = value else { return Ok(()) };
        let value = text::to_stored_form(value.trim());
        if value.is_empty() {
            return Err(Error::Invalid(format!("a suggestion's {name} cannot be empty")));
        }
        *into = value;
        Ok(())
    };
    // An optional text: blank clears it.
    let optional = |value: &Option<String>, into: &mut Option<String>| {
        if let Some(value) = value {
            let value = text::to_stored_form(value.trim());
            *into = (!value.is_empty()).then_some(value);
        }
    };
    match &mut r.payload {
        SuggestionPayload::Actor(actor) => {
            required("name", &changes.name, &mut actor.name)?;
            if let Some(k) = changes.kind {
                actor.kind = k;
            }
        }
        SuggestionPayload::Quote(quote) => optional(&changes.speaker, &mut quote.speaker),
        SuggestionPayload::Claim(claim) => {
            required("subject", &changes.subject, &mut claim.subject)?;
            required("object", &changes.object, &mut claim.object)?;
            if let Some(relation) = changes.relation {
                claim.relation = relation;
            }
            optional(&changes.date, &mut claim.date);
            optional(&changes.attributed_to, &mut claim.attributed_to);
            if let Some(certainty) = changes.certainty {
                claim.certainty = certainty;
            }
        }
        SuggestionPayload::Date(_) => {}
    }
    conn.execute(
        "UPDATE suggestions SET payload = ?2, label = ?3, edited_at = ?4 WHERE id = ?1",
        params![id, r.payload.to_stored(), r.payload.label(), now()],
    )?;
    get(conn, id)
}

fn get(conn: &Connection, id: i32) -> Result<Suggestion> {
    found(
        conn.query_row(&format!("SELECT {SUGGESTION_COLUMNS} WHERE g.id = ?1"), [id], suggestion_of_row),
        "suggestion",
        id,
    )?
    .read()
}

/// A suggestion with its source's title and its passage with 80 code points of context
/// on each side (SQLite's substr counts code points, as offsets do).
const SUGGESTION_COLUMNS: &str = "g.id, g.source_id, g.kind, g.label, g.span_start, g.span_end, g.status, g.payload,
     s.title,
     substr(s.text, max(1, g.span_start + 1 - 80), min(g.span_start, 80)),
     substr(s.text, g.span_start + 1, g.span_end - g.span_start),
     substr(s.text, g.span_end + 1, 80)
     FROM suggestions g JOIN sources s ON s.id = g.source_id";

/// A suggestion as read from its row, its payload still the stored JSON.
struct Unread {
    json: String,
    suggestion: Suggestion,
}

impl Unread {
    fn read(mut self) -> Result<Suggestion> {
        self.suggestion.payload = payload_of(self.suggestion.id, self.suggestion.kind, &self.json)?;
        Ok(self.suggestion)
    }
}

fn suggestion_of_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Unread> {
    let (id, kind): (i32, SuggestionKind) = (row.get(0)?, row.get(2)?);
    // A placeholder until `Unread::read` puts the record there (or refuses the row).
    let payload = SuggestionPayload::Date(crate::model::SuggestedDate {
        text: String::new(),
        edtf: String::new(),
        start: 0,
        end: 0,
    });
    Ok(Unread {
        json: row.get(7)?,
        suggestion: Suggestion {
            id,
            source_id: row.get(1)?,
            kind,
            label: row.get(3)?,
            span_start: row.get(4)?,
            span_end: row.get(5)?,
            status: row.get(6)?,
            payload,
            source_title: row.get(8)?,
            prefix: row.get(9)?,
            exact: row.get(10)?,
            suffix: row.get(11)?,
        },
    })
}

/// Replaces the pending suggestions of `source_id` with `suggestions`. A pending
/// suggestion proposed again keeps its id (the review queue may be showing it); decided
/// and edited ones are left as they are; pending ones not proposed again go.
pub(crate) fn replace_for_source(conn: &Connection, source_id: i32, suggestions: &[NewSuggestion]) -> Result<()> {
    let mut upsert = conn.prepare_cached(
        "INSERT INTO suggestions (source_id, kind, fingerprint, label, span_start, span_end, payload, created_at, gid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (source_id, fingerprint) DO UPDATE
            SET label = excluded.label, span_start = excluded.span_start, span_end = excluded.span_end,
                payload = excluded.payload
          WHERE status = 'suggested' AND edited_at IS NULL",
    )?;
    let stamp = now();
    for s in suggestions {
        let span = s.payload.span();
        upsert.execute(params![
            source_id,
            s.payload.kind(),
            s.fingerprint,
            s.payload.label(),
            span.start,
            span.end,
            s.payload.to_stored(),
            stamp,
            super::new_gid()
        ])?;
    }
    let proposed: std::collections::HashSet<&str> = suggestions.iter().map(|s| s.fingerprint.as_str()).collect();
    let stale: Vec<i32> = conn
        .prepare_cached(
            "SELECT id, fingerprint FROM suggestions WHERE source_id = ?1 AND status = 'suggested' AND edited_at IS NULL",
        )?
        .query_map([source_id], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?)))?
        .filter_map(|row| match row {
            Ok((id, fingerprint)) if !proposed.contains(fingerprint.as_str()) => Some(Ok(id)),
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        })
        .collect::<rusqlite::Result<_>>()?;
    let mut delete = conn.prepare_cached("DELETE FROM suggestions WHERE id = ?1")?;
    for id in stale {
        delete.execute([id])?;
    }
    Ok(())
}

impl Store {
    /// Inserts a source and what extraction suggested from it, in one transaction: after
    /// a crash both are there or neither is.
    pub(crate) fn insert_source_with_suggestions(
        &mut self,
        new: &crate::model::NewSource,
        suggestions: &[NewSuggestion],
    ) -> Result<super::Inserted> {
        self.write(|tx| {
            let inserted = super::sources::insert(tx, new)?;
            if let super::Inserted::New(id) = inserted {
                replace_for_source(tx, id, suggestions)?;
            }
            Ok(inserted)
        })
    }

    /// Replaces a source's pending suggestions (after a re-analysis), in one transaction.
    pub(crate) fn replace_suggestions(&mut self, source_id: i32, suggestions: &[NewSuggestion]) -> Result<()> {
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
            "SELECT {SUGGESTION_COLUMNS}
              WHERE (?1 IS NULL OR g.source_id = ?1) AND (?2 IS NULL OR g.kind = ?2) AND (?3 IS NULL OR g.status = ?3)
              ORDER BY g.source_id, g.span_start, g.id LIMIT ?4 OFFSET ?5"
        ))?;
        let items = statement
            .query_map(params![source_id, kind, status, page.limit, page.offset], suggestion_of_row)?
            .map(|row| row.map_err(Error::from).and_then(Unread::read))
            .collect::<Result<Vec<_>>>()?;
        let total = self.conn.query_row(
            &format!("SELECT count(*) FROM suggestions WHERE {filter}"),
            params![source_id, kind, status],
            |row| row.get(0),
        )?;
        Ok(Page { items, total, offset: page.offset })
    }

    /// Accepts a suggestion: an actor is created (or the existing one of that name
    /// reused) with its mentions; a claim gets its actors, the claim and its citation; a
    /// quotation becomes a citation with its speaker. All in one transaction.
    pub(crate) fn accept_suggestion(&mut self, id: i32) -> Result<Accepted> {
        self.write(|tx| accept(tx, id))
    }

    /// Edits a pending suggestion (the analyst corrects a name, a relation, a date…);
    /// an edited suggestion survives re-analysis of its source. Returns it as it is now.
    pub(crate) fn edit_suggestion(&mut self, id: i32, changes: &SuggestionEdit) -> Result<Suggestion> {
        self.write(|tx| edit(tx, id, changes))
    }

    pub fn suggestion(&self, id: i32) -> Result<Suggestion> {
        get(&self.conn, id)
    }

    /// Undoes the decision on a suggestion (Ctrl+Z after accept or reject): what its
    /// acceptance wrote is removed and it is pending again.
    pub(crate) fn reopen_suggestion(&mut self, id: i32) -> Result<()> {
        self.write(|tx| reopen(tx, id))
    }

    /// A suggestion's payload, label and edit time as stored, to put back with
    /// [`Store::restore_suggestion_state`].
    pub fn suggestion_state(&self, id: i32) -> Result<(String, String, Option<String>)> {
        found(
            self.conn.query_row("SELECT payload, label, edited_at FROM suggestions WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            }),
            "suggestion",
            id,
        )
    }

    /// Puts back a pending suggestion's payload, label and edit time (undoing an edit).
    pub(crate) fn restore_suggestion_state(
        &mut self,
        id: i32,
        payload: &str,
        label: &str,
        edited_at: Option<&str>,
    ) -> Result<()> {
        self.write(|tx| {
            if row(tx, id)?.status != ReviewStatus::Suggested {
                return Err(Error::Invalid(format!("suggestion {id} has been decided since it was edited")));
            }
            tx.execute(
                "UPDATE suggestions SET payload = ?2, label = ?3, edited_at = ?4 WHERE id = ?1",
                params![id, payload, label, edited_at],
            )?;
            Ok(())
        })
    }

    /// Marks a suggestion accepted or rejected without writing anything else.
    pub(crate) fn set_suggestion_status(&mut self, id: i32, status: ReviewStatus) -> Result<()> {
        self.write(|tx| {
            let changed = tx.execute("UPDATE suggestions SET status = ?2 WHERE id = ?1", params![id, status])?;
            if changed == 0 {
                return Err(Error::NotFound { entity: "suggestion", id });
            }
            Ok(())
        })
    }
}
