//! `history` and `undo`: the changes made to the library, and taking one back.

use crate::{json, one_line};
use dossier_core::{history, Error, Store};
use std::io::Write;
use std::process::ExitCode;

/// What `dossier history` takes.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    #[arg(long, default_value_t = 20)]
    pub limit: i32,
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn history(store: &mut Store, args: HistoryArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let HistoryArgs { limit, json: as_json } = args;
    let changes = history::recent(store, limit)?;
    if as_json {
        json(out, &changes)?;
    } else {
        for c in &changes {
            let state = match (&c.undone_at, c.undoable) {
                (Some(at), _) => format!("  (undone {at})"),
                (None, false) => "  (too old to undo)".into(),
                (None, true) => String::new(),
            };
            writeln!(out, "{:>6}  {}  {}{state}", c.id, c.made_at, one_line(&c.label))?;
        }
        if changes.is_empty() {
            writeln!(out, "no changes yet")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What `dossier undo` takes.
#[derive(Debug, clap::Args)]
pub struct UndoArgs {
    pub change: Option<i32>,
}

pub(crate) fn undo(store: &mut Store, args: UndoArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    match history::undo(store, args.change)? {
        Some(c) => writeln!(out, "undone #{}: {}", c.id, one_line(&c.label))?,
        None => writeln!(out, "nothing to undo")?,
    }
    Ok(ExitCode::SUCCESS)
}
