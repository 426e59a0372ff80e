//! Commands on claims and what they stand on: citations and mentions in a source,
//! claims stated from a passage, their dates, and the graph and timeline they make.

use crate::state::AppState;
use dossier_core::model::*;
use dossier_core::{history, ApiError};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub(crate) async fn list_claims(
    state: State<'_, AppState>,
    listing: ClaimListing,
    page: PageRequest,
) -> Result<Page<Claim>, ApiError> {
    state.with_store(move |store| store.find_claims(&listing, page)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn get_claim(state: State<'_, AppState>, id: i32) -> Result<Claim, ApiError> {
    state.with_store(move |store| store.claim(id)).await
}

/// How many sources a claim's citations come from, and how many are independent.
#[tauri::command]
#[specta::specta]
pub(crate) async fn corroboration(state: State<'_, AppState>, claim_id: i32) -> Result<Corroboration, ApiError> {
    state.with_store(move |store| store.corroboration(claim_id)).await
}

/// Grades a claim's credibility, 1–6; none lets the suggestion hold.
#[tauri::command]
#[specta::specta]
pub(crate) async fn grade_claim(
    state: State<'_, AppState>,
    claim_id: i32,
    credibility: Option<i32>,
) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::grade_claim(store, claim_id, credibility)).await
}

/// Why Dossier suggests the credibility it does for a claim, in words.
#[tauri::command]
#[specta::specta]
pub(crate) async fn credibility_reason(state: State<'_, AppState>, claim_id: i32) -> Result<String, ApiError> {
    state.with_store(move |store| store.credibility_reason(claim_id).map(|(_, why)| why.to_string())).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn citations_of_claim(state: State<'_, AppState>, claim_id: i32) -> Result<Vec<Citation>, ApiError> {
    state.with_store(move |store| store.citations_of_claim(claim_id)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn citations_in_source(state: State<'_, AppState>, source_id: i32) -> Result<Vec<Citation>, ApiError> {
    state.with_store(move |store| store.citations_in_source(source_id)).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn mentions_in_source(state: State<'_, AppState>, source_id: i32) -> Result<Vec<Mention>, ApiError> {
    state.with_store(move |store| store.mentions_in_source(source_id)).await
}

/// States a claim from a passage selected in the reader, with its citation.
#[tauri::command]
#[specta::specta]
pub(crate) async fn cite_claim(
    state: State<'_, AppState>,
    claim: CitedClaim,
) -> Result<Changed<CitedClaimIds>, ApiError> {
    state.with_change(move |store| history::cite_claim(store, &claim)).await
}

/// Corrects a claim's date (EDTF, or none); the date given is checked.
#[tauri::command]
#[specta::specta]
pub(crate) async fn set_claim_date(
    state: State<'_, AppState>,
    claim_id: i32,
    date: Option<String>,
) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::set_claim_date(store, claim_id, date.as_deref())).await
}

/// Confirms a claim's date: a person looked at it and lets it stand.
#[tauri::command]
#[specta::specta]
pub(crate) async fn confirm_claim_date(state: State<'_, AppState>, claim_id: i32) -> Result<Changed<()>, ApiError> {
    state.with_change(move |store| history::confirm_claim_date(store, claim_id)).await
}

/// The network of actors for the graph view, as columns.
#[tauri::command]
#[specta::specta]
pub(crate) async fn network(state: State<'_, AppState>, filter: NetworkFilter) -> Result<Network, ApiError> {
    state.with_store(move |store| store.network(&filter)).await
}

/// The claims behind one edge of the graph, each with its quotations.
#[tauri::command]
#[specta::specta]
pub(crate) async fn edge_evidence(
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
pub(crate) async fn timeline(
    state: State<'_, AppState>,
    filter: TimelineFilter,
    page: PageRequest,
) -> Result<Page<TimelineItem>, ApiError> {
    state.with_store(move |store| store.timeline(&filter, page)).await
}
