//! `eval-*` and `bench-*`: extraction and import measured against gold and the clock.

use crate::commands::import::import_options;
use crate::{json, one_line};
use dossier_core::bench::{self, scale, synthetic};
use dossier_core::import::{self, evaluate};
use dossier_core::model::PageRequest;
use dossier_core::{Error, Store};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `dossier eval-extract` takes.
#[derive(Debug, clap::Args)]
pub struct EvalExtractArgs {
    /// A gold file, or a folder of `NAME.gold.json` + `NAME.txt` pairs and of
    /// `NAME.json` annotations of real pages (read from --pages).
    pub gold: PathBuf,
    /// The text the gold describes (not given with a folder).
    pub text: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
    /// Also list every miss.
    #[arg(long)]
    pub misses: bool,
    /// Only the totals of a folder (English, Spanish and Portuguese, all).
    #[arg(long)]
    pub summary: bool,
    /// Where the pages that annotations name are: Readability's test pages.
    #[arg(long, default_value = "../shared/corpus/readability-test-pages")]
    pub pages: PathBuf,
}

/// What `dossier eval-copies` takes.
#[derive(Debug, clap::Args)]
pub struct EvalCopiesArgs {
    pub dir: PathBuf,
    #[arg(long)]
    pub json: bool,
    /// Also list the pairs called copies that are not, and the copies missed.
    #[arg(long)]
    pub misses: bool,
    /// Import the articles into a new temporary store and score its groups of copies
    /// (what the counts of independent sources read), instead of comparing every pair.
    #[arg(long)]
    pub store: bool,
}

/// Prints how the detector of republished copies does on `dir`.
pub(crate) fn eval_copies(args: &EvalCopiesArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let EvalCopiesArgs { dir, json: as_json, misses, store } = args;
    let (as_json, misses) = (*as_json, *misses);
    let scores = if *store {
        dossier_core::copies::eval::evaluate_in_store(dir)?
    } else {
        dossier_core::copies::eval::evaluate(dir)?
    };
    if as_json {
        json(out, &scores)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{} articles, {} pairs, {} copies: precision {:.3} ({} of {} found), recall {:.3}",
        scores.articles,
        scores.pairs,
        scores.copies,
        scores.precision(),
        scores.right,
        scores.found,
        scores.recall()
    )?;
    for (kind, (found, all)) in &scores.found_by_kind {
        writeln!(out, "  {kind:<26} {found}/{all}")?;
    }
    if misses {
        for (a, b, why) in &scores.wrong {
            writeln!(out, "called a copy: {a} ~ {b} ({why})")?;
        }
        for (a, b, why) in &scores.missed {
            writeln!(out, "missed: {a} ~ {b} ({why})")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What `dossier eval-import` takes.
#[derive(Debug, clap::Args)]
pub struct EvalImportArgs {
    pub dir: PathBuf,
    #[arg(long)]
    pub json: bool,
    /// Also list each page that misses a field or scores below this F1.
    #[arg(long, value_name = "F1")]
    pub show_below: Option<f64>,
}

/// What `dossier bench-extract` takes.
#[derive(Debug, clap::Args)]
pub struct BenchExtractArgs {
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, default_value_t = 100_000)]
    pub aliases: usize,
    #[arg(long, default_value_t = 20)]
    pub rounds: usize,
}

/// What `dossier bench-export` takes.
#[derive(Debug, clap::Args)]
pub struct BenchExportArgs {
    #[arg(long, default_value_t = 10_000)]
    pub actors: usize,
    #[arg(long, default_value_t = 100_000)]
    pub claims: usize,
}

/// What `dossier bench-scale` takes.
#[derive(Debug, clap::Args)]
pub struct BenchScaleArgs {
    #[arg(long, default_value_t = 100_000)]
    pub sources: usize,
    #[arg(long, default_value_t = 5_000)]
    pub actors: usize,
    #[arg(long, default_value_t = 50_000)]
    pub claims: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Keep the library in this file: built there when it does not exist, measured
    /// again as it is when it does (built with the same sizes and seed).
    #[arg(long, value_name = "PATH")]
    pub keep: Option<PathBuf>,
    /// Also print each search query's latency, slowest first.
    #[arg(long)]
    pub each: bool,
}

/// What `dossier bench-import` takes.
#[derive(Debug, clap::Args)]
pub struct BenchImportArgs {
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// How many distinct copies of each file to import.
    #[arg(long, default_value_t = 4)]
    pub copies: usize,
    #[arg(long)]
    pub threads: Option<usize>,
}

pub(crate) fn bench_export(args: BenchExportArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let BenchExportArgs { actors, claims } = args;
    let figures = bench::export::bench_vault(actors, claims)?;
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
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn eval_import(
    dir: &Path,
    as_json: bool,
    show_below: Option<f64>,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
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

/// How `eval-extract` prints.
pub(crate) struct EvalOutput {
    pub(crate) as_json: bool,
    pub(crate) misses: bool,
    pub(crate) summary: bool,
}

pub(crate) fn eval_extract(
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

pub(crate) fn print_extract_evaluation(
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

pub(crate) fn bench_extract(
    paths: &[PathBuf],
    aliases: usize,
    rounds: usize,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let mut texts = Vec::new();
    for path in paths {
        let bytes = std::fs::read(path)?;
        let format = import::Format::of(path, &bytes).map_err(Error::Invalid)?;
        let extracted =
            import::extract(format, &bytes).map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))?;
        texts.push(dossier_core::text::to_stored_form(&extracted.text));
    }
    let f = bench::extract::bench_extract(&texts, aliases, rounds.max(1));
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

pub(crate) fn bench_import(
    paths: &[PathBuf],
    copies: usize,
    threads: Option<usize>,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let options = import_options(threads)?;
    let figures = bench::import::bench_import(paths, copies.max(1), &options)?;
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
    if let Some(x) = &figures.ocr {
        writeln!(
            out,
            "ocr         png   {:>5} pages {:>8.1} MB  {:>6.2} s  {:>7.2} pages/s  (one core, Tesseract, eng+spa+por; {} failed)",
            x.files,
            x.megabytes,
            x.seconds,
            x.files as f64 / x.seconds,
            x.failed
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `bench-scale`: builds the library in a temporary store and prints one line per figure.
pub(crate) fn bench_scale(
    library: &synthetic::Library,
    keep: Option<PathBuf>,
    each: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let scratch = bench::Scratch::new("bench-scale")?;
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
