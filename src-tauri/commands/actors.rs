//! Commands on actors: listing and pages, names, kinds and aliases, merging and
//! splitting, mentions linked by hand and the ones still unlinked.

use crate::state::AppState;
use dossier_core::model::*;
use dossier_core::{history, link, ApiError};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub(crate) async fn list_actors(
    state: State<'_, AppState>,
    listing: ActorListing,
    page: PageRequest,
) -> Result<Page<ActorSummary>, ApiError> {
    state.with_store(move |store| store.find_actors(&listing, page)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn get_actor(state: State<'_, AppState>, id: i32) -> Result<Actor, ApiError> {
    state.with_store(move |store| store.actor(id)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn create_actor(state: State<'_, AppState>, actor: NewActor) -> Result<Changed<i32>, ApiError> {
    state.with_change(move |store| history::create_actor(store, &actor)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn rename_actor(
    state: State<'_, AppState>,
    actor_id: i32,
    name: String,
) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::rename_actor(store, actor_id, &name)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn set_actor_kind(
    state: State<'_, AppState>,
    actor_id: i32,
    kind: ActorKind,
) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::set_actor_kind(store, actor_id, kind)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn set_actor_description(
    state: State<'_, AppState>,
    actor_id: i32,
    description: String,
) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::set_actor_description(store, actor_id, &description)).await
}

/// Adds an alias; the page then offers the actor's unlinked mentions.
#[tauri::command]
#[specta::specta]
pub(crate) async fn add_alias(
    state: State<'_, AppState>,
    actor_id: i32,
    alias: String,
) -> Result<Changed<bool>, ApiError> {
    state.with_change(move |store| history::add_alias(store, actor_id, &alias)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn remove_alias(
    state: State<'_, AppState>,
    actor_id: i32,
    alias: String,
) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::remove_alias(store, actor_id, &alias)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn merge_actors(
    state: State<'_, AppState>,
    kept_id: i32,
    merged_id: i32,
) -> Result<Changed<MergeOutcome>, ApiError> {
    state.with_change(move |store| history::merge_actors(store, kept_id, merged_id)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn split_alias(
    state: State<'_, AppState>,
    actor_id: i32,
    alias: String,
) -> Result<Changed<SplitOutcome>, ApiError> {
    state.with_change(move |store| history::split_alias(store, actor_id, &alias)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn actor_merges(
    state: State<'_, AppState>,
    actor_id: Option<i32>,
) -> Result<Vec<ActorMerge>, ApiError> {
    state.with_store(move |store| store.actor_merges(actor_id)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn merge_preview(
    state: State<'_, AppState>,
    kept_id: i32,
    merged_id: i32,
) -> Result<MergePreview, ApiError> {
    state.with_store(move |store| store.merge_preview(kept_id, merged_id)).await
}

/// Where the library names an actor by an alias without a mention; the first `limit`.
#[tauri::command]
#[specta::specta]
pub(crate) async fn unlinked_mentions(
    state: State<'_, AppState>,
    actor_id: i32,
    limit: i32,
) -> Result<UnlinkedMentions, ApiError> {
    let limit = limit.clamp(0, PageRequest::MAX_LIMIT) as usize;
    state.with_store(move |store| link::unlinked_mentions(store, actor_id, limit)).await
}

/// Links every unlinked mention of an actor; returns the new mentions' ids.
#[tauri::command]
#[specta::specta]
pub(crate) async fn link_unlinked_mentions(
    state: State<'_, AppState>,
    actor_id: i32,
) -> Result<Changed<Vec<i32>>, ApiError> {
    state.with_change(move |store| history::link_unlinked_mentions(store, actor_id)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn actor_relations(
    state: State<'_, AppState>,
    actor_id: i32,
) -> Result<Vec<RelationSummary>, ApiError> {
    state.with_store(move |store| store.actor_relations(actor_id)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn actor_quotations(
    state: State<'_, AppState>,
    actor_id: i32,
    page: PageRequest,
) -> Result<Page<Citation>, ApiError> {
    state.with_store(move |store| store.actor_quotations(actor_id, page)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn actor_mentions(
    state: State<'_, AppState>,
    actor_id: i32,
    page: PageRequest,
) -> Result<Page<MentionInSource>, ApiError> {
    state.with_store(move |store| store.actor_mentions(actor_id, page)).await
}

/// Actors the library already has under a name written another way (asked before creating one).
#[tauri::command]
#[specta::specta]
pub(crate) async fn actors_like(state: State<'_, AppState>, name: String) -> Result<Vec<ActorRef>, ApiError> {
    state.with_store(move |store| link::actors_like(store, &name)).await
}

/// Links a passage of a source to an actor; returns the mention's id.
#[tauri::command]
#[specta::specta]
pub(crate) async fn link_span(
    state: State<'_, AppState>,
    source_id: i32,
    start: i32,
    end: i32,
    actor_id: i32,
) -> Result<Changed<i32>, ApiError> {
    state.with_change(move |store| history::link_span(store, source_id, start, end, actor_id)).await
}
