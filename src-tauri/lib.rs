//! The Tauri shell: turns IPC commands and window events into dossier-core calls, and
//! nothing else. No SQL, no parsing, no domain rules live here.
//!
//! `commands/` holds the commands by domain (their one list is `commands/list.rs`),
//! `jobs.rs` the work run beside the page (imports, the start's check, tidying,
//! following other writers), `syncing.rs` the background sync with the team, `window.rs` the window and desktop, `state.rs` what the
//! window holds, `events.rs` what the page is told, `drops.rs` links dropped from a browser.
//!
//! Every command runs on a blocking thread (never on the UI's main thread), returns a
//! page or a single record (never a whole table), and fails with an [`ApiError`]
//! `{code, message}` that the UI shows to the person.

use commands::{actors, claims, files, hypotheses, library, notes, review, team};
use dossier_core::{handoff, paths, prefs, ApiError, ErrorCode};
use events::{BackupMade, ImportProgressed, LibraryChanged, TeamSynced};
use state::{Activity, AppState, Imports};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use tauri_specta::{collect_commands, collect_events};

#[macro_use]
mod macros {
    include!("commands/list.rs");
}
mod commands;
mod drops;
mod events;
mod jobs;
mod state;
mod syncing;
mod window;

/// The typed command and event set; `tests/bindings.rs` exports it to `ui/src/bindings.ts`.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(app_commands!(collect_commands))
        .events(collect_events![LibraryChanged, ImportProgressed, BackupMade, TeamSynced])
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
        Some(path) => window::open_for_window(path).map(|(store, held)| {
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
        team: Default::default(),
        _lock: lock,
    };
    let builder = specta_builder();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(own_pages_only())
        .invoke_handler(builder.invoke_handler())
        .manage(state)
        .on_window_event(|window, event| {
            if matches!(
                event,
                tauri::WindowEvent::Moved(_)
                    | tauri::WindowEvent::Resized(_)
                    | tauri::WindowEvent::CloseRequested { .. }
            ) {
                window::remember_geometry(window);
            }
        })
        .setup(move |app| {
            builder.mount_events(app);
            window::restore_geometry(app.handle());
            if let Some(main) = tauri::Manager::get_webview_window(app, "main") {
                drops::keep_dropped_addresses(&main);
            }
            if let (Some(path), true) = (checked_path.clone(), opened) {
                jobs::check_in_background(app.handle().clone(), path);
            }
            if let Some(listener) = handoff_listener {
                jobs::hear_handoffs(app.handle().clone(), listener);
            }
            if opened {
                jobs::follow_other_writers(app.handle().clone());
                syncing::sync_in_background(app.handle().clone());
            }
            if !files.is_empty() {
                jobs::import_on_start(app.handle().clone(), files);
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

/// The window shows Dossier's own page and nothing else: a link dropped where the page
/// does not take it, or a page's script, would otherwise take the webview to a web site.
fn own_pages_only<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("own-pages-only")
        .on_navigation(|_, url| {
            let own = url.scheme() == "tauri"
                || url.host_str() == Some("tauri.localhost")
                // `cargo build` without the embedded UI loads it from Vite's dev server.
                || (!cfg!(feature = "custom-protocol") && url.host_str() == Some("localhost"));
            if !own {
                eprintln!("dossier: the window was kept from going to {url}");
            }
            own
        })
        .build()
}

#[cfg(test)]
mod tests {
    /// The listed commands' names (`domain::name` → "name"), as build.rs reads them.
    macro_rules! names {
        ($($domain:ident :: $name:ident),* $(,)?) => {
            &[$(stringify!($name)),*]
        };
    }

    /// The capability build.rs writes grants the listed commands and nothing else of
    /// ours, and the committed bindings type every one of them.
    #[test]
    fn the_window_may_call_exactly_the_listed_commands_and_the_bindings_type_them() {
        let listed: &[&str] = app_commands!(names);
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json")).expect("the capability is JSON");
        let mut granted: Vec<String> = capability["permissions"]
            .as_array()
            .expect("a list of permissions")
            .iter()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(str::to_string))
            .collect();
        let mut wanted: Vec<String> = listed.iter().map(|name| name.replace('_', "-")).collect();
        granted.sort();
        wanted.sort();
        assert_eq!(granted, wanted);
        let bindings = include_str!("../ui/src/bindings.ts");
        for name in listed {
            let camel: String = name
                .split('_')
                .enumerate()
                .map(|(i, part)| if i == 0 { part.to_string() } else { part[..1].to_uppercase() + &part[1..] })
                .collect();
            assert!(bindings.contains(&format!("\t{camel}: (")), "bindings.ts lacks the command {camel}");
        }
    }
}
