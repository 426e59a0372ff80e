//! OCR: text read off pictures — photographed pages, scans, image-only PDF pages — by
//! Tesseract (Debian's `tesseract-ocr` and its language data), with PDF pages rendered
//! first by poppler's `pdftoppm`. Both are separate programs: they run as children of
//! whoever reads the file (the reader worker, under its limits), die with it, and are
//! fed through pipes or a private temporary file.
//!
//! What comes back is the text, made of Tesseract's words (lines of a paragraph joined,
//! paragraphs apart), with each word's confidence: their mean, and where the doubtful
//! ones are, so the Reader can mark them.

use serde::{Deserialize, Serialize};
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// Tesseract's languages read when the person has chosen none: English, Spanish and
/// Portuguese, the languages of most of what Dossier's users read.
pub const DEFAULT_LANGUAGES: [&str; 3] = ["eng", "spa", "por"];

/// Below this confidence (Tesseract's 0–100) a word is marked as doubtful.
pub const DOUBTFUL_BELOW: f64 = 65.0;

/// The resolution scanned PDF pages are rendered at: Tesseract reads best at 300 dpi.
const PDF_DPI: u32 = 300;

/// The longest one program (one page's OCR or rendering) may run when nothing else
/// bounds it; in the reader worker the alarm usually ends it first.
const PROGRAM_SECONDS: u64 = 600;

/// The most one program may answer: a rendered page this large (a PDF page declared
/// metres wide) is refused rather than read.
const MAX_OUTPUT_BYTES: u64 = 512 << 20;

/// How OCR reads: in which languages (Tesseract's codes, e.g. `eng`, `spa`, `ara`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OcrSettings {
    pub languages: Vec<String>,
}

impl Default for OcrSettings {
    fn default() -> Self {
        OcrSettings { languages: DEFAULT_LANGUAGES.iter().map(|l| l.to_string()).collect() }
    }
}

/// The languages OCR reads in, and those it could: for Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OcrLanguages {
    /// Tesseract's codes, in the order chosen.
    pub chosen: Vec<String>,
    /// The languages Tesseract has data for here; empty when it is not installed.
    pub installed: Vec<String>,
    /// Why OCR cannot run here, in words, when it cannot.
    pub missing: Option<String>,
}

impl OcrLanguages {
    pub fn of(settings: &OcrSettings) -> OcrLanguages {
        let (installed, missing) = match installed_languages() {
            Ok(installed) if installed.is_empty() => {
                (installed, Some(OcrFailure::Missing("Tesseract's language data".into()).reason()))
            }
            Ok(installed) => (installed, None),
            Err(failure) => (Vec::new(), Some(failure.reason())),
        };
        OcrLanguages { chosen: settings.languages.clone(), installed, missing }
    }
}

/// What OCR read off a file, beside its text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OcrReading {
    /// The program and its version: "Tesseract 5.3.0".
    pub engine: String,
    /// The languages it read in, `+`-joined: "eng+spa+por".
    pub languages: String,
    /// Pages (or pictures) read by OCR.
    pub pages: u32,
    /// Words read.
    pub words: u32,
    /// The words' mean confidence, 0–100.
    pub confidence: f64,
    /// Byte ranges, in the text the reader returned, of words read with a confidence
    /// below [`DOUBTFUL_BELOW`].
    pub doubtful: Vec<(usize, usize)>,
}

/// Why OCR could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OcrFailure {
    /// Tesseract (or pdftoppm) is not installed; the string says what to install.
    Missing(String),
    /// The person cancelled the import.
    Cancelled,
    /// The program ran and failed; the string says how.
    Failed(String),
}

impl OcrFailure {
    pub fn reason(&self) -> String {
        match self {
            OcrFailure::Missing(what) => format!("{what} is not installed, so its text was not read"),
            OcrFailure::Cancelled => "cancelled".into(),
            OcrFailure::Failed(how) => how.clone(),
        }
    }
}

/// How a reader that may OCR is asked to read: with which settings (none: no OCR, as
/// for fuzzing and measuring the text readers alone), and whom to tell after each page
/// (pages done, pages to read; answering `false` stops the reading).
pub struct Reading<'a> {
    pub ocr: Option<&'a OcrSettings>,
    pub on_page: Box<dyn FnMut(u32, u32) -> bool + 'a>,
}

