//! Commands of Settings → Team: the store's way to its team (saved only once the server
//! answered and the investigation is open to the login), its sync status, syncing now,
//! and the conflicts to look at.

use crate::state::{internal, AppState};
use crate::syncing::{api_error, settings_of, SyncState, TeamForm, TeamStatus};
use dossier_core::{ApiError, ErrorCode};
use dossier_sync::settings::TeamSettings;
use dossier_sync::{client, server, settings};
use serde::Serialize;
use tauri::State;

/// A field two desktops set differently, or a decision made both ways, not yet looked at.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct TeamConflict {
    pub id: i32,
    /// What kind of record: "actors", "suggestions", "notes", "sources", "claims", …
    pub table: String,
    /// The record in words (a name, a label, a title), when it is still there.
    pub record: Option<String>,
    pub column: String,
    /// The value that stands, and the other, as JSON.
    pub kept: Option<String>,
    pub other: Option<String>,
}

fn no_store() -> ApiError {
    ApiError { code: ErrorCode::StoreUnavailable, message: "there is no store to sync".into() }
}

/// The store's team settings, without the password.
#[tauri::command]
#[specta::specta]
pub(crate) async fn team_settings(state: State<'_, AppState>) -> Result<Option<TeamForm>, ApiError> {
    let path = state.path.clone().ok_or_else(no_store)?;
    let settings = tauri::async_runtime::spawn_blocking(move || settings_of(&path).map_err(api_error))
        .await
        .map_err(|err| internal(&format!("reading the team settings stopped unexpectedly: {err}")))??;
    Ok(settings.as_ref().map(TeamForm::shown))
}

/// Connects with `form`, checks that the investigation is open to the login and that the
/// store may sync with it, then keeps the settings (0600, outside the store) and starts
/// syncing. Nothing is kept when any of that fails.
#[tauri::command]
#[specta::specta]
pub(crate) async fn save_team_settings(state: State<'_, AppState>, form: TeamForm) -> Result<TeamStatus, ApiError> {
    let path = state.path.clone().ok_or_else(no_store)?;
    let file = settings::settings_file().ok_or_else(|| ApiError {
        code: ErrorCode::StoreUnavailable,
        message: "no home folder to keep them in".into(),
    })?;
    let joined = state.with_store(|store| Ok(store.sync_status()?.investigation)).await?;
    let saved_path = path.clone();
    let kept = tauri::async_runtime::spawn_blocking(move || -> Result<TeamSettings, ApiError> {
        let saved = settings_of(&path).map_err(api_error)?;
        let wanted = form.settings(saved.as_ref());
        wanted.check().map_err(api_error)?;
        if let Some(joined) = joined.filter(|joined| *joined != wanted.investigation) {
            return Err(ApiError {
                code: ErrorCode::Conflict,
                message: format!(
                    "this store syncs with investigation {joined}; a store belongs to one investigation (make a new \
                     store for another)"
                ),
            });
        }
        let mut server = client::connect_with(&wanted.config(), &wanted.security()).map_err(api_error)?;
        if server::investigation_name(&mut server, &wanted.investigation).map_err(api_error)?.is_none() {
            return Err(ApiError {
                code: ErrorCode::NotFound,
                message: format!(
                    "no investigation {} is open to {} on this server (ask whoever runs it to add you to its team)",
                    wanted.investigation, wanted.user
                ),
            });
        }
        settings::save(&file, &saved_path, &wanted).map_err(api_error)?;
        Ok(wanted)
    })
    .await
    .map_err(|err| internal(&format!("saving the team settings stopped unexpectedly: {err}")))??;
    state.team.ring();
    // What the thread says next: it syncs with these settings now (never the status of
    // the settings before, with their old error).
    Ok(TeamStatus {
        state: SyncState::Syncing,
        server: Some(kept.described()),
        investigation: Some(kept.investigation),
        ..state.team.status()
    }
    .without_message())
}

/// Stops syncing here: forgets the settings and the password. The store keeps its
/// investigation and its changes not pushed yet; saving settings again carries on.
#[tauri::command]
#[specta::specta]
pub(crate) async fn stop_team_sync(state: State<'_, AppState>) -> Result<(), ApiError> {
    let path = state.path.clone().ok_or_else(no_store)?;
    tauri::async_runtime::spawn_blocking(move || match settings::settings_file() {
        Some(file) => settings::forget(&file, &path).map_err(api_error),
        None => Ok(()),
    })
    .await
    .map_err(|err| internal(&format!("forgetting the team settings stopped unexpectedly: {err}")))??;
    state.team.ring();
    Ok(())
}

/// Where the store stands with its team now: the last sync's outcome, with the changes
/// waiting and the conflicts counted afresh (the page asks after each change it makes).
#[tauri::command]
#[specta::specta]
pub(crate) async fn team_status(state: State<'_, AppState>) -> Result<TeamStatus, ApiError> {
    let now = state.with_store(|store| store.sync_status()).await?;
    let mut status = state.team.status();
    status.pending = now.pending.try_into().unwrap_or(i32::MAX);
    status.conflicts = now.conflicts.try_into().unwrap_or(i32::MAX);
    Ok(status)
}

/// Syncs as soon as the background thread can (the status follows as events).
#[tauri::command]
#[specta::specta]
pub(crate) async fn sync_now(state: State<'_, AppState>) -> Result<(), ApiError> {
    state.team.ring();
    Ok(())
}

/// The conflicts not yet looked at, newest first (at most `limit`).
#[tauri::command]
#[specta::specta]
pub(crate) async fn list_team_conflicts(state: State<'_, AppState>, limit: i32) -> Result<Vec<TeamConflict>, ApiError> {
    let conflicts = state.with_store(move |store| store.sync_conflicts(limit.clamp(1, 500).into())).await?;
    Ok(conflicts
        .into_iter()
        .map(|c| TeamConflict {
            id: c.id.try_into().unwrap_or(i32::MAX),
            table: c.table,
            record: c.record,
            column: c.column,
            kept: c.kept,
            other: c.other,
        })
        .collect())
}

/// Marks a conflict as looked at.
#[tauri::command]
#[specta::specta]
pub(crate) async fn resolve_team_conflict(state: State<'_, AppState>, id: i32) -> Result<TeamStatus, ApiError> {
    let now = state
        .with_store(move |store| {
            store.resolve_sync_conflict(id.into())?;
            store.sync_status()
        })
        .await?;
    let mut status = state.team.status();
    status.conflicts = now.conflicts.try_into().unwrap_or(i32::MAX);
    Ok(status)
}
