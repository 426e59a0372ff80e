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
    /// from PGPASSWORD. "sslmode=require" encrypts; PGSSLROOTCERT (the authority that signed the
    /// server's certificate) has it checked, PGSSLCERT and PGSSLKEY give a client certificate.
    #[arg(long, required_unless_present_any = ["status", "resolve"])]
    pub server: Option<String>,
    /// The investigation's id (`dossier team create-investigation` prints it). The first sync joins
    /// the store to it and sends the whole library; a store syncs with one investigation.
    #[arg(long)]
    pub investigation: Option<String>,
    /// Sync once and stop. Without it, sync again whenever a colleague pushes (and every 30 s),
    /// until interrupted.
    #[arg(long)]
    pub once: bool,
    /// Say where the store stands (its investigation, the last operation applied, changes not
    /// yet pushed) and list the conflicts to look at; connects to nothing.
    #[arg(long, conflicts_with = "once")]
    pub status: bool,
    /// Mark a conflict (its number in --status) as looked at; connects to nothing.
    #[arg(long, value_name = "CONFLICT", conflicts_with_all = ["once", "status"])]
    pub resolve: Option<i64>,
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

fn status(store: &Store, out: &mut impl Write) -> Result<ExitCode, Error> {
    let status = store.sync_status()?;
    let Some(investigation) = status.investigation else {
        writeln!(out, "this store does not sync with a team (dossier sync --investigation ID joins one)")?;
        return Ok(ExitCode::SUCCESS);
    };
    writeln!(out, "investigation  {investigation}")?;
    writeln!(out, "device         {}", status.device.unwrap_or_default())?;
    writeln!(out, "applied up to  operation {}", status.cursor)?;
    writeln!(out, "not pushed     {} change{}", status.pending, if status.pending == 1 { "" } else { "s" })?;
    writeln!(out, "conflicts      {}", status.conflicts)?;
    for conflict in store.sync_conflicts(100)? {
        let record = conflict.record.as_deref().map_or_else(|| conflict.gid.clone(), |r| format!("{r:?}"));
        writeln!(
            out,
            "  #{} {} {} {}: kept {}, other {}",
            conflict.id,
            conflict.table,
            crate::one_line(&record),
            conflict.column,
            crate::one_line(conflict.kept.as_deref().unwrap_or("null")),
            crate::one_line(conflict.other.as_deref().unwrap_or("null"))
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn run(store: &mut Store, args: SyncArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    if args.status {
        return status(store, out);
    }
    if let Some(id) = args.resolve {
        store.resolve_sync_conflict(id)?;
        writeln!(out, "conflict #{id} looked at")?;
        return Ok(ExitCode::SUCCESS);
    }
    let server = args.server.unwrap_or_default();
    let investigation = match (args.investigation, store.sync_status()?.investigation) {
        (Some(given), _) => given,
        (None, Some(joined)) => joined,
        (None, None) => {
            return Err(Error::Invalid(
                "this store has not joined an investigation yet: give --investigation ID".into(),
            ))
        }
    };
    let mut analyst = client::connect(&server).map_err(refused)?;
    let report = client::sync_once(store, &mut analyst, &investigation).map_err(refused)?;
    said(&report, out)?;
    if args.once {
        return Ok(ExitCode::SUCCESS);
    }
    client::listen(&mut analyst, &investigation).map_err(refused)?;
    loop {
        let synced = client::wait_for_change(&mut analyst, Duration::from_secs(30))
            .and_then(|_| client::sync_once(store, &mut analyst, &investigation));
        match synced {
            Ok(report) if report.pushed + report.applied.ops > 0 => said(&report, out)?,
            Ok(_) => {}
            // Offline, or the server restarting: changes wait in the store; try again.
            Err(error) => {
                writeln!(out, "not synced ({}); trying again in 30 s", crate::one_line(&error.to_string()))?;
                out.flush()?;
                std::thread::sleep(Duration::from_secs(30));
                if let Ok(mut again) = client::connect(&server) {
                    if client::listen(&mut again, &investigation).is_ok() {
                        analyst = again;
                    }
                }
            }
        }
    }
}