impl<'a> Reading<'a> {
    /// Reading without OCR.
    pub fn none() -> Reading<'a> {
        Reading { ocr: None, on_page: Box::new(|_, _| true) }
    }

    /// Reading with OCR in `settings`, telling no one of pages.
    pub fn with_ocr(settings: &'a OcrSettings) -> Reading<'a> {
        Reading { ocr: Some(settings), on_page: Box::new(|_, _| true) }
    }

    /// Tells of a page read; `Err(Cancelled)` when the person wants no more.
    pub fn page_done(&mut self, done: u32, total: u32) -> Result<(), OcrFailure> {
        if (self.on_page)(done, total) {
            Ok(())
        } else {
            Err(OcrFailure::Cancelled)
        }
    }
}

/// Text read page by page (OCR'd, or a PDF's own text layer), with what OCR said of it.
#[derive(Debug, Default)]
pub struct PagesText {
    pub text: String,
    words: u32,
    confidence_sum: f64,
    pages: u32,
    doubtful: Vec<(usize, usize)>,
    languages: String,
    /// Pages OCR could not read (numbered from 1), and why the first could not.
    unread: Vec<u32>,
    unread_because: Option<String>,
}

impl PagesText {
    /// Adds a page that has its own text (a PDF's text layer), as a paragraph apart.
    pub fn push_text(&mut self, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        self.separate();
        // Composed as it will be stored, so that OCR's marks after it keep their place.
        self.text.push_str(&crate::text::to_stored_form(text));
    }

    /// Notes a page OCR could not read; the others are read on.
    pub fn unread(&mut self, page: u32, why: String) {
        self.unread.push(page);
        self.unread_because.get_or_insert(why);
    }

    /// What to tell the person of pages left unread, if any: "pages 3, 7 could not be
    /// read by OCR (…)".
    pub fn note(&self) -> Option<String> {
        let why = self.unread_because.as_deref()?;
        let pages: Vec<String> = self.unread.iter().take(10).map(u32::to_string).collect();
        let more = if self.unread.len() > 10 { format!(" and {} more", self.unread.len() - 10) } else { String::new() };
        let which = if self.unread.len() == 1 { "page" } else { "pages" };
        Some(format!("{which} {}{more} could not be read by OCR ({why})", pages.join(", ")))
    }

    /// Adds a page read by OCR.
    pub fn push_ocr(&mut self, page: OcrPage) {
        self.pages += 1;
        // Every language a page was read in, once each, in the order first used.
        for language in page.languages.split('+').filter(|l| !l.is_empty()) {
            if !self.languages.split('+').any(|known| known == language) {
                if !self.languages.is_empty() {
                    self.languages.push('+');
                }
                self.languages.push_str(language);
            }
        }
        if page.text.is_empty() {
            return;
        }
        self.separate();
        let shift = self.text.len();
        self.text.push_str(&page.text);
        self.words += page.words;
        self.confidence_sum += page.confidence_sum;
        self.doubtful.extend(page.doubtful.into_iter().map(|(a, b)| (a + shift, b + shift)));
    }

    fn separate(&mut self) {
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
    }

    /// The text, and what OCR said of it when it read any page.
    pub fn finish(self) -> (String, Option<OcrReading>) {
        let reading = (self.pages > 0).then(|| OcrReading {
            engine: engine(),
            languages: self.languages,
            pages: self.pages,
            words: self.words,
            confidence: if self.words == 0 { 0.0 } else { self.confidence_sum / self.words as f64 },
            doubtful: self.doubtful,
        });
        (self.text, reading)
    }
}

/// One picture's text as Tesseract read it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct OcrPage {
    pub text: String,
    pub words: u32,
    pub confidence_sum: f64,
    pub doubtful: Vec<(usize, usize)>,
    pub languages: String,
}

impl OcrPage {
    /// The words' mean confidence; 0 when there are none.
    pub fn mean_confidence(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.confidence_sum / self.words as f64
        }
    }
}

/// Below this mean confidence a page is read again in the installed languages of each
/// other script (an Arabic letter among English, Spanish and Portuguese reads as
/// nonsense at about 45), and the surest reading kept.
const SECOND_OPINION_BELOW: f64 = 60.0;

