//! Commands that read or write files: imports (the batch itself runs in
//! [`crate::jobs`]), exports, the graph's picture, backups and their restore.

use crate::events::*;
use crate::jobs::{run_import, workers};
use crate::state::{internal, AppState};
use crate::window::open_with_system_viewer;
use dossier_core::import::{self, FileReport, ImportReport};
use dossier_core::store::backup;
use dossier_core::{export, ApiError, ErrorCode, Store};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use tauri::{AppHandle, Manager, State};
use tauri_specta::Event;

/// Imports files and folders (dropped, chosen in the file dialog, or named on the
/// command line); progress arrives as [`ImportProgressed`] events.
#[tauri::command]
#[specta::specta]
pub(crate) async fn import_paths(app: AppHandle, paths: Vec<String>) -> Result<ImportReport, ApiError> {
    let paths =
        crate::drops::as_dropped(paths).map_err(|message| ApiError { code: ErrorCode::InvalidInput, message })?;
    run_import(app, paths.into_iter().map(PathBuf::from).collect()).await
}

/// The file extensions import reads, for the file dialog's filter.
#[tauri::command]
#[specta::specta]
pub(crate) async fn importable_extensions() -> Result<Vec<String>, ApiError> {
    Ok(import::Format::EXTENSIONS.iter().map(|(extension, _)| extension.to_string()).collect())
}

/// The languages OCR reads scans and pictures in, and those installed.
#[tauri::command]
#[specta::specta]
pub(crate) async fn ocr_languages() -> Result<import::ocr::OcrLanguages, ApiError> {
    let settings = dossier_core::prefs::load_ocr(dossier_core::prefs::ocr_file().as_deref());
    Ok(import::ocr::OcrLanguages::of(&settings))
}

