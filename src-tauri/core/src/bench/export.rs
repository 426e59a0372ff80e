//! Export speed, measured rather than asserted: a synthetic library of `actors` actors
//! and `claims` claims (each with a citation) in a store on disk, exported as a vault.

use super::Scratch;
use crate::export::{export, Format, Scope};
use crate::{Result, Store};
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct ExportFigures {
    pub actors: usize,
    pub claims: usize,
    pub build_seconds: f64,
    pub export_seconds: f64,
    pub files: usize,
    pub megabytes: f64,
}

/// Builds the library in a temporary folder and exports it as a vault there.
pub fn bench_vault(actors: usize, claims: usize) -> Result<ExportFigures> {
    let scratch = Scratch::new("bench-export")?;
    let dir = scratch.path.as_path();
    let started = Instant::now();
    let mut store = Store::open(&dir.join("bench.dossier"))?;
    super::synthetic::fill(&mut store, actors, claims)?;
    let build_seconds = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let report = export(&store, Format::Vault, &Scope::All, &dir.join("vault"))?;
    let export_seconds = started.elapsed().as_secs_f64();
    let bytes: u64 =
        report.files.iter().filter_map(|f| std::fs::metadata(dir.join("vault").join(f)).ok()).map(|m| m.len()).sum();
    Ok(ExportFigures {
        actors,
        claims,
        build_seconds,
        export_seconds,
        files: report.files.len(),
        megabytes: bytes as f64 / 1e6,
    })
}