/// Reads the text off a picture (PNG, JPEG, TIFF — every page of it —, WebP, GIF, BMP,
/// PNM). `dpi` is the picture's resolution when known (a rendered PDF page). A page read
/// with little confidence is read again in the languages of the other scripts installed
/// (see [`SECOND_OPINION_BELOW`]): the language is the person's setting, or detected.
pub fn read_picture(picture: &[u8], settings: &OcrSettings, dpi: Option<u32>) -> Result<OcrPage, OcrFailure> {
    let languages = languages_for(settings)?;
    let mut best = read_picture_in(picture, &languages, dpi)?;
    // A blank page, or a photograph with a word or two on it, is no language at all.
    if best.mean_confidence() >= SECOND_OPINION_BELOW || best.words < 5 {
        return Ok(best);
    }
    for other in other_scripts(&languages, &installed_languages()?) {
        let reading = read_picture_in(picture, &other, dpi)?;
        if reading.mean_confidence() > best.mean_confidence() {
            best = reading;
        }
    }
    Ok(best)
}

/// The scripts Tesseract's languages are written in, for a second opinion.
fn script_of(language: &str) -> &'static str {
    match language {
        "ara" | "fas" | "urd" | "pus" | "uig" | "snd" => "Arabic",
        "rus" | "ukr" | "bel" | "bul" | "srp" | "mkd" | "kaz" | "kir" | "mon" | "tgk" => "Cyrillic",
        "heb" | "yid" => "Hebrew",
        "chi_sim" | "chi_tra" | "jpn" | "kor" => "Han",
        "ell" => "Greek",
        "hin" | "mar" | "nep" | "san" => "Devanagari",
        "tha" => "Thai",
        "osd" | "equ" => "",
        _ => "Latin",
    }
}

/// For each script none of `languages` is written in, its installed languages,
/// `+`-joined.
fn other_scripts(languages: &str, installed: &[String]) -> Vec<String> {
    let used: Vec<&str> = languages.split('+').map(script_of).collect();
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for language in installed {
        let script = script_of(language);
        if script.is_empty() || used.contains(&script) {
            continue;
        }
        match groups.iter_mut().find(|(s, _)| *s == script) {
            Some((_, members)) => members.push(language),
            None => groups.push((script, vec![language])),
        }
    }
    groups.into_iter().map(|(_, members)| members.join("+")).collect()
}

fn read_picture_in(picture: &[u8], languages: &str, dpi: Option<u32>) -> Result<OcrPage, OcrFailure> {
    let languages = languages.to_string();
    // Sauvola's local thresholds: Otsu's one threshold for the whole picture, Tesseract's
    // default, reads a photograph with even light sensor noise as an empty page.
    let mut args: Vec<String> =
        ["stdin", "stdout", "-l", &languages, "-c", "thresholding_method=2"].map(String::from).into();
    if let Some(dpi) = dpi {
        args.extend(["--dpi".into(), dpi.to_string()]);
    }
    args.push("tsv".into());
    let output = run("tesseract", &args, picture, TESSERACT_MISSING)?;
    Ok(OcrPage { languages, ..page_of_tsv(&String::from_utf8_lossy(&output)) })
}

const TESSERACT_MISSING: &str = "Tesseract OCR (Debian/Ubuntu package tesseract-ocr)";
const POPPLER_MISSING: &str = "poppler's pdftoppm (Debian/Ubuntu package poppler-utils)";

/// Renders one page (counted from 1) of a PDF kept in `file` as a greyscale picture for
/// OCR.
pub fn render_pdf_page(file: &Path, page: u32) -> Result<Vec<u8>, OcrFailure> {
    let page = page.to_string();
    let path = file.to_string_lossy().into_owned();
    let args = ["-r", &PDF_DPI.to_string(), "-gray", "-f", &page, "-l", &page, &path].map(String::from);
    let picture = run("pdftoppm", &args, b"", POPPLER_MISSING)?;
    if picture.is_empty() {
        return Err(OcrFailure::Failed(format!("page {page} of the PDF could not be rendered")));
    }
    Ok(picture)
}

