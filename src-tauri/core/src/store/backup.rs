//! Backups of the store: complete, consistent copies made with SQLite's `VACUUM INTO`
//! (readers and writers may carry on meanwhile), kept beside the store in
//! `backups/<store name>/`: before every schema migration, once a day when the app
//! starts, and on request. Restoring checks the backup first, backs up the store it
//! replaces, and swaps the files.

use super::{Store, APPLICATION_ID};
use crate::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How many backups of each kind are kept (the oldest go first).
pub const KEEP: usize = 10;

/// Why a backup was made; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Manual,
    Daily,
    BeforeMigration,
    BeforeRestore,
}

impl Reason {
    fn as_str(self) -> &'static str {
        match self {
            Reason::Manual => "manual",
            Reason::Daily => "daily",
            Reason::BeforeMigration => "before-migration",
            Reason::BeforeRestore => "before-restore",
        }
    }
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Backup {
    pub path: String,
    /// `manual`, `daily`, `before-migration` or `before-restore`.
    pub reason: String,
    /// When it was made (UTC, RFC 3339).
    pub made_at: String,
    /// Size in bytes (a float: exact far beyond any store's size, and JavaScript-safe).
    pub bytes: f64,
}

/// The folder of backups for the store at `store`.
pub fn folder(store: &Path) -> PathBuf {
    let name = store.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "library".into());
    store.parent().unwrap_or(Path::new(".")).join("backups").join(name)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::ReadFile { path: path.to_path_buf(), source }
}

/// Copies the database open on `conn` into a new file in the backup folder of `store`.
pub(super) fn make(conn: &Connection, store: &Path, reason: Reason) -> Result<PathBuf> {
    let dir = folder(store);
    crate::paths::create_private_dir_all(&dir).map_err(io(&dir))?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%3fZ");
    let path = dir.join(format!("{stamp}-{}.dossier", reason.as_str()));
    let partial = dir.join(format!(".{stamp}-{}.partial", reason.as_str()));
    let _ = std::fs::remove_file(&partial);
    conn.execute("VACUUM INTO ?1", [partial.to_string_lossy()])?;
    std::fs::rename(&partial, &path).map_err(io(&path))?;
    prune(&dir, reason)?;
    Ok(path)
}

/// Removes the oldest backups of `reason` beyond [`KEEP`].
fn prune(dir: &Path, reason: Reason) -> Result<()> {
    let suffix = format!("-{}.dossier", reason.as_str());
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(&suffix))
        .collect();
    names.sort();
    while names.len() > KEEP {
        let oldest = names.remove(0);
        std::fs::remove_file(dir.join(&oldest)).map_err(io(&dir.join(&oldest)))?;
    }
    Ok(())
}

/// The backups of the store at `store`, newest first.
pub fn list(store: &Path) -> Result<Vec<Backup>> {
    let dir = folder(store);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(io(&dir))? {
        let entry = entry.map_err(io(&dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".dossier") else { continue };
        let Some((stamp, reason)) = stem.split_once('-') else { continue };
        let Ok(when) = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S%3fZ") else { continue };
        out.push(Backup {
            path: entry.path().display().to_string(),
            reason: reason.to_string(),
            made_at: when.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            bytes: entry.metadata().map(|m| m.len() as f64).unwrap_or(0.0),
        });
    }
    out.sort_by(|a, b| b.made_at.cmp(&a.made_at).then(b.path.cmp(&a.path)));
    Ok(out)
}

/// Checks that `path` is a sound Dossier store: its application id and SQLite's own
/// integrity check.
pub fn verify(path: &Path) -> Result<()> {
    let not_a_store = |reason: String| Error::NotADossierStore { path: path.to_path_buf(), reason };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|source| Error::OpenStore { path: path.to_path_buf(), source })?;
    let id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|_| not_a_store("the file is not an SQLite database".into()))?;
    if id != APPLICATION_ID {
        return Err(not_a_store("it is not a Dossier store".into()));
    }
    super::harden(&conn)?;
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if verdict != "ok" {
        return Err(not_a_store(format!("it is damaged ({verdict})")));
    }
    let version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > super::LATEST_VERSION {
        return Err(Error::StoreTooNew { path: path.to_path_buf(), found: version, supported: super::LATEST_VERSION });
    }
    super::schema::check(&conn, version, path)
}

