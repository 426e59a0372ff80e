//! Readers of untrusted formats, and the analysis of what they read, run in a worker
//! process, so that a panic, a stack overflow, a runaway allocation or an endless loop
//! in a parser or in extraction fails one file, not the app. The worker is the app's own
//! executable started with a hidden subcommand that calls [`serve`]; it reads requests
//! on stdin and answers on stdout, one at a time, and lives for the whole batch
//! (starting a process per file would halve throughput).
//!
//! Limits: the worker's address space is capped (`RLIMIT_AS`), it writes no core
//! dumps, and an alarm ends it when one request takes too long. A dead worker is
//! replaced before the next file.
//!
//! Wire format, little-endian: request = operation (u8), seconds (u32), length (u64),
//! payload; answer = status (u8: 0 done, 1 refused), length (u64), JSON or the refusal
//! reason as UTF-8, after any number of progress notes (status 2, length 8, pages done
//! and pages to read as two u32: a long scan's OCR tells of each page, and each page
//! gets `seconds` of its own). Operations: one per [`Format`], numbered in
//! [`Format::ALL`]'s order, read a file of that format (answer: JSON of [`Extracted`]);
//! [`LEARN`] takes the library's actors (JSON of [`KnownActor`]s) for the analyses that
//! follow; [`ANALYZE`] analyses a source's text (JSON of [`Analyse`]; answer: JSON of
//! the [`NewSuggestion`]s); [`FRAGMENT`] reads pasted HTML (answer: JSON of
//! [`Extracted`]); [`OCR`] sets how pictures are read ([`OcrSettings`] as JSON; until
//! then, none are).

use super::ocr::{OcrSettings, Reading};
use super::{extract_with, Extracted, Format};
use crate::extract::actors::{KnownActor, Lexicon};
use crate::extract::Published;
use crate::model::NewSuggestion;
use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// How to start a worker: a program and its arguments (the app's own executable and
/// its hidden worker subcommand).
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    pub program: PathBuf,
    pub args: Vec<OsString>,
}

impl WorkerCommand {
    /// This very executable, started with `args`.
    pub fn this_executable(args: &[&str]) -> io::Result<WorkerCommand> {
        Ok(WorkerCommand { program: std::env::current_exe()?, args: args.iter().map(OsString::from).collect() })
    }
}

/// Operation codes past the formats' (see the module's wire format).
const LEARN: u8 = 64;
const ANALYZE: u8 = 65;
const FRAGMENT: u8 = 66;
const OCR: u8 = 67;

/// The status of a progress note (see the module's wire format).
const PROGRESS: u8 = 2;

