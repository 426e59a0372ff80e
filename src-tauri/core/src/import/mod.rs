//! Import: files and folders in, sources out. Every file ends as imported, duplicate or
//! failed with a reason a person understands; one bad file never stops the batch, and
//! each source is written in one transaction.
//!
//! A web address (`https://…`) named among the paths is fetched ([`fetch`]) and read
//! like a file of the type its server gives, with its chain of custody.
//!
//! Formats: plain text, Markdown, HTML, MHTML web archives, e-mail, Word, EPUB, PDF, and
//! pictures (read by OCR, as are PDF pages without text). Each format has a reader that turns bytes into
//! [`Extracted`] fields; [`Format::of`] picks the reader. Readers run in worker
//! processes when the caller provides a [`WorkerCommand`] (see [`worker`]).

mod decode;
pub mod evaluate;
pub mod fetch;
pub mod html;
mod mail;
pub mod ocr;
mod package;
mod pdf;
pub mod worker;

use crate::extract::actors::{KnownActor, Lexicon};
use crate::extract::Published;
use crate::model::{NewSource, NewSuggestion, SourceCapture, SourceStatus};
use crate::store::Inserted;
use crate::{Result, Store};
use fetch::Fetched;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;
use worker::Worker;
pub use worker::{ReadFailure, WorkerCommand};

/// Bounds on what one file may cost. Documented in ARCHITECTURE.md.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_folder_depth: usize,
    /// Address space of a reader worker process.
    pub max_reader_memory: u64,
    /// Time one file may take to read, in a worker process.
    pub max_reader_seconds: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 200 * 1024 * 1024,
            max_folder_depth: 64,
            max_reader_memory: 4 << 30,
            max_reader_seconds: 60,
        }
    }
}

/// Where file readers run.
#[derive(Debug, Clone, Default)]
pub enum Readers {
    /// In this process: for tests and trusted evaluation folders.
    #[default]
    InProcess,
    /// In worker processes started by this command, one per thread.
    Workers(WorkerCommand),
}

#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub limits: Limits,
    /// Files read at once; the store writes them one at a time.
    pub threads: usize,
    pub readers: Readers,
    /// Whether each new source is analysed (actors, quotes, dates, claims) and its
    /// suggestions stored with it.
    pub analyze: bool,
    /// How pictures and PDF pages without text are read; `None` leaves them unread.
    pub ocr: Option<ocr::OcrSettings>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            limits: Limits::default(),
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            readers: Readers::InProcess,
            analyze: true,
            ocr: Some(ocr::OcrSettings::default()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum FileOutcome {
    Imported {
        source_id: i32,
    },
    Duplicate {
        source_id: i32,
    },
    Failed {
        reason: String,
    },
    /// Found in a dropped folder but left alone on purpose: not a document type Dossier
    /// reads, or a link leading out of the folder.
    Skipped {
        reason: String,
    },
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct FileReport {
    /// The path as given or found, shown lossily when it is not valid UTF-8.
    pub path: String,
    #[serde(flatten)]
    pub outcome: FileOutcome,
    /// What went wrong short of failing the file: "analysis failed: …" when the source
    /// was imported but its analysis crashed or ran out of time (no suggestions made).
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, specta::Type)]
pub struct ImportReport {
    pub files: Vec<FileReport>,
    pub imported: i32,
    pub duplicates: i32,
    pub failed: i32,
    /// Entries of dropped folders left alone on purpose (see [`FileOutcome::Skipped`]).
    pub skipped: i32,
    /// Files left alone because the import was cancelled.
    pub cancelled: i32,
}

/// Where a running import stands, after each file.
#[derive(Debug, Clone, Default, Serialize, specta::Type)]
pub struct ImportProgress {
    pub total: i32,
    pub done: i32,
    pub imported: i32,
    pub duplicates: i32,
    pub failed: i32,
    pub skipped: i32,
    /// The file most recently started.
    pub current: Option<String>,
    /// Of a long file read page by page by OCR (a scan): pages read so far, and in all.
    pub current_pages: Option<PagesRead>,
    pub elapsed_ms: i32,
}

/// Pages of one file read so far by OCR, and pages to read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, specta::Type)]
pub struct PagesRead {
    pub done: i32,
    pub total: i32,
}

/// Imports every file in `paths`, descending into folders, with no progress reports.
pub fn import_paths(store: &mut Store, paths: &[PathBuf], options: &ImportOptions) -> ImportReport {
    import_batch(store, paths, options, &AtomicBool::new(false), &mut |_, _| {})
}

/// Imports every file in `paths`: files are read on `options.threads` threads and
/// written one transaction each, in the order they finish. `progress` hears at the
/// start and after every file (with that file's report); setting `cancel` stops the
/// batch after the files already being read.
pub fn import_batch(
    store: &mut Store,
    paths: &[PathBuf],
    options: &ImportOptions,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&ImportProgress, Option<&FileReport>),
) -> ImportReport {
    let started = Instant::now();
    let mut report = ImportReport::default();
    let mut files: Vec<Found> = Vec::new();
    let mut seen_dirs = HashSet::new();
    for path in paths {
        collect(path, None, 0, options.limits, &mut seen_dirs, &mut files, &mut report);
    }
    let known = store.source_hashes().unwrap_or_default();
    let analysis = if options.analyze { Analysis::of_library(store, &options.readers) } else { Analysis::Off };
    let mut state = ImportProgress { total: (files.len() + report.files.len()) as i32, ..ImportProgress::default() };
    progress(&state, None);
    // Paths that failed or were skipped while folders were walked come first.
    for file in &report.files {
        state.done += 1;
        state.failed = report.failed;
        state.skipped = report.skipped;
        progress(&state, Some(file));
    }
    let next = AtomicUsize::new(0);
    let threads = options.threads.clamp(1, 64).min(files.len().max(1));
    let (sender, receiver) = mpsc::sync_channel::<Message>(threads * 2);
    let mut unread_for_copies = 0;
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (files, next, known, analysis) = (&files, &next, &known, &analysis);
            scope.spawn(move || read_files(files, next, known, analysis, options, cancel, &sender));
        }
        drop(sender);
        for message in receiver {
            let (index, outcome, note) = match message {
                Message::Started(index) => {
                    state.current = Some(display(&files[index].path));
                    state.current_pages = None;
                    continue;
                }
                Message::Page(index, pages) => {
                    // A long scan read page by page is what the batch is waiting on:
                    // it becomes the file shown, with its page (small files read
                    // meanwhile by other threads come and go).
                    if pages.total > 1 {
                        state.current = Some(display(&files[index].path));
                        state.current_pages = Some(pages);
                        state.elapsed_ms = started.elapsed().as_millis().min(i32::MAX as u128) as i32;
                        progress(&state, None);
                    }
                    continue;
                }
                Message::Read(index, Ok(Read::New(source, suggestions, note))) => {
                    let outcome = store_outcome(store.insert_source_with_suggestions(&source, &suggestions));
                    unread_for_copies += 1;
                    if unread_for_copies == COPIES_EVERY {
                        find_copies(store);
                        unread_for_copies = 0;
                    }
                    (index, outcome, note)
                }
                Message::Read(index, Ok(Read::Known(id))) => (index, FileOutcome::Duplicate { source_id: id }, None),
                Message::Read(index, Ok(Read::Skipped(reason))) => (index, FileOutcome::Skipped { reason }, None),
                Message::Read(index, Err(reason)) => (index, FileOutcome::Failed { reason }, None),
            };
            push(&mut report, &files[index].path, outcome);
            if state.current.as_deref() == Some(&display(&files[index].path)) {
                state.current_pages = None;
            }
            if let Some(file) = report.files.last_mut() {
                file.note = note;
            }
            state.done += 1;
            state.imported = report.imported;
            state.duplicates = report.duplicates;
            state.failed = report.failed;
            state.skipped = report.skipped;
            state.elapsed_ms = started.elapsed().as_millis().min(i32::MAX as u128) as i32;
            progress(&state, report.files.last());
        }
    });
    if unread_for_copies > 0 {
        find_copies(store);
    }
    report.cancelled = state.total - state.done;
    report
}

