//! Commands on the analyst's notes and the links between them.

use crate::state::AppState;
use dossier_core::model::*;
use dossier_core::{history, ApiError};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub(crate) async fn list_notes(state: State<'_, AppState>, page: PageRequest) -> Result<Page<NoteSummary>, ApiError> {
    state.with_store(move |store| store.list_notes(page)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn get_note(state: State<'_, AppState>, id: i32) -> Result<Note, ApiError> {
    state.with_store(move |store| store.note(id)).await
}

/// Writes a new note; returns its id.
#[tauri::command]
#[specta::specta]
pub(crate) async fn create_note(
    state: State<'_, AppState>,
    title: String,
    body: String,
) -> Result<Changed<i32>, ApiError> {
    state.with_change(move |store| history::create_note(store, &title, &body)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn update_note(
    state: State<'_, AppState>,
    id: i32,
    title: String,
    body: String,
) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::update_note(store, id, &title, &body)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn delete_note(state: State<'_, AppState>, id: i32) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::delete_note(store, id)).await
}

/// The notes linking to an actor, source, claim or note.
#[tauri::command]
#[specta::specta]
pub(crate) async fn note_backlinks(
    state: State<'_, AppState>,
    target: LinkTarget,
    id: i32,
) -> Result<Vec<NoteSummary>, ApiError> {
    state.with_store(move |store| store.backlinks(target, id)).await
}
