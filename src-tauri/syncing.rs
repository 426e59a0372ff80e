//! Syncing the window's store with its team in the background: one thread per window,
//! running while the store has team settings (`dossier_sync::settings`). It syncs when
//! the window starts, when a colleague pushes (the server's LISTEN notice), when the
//! person changed something here (checked every two seconds), and when asked (settings
//! saved, "Sync now"). Offline, changes wait in the store's outbox and the thread tries
//! again every 30 s. What it did reaches the page as [`TeamSynced`].

use crate::events::{LibraryChanged, TeamSynced};
use crate::state::AppState;
use dossier_core::{ApiError, ErrorCode, Store};
use dossier_sync::client;
use dossier_sync::settings::{self, TeamSettings, Tls};
use dossier_sync::Client;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::{Condvar, Mutex};
use std::time::Duration;
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

/// How long an unreachable server is left alone before the next try.
const RETRY: Duration = Duration::from_secs(30);
/// How often the thread looks for changes made here while it waits for the server.
const LOOK: Duration = Duration::from_secs(2);
/// A sync at least this often even when nothing was heard: a connection that a router
/// dropped without a word hears no notice, and a pull costs one query.
const AT_LEAST: Duration = Duration::from_secs(300);

/// Where the window's store stands with its team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    /// The store has no team settings here.
    Off,
    Syncing,
    /// The last sync went through; the thread waits for the next change.
    Synced,
    /// The server could not be reached or refused: changes wait here.
    Offline,
}

/// What the status bar and Settings → Team show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct TeamStatus {
    pub state: SyncState,
    /// "ana@db.example.org:5432/dossier", without the password.
    pub server: Option<String>,
    pub investigation: Option<String>,
    /// When the last sync went through (RFC 3339, UTC).
    pub last_synced_at: Option<String>,
    /// Rows changed here and not pushed yet.
    pub pending: i32,
    /// Fields set differently on two desktops, and decisions disputed, not yet looked at.
    pub conflicts: i32,
    /// Why the last try failed, in words.
    pub message: Option<String>,
}

impl TeamStatus {
    pub(crate) fn without_message(self) -> TeamStatus {
        TeamStatus { message: None, ..self }
    }
}

impl Default for TeamStatus {
    fn default() -> Self {
        TeamStatus {
            state: SyncState::Off,
            server: None,
            investigation: None,
            last_synced_at: None,
            pending: 0,
            conflicts: 0,
            message: None,
        }
    }
}

/// The team settings as Settings → Team edits them. The saved password is never sent
/// to the page: `has_password` says there is one, and an empty `password` keeps it.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct TeamForm {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    pub password: Option<String>,
    pub has_password: bool,
    pub investigation: String,
    pub tls: Tls,
    /// Paths of PEM files: the authority that signed the server's certificate, and a
    /// client certificate with its key (empty: none).
    pub ca_file: String,
    pub client_cert: String,
    pub client_key: String,
}

impl TeamForm {
    pub(crate) fn shown(settings: &TeamSettings) -> TeamForm {
        TeamForm {
            host: settings.host.clone(),
            port: settings.port,
            database: settings.database.clone(),
            user: settings.user.clone(),
            password: None,
            has_password: settings.password.is_some(),
            investigation: settings.investigation.clone(),
            tls: settings.tls,
            ca_file: settings.ca_file.clone().unwrap_or_default(),
            client_cert: settings.client_cert.clone().unwrap_or_default(),
            client_key: settings.client_key.clone().unwrap_or_default(),
        }
    }

    /// The settings to keep: a password left empty keeps the one saved for the same login.
    pub(crate) fn settings(self, saved: Option<&TeamSettings>) -> TeamSettings {
        let same_login = |s: &&TeamSettings| s.user == self.user.trim() && s.host == self.host.trim();
        let password = match self.password.filter(|p| !p.is_empty()) {
            Some(password) => Some(password),
            None => saved.filter(same_login).and_then(|s| s.password.clone()),
        };
        let file = |path: String| Some(path.trim().to_string()).filter(|p| !p.is_empty());
        TeamSettings {
            host: self.host.trim().to_string(),
            port: self.port,
            database: self.database.trim().to_string(),
            user: self.user.trim().to_string(),
            password,
            investigation: self.investigation.trim().to_lowercase(),
            tls: self.tls,
            ca_file: file(self.ca_file),
            client_cert: file(self.client_cert),
            client_key: file(self.client_key),
        }
    }
}