/// New sources stored between two searches for copies among them, a batch's last ones
/// at its end.
const COPIES_EVERY: usize = 100;

/// Compares the sources just stored with the library for republished copies. A failure
/// loses nothing: the sources stay unread by the detector, and the next import (or the
/// app's next start) reads them.
fn find_copies(store: &mut Store) {
    if let Err(error) = store.find_copies() {
        eprintln!("dossier: looking for republished copies failed: {error}");
    }
}

enum Message {
    Started(usize),
    Page(usize, PagesRead),
    Read(usize, std::result::Result<Read, String>),
}

enum Read {
    /// A new source, its suggestions, and why it has none when its analysis failed.
    New(Box<NewSource>, Vec<NewSuggestion>, Option<String>),
    Known(i32),
    /// Read, and left out on purpose; the reason says why.
    Skipped(String),
}

/// What analysis needs, prepared once per batch: the library's actors as a lexicon to
/// analyse with here, or as the message that teaches them to each worker process.
pub enum Analysis {
    Off,
    Here(Lexicon),
    InWorkers(Vec<u8>),
}

impl Analysis {
    /// Analysis against the library's actors, where `readers` run.
    pub fn of_library(store: &Store, readers: &Readers) -> Analysis {
        let library = library_actors(store).unwrap_or_default();
        match readers {
            Readers::InProcess => Analysis::Here(Lexicon::with_known(&library)),
            Readers::Workers(_) => Analysis::InWorkers(worker::known_actors_message(&library)),
        }
    }
}

/// One thread's worker process: started when first needed, taught the library's
/// actors when the batch analyses, and replaced after it dies.
struct WorkerSlot<'a> {
    readers: &'a Readers,
    limits: Limits,
    known: Option<&'a [u8]>,
    ocr: Option<&'a ocr::OcrSettings>,
    running: Option<Worker>,
    /// Why workers could not learn the library's actors: then they still read files, and
    /// each source says its analysis failed.
    unteachable: Option<String>,
}

impl<'a> WorkerSlot<'a> {
    fn new(readers: &'a Readers, limits: Limits, analysis: &'a Analysis) -> WorkerSlot<'a> {
        let known = match analysis {
            Analysis::InWorkers(known) => Some(known.as_slice()),
            _ => None,
        };
        WorkerSlot { readers, limits, known, ocr: None, running: None, unteachable: None }
    }

    /// Reads pictures in `ocr`'s way from now on (none are read until this is said).
    fn with_ocr(mut self, ocr: Option<&'a ocr::OcrSettings>) -> WorkerSlot<'a> {
        self.ocr = ocr;
        self
    }

    /// The worker, started (and taught) if there is none; `None` when readers run here.
    fn get(&mut self) -> Option<std::result::Result<&mut Worker, String>> {
        let Readers::Workers(command) = self.readers else { return None };
        if self.running.is_none() {
            // Every worker started here is told how to read pictures: a replacement too.
            let spawn = || -> std::result::Result<Worker, String> {
                let mut worker = Worker::spawn(command, self.limits.max_reader_memory)
                    .map_err(|e| format!("could not start a reader process: {e}"))?;
                if let Some(settings) = self.ocr {
                    worker
                        .set_ocr(settings, self.limits.max_reader_seconds)
                        .map_err(|failure| format!("could not set up a reader process: {}", failure.into_reason()))?;
                }
                Ok(worker)
            };
            let mut worker = match spawn() {
                Ok(worker) => worker,
                Err(reason) => return Some(Err(reason)),
            };
            if let (Some(known), None) = (self.known, &self.unteachable) {
                if let Err(failure) = worker.learn(known, self.limits.max_reader_seconds) {
                    self.unteachable =
                        Some(format!("the library's actors could not be loaded ({})", failure.into_reason()));
                    // Learning may have killed it: reading goes on in a fresh one.
                    worker = match spawn() {
                        Ok(worker) => worker,
                        Err(reason) => return Some(Err(reason)),
                    };
                }
            }
            self.running = Some(worker);
        }
        self.running.as_mut().map(Ok)
    }

    /// Forgets a worker after `failure` if it died of it.
    fn after<T>(&mut self, answer: std::result::Result<T, ReadFailure>) -> std::result::Result<T, ReadFailure> {
        if matches!(answer, Err(ReadFailure::Crashed(_) | ReadFailure::Cancelled)) {
            self.running = None;
        }
        answer
    }
}

