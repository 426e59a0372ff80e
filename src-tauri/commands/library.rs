//! Commands on the library as a whole and its sources: what the store holds, the
//! Library's list and filters, a source's details and original, search.

use crate::state::{internal, AppState};
use crate::window::open_with_system_viewer;
use dossier_core::model::*;
use dossier_core::{history, original, ApiError, ErrorCode};
use serde::Serialize;
use tauri::State;

/// Where the store is and what it holds, for the status bar and Settings.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct StoreInfo {
    pub path: Option<String>,
    pub schema_version: i32,
    pub stats: Stats,
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn store_info(state: State<'_, AppState>) -> Result<StoreInfo, ApiError> {
    let path = state.path.as_ref().map(|p| p.display().to_string());
    state
        .with_store(move |store| Ok(StoreInfo { path, schema_version: store.schema_version()?, stats: store.stats()? }))
        .await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn list_sources(
    state: State<'_, AppState>,
    sort: SourceSort,
    filter: SourceFilter,
    page: PageRequest,
) -> Result<Page<SourceSummary>, ApiError> {
    state.with_store(move |store| store.filter_sources(sort, &filter, page)).await
}

/// The sources related to one as copies of the same story (found, judged, or grouped).
#[tauri::command]
#[specta::specta]
pub(crate) async fn related_copies(state: State<'_, AppState>, source_id: i32) -> Result<Vec<RelatedCopy>, ApiError> {
    state.with_store(move |store| store.related_copies(source_id)).await
}

/// A person's word on two sources: one story, independent, or (none) the detector's.
#[tauri::command]
#[specta::specta]
pub(crate) async fn judge_copy(
    state: State<'_, AppState>,
    source_id: i32,
    other_id: i32,
    verdict: Option<CopyVerdict>,
) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::judge_copy(store, source_id, other_id, verdict)).await
}

/// A source's reliability: its own grade, its site's default, and which holds.
#[tauri::command]
#[specta::specta]
pub(crate) async fn source_grade(state: State<'_, AppState>, source_id: i32) -> Result<SourceGrade, ApiError> {
    state.with_store(move |store| store.source_grade(source_id)).await
}

/// Grades a source itself, A–F; none lets its site's default hold.
#[tauri::command]
#[specta::specta]
pub(crate) async fn grade_source(
    state: State<'_, AppState>,
    source_id: i32,
    reliability: Option<Reliability>,
) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::grade_source(store, source_id, reliability)).await
}

/// Every site with its default reliability and how many sources take it.
#[tauri::command]
#[specta::specta]
pub(crate) async fn site_grades(state: State<'_, AppState>) -> Result<Vec<SiteGrade>, ApiError> {
    state.with_store(move |store| store.site_grades()).await
}

/// Sets a site's default reliability (none takes it away).
#[tauri::command]
#[specta::specta]
pub(crate) async fn grade_site(
    state: State<'_, AppState>,
    site: String,
    reliability: Option<Reliability>,
) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::grade_site(store, &site, reliability)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn source_tags(state: State<'_, AppState>, source_id: i32) -> Result<Vec<String>, ApiError> {
    state.with_store(move |store| store.source_tags(source_id)).await
}

/// Tags a source; returns whether the tag is new on it.
#[tauri::command]
#[specta::specta]
pub(crate) async fn tag_source(
    state: State<'_, AppState>,
    source_id: i32,
    tag: String,
) -> Result<Changed<bool>, ApiError> {
    state.with_change(move |store| history::tag_source(store, source_id, &tag)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn untag_source(
    state: State<'_, AppState>,
    source_id: i32,
    tag: String,
) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::untag_source(store, source_id, &tag)).await
}

/// The sites, languages and tags of the library, for the Library's filters.
#[tauri::command]
#[specta::specta]
pub(crate) async fn source_facets(state: State<'_, AppState>) -> Result<SourceFacets, ApiError> {
    state.with_store(move |store| store.source_facets()).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn get_source(state: State<'_, AppState>, id: i32) -> Result<Source, ApiError> {
    state.with_store(move |store| store.source(id)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn set_source_details(
    state: State<'_, AppState>,
    source_id: i32,
    details: SourceDetails,
) -> Result<Changed<SourceDetails>, ApiError> {
    state.with_change(move |store| history::set_source_details(store, source_id, &details)).await
}

/// Opens a copy of the source's original in the system's viewer for its type, never in
/// this window. Web pages and e-mails open as an inert copy unless `how` asks for the
/// original page (the page warns first); copies go to a folder private to this user.
#[tauri::command]
#[specta::specta]
pub(crate) async fn open_original(
    state: State<'_, AppState>,
    source_id: i32,
    how: original::OpenAs,
) -> Result<(), ApiError> {
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

#[tauri::command]
#[specta::specta]
pub(crate) async fn search(
    state: State<'_, AppState>,
    query: String,
    kind: Option<SearchKind>,
    page: PageRequest,
) -> Result<SearchPage, ApiError> {
    state.with_store(move |store| store.search(&query, kind, page)).await
}