/// What [`ANALYZE`] gets: a source's text as stored, and when it was published.
#[derive(Debug, Serialize, Deserialize)]
pub struct Analyse {
    pub text: String,
    pub published: Option<Published>,
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadFailure {
    /// The reader looked at the file and said what is wrong with it.
    Refused(String),
    /// The worker died on this file; the reason says how.
    Crashed(String),
    /// The person cancelled the import while the file was being read (a long scan).
    Cancelled,
}

impl ReadFailure {
    pub fn into_reason(self) -> String {
        match self {
            ReadFailure::Refused(reason) | ReadFailure::Crashed(reason) => reason,
            ReadFailure::Cancelled => "cancelled while it was being read".into(),
        }
    }
}

/// What a worker answered.
enum Answer {
    Done(Vec<u8>),
    Refused(String),
    /// The caller stopped listening at a progress note.
    Cancelled,
}

/// A running worker process.
pub struct Worker {
    child: Child,
    input: BufWriter<ChildStdin>,
    output: BufReader<ChildStdout>,
}

impl Worker {
    pub fn spawn(command: &WorkerCommand, memory_limit: u64) -> io::Result<Worker> {
        let mut process = Command::new(&command.program);
        process.args(&command.args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::null());
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            // SAFETY: setrlimit is async-signal-safe and touches only the child.
            unsafe {
                process.pre_exec(move || {
                    let memory = libc::rlimit { rlim_cur: memory_limit as _, rlim_max: memory_limit as _ };
                    let no_core = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
                    if libc::setrlimit(libc::RLIMIT_AS, &memory) != 0
                        || libc::setrlimit(libc::RLIMIT_CORE, &no_core) != 0
                    {
                        return Err(io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        #[cfg(not(unix))]
        let _ = memory_limit;
        let mut child = process.spawn()?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            return Err(io::Error::other("the worker has no pipes"));
        };
        Ok(Worker { child, input: BufWriter::new(stdin), output: BufReader::new(stdout) })
    }

    /// Reads one file in the worker; `on_page` hears of each page OCR reads (pages done,
    /// pages to read) and stops the reading by answering `false`. After `Err(Crashed)` or
    /// `Err(Cancelled)` the worker is gone.
    pub fn read(
        &mut self,
        format: Format,
        bytes: &[u8],
        seconds: u32,
        on_page: &mut dyn FnMut(u32, u32) -> bool,
    ) -> Result<Extracted, ReadFailure> {
        self.request(format_code(format), bytes, seconds, Task::Read, on_page)
    }

    /// Reads pasted HTML in the worker. After `Err(Crashed)` the worker is gone.
    pub fn read_fragment(&mut self, html: &str, seconds: u32) -> Result<Extracted, ReadFailure> {
        self.request(FRAGMENT, html.as_bytes(), seconds, Task::Read, &mut |_, _| true)
    }

    /// Gives the worker the library's actors (as [`known_actors_message`] wrote them)
    /// for the analyses that follow.
    pub fn learn(&mut self, known: &[u8], seconds: u32) -> Result<(), ReadFailure> {
        self.request::<serde_json::Value>(LEARN, known, seconds, Task::Analysis, &mut |_, _| true).map(|_| ())
    }

    /// Tells the worker how to read pictures and pages without text.
    pub fn set_ocr(&mut self, settings: &OcrSettings, seconds: u32) -> Result<(), ReadFailure> {
        let settings = serde_json::to_vec(settings).map_err(|e| ReadFailure::Refused(e.to_string()))?;
        self.request::<serde_json::Value>(OCR, &settings, seconds, Task::Read, &mut |_, _| true).map(|_| ())
    }

    /// Analyses a source's text in the worker. After `Err(Crashed)` the worker is gone.
    pub fn analyze(
        &mut self,
        text: &str,
        published: Option<Published>,
        seconds: u32,
    ) -> Result<Vec<NewSuggestion>, ReadFailure> {
        let request = serde_json::to_vec(&Analyse { text: text.to_string(), published })
            .map_err(|e| ReadFailure::Refused(format!("cannot send the text: {e}")))?;
        self.request(ANALYZE, &request, seconds, Task::Analysis, &mut |_, _| true)
    }

    fn request<T: serde::de::DeserializeOwned>(
        &mut self,
        operation: u8,
        payload: &[u8],
        seconds: u32,
        task: Task,
        on_page: &mut dyn FnMut(u32, u32) -> bool,
    ) -> Result<T, ReadFailure> {
        match self.exchange(operation, payload, seconds, on_page) {
            Ok(Answer::Done(body)) => serde_json::from_slice(&body)
                .map_err(|e| ReadFailure::Crashed(format!("the {} answered nonsense: {e}", task.doer()))),
            Ok(Answer::Refused(reason)) => Err(ReadFailure::Refused(reason)),
            Ok(Answer::Cancelled) => {
                let _ = self.child.kill();
                let _ = self.child.wait();
                super::ocr::remove_leftovers(self.child.id());
                Err(ReadFailure::Cancelled)
            }
            Err(_) => Err(ReadFailure::Crashed(self.death(seconds, task))),
        }
    }

    fn exchange(
        &mut self,
        operation: u8,
        payload: &[u8],
        seconds: u32,
        on_page: &mut dyn FnMut(u32, u32) -> bool,
    ) -> io::Result<Answer> {
        self.input.write_all(&[operation])?;
        self.input.write_all(&seconds.to_le_bytes())?;
        self.input.write_all(&(payload.len() as u64).to_le_bytes())?;
        self.input.write_all(payload)?;
        self.input.flush()?;
        loop {
            let mut status = [0u8; 1];
            self.output.read_exact(&mut status)?;
            let body = read_block(&mut self.output)?;
            return Ok(match status[0] {
                PROGRESS => {
                    let [a, b, c, d, e, f, g, h] = body[..] else {
                        return Err(io::ErrorKind::InvalidData.into());
                    };
                    if on_page(u32::from_le_bytes([a, b, c, d]), u32::from_le_bytes([e, f, g, h])) {
                        continue;
                    }
                    Answer::Cancelled
                }
                0 => Answer::Done(body),
                _ => Answer::Refused(String::from_utf8_lossy(&body).into_owned()),
            });
        }
    }

    /// Reaps the dead worker and says how it died, in words a person understands.
    fn death(&mut self, seconds: u32, task: Task) -> String {
        let _ = self.child.kill();
        let status = self.child.wait();
        super::ocr::remove_leftovers(self.child.id());
        let (doer, lost) = (task.doer(), task.lost());
        #[cfg(unix)]
        if let Ok(status) = &status {
            use std::os::unix::process::ExitStatusExt;
            return match (status.signal(), task) {
                (Some(libc::SIGALRM), Task::Read) => {
                    format!("the reader gave up: the file took longer than {seconds} s to read")
                }
                (Some(libc::SIGALRM), Task::Analysis) => {
                    format!("the analysis gave up: the text took longer than {seconds} s to analyse")
                }
                (Some(libc::SIGABRT) | Some(libc::SIGSEGV) | Some(libc::SIGBUS), _) => {
                    format!("the {doer} crashed on this file (too deeply nested, too large in memory, or malformed); {lost}")
                }
                (Some(libc::SIGKILL), _) => format!("the {doer} was stopped (out of memory?); {lost}"),
                (Some(signal), _) => format!("the {doer} stopped on signal {signal}; {lost}"),
                (None, _) => format!("the {doer} exited unexpectedly ({status}); {lost}"),
            };
        }
        format!("the {doer} exited unexpectedly ({status:?}); {lost}")
    }
}

/// What a worker was doing, for saying how it failed.
#[derive(Debug, Clone, Copy)]
enum Task {
    Read,
    Analysis,
}

impl Task {
    fn doer(self) -> &'static str {
        match self {
            Task::Read => "reader",
            Task::Analysis => "analysis",
        }
    }

    fn lost(self) -> &'static str {
        match self {
            Task::Read => "nothing of it was imported",
            Task::Analysis => "no suggestions were made from it",
        }
    }
}

/// The library's actors as [`Worker::learn`] sends them: built once per batch.
pub fn known_actors_message(known: &[KnownActor]) -> Vec<u8> {
    serde_json::to_vec(known).unwrap_or_else(|_| b"[]".to_vec())
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        super::ocr::remove_leftovers(self.child.id());
    }
}

fn format_code(format: Format) -> u8 {
    Format::ALL.iter().position(|f| *f == format).unwrap_or(0) as u8
}

fn format_from_code(code: u8) -> Option<Format> {
    Format::ALL.get(code as usize).copied()
}

fn read_block(input: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut length = [0u8; 8];
    input.read_exact(&mut length)?;
    let length = u64::from_le_bytes(length);
    let mut body = Vec::new();
    input.take(length).read_to_end(&mut body)?;
    if body.len() as u64 != length {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(body)
}

/// Reads one file here, in this process, turning a panic into a failure: with OCR in
/// `ocr` when given, telling `on_page` of each page it reads (answering `false` stops).
pub fn read_here(
    format: Format,
    bytes: &[u8],
    ocr: Option<&OcrSettings>,
    on_page: &mut dyn FnMut(u32, u32) -> bool,
) -> Result<Extracted, ReadFailure> {
    let cancelled = std::cell::Cell::new(false);
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let on_page = |done, total| {
            let go_on = on_page(done, total);
            cancelled.set(!go_on);
            go_on
        };
        extract_with(format, bytes, &mut Reading { ocr, on_page: Box::new(on_page) })
    }));
    match read {
        _ if cancelled.get() => Err(ReadFailure::Cancelled),
        Ok(Ok(extracted)) => Ok(extracted),
        Ok(Err(reason)) => Err(ReadFailure::Refused(reason)),
        Err(_) => Err(ReadFailure::Crashed(
            "the reader failed on this file (internal error); nothing of it was imported".into(),
        )),
    }
}