fn store_outcome(inserted: Result<Inserted>) -> FileOutcome {
    match inserted {
        Ok(Inserted::New(id)) => FileOutcome::Imported { source_id: id },
        Ok(Inserted::Duplicate(id)) => FileOutcome::Duplicate { source_id: id },
        Err(err) => FileOutcome::Failed { reason: format!("could not be saved: {err}") },
    }
}

/// One reading thread: takes the next file until none are left or the batch is
/// cancelled. Owns at most one worker process, replaced when it dies.
fn read_files(
    files: &[Found],
    next: &AtomicUsize,
    known: &HashMap<String, i32>,
    analysis: &Analysis,
    options: &ImportOptions,
    cancel: &AtomicBool,
    sender: &mpsc::SyncSender<Message>,
) {
    let mut worker = WorkerSlot::new(&options.readers, options.limits, analysis).with_ocr(options.ocr.as_ref());
    loop {
        if cancel.load(Ordering::Relaxed) {
            return;
        }
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(found) = files.get(index) else { return };
        if sender.send(Message::Started(index)).is_err() {
            return;
        }
        let mut on_page = |done: u32, total: u32| {
            let pages = PagesRead { done: done as i32, total: total as i32 };
            !cancel.load(Ordering::Relaxed) && sender.send(Message::Page(index, pages)).is_ok()
        };
        let read = match &found.web {
            Some(address) => read_address(address, known, options, &mut worker, cancel, &mut on_page),
            None => read_file(&found.path, found.root.as_deref(), known, options, &mut worker, &mut on_page),
        };
        let read = match read {
            // A dropped folder's icons and photographs are not documents: a picture
            // with no text read from it is left out of the library there.
            Ok(Read::New(source, _, read_note))
                if found.root.is_some() && source.media_type.starts_with("image/") && source.text.trim().is_empty() =>
            {
                let why = read_note.map(|note| format!(" ({note})")).unwrap_or_default();
                Ok(Read::Skipped(format!("a picture with no text read from it{why}")))
            }
            Ok(Read::New(source, _, read_note)) => {
                let (suggestions, note) = suggest(&source, analysis, options.limits, &mut worker);
                let note = match (read_note, note) {
                    (Some(a), Some(b)) => Some(format!("{a}; {b}")),
                    (a, b) => a.or(b),
                };
                Ok(Read::New(source, suggestions, note))
            }
            // Left for the batch to count as cancelled.
            Err(ReadFailure::Cancelled) => return,
            read => read.map_err(ReadFailure::into_reason),
        };
        if sender.send(Message::Read(index, read)).is_err() {
            return;
        }
    }
}

fn read_file(
    path: &Path,
    root: Option<&Path>,
    known: &HashMap<String, i32>,
    options: &ImportOptions,
    worker: &mut WorkerSlot<'_>,
    on_page: &mut dyn FnMut(u32, u32) -> bool,
) -> std::result::Result<Read, ReadFailure> {
    let limits = options.limits;
    let bytes = read_limited(path, root, limits.max_file_bytes).map_err(ReadFailure::Refused)?;
    if bytes.is_empty() {
        return Err(ReadFailure::Refused("empty file".into()));
    }
    if let Some(&id) = known.get(&crate::store::sha256_hex(&bytes)) {
        return Ok(Read::Known(id));
    }
    let format = Format::of(path, &bytes).map_err(ReadFailure::Refused)?;
    let extracted = read_bytes(format, &bytes, options, worker, on_page)?;
    let fallback = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "Untitled".into());
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let note = extracted.note.clone();
    Ok(Read::New(Box::new(into_source(extracted, format, name, bytes, fallback)), Vec::new(), note))
}

/// Reads `bytes` of `format`, in the thread's worker process when readers run in workers.
fn read_bytes(
    format: Format,
    bytes: &[u8],
    options: &ImportOptions,
    worker: &mut WorkerSlot<'_>,
    on_page: &mut dyn FnMut(u32, u32) -> bool,
) -> std::result::Result<Extracted, ReadFailure> {
    match worker.get() {
        None => worker::read_here(format, bytes, options.ocr.as_ref(), on_page),
        Some(running) => {
            let answer =
                running.map_err(ReadFailure::Crashed)?.read(format, bytes, options.limits.max_reader_seconds, on_page);
            worker.after(answer)
        }
    }
}

