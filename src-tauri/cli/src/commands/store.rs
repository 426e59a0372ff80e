//! `init`, `stats`, `backup`, `backups`, `restore` and `tidy`: the store file itself.

use crate::json;
use dossier_core::store::backup;
use dossier_core::{paths, Error, Store};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(crate) fn init(store: &mut Store, out: &mut impl Write) -> Result<ExitCode, Error> {
    let path = store.path().map(|p| p.display().to_string()).unwrap_or_default();
    writeln!(out, "store ready: {path} (schema version {})", store.schema_version()?)?;
    Ok(ExitCode::SUCCESS)
}

/// What `dossier stats` takes.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn stats(store: &mut Store, args: StatsArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let StatsArgs { json: as_json } = args;
    let stats = store.stats()?;
    if as_json {
        json(out, &stats)?;
    } else {
        for (name, count) in [
            ("sources", stats.sources),
            ("suggested", stats.suggestions),
            ("actors", stats.actors),
            ("aliases", stats.aliases),
            ("mentions", stats.mentions),
            ("claims", stats.claims),
            ("citations", stats.citations),
            ("notes", stats.notes),
        ] {
            writeln!(out, "{name:<10} {count}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn backup(store: &mut Store, out: &mut impl Write) -> Result<ExitCode, Error> {
    writeln!(out, "{}", store.backup()?.display())?;
    Ok(ExitCode::SUCCESS)
}

/// What `dossier tidy` takes.
#[derive(Debug, clap::Args)]
pub struct TidyArgs {
    /// Only print how many segments each index has.
    #[arg(long)]
    pub status: bool,
}

pub(crate) fn tidy(store: &mut Store, args: TidyArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    if args.status {
        for (table, segments) in store.search_index_segments()? {
            writeln!(out, "{table:<12} {segments:>5} segments")?;
        }
    } else {
        let before = store.search_index_segments()?;
        let started = std::time::Instant::now();
        let steps = store.tidy_search_index()?;
        let after = store.search_index_segments()?;
        for ((table, was), (_, now)) in before.iter().zip(&after) {
            writeln!(out, "{table:<12} {was:>5} segments → {now}")?;
        }
        writeln!(out, "{steps} steps in {:.1} s", started.elapsed().as_secs_f64())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What `dossier backups` takes.
#[derive(Debug, clap::Args)]
pub struct BackupsArgs {
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn backups(store: &mut Store, args: BackupsArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let BackupsArgs { json: as_json } = args;
    let path = store.path().map(Path::to_path_buf).unwrap_or_default();
    let backups = backup::list(&path)?;
    if as_json {
        json(out, &backups)?;
    } else {
        for b in &backups {
            writeln!(out, "{}  {:<16}  {:>10} bytes  {}", b.made_at, b.reason, b.bytes as u64, b.path)?;
        }
        if backups.is_empty() {
            writeln!(out, "no backups yet in {}", backup::folder(&path).display())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What `dossier restore` takes.
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    pub backup: PathBuf,
}

pub(crate) fn restore(db: Option<PathBuf>, args: RestoreArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let RestoreArgs { backup } = &args;
    let path = paths::store_path(db)
        .ok_or_else(|| Error::Invalid("no store given and no home folder to keep one in; pass --db PATH".into()))?;
    let saved = backup::restore(backup, &path)?;
    writeln!(
        out,
        "restored {} from {} (the store it replaced is in {})",
        path.display(),
        backup.display(),
        saved.display()
    )?;
    Ok(ExitCode::SUCCESS)
}