/// Replaces the store file at `store` with the backup at `backup`: the backup is checked
/// first, and the store it replaces is itself backed up. The store must not be open.
pub fn restore(backup: &Path, store: &Path) -> Result<PathBuf> {
    verify(backup)?;
    let saved = if store.exists() {
        match Store::open(store) {
            Ok(current) => {
                let saved = make(&current.conn, store, Reason::BeforeRestore)?;
                drop(current);
                Some(saved)
            }
            // A store that cannot be opened (damaged, or refused for its schema) is what a
            // restore is for: its files are kept as they are, byte for byte.
            Err(_) => Some(keep_raw(store)?),
        }
    } else {
        None
    };
    let dir = store.parent().unwrap_or(Path::new("."));
    let partial =
        dir.join(format!(".{}.restoring", store.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()));
    std::fs::copy(backup, &partial).map_err(io(&partial))?;
    // A WAL or shared-memory file beside the old store belongs to it, not to the backup.
    for side in ["-wal", "-shm"] {
        let path = PathBuf::from(format!("{}{side}", store.display()));
        if path.exists() {
            std::fs::remove_file(&path).map_err(io(&path))?;
        }
    }
    std::fs::rename(&partial, store).map_err(io(store))?;
    Ok(saved.unwrap_or_else(|| store.to_path_buf()))
}

/// Copies the files of a store that cannot be opened (with its WAL, which holds its
/// latest writes) into its backup folder as they are; returns the copy's path.
fn keep_raw(store: &Path) -> Result<PathBuf> {
    let dir = folder(store);
    crate::paths::create_private_dir_all(&dir).map_err(io(&dir))?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%3fZ");
    let path = dir.join(format!("{stamp}-{}.dossier", Reason::BeforeRestore.as_str()));
    std::fs::copy(store, &path).map_err(io(&path))?;
    for side in ["-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{side}", store.display()));
        if from.exists() {
            let to = PathBuf::from(format!("{}{side}", path.display()));
            std::fs::copy(&from, &to).map_err(io(&to))?;
        }
    }
    Ok(path)
}

impl Store {
    /// Backs the store up now; returns the backup's path.
    pub fn backup(&self) -> Result<PathBuf> {
        let path = self.path.as_deref().ok_or_else(|| Error::Invalid("an in-memory store has no backups".into()))?;
        make(&self.conn, path, Reason::Manual)
    }

    /// Makes the day's backup unless one was made in the last 24 hours. Returns it if made.
    pub fn daily_backup(&self) -> Result<Option<PathBuf>> {
        let Some(path) = self.path.as_deref() else { return Ok(None) };
        let recent = list(path)?.into_iter().filter(|b| b.reason == "daily").any(|b| {
            chrono::DateTime::parse_from_rfc3339(&b.made_at)
                .is_ok_and(|t| chrono::Utc::now().signed_duration_since(t) < chrono::Duration::hours(24))
        });
        if recent {
            return Ok(None);
        }
        make(&self.conn, path, Reason::Daily).map(Some)
    }

    /// SQLite's quick integrity check; an error says how to recover.
    pub fn check_integrity(&self) -> Result<()> {
        let verdict: String = self.conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if verdict == "ok" {
            return Ok(());
        }
        Err(Error::NotADossierStore {
            path: self.path.clone().unwrap_or_default(),
            reason: format!(
                "it is damaged ({verdict}); restore a backup from {} (Settings → Restore…, or `dossier restore FILE`)",
                self.path.as_deref().map(|p| folder(p).display().to_string()).unwrap_or_default()
            ),
        })
    }
}
