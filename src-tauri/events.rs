//! The events the shell sends the page: what changed in the library, where an import
//! stands, a backup made in the background.

use dossier_core::import::{FileReport, ImportProgress, ImportReport};
use serde::Serialize;

/// Sent when the store changed outside the page's own calls: sources imported, the
/// store found damaged.
#[derive(Debug, Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct LibraryChanged {
    pub report: Option<ImportReport>,
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
