//! The analyst's changes, each recorded with what takes it back, so that Undo works
//! across restarts for the latest [`UNDOABLE_CHANGES`](crate::store::UNDOABLE_CHANGES) changes.
//!
//! The app and the command line make every change a person asks for through this
//! module: it runs the store's operation and appends to the `changes` table in the same
//! transaction a label in words and an [`Undo`] (what takes the change back, as JSON).
//! The store's own methods record nothing: import, re-analysis and the undo operations
//! themselves call them directly.

use crate::model::{
    AchRating, ActorKind, ChangeEntry, Changed, CitedClaim, CitedClaimIds, CopyVerdict, MergeOutcome, NewActor,
    RecordKind, Reliability, ReviewStatus, SourceDetails, SplitOutcome, Suggestion, SuggestionEdit, SuggestionKind,
};
use crate::store::hypotheses::AchPart;
use crate::store::Accepted;
use crate::{link, text, Error, Result, Store};
use serde::{Deserialize, Serialize};

/// What takes one change back. Stored as JSON in old stores too: a variant, once
/// released, is never renamed or removed, and its fields only gain optional ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "undo", rename_all = "snake_case")]
pub enum Undo {
    /// Reopen suggestions that were accepted or rejected (what acceptance wrote goes).
    Reopen {
        suggestions: Vec<i32>,
    },
    /// Put an edited suggestion's payload back as it was.
    RestoreSuggestion {
        id: i32,
        payload: String,
        label: String,
        edited_at: Option<String>,
    },
    RemoveCitedClaim {
        ids: CitedClaimIds,
    },
    DeleteMentions {
        ids: Vec<i32>,
    },
    UndoMerge {
        merge_id: i32,
    },
    /// Merge an actor split off back into the one it came from.
    MergeBack {
        into: i32,
        split_off: i32,
    },
    AddAlias {
        actor_id: i32,
        alias: String,
    },
    RemoveAlias {
        actor_id: i32,
        alias: String,
    },
    /// Rename back; `drop_alias` is the new name when it was not an alias before.
    Rename {
        actor_id: i32,
        name: String,
        drop_alias: Option<String>,
    },
    SetKind {
        actor_id: i32,
        kind: ActorKind,
    },
    SetDescription {
        actor_id: i32,
        description: String,
    },
    DeleteActor {
        actor_id: i32,
    },
    Tag {
        source_id: i32,
        tag: String,
    },
    Untag {
        source_id: i32,
        tag: String,
    },
    DeleteNote {
        id: i32,
    },
    RestoreNote {
        id: i32,
        title: String,
        body: String,
        created_at: Option<String>,
        /// The deleted note's global id (schema 8 on), which it gets back.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        gid: Option<String>,
    },
    /// Put a claim's date back, checked or not as it was.
    SetClaimDate {
        claim_id: i32,
        date: Option<String>,
        checked: bool,
    },
    /// Mark a claim's date as looked at, or not.
    SetDateChecked {
        claim_id: i32,
        checked: bool,
    },
    /// Put a source's details back as they were.
    SetSourceDetails {
        source_id: i32,
        details: SourceDetails,
    },
    /// Put a person's word on two sources back as it was (none: the detector's).
    SetCopyVerdict {
        source_id: i32,
        other_id: i32,
        verdict: Option<CopyVerdict>,
    },
    /// Put a source's own reliability grade back (none: its site's default holds).
    SetReliability {
        source_id: i32,
        reliability: Option<Reliability>,
    },
    /// Put a site's default reliability back.
    SetSiteReliability {
        site: String,
        reliability: Option<Reliability>,
    },
    /// Put a claim's credibility grade back (none: the suggestion holds).
    SetCredibility {
        claim_id: i32,
        credibility: Option<i32>,
    },
    /// Take a new question back (refused once it has hypotheses or evidence).
    DeleteQuestion {
        id: i32,
    },
    RenameQuestion {
        id: i32,
        title: String,
    },
    /// Take a new hypothesis back (refused once it has ratings).
    DeleteHypothesis {
        id: i32,
    },
    EditHypothesis {
        id: i32,
        statement: String,
        notes: String,
    },
    /// Take a claim back out of a question (refused once it has ratings there).
    RemoveEvidence {
        question_id: i32,
        claim_id: i32,
    },
    /// Put back what a deletion took: a question, a hypothesis or an evidence row, with
    /// what hung from it.
    RestoreAch {
        rows: crate::store::hypotheses::AchRows,
    },
    /// Put a cell of a matrix back (none: unrated), and take the claim out of the
    /// question again when the rating brought it there (`brought`).
    Rate {
        hypothesis_id: i32,
        claim_id: i32,
        cell: Option<(AchRating, String)>,
        #[serde(default)]
        brought: bool,
    },
    /// Take back an acceptance that also brought the claim to a question: out of the
    /// question first, then reopened.
    ReopenWeighed {
        suggestions: Vec<i32>,
        question_id: i32,
        claim_id: i32,
    },
}

