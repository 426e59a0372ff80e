//! Dossier's domain, with no Tauri and no display: the data model, the SQLite store, and
//! the operations the desktop app and the command line both call.
//!
//! `store` (the only SQL), `history` (every change a person makes), `import`, `extract`,
//! `link`, `export` and search; `bench` measures them. The Tauri shell (`src-tauri/`)
//! and the CLI (`src-tauri/cli`) stay thin over them.

pub mod ach;
pub mod bench;
pub mod copies;
pub mod edtf;
pub mod error;
pub mod export;
pub mod extract;
pub mod handoff;
pub mod history;
pub mod import;
pub mod link;
pub mod model;
pub mod original;
pub mod paths;
pub mod prefs;
pub mod store;
pub mod text;
pub mod triage;
pub mod wikilink;

pub use error::{ApiError, Error, ErrorCode, Result};
pub use store::Store;