/// Fetches a web address and reads the page like a file of the type its server gives,
/// keeping the fetch's chain of custody with the source.
fn read_address(
    address: &url::Url,
    known: &HashMap<String, i32>,
    options: &ImportOptions,
    worker: &mut WorkerSlot<'_>,
    cancel: &AtomicBool,
    on_page: &mut dyn FnMut(u32, u32) -> bool,
) -> std::result::Result<Read, ReadFailure> {
    let limits = fetch::FetchLimits::with_max_bytes(options.limits.max_file_bytes);
    // The fetch runs beside, so that Cancel need not wait for a slow server: abandoned,
    // it ends at its own deadline.
    let (sender, answer) = mpsc::channel();
    let asked = address.clone();
    std::thread::spawn(move || sender.send(fetch::fetch(&asked, limits)));
    let fetched = loop {
        match answer.recv_timeout(std::time::Duration::from_millis(100)) {
            Ok(fetched) => break fetched.map_err(ReadFailure::Refused)?,
            Err(mpsc::RecvTimeoutError::Timeout) if cancel.load(Ordering::Relaxed) => {
                return Err(ReadFailure::Cancelled)
            }
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(ReadFailure::Crashed("fetching the page stopped unexpectedly".into()))
            }
        }
    };
    if fetched.body.is_empty() {
        return Err(ReadFailure::Refused(format!(
            "the server answered {} with nothing",
            fetched.capture.status.unwrap_or(0)
        )));
    }
    if let Some(&id) = known.get(&fetched.capture.sha256) {
        return Ok(Read::Known(id));
    }
    let final_address = fetched.capture.final_address.clone().unwrap_or_else(|| address.to_string());
    // The file name the server gives (Content-Disposition), else the address's last part.
    let named = fetched.file_name().or_else(|| {
        url::Url::parse(&final_address).ok().and_then(|u| u.path_segments()?.next_back().map(str::to_string))
    });
    // The server's word for what the body is, unless it has none or only says "bytes":
    // then that name's extension or the first bytes.
    let by_name = || Format::of(Path::new(named.as_deref().unwrap_or("")), &fetched.body);
    let format = match fetched.media_type() {
        Some(media_type) => match Format::of_media_type(&media_type) {
            Some(format) => Ok(format),
            None if media_type.starts_with("text/") => Ok(Format::Text),
            None if matches!(media_type.as_str(), "application/octet-stream" | "binary/octet-stream") => by_name(),
            None => Err(format!("the server sent {media_type}, which Dossier does not read")),
        },
        None => by_name(),
    }
    .map_err(ReadFailure::Refused)?;
    let extracted = read_bytes(format, &fetched.body, options, worker, on_page)?;
    let note = extracted.note.clone();
    let fallback = url::Url::parse(&final_address)
        .map(|u| format!("{}{}", u.host_str().unwrap_or_default(), u.path().trim_end_matches('/')))
        .unwrap_or_else(|_| final_address.clone());
    let Fetched { body, capture } = fetched;
    let mut source = into_source(extracted, format, None, body, fallback);
    if source.url.is_none() {
        source.url = crate::text::web_address(&final_address);
    }
    source.capture = Some(capture);
    Ok(Read::New(Box::new(source), Vec::new(), note))
}

/// What extraction suggests from a source, on its text as the store keeps it (composed
/// by `into_source`), where the batch analyses. A failure inside extraction (a panic, a
/// crash or a timeout of the worker) costs the suggestions, never the source: it comes
/// back as the note "analysis failed: …".
fn suggest(
    source: &NewSource,
    analysis: &Analysis,
    limits: Limits,
    worker: &mut WorkerSlot<'_>,
) -> (Vec<NewSuggestion>, Option<String>) {
    if source.text.trim().is_empty() {
        return (Vec::new(), None);
    }
    let published = source.published.as_deref().and_then(Published::parse);
    let analysed = match analysis {
        Analysis::Off => return (Vec::new(), None),
        Analysis::Here(lexicon) => worker::analyze_here(&source.text, lexicon, published),
        Analysis::InWorkers(_) => {
            let started = worker.get().map(|running| running.map(|_| ()));
            match (started, worker.unteachable.clone()) {
                (Some(Ok(())), Some(reason)) => Err(ReadFailure::Refused(reason)),
                (Some(Ok(())), None) => {
                    let answer = match worker.running.as_mut() {
                        Some(running) => running.analyze(&source.text, published, limits.max_reader_seconds),
                        None => Err(ReadFailure::Crashed("no worker process to analyse in".into())),
                    };
                    worker.after(answer)
                }
                (Some(Err(reason)), _) => Err(ReadFailure::Crashed(reason)),
                (None, _) => Err(ReadFailure::Crashed("no worker process to analyse in".into())),
            }
        }
    };
    match analysed {
        Ok(suggestions) => (suggestions, None),
        Err(failure) => (Vec::new(), Some(format!("analysis failed: {}", failure.into_reason()))),
    }
}

/// The library's actors (names, kinds, aliases) as extraction knows them.
pub fn library_actors(store: &Store) -> Result<Vec<KnownActor>> {
    Ok(store.actor_names()?.into_iter().map(|(name, kind, aliases)| KnownActor { name, kind, aliases }).collect())
}

/// What analysing stored sources again did.
#[derive(Debug, Clone, Default, Serialize, specta::Type)]
pub struct Reanalysis {
    pub analysed: i32,
    /// Sources whose analysis failed (crashed or ran out of time); their suggestions
    /// are left as they were.
    pub failed: Vec<FileReport>,
}

/// Analyses stored sources again (after the library, the gazetteer or the extractor
/// changed), where `readers` run: their pending suggestions are replaced; accepted and
/// rejected ones, and everything the analyst wrote, stay. `None` re-analyses every
/// source.
pub fn reanalyze(store: &mut Store, source: Option<i32>, readers: &Readers) -> Result<Reanalysis> {
    let analysis = Analysis::of_library(store, readers);
    let limits = Limits::default();
    let mut worker = WorkerSlot::new(readers, limits, &analysis);
    let ids: Vec<i32> = match source {
        Some(id) => vec![id],
        None => store.source_ids()?,
    };
    let mut done = Reanalysis::default();
    for id in ids {
        let source = store.source(id)?;
        let stored =
            NewSource { text: source.text, published: source.summary.published.clone(), ..NewSource::default() };
        let (suggestions, note) = suggest(&stored, &analysis, limits, &mut worker);
        match note {
            Some(note) => done.failed.push(FileReport {
                path: source.summary.title.clone(),
                outcome: FileOutcome::Imported { source_id: id },
                note: Some(note),
            }),
            None => {
                store.replace_suggestions(id, &suggestions)?;
                done.analysed += 1;
            }
        }
    }
    Ok(done)
}