impl Undo {
    /// The kinds of record the change this takes back touched (and the undo touches).
    pub fn touches(&self) -> &'static [RecordKind] {
        use RecordKind::*;
        match self {
            Undo::Reopen { .. } => &[Suggestions, Actors, Mentions, Claims, Citations],
            Undo::RestoreSuggestion { .. } => &[Suggestions],
            Undo::RemoveCitedClaim { .. } => &[Claims, Citations],
            Undo::DeleteMentions { .. } => &[Mentions],
            Undo::UndoMerge { .. } | Undo::MergeBack { .. } => &[Actors, Mentions, Claims, Citations, Notes],
            Undo::AddAlias { .. }
            | Undo::RemoveAlias { .. }
            | Undo::Rename { .. }
            | Undo::SetKind { .. }
            | Undo::SetDescription { .. }
            | Undo::DeleteActor { .. } => &[Actors],
            Undo::Tag { .. } | Undo::Untag { .. } | Undo::SetSourceDetails { .. } => &[Sources],
            Undo::DeleteNote { .. } | Undo::RestoreNote { .. } => &[Notes],
            Undo::SetClaimDate { .. } | Undo::SetDateChecked { .. } => &[Claims],
            // The counts of independent sources behind claims and edges change with it.
            Undo::SetCopyVerdict { .. } => &[Sources, Claims],
            // A source's grade is its claims' too.
            Undo::SetReliability { .. } | Undo::SetSiteReliability { .. } => &[Sources, Claims],
            Undo::SetCredibility { .. } => &[Claims],
            Undo::DeleteQuestion { .. }
            | Undo::RenameQuestion { .. }
            | Undo::DeleteHypothesis { .. }
            | Undo::EditHypothesis { .. }
            | Undo::RemoveEvidence { .. }
            | Undo::RestoreAch { .. }
            | Undo::Rate { .. } => &[Hypotheses],
            Undo::ReopenWeighed { .. } => &[Suggestions, Actors, Mentions, Claims, Citations, Hypotheses],
        }
    }
}

