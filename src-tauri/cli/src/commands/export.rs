//! `export`: the library, or part of it, as files other tools read.

use crate::{actor_id, json};
use dossier_core::{export, Error, Store};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// What `dossier export` takes.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_parser = ["vault", "briefing", "json", "csv", "gexf", "graphml", "csl", "bibtex", "ftm"])]
    pub format: String,
    /// The folder to write (created; an earlier export there is replaced).
    #[arg(long)]
    pub out: PathBuf,
    /// Only this actor (id or name) and those up to --hops claims away.
    #[arg(long, conflicts_with_all = ["tag", "from", "to"])]
    pub actor: Option<String>,
    #[arg(long, default_value_t = 1, requires = "actor")]
    pub hops: i32,
    /// Only the sources with this tag and the claims they are cited for.
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub tag: Option<String>,
    /// Only claims dated from this day, month or year (EDTF)…
    #[arg(long)]
    pub from: Option<String>,
    /// …to this one.
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn export(store: &mut Store, args: ExportArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let ExportArgs { format, out: folder, actor, hops, tag, from, to, json: as_json } = args;
    let format = export::Format::parse(&format).ok_or_else(|| Error::Invalid(format!("unknown format {format:?}")))?;
    let scope = match (actor, tag) {
        (Some(actor), _) => export::Scope::Actor { id: actor_id(store, &actor)?, hops },
        (None, Some(tag)) => export::Scope::Tag { tag },
        (None, None) if from.is_some() || to.is_some() => export::Scope::Dates { from, to },
        (None, None) => export::Scope::All,
    };
    let report = export::export(store, format, &scope, &folder)?;
    if as_json {
        json(out, &report)?;
    } else {
        writeln!(
            out,
            "exported {} actors, {} claims, {} sources as {} into {} ({} files)",
            report.actors,
            report.claims,
            report.sources,
            format.as_str(),
            report.folder,
            report.files.len()
        )?;
        for kept in &report.kept_edited {
            writeln!(out, "kept your edited copy as {}", kept.escape_debug())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
