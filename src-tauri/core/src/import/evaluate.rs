//! Measures HTML import against pages with known answers: a folder of test pages, each
//! a folder holding `source.html`, `expected.html` (the main content) and
//! `expected-metadata.json` (`title`, `byline`, `siteName`, `publishedTime`), the layout
//! of Mozilla Readability's test pages.
//!
//! Each page goes through the real import path into a store and is read back, so the
//! figures describe what a person would find in Dossier.

use super::{import_paths, FileOutcome, ImportOptions, Readers};
use crate::{Error, Result, Store};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

#[derive(Debug, Clone, Serialize)]
pub struct PageScore {
    pub name: String,
    /// Why the page could not be imported, when it could not.
    pub failed: Option<String>,
    /// `None` where the page expects no value (Dossier then falls back to the file name).
    pub title_matches: Option<bool>,
    /// `None` where the page expects no value.
    pub byline_matches: Option<bool>,
    pub published_matches: Option<bool>,
    pub site_name_matches: Option<bool>,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportEvaluation {
    pub pages: usize,
    pub failed: usize,
    pub title_rate: f64,
    pub title_expected: usize,
    pub byline_rate: f64,
    pub byline_expected: usize,
    pub published_rate: f64,
    pub published_expected: usize,
    pub site_name_rate: f64,
    pub site_name_expected: usize,
    pub mean_precision: f64,
    pub mean_recall: f64,
    pub mean_f1: f64,
    pub seconds: f64,
    pub scores: Vec<PageScore>,
}

/// Evaluates every page folder under `dir`.
pub fn evaluate_import(dir: &Path) -> Result<ImportEvaluation> {
    let mut folders: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file() && p.join("expected-metadata.json").is_file())
        .collect();
    folders.sort();
    if folders.is_empty() {
        return Err(Error::Invalid(format!(
            "{} holds no test pages (folders with source.html and expected-metadata.json)",
            dir.display()
        )));
    }
    let mut store = Store::open_in_memory()?;
    // One page at a time, in this process: the figures are for one core.
    let options = ImportOptions { threads: 1, readers: Readers::InProcess, ..ImportOptions::default() };
    let started = Instant::now();
    let mut scores = Vec::new();
    for folder in &folders {
        let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let expected: Expected = serde_json::from_slice(&std::fs::read(folder.join("expected-metadata.json"))?)
            .map_err(|e| Error::Invalid(format!("{name}/expected-metadata.json: {e}")))?;
        let expected_html = std::fs::read_to_string(folder.join("expected.html")).unwrap_or_default();
        let expected_text = dom_query::Document::from(expected_html.as_str()).formatted_text().to_string();
        let report = import_paths(&mut store, &[folder.join("source.html")], &options);
        let source = match report.files.first().map(|f| &f.outcome) {
            Some(FileOutcome::Imported { source_id } | FileOutcome::Duplicate { source_id }) => {
                store.source(*source_id)?
            }
            Some(FileOutcome::Failed { reason } | FileOutcome::Skipped { reason }) => {
                scores.push(failed_page(name, reason.clone()));
                continue;
            }
            None => {
                scores.push(failed_page(name, "no outcome".into()));
                continue;
            }
        };
        let (precision, recall, f1) = token_f1(&source.text, &expected_text);
        scores.push(PageScore {
            name,
            failed: None,
            title_matches: expected
                .title
                .as_deref()
                .filter(|t| !t.trim().is_empty())
                .map(|t| same(Some(t), Some(&source.summary.title))),
            byline_matches: expected.byline.as_deref().map(|b| same(Some(b), source.summary.byline.as_deref())),
            published_matches: expected.published_time.as_deref().map(|p| {
                let day = p.get(..10).unwrap_or(p);
                source.summary.published.as_deref() == Some(day)
            }),
            site_name_matches: expected
                .site_name
                .as_deref()
                .map(|s| same(Some(s), source.summary.publisher.as_deref())),
            precision,
            recall,
            f1,
        });
    }
    let seconds = started.elapsed().as_secs_f64();
    Ok(summarize(scores, seconds))
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Expected {
    title: Option<String>,
    byline: Option<String>,
    site_name: Option<String>,
    published_time: Option<String>,
}

fn failed_page(name: String, reason: String) -> PageScore {
    PageScore {
        name,
        failed: Some(reason),
        title_matches: Some(false),
        byline_matches: Some(false),
        published_matches: Some(false),
        site_name_matches: Some(false),
        precision: 0.0,
        recall: 0.0,
        f1: 0.0,
    }
}

fn summarize(scores: Vec<PageScore>, seconds: f64) -> ImportEvaluation {
    let n = scores.len().max(1) as f64;
    let rate = |pick: fn(&PageScore) -> Option<bool>| {
        let judged: Vec<bool> = scores.iter().filter_map(pick).collect();
        let rate =
            if judged.is_empty() { 1.0 } else { judged.iter().filter(|&&ok| ok).count() as f64 / judged.len() as f64 };
        (rate, judged.len())
    };
    let (title_rate, title_expected) = rate(|s| s.title_matches);
    let (byline_rate, byline_expected) = rate(|s| s.byline_matches);
    let (published_rate, published_expected) = rate(|s| s.published_matches);
    let (site_name_rate, site_name_expected) = rate(|s| s.site_name_matches);
    ImportEvaluation {
        pages: scores.len(),
        failed: scores.iter().filter(|s| s.failed.is_some()).count(),
        title_rate,
        title_expected,
        byline_rate,
        byline_expected,
        published_rate,
        published_expected,
        site_name_rate,
        site_name_expected,
        mean_precision: scores.iter().map(|s| s.precision).sum::<f64>() / n,
        mean_recall: scores.iter().map(|s| s.recall).sum::<f64>() / n,
        mean_f1: scores.iter().map(|s| s.f1).sum::<f64>() / n,
        seconds,
        scores,
    }
}

/// Two values agree when they are equal up to runs of whitespace.
fn same(expected: Option<&str>, got: Option<&str>) -> bool {
    let squash =
        |s: Option<&str>| s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|s| !s.is_empty());
    squash(expected) == squash(got)
}

