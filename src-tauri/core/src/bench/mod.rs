//! Measuring Dossier, not using it: the benchmarks' timed runs (`extract`, `import`,
//! `export`, `scale`) and the deterministic synthetic libraries and news corpus they,
//! the end-to-end tests and `dossier dev` fill stores with (`synthetic`). Nothing on the
//! product's paths (import, review, export, search) calls into this module.
//!
//! It ships inside the `dossier` binary because the end-to-end and install tests make
//! their large libraries with the shipped program (`dossier dev gen-store`), and
//! `synthetic` writes through the store's crate-private bulk writes, which stay inside
//! this crate (see `store::testing`).

pub mod export;
pub mod extract;
pub mod import;
pub mod scale;
pub mod synthetic;

use std::path::PathBuf;

/// A temporary folder (under the system's), removed when dropped: for benchmarks.
pub struct Scratch {
    pub path: PathBuf,
}

impl Scratch {
    pub fn new(label: &str) -> std::io::Result<Scratch> {
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!("dossier-{label}-{}-{stamp}", std::process::id()));
        std::fs::create_dir_all(&path)?;
        Ok(Scratch { path })
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