/// OCRs the pages of a PDF numbered in `pages` (from 1), rendering each at [`PDF_DPI`];
/// `texts` holds every page's own text, empty where OCR is to read it.
pub fn read_pdf_pages(
    pdf: &[u8],
    texts: &[String],
    settings: &OcrSettings,
    reading: &mut Reading<'_>,
) -> Result<PagesText, OcrFailure> {
    let scanned = texts.iter().filter(|t| t.trim().is_empty()).count() as u32;
    let file =
        PrivateFile::holding(pdf).map_err(|e| OcrFailure::Failed(format!("cannot keep the PDF to render: {e}")))?;
    let mut pages = PagesText::default();
    let mut done = 0;
    reading.page_done(0, scanned)?;
    for (number, text) in texts.iter().enumerate() {
        if !text.trim().is_empty() {
            pages.push_text(text);
            continue;
        }
        let page = number as u32 + 1;
        match render_pdf_page(&file.path, page).and_then(|picture| read_picture(&picture, settings, Some(PDF_DPI))) {
            Ok(read) => pages.push_ocr(read),
            Err(failure @ (OcrFailure::Missing(_) | OcrFailure::Cancelled)) => return Err(failure),
            Err(OcrFailure::Failed(how)) => pages.unread(page, how),
        }
        done += 1;
        reading.page_done(done, scanned)?;
    }
    Ok(pages)
}

/// The languages to read in: the chosen ones that are installed, `+`-joined; English
/// when none of them is.
fn languages_for(settings: &OcrSettings) -> Result<String, OcrFailure> {
    let installed = installed_languages()?;
    let mut chosen: Vec<&str> =
        settings.languages.iter().map(String::as_str).filter(|l| installed.iter().any(|i| i == l)).collect();
    let mut seen = std::collections::HashSet::new();
    chosen.retain(|l| seen.insert(*l));
    if chosen.is_empty() {
        let fallback = installed.iter().find(|l| *l == "eng").or(installed.iter().find(|l| *l != "osd"));
        chosen.extend(fallback.map(String::as_str));
    }
    if chosen.is_empty() {
        return Err(OcrFailure::Missing("Tesseract's language data (e.g. package tesseract-ocr-eng)".into()));
    }
    Ok(chosen.join("+"))
}

/// The languages Tesseract has data for on this machine (asked once per process).
/// Only an answer is kept: a Tesseract installed later, or a failure to start it once,
/// is asked again.
pub fn installed_languages() -> Result<Vec<String>, OcrFailure> {
    static INSTALLED: std::sync::Mutex<Option<Vec<String>>> = std::sync::Mutex::new(None);
    let mut known = INSTALLED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(installed) = known.as_ref() {
        return Ok(installed.clone());
    }
    let output = run("tesseract", &["--list-langs".to_string()], b"", TESSERACT_MISSING)?;
    let installed: Vec<String> = String::from_utf8_lossy(&output)
        .lines()
        .skip(1) // "List of available languages in …"
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "osd")
        .map(String::from)
        .collect();
    *known = Some(installed.clone());
    Ok(installed)
}

/// "Tesseract 5.3.0", or just "Tesseract" when it does not say.
fn engine() -> String {
    static ENGINE: OnceLock<String> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let output = run("tesseract", &["--version".to_string()], b"", TESSERACT_MISSING).unwrap_or_default();
            let text = String::from_utf8_lossy(&output);
            let version = text.lines().next().and_then(|l| l.strip_prefix("tesseract ")).map(str::trim);
            match version {
                Some(version) if !version.is_empty() => format!("Tesseract {version}"),
                _ => "Tesseract".into(),
            }
        })
        .clone()
}

/// Tesseract's TSV (level 5 rows are words, with their block, paragraph and line) as
/// text: words of a line joined by spaces, lines of a paragraph too (a line ending in a
/// hyphen runs on into the next), paragraphs and pages apart.
pub fn page_of_tsv(tsv: &str) -> OcrPage {
    let mut page = OcrPage::default();
    let mut last: Option<(&str, &str, &str, &str)> = None;
    for row in tsv.lines() {
        let cells: Vec<&str> = row.split('\t').collect();
        let [level, page_number, block, paragraph, line, _, _, _, _, _, confidence, word] = cells[..] else {
            continue;
        };
        let (Ok(5), Ok(confidence)) = (level.parse::<u8>(), confidence.trim().parse::<f64>()) else { continue };
        let word = crate::text::to_stored_form(word.trim());
        if word.is_empty() || confidence < 0.0 {
            continue;
        }
        let here = (page_number, block, paragraph, line);
        if let Some(before) = last {
            if (before.0, before.1, before.2) != (here.0, here.1, here.2) {
                page.text.push_str("\n\n");
            } else if before.3 != here.3 && page.text.ends_with('-') && page.text.len() > 1 {
                // a word broken over two lines stays one word
            } else {
                page.text.push(' ');
            }
        }
        last = Some(here);
        let start = page.text.len();
        page.text.push_str(&word);
        page.words += 1;
        page.confidence_sum += confidence.min(100.0);
        if confidence < DOUBTFUL_BELOW {
            page.doubtful.push((start, page.text.len()));
        }
    }
    page
}

