//! `dev gen-store|gen-corpus`: synthetic libraries and corpora for measuring Dossier.

use crate::open;
use clap::Subcommand;
use dossier_core::bench::synthetic;
use dossier_core::Error;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum DevAction {
    /// Fill an empty store (--db) with a deterministic synthetic library: 20 dispatches,
    /// ACTORS actors and CLAIMS accepted, cited claims between random pairs of them.
    GenStore {
        #[arg(long, default_value_t = 5_000)]
        actors: usize,
        #[arg(long, default_value_t = 20_000)]
        claims: usize,
        /// Synthetic news articles to add as sources (the corpus gen-corpus writes).
        #[arg(long, default_value_t = 0)]
        sources: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Write SOURCES synthetic news articles into a new or empty folder, every other one
    /// as a web page (.html) and the rest as text (.txt): the same seed, the same files.
    GenCorpus {
        #[arg(long)]
        sources: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
}

/// What `dossier dev` takes.
#[derive(Debug, clap::Args)]
pub struct DevArgs {
    #[command(subcommand)]
    pub action: DevAction,
}

pub(crate) fn run(db: Option<PathBuf>, args: DevArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    match args.action {
        DevAction::GenCorpus { sources, seed, out: folder } => {
            let written = gen_corpus(&folder, sources, seed)?;
            writeln!(out, "{sources} articles, {:.1} MB, in {}", written as f64 / 1e6, folder.display())?;
        }
        DevAction::GenStore { actors, claims, sources, seed } => {
            let store = &mut open(db)?;
            if store.stats()?.sources > 0 {
                return Err(Error::Invalid("gen-store fills an empty store only; give a new --db".into()));
            }
            synthetic::fill_library(store, &synthetic::Library { sources, actors, claims, seed })?;
            // As an import would leave them: read for republished copies (the window
            // would otherwise do it when it opens, and tell its views to read again).
            store.find_copies()?;
            let stats = store.stats()?;
            writeln!(out, "{} sources, {} actors, {} claims", stats.sources, stats.actors, stats.claims)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the synthetic corpus into `folder` (new, or empty); returns the bytes written.
pub(crate) fn gen_corpus(folder: &Path, sources: usize, seed: u64) -> Result<u64, Error> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::ReadFile { path, source }
    };
    std::fs::create_dir_all(folder).map_err(io(folder))?;
    if std::fs::read_dir(folder).map_err(io(folder))?.next().is_some() {
        return Err(Error::Invalid(format!(
            "{} is not empty; gen-corpus writes into a new or empty folder",
            folder.display()
        )));
    }
    let mut written = 0;
    for i in 0..sources {
        let article = synthetic::corpus::article(seed, i);
        let (name, body) = if i % 2 == 0 {
            (format!("article-{i:06}.html"), article.html())
        } else {
            (format!("article-{i:06}.txt"), article.text())
        };
        let path = folder.join(name);
        std::fs::write(&path, &body).map_err(io(&path))?;
        written += body.len() as u64;
    }
    Ok(written)
}
