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