/// Runs a program with `input` on its stdin and returns its stdout; it dies with this
/// process and after [`PROGRAM_SECONDS`].
fn run(program: &str, args: &[String], input: &[u8], missing: &str) -> Result<Vec<u8>, OcrFailure> {
    let mut command = Command::new(program);
    // One thread per Tesseract: imports already read a file per core, and OpenMP's
    // threads on top of that only fight for the cores.
    command.args(args).env("OMP_THREAD_LIMIT", "1").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: prctl is async-signal-safe and touches only the child.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
    }
    let mut child = command.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => OcrFailure::Missing(missing.into()),
        _ => OcrFailure::Failed(format!("{program} could not start: {e}")),
    })?;
    let (Some(mut stdin), Some(mut stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        return Err(OcrFailure::Failed(format!("{program} has no pipes")));
    };
    let pid = child.id();
    let (finished, watched) = std::sync::mpsc::channel::<()>();
    let timed_out = std::sync::atomic::AtomicBool::new(false);
    let (output, errors) = std::thread::scope(|scope| {
        scope.spawn(move || {
            let _ = stdin.write_all(input); // a program that stops reading early says why on stderr
        });
        let errors = scope.spawn(move || {
            let mut errors = Vec::new();
            let mut stderr = stderr;
            let _ = (&mut stderr).take(64 * 1024).read_to_end(&mut errors);
            // The rest is read and dropped: a program still writing warnings into a
            // closed pipe would die of it.
            let _ = std::io::copy(&mut stderr, &mut std::io::sink());
            errors
        });
        let timed_out = &timed_out;
        scope.spawn(move || {
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                watched.recv_timeout(Duration::from_secs(PROGRAM_SECONDS))
            {
                timed_out.store(true, std::sync::atomic::Ordering::Relaxed);
                // SAFETY: kill has no preconditions; the child is not reaped before this
                // thread ends, so its id cannot have been reused.
                #[cfg(unix)]
                unsafe {
                    libc::kill(pid as libc::pid_t, libc::SIGKILL);
                }
            }
        });
        let mut output = Vec::new();
        let read = (&mut stdout).take(MAX_OUTPUT_BYTES + 1).read_to_end(&mut output);
        if output.len() as u64 > MAX_OUTPUT_BYTES {
            // A page rendered absurdly large: no more is read, and the program is ended.
            let _ = finished.send(());
            // SAFETY: as in the watchdog; the child is reaped below.
            #[cfg(unix)]
            unsafe {
                libc::kill(pid as libc::pid_t, libc::SIGKILL);
            }
        }
        let errors = errors.join().unwrap_or_default();
        let _ = finished.send(());
        (read.map(|_| output), errors)
    });
    let status = child.wait().map_err(|e| OcrFailure::Failed(format!("{program} could not be waited for: {e}")))?;
    if timed_out.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(OcrFailure::Failed(format!("{program} took longer than {PROGRAM_SECONDS} s")));
    }
    let output = output.map_err(|e| OcrFailure::Failed(format!("{program}'s output could not be read: {e}")))?;
    if output.len() as u64 > MAX_OUTPUT_BYTES {
        return Err(OcrFailure::Failed(format!("{program} answered more than {} MB", MAX_OUTPUT_BYTES >> 20)));
    }
    if !status.success() {
        let said = String::from_utf8_lossy(&errors);
        let said = said.lines().map(str::trim).filter(|l| !l.is_empty()).last().unwrap_or("no reason given");
        return Err(OcrFailure::Failed(format!("{program} could not read it ({said})")));
    }
    Ok(output)
}

