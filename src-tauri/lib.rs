//! The Tauri shell: turns IPC commands and window events into dossier-core calls, and
//! nothing else. No SQL, no parsing, no domain rules live here.
//!
//! Every command runs on a blocking thread (never on the UI's main thread), returns a
//! page or a single record (never a whole table), and fails with an [`ApiError`]
//! `{code, message}` that the UI shows to the person.

use dossier_core::import::{self, ImportReport, Limits};
use dossier_core::model::*;
use dossier_core::store::ClaimFilter;
use dossier_core::{paths, ApiError, ErrorCode, Store};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use tauri::State;
use tauri_specta::{collect_commands, collect_events, Event};

include!("command_names.rs");

/// The open store, or why it could not be opened (shown by the UI on every call).
struct AppState {
    store: Arc<Mutex<Result<Store, ApiError>>>,
    path: Option<PathBuf>,
}

impl AppState {
    /// Runs `work` with the store on a blocking thread.
    async fn with_store<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> dossier_core::Result<T> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = store.lock().map_err(|_| internal("the store is unusable after an earlier failure"))?;
            let store = guard.as_mut().map_err(|err| err.clone())?;
            work(store).map_err(ApiError::from)
        })
        .await
        .map_err(|err| internal(&format!("the command stopped unexpectedly: {err}")))?
    }
}

fn internal(message: &str) -> ApiError {
    ApiError { code: ErrorCode::Internal, message: message.to_string() }
}

/// Where the store is and what it holds, for the status bar and Settings.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct StoreInfo {
    pub path: Option<String>,
    pub schema_version: i32,
    pub stats: Stats,
}

/// Sent when sources were added or removed outside the page's own calls.
#[derive(Debug, Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct LibraryChanged {
    pub report: Option<ImportReport>,
}

#[tauri::command]
#[specta::specta]
async fn store_info(state: State<'_, AppState>) -> Result<StoreInfo, ApiError> {
    let path = state.path.as_ref().map(|p| p.display().to_string());
    state
        .with_store(move |store| Ok(StoreInfo { path, schema_version: store.schema_version()?, stats: store.stats()? }))
        .await
}

#[tauri::command]
#[specta::specta]
async fn list_sources(
    state: State<'_, AppState>,
    sort: SourceSort,
    page: PageRequest,
) -> Result<Page<SourceSummary>, ApiError> {
    state.with_store(move |store| store.list_sources(sort, page)).await
}

#[tauri::command]
#[specta::specta]
async fn get_source(state: State<'_, AppState>, id: i32) -> Result<Source, ApiError> {
    state.with_store(move |store| store.source(id)).await
}

#[tauri::command]
#[specta::specta]
async fn list_actors(
    state: State<'_, AppState>,
    kind: Option<ActorKind>,
    page: PageRequest,
) -> Result<Page<ActorSummary>, ApiError> {
    state.with_store(move |store| store.list_actors(kind, page)).await
}

#[tauri::command]
#[specta::specta]
async fn get_actor(state: State<'_, AppState>, id: i32) -> Result<Actor, ApiError> {
    state.with_store(move |store| store.actor(id)).await
}

#[tauri::command]
#[specta::specta]
async fn list_claims(
    state: State<'_, AppState>,
    actor_id: Option<i32>,
    status: Option<ReviewStatus>,
    page: PageRequest,
) -> Result<Page<Claim>, ApiError> {
    state.with_store(move |store| store.list_claims(ClaimFilter { actor_id, status }, page)).await
}

#[tauri::command]
#[specta::specta]
async fn get_claim(state: State<'_, AppState>, id: i32) -> Result<Claim, ApiError> {
    state.with_store(move |store| store.claim(id)).await
}

#[tauri::command]
#[specta::specta]
async fn citations_of_claim(state: State<'_, AppState>, claim_id: i32) -> Result<Vec<Citation>, ApiError> {
    state.with_store(move |store| store.citations_of_claim(claim_id)).await
}

#[tauri::command]
#[specta::specta]
async fn citations_in_source(state: State<'_, AppState>, source_id: i32) -> Result<Vec<Citation>, ApiError> {
    state.with_store(move |store| store.citations_in_source(source_id)).await
}