/// Reads one file into a source the way a batch does (limits, format, readers) without
/// storing it: for `dossier extract`, which analyses files outside any store.
pub fn read_one(path: &Path, options: &ImportOptions) -> std::result::Result<NewSource, String> {
    let analysis = Analysis::Off;
    let mut worker = WorkerSlot::new(&options.readers, options.limits, &analysis).with_ocr(options.ocr.as_ref());
    match read_file(path, None, &HashMap::new(), options, &mut worker, &mut |_, _| true)
        .map_err(ReadFailure::into_reason)?
    {
        Read::New(source, _, _) => Ok(*source),
        Read::Known(_) => Err("already stored".into()),
        Read::Skipped(reason) => Err(reason),
    }
}

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn push(report: &mut ImportReport, path: &Path, outcome: FileOutcome) {
    match outcome {
        FileOutcome::Imported { .. } => report.imported += 1,
        FileOutcome::Duplicate { .. } => report.duplicates += 1,
        FileOutcome::Failed { .. } => report.failed += 1,
        FileOutcome::Skipped { .. } => report.skipped += 1,
    }
    report.files.push(FileReport { path: display(path), outcome, note: None });
}

/// Expands folders into their files (sorted, hidden entries skipped). Inside a dropped
/// folder (`root`, canonical) only files of a type Dossier reads are taken, the rest
/// reported as skipped, and a symbolic link is followed only when it stays inside the
/// folder: a `notes -> ~/.ssh` link must not carry private keys into the library (and
/// from there into exports and backups). Paths named at the top are taken as given.
/// No folder is entered twice.
fn collect(
    path: &Path,
    root: Option<&Path>,
    depth: usize,
    limits: Limits,
    seen_dirs: &mut HashSet<PathBuf>,
    files: &mut Vec<Found>,
    report: &mut ImportReport,
) {
    // A link dropped from a browser arrives as a path that is a web address; inside a
    // folder, a file is a file whatever its name.
    if root.is_none() {
        let named = path.to_string_lossy();
        let lower = named.get(..8).unwrap_or(&named).to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            match fetch::web_address(&named) {
                Some(address) => files.push(Found { path: path.to_path_buf(), root: None, web: Some(address) }),
                None => push(report, path, FileOutcome::Failed { reason: "not a well-formed web address".into() }),
            }
            return;
        }
    }
    if let Some(root) = root {
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if is_link {
            match std::fs::canonicalize(path) {
                Ok(target) if target.starts_with(root) => {}
                Ok(_) => {
                    let reason = "a link leading outside the dropped folder; not followed".to_string();
                    return push(report, path, FileOutcome::Skipped { reason });
                }
                Err(_) => {
                    let reason = "a link to nothing (its target is missing)".to_string();
                    return push(report, path, FileOutcome::Skipped { reason });
                }
            }
        }
    }
    let metadata = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(err) => return push(report, path, FileOutcome::Failed { reason: io_reason(&err) }),
    };
    if metadata.is_file() {
        if root.is_some() && Format::by_extension(path).is_none() {
            let reason = match path.extension() {
                Some(extension) => format!("not a document type Dossier reads (.{})", extension.to_string_lossy()),
                None => "no file extension to tell its type by".to_string(),
            };
            return push(report, path, FileOutcome::Skipped { reason });
        }
        files.push(Found { path: path.to_path_buf(), root: root.map(Path::to_path_buf), web: None });
        return;
    }
    if !metadata.is_dir() {
        // Opening a named pipe would wait forever for a writer; devices and sockets are not documents.
        let reason = "not a regular file (a pipe, socket or device); not read".to_string();
        return push(report, path, FileOutcome::Failed { reason });
    }
    if depth >= limits.max_folder_depth {
        let reason = format!("folder nested deeper than {} levels; not entered", limits.max_folder_depth);
        return push(report, path, FileOutcome::Failed { reason });
    }
    let Ok(canonical) = std::fs::canonicalize(path) else { return };
    if !seen_dirs.insert(canonical.clone()) {
        return; // a symbolic link back into a folder already walked
    }
    let root = root.map(Path::to_path_buf).unwrap_or(canonical);
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(err) => return push(report, path, FileOutcome::Failed { reason: io_reason(&err) }),
    };
    let mut children: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    // A browser's "Save page as" puts a page's images and scripts in `Name_files`
    // beside `Name.html`: they belong to the page, not to the library.
    let pages: HashSet<String> = children
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm")))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    children.retain(|p| {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        !(p.is_dir() && name.strip_suffix("_files").is_some_and(|stem| pages.contains(stem)))
    });
    children.sort();
    for child in children {
        collect(&child, Some(&root), depth + 1, limits, seen_dirs, files, report);
    }
}

fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => err.to_string(),
    }
}

/// A file to read, and the dropped folder it was found in (none when named on its own);
/// or a web address to fetch (`path` is then the address as given, for the report).
struct Found {
    path: PathBuf,
    root: Option<PathBuf>,
    web: Option<url::Url>,
}