/// The window's side of syncing: the latest status and the bell that wakes the thread.
#[derive(Default)]
pub(crate) struct Team {
    status: Mutex<TeamStatus>,
    wake: Mutex<bool>,
    bell: Condvar,
}

impl Team {
    pub(crate) fn status(&self) -> TeamStatus {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Asks the thread to sync now (settings saved or forgotten, "Sync now").
    pub(crate) fn ring(&self) {
        if let Ok(mut wake) = self.wake.lock() {
            *wake = true;
            self.bell.notify_all();
        }
    }

    /// Whether the bell rang since the last look (and silences it).
    fn rang(&self) -> bool {
        self.wake.lock().map(|mut wake| std::mem::take(&mut *wake)).unwrap_or(false)
    }

    /// Waits until the bell rings or `timeout` passes.
    fn wait(&self, timeout: Duration) {
        if let Ok(wake) = self.wake.lock() {
            if let Ok((mut wake, _)) = self.bell.wait_timeout_while(wake, timeout, |rung| !*rung) {
                *wake = false;
            }
        }
    }
}

/// A sync error as the page shows it.
pub(crate) fn api_error(error: dossier_sync::Error) -> ApiError {
    match error {
        dossier_sync::Error::Store(error) => error.into(),
        dossier_sync::Error::Invalid(message) => ApiError { code: ErrorCode::InvalidInput, message },
        error @ dossier_sync::Error::Server(_) => ApiError { code: ErrorCode::TeamServer, message: error.to_string() },
    }
}

/// The store's own counts, with `state` and what else is known.
fn counted(store: &Store, mut status: TeamStatus) -> TeamStatus {
    if let Ok(now) = store.sync_status() {
        status.pending = now.pending.try_into().unwrap_or(i32::MAX);
        status.conflicts = now.conflicts.try_into().unwrap_or(i32::MAX);
        status.investigation = now.investigation.or(status.investigation);
    }
    status
}

/// Reads the window's store's counts into the status through the window's connection.
fn refreshed(app: &AppHandle, status: TeamStatus) -> TeamStatus {
    let state = app.state::<AppState>();
    let guard = state.store.lock();
    match guard.as_deref() {
        Ok(Ok(store)) => counted(store, status),
        _ => status,
    }
}

fn tell(app: &AppHandle, status: TeamStatus, pulled: bool) {
    let state = app.state::<AppState>();
    if let Ok(mut current) = state.team.status.lock() {
        *current = status.clone();
    }
    let _ = TeamSynced { status, pulled }.emit(app);
}

/// The team settings of the store at `path` (none when there is no data folder).
pub(crate) fn settings_of(path: &Path) -> Result<Option<TeamSettings>, dossier_sync::Error> {
    match settings::settings_file() {
        Some(file) => settings::load(&file, path),
        None => Ok(None),
    }
}

/// The last operation of the log this store has applied.
fn cursor_here(app: &AppHandle) -> i64 {
    let state = app.state::<AppState>();
    let guard = state.store.lock();
    match guard.as_deref() {
        Ok(Ok(store)) => store.sync_status().map_or(0, |s| s.cursor),
        _ => 0,
    }
}

/// Whether the person changed something the team has not had yet.
fn changed_here(app: &AppHandle) -> bool {
    let state = app.state::<AppState>();
    let guard = state.store.lock();
    matches!(guard.as_deref(), Ok(Ok(store)) if store.sync_status().is_ok_and(|s| s.pending > 0))
}

/// One sync on a connection to the store of its own, opened and closed here while the
/// window's import turn is held: a restore (refused during an import) then never finds
/// it open, and the window's follower of outside writes does not report it.
fn sync_once(app: &AppHandle, path: &Path, server: &mut Client, investigation: &str) -> Result<bool, ApiError> {
    let state = app.state::<AppState>();
    let _turn = state.imports.turn.blocking_lock();
    let mut store = Store::open(path)?;
    let report = client::sync_once(&mut store, server, investigation).map_err(api_error)?;
    // `ops` counts colleagues' operations only.
    Ok(report.applied.ops > 0)
}

/// Starts the window's sync thread (see the module's documentation).
pub(crate) fn sync_in_background(app: AppHandle) {
    let Some(path) = app.state::<AppState>().path.clone() else { return };
    std::thread::spawn(move || {
        let team = &app.state::<AppState>().team;
        let mut connected: Option<(TeamSettings, Client)> = None;
        let mut last_synced_at: Option<String> = None;
        loop {
            let settings = match settings_of(&path) {
                Ok(Some(settings)) => settings,
                Ok(None) => {
                    connected = None;
                    tell(&app, refreshed(&app, TeamStatus::default()), false);
                    team.wait(Duration::from_secs(3600));
                    continue;
                }
                Err(error) => {
                    connected = None;
                    let status = TeamStatus {
                        state: SyncState::Offline,
                        message: Some(api_error(error).message),
                        ..TeamStatus::default()
                    };
                    tell(&app, refreshed(&app, status), false);
                    team.wait(RETRY);
                    continue;
                }
            };
            let known = TeamStatus {
                server: Some(settings.described()),
                investigation: Some(settings.investigation.clone()),
                last_synced_at: last_synced_at.clone(),
                ..TeamStatus::default()
            };
            if connected.as_ref().is_some_and(|(used, _)| *used != settings) {
                connected = None;
            }
            if connected.is_none() {
                tell(&app, refreshed(&app, TeamStatus { state: SyncState::Syncing, ..known.clone() }), false);
                let opened = client::connect_with(&settings.config(), &settings.security())
                    .and_then(|mut server| client::listen(&mut server, &settings.investigation).map(|()| server));
                match opened {
                    Ok(server) => connected = Some((settings.clone(), server)),
                    Err(error) => {
                        let message = Some(api_error(error).message);
                        tell(&app, refreshed(&app, TeamStatus { state: SyncState::Offline, message, ..known }), false);
                        team.wait(RETRY);
                        continue;
                    }
                }
            }
            let Some((_, server)) = connected.as_mut() else { continue };
            tell(&app, refreshed(&app, TeamStatus { state: SyncState::Syncing, ..known.clone() }), false);
            match sync_once(&app, &path, server, &settings.investigation) {
                Ok(pulled) => {
                    last_synced_at = Some(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
                    let status =
                        TeamStatus { state: SyncState::Synced, last_synced_at: last_synced_at.clone(), ..known };
                    if pulled {
                        let _ = LibraryChanged::anything().emit(&app);
                    }
                    tell(&app, refreshed(&app, status), pulled);
                }
                Err(error) => {
                    connected = None;
                    let status = TeamStatus { state: SyncState::Offline, message: Some(error.message), ..known };
                    tell(&app, refreshed(&app, status), false);
                    team.wait(RETRY);
                    continue;
                }
            }
            // Until a colleague pushes, something changes here, the bell rings, or it is
            // time to look anyway.
            let waiting = std::time::Instant::now();
            loop {
                let Some((_, server)) = connected.as_mut() else { break };
                match client::wait_for_change(server, LOOK) {
                    // The notice of this desktop's own push says nothing new.
                    Ok(Some(seq)) if seq > cursor_here(&app) => break,
                    Ok(_) if team.rang() || changed_here(&app) || waiting.elapsed() >= AT_LEAST => break,
                    Ok(_) => {}
                    Err(_) => {
                        // The connection broke: the next round connects again.
                        connected = None;
                        break;
                    }
                }
            }
        }
    });
}
