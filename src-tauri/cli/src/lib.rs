//! The command line over dossier-core: argument parsing, the subcommands, and how their
//! results are printed. The desktop binary calls [`parse`] first and opens a window only
//! when no subcommand was given, so everything here runs without GTK or a display.
//!
//! Exit codes: 0 ok, 1 a user error (one line on stderr), 2 an internal error.

use clap::{Parser, Subcommand, ValueEnum};
use dossier_core::import::{self, evaluate, FileOutcome, ImportOptions, ImportProgress, Readers, WorkerCommand};
use dossier_core::model::{
    ActorKind, Certainty, NetworkFilter, NewActor, PageRequest, Relation, ReviewStatus, SourceSort, SuggestionEdit,
    SuggestionKind,
};
use dossier_core::store::{backup, Accepted, ClaimFilter};
use dossier_core::{export, history, link, paths, scale, synthetic, Error, ErrorCode, Store};
use serde::Serialize;
use std::ffi::OsString;
use std::io::IsTerminal;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

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
        #[command(flatten)]
        paging: Paging,
    },
    /// Import files and folders: HTML and MHTML pages, PDF, Word (.docx), EPUB, e-mail
    /// (.eml), text and Markdown.
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
        /// Files read at once (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Analyse files without storing them: one JSON object per file, one per line, in
    /// order — the source's clean text and the actors, quotations, dates and claims
    /// suggested from it, all offsets in code points of that text. With --db, the
    /// store's actors are known too.
    Extract {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print JSON lines (the only output form for now; accepted for clarity).
        #[arg(long)]
        json: bool,
    },
    /// Measure extraction against hand-made gold: actor precision/recall/F1, kind
    /// accuracy, quote speaker accuracy and date accuracy.
    EvalExtract {
        /// A gold file, or a folder of `NAME.gold.json` + `NAME.txt` pairs and of
        /// `NAME.json` annotations of real pages (read from --pages).
        gold: PathBuf,
        /// The text the gold describes (not given with a folder).
        text: Option<PathBuf>,
        #[arg(long)]
        json: bool,
        /// Also list every miss.
        #[arg(long)]
        misses: bool,
        /// Only the totals of a folder (English, Spanish and Portuguese, all).
        #[arg(long)]
        summary: bool,
        /// Where the pages that annotations name are: Readability's test pages.
        #[arg(long, default_value = "../shared/corpus/readability-test-pages")]
        pages: PathBuf,
    },
    /// Measure extraction throughput on one core (words/s, MB/s) with a library of
    /// synthetic aliases loaded.
    BenchExtract {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long, default_value_t = 100_000)]
        aliases: usize,
        #[arg(long, default_value_t = 20)]
        rounds: usize,
    },
    /// Measure export speed: a synthetic library of --actors and --claims in a temporary
    /// store on disk, exported as a Markdown vault.
    BenchExport {
        #[arg(long, default_value_t = 10_000)]
        actors: usize,
        #[arg(long, default_value_t = 100_000)]
        claims: usize,
    },
    /// Measure queries on a large synthetic library built in a temporary store: full-text
    /// search (50 typical queries), an actor's page (a hub with about 2,000 claims at the
    /// defaults) and 2-hop graph neighbourhoods; prints p50/p95, store size per source and
    /// the peak memory of each step.
    BenchScale {
        #[arg(long, default_value_t = 100_000)]
        sources: usize,
        #[arg(long, default_value_t = 5_000)]
        actors: usize,
        #[arg(long, default_value_t = 50_000)]
        claims: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Keep the library in this file: built there when it does not exist, measured
        /// again as it is when it does (built with the same sizes and seed).
        #[arg(long, value_name = "PATH")]
        keep: Option<PathBuf>,
        /// Also print each search query's latency, slowest first.
        #[arg(long)]
        each: bool,
    },
    /// Measure import throughput: copies of the given files (made distinct) imported
    /// end to end into a fresh store on disk, then extraction alone on one core.
    BenchImport {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// How many distinct copies of each file to import.
        #[arg(long, default_value_t = 4)]
        copies: usize,
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Internal: the reader process that import starts for untrusted files.
    #[command(hide = true)]
    ReadWorker,
    /// Measure HTML import against test pages with known answers (a folder of
    /// folders holding source.html, expected.html and expected-metadata.json).
    EvalImport {
        dir: PathBuf,
        #[arg(long)]
        json: bool,
        /// Also list each page that misses a field or scores below this F1.
        #[arg(long, value_name = "F1")]
        show_below: Option<f64>,
    },
    /// Review what extraction suggested: list pending suggestions, or reject some
    /// (a rejected suggestion is not proposed again when the source is re-analysed).
    Suggestions {
        #[command(subcommand)]
        action: SuggestionsAction,
    },
    /// Analyse stored sources again (one, or all): pending suggestions are replaced,
    /// decisions and the analyst's own records stay.
    Reanalyze {
        #[arg(long, conflicts_with = "all", required_unless_present = "all")]
        source: Option<i32>,
        #[arg(long)]
        all: bool,
    },
    /// Add actors and aliases to the library.
    Actors {
        #[command(subcommand)]
        action: ActorsAction,
    },
    /// Export into a folder: a Markdown vault (Obsidian, Logseq), the whole store as
    /// JSON, CSV, GEXF or GraphML — all, or an actor's neighbourhood, a tag, or a date range.
    Export {
        #[arg(long, value_parser = ["vault", "briefing", "json", "csv", "gexf", "graphml", "csl", "bibtex", "ftm"])]
        format: String,
        /// The folder to write (created; an earlier export there is replaced).
        #[arg(long)]
        out: PathBuf,
        /// Only this actor (id or name) and those up to --hops claims away.
        #[arg(long, conflicts_with_all = ["tag", "from", "to"])]
        actor: Option<String>,
        #[arg(long, default_value_t = 1, requires = "actor")]
        hops: i32,
        /// Only the sources with this tag and the claims they are cited for.
        #[arg(long, conflicts_with_all = ["from", "to"])]
        tag: Option<String>,
        /// Only claims dated from this day, month or year (EDTF)…
        #[arg(long)]
        from: Option<String>,
        /// …to this one.
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Restore a JSON export into a new, empty store (--db).
    ImportJson { file: PathBuf },
    /// Back the store up now (a complete copy in backups/ beside it); prints its path.
    Backup,
    /// Merge each full-text index down to one segment, in small steps (the app does this
    /// by itself when it is idle); prints the segments before and after.
    Tidy {
        /// Only print how many segments each index has.
        #[arg(long)]
        status: bool,
    },
    /// List the store's backups, newest first.
    Backups {
        #[arg(long)]
        json: bool,
    },
    /// The latest changes made to the library (accept, reject, edit, merge, split, link,
    /// cite, rename, tag, notes), newest first, and which can still be undone.
    History {
        #[arg(long, default_value_t = 20)]
        limit: i32,
        #[arg(long)]
        json: bool,
    },
    /// Take back a change: the latest one that can be, or the one whose id is given (one
    /// of the latest 100, listed by `history`). The app and the command line share it.
    Undo { change: Option<i32> },
    /// Replace the store with a backup: the backup is checked first and the store it
    /// replaces is backed up. Do not run it while the app has the store open.
    Restore { backup: PathBuf },
    /// The network the graph view draws: one edge per subject, relation and object of
    /// accepted claims, with the claims and distinct sources behind it, strongest first.
    Network {
        /// Only edges backed by at least this many sources.
        #[arg(long, default_value_t = 0)]
        min_sources: i32,
        /// An actor (id or name) and its neighbourhood.
        #[arg(long)]
        actor: Option<String>,
        #[arg(long, default_value_t = 1)]
        hops: i32,
        /// Claims dated from/to these ISO days (undated claims then go).
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Tools for developing and measuring Dossier.
    Dev {
        #[command(subcommand)]
        action: DevAction,
    },
    /// Full-text search across sources, actors, claims, quotations and notes.
    Search {
        query: String,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 20)]
        limit: i32,
    },
}

