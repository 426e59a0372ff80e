//! The events the shell sends the page: what changed in the library, where an import
//! stands, a backup made in the background, a sync with the team.

use dossier_core::import::{FileReport, ImportProgress};
use dossier_core::model::RecordKind;
use serde::Serialize;

/// Sent when the store changed outside the page's own calls (an import batch, a write
/// made beside the window, the store found damaged), with the kinds of record that may
/// have changed: the views showing them read again, the others stay as they are.
#[derive(Debug, Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct LibraryChanged {
    pub touched: Vec<RecordKind>,
}

impl LibraryChanged {
    /// New sources and their suggestions (an import batch).
    pub fn imported() -> Self {
        LibraryChanged { touched: vec![RecordKind::Sources, RecordKind::Suggestions] }
    }

    /// Anything may have changed (another program wrote, or the store is gone).
    pub fn anything() -> Self {
        LibraryChanged { touched: RecordKind::ALL.to_vec() }
    }
}

/// Sent when a backup was made outside the page's own calls (the day's backup): the
/// list in Settings reads them again. Nothing else reloads.
#[derive(Debug, Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct BackupMade {
    pub path: String,
}

/// Sent after each try to sync with the team (and when syncing starts or stops): the
/// status bar and Settings → Team show `status`; `pulled` says colleagues' changes
/// arrived (a [`LibraryChanged`] goes with them).
#[derive(Debug, Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct TeamSynced {
    pub status: crate::syncing::TeamStatus,
    pub pulled: bool,
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
