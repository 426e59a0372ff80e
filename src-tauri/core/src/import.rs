//! Import: files and folders in, sources out. Every file ends as imported, duplicate or
//! failed with a reason a person understands; one bad file never stops the batch, and
//! each source is written in one transaction.
//!
//! Formats so far: plain text and Markdown. HTML, MHTML, PDF, DOCX, EML and EPUB arrive
//! with the import issue and plug in at [`read_source`].

use crate::model::NewSource;
use crate::store::Inserted;
use crate::{Result, Store};
use serde::Serialize;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Bounds on what one file may cost. Documented in ARCHITECTURE.md.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_folder_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_file_bytes: 200 * 1024 * 1024, max_folder_depth: 64 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum FileOutcome {
    Imported { source_id: i32 },
    Duplicate { source_id: i32 },
    Failed { reason: String },
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct FileReport {
    /// The path as given or found, shown lossily when it is not valid UTF-8.
    pub path: String,
    #[serde(flatten)]
    pub outcome: FileOutcome,
}

#[derive(Debug, Clone, Default, Serialize, specta::Type)]
pub struct ImportReport {
    pub files: Vec<FileReport>,
    pub imported: i32,
    pub duplicates: i32,
    pub failed: i32,
}

/// Imports every file in `paths`, descending into folders.
pub fn import_paths(store: &mut Store, paths: &[PathBuf], limits: Limits) -> ImportReport {
    let mut report = ImportReport::default();
    let mut files = Vec::new();
    let mut seen_dirs = HashSet::new();
    for path in paths {
        collect(path, 0, limits, &mut seen_dirs, &mut files, &mut report);
    }
    for path in files {
        let outcome = match import_file(store, &path, limits) {
            Ok(Inserted::New(id)) => FileOutcome::Imported { source_id: id },
            Ok(Inserted::Duplicate(id)) => FileOutcome::Duplicate { source_id: id },
            Err(reason) => FileOutcome::Failed { reason },
        };
        push(&mut report, &path, outcome);
    }
    report
}

fn push(report: &mut ImportReport, path: &Path, outcome: FileOutcome) {
    match outcome {
        FileOutcome::Imported { .. } => report.imported += 1,
        FileOutcome::Duplicate { .. } => report.duplicates += 1,
        FileOutcome::Failed { .. } => report.failed += 1,
    }
    report.files.push(FileReport { path: path.to_string_lossy().into_owned(), outcome });
}

/// Expands folders into their files (sorted, hidden entries skipped), following
/// symbolic links but never entering the same folder twice.
fn collect(
    path: &Path,
    depth: usize,
    limits: Limits,
    seen_dirs: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    report: &mut ImportReport,
) {
    let metadata = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(err) => return push(report, path, FileOutcome::Failed { reason: io_reason(&err) }),
    };
    if !metadata.is_dir() {
        files.push(path.to_path_buf());
        return;
    }
    if depth >= limits.max_folder_depth {
        let reason = format!("folder nested deeper than {} levels; not entered", limits.max_folder_depth);
        return push(report, path, FileOutcome::Failed { reason });
    }
    let Ok(canonical) = std::fs::canonicalize(path) else { return };
    if !seen_dirs.insert(canonical) {
        return; // a symbolic link back into a folder already walked
    }
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(err) => return push(report, path, FileOutcome::Failed { reason: io_reason(&err) }),
    };
    let mut children: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    children.sort();
    for child in children {
        collect(&child, depth + 1, limits, seen_dirs, files, report);
    }
}

fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => err.to_string(),
    }
}

fn import_file(store: &mut Store, path: &Path, limits: Limits) -> std::result::Result<Inserted, String> {
    let bytes = read_limited(path, limits.max_file_bytes)?;
    let source = read_source(path, bytes)?;
    store.insert_source(&source).map_err(|err| err.to_string())
}

fn read_limited(path: &Path, limit: u64) -> std::result::Result<Vec<u8>, String> {
    let too_large = |size: u64| format!("too large: {}, limit {}", human_size(size), human_size(limit));
    let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
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

/// Turns the bytes of one file into a source, by format.
fn read_source(path: &Path, bytes: Vec<u8>) -> std::result::Result<NewSource, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let media_type = match extension.as_str() {
        "txt" | "text" | "" => "text/plain",
        "md" | "markdown" => "text/markdown",
        other => return Err(format!("unsupported format: .{other} files cannot be imported yet")),
    };
    let text = decode_text(&bytes)?;
    let fallback = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "Untitled".into());
    let title = title_of(&text, media_type == "text/markdown").unwrap_or(fallback);
    Ok(NewSource {
        title,
        media_type: media_type.into(),
        original_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
        text,
        original: bytes,
        ..NewSource::default()
    })
}

/// Decodes text honouring a byte-order mark, else UTF-8, else the most likely legacy
/// encoding. Refuses bytes that are plainly not text.
fn decode_text(bytes: &[u8]) -> std::result::Result<String, String> {
    let sample = &bytes[..bytes.len().min(8192)];
    let (encoding, _) = encoding_rs::Encoding::for_bom(bytes).unwrap_or_else(|| {
        if std::str::from_utf8(bytes).is_ok() {
            (encoding_rs::UTF_8, 0)
        } else {
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            (detector.guess(None, chardetng::Utf8Detection::Allow), 0)
        }
    });
    let is_utf16 = encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE;
    if !is_utf16 && looks_binary(sample) {
        return Err("not a text file: it contains binary data".into());
    }
    let (text, _, _) = encoding.decode(bytes);
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

fn looks_binary(sample: &[u8]) -> bool {
    let controls = sample.iter().filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b) && b != 0x1b).count();
    sample.contains(&0) || controls * 100 > sample.len().max(1) * 5
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

/// Imports a pasted text as a source (the clipboard path of the app).
pub fn import_text(store: &mut Store, title: Option<&str>, text: &str) -> Result<Inserted> {
    let title = title
        .map(str::to_string)
        .filter(|t| !t.trim().is_empty())
        .or_else(|| title_of(text, false))
        .unwrap_or_else(|| "Pasted text".into());
    store.insert_source(&NewSource {
        title,
        media_type: "text/plain".into(),
        text: text.to_string(),
        original: text.as_bytes().to_vec(),
        ..NewSource::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_choose_the_encoding() {
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "Díaz-Canel".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        assert_eq!(decode_text(&utf16).unwrap(), "Díaz-Canel");
        assert_eq!(decode_text(b"\xEF\xBB\xBFIran").unwrap(), "Iran");
    }

    #[test]
    fn legacy_encodings_are_detected_when_not_utf8() {
        let latin = encoding_rs::WINDOWS_1252.encode("Le président a déclaré à Caracas que l’accord était signé.").0;
        assert!(std::str::from_utf8(&latin).is_err());
        assert_eq!(decode_text(&latin).unwrap(), "Le président a déclaré à Caracas que l’accord était signé.");
    }

    #[test]
    fn binary_junk_is_refused() {
        let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(decode_text(&junk).unwrap_err().contains("binary"));
    }

    #[test]
    fn titles_come_from_the_first_heading_or_line() {
        assert_eq!(title_of("\n\n# Tehran and Caracas\nBody", true).as_deref(), Some("Tehran and Caracas"));
        assert_eq!(title_of("  First line  \nSecond", false).as_deref(), Some("First line"));
        assert_eq!(title_of(&"x".repeat(300), false), None);
    }
}
