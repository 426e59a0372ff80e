//! The window and the desktop around it: one window per store, its geometry kept
//! between starts, and files and folders shown by the system's own programs.

use dossier_core::store::lock::WindowLock;
use dossier_core::{prefs, ApiError, Store};
use tauri::{AppHandle, Manager};

/// Puts the main window where and as large as it was when last closed.
pub(crate) fn restore_geometry(app: &AppHandle) {
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
pub(crate) fn remember_geometry(window: &tauri::Window) {
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
pub(crate) fn open_for_window(path: &std::path::Path) -> Result<(Store, WindowLock), ApiError> {
    let lock = WindowLock::acquire(path)?;
    let store = Store::open(path)?;
    Ok((store, lock))
}

pub(crate) fn open_with_system_viewer(path: &std::path::Path) -> std::io::Result<()> {
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
