//! `suggestions list|accept|reject|edit`: the review queue from the command line.

use crate::{footer, json, one_line, Paging};
use clap::Subcommand;
use dossier_core::model::{ActorKind, Certainty, PageRequest, Relation, ReviewStatus, SuggestionEdit, SuggestionKind};
use dossier_core::store::Accepted;
use dossier_core::{history, Error, Store};
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum SuggestionsAction {
    /// List suggestions (pending ones unless --status says otherwise).
    List {
        #[arg(long)]
        source: Option<i32>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long, default_value = "suggested")]
        status: String,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        paging: Paging,
    },
    /// Accept suggestions by id, or every pending one of a source with --source and --all:
    /// actors with their mentions, claims with their citations, quotations as citations.
    Accept {
        ids: Vec<i32>,
        #[arg(long)]
        source: Option<i32>,
        #[arg(long, requires = "source")]
        all: bool,
    },
    /// Reject suggestions by id.
    Reject {
        #[arg(required = true)]
        ids: Vec<i32>,
    },
    /// Correct a pending suggestion before accepting it (an empty value clears an
    /// optional field); an edited suggestion survives re-analysis.
    Edit {
        id: i32,
        /// An actor suggestion's name.
        #[arg(long)]
        name: Option<String>,
        /// An actor suggestion's kind.
        #[arg(long)]
        kind: Option<String>,
        /// A quotation's speaker.
        #[arg(long)]
        speaker: Option<String>,
        #[arg(long)]
        subject: Option<String>,
        #[arg(long)]
        relation: Option<String>,
        #[arg(long)]
        object: Option<String>,
        /// EDTF: 2023, 2023-06, 2023-06-14, 199X.
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        attributed_to: Option<String>,
        #[arg(long)]
        certainty: Option<String>,
    },
}

/// What `dossier suggestions` takes.
#[derive(Debug, clap::Args)]
pub struct SuggestionsArgs {
    #[command(subcommand)]
    pub action: SuggestionsAction,
}

pub(crate) fn run(store: &mut Store, args: SuggestionsArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    match args.action {
        SuggestionsAction::List { source, kind, status, json: as_json, paging } => {
            let kind = kind
                .map(|k| {
                    SuggestionKind::parse(&k)
                        .ok_or_else(|| Error::Invalid(format!("unknown kind {k:?}: actor, quote, date or claim")))
                })
                .transpose()?;
            let status = ReviewStatus::parse(&status)
                .ok_or_else(|| Error::Invalid(format!("unknown status {status:?}: suggested, accepted or rejected")))?;
            let list = store.list_suggestions(source, kind, Some(status), paging.request())?;
            if as_json {
                json(out, &list)?;
            } else {
                for s in &list.items {
                    writeln!(
                        out,
                        "{:>6}  source {:>5}  {:<6}  {}",
                        s.id,
                        s.source_id,
                        s.kind.as_str(),
                        one_line(&s.label)
                    )?;
                }
                footer(out, list.items.len(), list.total)?;
                // The app counts what waits for a person; the dates read for the claims
                // are listed here too, so say how the two numbers meet.
                if kind.is_none() && status == ReviewStatus::Suggested {
                    let dates = store
                        .list_suggestions(source, Some(SuggestionKind::Date), Some(status), PageRequest::new(0, 1))?
                        .total;
                    if dates > 0 {
                        writeln!(
                            out,
                            "{} to review, and {dates} date{} read for the claims (not counted as waiting)",
                            list.total - dates,
                            if dates == 1 { "" } else { "s" }
                        )?;
                    }
                }
            }
        }
        SuggestionsAction::Accept { ids, source, all } => {
            if ids.is_empty() && !all {
                return Err(Error::Invalid("nothing to accept: give suggestion ids, or --source ID --all".into()));
            }
            let mut report = |id: i32, done: Accepted| -> Result<(), Error> {
                writeln!(
                    out,
                    "accepted #{id}: {} actors created, {} mentions{}{}",
                    done.actors_created,
                    done.mentions,
                    done.claim_id.map(|c| format!(", claim #{c}")).unwrap_or_default(),
                    done.citation_id.map(|c| format!(", citation #{c}")).unwrap_or_default()
                )?;
                Ok(())
            };
            for id in ids {
                let done = history::accept_suggestion(store, id)?;
                report(id, done)?;
            }
            // One change (one undo), actors first so that claims and quotations find them.
            if all {
                for (id, done) in history::accept_all(store, source)? {
                    report(id, done)?;
                }
            }
        }
        SuggestionsAction::Reject { ids } => {
            for id in ids {
                history::reject_suggestion(store, id)?;
                writeln!(out, "rejected #{id}")?;
            }
        }
        SuggestionsAction::Edit {
            id,
            name,
            kind,
            speaker,
            subject,
            relation,
            object,
            date,
            attributed_to,
            certainty,
        } => {
            let changes = SuggestionEdit {
                name,
                kind: kind.as_deref().map(str::parse::<ActorKind>).transpose()?,
                speaker,
                subject,
                relation: relation.as_deref().map(str::parse::<Relation>).transpose()?,
                object,
                date,
                attributed_to,
                certainty: certainty.as_deref().map(str::parse::<Certainty>).transpose()?,
            };
            let edited = history::edit_suggestion(store, id, &changes)?;
            writeln!(out, "edited #{id}: {}", one_line(&edited.label))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
