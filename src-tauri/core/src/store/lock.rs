//! One window per store: the app holds an exclusive lock on `<store>.lock` while it has
//! the store open, so that a second window (or a second app) gets a clear message
//! instead of two writers interleaving their undo histories. The command line does not
//! take it: SQLite's own locking keeps its short writes safe beside the app's.

use crate::{Error, Result};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// Held while the store is open in the app; released when dropped (or the process ends).
#[derive(Debug)]
pub struct WindowLock {
    _file: File,
    pub path: PathBuf,
}

impl WindowLock {
    pub fn acquire(store: &Path) -> Result<WindowLock> {
        let path = PathBuf::from(format!("{}.lock", store.display()));
        // On a first start nothing exists yet, not even the app's data folder.
        if let Some(parent) = store.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::paths::create_private_dir_all(parent)
                .map_err(|source| Error::ReadFile { path: parent.to_path_buf(), source })?;
        }
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|source| Error::ReadFile { path: path.clone(), source })?;
        #[cfg(unix)]
        {
            use std::os::unix::io::AsRawFd;
            // SAFETY: flock on a file descriptor this function owns; no memory is shared.
            let taken = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
            if !taken {
                return Err(Error::Invalid(format!(
                    "{} is already open in another Dossier window; switch to that window, or close it first",
                    store.display()
                )));
            }
        }
        Ok(WindowLock { _file: file, path })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_window_on_the_same_store_is_refused_until_the_first_closes() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("library.dossier");
        let first = WindowLock::acquire(&store).unwrap();
        let second = WindowLock::acquire(&store).unwrap_err();
        assert!(second.to_string().contains("already open in another Dossier window"), "{second}");
        drop(first);
        WindowLock::acquire(&store).unwrap();
    }

    #[test]
    fn the_first_lock_on_a_store_creates_its_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("never/made/library.dossier");
        let lock = WindowLock::acquire(&store).unwrap();
        assert!(lock.path.is_file());
    }
}
