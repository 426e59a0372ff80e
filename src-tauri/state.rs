//! What the window holds: the open store (or why it could not be opened), the import
//! queue, and when the page last used the store.

use dossier_core::model::Changed;
use dossier_core::store::lock::WindowLock;
use dossier_core::{history, ApiError, ErrorCode, Store};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicI32};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The open store, or why it could not be opened (shown by the UI on every call).
pub(crate) struct AppState {
    pub(crate) store: Arc<Mutex<Result<Store, ApiError>>>,
    pub(crate) path: Option<PathBuf>,
    pub(crate) imports: Imports,
    /// Set while the start's check and daily backup hold a connection of their own: a
    /// restore waits for them ([`restore_backup`]).
    pub(crate) checking: AtomicBool,
    /// Set while the search index is being tidied ([`tidy_when_idle`]), one thread at a time.
    pub(crate) tidying: AtomicBool,
    pub(crate) activity: Activity,
    /// The background sync with the team ([`crate::syncing`]).
    pub(crate) team: crate::syncing::Team,
    /// Held for as long as the window has the store (one window per store).
    pub(crate) _lock: Option<WindowLock>,
}

/// When the page last used the store: the start's check and backup, and tidying, wait
/// for a quiet moment so that they do not slow what the person is doing.
pub(crate) struct Activity {
    last_used: Mutex<Instant>,
}

impl Default for Activity {
    fn default() -> Self {
        Activity { last_used: Mutex::new(Instant::now()) }
    }
}

impl Activity {
    pub(crate) fn touch(&self) {
        if let Ok(mut last) = self.last_used.lock() {
            *last = Instant::now();
        }
    }

    pub(crate) fn quiet_for(&self, wanted: Duration) -> bool {
        self.last_used.lock().is_ok_and(|last| last.elapsed() >= wanted)
    }
}

/// Import batches run one after another, each on its own connection to the store so
/// that the page keeps reading while files are written.
#[derive(Default)]
pub(crate) struct Imports {
    pub(crate) turn: tokio::sync::Mutex<()>,
    pub(crate) cancel: Arc<AtomicBool>,
    pub(crate) batches: AtomicI32,
}

impl AppState {
    /// Runs `work` with the store on a blocking thread.
    pub(crate) async fn with_store<T, F>(&self, work: F) -> Result<T, ApiError>
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

impl AppState {
    /// Runs one of `history`'s changes with the store on a blocking thread; the page gets
    /// the result, the change recorded and what it touched in one answer.
    pub(crate) async fn with_change<T, F>(&self, work: F) -> Result<Changed<T>, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> dossier_core::Result<T> + Send + 'static,
    {
        self.with_store(move |store| history::with_change(store, work)).await
    }
}

pub(crate) fn internal(message: &str) -> ApiError {
    ApiError { code: ErrorCode::Internal, message: message.to_string() }
}
