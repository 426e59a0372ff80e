//! The command line over dossier-core: argument parsing, the subcommands, and how their
//! results are printed. The desktop binary calls [`parse`] first and opens a window only
//! when no subcommand was given, so everything here runs without GTK or a display.
//!
//! Exit codes: 0 ok, 1 a user error (one line on stderr), 2 an internal error.

use clap::{Parser, Subcommand};
use dossier_core::bench::synthetic;
use dossier_core::import::{self};
use dossier_core::model::PageRequest;
use dossier_core::{link, paths, Error, ErrorCode, Store};
use serde::Serialize;
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub mod commands;

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

/// The hidden subcommand that serves as a reader process.
const READ_WORKER: &str = "read-worker";

/// Readers in worker processes of this very program (the `dossier` binary or the
/// headless `dossier-cli`), both of which parse their arguments here.
pub fn reader_workers() -> std::io::Result<dossier_core::import::Readers> {
    dossier_core::import::WorkerCommand::this_executable(&[READ_WORKER]).map(dossier_core::import::Readers::Workers)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the store (or upgrade it) and print where it is.
    Init,
    /// Count the rows of each table.
    Stats(commands::store::StatsArgs),
    /// List sources, actors, claims or notes, a page at a time.
    List(commands::list::ListArgs),
    /// Import files and folders: HTML and MHTML pages, PDF, Word (.docx), EPUB, e-mail
    /// (.eml), text and Markdown.
    Import(commands::import::ImportArgs),
    /// Analyse files without storing them: one JSON object per file, one per line, in
    /// order — the source's clean text and the actors, quotations, dates and claims
    /// suggested from it, all offsets in code points of that text. With --db, the
    /// store's actors are known too.
    Extract(commands::import::ExtractArgs),
    /// Measure extraction against hand-made gold: actor precision/recall/F1, kind
    /// accuracy, quote speaker accuracy and date accuracy.
    EvalExtract(commands::measure::EvalExtractArgs),
    /// Republished copies of one story among the sources (found by the detector, or your
    /// word on a pair), which count as one source in the network's independent counts.
    Copies(commands::copies::CopiesArgs),
    /// Grades: a source's reliability (A–F, its own or its site's default) and a
    /// claim's credibility (1–6, yours or the suggested one).
    Grade(commands::grade::GradeArgs),
    /// Analysis of Competing Hypotheses: questions, hypotheses, the claims brought to
    /// them, ratings (CC, C, N, I, II) and the matrix with its scores.
    Hypotheses(commands::hypotheses::HypothesesArgs),
    /// Measure the detector of republished copies on a folder of `STORY.VARIANT.txt`
    /// articles (tests/fixtures/copies): precision and recall over every pair.
    EvalCopies(commands::measure::EvalCopiesArgs),
    /// Measure extraction throughput on one core (words/s, MB/s) with a library of
    /// synthetic aliases loaded.
    BenchExtract(commands::measure::BenchExtractArgs),
    /// Measure export speed: a synthetic library of --actors and --claims in a temporary
    /// store on disk, exported as a Markdown vault.
    BenchExport(commands::measure::BenchExportArgs),
    /// Measure queries on a large synthetic library built in a temporary store: full-text
    /// search (50 typical queries), an actor's page (a hub with about 2,000 claims at the
    /// defaults) and 2-hop graph neighbourhoods; prints p50/p95, store size per source and
    /// the peak memory of each step.
    BenchScale(commands::measure::BenchScaleArgs),
    /// Measure import throughput: copies of the given files (made distinct) imported
    /// end to end into a fresh store on disk, then extraction alone on one core.
    BenchImport(commands::measure::BenchImportArgs),
    /// Internal: the reader process that import starts for untrusted files
    /// ([`reader_workers`] names it).
    #[command(hide = true, name = READ_WORKER)]
    ReadWorker,
    /// Measure HTML import against test pages with known answers (a folder of
    /// folders holding source.html, expected.html and expected-metadata.json).
    EvalImport(commands::measure::EvalImportArgs),
    /// Review what extraction suggested: list pending suggestions, or reject some
    /// (a rejected suggestion is not proposed again when the source is re-analysed).
    Suggestions(commands::suggestions::SuggestionsArgs),
    /// Analyse stored sources again (one, or all): pending suggestions are replaced,
    /// decisions and the analyst's own records stay.
    Reanalyze(commands::import::ReanalyzeArgs),
    /// Add actors and aliases to the library.
    Actors(commands::actors::ActorsArgs),
    /// Export into a folder: a Markdown vault (Obsidian, Logseq), the whole store as
    /// JSON, CSV, GEXF or GraphML — all, or an actor's neighbourhood, a tag, or a date range.
    Export(commands::export::ExportArgs),
    /// Restore a JSON export into a new, empty store (--db).
    ImportJson(commands::import::ImportJsonArgs),
    /// Back the store up now (a complete copy in backups/ beside it); prints its path.
    Backup,
    /// Merge each full-text index down to one segment, in small steps (the app does this
    /// by itself when it is idle); prints the segments before and after.
    Tidy(commands::store::TidyArgs),
    /// List the store's backups, newest first.
    Backups(commands::store::BackupsArgs),
    /// The latest changes made to the library (accept, reject, edit, merge, split, link,
    /// cite, rename, tag, notes), newest first, and which can still be undone.
    History(commands::changes::HistoryArgs),
    /// Take back a change: the latest one that can be, or the one whose id is given (one
    /// of the latest 100, listed by `history`). The app and the command line share it.
    Undo(commands::changes::UndoArgs),
    /// Replace the store with a backup: the backup is checked first and the store it
    /// replaces is backed up. Do not run it while the app has the store open.
    Restore(commands::store::RestoreArgs),
    /// The network the graph view draws: one edge per subject, relation and object of
    /// accepted claims, with the claims and distinct sources behind it, strongest first.
    Network(commands::list::NetworkArgs),
    /// Tools for developing and measuring Dossier.
    Dev(commands::dev::DevArgs),
    /// Set up a team's PostgreSQL server: its schema, teams, analysts and investigations.
    Team(commands::team::TeamArgs),
    /// Sync the store with a team's investigation on its PostgreSQL server: push what you changed,
    /// pull what colleagues did. Once, or whenever a colleague pushes.
    Sync(commands::sync::SyncArgs),
    /// Full-text search across sources, actors, claims, quotations and notes.
    Search(commands::list::SearchArgs),
}