/// Analyses a text here, in this process, turning a panic into a failure.
pub fn analyze_here(
    text: &str,
    lexicon: &Lexicon,
    published: Option<Published>,
) -> Result<Vec<NewSuggestion>, ReadFailure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::extract::analyze(text, lexicon, published).into_suggestions()
    }))
    .map_err(|_| ReadFailure::Crashed("the analysis failed on this text (internal error)".into()))
}

/// What a worker keeps between requests.
#[derive(Default)]
struct Kept {
    /// The library's actors, once the batch has sent them ([`LEARN`]).
    lexicon: Option<Lexicon>,
    /// How to read pictures, once the batch has said ([`OCR`]).
    ocr: Option<OcrSettings>,
}

/// Answers one request of the worker's: the JSON answer, or a refusal's reason.
/// `on_page` sends a progress note.
fn answer(
    operation: u8,
    payload: &[u8],
    kept: &mut Kept,
    on_page: &mut dyn FnMut(u32, u32) -> bool,
) -> Result<Vec<u8>, String> {
    let lexicon = &mut kept.lexicon;
    fn json<T: Serialize>(value: &T) -> Result<Vec<u8>, String> {
        serde_json::to_vec(value).map_err(|e| format!("cannot answer: {e}"))
    }
    match operation {
        LEARN => {
            let known: Vec<KnownActor> =
                serde_json::from_slice(payload).map_err(|e| format!("the library's actors are unreadable: {e}"))?;
            *lexicon = Some(Lexicon::with_known(&known));
            Ok(b"null".to_vec())
        }
        ANALYZE => {
            let request: Analyse =
                serde_json::from_slice(payload).map_err(|e| format!("the text is unreadable: {e}"))?;
            let lexicon = lexicon.get_or_insert_with(|| Lexicon::with_known(&[]));
            let suggestions =
                analyze_here(&request.text, lexicon, request.published).map_err(ReadFailure::into_reason)?;
            json(&suggestions)
        }
        FRAGMENT => {
            let html = String::from_utf8_lossy(payload);
            let extracted = std::panic::catch_unwind(|| super::html::read_fragment(&html))
                .map_err(|_| "the reader failed on the pasted HTML (internal error)".to_string())?;
            json(&extracted)
        }
        OCR => {
            let settings: OcrSettings =
                serde_json::from_slice(payload).map_err(|e| format!("the OCR settings are unreadable: {e}"))?;
            kept.ocr = Some(settings);
            Ok(b"null".to_vec())
        }
        code => {
            let format = format_from_code(code).ok_or_else(|| format!("unknown operation {code}"))?;
            let extracted = read_here(format, payload, kept.ocr.as_ref(), on_page).map_err(ReadFailure::into_reason)?;
            json(&extracted)
        }
    }
}

