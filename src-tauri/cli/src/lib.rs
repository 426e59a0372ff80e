//! The command line over dossier-core: argument parsing, the subcommands, and how their
//! results are printed. The desktop binary calls [`parse`] first and opens a window only
//! when no subcommand was given, so everything here runs without GTK or a display.
//!
//! Exit codes: 0 ok, 1 a user error (one line on stderr), 2 an internal error.

use clap::{Parser, Subcommand, ValueEnum};
use dossier_core::import::{self, FileOutcome, Limits};
use dossier_core::model::{PageRequest, SourceSort};
use dossier_core::store::ClaimFilter;
use dossier_core::{paths, Error, ErrorCode, Store};
use serde::Serialize;
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(name = "dossier", version, about = "Dossier: actors, claims and the citations they stand on.")]
#[command(after_help = "With no subcommand, Dossier opens its window (and imports any FILES given).")]
pub struct Cli {
    /// The store file to use (default: $DOSSIER_DB, else the app-data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files to import when the window opens.
    #[arg(value_name = "FILES")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the store (or upgrade it) and print where it is.
    Init,
    /// Count the rows of each table.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// List sources, actors, claims or notes, a page at a time.
    List {
        what: ListWhat,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 100)]
        limit: i32,
        #[arg(long, default_value_t = 0)]
        offset: i32,
    },
    /// Import files and folders (plain text and Markdown so far).
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Full-text search across sources, actors, claims and notes.
    Search {
        query: String,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 20)]
        limit: i32,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListWhat {
    Sources,
    Actors,
    Claims,
    Notes,
}

/// What the process was asked to do.
pub enum Invocation {
    /// Open the window on this store, importing these files.
    Window { db: Option<PathBuf>, files: Vec<PathBuf> },
    /// Run a subcommand and exit.
    Command { db: Option<PathBuf>, command: Command },
    /// Help, version or a usage error was printed; exit with this code.
    Exit(ExitCode),
}

pub fn parse<I, T>(args: I) -> Invocation
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    match Cli::try_parse_from(args) {
        Ok(Cli { db, command: Some(command), .. }) => Invocation::Command { db, command },
        Ok(Cli { db, command: None, files }) => Invocation::Window { db, files },
        Err(err) if !err.use_stderr() => {
            let _ = err.print();
            Invocation::Exit(ExitCode::SUCCESS)
        }
        Err(err) => {
            let message = err.to_string();
            let first = message.lines().next().unwrap_or("invalid arguments").trim_start_matches("error: ");
            eprintln!("dossier: {first} (see dossier --help)");
            Invocation::Exit(ExitCode::from(1))
        }
    }
}

/// Runs a subcommand, printing its result, and returns the exit code.
pub fn execute(db: Option<PathBuf>, command: Command) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match run(db, command, &mut out) {
        Ok(code) => code,
        Err(err) => fail(&err),
    }
}

fn fail(err: &Error) -> ExitCode {
    eprintln!("dossier: {}", err.to_string().replace('\n', " "));
    exit_code_for(err.code())
}

fn open(db: Option<PathBuf>) -> Result<Store, Error> {
    let path = paths::store_path(db)
        .ok_or_else(|| Error::Invalid("no store given and no home folder to keep one in; pass --db PATH".into()))?;
    Store::open(&path)
}

fn json<T: Serialize>(out: &mut impl Write, value: &T) -> Result<(), Error> {
    serde_json::to_writer(&mut *out, value).map_err(|e| Error::Io(e.into()))?;
    writeln!(out)?;
    Ok(())
}

fn run(db: Option<PathBuf>, command: Command, out: &mut impl Write) -> Result<ExitCode, Error> {
    let mut store = open(db)?;
    match command {
        Command::Init => {
            let path = store.path().map(|p| p.display().to_string()).unwrap_or_default();
            writeln!(out, "store ready: {path} (schema version {})", store.schema_version()?)?;
        }
        Command::Stats { json: as_json } => {
            let stats = store.stats()?;
            if as_json {
                json(out, &stats)?;
            } else {
                for (name, count) in [
                    ("sources", stats.sources),
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
        }
        Command::List { what, json: as_json, limit, offset } => {
            let page = PageRequest::new(offset, limit);
            match what {
                ListWhat::Sources => {
                    let list = store.list_sources(SourceSort::ImportedDesc, page)?;
                    if as_json {
                        json(out, &list)?;
                    } else {
                        for s in &list.items {
                            let date = s.published.as_deref().unwrap_or("-");
                            writeln!(out, "{:>6}  {:<10}  {}", s.id, date, one_line(&s.title))?;
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
                    let list = store.list_claims(ClaimFilter::default(), page)?;
                    if as_json {
                        json(out, &list)?;
                    } else {
                        for c in &list.items {
                            let object =
                                c.object.as_ref().map(|o| o.name.as_str()).or(c.object_text.as_deref()).unwrap_or("-");
                            writeln!(
                                out,
                                "{:>6}  {} {} {}  [{}, {}]",
                                c.id,
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
        }
        Command::Import { paths, json: as_json } => {
            let report = import::import_paths(&mut store, &paths, Limits::default());
            if as_json {
                json(out, &report)?;
            } else {
                for file in &report.files {
                    let line = match &file.outcome {
                        FileOutcome::Imported { source_id } => format!("imported   #{source_id}"),
                        FileOutcome::Duplicate { source_id } => format!("duplicate  #{source_id}"),
                        FileOutcome::Failed { reason } => format!("failed     {reason}"),
                    };
                    writeln!(out, "{line}  {}", file.path.escape_debug())?;
                }
                writeln!(
                    out,
                    "{} imported, {} duplicate, {} failed",
                    report.imported, report.duplicates, report.failed
                )?;
            }
            if report.failed > 0 {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Search { query, json: as_json, limit } => {
            let hits = store.search(&query, None, PageRequest::new(0, limit))?;
            if as_json {
                json(out, &hits)?;
            } else {
                for hit in &hits.items {
                    let snippet: String = hit
                        .snippet
                        .iter()
                        .map(|f| if f.hit { format!("[{}]", f.text) } else { f.text.clone() })
                        .collect();
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
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Text from the store on one terminal line: control characters shown escaped, so a
/// hostile title cannot move the cursor or forge other lines.
fn one_line(text: &str) -> String {
    text.chars().flat_map(|c| if c.is_control() { c.escape_default().collect::<Vec<_>>() } else { vec![c] }).collect()
}

fn footer(out: &mut impl Write, shown: usize, total: i32) -> Result<(), Error> {
    if shown as i32 != total {
        writeln!(out, "({shown} of {total} shown; use --offset and --limit for more)")?;
    }
    Ok(())
}

/// The exit code for an error: 1 when the person can fix it, 2 when Dossier or the machine failed.
pub fn exit_code_for(code: ErrorCode) -> ExitCode {
    if code.is_user_error() {
        ExitCode::from(1)
    } else {
        ExitCode::from(2)
    }
}
