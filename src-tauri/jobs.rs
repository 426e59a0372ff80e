//! Work the shell runs beside the page: import batches (one at a time, each on its own
//! connection), the start's integrity check and daily backup, tidying the search index
//! when the page is idle, following writes made beside the window, and files handed
//! over by later starts.

use crate::events::{BackupMade, ImportProgressed, LibraryChanged};
use crate::state::{internal, AppState};
use dossier_core::import::{self, ImportOptions, ImportProgress, ImportReport, Readers};
use dossier_core::{handoff, ApiError, ErrorCode, Store};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

/// Files are read, and texts analysed, in worker processes of this very program.
pub(crate) fn workers() -> Result<Readers, ApiError> {
    dossier_cli::reader_workers()
        .map_err(|e| internal(&format!("cannot find Dossier's own program to read files with: {e}")))
}

pub(crate) async fn run_import(app: AppHandle, paths: Vec<PathBuf>) -> Result<ImportReport, ApiError> {
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
        let ocr = dossier_core::prefs::load_ocr(dossier_core::prefs::ocr_file().as_deref());
        let options = ImportOptions { readers: workers()?, ocr: Some(ocr), ..ImportOptions::default() };
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
                let _ = LibraryChanged::imported().emit(&events);
            }
        });
        let _ = ImportProgressed { batch, progress: latest, finished, over: true }.emit(&events);
        Ok(report)
    })
    .await
    .map_err(|err| internal(&format!("the import stopped unexpectedly: {err}")))??;
    let _ = LibraryChanged::imported().emit(&app);
    tidy_when_idle(app.clone());
    Ok(report)
}

/// Imports files named on the command line ("Open with Dossier"); the page hears of it
/// through the same events as a drop.
pub(crate) fn import_on_start(app: AppHandle, files: Vec<PathBuf>) {
    tauri::async_runtime::spawn(async move {
        if let Err(err) = run_import(app, files).await {
            eprintln!("dossier: import failed: {}", err.message);
        }
    });
}

/// SQLite's quick check, the day's backup and the copy detector's catching up, on a
/// connection of their own once the window is up and the page has settled (quiet for a
/// moment, or 20 s at most): the first two read the whole file, which at 100,000 sources kept the window blank for seconds and
/// then slowed its first screens. A damaged store is then closed, and the page, told
/// the library changed, shows why and how to restore it.
pub(crate) fn check_in_background(app: AppHandle, path: PathBuf) {
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
            Ok(mut store) => {
                match store.daily_backup() {
                    Ok(Some(path)) => {
                        let _ = BackupMade { path: path.display().to_string() }.emit(&app);
                    }
                    Ok(None) => {}
                    Err(err) => eprintln!("dossier: the daily backup failed: {err}"),
                }
                // Sources the copy detector has not read: a library from before it, or
                // an import cut short. Read once, here, off the page's connection.
                match store.find_copies() {
                    Ok(0) => {}
                    Ok(_) => {
                        let _ = LibraryChanged::anything().emit(&app);
                    }
                    Err(err) => eprintln!("dossier: looking for republished copies failed: {err}"),
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
                let _ = LibraryChanged::anything().emit(&app);
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
pub(crate) fn tidy_when_idle(app: AppHandle) {
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
pub(crate) fn follow_other_writers(app: AppHandle) {
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
                    let _ = LibraryChanged::anything().emit(&app);
                }
            }
            seen = now;
        }
    });
}

/// Files handed over by later starts on this store: the window comes to the front and
/// imports them, one batch after another like drops.
pub(crate) fn hear_handoffs(app: AppHandle, listener: handoff::Listener) {
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
