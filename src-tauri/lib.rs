//! The Tauri shell: turns IPC commands and window events into dossier-core calls, and
//! nothing else. No SQL, no parsing, no domain rules live here.
//!
//! Every command runs on a blocking thread (never on the UI's main thread), returns a
//! page or a single record (never a whole table), and fails with an [`ApiError`]
//! `{code, message}` that the UI shows to the person.

use dossier_core::import::{self, FileReport, ImportOptions, ImportProgress, ImportReport, Readers, WorkerCommand};
use dossier_core::model::*;
use dossier_core::store::lock::WindowLock;
use dossier_core::store::{backup, Accepted};
use dossier_core::{export, handoff, history, link, original, paths, prefs, ApiError, ErrorCode, Store};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tauri::{AppHandle, Manager, State};
use tauri_specta::{collect_commands, collect_events, Event};

include!("command_names.rs");

/// The open store, or why it could not be opened (shown by the UI on every call).
struct AppState {
    store: Arc<Mutex<Result<Store, ApiError>>>,
    path: Option<PathBuf>,
    imports: Imports,
    /// Set while the start's check and daily backup hold a connection of their own: a
    /// restore waits for them ([`restore_backup`]).
    checking: AtomicBool,
    /// Set while the search index is being tidied ([`tidy_when_idle`]), one thread at a time.
    tidying: AtomicBool,
    activity: Activity,
    /// Held for as long as the window has the store (one window per store).
    _lock: Option<WindowLock>,
}

/// When the page last used the store: the start's check and backup, and tidying, wait
/// for a quiet moment so that they do not slow what the person is doing.
struct Activity {
    last_used: Mutex<Instant>,
}

impl Default for Activity {
    fn default() -> Self {
        Activity { last_used: Mutex::new(Instant::now()) }
    }
}

impl Activity {
    fn touch(&self) {
        if let Ok(mut last) = self.last_used.lock() {
            *last = Instant::now();
        }
    }

    fn quiet_for(&self, wanted: Duration) -> bool {
        self.last_used.lock().is_ok_and(|last| last.elapsed() >= wanted)
    }
}

/// Import batches run one after another, each on its own connection to the store so
/// that the page keeps reading while files are written.
#[derive(Default)]
struct Imports {
    turn: tokio::sync::Mutex<()>,
    cancel: Arc<AtomicBool>,
    batches: AtomicI32,
}

