//! `copies`: republished copies of one story among the sources, as the detector found
//! them and as a person judged them; a person's word on a pair.

use crate::{json, one_line};
use dossier_core::model::CopyVerdict;
use dossier_core::{history, Error, Store};
use std::io::Write;
use std::process::ExitCode;

/// What `dossier copies` takes.
#[derive(Debug, clap::Args)]
pub struct CopiesArgs {
    #[command(subcommand)]
    pub action: Option<CopiesAction>,
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum CopiesAction {
    /// Every pair: found by the detector or judged by a person (the default).
    List,
    /// The sources related to one as copies of its story.
    Of { source: i32 },
    /// Say whether two sources are one story (`copy`: they count as one source) or
    /// `independent`; `detector` takes your word back and lets the detector decide.
    Mark {
        source: i32,
        other: i32,
        #[arg(value_parser = ["copy", "independent", "detector"])]
        verdict: String,
    },
}

pub(crate) fn run(store: &mut Store, args: CopiesArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    // Sources imported by an older Dossier, or pulled from the team, are read first.
    store.find_copies()?;
    match args.action.unwrap_or(CopiesAction::List) {
        CopiesAction::List => {
            let pairs = store.copy_pairs()?;
            if args.json {
                return json(out, &pairs).map(|()| ExitCode::SUCCESS);
            }
            for pair in &pairs {
                let found = match &pair.detected {
                    Some(d) => format!("{} {:.0}%", d.evidence, d.likeness * 100.0),
                    None => "-".into(),
                };
                let word = pair.verdict.map_or("-", |v| v.as_str());
                writeln!(
                    out,
                    "#{:<5} copies #{:<5} found: {found:<14} your word: {word:<11} {}",
                    pair.copy_id,
                    pair.original_id,
                    one_line(&store.source_title_and_text(pair.copy_id)?.0)
                )?;
            }
            if pairs.is_empty() {
                writeln!(out, "no copies found")?;
            }
        }
        CopiesAction::Of { source } => {
            let related = store.related_copies(source)?;
            if args.json {
                return json(out, &related).map(|()| ExitCode::SUCCESS);
            }
            for r in &related {
                let counts = if r.same_group { "one story" } else { "independent" };
                let found =
                    r.detected.as_ref().map_or("-".into(), |d| format!("{} {:.0}%", d.evidence, d.likeness * 100.0));
                let word = r.verdict.map_or("-", |v| v.as_str());
                writeln!(
                    out,
                    "#{:<5} {counts:<11} found: {found:<14} your word: {word:<11} {}",
                    r.source_id,
                    one_line(&r.title)
                )?;
            }
            if related.is_empty() {
                writeln!(out, "no copies of source #{source} found")?;
            }
        }
        CopiesAction::Mark { source, other, verdict } => {
            let verdict = match verdict.as_str() {
                "detector" => None,
                word => Some(word.parse::<CopyVerdict>()?),
            };
            history::judge_copy(store, source, other, verdict)?;
            let said = match verdict {
                Some(CopyVerdict::Copy) => "one story: they count as one source",
                Some(CopyVerdict::Independent) => "independent: they count as two sources",
                None => "left to the copy detector",
            };
            writeln!(out, "#{source} and #{other}: {said}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
