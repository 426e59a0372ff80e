//! `sync`: an analyst's store and their team's investigation, through the team's
//! PostgreSQL server, once or for as long as it runs.

use dossier_core::{Error, Store};
use dossier_sync::client::{self, Report};
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

/// What `dossier sync` takes.
#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// The team server as a PostgreSQL connection string for your own login: "host=db.example.org
    /// user=ana dbname=dossier", or a postgresql:// address. A password not written in it is read
    /// from PGPASSWORD.
    #[arg(long)]
    pub server: String,
    /// The investigation's id (`dossier team create-investigation` prints it). The first sync joins
    /// the store to it and sends the whole library; a store syncs with one investigation.
    #[arg(long)]
    pub investigation: Option<String>,
    /// Sync once and stop. Without it, sync again whenever a colleague pushes (and every 30 s),
    /// until interrupted.
    #[arg(long)]
    pub once: bool,
}

fn refused(error: dossier_sync::Error) -> Error {
    match error {
        dossier_sync::Error::Store(error) => error,
        other => Error::Invalid(other.to_string()),
    }
}

fn said(report: &Report, out: &mut impl Write) -> Result<(), Error> {
    let applied = &report.applied;
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    writeln!(
        out,
        "pushed {} operation{} ({} change{}), pulled {} ({} change{}, {} conflict{} to look at); at operation {}",
        report.pushed,
        plural(report.pushed),
        report.pushed_entries,
        plural(report.pushed_entries),
        applied.ops,
        applied.entries,
        plural(applied.entries),
        applied.conflicts,
        plural(applied.conflicts),
        report.cursor
    )?;
    for dropped in &applied.dropped {
        writeln!(out, "not applied: {}", crate::one_line(dropped))?;
    }
    out.flush()?;
    Ok(())
}

pub(crate) fn run(store: &mut Store, args: SyncArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let investigation = match (args.investigation, store.sync_status()?.investigation) {
        (Some(given), _) => given,
        (None, Some(joined)) => joined,
        (None, None) => {
            return Err(Error::Invalid(
                "this store has not joined an investigation yet: give --investigation ID".into(),
            ))
        }
    };
    let mut analyst = client::connect(&args.server).map_err(refused)?;
    let report = client::sync_once(store, &mut analyst, &investigation).map_err(refused)?;
    said(&report, out)?;
    if args.once {
        return Ok(ExitCode::SUCCESS);
    }
    client::listen(&mut analyst, &investigation).map_err(refused)?;
    loop {
        client::wait_for_change(&mut analyst, Duration::from_secs(30)).map_err(refused)?;
        let report = client::sync_once(store, &mut analyst, &investigation).map_err(refused)?;
        if report.pushed + report.applied.ops > 0 {
            said(&report, out)?;
        }
    }
}
