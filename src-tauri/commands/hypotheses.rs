//! Commands on competing hypotheses (ACH): questions, their hypotheses, the claims
//! brought to them, ratings, and the matrix.

use crate::state::AppState;
use dossier_core::model::*;
use dossier_core::{history, ApiError};
use tauri::State;

/// Every question, the latest changed first.
#[tauri::command]
#[specta::specta]
pub(crate) async fn questions(state: State<'_, AppState>) -> Result<Vec<Question>, ApiError> {
    state.with_store(move |store| store.questions()).await
}

/// The questions a claim is evidence in.
#[tauri::command]
#[specta::specta]
pub(crate) async fn questions_of_claim(state: State<'_, AppState>, claim_id: i32) -> Result<Vec<Question>, ApiError> {
    state.with_store(move |store| store.questions_of_claim(claim_id)).await
}

/// A question's matrix: hypotheses with their scores, claims with their ratings.
#[tauri::command]
#[specta::specta]
pub(crate) async fn matrix(
    state: State<'_, AppState>,
    question_id: i32,
    by_diagnosticity: bool,
) -> Result<Matrix, ApiError> {
    state.with_store(move |store| store.matrix(question_id, by_diagnosticity)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn new_question(state: State<'_, AppState>, title: String) -> Result<Changed<i32>, ApiError> {
    state.with_change(move |store| history::new_question(store, &title)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn rename_question(
    state: State<'_, AppState>,
    id: i32,
    title: String,
) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::rename_question(store, id, &title)).await
}

/// Deletes a question with its hypotheses and ratings (the claims stay).
#[tauri::command]
#[specta::specta]
pub(crate) async fn delete_question(state: State<'_, AppState>, id: i32) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::delete_question(store, id)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn add_hypothesis(
    state: State<'_, AppState>,
    question_id: i32,
    statement: String,
    notes: String,
) -> Result<Changed<i32>, ApiError> {
    state.with_change(move |store| history::add_hypothesis(store, question_id, &statement, &notes)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn edit_hypothesis(
    state: State<'_, AppState>,
    id: i32,
    statement: String,
    notes: String,
) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::edit_hypothesis(store, id, &statement, &notes)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn delete_hypothesis(state: State<'_, AppState>, id: i32) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::delete_hypothesis(store, id)).await
}

/// Brings a claim to a question as evidence; false when it already was.
#[tauri::command]
#[specta::specta]
pub(crate) async fn add_evidence(
    state: State<'_, AppState>,
    question_id: i32,
    claim_id: i32,
) -> Result<Changed<bool>, ApiError> {
    state.with_change(move |store| history::add_evidence(store, question_id, claim_id)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn remove_evidence(
    state: State<'_, AppState>,
    question_id: i32,
    claim_id: i32,
) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::remove_evidence(store, question_id, claim_id)).await
}

/// Rates how a claim bears on a hypothesis (none: unrated), with a comment.
#[tauri::command]
#[specta::specta]
pub(crate) async fn rate_claim(
    state: State<'_, AppState>,
    hypothesis_id: i32,
    claim_id: i32,
    rating: Option<AchRating>,
    comment: String,
) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::rate(store, hypothesis_id, claim_id, rating, &comment)).await
}