/// The worker's side: answers requests until stdin closes. Runs the readers on a thread
/// with a large stack, since HTML trees can be deep.
pub fn serve() -> io::Result<()> {
    std::panic::set_hook(Box::new(|_| {})); // panics become answers, not noise
    let thread = std::thread::Builder::new().stack_size(256 << 20).spawn(|| {
        let mut input = BufReader::new(io::stdin().lock());
        let mut output = BufWriter::new(io::stdout().lock());
        let mut kept = Kept::default();
        loop {
            let mut header = [0u8; 5];
            match input.read_exact(&mut header) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
                Err(e) => return Err(e),
            }
            let seconds = u32::from_le_bytes([header[1], header[2], header[3], header[4]]);
            let payload = read_block(&mut input)?;
            set_alarm(seconds);
            let mut on_page = |done: u32, total: u32| {
                let mut note = [0u8; 8];
                note[..4].copy_from_slice(&done.to_le_bytes());
                note[4..].copy_from_slice(&total.to_le_bytes());
                // A parent that stopped listening kills this process; nothing to do here.
                let _ = output
                    .write_all(&[PROGRESS])
                    .and_then(|()| output.write_all(&8u64.to_le_bytes()))
                    .and_then(|()| output.write_all(&note))
                    .and_then(|()| output.flush());
                set_alarm(seconds); // each page has the time a file has
                true
            };
            let answered = answer(header[0], &payload, &mut kept, &mut on_page);
            set_alarm(0);
            let (status, body) = match answered {
                Ok(json) => (0u8, json),
                Err(reason) => (1u8, reason.into_bytes()),
            };
            output.write_all(&[status])?;
            output.write_all(&(body.len() as u64).to_le_bytes())?;
            output.write_all(&body)?;
            output.flush()?;
        }
    })?;
    thread.join().map_err(|_| io::Error::other("the worker thread panicked"))?
}