#[tauri::command]
#[specta::specta]
async fn mentions_in_source(state: State<'_, AppState>, source_id: i32) -> Result<Vec<Mention>, ApiError> {
    state.with_store(move |store| store.mentions_in_source(source_id)).await
}

#[tauri::command]
#[specta::specta]
async fn list_notes(state: State<'_, AppState>, page: PageRequest) -> Result<Page<NoteSummary>, ApiError> {
    state.with_store(move |store| store.list_notes(page)).await
}

#[tauri::command]
#[specta::specta]
async fn get_note(state: State<'_, AppState>, id: i32) -> Result<Note, ApiError> {
    state.with_store(move |store| store.note(id)).await
}

#[tauri::command]
#[specta::specta]
async fn search(
    state: State<'_, AppState>,
    query: String,
    kind: Option<SearchKind>,
    page: PageRequest,
) -> Result<Page<SearchHit>, ApiError> {
    state.with_store(move |store| store.search(&query, kind, page)).await
}

#[tauri::command]
#[specta::specta]
async fn import_paths(state: State<'_, AppState>, paths: Vec<String>) -> Result<ImportReport, ApiError> {
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    state.with_store(move |store| Ok(import::import_paths(store, &paths, Limits::default()))).await
}

/// The typed command and event set; `tests/bindings.rs` exports it to `ui/src/bindings.ts`.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            store_info,
            list_sources,
            get_source,
            list_actors,
            get_actor,
            list_claims,
            get_claim,
            citations_of_claim,
            citations_in_source,
            mentions_in_source,
            list_notes,
            get_note,
            search,
            import_paths,
        ])
        .events(collect_events![LibraryChanged])
        // Our transport types go one way each; one TypeScript type per Rust type reads best.
        .disable_serde_phases()
}

/// Opens the window on the store at `db` (or the default store) and imports `files`.
pub fn run(db: Option<PathBuf>, files: Vec<PathBuf>) -> ExitCode {
    let path = paths::store_path(db);
    let store = match &path {
        Some(path) => Store::open(path).map_err(ApiError::from),
        None => Err(ApiError {
            code: ErrorCode::StoreUnavailable,
            message: "no home folder to keep the store in; start Dossier with --db PATH".into(),
        }),
    };
    if let Err(err) = &store {
        // The window still opens and shows this; the terminal gets it too.
        eprintln!("dossier: {}", err.message);
    }
    let state = AppState { store: Arc::new(Mutex::new(store)), path };
    let builder = specta_builder();
    let result = tauri::Builder::default()
        .invoke_handler(builder.invoke_handler())
        .manage(state)
        .setup(move |app| {
            builder.mount_events(app);
            if !files.is_empty() {
                import_on_start(app.handle().clone(), files);
            }
            Ok(())
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dossier: the window could not be opened: {err}");
            ExitCode::from(2)
        }
    }
}

/// Imports files named on the command line ("Open with Dossier"), then tells the page.
fn import_on_start(app: tauri::AppHandle, files: Vec<PathBuf>) {
    use tauri::Manager;
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        let outcome = state.with_store(move |store| Ok(import::import_paths(store, &files, Limits::default()))).await;
        match outcome {
            Ok(report) => {
                let _ = LibraryChanged { report: Some(report) }.emit(&app);
            }
            Err(err) => eprintln!("dossier: import failed: {}", err.message),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registered_command_is_declared_to_the_permission_system() {
        let declared: Vec<&str> = COMMANDS.to_vec();
        let capability = include_str!("../capabilities/default.json");
        for name in &declared {
            let permission = format!("\"allow-{}\"", name.replace('_', "-"));
            assert!(capability.contains(&permission), "capabilities/default.json lacks {permission}");
        }
        let bindings = include_str!("../ui/src/bindings.ts");
        for name in &declared {
            let camel: String = name
                .split('_')
                .enumerate()
                .map(|(i, part)| if i == 0 { part.to_string() } else { part[..1].to_uppercase() + &part[1..] })
                .collect();
            assert!(bindings.contains(&format!("\t{camel}: (")), "bindings.ts lacks the command {camel}");
        }
    }
}
