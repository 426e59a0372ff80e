//! Commands of the review queue and the history: suggestions accepted, rejected,
//! edited or accepted in bulk, re-analysis, and changes listed and taken back.

use crate::jobs::workers;
use crate::state::AppState;
use dossier_core::import::{self};
use dossier_core::model::*;
use dossier_core::store::Accepted;
use dossier_core::{history, ApiError};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub(crate) async fn list_suggestions(
    state: State<'_, AppState>,
    source_id: Option<i32>,
    kind: Option<SuggestionKind>,
    status: Option<ReviewStatus>,
    page: PageRequest,
) -> Result<Page<Suggestion>, ApiError> {
    state.with_store(move |store| store.list_suggestions(source_id, kind, status, page)).await
}

/// Accepts a suggestion: writes the actor, claim or citation it stands for.
#[tauri::command]
#[specta::specta]
pub(crate) async fn accept_suggestion(state: State<'_, AppState>, id: i32) -> Result<Changed<Accepted>, ApiError> {
    state.with_change(move |store| history::accept_suggestion(store, id)).await
}

/// Accepts a claim suggestion graded for credibility (1–6) and/or brought to a question
/// of competing hypotheses, as one change.
#[tauri::command]
#[specta::specta]
pub(crate) async fn accept_claim(
    state: State<'_, AppState>,
    id: i32,
    credibility: Option<i32>,
    question_id: Option<i32>,
) -> Result<Changed<Accepted>, ApiError> {
    state.with_change(move |store| history::accept_into(store, id, credibility, question_id)).await
}

/// Rejects a suggestion; it is not proposed again when its source is re-analysed.
#[tauri::command]
#[specta::specta]
pub(crate) async fn reject_suggestion(state: State<'_, AppState>, id: i32) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::reject_suggestion(store, id)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn edit_suggestion(
    state: State<'_, AppState>,
    id: i32,
    changes: SuggestionEdit,
) -> Result<Changed<Suggestion>, ApiError> {
    state.with_change(move |store| history::edit_suggestion(store, id, &changes)).await
}

/// The pending suggestions of a source for a bulk acceptance, each ticked unless it
/// deserves a second look.
#[tauri::command]
#[specta::specta]
pub(crate) async fn bulk_candidates(
    state: State<'_, AppState>,
    source_id: i32,
) -> Result<Vec<BulkCandidate>, ApiError> {
    state.with_store(move |store| dossier_core::triage::bulk_candidates(store, source_id)).await
}

/// Accepts the suggestions ticked in a bulk acceptance, as one change.
#[tauri::command]
#[specta::specta]
pub(crate) async fn accept_suggestions(state: State<'_, AppState>, ids: Vec<i32>) -> Result<Changed<i32>, ApiError> {
    state.with_change(move |store| history::accept_suggestions(store, &ids)).await
}

/// Analyses one source (or, with none, the whole library) again, in a worker process;
/// says how many were analysed and which failed.
#[tauri::command]
#[specta::specta]
pub(crate) async fn reanalyze(
    state: State<'_, AppState>,
    source_id: Option<i32>,
) -> Result<import::Reanalysis, ApiError> {
    let readers = workers()?;
    state.with_store(move |store| import::reanalyze(store, source_id, &readers)).await
}

/// The latest changes the person made, newest first.
#[tauri::command]
#[specta::specta]
pub(crate) async fn list_changes(state: State<'_, AppState>, limit: i32) -> Result<Vec<ChangeEntry>, ApiError> {
    state.with_store(move |store| history::recent(store, limit.clamp(0, PageRequest::MAX_LIMIT))).await
}

/// Takes back change `id`, or the latest one that can be; returns it, or null when
/// there was nothing to undo.
#[tauri::command]
#[specta::specta]
pub(crate) async fn undo_change(state: State<'_, AppState>, id: Option<i32>) -> Result<Option<ChangeEntry>, ApiError> {
    state.with_store(move |store| history::undo(store, id)).await
}