fn read_limited(path: &Path, root: Option<&Path>, limit: u64) -> std::result::Result<Vec<u8>, String> {
    let too_large = |size: u64| format!("too large: {}, limit {}", human_size(size), human_size(limit));
    let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    // The walk saw this path inside the dropped folder, but a link on the way may have
    // been changed since: what was opened must still be inside it.
    #[cfg(target_os = "linux")]
    if let Some(root) = root {
        use std::os::unix::io::AsRawFd;
        let opened = std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).map_err(|e| io_reason(&e))?;
        if !opened.starts_with(root) {
            return Err("a link leading outside the dropped folder; not read".into());
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = root;
    let size = file.metadata().map_err(|e| io_reason(&e))?.len();
    if size > limit {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn human_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// What a format reader gets out of one file, before it becomes a [`NewSource`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    pub title: Option<String>,
    /// The media type when the format alone does not say it (a picture's).
    pub media_type: Option<String>,
    pub byline: Option<String>,
    pub publisher: Option<String>,
    /// EDTF, at the precision the source gives.
    pub published: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub text: String,
    pub html: Option<String>,
    /// What OCR said of the text, when it read some of it.
    pub ocr: Option<ocr::OcrReading>,
    /// What went wrong short of failing the file ("2 pages without a text layer: …").
    pub note: Option<String>,
}

/// The formats Dossier reads, chosen by extension and confirmed by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Mhtml,
    Email,
    Docx,
    Epub,
    Pdf,
    /// A picture: a photographed or scanned page, read by OCR.
    Image,
}

impl Format {
    pub const ALL: [Format; 9] = [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Mhtml,
        Format::Email,
        Format::Docx,
        Format::Epub,
        Format::Pdf,
        Format::Image,
    ];

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain",
            Format::Markdown => "text/markdown",
            Format::Html => "text/html",
            Format::Mhtml => "multipart/related",
            Format::Email => "message/rfc822",
            Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Format::Epub => "application/epub+zip",
            Format::Pdf => "application/pdf",
            // The reader names the picture's own type; this is what is left when it cannot.
            Format::Image => "application/octet-stream",
        }
    }

    /// The extensions Dossier reads, lower case, and the format each names: the one
    /// list (the file dialog's filter comes from it, and a test holds the desktop
    /// entry's file associations to it).
    pub const EXTENSIONS: [(&'static str, Format); 21] = [
        ("html", Format::Html),
        ("htm", Format::Html),
        ("xhtml", Format::Html),
        ("shtml", Format::Html),
        ("mhtml", Format::Mhtml),
        ("mht", Format::Mhtml),
        ("pdf", Format::Pdf),
        ("docx", Format::Docx),
        ("epub", Format::Epub),
        ("eml", Format::Email),
        ("txt", Format::Text),
        ("text", Format::Text),
        ("md", Format::Markdown),
        ("markdown", Format::Markdown),
        ("png", Format::Image),
        ("jpg", Format::Image),
        ("jpeg", Format::Image),
        ("tif", Format::Image),
        ("tiff", Format::Image),
        ("webp", Format::Image),
        ("gif", Format::Image),
    ];

    /// The reader for a media type a web server gives (`text/html`, `application/pdf`…).
    pub fn of_media_type(media_type: &str) -> Option<Format> {
        Some(match media_type {
            "text/html" | "application/xhtml+xml" => Format::Html,
            "text/plain" => Format::Text,
            "text/markdown" | "text/x-markdown" => Format::Markdown,
            "application/pdf" => Format::Pdf,
            "message/rfc822" => Format::Email,
            "multipart/related" | "application/x-mimearchive" => Format::Mhtml,
            "application/epub+zip" => Format::Epub,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => Format::Docx,
            "image/png" | "image/jpeg" | "image/tiff" | "image/webp" | "image/gif" => Format::Image,
            _ => return None,
        })
    }

    /// The format a file's extension names, if Dossier reads it.
    pub fn by_extension(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_string_lossy().to_lowercase();
        Format::EXTENSIONS.iter().find(|(name, _)| *name == extension).map(|&(_, format)| format)
    }

    /// The format of a file, from its extension, or from its first bytes when it has
    /// none (a file named on its own; in a dropped folder such files are skipped).
    pub fn of(path: &Path, bytes: &[u8]) -> std::result::Result<Format, String> {
        if let Some(format) = Format::by_extension(path) {
            return Ok(format);
        }
        match path.extension() {
            None if looks_like_html(bytes) => Ok(Format::Html),
            None => Ok(Format::Text),
            Some(other) => {
                Err(format!("unsupported format: .{} files cannot be imported", other.to_string_lossy().to_lowercase()))
            }
        }
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes.iter().take(512).map(u8::to_ascii_lowercase).collect();
    let head = String::from_utf8_lossy(&head);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
}

/// Runs the reader of `format` over `bytes`, without OCR.
pub fn extract(format: Format, bytes: &[u8]) -> std::result::Result<Extracted, String> {
    extract_with(format, bytes, &mut ocr::Reading::none())
}

/// Runs the reader of `format` over `bytes`, reading pictures and pages without text by
/// OCR when `reading` asks for it.
pub fn extract_with(
    format: Format,
    bytes: &[u8],
    reading: &mut ocr::Reading<'_>,
) -> std::result::Result<Extracted, String> {
    match format {
        Format::Text | Format::Markdown => {
            let text = decode::decode_text(bytes)?;
            let (published, byline) = header_of(&text);
            Ok(Extracted {
                title: title_of(&text, format == Format::Markdown),
                published,
                byline,
                text,
                ..Extracted::default()
            })
        }
        Format::Html => html::read_html(&decode::decode_html(bytes)?),
        Format::Mhtml => mail::read_mhtml(bytes),
        Format::Email => mail::read_eml(bytes),
        Format::Docx => package::read_docx(bytes, reading),
        Format::Epub => package::read_epub(bytes, reading),
        Format::Pdf => pdf::read_pdf(bytes, reading),
        Format::Image => read_picture(bytes, reading),
    }
}

/// The media type of a picture Tesseract reads, from its first bytes.
fn picture_type(bytes: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if starts(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        Some("image/tiff")
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some("image/webp")
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Some("image/gif")
    } else {
        None
    }
}

/// A picture: its text read by OCR (every page of a multi-page TIFF). Without OCR, or
/// when OCR cannot run, the picture is still kept, with no text and a note saying why.
fn read_picture(bytes: &[u8], reading: &mut ocr::Reading<'_>) -> std::result::Result<Extracted, String> {
    let Some(media_type) = picture_type(bytes) else {
        return Err("not a picture Dossier reads (PNG, JPEG, TIFF, WebP or GIF)".into());
    };
    let read = |reading: &mut ocr::Reading<'_>| -> std::result::Result<_, ocr::OcrFailure> {
        let Some(settings) = reading.ocr else { return Ok(None) };
        reading.page_done(0, 1)?;
        let page = ocr::read_picture(bytes, settings, None)?;
        reading.page_done(1, 1)?;
        Ok(Some(page))
    };
    let (text, ocr, note) = match read(reading) {
        Ok(Some(page)) => {
            let mut pages = ocr::PagesText::default();
            pages.push_ocr(page);
            let (text, reading) = pages.finish();
            (text, reading, None)
        }
        Ok(None) => (String::new(), None, Some("a picture; its text was not read (OCR is off)".to_string())),
        Err(ocr::OcrFailure::Cancelled) => return Err(ocr::OcrFailure::Cancelled.reason()),
        Err(failure) => (String::new(), None, Some(format!("a picture: {}", failure.reason()))),
    };
    Ok(Extracted { media_type: Some(media_type.into()), text, ocr, note, ..Extracted::default() })
}