/// Runs `work` (one of this module's changes) and returns its result with the change it
/// recorded and what that change touched, so that a caller learns both in one call.
pub fn with_change<T>(store: &mut Store, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<Changed<T>> {
    let before = store.list_changes(1)?.first().map_or(0, |c| c.id);
    let value = work(store)?;
    let Some(latest) = store.list_changes(1)?.into_iter().next().filter(|c| c.id > before) else {
        return Ok(Changed { value, change: None, touched: Vec::new() });
    };
    let stored = store.stored_change(latest.id)?;
    // An undo this version cannot read (none should exist) touched anything, as far as
    // a view knows.
    let touched = serde_json::from_str::<Undo>(&stored.undo)
        .map_or_else(|_| RecordKind::ALL.to_vec(), |undo| undo.touches().to_vec());
    Ok(Changed { value, change: Some(latest), touched })
}

/// What takes back acceptances, newest first: each claim or quotation before the actor
/// suggestions its acceptance settled, so that what reused an actor goes before it.
fn reopening(accepted: &[(i32, Accepted)]) -> Vec<i32> {
    accepted
        .iter()
        .rev()
        .flat_map(|(id, done)| std::iter::once(*id).chain(done.settled.iter().rev().copied()))
        .collect()
}

/// A claim in words, for a change's label: "Iran supplies Venezuela".
fn claim_words(claim: &crate::model::Claim) -> String {
    let object = claim.object.as_ref().map(|o| o.name.as_str()).or(claim.object_text.as_deref()).unwrap_or("");
    format!("{} {} {object}", claim.subject.name, claim.relation_words()).trim_end().to_string()
}

/// Runs `work` and records the change it reports, in one transaction.
fn record<T>(store: &mut Store, work: impl FnOnce(&mut Store) -> Result<(T, String, Undo)>) -> Result<T> {
    record_if(store, |store| work(store).map(|(value, label, undo)| (value, Some((label, undo)))))
}

/// As [`record`], for operations that may change nothing (then `work` reports `None`).
fn record_if<T>(store: &mut Store, work: impl FnOnce(&mut Store) -> Result<(T, Option<(String, Undo)>)>) -> Result<T> {
    store.change(|store| {
        let (value, change) = work(store)?;
        let change = match change {
            Some((label, undo)) => Some((
                label,
                serde_json::to_string(&undo).map_err(|e| Error::Invalid(format!("cannot record the change: {e}")))?,
            )),
            None => None,
        };
        Ok((value, change))
    })
}

fn quoted(s: &str) -> String {
    format!("“{s}”")
}

// --- Suggestions -------------------------------------------------------------------

pub fn accept_suggestion(store: &mut Store, id: i32) -> Result<Accepted> {
    accept_graded(store, id, None)
}

/// Accepts a suggestion and, when it is a claim, grades its credibility (1–6) in the
/// same change: undone, the claim goes with its grade.
pub fn accept_graded(store: &mut Store, id: i32, credibility: Option<i32>) -> Result<Accepted> {
    accept_into(store, id, credibility, None)
}

/// Accepts a claim suggestion, graded or not, and brings the claim to a question of
/// competing hypotheses (`question_id`), in one change.
pub fn accept_into(store: &mut Store, id: i32, credibility: Option<i32>, question_id: Option<i32>) -> Result<Accepted> {
    record(store, |store| {
        let suggestion = store.suggestion(id)?;
        if (credibility.is_some() || question_id.is_some()) && suggestion.kind != SuggestionKind::Claim {
            return Err(Error::Invalid("only a claim is graded for credibility or weighed in a question".into()));
        }
        let question = question_id.map(|q| store.question(q)).transpose()?;
        let accepted = store.accept_suggestion(id)?;
        let mut label = format!("Accepted {}", suggestion.label);
        if let Some(claim_id) = accepted.claim_id {
            // Accepted on its own, the claim was seen with its date: the date stands checked.
            store.set_claim_date_checked(claim_id, true)?;
            if let Some(credibility) = credibility {
                store.set_claim_credibility(claim_id, Some(credibility))?;
                let words = crate::model::credibility_words(credibility).unwrap_or_default();
                label = format!("{label}, graded {credibility} ({})", words.to_lowercase());
            }
        }
        let suggestions = reopening(&[(id, accepted.clone())]);
        if let (Some(question), Some(claim_id)) = (question, accepted.claim_id) {
            store.add_evidence(question.id, claim_id)?;
            label = format!("{label}, weighed in {}", quoted(&question.title));
            let undo = Undo::ReopenWeighed { suggestions, question_id: question.id, claim_id };
            return Ok((accepted, label, undo));
        }
        Ok((accepted, label, Undo::Reopen { suggestions }))
    })
}

pub fn reject_suggestion(store: &mut Store, id: i32) -> Result<()> {
    record(store, |store| {
        let suggestion = store.suggestion(id)?;
        if suggestion.status != ReviewStatus::Suggested {
            return Err(Error::Invalid(format!("suggestion {id} has already been {}", suggestion.status.as_str())));
        }
        store.set_suggestion_status(id, ReviewStatus::Rejected)?;
        Ok(((), format!("Rejected {}", suggestion.label), Undo::Reopen { suggestions: vec![id] }))
    })
}

/// Accepts the suggestions a person ticked in a bulk acceptance, actors first (so that
/// claims and quotations find them), as one change. Suggestions decided meanwhile are
/// passed over. Returns how many were accepted.
pub fn accept_suggestions(store: &mut Store, ids: &[i32]) -> Result<i32> {
    record_if(store, |store| {
        let mut pending: Vec<Suggestion> = Vec::new();
        for id in ids {
            let s = store.suggestion(*id)?;
            if s.status == ReviewStatus::Suggested && s.kind != SuggestionKind::Date {
                pending.push(s);
            }
        }
        let order = |k: SuggestionKind| {
            [SuggestionKind::Actor, SuggestionKind::Claim, SuggestionKind::Quote].iter().position(|x| *x == k)
        };
        pending.sort_by_key(|s| (order(s.kind), s.id));
        let mut accepted: Vec<(i32, Accepted)> = Vec::new();
        for s in &pending {
            // An actor settled by a claim accepted before it is already done.
            if store.suggestion(s.id)?.status == ReviewStatus::Suggested {
                accepted.push((s.id, store.accept_suggestion(s.id)?));
            }
        }
        if accepted.is_empty() {
            return Ok((0, None));
        }
        let sources: std::collections::BTreeSet<i32> = pending.iter().map(|s| s.source_id).collect();
        let where_ = match sources.iter().next() {
            Some(id) if sources.len() == 1 => format!(" in {}", quoted(&store.source(*id)?.summary.title)),
            _ => String::new(),
        };
        let label = format!("Accepted {} suggestion{}{where_}", accepted.len(), plural(accepted.len()));
        let ids = reopening(&accepted);
        Ok((accepted.len() as i32, Some((label, Undo::Reopen { suggestions: ids }))))
    })
}

/// Accepts every pending suggestion (of one source, or of the whole library): actors
/// first, so that claims and quotations find them. One change (none when nothing was
/// pending); returns what was accepted.
pub fn accept_all(store: &mut Store, source_id: Option<i32>) -> Result<Vec<(i32, Accepted)>> {
    record_if(store, |store| {
        let mut accepted = Vec::new();
        for kind in [SuggestionKind::Actor, SuggestionKind::Claim, SuggestionKind::Quote] {
            loop {
                let page = store.list_suggestions(
                    source_id,
                    Some(kind),
                    Some(ReviewStatus::Suggested),
                    crate::model::PageRequest::new(0, 500),
                )?;
                if page.items.is_empty() {
                    break;
                }
                for s in page.items {
                    accepted.push((s.id, store.accept_suggestion(s.id)?));
                }
            }
        }
        if accepted.is_empty() {
            return Ok((accepted, None));
        }
        let where_ = match source_id {
            Some(id) => format!(" in {}", quoted(&store.source(id)?.summary.title)),
            None => String::new(),
        };
        let label = format!("Accepted {} suggestion{}{where_}", accepted.len(), plural(accepted.len()));
        let ids = reopening(&accepted);
        Ok((accepted, Some((label, Undo::Reopen { suggestions: ids }))))
    })
}

pub fn edit_suggestion(store: &mut Store, id: i32, changes: &SuggestionEdit) -> Result<Suggestion> {
    record(store, |store| {
        let (payload, label, edited_at) = store.suggestion_state(id)?;
        let edited = store.edit_suggestion(id, changes)?;
        let undo = Undo::RestoreSuggestion { id, payload, label: label.clone(), edited_at };
        Ok((edited, format!("Edited {label}"), undo))
    })
}

// --- Actors --------------------------------------------------------------------------

pub fn create_actor(store: &mut Store, actor: &NewActor) -> Result<i32> {
    record(store, |store| {
        let id = store.insert_actor(actor)?;
        Ok((id, format!("Created the actor {}", quoted(&actor.name)), Undo::DeleteActor { actor_id: id }))
    })
}

/// Adds an alias; returns false (and records nothing) when the actor already had it.
pub fn add_alias(store: &mut Store, actor_id: i32, alias: &str) -> Result<bool> {
    record_if(store, |store| {
        let name = store.actor(actor_id)?.name;
        let added = store.add_alias(actor_id, alias)?;
        let label = format!("Added the alias {} to {name}", quoted(alias.trim()));
        Ok((added, added.then(|| (label, Undo::RemoveAlias { actor_id, alias: alias.trim().to_string() }))))
    })
}

pub fn remove_alias(store: &mut Store, actor_id: i32, alias: &str) -> Result<()> {
    record(store, |store| {
        let name = store.actor(actor_id)?.name;
        store.remove_alias(actor_id, alias)?;
        let label = format!("Removed the alias {} from {name}", quoted(alias));
        Ok(((), label, Undo::AddAlias { actor_id, alias: alias.to_string() }))
    })
}

pub fn rename_actor(store: &mut Store, actor_id: i32, name: &str) -> Result<()> {
    record(store, |store| {
        let before = store.actor(actor_id)?;
        let new = text::normalize_name(name.trim());
        let was_alias = before.aliases.iter().any(|a| text::normalize_name(a) == new);
        store.rename_actor(actor_id, name)?;
        let label = format!("Renamed {} to {}", before.name, name.trim());
        let drop_alias = (!was_alias).then(|| name.trim().to_string());
        Ok(((), label, Undo::Rename { actor_id, name: before.name, drop_alias }))
    })
}

pub fn set_actor_kind(store: &mut Store, actor_id: i32, kind: ActorKind) -> Result<()> {
    record(store, |store| {
        let before = store.actor(actor_id)?;
        store.set_actor_kind(actor_id, kind)?;
        let label = format!("Made {} a{} {}", before.name, article_for(kind.as_str()), kind.words());
        Ok(((), label, Undo::SetKind { actor_id, kind: before.kind }))
    })
}

pub fn set_actor_description(store: &mut Store, actor_id: i32, description: &str) -> Result<()> {
    record(store, |store| {
        let before = store.actor(actor_id)?;
        store.set_actor_description(actor_id, description)?;
        let label = format!("Described {}", before.name);
        Ok(((), label, Undo::SetDescription { actor_id, description: before.description }))
    })
}

/// Corrects a source's details (title, byline, site, published date, address); records
/// nothing when they are as they were. Returns them as stored.
pub fn set_source_details(store: &mut Store, source_id: i32, details: &SourceDetails) -> Result<SourceDetails> {
    record_if(store, |store| {
        let before = store.source_details(source_id)?;
        let after = store.set_source_details(source_id, details)?;
        let change = (after != before).then(|| {
            let what = changed_fields(&before, &after);
            (
                format!("Corrected the {what} of {}", quoted(&before.title)),
                Undo::SetSourceDetails { source_id, details: before },
            )
        });
        Ok((after, change))
    })
}

/// "title and date", for a change's label.
fn changed_fields(before: &SourceDetails, after: &SourceDetails) -> String {
    let fields: Vec<&str> = [
        (before.title != after.title, "title"),
        (before.byline != after.byline, "byline"),
        (before.publisher != after.publisher, "site"),
        (before.published != after.published, "date"),
        (before.url != after.url, "address"),
    ]
    .into_iter()
    .filter_map(|(changed, name)| changed.then_some(name))
    .collect();
    match fields.as_slice() {
        [] => "details".into(),
        [one] => (*one).into(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub fn merge_actors(store: &mut Store, kept_id: i32, merged_id: i32) -> Result<MergeOutcome> {
    record(store, |store| {
        let (kept, merged) = (store.actor(kept_id)?.name, store.actor(merged_id)?.name);
        let outcome = store.merge_actors(kept_id, merged_id)?;
        let label = format!("Merged {merged} into {kept}");
        let undo = Undo::UndoMerge { merge_id: outcome.merge_id };
        Ok((outcome, label, undo))
    })
}

/// Takes back merge `merge_id` (from an actor's list of merges, however old): the merged
/// actor is back, under its old id when free. Returns its id; undoing this merges it
/// into the kept actor again.
pub fn unmerge(store: &mut Store, merge_id: i32) -> Result<i32> {
    record(store, |store| {
        let merge = store
            .actor_merges(None)?
            .into_iter()
            .find(|m| m.id == merge_id)
            .ok_or(Error::NotFound { entity: "merge", id: merge_id })?;
        let restored = store.undo_merge(merge_id)?;
        let label = format!("Took {} back out of {}", merge.merged_name, store.actor(merge.kept_id)?.name);
        Ok((restored, label, Undo::MergeBack { into: merge.kept_id, split_off: restored }))
    })
}

pub fn split_alias(store: &mut Store, actor_id: i32, alias: &str) -> Result<SplitOutcome> {
    record(store, |store| {
        let name = store.actor(actor_id)?.name;
        let outcome = store.split_alias(actor_id, alias)?;
        let label = format!("Split {} off {name}", quoted(alias));
        let undo = Undo::MergeBack { into: actor_id, split_off: outcome.actor_id };
        Ok((outcome, label, undo))
    })
}

/// Links every unlinked mention of an actor across the library; records nothing when
/// there was none.
pub fn link_unlinked_mentions(store: &mut Store, actor_id: i32) -> Result<Vec<i32>> {
    record_if(store, |store| {
        let name = store.actor(actor_id)?.name;
        let ids = link::link_unlinked_mentions(store, actor_id)?;
        let label = format!("Linked {} mention{} of {name}", ids.len(), plural(ids.len()));
        let change = (!ids.is_empty()).then(|| (label, Undo::DeleteMentions { ids: ids.clone() }));
        Ok((ids, change))
    })
}

// --- Sources: passages, tags --------------------------------------------------------

pub fn cite_claim(store: &mut Store, claim: &CitedClaim) -> Result<CitedClaimIds> {
    record(store, |store| {
        let ids = store.cite_claim(claim)?;
        let label = format!("Cited a claim: {}", claim_words(&store.claim(ids.claim_id)?));
        Ok((ids, label, Undo::RemoveCitedClaim { ids }))
    })
}

/// Corrects a claim's date (EDTF, or none for undated); the date given is checked.
pub fn set_claim_date(store: &mut Store, claim_id: i32, date: Option<&str>) -> Result<()> {
    record(store, |store| {
        let before = store.claim(claim_id)?;
        store.set_claim_date(claim_id, date)?;
        let label = format!("Dated {}", quoted(&claim_words(&before)));
        Ok(((), label, Undo::SetClaimDate { claim_id, date: before.date, checked: before.date_checked }))
    })
}

/// Confirms a claim's date: a person has looked at it and lets it stand. Nothing is
/// recorded when it was already confirmed.
pub fn confirm_claim_date(store: &mut Store, claim_id: i32) -> Result<()> {
    record_if(store, |store| {
        let claim = store.claim(claim_id)?;
        if claim.date_checked {
            return Ok(((), None));
        }
        store.set_claim_date_checked(claim_id, true)?;
        let label = format!("Confirmed the date of {}", quoted(&claim_words(&claim)));
        Ok(((), Some((label, Undo::SetDateChecked { claim_id, checked: false }))))
    })
}

pub fn link_span(store: &mut Store, source_id: i32, start: i32, end: i32, actor_id: i32) -> Result<i32> {
    record(store, |store| {
        let id = store.link_span(source_id, start, end, actor_id)?;
        let name = store.actor(actor_id)?.name;
        let (_, text) = store.source_title_and_text(source_id)?;
        let passage = text::cut_passage(&text, start, end, 0).map(|(_, exact, _)| exact).unwrap_or_default();
        Ok((id, format!("Linked {} to {name}", quoted(&passage)), Undo::DeleteMentions { ids: vec![id] }))
    })
}

/// Tags a source; returns false (and records nothing) when it already had the tag.
pub fn tag_source(store: &mut Store, source_id: i32, tag: &str) -> Result<bool> {
    record_if(store, |store| {
        let added = store.tag_source(source_id, tag)?;
        let tag = tag.trim().to_string();
        Ok((added, added.then(|| (format!("Tagged a source {}", quoted(&tag)), Undo::Untag { source_id, tag }))))
    })
}

pub fn untag_source(store: &mut Store, source_id: i32, tag: &str) -> Result<()> {
    record(store, |store| {
        store.untag_source(source_id, tag)?;
        let tag = tag.trim().to_string();
        Ok(((), format!("Removed the tag {}", quoted(&tag)), Undo::Tag { source_id, tag }))
    })
}

/// A person's word on whether two sources are one story republished (`Copy`: they
/// count as one source) or independent reporting; none leaves it to the detector again.
/// Nothing is recorded when the word was already that.
pub fn judge_copy(store: &mut Store, source_id: i32, other_id: i32, verdict: Option<CopyVerdict>) -> Result<()> {
    record_if(store, |store| {
        let before = store.set_copy_verdict(source_id, other_id, verdict)?;
        if before == verdict {
            return Ok(((), None));
        }
        let (first, _) = store.source_title_and_text(source_id)?;
        let (second, _) = store.source_title_and_text(other_id)?;
        let pair = format!("{} and {}", quoted(&first), quoted(&second));
        let label = match verdict {
            Some(CopyVerdict::Copy) => format!("Marked {pair} as one story"),
            Some(CopyVerdict::Independent) => format!("Marked {pair} as independent"),
            None => format!("Left {pair} to the copy detector"),
        };
        Ok(((), Some((label, Undo::SetCopyVerdict { source_id, other_id, verdict: before }))))
    })
}

// --- Grades --------------------------------------------------------------------------

fn grade_words(reliability: Option<Reliability>) -> String {
    reliability.map_or_else(|| "not graded".to_string(), |r| format!("{r} ({})", r.words().to_lowercase()))
}

/// Grades a source's reliability itself (none takes its own grade away: its site's
/// default holds again). Nothing is recorded when it was already so.
pub fn grade_source(store: &mut Store, source_id: i32, reliability: Option<Reliability>) -> Result<()> {
    record_if(store, |store| {
        let before = store.set_source_reliability(source_id, reliability)?;
        if before == reliability {
            return Ok(((), None));
        }
        let (title, _) = store.source_title_and_text(source_id)?;
        let label = match reliability {
            Some(_) => format!("Graded {} {}", quoted(&title), grade_words(reliability)),
            None => format!("Took the grade of {} away", quoted(&title)),
        };
        Ok(((), Some((label, Undo::SetReliability { source_id, reliability: before }))))
    })
}

/// Sets a site's default reliability, which its sources without a grade of their own
/// take (none takes the default away).
pub fn grade_site(store: &mut Store, site: &str, reliability: Option<Reliability>) -> Result<()> {
    record_if(store, |store| {
        let before = store.set_site_reliability(site, reliability)?;
        if before == reliability {
            return Ok(((), None));
        }
        let site = crate::store::grades::site_key(site).unwrap_or_default();
        let label = match reliability {
            Some(_) => format!("Graded the site {site} {} by default", grade_words(reliability)),
            None => format!("Took the default grade of the site {site} away"),
        };
        Ok(((), Some((label, Undo::SetSiteReliability { site, reliability: before }))))
    })
}

/// Grades a claim's credibility, 1–6 (none takes the grade away: the suggestion holds).
pub fn grade_claim(store: &mut Store, claim_id: i32, credibility: Option<i32>) -> Result<()> {
    record_if(store, |store| {
        let before = store.set_claim_credibility(claim_id, credibility)?;
        if before == credibility {
            return Ok(((), None));
        }
        let claim = store.claim(claim_id)?;
        let label = match credibility.and_then(|c| crate::model::credibility_words(c).map(|w| (c, w))) {
            Some((c, words)) => format!("Graded {} {c} ({})", quoted(&claim_words(&claim)), words.to_lowercase()),
            None => format!("Took the credibility grade of {} away", quoted(&claim_words(&claim))),
        };
        Ok(((), Some((label, Undo::SetCredibility { claim_id, credibility: before }))))
    })
}

// --- Hypotheses (ACH) ------------------------------------------------------------------

/// Takes back the making of a question, hypothesis or evidence row, unless something
/// made since hangs from it (which the undo would lose).
fn take_back_new(store: &mut Store, part: AchPart, what: &str) -> Result<()> {
    if store.ach_has_children(part)? {
        return Err(Error::Invalid(format!(
            "the {what} has been worked on since (hypotheses, evidence or ratings); delete it instead"
        )));
    }
    store.delete_ach(part).map(|_| ())
}

pub fn new_question(store: &mut Store, title: &str) -> Result<i32> {
    record(store, |store| {
        let id = store.insert_question(title)?;
        Ok((id, format!("Opened the question {}", quoted(title.trim())), Undo::DeleteQuestion { id }))
    })
}

pub fn rename_question(store: &mut Store, id: i32, title: &str) -> Result<()> {
    record_if(store, |store| {
        let before = store.rename_question(id, title)?;
        if before == title.trim() {
            return Ok(((), None));
        }
        let label = format!("Renamed the question {} {}", quoted(&before), quoted(title.trim()));
        Ok(((), Some((label, Undo::RenameQuestion { id, title: before }))))
    })
}

/// Deletes a question with its hypotheses, evidence rows and ratings (the claims stay).
pub fn delete_question(store: &mut Store, id: i32) -> Result<()> {
    record(store, |store| {
        let title = store.question(id)?.title;
        let rows = store.delete_ach(AchPart::Question(id))?;
        Ok(((), format!("Deleted the question {}", quoted(&title)), Undo::RestoreAch { rows }))
    })
}

pub fn add_hypothesis(store: &mut Store, question_id: i32, statement: &str, notes: &str) -> Result<i32> {
    record(store, |store| {
        let id = store.insert_hypothesis(question_id, statement, notes)?;
        Ok((id, format!("Added the hypothesis {}", quoted(statement.trim())), Undo::DeleteHypothesis { id }))
    })
}

pub fn edit_hypothesis(store: &mut Store, id: i32, statement: &str, notes: &str) -> Result<()> {
    record_if(store, |store| {
        let (before, before_notes) = store.edit_hypothesis(id, statement, notes)?;
        if before == statement.trim() && before_notes == notes.trim() {
            return Ok(((), None));
        }
        let label = format!("Edited the hypothesis {}", quoted(&before));
        Ok(((), Some((label, Undo::EditHypothesis { id, statement: before, notes: before_notes }))))
    })
}

pub fn delete_hypothesis(store: &mut Store, id: i32) -> Result<()> {
    record(store, |store| {
        let statement = store.hypothesis(id)?.statement;
        let rows = store.delete_ach(AchPart::Hypothesis(id))?;
        Ok(((), format!("Deleted the hypothesis {}", quoted(&statement)), Undo::RestoreAch { rows }))
    })
}

/// Brings a claim to a question as evidence; false (nothing recorded) when it was.
pub fn add_evidence(store: &mut Store, question_id: i32, claim_id: i32) -> Result<bool> {
    record_if(store, |store| {
        let added = store.add_evidence(question_id, claim_id)?;
        if !added {
            return Ok((false, None));
        }
        let label = format!(
            "Brought {} to the question {}",
            quoted(&claim_words(&store.claim(claim_id)?)),
            quoted(&store.question(question_id)?.title)
        );
        Ok((true, Some((label, Undo::RemoveEvidence { question_id, claim_id }))))
    })
}

/// Takes a claim out of a question, with its ratings there.
pub fn remove_evidence(store: &mut Store, question_id: i32, claim_id: i32) -> Result<()> {
    record(store, |store| {
        let words = claim_words(&store.claim(claim_id)?);
        let title = store.question(question_id)?.title;
        let rows = store.delete_ach(AchPart::Evidence { question_id, claim_id })?;
        let label = format!("Took {} out of the question {}", quoted(&words), quoted(&title));
        Ok(((), label, Undo::RestoreAch { rows }))
    })
}

/// Rates how a claim bears on a hypothesis (none: unrated), with a comment; the claim
/// becomes evidence of the question if it was not.
pub fn rate(
    store: &mut Store,
    hypothesis_id: i32,
    claim_id: i32,
    rating: Option<AchRating>,
    comment: &str,
) -> Result<()> {
    record_if(store, |store| {
        let (before, brought) = store.rate(hypothesis_id, claim_id, rating, comment)?;
        let unchanged = match (&before, rating) {
            (Some(cell), Some(r)) => cell.rating == r && cell.comment == comment.trim(),
            (None, None) => true,
            _ => false,
        };
        if unchanged {
            return Ok(((), None));
        }
        let hypothesis = store.hypothesis(hypothesis_id)?.statement;
        let claim = claim_words(&store.claim(claim_id)?);
        let label = match rating {
            Some(r) => format!("Rated {} {} with {}", quoted(&claim), r.words(), quoted(&hypothesis)),
            None => format!("Took the rating of {} under {} away", quoted(&claim), quoted(&hypothesis)),
        };
        let cell = before.map(|c| (c.rating, c.comment));
        Ok(((), Some((label, Undo::Rate { hypothesis_id, claim_id, cell, brought }))))
    })
}

// --- Notes ---------------------------------------------------------------------------

pub fn create_note(store: &mut Store, title: &str, body: &str) -> Result<i32> {
    record(store, |store| {
        let id = store.insert_note(title, body)?;
        Ok((id, format!("Wrote the note {}", quoted(title.trim())), Undo::DeleteNote { id }))
    })
}

/// How long a burst of editing one note stays one change: saves of the same note, with
/// no other change between, within this long of the burst's first save.
const NOTE_EDIT_BURST: chrono::Duration = chrono::Duration::minutes(10);

/// Saves a note. A burst of saves of the same note (autosave while typing) is one
/// change, whose undo restores the note as it was before the burst; a save that changes
/// nothing records nothing.
pub fn update_note(store: &mut Store, id: i32, title: &str, body: &str) -> Result<()> {
    record_if(store, |store| {
        let before = store.note(id)?;
        let unchanged = before.title == title.trim() && before.body == body;
        store.update_note(id, title, body)?;
        if unchanged || editing_burst_of(store, id)? {
            return Ok(((), None));
        }
        let undo =
            Undo::RestoreNote { id, title: before.title.clone(), body: before.body, created_at: None, gid: None };
        Ok(((), Some((format!("Edited the note {}", quoted(&before.title)), undo))))
    })
}

/// Whether the latest change is an edit of note `id`, still undoable, begun within
/// [`NOTE_EDIT_BURST`].
fn editing_burst_of(store: &Store, id: i32) -> Result<bool> {
    let Some(latest) = store.list_changes(1)?.into_iter().next() else { return Ok(false) };
    if latest.undone_at.is_some() || !latest.undoable {
        return Ok(false);
    }
    let recent = chrono::DateTime::parse_from_rfc3339(&latest.made_at)
        .is_ok_and(|at| chrono::Utc::now().signed_duration_since(at) < NOTE_EDIT_BURST);
    if !recent {
        return Ok(false);
    }
    let undo: Option<Undo> = serde_json::from_str(&store.stored_change(latest.id)?.undo).ok();
    Ok(matches!(undo, Some(Undo::RestoreNote { id: edited, .. }) if edited == id))
}

pub fn delete_note(store: &mut Store, id: i32) -> Result<()> {
    record(store, |store| {
        let before = store.note(id)?;
        let gid = store.note_gid(id)?;
        store.delete_note(id)?;
        let label = format!("Deleted the note {}", quoted(&before.title));
        Ok((
            (),
            label,
            Undo::RestoreNote {
                id,
                title: before.title,
                body: before.body,
                created_at: Some(before.created_at),
                gid: Some(gid),
            },
        ))
    })
}

// --- The history itself ---------------------------------------------------------------

/// The latest changes, newest first, with whether each can be taken back.
pub fn recent(store: &Store, limit: i32) -> Result<Vec<ChangeEntry>> {
    store.list_changes(limit)
}

/// Takes back change `id`, or the latest change that can be when `id` is `None`.
/// Returns the change taken back, or `None` when there was nothing to undo.
pub fn undo(store: &mut Store, id: Option<i32>) -> Result<Option<ChangeEntry>> {
    let Some(id) = id.map_or_else(|| store.latest_undoable_change(), |id| Ok(Some(id)))? else {
        return Ok(None);
    };
    let change = store.stored_change(id)?;
    let undo: Undo = serde_json::from_str(&change.undo).map_err(|e| {
        Error::Invalid(format!("“{}” cannot be undone by this version of Dossier: {e}", change.entry.label))
    })?;
    store.take_back(id, |store| apply(store, &undo))?;
    Ok(Some(store.stored_change(id)?.entry))
}

fn apply(store: &mut Store, undo: &Undo) -> Result<()> {
    match undo {
        Undo::Reopen { suggestions } => suggestions.iter().try_for_each(|&id| store.reopen_suggestion(id)),
        Undo::RestoreSuggestion { id, payload, label, edited_at } => {
            store.restore_suggestion_state(*id, payload, label, edited_at.as_deref())
        }
        Undo::RemoveCitedClaim { ids } => store.remove_cited_claim(*ids),
        Undo::DeleteMentions { ids } => store.delete_mentions(ids),
        Undo::UndoMerge { merge_id } => store.undo_merge(*merge_id).map(|_| ()),
        Undo::MergeBack { into, split_off } => store.merge_actors(*into, *split_off).map(|_| ()),
        Undo::AddAlias { actor_id, alias } => store.add_alias(*actor_id, alias).map(|_| ()),
        Undo::RemoveAlias { actor_id, alias } => store.remove_alias(*actor_id, alias),
        Undo::Rename { actor_id, name, drop_alias } => {
            store.rename_actor(*actor_id, name)?;
            match drop_alias {
                Some(alias) => store.remove_alias(*actor_id, alias),
                None => Ok(()),
            }
        }
        Undo::SetKind { actor_id, kind } => store.set_actor_kind(*actor_id, *kind),
        Undo::SetDescription { actor_id, description } => store.set_actor_description(*actor_id, description),
        Undo::SetDateChecked { claim_id, checked } => store.set_claim_date_checked(*claim_id, *checked),
        Undo::SetClaimDate { claim_id, date, checked } => {
            store.set_claim_date(*claim_id, date.as_deref())?;
            store.set_claim_date_checked(*claim_id, *checked)
        }
        Undo::SetSourceDetails { source_id, details } => store.set_source_details(*source_id, details).map(|_| ()),
        Undo::DeleteActor { actor_id } => {
            // Mentions linked to it since would go with it: those are undone first.
            let mentions = store.actor_mentions(*actor_id, crate::model::PageRequest::new(0, 1))?.total;
            if mentions > 0 {
                return Err(Error::Invalid(format!(
                    "the actor is linked to {mentions} mention(s) now; undo or remove those first"
                )));
            }
            store.delete_actor(*actor_id)
        }
        Undo::SetCopyVerdict { source_id, other_id, verdict } => {
            store.set_copy_verdict(*source_id, *other_id, *verdict).map(|_| ())
        }
        Undo::SetReliability { source_id, reliability } => {
            store.set_source_reliability(*source_id, *reliability).map(|_| ())
        }
        Undo::SetSiteReliability { site, reliability } => store.set_site_reliability(site, *reliability).map(|_| ()),
        Undo::SetCredibility { claim_id, credibility } => {
            store.set_claim_credibility(*claim_id, *credibility).map(|_| ())
        }
        Undo::DeleteQuestion { id } => take_back_new(store, AchPart::Question(*id), "question"),
        Undo::RenameQuestion { id, title } => store.rename_question(*id, title).map(|_| ()),
        Undo::DeleteHypothesis { id } => take_back_new(store, AchPart::Hypothesis(*id), "hypothesis"),
        Undo::EditHypothesis { id, statement, notes } => store.edit_hypothesis(*id, statement, notes).map(|_| ()),
        Undo::RemoveEvidence { question_id, claim_id } => {
            take_back_new(store, AchPart::Evidence { question_id: *question_id, claim_id: *claim_id }, "claim")
        }
        Undo::RestoreAch { rows } => store.restore_ach(rows),
        Undo::Rate { hypothesis_id, claim_id, cell, brought } => {
            let (rating, comment) = cell.clone().map_or((None, String::new()), |(r, c)| (Some(r), c));
            store.rate(*hypothesis_id, *claim_id, rating, &comment)?;
            if *brought {
                let question_id = store.hypothesis(*hypothesis_id)?.question_id;
                let row = AchPart::Evidence { question_id, claim_id: *claim_id };
                // Rated under another hypothesis since, the claim stays in the question.
                if !store.ach_has_children(row)? {
                    store.delete_ach(row)?;
                }
            }
            Ok(())
        }
        Undo::ReopenWeighed { suggestions, question_id, claim_id } => {
            store.delete_ach(AchPart::Evidence { question_id: *question_id, claim_id: *claim_id })?;
            for id in suggestions {
                store.reopen_suggestion(*id)?;
            }
            Ok(())
        }
        Undo::Tag { source_id, tag } => store.tag_source(*source_id, tag).map(|_| ()),
        Undo::Untag { source_id, tag } => store.untag_source(*source_id, tag),
        Undo::DeleteNote { id } => store.delete_note(*id),
        Undo::RestoreNote { id, title, body, created_at: None, .. } => store.update_note(*id, title, body),
        Undo::RestoreNote { id, title, body, created_at: Some(created_at), gid } => {
            store.restore_note(*id, title, body, created_at, gid.as_deref())
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn article_for(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "n"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Old stores hold these strings: a rename of a variant or field would strand them.
    #[test]
    fn undo_records_keep_their_stored_form() {
        let undo = Undo::Rename { actor_id: 7, name: "Hezbollah".into(), drop_alias: None };
        assert_eq!(
            serde_json::to_string(&undo).unwrap(),
            r#"{"undo":"rename","actor_id":7,"name":"Hezbollah","drop_alias":null}"#
        );
        let read: Undo = serde_json::from_str(r#"{"undo":"reopen","suggestions":[3,2]}"#).unwrap();
        assert_eq!(read, Undo::Reopen { suggestions: vec![3, 2] });
    }
}