#[derive(Debug, Subcommand)]
pub enum DevAction {
    /// Fill an empty store (--db) with a deterministic synthetic library: 20 dispatches,
    /// ACTORS actors and CLAIMS accepted, cited claims between random pairs of them.
    GenStore {
        #[arg(long, default_value_t = 5_000)]
        actors: usize,
        #[arg(long, default_value_t = 20_000)]
        claims: usize,
        /// Synthetic news articles to add as sources (the corpus gen-corpus writes).
        #[arg(long, default_value_t = 0)]
        sources: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Write SOURCES synthetic news articles into a new or empty folder, every other one
    /// as a web page (.html) and the rest as text (.txt): the same seed, the same files.
    GenCorpus {
        #[arg(long)]
        sources: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
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
    fn request(self) -> PageRequest {
        PageRequest::new(self.offset, self.limit)
    }
}

#[derive(Debug, Subcommand)]
pub enum ActorsAction {
    /// Add an actor.
    Add {
        name: String,
        #[arg(long, default_value = "other")]
        kind: String,
        #[arg(long = "alias")]
        aliases: Vec<String>,
    },
    /// Aliases of an actor (by id, or by a name or alias it already has).
    Alias {
        #[command(subcommand)]
        action: AliasAction,
    },
    /// Merge actor MERGED into KEEP: its aliases, mentions, claims, citations and note
    /// links move to KEEP and MERGED is deleted. Undo with `dossier undo`.
    Merge { keep: String, merged: String },
    /// Undo a merge (its id is printed by `actors merge` and listed by `actors merges`).
    Unmerge { merge: i32 },
    /// The merges into an actor (or all), newest first.
    Merges { actor: Option<String> },
    /// Split an alias off into an actor of its own, with the mentions written that way
    /// and the claims whose citations name the actor only so.
    Split { actor: String, alias: String },
    /// Where sources name an actor by one of its aliases with no mention linking them.
    Unlinked {
        actor: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Link every unlinked mention of an actor at once.
    Link { actor: String },
}

#[derive(Debug, Subcommand)]
pub enum AliasAction {
    /// Add an alias; every source is then analysed again so that its mentions are found.
    Add { actor: String, alias: String },
}

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
    let command = match command {
        Command::EvalImport { dir, json: as_json, show_below } => return eval_import(&dir, as_json, show_below, out),
        Command::BenchImport { paths, copies, threads } => return bench_import(&paths, copies, threads, out),
        Command::EvalExtract { gold, text, json: as_json, misses, summary, pages } => {
            return eval_extract(&gold, text.as_deref(), &pages, EvalOutput { as_json, misses, summary }, out)
        }
        Command::BenchExtract { paths, aliases, rounds } => return bench_extract(&paths, aliases, rounds, out),
        Command::Dev { action: DevAction::GenCorpus { sources, seed, out: folder } } => {
            let written = gen_corpus(&folder, sources, seed)?;
            writeln!(out, "{sources} articles, {:.1} MB, in {}", written as f64 / 1e6, folder.display())?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::BenchScale { sources, actors, claims, seed, keep, each } => {
            return bench_scale(&synthetic::Library { sources, actors, claims, seed }, keep, each, out);
        }
        Command::BenchExport { actors, claims } => {
            let figures = export::bench::bench_vault(actors, claims)?;
            writeln!(
                out,
                "library     {} actors, {} claims with citations, built in {:.1} s",
                figures.actors, figures.claims, figures.build_seconds
            )?;
            writeln!(
                out,
                "vault       {} files, {:.1} MB in {:.2} s (target: under 10 s for 10,000 actors and 100,000 claims)",
                figures.files, figures.megabytes, figures.export_seconds
            )?;
            return Ok(ExitCode::SUCCESS);
        }
        other => other,
    };
    if let Command::Extract { files, .. } = &command {
        return extract_files(db, files, out);
    }
    if let Command::Restore { backup } = &command {
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
        return Ok(ExitCode::SUCCESS);
    }
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
        }
        Command::List { what, json: as_json, paging } => {
            let page = paging.request();
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
        Command::Import { paths, json: as_json, threads } => {
            let options = import_options(threads)?;
            let mut bar = ProgressBar::on_terminal();
            let report = import::import_batch(&mut store, &paths, &options, &AtomicBool::new(false), &mut |p, _| {
                bar.show(p);
            });
            bar.finish();
            if as_json {
                json(out, &report)?;
            } else {
                for file in &report.files {
                    let line = match &file.outcome {
                        FileOutcome::Imported { source_id } => format!("imported   #{source_id}"),
                        FileOutcome::Duplicate { source_id } => format!("duplicate  #{source_id}"),
                        FileOutcome::Failed { reason } => format!("failed     {reason}"),
                        FileOutcome::Skipped { reason } => format!("skipped    {reason}"),
                    };
                    writeln!(out, "{line}  {}", file.path.escape_debug())?;
                }
                writeln!(
                    out,
                    "{} imported, {} duplicate, {} failed, {} skipped",
                    report.imported, report.duplicates, report.failed, report.skipped
                )?;
            }
            if report.failed > 0 {
                return Ok(ExitCode::from(1));
            }
        }
        Command::EvalImport { .. }
        | Command::ReadWorker
        | Command::BenchImport { .. }
        | Command::EvalExtract { .. }
        | Command::BenchExtract { .. }
        | Command::BenchExport { .. }
        | Command::BenchScale { .. }
        | Command::Dev { action: DevAction::GenCorpus { .. } }
        | Command::Extract { .. } => {
            unreachable!("handled before the store is opened")
        }
        Command::Suggestions { action: SuggestionsAction::List { source, kind, status, json: as_json, paging } } => {
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
        Command::Suggestions { action: SuggestionsAction::Accept { ids, source, all } } => {
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
                let done = history::accept_suggestion(&mut store, id)?;
                report(id, done)?;
            }
            // One change (one undo), actors first so that claims and quotations find them.
            if all {
                for (id, done) in history::accept_all(&mut store, source)? {
                    report(id, done)?;
                }
            }
        }
        Command::Suggestions { action: SuggestionsAction::Reject { ids } } => {
            for id in ids {
                history::reject_suggestion(&mut store, id)?;
                writeln!(out, "rejected #{id}")?;
            }
        }
        Command::Reanalyze { source, all: _ } => {
            let done = import::reanalyze(&mut store, source, &import_options(None)?.readers)?;
            let pending = store.stats()?.suggestions;
            writeln!(out, "analysed {} sources; {pending} suggestions pending", done.analysed)?;
            for failed in &done.failed {
                let (title, note) = (one_line(&failed.path), failed.note.as_deref().unwrap_or_default());
                writeln!(out, "not analysed: {title}: {note}")?;
            }
            if !done.failed.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Actors { action: ActorsAction::Add { name, kind, aliases } } => {
            let kind = ActorKind::parse(&kind).ok_or_else(|| {
                Error::Invalid(format!(
                    "unknown kind {kind:?}: person, organization, state, armed_group, place or other"
                ))
            })?;
            let like = dossier_core::link::actors_like(&store, &name)?;
            let id = history::create_actor(&mut store, &NewActor { name, kind, description: String::new(), aliases })?;
            for other in like {
                eprintln!(
                    "note: the library already has #{} {:?}, written alike; to keep one: dossier actors merge {} {id}",
                    other.id, other.name, other.id
                );
            }
            let analysed = import::reanalyze(&mut store, None, &import_options(None)?.readers)?.analysed;
            writeln!(out, "actor #{id} added; {analysed} sources analysed again for its mentions")?;
            offer_unlinked(out, &store, id)?;
        }
        Command::Actors { action: ActorsAction::Alias { action: AliasAction::Add { actor, alias } } } => {
            let id = actor_id(&store, &actor)?;
            let added = history::add_alias(&mut store, id, &alias)?;
            let analysed = import::reanalyze(&mut store, None, &import_options(None)?.readers)?.analysed;
            let what = if added { "added" } else { "was already there" };
            writeln!(out, "alias {:?} {what} for actor #{id}; {analysed} sources analysed again", one_line(&alias))?;
            offer_unlinked(out, &store, id)?;
        }
        Command::Actors { action: ActorsAction::Merge { keep, merged } } => {
            let (keep, merged) = (actor_id(&store, &keep)?, actor_id(&store, &merged)?);
            let name = store.actor(merged)?.name;
            let done = history::merge_actors(&mut store, keep, merged)?;
            writeln!(
                out,
                "merged #{merged} {:?} into #{keep}: {} aliases added, {} mentions, {} claims, {} citations moved \
                 (undo: dossier undo)",
                one_line(&name),
                done.aliases_added,
                done.mentions,
                done.claims,
                done.citations
            )?;
        }
        Command::Actors { action: ActorsAction::Unmerge { merge } } => {
            let restored = history::unmerge(&mut store, merge)?;
            writeln!(
                out,
                "merge #{merge} undone: actor #{restored} {:?} is back (undo: dossier undo)",
                one_line(&store.actor(restored)?.name)
            )?;
        }
        Command::Actors { action: ActorsAction::Merges { actor } } => {
            let actor = actor.map(|a| actor_id(&store, &a)).transpose()?;
            for m in store.actor_merges(actor)? {
                writeln!(
                    out,
                    "{:>6}  #{} {:?} into #{}  {}{}",
                    m.id,
                    m.merged_id,
                    one_line(&m.merged_name),
                    m.kept_id,
                    m.merged_at,
                    m.undone_at.map(|at| format!("  (undone {at})")).unwrap_or_default()
                )?;
            }
        }
        Command::Actors { action: ActorsAction::Split { actor, alias } } => {
            let id = actor_id(&store, &actor)?;
            let done = history::split_alias(&mut store, id, &alias)?;
            writeln!(
                out,
                "alias {:?} split off #{id} into actor #{}: {} mentions and {} claims moved",
                one_line(&alias),
                done.actor_id,
                done.mentions,
                done.claims
            )?;
        }
        Command::Actors { action: ActorsAction::Unlinked { actor, limit, json: as_json } } => {
            let id = actor_id(&store, &actor)?;
            let found = link::unlinked_mentions(&store, id, limit)?;
            if as_json {
                json(out, &found)?;
            } else {
                for m in &found.items {
                    writeln!(
                        out,
                        "source {:>5}  [{}, {})  …{}[{}]{}…",
                        m.source_id,
                        m.start,
                        m.end,
                        one_line(&m.prefix),
                        one_line(&m.surface),
                        one_line(&m.suffix)
                    )?;
                }
                writeln!(out, "{} unlinked mentions in {} sources", found.total, found.sources)?;
            }
        }
        Command::Actors { action: ActorsAction::Link { actor } } => {
            let id = actor_id(&store, &actor)?;
            let linked = history::link_unlinked_mentions(&mut store, id)?;
            writeln!(out, "{} mentions linked to actor #{id}", linked.len())?;
        }
        Command::Suggestions {
            action:
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
                },
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
            let edited = history::edit_suggestion(&mut store, id, &changes)?;
            writeln!(out, "edited #{id}: {}", one_line(&edited.label))?;
        }
        Command::Export { format, out: folder, actor, hops, tag, from, to, json: as_json } => {
            let format =
                export::Format::parse(&format).ok_or_else(|| Error::Invalid(format!("unknown format {format:?}")))?;
            let scope = match (actor, tag) {
                (Some(actor), _) => export::Scope::Actor { id: actor_id(&store, &actor)?, hops },
                (None, Some(tag)) => export::Scope::Tag { tag },
                (None, None) if from.is_some() || to.is_some() => export::Scope::Dates { from, to },
                (None, None) => export::Scope::All,
            };
            let report = export::export(&store, format, &scope, &folder)?;
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
        }
        Command::Backup => {
            writeln!(out, "{}", store.backup()?.display())?;
        }
        Command::Tidy { status: true } => {
            for (table, segments) in store.search_index_segments()? {
                writeln!(out, "{table:<12} {segments:>5} segments")?;
            }
        }
        Command::Tidy { status: false } => {
            let before = store.search_index_segments()?;
            let started = std::time::Instant::now();
            let steps = store.tidy_search_index()?;
            let after = store.search_index_segments()?;
            for ((table, was), (_, now)) in before.iter().zip(&after) {
                writeln!(out, "{table:<12} {was:>5} segments → {now}")?;
            }
            writeln!(out, "{steps} steps in {:.1} s", started.elapsed().as_secs_f64())?;
        }
        Command::Backups { json: as_json } => {
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
        }
        Command::History { limit, json: as_json } => {
            let changes = history::recent(&store, limit)?;
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
        }
        Command::Undo { change } => match history::undo(&mut store, change)? {
            Some(c) => writeln!(out, "undone #{}: {}", c.id, one_line(&c.label))?,
            None => writeln!(out, "nothing to undo")?,
        },
        Command::Restore { .. } => unreachable!("handled before the store is opened"),
        Command::ImportJson { file } => {
            export::import_json(&mut store, &file)?;
            let stats = store.stats()?;
            writeln!(
                out,
                "restored {} sources, {} actors, {} claims, {} citations, {} notes",
                stats.sources, stats.actors, stats.claims, stats.citations, stats.notes
            )?;
        }
        Command::Dev { action: DevAction::GenStore { actors, claims, sources, seed } } => {
            if store.stats()?.sources > 0 {
                return Err(Error::Invalid("gen-store fills an empty store only; give a new --db".into()));
            }
            synthetic::fill_library(&mut store, &synthetic::Library { sources, actors, claims, seed })?;
            let stats = store.stats()?;
            writeln!(out, "{} sources, {} actors, {} claims", stats.sources, stats.actors, stats.claims)?;
        }
        Command::Network { min_sources, actor, hops, from, to, json: as_json } => {
            let focus = actor.map(|a| actor_id(&store, &a)).transpose()?;
            let filter = NetworkFilter { min_sources, focus, hops, from, to, ..NetworkFilter::default() };
            let network = store.network(&filter)?;
            if as_json {
                json(out, &network)?;
            } else {
                for i in 0..network.edge_from.len() {
                    writeln!(
                        out,
                        "{}  {}  {}  {} claims  {} sources  {}",
                        one_line(&network.names[network.edge_from[i] as usize]),
                        network.relations[i].as_str(),
                        one_line(&network.names[network.edge_to[i] as usize]),
                        network.claim_counts[i],
                        network.source_counts[i],
                        network.certainties[i].as_str()
                    )?;
                }
                writeln!(out, "{} actors, {} edges", network.actor_ids.len(), network.edge_from.len())?;
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
                if hits.capped {
                    writeln!(
                        out,
                        "(more matched: only the newest {} of each kind were ranked; add a word to narrow the search)",
                        hits.window
                    )?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn eval_import(dir: &Path, as_json: bool, show_below: Option<f64>, out: &mut impl Write) -> Result<ExitCode, Error> {
    let evaluation = evaluate::evaluate_import(dir)?;
    if as_json {
        json(out, &evaluation)?;
        return Ok(ExitCode::SUCCESS);
    }
    let e = &evaluation;
    writeln!(
        out,
        "pages            {} ({} failed) in {:.2} s, {:.0} pages/s",
        e.pages,
        e.failed,
        e.seconds,
        e.pages as f64 / e.seconds
    )?;
    writeln!(out, "title            {:.3}  (of {})", e.title_rate, e.title_expected)?;
    writeln!(out, "byline           {:.3}  (of {} pages that have one)", e.byline_rate, e.byline_expected)?;
    writeln!(out, "published        {:.3}  (of {})", e.published_rate, e.published_expected)?;
    writeln!(out, "site name        {:.3}  (of {})", e.site_name_rate, e.site_name_expected)?;
    writeln!(out, "body precision   {:.4}", e.mean_precision)?;
    writeln!(out, "body recall      {:.4}", e.mean_recall)?;
    writeln!(out, "body F1          {:.4}", e.mean_f1)?;
    if let Some(threshold) = show_below {
        for s in &e.scores {
            let misses: Vec<&str> = [
                (s.title_matches == Some(false)).then_some("title"),
                (s.byline_matches == Some(false)).then_some("byline"),
                (s.published_matches == Some(false)).then_some("published"),
                (s.site_name_matches == Some(false)).then_some("site name"),
            ]
            .into_iter()
            .flatten()
            .collect();
            if s.f1 < threshold || !misses.is_empty() {
                let failed = s.failed.as_deref().map(|f| format!("  failed: {f}")).unwrap_or_default();
                writeln!(out, "  {:<40} F1 {:.3}  {}{failed}", s.name, s.f1, misses.join(", "))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Import options for this process: readers in worker processes started from this
/// very executable.
fn import_options(threads: Option<usize>) -> Result<ImportOptions, Error> {
    let command = WorkerCommand::this_executable(&["read-worker"])?;
    let mut options = ImportOptions { readers: Readers::Workers(command), ..ImportOptions::default() };
    if let Some(threads) = threads {
        options.threads = threads.max(1);
    }
    Ok(options)
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
struct ProgressBar {
    enabled: bool,
    drawn: Option<std::time::Instant>,
}

impl ProgressBar {
    fn on_terminal() -> ProgressBar {
        ProgressBar { enabled: std::io::stderr().is_terminal(), drawn: None }
    }

    fn show(&mut self, p: &ImportProgress) {
        let due = self.drawn.is_none_or(|t| t.elapsed().as_millis() >= 100) || p.done == p.total;
        if !self.enabled || !due {
            return;
        }
        self.drawn = Some(std::time::Instant::now());
        const WIDTH: usize = 24;
        let filled = if p.total > 0 { p.done as usize * WIDTH / p.total as usize } else { WIDTH };
        let current = p.current.as_deref().map(one_line).unwrap_or_default();
        let current: String = current.chars().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect();
        eprint!(
            "\r\x1b[2K[{}{}] {}/{}  {} imported, {} duplicate, {} failed  {current}",
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            p.done,
            p.total,
            p.imported,
            p.duplicates,
            p.failed
        );
    }

    fn finish(&mut self) {
        if self.enabled && self.drawn.is_some() {
            eprint!("\r\x1b[2K");
        }
    }
}

/// `dossier extract`: each file read the way import reads it, then analysed.
fn extract_files(db: Option<PathBuf>, files: &[PathBuf], out: &mut impl Write) -> Result<ExitCode, Error> {
    use dossier_core::extract::{actors::KnownActor, actors::Lexicon, analyze};
    // Only an explicit --db brings the library's actors; no store is created for this.
    let known: Vec<KnownActor> = match db {
        Some(path) => Store::open(&path)?
            .actor_names()?
            .into_iter()
            .map(|(name, kind, aliases)| KnownActor { name, kind, aliases })
            .collect(),
        None => Vec::new(),
    };
    let lexicon = Lexicon::with_known(&known);
    let options = import_options(Some(1))?;
    let mut failed = false;
    for path in files {
        let line = match import::read_one(path, &options) {
            Ok(source) => {
                let text = dossier_core::text::to_stored_form(&source.text);
                let published = source.published.as_deref().and_then(dossier_core::extract::Published::parse);
                let analysis = analyze(&text, &lexicon, published);
                serde_json::json!({
                    "path": path.to_string_lossy(),
                    "source": {
                        "title": source.title,
                        "byline": source.byline,
                        "published": source.published,
                        "language": source.language,
                        "text": text,
                    },
                    "actors": analysis.actors,
                    "quotes": analysis.quotes,
                    "dates": analysis.dates,
                    "claims": analysis.claims,
                })
            }
            Err(reason) => {
                failed = true;
                serde_json::json!({ "path": path.to_string_lossy(), "error": reason })
            }
        };
        json(out, &line)?;
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// How `eval-extract` prints.
struct EvalOutput {
    as_json: bool,
    misses: bool,
    summary: bool,
}

fn eval_extract(
    gold: &Path,
    text: Option<&Path>,
    pages: &Path,
    how: EvalOutput,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    use dossier_core::extract::{evaluate, goldset};
    if let Some(text) = text {
        let e = evaluate::evaluate_files(gold, text)?;
        if how.as_json {
            json(out, &e)?;
        } else {
            print_extract_evaluation(&e, how.misses, out)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if !gold.is_dir() {
        return Err(Error::Invalid("give the text the gold describes, or a folder of gold files".into()));
    }
    let cases = goldset::load(gold, pages)?;
    let mut totals: Vec<(&str, evaluate::Tally, usize)> = vec![
        ("English", evaluate::Tally::default(), 0),
        ("Spanish and Portuguese", evaluate::Tally::default(), 0),
        ("all", evaluate::Tally::default(), 0),
    ];
    for case in &cases {
        let e = evaluate::evaluate_in(&case.text, &case.gold, case.published);
        let group = if case.language == "en" { 0 } else { 1 };
        for index in [group, 2] {
            totals[index].1.add(&e.tally);
            totals[index].2 += 1;
        }
        if how.summary {
            continue;
        }
        if how.as_json {
            json(out, &serde_json::json!({ "name": case.name, "language": case.language, "evaluation": e }))?;
        } else {
            writeln!(out, "== {} ({})", one_line(&case.name), case.language)?;
            print_extract_evaluation(&e, how.misses, out)?;
        }
    }
    for (group, tally, count) in &totals {
        if *count == 0 || (*group == "all" && totals.iter().take(2).any(|(_, _, n)| *n == *count)) {
            continue;
        }
        let e = tally.figures(Vec::new());
        if how.as_json {
            json(out, &serde_json::json!({ "total": group, "texts": count, "evaluation": e }))?;
        } else {
            writeln!(out, "== total: {group} ({count} text{})", if *count == 1 { "" } else { "s" })?;
            print_extract_evaluation(&e, false, out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_extract_evaluation(
    e: &dossier_core::extract::evaluate::ExtractEvaluation,
    show_misses: bool,
    out: &mut impl Write,
) -> Result<(), Error> {
    writeln!(
        out,
        "actors      precision {:.3}  recall {:.3}  F1 {:.3}  ({} predicted, {} in gold)",
        e.actor_precision, e.actor_recall, e.actor_f1, e.actors_predicted, e.actors_gold
    )?;
    writeln!(out, "kinds       accuracy {:.3}", e.kind_accuracy)?;
    writeln!(
        out,
        "quotes      {} of {} found, speaker accuracy {:.3}",
        e.quotes_found, e.quotes_gold, e.speaker_accuracy
    )?;
    writeln!(out, "dates       accuracy {:.3}  (of {})", e.date_accuracy, e.dates_gold)?;
    if e.claims_gold == 0 {
        writeln!(out, "claims      {} suggested (the gold lists no claims)", e.claims_suggested)?;
    } else {
        writeln!(
            out,
            "claims      found {:.3} of {} gold, relation accuracy {:.3}, {:.2} suggestions per gold claim ({} suggested)",
            e.claims_found, e.claims_gold, e.relation_accuracy, e.suggestions_per_gold_claim, e.claims_suggested
        )?;
        writeln!(
            out,
            "claim dates accuracy {:.3}  (of {} found claims the gold dates)",
            e.claim_date_accuracy, e.claim_dates_judged
        )?;
    }
    if show_misses {
        for miss in &e.misses {
            writeln!(out, "  {}", one_line(miss))?;
        }
    }
    Ok(())
}

fn bench_extract(paths: &[PathBuf], aliases: usize, rounds: usize, out: &mut impl Write) -> Result<ExitCode, Error> {
    let mut texts = Vec::new();
    for path in paths {
        let bytes = std::fs::read(path)?;
        let format = import::Format::of(path, &bytes).map_err(Error::Invalid)?;
        let extracted =
            import::extract(format, &bytes).map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))?;
        texts.push(dossier_core::text::to_stored_form(&extracted.text));
    }
    let f = dossier_core::extract::bench::bench_extract(&texts, aliases, rounds.max(1));
    writeln!(
        out,
        "lexicon     {} library aliases + gazetteer = {} patterns, built in {:.2} s",
        f.aliases, f.patterns, f.lexicon_seconds
    )?;
    writeln!(
        out,
        "extraction  {} words, {:.1} MB in {:.2} s: {:.0} words/s, {:.2} MB/s (one core; actors, quotes, dates, claims)",
        f.words,
        f.megabytes,
        f.seconds,
        f.words as f64 / f.seconds,
        f.megabytes / f.seconds
    )?;
    Ok(ExitCode::SUCCESS)
}

fn bench_import(
    paths: &[PathBuf],
    copies: usize,
    threads: Option<usize>,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let options = import_options(threads)?;
    let figures = import::bench::bench_import(paths, copies.max(1), &options)?;
    for f in &figures.end_to_end {
        writeln!(
            out,
            "end to end  {:<5} {:>5} files  {:>8.1} MB  {:>6.2} s  {:>7.1} files/s  {:>6.2} MB/s  ({} threads, readers in worker processes; {} failed)",
            f.format, f.files, f.megabytes, f.seconds, f.files as f64 / f.seconds, f.megabytes / f.seconds, options.threads, f.failed
        )?;
        if let (Some(wal), Some(store)) = (f.wal_peak_mb, f.store_mb) {
            writeln!(
                out,
                "            WAL at most {wal:.1} MB while importing (target: ≤ 64 MB); store {store:.1} MB, {:.1} kB per file",
                store * 1e3 / f.files.max(1) as f64
            )?;
        }
        if let Some(t) = &f.tidy {
            writeln!(
                out,
                "            tidied after: the sources' index {} → {} segments in {:.2} s, WAL at most {:.1} MB (target: ≤ 64 MB)",
                t.segments_before, t.segments_after, t.seconds, t.wal_peak_mb
            )?;
        }
    }
    if let Some(x) = &figures.extraction {
        writeln!(
            out,
            "extraction  html  {:>5} pages {:>8.1} MB  {:>6.2} s  {:>7.1} pages/s  {:>6.2} MB/s  (one core, no store)",
            x.files,
            x.megabytes,
            x.seconds,
            x.files as f64 / x.seconds,
            x.megabytes / x.seconds
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Text from the store on one terminal line: control characters shown escaped, so a
/// hostile title cannot move the cursor or forge other lines.
/// An actor named on the command line: by id, or by a name or alias only it has.
fn actor_id(store: &Store, actor: &str) -> Result<i32, Error> {
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
fn offer_unlinked(out: &mut impl Write, store: &Store, id: i32) -> Result<(), Error> {
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

/// Writes the synthetic corpus into `folder` (new, or empty); returns the bytes written.
fn gen_corpus(folder: &Path, sources: usize, seed: u64) -> Result<u64, Error> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::ReadFile { path, source }
    };
    std::fs::create_dir_all(folder).map_err(io(folder))?;
    if std::fs::read_dir(folder).map_err(io(folder))?.next().is_some() {
        return Err(Error::Invalid(format!(
            "{} is not empty; gen-corpus writes into a new or empty folder",
            folder.display()
        )));
    }
    let mut written = 0;
    for i in 0..sources {
        let article = synthetic::corpus::article(seed, i);
        let (name, body) = if i % 2 == 0 {
            (format!("article-{i:06}.html"), article.html())
        } else {
            (format!("article-{i:06}.txt"), article.text())
        };
        let path = folder.join(name);
        std::fs::write(&path, &body).map_err(io(&path))?;
        written += body.len() as u64;
    }
    Ok(written)
}

/// `bench-scale`: builds the library in a temporary store and prints one line per figure.
fn bench_scale(
    library: &synthetic::Library,
    keep: Option<PathBuf>,
    each: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let scratch = paths::Scratch::new("bench-scale")?;
    let path = keep.unwrap_or_else(|| scratch.path.join("scale.dossier"));
    let built_before = path.exists();
    let mut store = Store::open(&path)?;
    scale::reset_peak_rss();
    let started = std::time::Instant::now();
    if !built_before {
        synthetic::fill_library(&mut store, library)?;
    }
    let seconds = started.elapsed().as_secs_f64();
    let size: u64 = ["", "-wal"]
        .iter()
        .filter_map(|suffix| std::fs::metadata(format!("{}{suffix}", path.display())).ok())
        .map(|m| m.len())
        .sum();
    let stats = store.stats()?;
    let peak = |out: &mut dyn Write| -> std::io::Result<()> {
        match scale::peak_rss_mb() {
            Some(mb) => writeln!(out, "            peak RSS {mb:.0} MB"),
            None => Ok(()),
        }
    };
    writeln!(
        out,
        "library     {} sources, {} actors, {} claims {} in {seconds:.1} s; store {:.1} MB, {:.1} kB per source",
        stats.sources,
        stats.actors,
        stats.claims,
        if built_before { "opened" } else { "built" },
        size as f64 / 1e6,
        size as f64 / 1e3 / stats.sources.max(1) as f64
    )?;
    peak(out)?;
    let print = |out: &mut dyn Write, label: &str, latency: &scale::Latency, target: &str| -> std::io::Result<()> {
        writeln!(
            out,
            "{label:<11} {}: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms over {} runs ({}; target: p95 {target})",
            latency.what, latency.p50, latency.p95, latency.max, latency.runs, latency.detail
        )
    };
    scale::reset_peak_rss();
    let queries = scale::typical_queries(library.seed);
    let searched = scale::search(&store, &queries)?;
    print(out, "search", &searched, "≤ 30 ms")?;
    if each {
        for (query, ms) in &searched.each {
            writeln!(out, "            {ms:>7.1} ms  {query}")?;
        }
    }
    peak(out)?;
    scale::reset_peak_rss();
    // The first actors are the hubs: the most claims.
    let hub = store.list_actors(None, PageRequest::new(0, 1))?.items.first().map(|a| a.id).unwrap_or(1);
    print(out, "actor page", &scale::actor_page(&store, hub, 20)?, "≤ 50 ms")?;
    peak(out)?;
    scale::reset_peak_rss();
    let mut rng = synthetic::corpus::Rng::new(library.seed);
    let around: Vec<i32> = (0..100).map(|_| 1 + rng.below(library.actors.max(1)) as i32).collect();
    print(out, "graph", &scale::neighbourhood(&store, &around, 2)?, "≤ 20 ms")?;
    peak(out)?;
    Ok(ExitCode::SUCCESS)
}