/// Precision, recall and F1 of the bag of whitespace-separated tokens of `got` against
/// those of `expected`, the usual measure of article-extraction benchmarks. Two empty
/// texts agree perfectly.
pub fn token_f1(got: &str, expected: &str) -> (f64, f64, f64) {
    let mut bag: HashMap<&str, i64> = HashMap::new();
    let mut expected_count = 0usize;
    for token in expected.split_whitespace() {
        *bag.entry(token).or_default() += 1;
        expected_count += 1;
    }
    let mut got_count = 0usize;
    let mut common = 0usize;
    for token in got.split_whitespace() {
        got_count += 1;
        if let Some(left) = bag.get_mut(token) {
            if *left > 0 {
                *left -= 1;
                common += 1;
            }
        }
    }
    if got_count == 0 && expected_count == 0 {
        return (1.0, 1.0, 1.0);
    }
    if common == 0 {
        return (0.0, 0.0, 0.0);
    }
    let precision = common as f64 / got_count as f64;
    let recall = common as f64 / expected_count as f64;
    (precision, recall, 2.0 * precision * recall / (precision + recall))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_f1_counts_repeated_tokens_once_each() {
        assert_eq!(token_f1("a b c", "a b c"), (1.0, 1.0, 1.0));
        let (p, r, f) = token_f1("a a a b", "a b");
        assert_eq!((p, r), (0.5, 1.0));
        assert!((f - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(token_f1("x", "y"), (0.0, 0.0, 0.0));
        assert_eq!(token_f1("", ""), (1.0, 1.0, 1.0));
    }

    #[test]
    fn values_agree_up_to_whitespace() {
        assert!(same(Some(" Ana  Ruiz"), Some("Ana Ruiz")));
        assert!(!same(Some("Ana Ruiz"), None));
        assert!(same(None, Some("  ")));
    }
}