fn into_source(
    extracted: Extracted,
    format: Format,
    original_name: Option<String>,
    original: Vec<u8>,
    fallback_title: String,
) -> NewSource {
    let status = extracted.text.trim().is_empty().then_some(SourceStatus::NoText);
    // Composed here, once: analysis and the store both read this exact text.
    let text = crate::text::to_stored_form(&extracted.text);
    let ocr = extracted.ocr.map(|reading| ocr_of(reading, &extracted.text, &text));
    NewSource {
        title: extracted.title.unwrap_or(fallback_title),
        byline: extracted.byline,
        publisher: extracted.publisher,
        published: extracted.published,
        url: extracted.url.as_deref().and_then(crate::text::web_address),
        language: extracted.language,
        media_type: extracted.media_type.unwrap_or_else(|| format.media_type().into()),
        original_name,
        original,
        status,
        text,
        html: extracted.html,
        ocr,
        capture: None,
    }
}

/// What OCR said of a text, its doubtful words at code-point offsets into the text as
/// stored. Composing changes nothing in OCR's words (each is composed as read); should
/// it change the text anyway, the marks are dropped rather than put on the wrong words.
fn ocr_of(reading: ocr::OcrReading, read: &str, stored: &str) -> crate::model::SourceOcr {
    let doubtful = if read == stored {
        let mut spans = Vec::with_capacity(reading.doubtful.len());
        let (mut byte, mut chars) = (0, 0);
        for (start, end) in reading.doubtful {
            let (Some(before), Some(word)) = (read.get(byte..start), read.get(start..end)) else { break };
            chars += before.chars().count();
            let start_chars = chars;
            chars += word.chars().count();
            byte = end;
            spans.push(crate::model::TextSpan { start: start_chars as i32, end: chars as i32 });
        }
        spans
    } else {
        Vec::new()
    };
    crate::model::SourceOcr {
        engine: reading.engine,
        languages: reading.languages,
        pages: reading.pages as i32,
        words: reading.words as i32,
        confidence: reading.confidence.round().clamp(0.0, 100.0) as i32,
        doubtful,
    }
}

/// The first heading of a Markdown text, or the first line of a plain one, when it is
/// short enough to be a title.
fn title_of(text: &str, markdown: bool) -> Option<String> {
    let line = if markdown {
        text.lines().find(|l| l.trim_start().starts_with("# ")).or_else(|| text.lines().find(|l| !l.trim().is_empty()))
    } else {
        text.lines().find(|l| !l.trim().is_empty())
    }?;
    let title = line.trim().trim_start_matches('#').trim();
    (!title.is_empty() && title.chars().count() <= 200).then(|| title.to_string())
}

/// What the head of a plain text says of itself, as articles saved as text often keep
/// it: a "Published: 2024-05-06" (or "Date:", "Publicado:", "Fecha:", "Data:") line,
/// with the date in ISO form or written out, and a "By …" / "Por …" byline. Only the
/// first lines are read; a date in the body is never the publication's.
fn header_of(text: &str) -> (Option<String>, Option<String>) {
    const DATE_LABELS: &[&str] = &["published", "date", "publicado", "publicada", "fecha", "data", "updated"];
    let (mut published, mut byline) = (None, None);
    for (n, line) in text.lines().map(str::trim).filter(|l| !l.is_empty()).take(8).enumerate() {
        // A long line after the headline (which may be long too) is the body.
        if n > 0 && line.split_whitespace().count() > 16 {
            break;
        }
        if let Some((label, value)) = line.split_once(':') {
            if published.is_none() && DATE_LABELS.contains(&label.trim().to_lowercase().as_str()) {
                published = crate::extract::dates::find_dates(value, None)
                    .into_iter()
                    .find(|d| !d.edtf.contains('X') && !d.edtf.contains('/'))
                    .map(|d| d.edtf);
            }
        }
        let by = ["By ", "Por "].iter().find_map(|p| line.strip_prefix(p));
        let looks_like_names = |n: &&str| {
            n.starts_with(char::is_uppercase) && n.split_whitespace().count() <= 8 && !n.ends_with(['.', '?', '!'])
        };
        if let Some(name) = by.filter(looks_like_names) {
            byline.get_or_insert_with(|| name.trim().to_string());
        }
    }
    (published, byline)
}

/// Imports what was pasted into the app: an HTML fragment when the clipboard offers
/// one (kept as a sanitized rendition beside its text), else the plain text. The HTML
/// is read, and the text analysed, where `readers` run (a worker process for the app).
pub fn import_pasted(store: &mut Store, text: &str, html: Option<&str>, readers: &Readers) -> Result<FileReport> {
    import_text(store, text, html, None, readers)
}

/// Imports a selection dropped from a browser as a clipping source: its HTML (else its
/// text), linked to the page's address when the browser gave one, with the time it was
/// clipped and the SHA-256 of what was dropped as its chain of custody.
pub fn import_clipping(
    store: &mut Store,
    text: &str,
    html: Option<&str>,
    page: Option<&str>,
    readers: &Readers,
) -> Result<FileReport> {
    let page = page.and_then(fetch::web_address).map(|u| u.to_string());
    let capture = crate::model::SourceCapture {
        kind: crate::model::CaptureKind::Clipping,
        address: page,
        final_address: None,
        status: None,
        redirects: Vec::new(),
        headers: Vec::new(),
        captured_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        // Of the original kept, once `import_text` has made it.
        sha256: String::new(),
    };
    import_text(store, text, html, Some(capture), readers)
}