impl AppState {
    /// Runs `work` with the store on a blocking thread.
    async fn with_store<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> dossier_core::Result<T> + Send + 'static,
    {
        self.activity.touch();
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

/// Sent when the store changed outside the page's own calls: sources imported, the
/// store found damaged.
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
    filter: SourceFilter,
    page: PageRequest,
) -> Result<Page<SourceSummary>, ApiError> {
    state.with_store(move |store| store.filter_sources(sort, &filter, page)).await
}

#[tauri::command]
#[specta::specta]
async fn source_tags(state: State<'_, AppState>, source_id: i32) -> Result<Vec<String>, ApiError> {
    state.with_store(move |store| store.source_tags(source_id)).await
}

/// Tags a source; returns whether the tag is new on it.
#[tauri::command]
#[specta::specta]
async fn tag_source(state: State<'_, AppState>, source_id: i32, tag: String) -> Result<bool, ApiError> {
    state.with_store(move |store| history::tag_source(store, source_id, &tag)).await
}

#[tauri::command]
#[specta::specta]
async fn untag_source(state: State<'_, AppState>, source_id: i32, tag: String) -> Result<(), ApiError> {
    state.with_store(move |store| history::untag_source(store, source_id, &tag)).await
}

/// The sites, languages and tags of the library, for the Library's filters.
#[tauri::command]
#[specta::specta]
async fn source_facets(state: State<'_, AppState>) -> Result<SourceFacets, ApiError> {
    state.with_store(move |store| store.source_facets()).await
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
    listing: ActorListing,
    page: PageRequest,
) -> Result<Page<ActorSummary>, ApiError> {
    state.with_store(move |store| store.find_actors(&listing, page)).await
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
    listing: ClaimListing,
    page: PageRequest,
) -> Result<Page<Claim>, ApiError> {
    state.with_store(move |store| store.find_claims(&listing, page)).await
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

/// Writes a new note; returns its id.
#[tauri::command]
#[specta::specta]
async fn create_note(state: State<'_, AppState>, title: String, body: String) -> Result<i32, ApiError> {
    state.with_store(move |store| history::create_note(store, &title, &body)).await
}

#[tauri::command]
#[specta::specta]
async fn update_note(state: State<'_, AppState>, id: i32, title: String, body: String) -> Result<(), ApiError> {
    state.with_store(move |store| history::update_note(store, id, &title, &body)).await
}

#[tauri::command]
#[specta::specta]
async fn delete_note(state: State<'_, AppState>, id: i32) -> Result<(), ApiError> {
    state.with_store(move |store| history::delete_note(store, id)).await
}

/// The notes linking to an actor, source, claim or note.
#[tauri::command]
#[specta::specta]
async fn note_backlinks(state: State<'_, AppState>, target: LinkTarget, id: i32) -> Result<Vec<NoteSummary>, ApiError> {
    state.with_store(move |store| store.backlinks(target, id)).await
}

/// The network of actors for the graph view, as columns.
#[tauri::command]
#[specta::specta]
async fn network(state: State<'_, AppState>, filter: NetworkFilter) -> Result<Network, ApiError> {
    state.with_store(move |store| store.network(&filter)).await
}

/// The claims behind one edge of the graph, each with its quotations.
#[tauri::command]
#[specta::specta]
async fn edge_evidence(
    state: State<'_, AppState>,
    subject_id: i32,
    object_id: i32,
    relation: Relation,
) -> Result<Vec<ClaimEvidence>, ApiError> {
    state.with_store(move |store| store.edge_evidence(subject_id, object_id, relation)).await
}

/// Dated claims and sources in date order, a page at a time.
#[tauri::command]
#[specta::specta]
async fn timeline(
    state: State<'_, AppState>,
    filter: TimelineFilter,
    page: PageRequest,
) -> Result<Page<TimelineItem>, ApiError> {
    state.with_store(move |store| store.timeline(&filter, page)).await
}

#[tauri::command]
#[specta::specta]
async fn search(
    state: State<'_, AppState>,
    query: String,
    kind: Option<SearchKind>,
    page: PageRequest,
) -> Result<SearchPage, ApiError> {
    state.with_store(move |store| store.search(&query, kind, page)).await
}

#[tauri::command]
#[specta::specta]
async fn list_suggestions(
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
async fn accept_suggestion(state: State<'_, AppState>, id: i32) -> Result<Accepted, ApiError> {
    state.with_store(move |store| history::accept_suggestion(store, id)).await
}

/// Rejects a suggestion; it is not proposed again when its source is re-analysed.
#[tauri::command]
#[specta::specta]
async fn reject_suggestion(state: State<'_, AppState>, id: i32) -> Result<(), ApiError> {
    state.with_store(move |store| history::reject_suggestion(store, id)).await
}

#[tauri::command]
#[specta::specta]
async fn edit_suggestion(state: State<'_, AppState>, id: i32, changes: SuggestionEdit) -> Result<Suggestion, ApiError> {
    state.with_store(move |store| history::edit_suggestion(store, id, &changes)).await
}

/// Adds an alias; the page then offers the actor's unlinked mentions.
#[tauri::command]
#[specta::specta]
async fn add_alias(state: State<'_, AppState>, actor_id: i32, alias: String) -> Result<bool, ApiError> {
    state.with_store(move |store| history::add_alias(store, actor_id, &alias)).await
}

#[tauri::command]
#[specta::specta]
async fn merge_actors(state: State<'_, AppState>, kept_id: i32, merged_id: i32) -> Result<MergeOutcome, ApiError> {
    state.with_store(move |store| history::merge_actors(store, kept_id, merged_id)).await
}

#[tauri::command]
#[specta::specta]
async fn split_alias(state: State<'_, AppState>, actor_id: i32, alias: String) -> Result<SplitOutcome, ApiError> {
    state.with_store(move |store| history::split_alias(store, actor_id, &alias)).await
}

#[tauri::command]
#[specta::specta]
async fn actor_merges(state: State<'_, AppState>, actor_id: Option<i32>) -> Result<Vec<ActorMerge>, ApiError> {
    state.with_store(move |store| store.actor_merges(actor_id)).await
}

/// Where the library names an actor by an alias without a mention; the first `limit`.
#[tauri::command]
#[specta::specta]
async fn unlinked_mentions(
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
async fn link_unlinked_mentions(state: State<'_, AppState>, actor_id: i32) -> Result<Vec<i32>, ApiError> {
    state.with_store(move |store| history::link_unlinked_mentions(store, actor_id)).await
}

/// Analyses one source (or, with none, the whole library) again, in a worker process;
/// says how many were analysed and which failed.
#[tauri::command]
#[specta::specta]
async fn reanalyze(state: State<'_, AppState>, source_id: Option<i32>) -> Result<import::Reanalysis, ApiError> {
    let readers = workers()?;
    state.with_store(move |store| import::reanalyze(store, source_id, &readers)).await
}

/// Files are read, and texts analysed, in worker processes of this very program.
fn workers() -> Result<Readers, ApiError> {
    WorkerCommand::this_executable(&["read-worker"])
        .map(Readers::Workers)
        .map_err(|e| internal(&format!("cannot find Dossier's own program to read files with: {e}")))
}

#[tauri::command]
#[specta::specta]
async fn create_actor(state: State<'_, AppState>, actor: NewActor) -> Result<i32, ApiError> {
    state.with_store(move |store| history::create_actor(store, &actor)).await
}

#[tauri::command]
#[specta::specta]
async fn rename_actor(state: State<'_, AppState>, actor_id: i32, name: String) -> Result<(), ApiError> {
    state.with_store(move |store| history::rename_actor(store, actor_id, &name)).await
}

#[tauri::command]
#[specta::specta]
async fn set_actor_kind(state: State<'_, AppState>, actor_id: i32, kind: ActorKind) -> Result<(), ApiError> {
    state.with_store(move |store| history::set_actor_kind(store, actor_id, kind)).await
}

#[tauri::command]
#[specta::specta]
async fn set_actor_description(state: State<'_, AppState>, actor_id: i32, description: String) -> Result<(), ApiError> {
    state.with_store(move |store| history::set_actor_description(store, actor_id, &description)).await
}

/// Corrects a claim's date (EDTF, or none); the date given is checked.
#[tauri::command]
#[specta::specta]
async fn set_claim_date(state: State<'_, AppState>, claim_id: i32, date: Option<String>) -> Result<(), ApiError> {
    state.with_store(move |store| history::set_claim_date(store, claim_id, date.as_deref())).await
}

/// Confirms a claim's date: a person looked at it and lets it stand.
#[tauri::command]
#[specta::specta]
async fn confirm_claim_date(state: State<'_, AppState>, claim_id: i32) -> Result<(), ApiError> {
    state.with_store(move |store| history::confirm_claim_date(store, claim_id)).await
}

/// Actors the library already has under a name written another way (asked before creating one).
#[tauri::command]
#[specta::specta]
async fn actors_like(state: State<'_, AppState>, name: String) -> Result<Vec<ActorRef>, ApiError> {
    state.with_store(move |store| link::actors_like(store, &name)).await
}

#[tauri::command]
#[specta::specta]
async fn set_source_details(
    state: State<'_, AppState>,
    source_id: i32,
    details: SourceDetails,
) -> Result<SourceDetails, ApiError> {
    state.with_store(move |store| history::set_source_details(store, source_id, &details)).await
}

#[tauri::command]
#[specta::specta]
async fn remove_alias(state: State<'_, AppState>, actor_id: i32, alias: String) -> Result<(), ApiError> {
    state.with_store(move |store| history::remove_alias(store, actor_id, &alias)).await
}

#[tauri::command]
#[specta::specta]
async fn actor_relations(state: State<'_, AppState>, actor_id: i32) -> Result<Vec<RelationSummary>, ApiError> {
    state.with_store(move |store| store.actor_relations(actor_id)).await
}

#[tauri::command]
#[specta::specta]
async fn actor_quotations(
    state: State<'_, AppState>,
    actor_id: i32,
    page: PageRequest,
) -> Result<Page<Citation>, ApiError> {
    state.with_store(move |store| store.actor_quotations(actor_id, page)).await
}

#[tauri::command]
#[specta::specta]
async fn actor_mentions(
    state: State<'_, AppState>,
    actor_id: i32,
    page: PageRequest,
) -> Result<Page<MentionInSource>, ApiError> {
    state.with_store(move |store| store.actor_mentions(actor_id, page)).await
}

#[tauri::command]
#[specta::specta]
async fn merge_preview(state: State<'_, AppState>, kept_id: i32, merged_id: i32) -> Result<MergePreview, ApiError> {
    state.with_store(move |store| store.merge_preview(kept_id, merged_id)).await
}

/// States a claim from a passage selected in the reader, with its citation.
#[tauri::command]
#[specta::specta]
async fn cite_claim(state: State<'_, AppState>, claim: CitedClaim) -> Result<CitedClaimIds, ApiError> {
    state.with_store(move |store| history::cite_claim(store, &claim)).await
}

/// Links a passage of a source to an actor; returns the mention's id.
#[tauri::command]
#[specta::specta]
async fn link_span(
    state: State<'_, AppState>,
    source_id: i32,
    start: i32,
    end: i32,
    actor_id: i32,
) -> Result<i32, ApiError> {
    state.with_store(move |store| history::link_span(store, source_id, start, end, actor_id)).await
}

/// The pending suggestions of a source for a bulk acceptance, each ticked unless it
/// deserves a second look.
#[tauri::command]
#[specta::specta]
async fn bulk_candidates(state: State<'_, AppState>, source_id: i32) -> Result<Vec<BulkCandidate>, ApiError> {
    state.with_store(move |store| dossier_core::triage::bulk_candidates(store, source_id)).await
}

/// Accepts the suggestions ticked in a bulk acceptance, as one change.
#[tauri::command]
#[specta::specta]
async fn accept_suggestions(state: State<'_, AppState>, ids: Vec<i32>) -> Result<i32, ApiError> {
    state.with_store(move |store| history::accept_suggestions(store, &ids)).await
}

/// The latest changes the person made, newest first.
#[tauri::command]
#[specta::specta]
async fn list_changes(state: State<'_, AppState>, limit: i32) -> Result<Vec<ChangeEntry>, ApiError> {
    state.with_store(move |store| history::recent(store, limit.clamp(0, PageRequest::MAX_LIMIT))).await
}

/// Takes back change `id`, or the latest one that can be; returns it, or null when
/// there was nothing to undo.
#[tauri::command]
#[specta::specta]
async fn undo_change(state: State<'_, AppState>, id: Option<i32>) -> Result<Option<ChangeEntry>, ApiError> {
    state.with_store(move |store| history::undo(store, id)).await
}

/// Opens a copy of the source's original in the system's viewer for its type, never in
/// this window. Web pages and e-mails open as an inert copy unless `how` asks for the
/// original page (the page warns first); copies go to a folder private to this user.
#[tauri::command]
#[specta::specta]
async fn open_original(state: State<'_, AppState>, source_id: i32, how: original::OpenAs) -> Result<(), ApiError> {
    let path = state
        .with_store(move |store| {
            let folder = original::private_folder()?;
            original::write_copy(store, source_id, how, &folder)
        })
        .await?;
    tauri::async_runtime::spawn_blocking(move || open_with_system_viewer(&path))
        .await
        .map_err(|err| internal(&format!("opening the original stopped unexpectedly: {err}")))?
        .map_err(|err: std::io::Error| ApiError {
            code: ErrorCode::Unsupported,
            message: format!("the original could not be opened: {err}"),
        })
}

/// Exports into `folder` (created; an earlier Dossier export there is replaced).
#[tauri::command]
#[specta::specta]
async fn export_library(
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
async fn save_graph_image(
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
async fn backup_now(state: State<'_, AppState>) -> Result<String, ApiError> {
    state.with_store(move |store| store.backup().map(|p| p.display().to_string())).await
}

/// The store's backups, newest first.
#[tauri::command]
#[specta::specta]
async fn list_backups(state: State<'_, AppState>) -> Result<Vec<backup::Backup>, ApiError> {
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
async fn restore_backup(app: AppHandle, backup: String) -> Result<(), ApiError> {
    let state = app.state::<AppState>();
    let _turn = state.imports.turn.try_lock().map_err(|_| ApiError {
        code: ErrorCode::Conflict,
        message: "an import is running; restore when it is done".into(),
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
    let _ = LibraryChanged { report: None }.emit(&app);
    Ok(())
}

/// Opens a folder in the system's file manager ("Show in folder" after an export).
#[tauri::command]
#[specta::specta]
async fn show_in_folder(folder: String) -> Result<(), ApiError> {
    let path = PathBuf::from(folder);
    if !path.is_dir() {
        return Err(ApiError { code: ErrorCode::NotFound, message: format!("{} is not a folder", path.display()) });
    }
    open_with_system_viewer(&path).map_err(|err| ApiError {
        code: ErrorCode::Unsupported,
        message: format!("the folder could not be shown: {err}"),
    })
}

fn open_with_system_viewer(path: &std::path::Path) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("explorer");
        c.arg("/select,");
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = command.spawn()?;
    // Reap it when it exits, so that no zombie is left behind.
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// Sent when a backup was made outside the page's own calls (the day's backup): the
/// list in Settings reads them again. Nothing else reloads.
#[derive(Debug, Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct BackupMade {
    pub path: String,
}

/// Where an import batch stands, sent at most ten times a second and once at the end.
#[derive(Debug, Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct ImportProgressed {
    pub batch: i32,
    pub progress: ImportProgress,
    /// Files finished since the previous event, in the order they finished.
    pub finished: Vec<FileReport>,
    /// True on the batch's last event.
    pub over: bool,
}

/// Imports files and folders (dropped, chosen in the file dialog, or named on the
/// command line); progress arrives as [`ImportProgressed`] events.
#[tauri::command]
#[specta::specta]
async fn import_paths(app: AppHandle, paths: Vec<String>) -> Result<ImportReport, ApiError> {
    run_import(app, paths.into_iter().map(PathBuf::from).collect()).await
}

/// Stops the running import after the files already being read; the rest stay out.
#[tauri::command]
#[specta::specta]
async fn cancel_import(state: State<'_, AppState>) -> Result<(), ApiError> {
    state.imports.cancel.store(true, Ordering::Relaxed);
    Ok(())
}

/// Creates a source from pasted text or an HTML fragment.
#[tauri::command]
#[specta::specta]
async fn import_pasted(state: State<'_, AppState>, text: String, html: Option<String>) -> Result<FileReport, ApiError> {
    let readers = workers()?;
    state.with_store(move |store| import::import_pasted(store, &text, html.as_deref(), &readers)).await
}

async fn run_import(app: AppHandle, paths: Vec<PathBuf>) -> Result<ImportReport, ApiError> {
    let state = app.state::<AppState>();
    let _turn = state.imports.turn.lock().await;
    let path = state.path.clone().ok_or_else(|| ApiError {
        code: ErrorCode::StoreUnavailable,
        message: "there is no store to import into".into(),
    })?;
    let cancel = Arc::clone(&state.imports.cancel);
    cancel.store(false, Ordering::Relaxed);
    let batch = state.imports.batches.fetch_add(1, Ordering::Relaxed) + 1;
    let events = app.clone();
    let report = tauri::async_runtime::spawn_blocking(move || -> Result<ImportReport, ApiError> {
        let mut store = Store::open(&path)?;
        let options = ImportOptions { readers: workers()?, ..ImportOptions::default() };
        let mut finished = Vec::new();
        let mut last_sent: Option<Instant> = None;
        let mut last_refresh: Option<Instant> = None;
        let mut latest = ImportProgress::default();
        let report = import::import_batch(&mut store, &paths, &options, &cancel, &mut |progress, file| {
            finished.extend(file.cloned());
            latest = progress.clone();
            if last_sent.is_none_or(|t| t.elapsed() >= Duration::from_millis(100)) {
                last_sent = Some(Instant::now());
                let finished = std::mem::take(&mut finished);
                let _ = ImportProgressed { batch, progress: progress.clone(), finished, over: false }.emit(&events);
            }
            // The Library shows new sources as they arrive, a page reload a second at most.
            if progress.imported > 0 && last_refresh.is_none_or(|t| t.elapsed() >= Duration::from_secs(1)) {
                last_refresh = Some(Instant::now());
                let _ = LibraryChanged { report: None }.emit(&events);
            }
        });
        let _ = ImportProgressed { batch, progress: latest, finished, over: true }.emit(&events);
        Ok(report)
    })
    .await
    .map_err(|err| internal(&format!("the import stopped unexpectedly: {err}")))??;
    let _ = LibraryChanged { report: None }.emit(&app);
    tidy_when_idle(app.clone());
    Ok(report)
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
            cancel_import,
            import_pasted,
            list_suggestions,
            accept_suggestion,
            reject_suggestion,
            edit_suggestion,
            add_alias,
            merge_actors,
            split_alias,
            actor_merges,
            unlinked_mentions,
            link_unlinked_mentions,
            reanalyze,
            create_actor,
            rename_actor,
            set_actor_description,
            remove_alias,
            actor_relations,
            actor_mentions,
            actor_quotations,
            set_source_details,
            actors_like,
            bulk_candidates,
            accept_suggestions,
            confirm_claim_date,
            set_claim_date,
            merge_preview,
            cite_claim,
            link_span,
            open_original,
            source_facets,
            set_actor_kind,
            source_tags,
            tag_source,
            untag_source,
            export_library,
            show_in_folder,
            backup_now,
            list_backups,
            restore_backup,
            list_changes,
            undo_change,
            create_note,
            update_note,
            delete_note,
            note_backlinks,
            network,
            edge_evidence,
            timeline,
            save_graph_image,
        ])
        .events(collect_events![LibraryChanged, ImportProgressed, BackupMade])
        // Our transport types go one way each; one TypeScript type per Rust type reads best.
        .disable_serde_phases()
}

/// Opens the window on the store at `db` (or the default store) and imports `files`.
pub fn run(db: Option<PathBuf>, files: Vec<PathBuf>) -> ExitCode {
    // A store named on the command line or in the environment wins; otherwise the app
    // opens the store it opened last (the command line keeps to the default).
    let remembered = prefs::last_store_file();
    let last = (!paths::store_named(&db)).then(|| remembered.as_deref().and_then(prefs::last_store)).flatten();
    let path = last.or_else(|| paths::store_path(db));
    // A window already has this store open: it imports the files and comes to the front.
    if let Some(path) = &path {
        match handoff::send(path, &files) {
            Ok(()) => {
                eprintln!(
                    "dossier: {} is open in a running window; handed {} file(s) to it",
                    path.display(),
                    files.len()
                );
                return ExitCode::SUCCESS;
            }
            // No window has it open (the usual case): this start opens one.
            Err(err) if err.kind() == std::io::ErrorKind::ConnectionRefused => {}
            Err(err) => eprintln!("dossier: did not hand the files to a running window ({err}); opening one"),
        }
    }
    let mut lock = None;
    let store = match &path {
        Some(path) => open_for_window(path).map(|(store, held)| {
            lock = Some(held);
            store
        }),
        None => Err(ApiError {
            code: ErrorCode::StoreUnavailable,
            message: "no home folder to keep the store in; start Dossier with --db PATH".into(),
        }),
    };
    match (&store, &path, &remembered) {
        (Ok(_), Some(path), Some(file)) => {
            let _ = prefs::remember_store(file, path);
        }
        // The window still opens and shows this; the terminal gets it too.
        (Err(err), _, _) => eprintln!("dossier: {}", err.message),
        _ => {}
    }
    // Only the window holding the store's lock hears later starts on it.
    let handoff_listener = match (&lock, &path) {
        (Some(_), Some(path)) => match handoff::listen(path) {
            Ok(listener) => Some(listener),
            Err(err) => {
                // Files opened later on this store then start a window of their own,
                // which is refused by the lock: say why here.
                eprintln!("dossier: cannot listen for files opened later on this store: {err}");
                None
            }
        },
        _ => None,
    };
    let opened = store.is_ok();
    let checked_path = path.clone();
    let state = AppState {
        store: Arc::new(Mutex::new(store)),
        path,
        imports: Imports::default(),
        checking: AtomicBool::new(false),
        tidying: AtomicBool::new(false),
        activity: Activity::default(),
        _lock: lock,
    };
    let builder = specta_builder();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(builder.invoke_handler())
        .manage(state)
        .on_window_event(|window, event| {
            if matches!(
                event,
                tauri::WindowEvent::Moved(_)
                    | tauri::WindowEvent::Resized(_)
                    | tauri::WindowEvent::CloseRequested { .. }
            ) {
                remember_geometry(window);
            }
        })
        .setup(move |app| {
            builder.mount_events(app);
            restore_geometry(app.handle());
            if let (Some(path), true) = (checked_path.clone(), opened) {
                check_in_background(app.handle().clone(), path);
            }
            if let Some(listener) = handoff_listener {
                hear_handoffs(app.handle().clone(), listener);
            }
            if opened {
                follow_other_writers(app.handle().clone());
            }
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

/// Puts the main window where and as large as it was when last closed.
fn restore_geometry(app: &AppHandle) {
    let (Some(window), Some(file)) = (app.get_webview_window("main"), prefs::window_file()) else { return };
    let Some(geometry) = prefs::load_window(&file) else { return };
    let _ = window.set_size(tauri::PhysicalSize::new(geometry.width, geometry.height));
    let _ = window.set_position(tauri::PhysicalPosition::new(geometry.x, geometry.y));
    if geometry.maximized {
        let _ = window.maximize();
    }
}

/// Keeps the main window's geometry for the next start (a maximized window keeps the
/// size it had before, so that leaving full size restores it).
fn remember_geometry(window: &tauri::Window) {
    let Some(file) = prefs::window_file() else { return };
    let maximized = window.is_maximized().unwrap_or(false);
    let (Ok(position), Ok(size)) = (window.outer_position(), window.inner_size()) else { return };
    let geometry = if maximized {
        let Some(mut kept) = prefs::load_window(&file) else { return };
        kept.maximized = true;
        kept
    } else {
        prefs::WindowGeometry { x: position.x, y: position.y, width: size.width, height: size.height, maximized }
    };
    if geometry.is_plausible() {
        let _ = prefs::save_window(&file, &geometry);
    }
}

/// Opens the store for the window: one window per store. Its integrity check and the
/// day's backup follow in the background ([`check_in_background`]).
fn open_for_window(path: &std::path::Path) -> Result<(Store, WindowLock), ApiError> {
    let lock = WindowLock::acquire(path)?;
    let store = Store::open(path)?;
    Ok((store, lock))
}

/// SQLite's quick check and the day's backup, on a connection of their own once the
/// window is up and the page has settled (quiet for a moment, or 20 s at most): both
/// read the whole file, which at 100,000 sources kept the window blank for seconds and
/// then slowed its first screens. A damaged store is then closed, and the page, told
/// the library changed, shows why and how to restore it.
fn check_in_background(app: AppHandle, path: PathBuf) {
    const SETTLED: Duration = Duration::from_millis(1500);
    const AT_MOST: Duration = Duration::from_secs(20);
    app.state::<AppState>().checking.store(true, Ordering::SeqCst);
    std::thread::spawn(move || {
        let waiting = Instant::now();
        while !app.state::<AppState>().activity.quiet_for(SETTLED) && waiting.elapsed() < AT_MOST {
            std::thread::sleep(Duration::from_millis(250));
        }
        let checked = Store::open(&path).and_then(|store| store.check_integrity().map(|()| store));
        let healthy = match checked {
            Ok(store) => {
                match store.daily_backup() {
                    Ok(Some(path)) => {
                        let _ = BackupMade { path: path.display().to_string() }.emit(&app);
                    }
                    Ok(None) => {}
                    Err(err) => eprintln!("dossier: the daily backup failed: {err}"),
                }
                true
            }
            Err(err) => {
                // No connection is left open here: a restore may start as soon as the
                // page hears of the damage.
                app.state::<AppState>().checking.store(false, Ordering::SeqCst);
                let err = ApiError::from(err);
                eprintln!("dossier: {}", err.message);
                if let Ok(mut store) = app.state::<AppState>().store.lock() {
                    *store = Err(err);
                }
                let _ = LibraryChanged { report: None }.emit(&app);
                false
            }
        };
        // The check's connection is closed by now.
        app.state::<AppState>().checking.store(false, Ordering::SeqCst);
        if healthy {
            tidy_when_idle(app);
        }
    });
}

/// Merges the full-text indexes down (`Store::tidy_search_index_step`) one short step at
/// a time, only while the page has left the store alone for a few seconds and no import
/// runs; one such thread at a time. Runs after the start's check and after each import,
/// which is when new index segments appear. Each step borrows the window's own
/// connection: a second one kept open could outlive a restore, and closing it then
/// would remove the restored store's WAL by name.
fn tidy_when_idle(app: AppHandle) {
    const QUIET: Duration = Duration::from_secs(3);
    let state = app.state::<AppState>();
    if state.path.is_none() || state.tidying.swap(true, Ordering::SeqCst) {
        return;
    }
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        loop {
            if !state.activity.quiet_for(QUIET) || state.imports.turn.try_lock().is_err() {
                std::thread::sleep(Duration::from_secs(1));
                continue;
            }
            let stepped = match state.store.lock() {
                Ok(mut guard) => match guard.as_mut() {
                    Ok(store) => store.tidy_search_index_step(),
                    // No usable store (damaged, or being restored): nothing to tidy.
                    Err(_) => Ok(false),
                },
                Err(_) => Ok(false),
            };
            match stepped {
                Ok(true) => std::thread::sleep(Duration::from_millis(20)),
                Ok(false) => break,
                Err(err) => {
                    eprintln!("dossier: tidying the search index failed: {err}");
                    break;
                }
            }
        }
        state.tidying.store(false, Ordering::SeqCst);
    });
}

/// Tells the page when something else wrote to the store (`dossier import` or any other
/// command run beside the window): once a second it asks SQLite whether another
/// connection committed (`PRAGMA data_version`, a read of a counter, no query of the
/// data). The window's own import batches write on connections of their own and report
/// themselves, so while one runs the count is taken afresh afterwards, not reported.
fn follow_other_writers(app: AppHandle) {
    const EVERY: Duration = Duration::from_secs(1);
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        let version = || match state.store.lock() {
            Ok(guard) => guard.as_ref().ok().and_then(|store| store.data_version().ok()),
            Err(_) => None,
        };
        // Counted from before the page first reads the store, so that nothing written
        // beside it in its first second goes unnoticed.
        let mut seen: Option<i64> = version();
        loop {
            std::thread::sleep(EVERY);
            let Ok(_no_import) = state.imports.turn.try_lock() else {
                seen = None;
                continue;
            };
            let now = version();
            if let (Some(before), Some(now)) = (seen, now) {
                if before != now {
                    let _ = LibraryChanged { report: None }.emit(&app);
                }
            }
            seen = now;
        }
    });
}

/// Files handed over by later starts on this store: the window comes to the front and
/// imports them, one batch after another like drops.
fn hear_handoffs(app: AppHandle, listener: handoff::Listener) {
    std::thread::spawn(move || loop {
        let files = match listener.accept() {
            Ok(files) => files,
            Err(err) => {
                // A refused or broken connection; never spin if the socket itself fails.
                eprintln!("dossier: a handoff failed: {err}");
                std::thread::sleep(Duration::from_millis(200));
                continue;
            }
        };
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.set_focus();
        }
        if !files.is_empty() {
            import_on_start(app.clone(), files);
        }
    });
}

/// Imports files named on the command line ("Open with Dossier"); the page hears of it
/// through the same events as a drop.
fn import_on_start(app: AppHandle, files: Vec<PathBuf>) {
    tauri::async_runtime::spawn(async move {
        if let Err(err) = run_import(app, files).await {
            eprintln!("dossier: import failed: {}", err.message);
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