fn set_alarm(seconds: u32) {
    // SAFETY: alarm has no preconditions; SIGALRM's default action ends the process.
    #[cfg(unix)]
    unsafe {
        libc::alarm(seconds);
    }
    #[cfg(not(unix))]
    let _ = seconds;
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn shell(script: &str) -> WorkerCommand {
        WorkerCommand { program: "sh".into(), args: vec!["-c".into(), script.into()] }
    }

    #[test]
    fn a_worker_that_crashes_fails_that_file_with_a_reason() {
        let mut worker = Worker::spawn(&shell("kill -SEGV $$"), 1 << 30).unwrap();
        let failure = worker.read(Format::Html, b"<p>x</p>", 5, &mut |_, _| true).unwrap_err();
        assert!(matches!(&failure, ReadFailure::Crashed(r) if r.contains("crashed")), "{failure:?}");
    }

    #[test]
    fn a_worker_that_exits_or_times_out_is_reported_as_such() {
        let mut worker = Worker::spawn(&shell("exit 3"), 1 << 30).unwrap();
        assert!(
            matches!(worker.read(Format::Text, b"x", 5, &mut |_, _| true), Err(ReadFailure::Crashed(r)) if r.contains("exited"))
        );
        let mut worker = Worker::spawn(&shell("kill -ALRM $$"), 1 << 30).unwrap();
        assert!(
            matches!(worker.read(Format::Text, b"x", 7, &mut |_, _| true), Err(ReadFailure::Crashed(r)) if r.contains("longer than 7 s"))
        );
    }

    /// A stand-in worker that reads the 14-byte request, tells of page 1 of 3, then
    /// answers a text.
    const TELLS_OF_A_PAGE: &str = r#"head -c 14 >/dev/null
printf '\002\010\000\000\000\000\000\000\000\001\000\000\000\003\000\000\000'
printf '\000\014\000\000\000\000\000\000\000{"text":"x"}'
sleep 5"#;

    #[test]
    fn progress_notes_reach_the_caller_before_the_answer() {
        let mut worker = Worker::spawn(&shell(TELLS_OF_A_PAGE), 1 << 30).unwrap();
        let mut heard = Vec::new();
        let read = worker.read(Format::Image, b"x", 5, &mut |done, total| {
            heard.push((done, total));
            true
        });
        assert_eq!(read.map(|e| e.text), Ok("x".to_string()));
        assert_eq!(heard, [(1, 3)]);
    }

    #[test]
    fn a_caller_that_stops_at_a_progress_note_cancels_the_read_and_the_worker() {
        let mut worker = Worker::spawn(&shell(TELLS_OF_A_PAGE), 1 << 30).unwrap();
        assert_eq!(worker.read(Format::Image, b"x", 5, &mut |_, _| false), Err(ReadFailure::Cancelled));
        assert!(worker.child.try_wait().unwrap().is_some(), "the worker was stopped");
    }

    #[test]
    fn workers_run_under_the_memory_limit() {
        // Reads the 14-byte request (a 1-byte file), then answers "refused" with its own
        // address-space limit (KB, 20 digits). Reading first: answering before the
        // request is written would race the parent's write into a closed pipe.
        let script = r"head -c 14 >/dev/null; printf '\001\024\000\000\000\000\000\000\000%020d' $(ulimit -v)";
        let mut worker = Worker::spawn(&shell(script), 3 << 30).unwrap();
        let answer = worker.read(Format::Text, b"x", 5, &mut |_, _| true);
        assert_eq!(answer, Err(ReadFailure::Refused(format!("{:020}", (3u64 << 30) / 1024))));
    }
}
