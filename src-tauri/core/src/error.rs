//! The core's error type, and its one mapping to the `{code, message}` pair that the UI
//! shows to a person and the CLI turns into an exit code.

use serde::Serialize;
use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path} is not a Dossier store ({reason})")]
    NotADossierStore { path: PathBuf, reason: String },

    #[error(
        "{path} was written by a newer Dossier (store version {found}, this app reads up to {supported}); update Dossier to open it"
    )]
    StoreTooNew { path: PathBuf, found: i32, supported: i32 },

    #[error("cannot open the store at {path}: {source}")]
    OpenStore { path: PathBuf, source: rusqlite::Error },

    #[error("upgrading the store to version {version} failed: {source}")]
    Migration { version: i32, source: rusqlite::Error },

    #[error("{entity} {id} does not exist")]
    NotFound { entity: &'static str, id: i32 },

    #[error("{0}")]
    Invalid(String),

    #[error("cannot read {path}: {source}")]
    ReadFile { path: PathBuf, source: std::io::Error },

    #[error("{path}: {reason}")]
    Unsupported { path: PathBuf, reason: String },

    #[error("the store refused the change: {0}")]
    Constraint(String),

    #[error("store error: {0}")]
    Sqlite(rusqlite::Error),

    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        // Constraint failures come from what the user asked for (a duplicate alias, an
        // actor still referenced by claims): they are user errors, not crashes.
        if let rusqlite::Error::SqliteFailure(code, msg) = &err {
            if code.code == rusqlite::ErrorCode::ConstraintViolation {
                return Error::Constraint(msg.clone().unwrap_or_else(|| code.to_string()));
            }
        }
        Error::Sqlite(err)
    }
}

/// Stable, machine-readable error codes the UI branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotADossierStore,
    StoreTooNew,
    StoreUnavailable,
    NotFound,
    InvalidInput,
    Unsupported,
    Conflict,
    /// The team's server could not be reached, or refused (a password, a lost connection).
    TeamServer,
    Internal,
}

impl ErrorCode {
    /// Whether the person can fix this by changing what they asked for (CLI exit 1), as
    /// opposed to a fault in Dossier or the machine (exit 2).
    pub fn is_user_error(self) -> bool {
        !matches!(self, ErrorCode::Internal | ErrorCode::StoreUnavailable)
    }
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::NotADossierStore { .. } => ErrorCode::NotADossierStore,
            Error::StoreTooNew { .. } => ErrorCode::StoreTooNew,
            Error::OpenStore { .. } => ErrorCode::StoreUnavailable,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Invalid(_) => ErrorCode::InvalidInput,
            Error::ReadFile { .. } => ErrorCode::InvalidInput,
            Error::Unsupported { .. } => ErrorCode::Unsupported,
            Error::Constraint(_) => ErrorCode::Conflict,
            Error::Migration { .. } | Error::Sqlite(_) | Error::Io(_) => ErrorCode::Internal,
        }
    }
}

/// What crosses the IPC boundary when a command fails.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<Error> for ApiError {
    fn from(err: Error) -> Self {
        ApiError { code: err.code(), message: err.to_string() }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