/// Which page of a list to print.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Paging {
    #[arg(long, default_value_t = 100)]
    pub limit: i32,
    #[arg(long, default_value_t = 0)]
    pub offset: i32,
}

impl Paging {
    pub(crate) fn request(self) -> PageRequest {
        PageRequest::new(self.offset, self.limit)
    }
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
    if let Command::ReadWorker = command {
        // The worker owns stdin and stdout for its protocol.
        return match import::worker::serve() {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::from(2),
        };
    }
    let mut out = std::io::stdout().lock();
    match run(db, command, &mut out) {
        Ok(code) => code,
        Err(err) => fail(&err),
    }
}

fn fail(err: &Error) -> ExitCode {
    // `dossier … | head` closes the pipe early: that is the reader's choice, not an error.
    if let Error::Io(io) = err {
        if io.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
    }
    eprintln!("dossier: {}", err.to_string().replace('\n', " "));
    exit_code_for(err.code())
}

pub(crate) fn open(db: Option<PathBuf>) -> Result<Store, Error> {
    let path = paths::store_path(db)
        .ok_or_else(|| Error::Invalid("no store given and no home folder to keep one in; pass --db PATH".into()))?;
    Store::open(&path)
}

pub(crate) fn json<T: Serialize>(out: &mut impl Write, value: &T) -> Result<(), Error> {
    serde_json::to_writer(&mut *out, value).map_err(|e| Error::Io(e.into()))?;
    writeln!(out)?;
    Ok(())
}