fn import_text(
    store: &mut Store,
    text: &str,
    html: Option<&str>,
    capture: Option<crate::model::SourceCapture>,
    readers: &Readers,
) -> Result<FileReport> {
    let html = html.filter(|h| !h.trim().is_empty());
    let analysis = Analysis::of_library(store, readers);
    let limits = Limits::default();
    let mut worker = WorkerSlot::new(readers, limits, &analysis);
    let (extracted, format, original) = match html {
        Some(html) => {
            let read = match worker.get() {
                None => Ok(html::read_fragment(html)),
                Some(Err(reason)) => Err(ReadFailure::Crashed(reason)),
                Some(Ok(running)) => {
                    let answer = running.read_fragment(html, limits.max_reader_seconds);
                    worker.after(answer)
                }
            };
            let extracted = read.map_err(|f| {
                crate::Error::Invalid(format!("the pasted HTML could not be read: {}", f.into_reason()))
            })?;
            (extracted, Format::Html, html.as_bytes().to_vec())
        }
        None => {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            let original = text.as_bytes().to_vec();
            (Extracted { title: title_of(&text, false), text, ..Extracted::default() }, Format::Text, original)
        }
    };
    if extracted.text.trim().is_empty() {
        let held = if capture.is_some() { "the selection dropped" } else { "the clipboard" };
        return Err(crate::Error::Invalid(format!("nothing to import: {held} holds no text")));
    }
    let title = title_of(&extracted.text, false);
    let extracted = Extracted { title: extracted.title.or(title), ..extracted };
    let fallback = if capture.is_some() { "Clipping" } else { "Pasted text" };
    let mut source = into_source(extracted, format, None, original, fallback.into());
    let what = match &capture {
        Some(capture) => {
            if source.url.is_none() {
                source.url = capture.address.clone();
            }
            match capture.address.as_deref().and_then(|a| url::Url::parse(a).ok()) {
                Some(page) => format!("(clipping from {})", page.host_str().unwrap_or_default()),
                None => "(clipping)".into(),
            }
        }
        None => "(pasted)".into(),
    };
    // A clipping's hash is of what is kept as its original (the text with its line ends
    // made one kind), so that the two agree.
    source.capture = capture.map(|c| SourceCapture { sha256: crate::store::sha256_hex(&source.original), ..c });
    let (suggestions, note) = suggest(&source, &analysis, limits, &mut worker);
    let outcome = store_outcome(store.insert_source_with_suggestions(&source, &suggestions));
    find_copies(store);
    if let FileOutcome::Failed { reason } = &outcome {
        return Err(crate::Error::Invalid(reason.clone()));
    }
    Ok(FileReport { path: what, outcome, note })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_text_head_gives_its_publication_date_and_byline() {
        let text =
            "Inside the gold pipeline\n\nPublished: 2024-05-06\nBy Laura Quintanilla Reyes\n\nShipments of gold…";
        assert_eq!(header_of(text), (Some("2024-05-06".into()), Some("Laura Quintanilla Reyes".into())));
        let text = "Fiscalía chilena acusa a la cúpula de Los Gallegos, facción del Tren de Aragua, por secuestro y homicidio\n\
                    Publicado: 18 de abril de 2024\nPor Redacción\n\nMANAGUA —";
        assert_eq!(header_of(text), (Some("2024-04-18".into()), Some("Redacción".into())));
        // A date in the body, or a label without a date, is no publication date.
        let body = "A paragraph of the article itself, long enough to be running text and not a line of the head.";
        let text = format!("Title\n\n{body}\nDate: 2020-01-01\nBy the way, this is the body.");
        let text = text.as_str();
        assert_eq!(header_of(text), (None, None));
        assert_eq!(header_of("Title\nDate: unknown\n\nBody").0, None);
    }

    #[test]
    fn titles_come_from_the_first_heading_or_line() {
        assert_eq!(title_of("\n\n# Tehran and Caracas\nBody", true).as_deref(), Some("Tehran and Caracas"));
        assert_eq!(title_of("  First line  \nSecond", false).as_deref(), Some("First line"));
        assert_eq!(title_of(&"x".repeat(300), false), None);
    }

    /// A link inside the dropped folder changed to point outside it after the walk (a
    /// synced folder, another program): the file opened is checked, not the path seen.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_opened_outside_the_dropped_folder_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap().join("drop");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "private").unwrap();
        std::fs::write(root.join("article.txt"), "an article").unwrap();
        std::os::unix::fs::symlink("../secret.txt", root.join("notes.txt")).unwrap();
        assert_eq!(read_limited(&root.join("article.txt"), Some(&root), 1 << 20).unwrap(), b"an article");
        let refused = read_limited(&root.join("notes.txt"), Some(&root), 1 << 20).unwrap_err();
        assert!(refused.contains("outside the dropped folder"), "{refused}");
        assert_eq!(read_limited(&root.join("notes.txt"), None, 1 << 20).unwrap(), b"private", "named on its own");
    }

    #[test]
    fn formats_come_from_the_extension_or_the_first_bytes() {
        assert_eq!(Format::of(Path::new("a.HTM"), b"x"), Ok(Format::Html));
        assert_eq!(Format::of(Path::new("saved"), b"\n <!DOCTYPE html><html>"), Ok(Format::Html));
        assert_eq!(Format::of(Path::new("notes"), b"Plain words"), Ok(Format::Text));
        assert_eq!(Format::of(Path::new("scan.TIFF"), b"x"), Ok(Format::Image));
        assert!(Format::of(Path::new("photo.heic"), b"x").unwrap_err().contains(".heic"));
    }
}
