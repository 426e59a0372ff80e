//! `list`, `search` and `network`: reading the library a page at a time.

use crate::{actor_id, footer, json, one_line, Paging};
use clap::ValueEnum;
use dossier_core::model::{ClaimListing, GradeFilter, NetworkFilter, PageRequest, SourceFilter, SourceSort};
use dossier_core::{Error, Store};
use std::io::Write;
use std::process::ExitCode;

/// What `dossier list` takes.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    pub what: ListWhat,
    /// Only claims graded this well or better ("B2": their best source B or better,
    /// credibility 2 or better), or sources this reliable (the letter); not graded
    /// counts as F and 6.
    #[arg(long)]
    pub grade: Option<String>,
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub paging: Paging,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListWhat {
    Sources,
    Actors,
    Claims,
    Notes,
}

pub(crate) fn list(store: &mut Store, args: ListArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let ListArgs { what, grade, json: as_json, paging } = args;
    let page = paging.request();
    let grade = grade.as_deref().map(grade_filter).transpose()?;
    match what {
        ListWhat::Sources => {
            let filter = SourceFilter { reliability: grade.map(|g| g.reliability), ..SourceFilter::default() };
            let list = store.filter_sources(SourceSort::ImportedDesc, &filter, page)?;
            if as_json {
                json(out, &list)?;
            } else {
                for s in &list.items {
                    let date = s.published.as_deref().unwrap_or("-");
                    let graded = s.reliability.map_or("-", |r| r.as_str());
                    writeln!(out, "{:>6}  {graded}  {:<10}  {}", s.id, date, one_line(&s.title))?;
                }
                footer(out, list.items.len(), list.total)?;
            }
        }
        ListWhat::Actors => {
            let list = store.list_actors(None, page)?;
            if as_json {
                json(out, &list)?;
            } else {
                for a in &list.items {
                    writeln!(out, "{:>6}  {:<12}  {}", a.id, a.kind.as_str(), one_line(&a.name))?;
                }
                footer(out, list.items.len(), list.total)?;
            }
        }
        ListWhat::Claims => {
            let list = store.find_claims(&ClaimListing { grade, ..ClaimListing::default() }, page)?;
            if as_json {
                json(out, &list)?;
            } else {
                for c in &list.items {
                    let object = c.object.as_ref().map(|o| o.name.as_str()).or(c.object_text.as_deref()).unwrap_or("-");
                    writeln!(
                        out,
                        "{:>6}  {:<3} {} {} {}  [{}, {}]",
                        c.id,
                        c.grade.label(),
                        one_line(&c.subject.name),
                        c.relation,
                        one_line(object),
                        c.certainty,
                        c.status
                    )?;
                }
                footer(out, list.items.len(), list.total)?;
            }
        }
        ListWhat::Notes => {
            let list = store.list_notes(page)?;
            if as_json {
                json(out, &list)?;
            } else {
                for n in &list.items {
                    writeln!(out, "{:>6}  {}", n.id, one_line(&n.title))?;
                }
                footer(out, list.items.len(), list.total)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What `dossier search` takes.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    pub query: String,
    #[arg(long)]
    pub json: bool,
    #[arg(long, default_value_t = 20)]
    pub limit: i32,
}

pub(crate) fn search(store: &mut Store, args: SearchArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let SearchArgs { query, json: as_json, limit } = args;
    let hits = store.search(&query, None, PageRequest::new(0, limit))?;
    if as_json {
        json(out, &hits)?;
    } else {
        for hit in &hits.items {
            let snippet: String =
                hit.snippet.iter().map(|f| if f.hit { format!("[{}]", f.text) } else { f.text.clone() }).collect();
            writeln!(
                out,
                "{:<7} {:>6}  {}\n        {}",
                format!("{:?}", hit.kind).to_lowercase(),
                hit.id,
                one_line(&hit.title),
                one_line(&snippet)
            )?;
        }
        footer(out, hits.items.len(), hits.total)?;
        if hits.capped {
            writeln!(
                out,
                "(more matched: only the newest {} of each kind were ranked; add a word to narrow the search)",
                hits.window
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// "B2" as a filter.
pub(crate) fn grade_filter(text: &str) -> Result<GradeFilter, Error> {
    GradeFilter::parse(text)
        .ok_or_else(|| Error::Invalid(format!("a grade is a letter A–F and a number 1–6, like B2; not '{text}'")))
}

/// What `dossier network` takes.
#[derive(Debug, clap::Args)]
pub struct NetworkArgs {
    /// Only edges backed by at least this many independent sources (copies of one story
    /// count once).
    #[arg(long, default_value_t = 0)]
    pub min_sources: i32,
    /// An actor (id or name) and its neighbourhood.
    #[arg(long)]
    pub actor: Option<String>,
    #[arg(long, default_value_t = 1)]
    pub hops: i32,
    /// Claims dated from/to these ISO days (undated claims then go).
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
    /// Only claims graded this well or better (e.g. B2).
    #[arg(long)]
    pub grade: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn network(store: &mut Store, args: NetworkArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let NetworkArgs { min_sources, actor, hops, from, to, grade, json: as_json } = args;
    let focus = actor.map(|a| actor_id(store, &a)).transpose()?;
    let grade = grade.as_deref().map(grade_filter).transpose()?;
    let filter = NetworkFilter { min_sources, focus, hops, from, to, grade, ..NetworkFilter::default() };
    store.find_copies()?;
    let network = store.network(&filter)?;
    if as_json {
        json(out, &network)?;
    } else {
        for i in 0..network.edge_from.len() {
            writeln!(
                out,
                "{}  {}  {}  {} claims  {} sources, {} independent  {}",
                one_line(&network.names[network.edge_from[i] as usize]),
                network.relations[i].as_str(),
                one_line(&network.names[network.edge_to[i] as usize]),
                network.claim_counts[i],
                network.source_counts[i],
                network.independent_counts[i],
                network.certainties[i].as_str()
            )?;
        }
        writeln!(out, "{} actors, {} edges", network.actor_ids.len(), network.edge_from.len())?;
    }
    Ok(ExitCode::SUCCESS)
}