fn run(db: Option<PathBuf>, command: Command, out: &mut impl Write) -> Result<ExitCode, Error> {
    use commands::{actors, changes, dev, list, measure, store, suggestions};
    match command {
        // Measurements, the analysis of files and a restore open no store, or their own.
        Command::EvalImport(a) => measure::eval_import(&a.dir, a.json, a.show_below, out),
        Command::BenchImport(a) => measure::bench_import(&a.paths, a.copies, a.threads, out),
        Command::EvalExtract(a) => {
            let output = measure::EvalOutput { as_json: a.json, misses: a.misses, summary: a.summary };
            measure::eval_extract(&a.gold, a.text.as_deref(), &a.pages, output, out)
        }
        Command::EvalCopies(a) => measure::eval_copies(&a, out),
        Command::BenchExtract(a) => measure::bench_extract(&a.paths, a.aliases, a.rounds, out),
        Command::BenchScale(a) => {
            let library = synthetic::Library { sources: a.sources, actors: a.actors, claims: a.claims, seed: a.seed };
            measure::bench_scale(&library, a.keep, a.each, out)
        }
        Command::BenchExport(a) => measure::bench_export(a, out),
        Command::Extract(a) => commands::import::extract(db, a, out),
        Command::Restore(a) => store::restore(db, a, out),
        Command::Dev(a) => dev::run(db, a, out),
        Command::Team(a) => commands::team::run(a, out),
        Command::ReadWorker => unreachable!("served by execute"),
        Command::Init => store::init(&mut open(db)?, out),
        Command::Stats(a) => store::stats(&mut open(db)?, a, out),
        Command::Backup => store::backup(&mut open(db)?, out),
        Command::Backups(a) => store::backups(&mut open(db)?, a, out),
        Command::Tidy(a) => store::tidy(&mut open(db)?, a, out),
        Command::List(a) => list::list(&mut open(db)?, a, out),
        Command::Search(a) => list::search(&mut open(db)?, a, out),
        Command::Network(a) => list::network(&mut open(db)?, a, out),
        Command::Import(a) => commands::import::import(&mut open(db)?, a, out),
        Command::Reanalyze(a) => commands::import::reanalyze(&mut open(db)?, a, out),
        Command::ImportJson(a) => commands::import::import_json(&mut open(db)?, a, out),
        Command::Suggestions(a) => suggestions::run(&mut open(db)?, a, out),
        Command::Actors(a) => actors::run(&mut open(db)?, a, out),
        Command::Export(a) => commands::export::export(&mut open(db)?, a, out),
        Command::History(a) => changes::history(&mut open(db)?, a, out),
        Command::Undo(a) => changes::undo(&mut open(db)?, a, out),
        Command::Sync(a) => commands::sync::run(&mut open(db)?, a, out),
        Command::Copies(a) => commands::copies::run(&mut open(db)?, a, out),
        Command::Grade(a) => commands::grade::run(&mut open(db)?, a, out),
        Command::Hypotheses(a) => commands::hypotheses::run(&mut open(db)?, a, out),
    }
}

/// Text from the store on one terminal line: control characters shown escaped, so a
/// hostile title cannot move the cursor or forge other lines.
/// An actor named on the command line: by id, or by a name or alias only it has.
pub(crate) fn actor_id(store: &Store, actor: &str) -> Result<i32, Error> {
    if let Ok(id) = actor.parse::<i32>() {
        store.actor(id)?;
        return Ok(id);
    }
    match store.find_actors_by_name(actor)?.as_slice() {
        [id] => Ok(*id),
        [] => Err(Error::Invalid(format!("no actor is called {actor:?}"))),
        many => Err(Error::Invalid(format!(
            "{} actors are called {actor:?}; give the id ({})",
            many.len(),
            many.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// After an actor or alias is added: says where the library names it unlinked.
pub(crate) fn offer_unlinked(out: &mut impl Write, store: &Store, id: i32) -> Result<(), Error> {
    let found = link::unlinked_mentions(store, id, 0)?;
    if found.total > 0 {
        writeln!(
            out,
            "{} unlinked mentions in {} sources; `dossier actors unlinked {id}` lists them, `dossier actors link {id}` links them all",
            found.total, found.sources
        )?;
    }
    Ok(())
}

pub(crate) fn one_line(text: &str) -> String {
    text.chars().flat_map(|c| if c.is_control() { c.escape_default().collect::<Vec<_>>() } else { vec![c] }).collect()
}

pub(crate) fn footer(out: &mut impl Write, shown: usize, total: i32) -> Result<(), Error> {
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