/// Removes what a reader process that was killed (cancelled, out of time) left behind
/// of the PDFs it was rendering: its [`PrivateFile`]s carry its process id.
pub fn remove_leftovers(process: u32) {
    let prefix = format!("dossier-ocr-{process}-");
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A file only this user may read, removed when dropped (or, when its process is
/// killed, by [`remove_leftovers`]): pdftoppm reads a PDF from a path, and a long scan
/// would otherwise be piped to it once per page.
struct PrivateFile {
    path: PathBuf,
}

impl PrivateFile {
    fn holding(bytes: &[u8]) -> std::io::Result<PrivateFile> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let name = format!("dossier-ocr-{}-{}-{nanos}.pdf", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let path = std::env::temp_dir().join(name);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&path)?;
        // Made before writing, so that a failed write leaves nothing behind.
        let kept = PrivateFile { path };
        file.write_all(bytes)?;
        Ok(kept)
    }
}

impl Drop for PrivateFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(block: u8, paragraph: u8, line: u8, confidence: f64, text: &str) -> String {
        format!("5\t1\t{block}\t{paragraph}\t{line}\t1\t0\t0\t10\t10\t{confidence}\t{text}\n")
    }

    #[test]
    fn words_make_lines_lines_make_paragraphs_and_doubtful_words_are_found() {
        let tsv = String::from(
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n",
        ) + "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n"
            + &word(1, 1, 1, 96.0, "Iran-")
            + &word(1, 1, 2, 95.0, "backed")
            + &word(1, 1, 2, 40.0, "rnilitias")
            + &word(1, 1, 3, 91.0, "crossed.")
            + &word(1, 2, 1, 93.0, "Officials")
            + &word(1, 2, 1, 12.0, " ")
            + &word(1, 2, 1, 50.5, "denied")
            + &word(2, 1, 1, -1.0, "ignored");
        let page = page_of_tsv(&tsv);
        assert_eq!(page.text, "Iran-backed rnilitias crossed.\n\nOfficials denied");
        assert_eq!(page.words, 6);
        assert!((page.confidence_sum - (96.0 + 95.0 + 40.0 + 91.0 + 93.0 + 50.5)).abs() < 1e-9);
        let doubtful: Vec<&str> = page.doubtful.iter().map(|&(a, b)| &page.text[a..b]).collect();
        assert_eq!(doubtful, ["rnilitias", "denied"]);
    }

    #[test]
    fn pages_ocr_could_not_read_are_named_and_the_first_reason_given() {
        let mut pages = PagesText::default();
        assert_eq!(pages.note(), None);
        pages.unread(3, "pdftoppm could not read it (Syntax Error)".into());
        assert_eq!(
            pages.note().as_deref(),
            Some("page 3 could not be read by OCR (pdftoppm could not read it (Syntax Error))")
        );
        for page in 4..15 {
            pages.unread(page, "another reason".into());
        }
        let note = pages.note().unwrap();
        assert!(
            note.starts_with("pages 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 2 more could not be read by OCR (pdftoppm"),
            "{note}"
        );
    }

    #[test]
    fn a_second_opinion_is_asked_in_each_other_script_installed() {
        let installed: Vec<String> = ["ara", "eng", "fas", "por", "rus", "spa"].map(String::from).into();
        assert_eq!(other_scripts("eng+spa+por", &installed), ["ara+fas", "rus"]);
        assert_eq!(other_scripts("ara", &installed), ["eng+por+spa", "rus"]);
        assert_eq!(other_scripts("eng+ara+rus", &installed), Vec::<String>::new());
    }

    #[test]
    fn pages_keep_their_order_and_marks_follow_the_text() {
        let mut pages = PagesText::default();
        pages.push_text("Typed page.");
        let page = OcrPage {
            text: "Scanned wrd".into(),
            words: 2,
            confidence_sum: 150.0,
            doubtful: vec![(8, 11)],
            languages: "eng".into(),
        };
        pages.push_ocr(page);
        pages.push_text("  ");
        let (text, reading) = pages.finish();
        assert_eq!(text, "Typed page.\n\nScanned wrd");
        let reading = reading.unwrap();
        assert_eq!((reading.pages, reading.words, reading.confidence), (1, 2, 75.0));
        assert_eq!(&text[reading.doubtful[0].0..reading.doubtful[0].1], "wrd");
        assert_eq!(PagesText::default().finish(), (String::new(), None), "no OCR, nothing said of it");
    }
}