/// Chooses the languages OCR reads in (Tesseract's codes; at least one).
#[tauri::command]
#[specta::specta]
pub(crate) async fn set_ocr_languages(languages: Vec<String>) -> Result<import::ocr::OcrLanguages, ApiError> {
    let languages: Vec<String> = languages
        .into_iter()
        .filter(|l| !l.is_empty() && l.len() <= 32 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    if languages.is_empty() {
        return Err(ApiError {
            code: ErrorCode::InvalidInput,
            message: "choose at least one language to read scans in".into(),
        });
    }
    let settings = import::ocr::OcrSettings { languages };
    let file = dossier_core::prefs::ocr_file().ok_or_else(|| internal("there is no folder to keep settings in"))?;
    dossier_core::prefs::save_ocr(&file, &settings)
        .map_err(|e| internal(&format!("the languages could not be kept: {e}")))?;
    Ok(import::ocr::OcrLanguages::of(&settings))
}

/// Stops the running import after the files already being read; the rest stay out.
#[tauri::command]
#[specta::specta]
pub(crate) async fn cancel_import(state: State<'_, AppState>) -> Result<(), ApiError> {
    state.imports.cancel.store(true, Ordering::Relaxed);
    Ok(())
}

/// Creates a source from pasted text or an HTML fragment.
#[tauri::command]
#[specta::specta]
pub(crate) async fn import_pasted(
    state: State<'_, AppState>,
    text: String,
    html: Option<String>,
) -> Result<FileReport, ApiError> {
    let readers = workers()?;
    state.with_store(move |store| import::import_pasted(store, &text, html.as_deref(), &readers)).await
}

/// Creates a clipping source from a selection dropped from a browser: its HTML (else
/// its text), linked to the page's address when the browser gave one.
#[tauri::command]
#[specta::specta]
pub(crate) async fn import_clipping(
    state: State<'_, AppState>,
    text: String,
    html: Option<String>,
    page: Option<String>,
) -> Result<FileReport, ApiError> {
    let readers = workers()?;
    state
        .with_store(move |store| import::import_clipping(store, &text, html.as_deref(), page.as_deref(), &readers))
        .await
}

/// Exports into `folder` (created; an earlier Dossier export there is replaced).
#[tauri::command]
#[specta::specta]
pub(crate) async fn export_library(
    state: State<'_, AppState>,
    format: export::Format,
    scope: export::Scope,
    folder: String,
) -> Result<export::ExportReport, ApiError> {
    state.with_store(move |store| export::export(store, format, &scope, std::path::Path::new(&folder))).await
}

/// Writes a picture of the graph view (a PNG data URL or an SVG document) into a folder
/// the person chose, under a new name; returns the file written.
#[tauri::command]
#[specta::specta]
pub(crate) async fn save_graph_image(
    folder: String,
    format: export::image::ImageFormat,
    data: String,
) -> Result<String, ApiError> {
    tauri::async_runtime::spawn_blocking(move || {
        export::image::save(std::path::Path::new(&folder), format, &data).map(|p| p.display().to_string())
    })
    .await
    .map_err(|err| internal(&format!("saving the picture stopped unexpectedly: {err}")))?
    .map_err(ApiError::from)
}

/// Backs the store up now; returns the backup's path.
#[tauri::command]
#[specta::specta]
pub(crate) async fn backup_now(state: State<'_, AppState>) -> Result<String, ApiError> {
    state.with_store(move |store| store.backup().map(|p| p.display().to_string())).await
}

/// The store's backups, newest first.
#[tauri::command]
#[specta::specta]
pub(crate) async fn list_backups(state: State<'_, AppState>) -> Result<Vec<backup::Backup>, ApiError> {
    // Not through the store: a damaged store is exactly when backups are wanted.
    let path = state.path.clone();
    tauri::async_runtime::spawn_blocking(move || path.map_or(Ok(Vec::new()), |p| backup::list(&p)))
        .await
        .map_err(|err| internal(&format!("listing the backups stopped unexpectedly: {err}")))?
        .map_err(ApiError::from)
}

/// Replaces the open store with a backup (checked first; the store it replaces is
/// backed up), then reopens it. Refused while an import runs.
#[tauri::command]
#[specta::specta]
pub(crate) async fn restore_backup(app: AppHandle, backup: String) -> Result<(), ApiError> {
    let state = app.state::<AppState>();
    let _turn = state.imports.turn.try_lock().map_err(|_| ApiError {
        code: ErrorCode::Conflict,
        message: "an import or a sync with the team is running; restore when it is done".into(),
    })?;
    // The check's own connection, closed after the files were swapped, would take the
    // restored store's WAL with it.
    if state.checking.load(Ordering::SeqCst) {
        return Err(ApiError {
            code: ErrorCode::Conflict,
            message: "the store is still being checked and backed up after opening; restore in a moment".into(),
        });
    }
    let path = state.path.clone().ok_or_else(|| ApiError {
        code: ErrorCode::StoreUnavailable,
        message: "there is no store to restore into".into(),
    })?;
    let store = Arc::clone(&state.store);
    tauri::async_runtime::spawn_blocking(move || -> Result<(), ApiError> {
        let mut guard = store.lock().map_err(|_| internal("the store is unusable after an earlier failure"))?;
        // Close the store, swap the files, open it again (whatever happens, the window
        // then shows the store as it is on disk).
        *guard = Err(ApiError { code: ErrorCode::StoreUnavailable, message: "the store is being restored".into() });
        let restored = backup::restore(std::path::Path::new(&backup), &path);
        *guard = Store::open(&path).map_err(ApiError::from);
        restored?;
        guard.as_ref().map(|_| ()).map_err(Clone::clone)
    })
    .await
    .map_err(|err| internal(&format!("the restore stopped unexpectedly: {err}")))??;
    let _ = LibraryChanged::anything().emit(&app);
    Ok(())
}

/// Opens a folder in the system's file manager ("Show in folder" after an export).
#[tauri::command]
#[specta::specta]
pub(crate) async fn show_in_folder(folder: String) -> Result<(), ApiError> {
    let path = PathBuf::from(folder);
    if !path.is_dir() {
        return Err(ApiError { code: ErrorCode::NotFound, message: format!("{} is not a folder", path.display()) });
    }
    open_with_system_viewer(&path).map_err(|err| ApiError {
        code: ErrorCode::Unsupported,
        message: format!("the folder could not be shown: {err}"),
    })
}
