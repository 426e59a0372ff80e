//! Import throughput, measured rather than asserted: copies of sample files, each made
//! distinct so that none is skipped as a duplicate, are imported end to end into a new
//! store on disk (reading, extraction, writing, full-text indexing), HTML and text
//! apart; then HTML extraction alone is timed on one core, and OCR of the pictures
//! among the inputs (a page each) on one core too.

use super::Scratch;
use crate::import::{extract, import_paths, FileOutcome, Format, ImportOptions};
use crate::{Error, Result, Store};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct Throughput {
    pub format: &'static str,
    pub files: usize,
    pub failed: usize,
    pub megabytes: f64,
    pub seconds: f64,
    /// The largest the write-ahead log grew while importing (sampled every 20 ms), and
    /// the store's size after (end to end only).
    pub wal_peak_mb: Option<f64>,
    pub store_mb: Option<f64>,
    /// Tidying the search index after the import, as the idle app does (end to end only).
    pub tidy: Option<TidyFigures>,
}

/// Merging the full-text indexes down after an import (`Store::tidy_search_index`).
#[derive(Debug, Clone)]
pub struct TidyFigures {
    /// Segments of the sources' index before and after.
    pub segments_before: i64,
    pub segments_after: i64,
    pub seconds: f64,
    pub wal_peak_mb: f64,
}

/// Runs `work` while sampling the size of `wal` every 20 ms; returns its result and the
/// largest size seen.
fn sampling_wal<T>(wal: &Path, work: impl FnOnce() -> T) -> (T, u64) {
    let size = |file: &Path| std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let working = AtomicBool::new(true);
    std::thread::scope(|scope| {
        let sampler = scope.spawn(|| {
            let mut peak = 0;
            while working.load(Ordering::Relaxed) {
                peak = peak.max(size(wal));
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            peak.max(size(wal))
        });
        let result = work();
        working.store(false, Ordering::Relaxed);
        (result, sampler.join().unwrap_or(0))
    })
}

fn sources_segments(store: &Store) -> Result<i64> {
    Ok(store.search_index_segments()?.into_iter().find(|(table, _)| *table == "sources_fts").map_or(0, |(_, n)| n))
}

#[derive(Debug, Clone)]
pub struct BenchFigures {
    pub end_to_end: Vec<Throughput>,
    pub extraction: Option<Throughput>,
    /// OCR alone, a picture a page, with the default languages.
    pub ocr: Option<Throughput>,
}

/// Benchmarks import of the files under `inputs`, `copies` distinct copies of each.
pub fn bench_import(inputs: &[PathBuf], copies: usize, options: &ImportOptions) -> Result<BenchFigures> {
    let mut html = Vec::new();
    let mut text = Vec::new();
    let mut pictures = Vec::new();
    for input in inputs {
        gather(input, &mut html, &mut text, &mut pictures)?;
    }
    if html.is_empty() && text.is_empty() && pictures.is_empty() {
        return Err(Error::Invalid("no .html, .htm, .txt, .md or .png files to measure".into()));
    }
    let scratch = Scratch::new("bench")?;
    let mut end_to_end = Vec::new();
    for (format, files) in [("html", &html), ("text", &text)] {
        if files.is_empty() {
            continue;
        }
        let folder = scratch.path.join(format);
        std::fs::create_dir_all(&folder)?;
        let mut bytes_total = 0u64;
        for (i, file) in files.iter().enumerate() {
            let original = std::fs::read(file)?;
            let extension = file.extension().and_then(|e| e.to_str()).unwrap_or("txt");
            for copy in 0..copies {
                // A trailing marker makes each copy's SHA-256 distinct without changing its content.
                let mut bytes = original.clone();
                bytes.extend(
                    if format == "html" { format!("\n<!-- copy {copy} -->\n") } else { format!("\n{copy}\n") }.bytes(),
                );
                bytes_total += bytes.len() as u64;
                std::fs::write(folder.join(format!("{i:05}-{copy:03}.{extension}")), bytes)?;
            }
        }
        let path = scratch.path.join(format!("{format}.dossier"));
        let mut store = Store::open(&path)?;
        let wal = PathBuf::from(format!("{}-wal", path.display()));
        let size = |file: &Path| std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        let started = Instant::now();
        let (report, wal_peak) = sampling_wal(&wal, || import_paths(&mut store, &[folder], options));
        let seconds = started.elapsed().as_secs_f64();
        let segments_before = sources_segments(&store)?;
        let tidy_started = Instant::now();
        let (tidied, tidy_wal_peak) = sampling_wal(&wal, || store.tidy_search_index());
        tidied?;
        let tidy = TidyFigures {
            segments_before,
            segments_after: sources_segments(&store)?,
            seconds: tidy_started.elapsed().as_secs_f64(),
            wal_peak_mb: tidy_wal_peak as f64 / 1e6,
        };
        drop(store);
        let failed = report.files.iter().filter(|f| matches!(f.outcome, FileOutcome::Failed { .. })).count();
        end_to_end.push(Throughput {
            format,
            files: report.files.len(),
            failed,
            megabytes: bytes_total as f64 / 1e6,
            seconds,
            wal_peak_mb: Some(wal_peak as f64 / 1e6),
            store_mb: Some(size(&path) as f64 / 1e6),
            tidy: Some(tidy),
        });
    }
    let extraction = if html.is_empty() {
        None
    } else {
        let pages: Vec<Vec<u8>> = html.iter().map(std::fs::read).collect::<std::io::Result<_>>()?;
        let megabytes = pages.iter().map(|p| p.len()).sum::<usize>() as f64 / 1e6;
        let started = Instant::now();
        let mut failed = 0;
        for page in &pages {
            if extract(Format::Html, page).is_err() {
                failed += 1;
            }
        }
        Some(Throughput {
            format: "html",
            files: pages.len(),
            failed,
            megabytes,
            seconds: started.elapsed().as_secs_f64(),
            wal_peak_mb: None,
            store_mb: None,
            tidy: None,
        })
    };
    let ocr = if pictures.is_empty() {
        None
    } else {
        let settings = crate::import::ocr::OcrSettings::default();
        let mut megabytes = 0.0;
        let mut failed = 0;
        let started = Instant::now();
        for picture in &pictures {
            let bytes = std::fs::read(picture)?;
            megabytes += bytes.len() as f64 / 1e6;
            if crate::import::ocr::read_picture(&bytes, &settings, None).is_err() {
                failed += 1;
            }
        }
        Some(Throughput {
            format: "ocr",
            files: pictures.len(),
            failed,
            megabytes,
            seconds: started.elapsed().as_secs_f64(),
            wal_peak_mb: None,
            store_mb: None,
            tidy: None,
        })
    };
    Ok(BenchFigures { end_to_end, extraction, ocr })
}

fn gather(path: &Path, html: &mut Vec<PathBuf>, text: &mut Vec<PathBuf>, pictures: &mut Vec<PathBuf>) -> Result<()> {
    // A saved page's pictures (`Name_files/`) are no scans.
    if path.is_dir() && path.file_name().is_some_and(|n| n.to_string_lossy().ends_with("_files")) {
        return Ok(());
    }
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for entry in entries {
            gather(&entry, html, text, pictures)?;
        }
        return Ok(());
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        // Only the pages themselves: a test folder's expected.html is not a page.
        "html" | "htm" if path.file_stem().is_some_and(|s| s != "expected") => html.push(path.to_path_buf()),
        "txt" | "md" => text.push(path.to_path_buf()),
        "png" => pictures.push(path.to_path_buf()),
        _ => {}
    }
    Ok(())
}
