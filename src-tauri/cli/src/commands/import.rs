//! `import`, `extract`, `reanalyze` and `import-json`: sources in, and their analysis.

use crate::{json, one_line};
use dossier_core::import::{self, FileOutcome, ImportOptions, ImportProgress};
use dossier_core::{export, Error, Store};
use std::io::IsTerminal;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

/// What `dossier import` takes.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Files, folders, and web addresses (http or https) to fetch and keep with their
    /// chain of custody.
    #[arg(required = true, value_name = "PATH|URL")]
    pub paths: Vec<PathBuf>,
    #[arg(long)]
    pub json: bool,
    /// Files read at once (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Languages OCR reads scans and pictures in, as Tesseract names them, `+`-joined
    /// (default: the app's setting, else eng+spa+por).
    #[arg(long, value_name = "LANGS", conflicts_with = "no_ocr")]
    pub ocr_languages: Option<String>,
    /// Leave scans and pictures unread (they are kept, with no text).
    #[arg(long)]
    pub no_ocr: bool,
}

pub(crate) fn import(store: &mut Store, args: ImportArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let ImportArgs { paths, json: as_json, threads, ocr_languages, no_ocr } = args;
    let mut options = import_options(threads)?;
    if no_ocr {
        options.ocr = None;
    } else if let Some(languages) = ocr_languages {
        let languages: Vec<String> =
            languages.split(['+', ',']).map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
        if languages.is_empty() {
            return Err(Error::Invalid("--ocr-languages names no language".into()));
        }
        options.ocr = Some(import::ocr::OcrSettings { languages });
    }
    let mut bar = ProgressBar::on_terminal();
    let report = import::import_batch(store, &paths, &options, &AtomicBool::new(false), &mut |p, _| {
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
            if let Some(note) = &file.note {
                writeln!(out, "           ({})", one_line(note))?;
            }
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
    Ok(ExitCode::SUCCESS)
}

/// What `dossier reanalyze` takes.
#[derive(Debug, clap::Args)]
pub struct ReanalyzeArgs {
    #[arg(long, conflicts_with = "all", required_unless_present = "all")]
    pub source: Option<i32>,
    #[arg(long)]
    pub all: bool,
}

pub(crate) fn reanalyze(store: &mut Store, args: ReanalyzeArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let ReanalyzeArgs { source, all: _ } = args;
    let done = import::reanalyze(store, source, &import_options(None)?.readers)?;
    let pending = store.stats()?.suggestions;
    writeln!(out, "analysed {} sources; {pending} suggestions pending", done.analysed)?;
    for failed in &done.failed {
        let (title, note) = (one_line(&failed.path), failed.note.as_deref().unwrap_or_default());
        writeln!(out, "not analysed: {title}: {note}")?;
    }
    if !done.failed.is_empty() {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// What `dossier import-json` takes.
#[derive(Debug, clap::Args)]
pub struct ImportJsonArgs {
    pub file: PathBuf,
}

pub(crate) fn import_json(store: &mut Store, args: ImportJsonArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let ImportJsonArgs { file } = args;
    export::import_json(store, &file)?;
    let stats = store.stats()?;
    writeln!(
        out,
        "restored {} sources, {} actors, {} claims, {} citations, {} notes",
        stats.sources, stats.actors, stats.claims, stats.citations, stats.notes
    )?;
    Ok(ExitCode::SUCCESS)
}

/// What `dossier extract` takes.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print JSON lines (the only output form for now; accepted for clarity).
    #[arg(long)]
    pub json: bool,
}

/// Import options for this process: readers in worker processes started from this
/// very executable.
pub(crate) fn import_options(threads: Option<usize>) -> Result<ImportOptions, Error> {
    let ocr = dossier_core::prefs::load_ocr(dossier_core::prefs::ocr_file().as_deref());
    let mut options = ImportOptions { readers: crate::reader_workers()?, ocr: Some(ocr), ..ImportOptions::default() };
    if let Some(threads) = threads {
        options.threads = threads.max(1);
    }
    Ok(options)
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
pub(crate) struct ProgressBar {
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
        let mut current: String = current.chars().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect();
        if let Some(pages) = p.current_pages {
            current.push_str(&format!(" (page {} of {})", pages.done, pages.total));
        }
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
pub(crate) fn extract(db: Option<PathBuf>, args: ExtractArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let files = &args.files;
    use dossier_core::extract::{actors::KnownActor, actors::Lexicon, analyze};
    // Only an explicit --db brings the library's actors; no store is created for this.
    let known: Vec<KnownActor> = match db {
        Some(path) => import::library_actors(&Store::open(&path)?)?,
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
