//! Import through the core: folders, formats, limits and hostile files, into a store
//! on disk. Readers run in this process here; the CLI tests cover worker processes.

use super::*;
use dossier_core::import::{self, FileOutcome, ImportOptions, Limits, Readers};

#[test]
fn importing_a_folder_reports_every_file_and_imports_the_good_ones() {
    let (dir, _path, mut store) = temp_store();
    let folder = dir.path().join("drop");
    std::fs::create_dir_all(folder.join("nested")).unwrap();
    std::fs::write(folder.join("alliance.txt"), ARTICLE).unwrap();
    std::fs::write(folder.join("nested/notes.md"), "# Field notes\n\nHumire said so.").unwrap();
    std::fs::write(folder.join("empty.txt"), "").unwrap();
    std::fs::write(folder.join("junk.txt"), (0..2000u32).map(|i| (i % 256) as u8).collect::<Vec<u8>>()).unwrap();
    std::fs::write(folder.join("scan.pdf"), b"%PDF-1.4").unwrap();
    std::fs::write(folder.join("photo.heic"), b"\xFF\xD8\xFF\xE0").unwrap();
    std::fs::write(
        folder.join("line\nbreak \"quoted\" \u{0628}\u{064A}\u{0631}\u{0648}\u{062A}.txt"),
        "Beirut\n\nA short dispatch.",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&folder, folder.join("nested/loop")).unwrap();

    let report =
        import::import_paths(&mut store, &[folder.clone(), dir.path().join("missing.txt")], &ImportOptions::default());
    let outcome = |suffix: &str| {
        report
            .files
            .iter()
            .find(|f| f.path.ends_with(suffix))
            .unwrap_or_else(|| panic!("{suffix} not reported: {report:?}"))
            .outcome
            .clone()
    };
    assert!(matches!(outcome("alliance.txt"), FileOutcome::Imported { .. }));
    assert!(matches!(outcome("notes.md"), FileOutcome::Imported { .. }));
    assert!(matches!(outcome("\u{062A}.txt"), FileOutcome::Imported { .. }));
    assert_eq!(outcome("empty.txt"), FileOutcome::Failed { reason: "empty file".into() });
    assert!(matches!(outcome("junk.txt"), FileOutcome::Failed { reason } if reason.contains("binary")));
    assert!(matches!(outcome("scan.pdf"), FileOutcome::Failed { reason } if reason.contains("the PDF cannot be read")));
    assert!(
        matches!(outcome("photo.heic"), FileOutcome::Skipped { reason } if reason.contains("not a document type Dossier reads (.heic)"))
    );
    assert_eq!(outcome("missing.txt"), FileOutcome::Failed { reason: "no such file or folder".into() });
    assert_eq!((report.imported, report.duplicates, report.failed, report.skipped), (3, 0, 4, 1));

    let titles: Vec<String> = store
        .list_sources(SourceSort::TitleAsc, PageRequest::default())
        .unwrap()
        .items
        .into_iter()
        .map(|s| s.title)
        .collect();
    assert_eq!(titles, vec!["Beirut", "Field notes", "Tehran and Caracas deepen ties"]);

    let again = import::import_paths(&mut store, &[folder], &ImportOptions::default());
    assert_eq!((again.imported, again.duplicates), (0, 3));
}

/// A dropped folder may hold links to anywhere (`notes -> ../../.ssh`): links are followed
/// only while they stay inside the folder, and files of no known type are skipped and
/// counted, never read as text. A file or a link named on its own is taken as given.
#[cfg(unix)]
#[test]
fn a_folder_walk_never_leaves_the_dropped_folder_and_skips_what_it_cannot_read() {
    let (dir, _path, mut store) = temp_store();
    let secrets = dir.path().join("home/.ssh");
    std::fs::create_dir_all(&secrets).unwrap();
    std::fs::write(secrets.join("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n")
        .unwrap();
    std::fs::write(secrets.join("hosts.txt"), "Private hosts list, never to be imported.").unwrap();
    let drop = dir.path().join("home/cases/drop");
    std::fs::create_dir_all(drop.join("leak")).unwrap();
    std::fs::write(drop.join("alliance.txt"), ARTICLE).unwrap();
    std::fs::write(drop.join("Makefile"), "all:\n\techo not an article\n").unwrap();
    std::fs::write(drop.join("archive.zip"), b"PK\x03\x04").unwrap();
    std::os::unix::fs::symlink("../../../.ssh", drop.join("leak/notes")).unwrap();
    std::os::unix::fs::symlink(secrets.join("hosts.txt"), drop.join("hosts.txt")).unwrap();
    std::os::unix::fs::symlink("alliance.txt", drop.join("same-article.txt")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", drop.join("dangling.txt")).unwrap();

    let report = import::import_paths(&mut store, &[drop.clone()], &ImportOptions::default());
    let outcome = |name: &str| {
        report
            .files
            .iter()
            .find(|f| f.path.ends_with(name))
            .unwrap_or_else(|| panic!("{name}: {report:?}"))
            .outcome
            .clone()
    };
    assert!(
        matches!(outcome("leak/notes"), FileOutcome::Skipped { reason } if reason.contains("outside the dropped folder"))
    );
    assert!(
        matches!(outcome("drop/hosts.txt"), FileOutcome::Skipped { reason } if reason.contains("outside the dropped folder"))
    );
    assert!(matches!(outcome("Makefile"), FileOutcome::Skipped { reason } if reason.contains("no file extension")));
    assert!(matches!(outcome("archive.zip"), FileOutcome::Skipped { reason } if reason.contains(".zip")));
    assert!(matches!(outcome("dangling.txt"), FileOutcome::Skipped { reason } if reason.contains("link to nothing")));
    // The link inside is followed: the same article twice, one of them a duplicate
    // (which one depends on the reading threads).
    let pair = [outcome("alliance.txt"), outcome("same-article.txt")];
    assert!(pair.iter().any(|o| matches!(o, FileOutcome::Imported { .. })), "{pair:?}");
    assert!(pair.iter().any(|o| matches!(o, FileOutcome::Duplicate { .. })), "{pair:?}");
    assert_eq!((report.imported, report.duplicates, report.failed, report.skipped), (1, 1, 0, 5));
    assert!(!report.files.iter().any(|f| f.path.contains("id_ed25519")), "nothing behind the link was even listed");
    let everything: String = store
        .list_sources(SourceSort::TitleAsc, PageRequest::default())
        .unwrap()
        .items
        .iter()
        .map(|s| store.source(s.id).unwrap().text)
        .collect();
    assert!(!everything.contains("PRIVATE KEY") && !everything.contains("Private hosts"));

    // Named on its own, a file is the person's choice: a link is followed, no extension is read.
    let report = import::import_paths(&mut store, &[drop.join("hosts.txt")], &ImportOptions::default());
    assert_eq!(report.imported, 1, "{report:?}");
}

/// A reader process whose analysis dies (here: a stand-in worker that reads files
/// properly, then ends itself with SIGALRM, as the alarm does, when asked to analyse):
/// the source is kept, without suggestions, and the file says "analysis failed".
#[cfg(unix)]
#[test]
fn a_source_whose_analysis_times_out_in_the_worker_is_kept_and_the_failure_reported() {
    let python = Path::new("/usr/bin/python3");
    if !python.exists() {
        eprintln!("skipped: /usr/bin/python3 plays the worker here");
        return;
    }
    let script = r#"
import json, os, signal, struct, sys
i, o = sys.stdin.buffer, sys.stdout.buffer
while True:
    head = i.read(13)
    if len(head) < 13: break
    op, seconds, n = struct.unpack("<BIQ", head)
    payload = i.read(n)
    if op == 65: os.kill(os.getpid(), signal.SIGALRM)  # ANALYZE
    body = b"null" if op in (64, 67) else json.dumps({"title": "Envoy", "text": payload.decode()}).encode()  # LEARN, OCR
    o.write(struct.pack("<BQ", 0, len(body)) + body); o.flush()
"#;
    let (dir, _path, mut store) = temp_store();
    let file = dir.path().join("envoy.txt");
    std::fs::write(&file, "Envoy lands in Havana\n\nThe envoy of Venezuela landed in Havana on Monday.").unwrap();
    let command = import::WorkerCommand { program: python.into(), args: vec!["-c".into(), script.into()] };
    let options = ImportOptions { readers: Readers::Workers(command.clone()), threads: 1, ..ImportOptions::default() };
    let report = import::import_paths(&mut store, &[file], &options);
    assert_eq!(report.imported, 1, "{report:?}");
    let note = report.files[0].note.as_deref().unwrap_or_default();
    assert!(note.starts_with("analysis failed: the analysis gave up"), "{note}");
    assert_eq!(store.stats().unwrap().suggestions, 0);

    let again = import::reanalyze(&mut store, None, &Readers::Workers(command)).unwrap();
    assert_eq!((again.analysed, again.failed.len()), (0, 1), "{again:?}");
}

#[test]
fn files_over_the_size_limit_fail_with_their_size_and_the_limit() {
    let (dir, _path, mut store) = temp_store();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "word ".repeat(300_000)).unwrap();
    let limits = Limits { max_file_bytes: 1024 * 1024, ..Limits::default() };
    let report = import::import_paths(&mut store, &[big], &ImportOptions { limits, ..ImportOptions::default() });
    assert_eq!(report.files[0].outcome, FileOutcome::Failed { reason: "too large: 1 MB, limit 1 MB".into() });
    assert_eq!(store.stats().unwrap().sources, 0);
}

fn only_source(store: &Store) -> Source {
    let list = store.list_sources(SourceSort::ImportedDesc, PageRequest::default()).unwrap();
    assert_eq!(list.total, 1, "expected one source: {list:?}");
    store.source(list.items[0].id).unwrap()
}

#[test]
fn html_articles_keep_their_metadata_main_text_and_a_safe_rendition() {
    let (_dir, _path, mut store) = temp_store();
    let report = import::import_paths(&mut store, &[fixture("html/harbor-deal.html")], &ImportOptions::default());
    assert_eq!(report.imported, 1, "{report:?}");
    let source = only_source(&store);
    let s = &source.summary;
    assert_eq!(s.title, "Acuerdo portuario entre Irán y Venezuela inquieta a Washington");
    assert_eq!(s.byline.as_deref(), Some("Lucía Fernández"));
    assert_eq!(s.publisher.as_deref(), Some("Diario del Caribe"));
    assert_eq!(s.published.as_deref(), Some("2023-06-14"));
    assert_eq!(s.url.as_deref(), Some("https://diariodelcaribe.example/mundo/2023/06/acuerdo-portuario"));
    assert_eq!(s.language.as_deref(), Some("es"));
    assert_eq!(s.media_type, "text/html");
    assert!(source.text.contains("«No aceptaremos que terceros decidan con quién comerciamos», declaró"));
    assert!(source.text.contains("La cancillería iraní no respondió"));
    for boilerplate in
        ["Deportes", "Publicidad", "Relacionadas", "pedro77", "Excelente nota", "Todos los derechos", "Suscríbase"]
    {
        assert!(!source.text.contains(boilerplate), "{boilerplate:?} leaked into the text:\n{}", source.text);
    }
    let html = source.html.expect("a reader rendition");
    for forbidden in ["<script", "<iframe", "<img", "cdn.example", "trackPageview", "<style"] {
        assert!(!html.contains(forbidden), "{forbidden} survived in the rendition");
    }
    assert!(html.contains("La Guaira"));
    assert_eq!(
        store.source_original(source.summary.id).unwrap(),
        std::fs::read(fixture("html/harbor-deal.html")).unwrap()
    );
}

#[test]
fn a_saved_page_imports_as_one_source_without_its_assets_folder() {
    let (_dir, _path, mut store) = temp_store();
    let report = import::import_paths(&mut store, &[fixture("html")], &ImportOptions::default());
    let names: Vec<&str> = report.files.iter().map(|f| f.path.rsplit('/').next().unwrap()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"saved-page.html") && names.contains(&"harbor-deal.html"));
    assert_eq!((report.imported, report.failed), (2, 0));
}

#[test]
fn legacy_and_utf16_pages_are_decoded_to_the_same_text() {
    let (dir, _path, mut store) = temp_store();
    let page = "<html><head><title>Informe sobre la alianza</title></head><body><article>\
        <p>El ministro declaró en Caracas que la cooperación con Irán «continuará» pese a las sanciones, \
        según la transcripción oficial publicada el jueves por su despacho.</p></article></body></html>";
    let cp1252 = encoding_rs::WINDOWS_1252.encode(page).0.into_owned();
    assert!(std::str::from_utf8(&cp1252).is_err());
    std::fs::write(dir.path().join("legacy.html"), &cp1252).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(page.replace("alianza", "alianza (UTF-16)").encode_utf16().flat_map(|u| u.to_le_bytes()));
    std::fs::write(dir.path().join("wide.htm"), &utf16).unwrap();
    let report = import::import_paths(
        &mut store,
        &[dir.path().join("legacy.html"), dir.path().join("wide.htm")],
        &ImportOptions::default(),
    );
    assert_eq!(report.imported, 2, "{report:?}");
    let list = store.list_sources(SourceSort::TitleAsc, PageRequest::default()).unwrap();
    for summary in &list.items {
        let text = store.source(summary.id).unwrap().text;
        assert!(
            text.contains("declaró en Caracas que la cooperación con Irán «continuará»"),
            "{}: {text}",
            summary.title
        );
    }
}

#[test]
fn bad_files_fail_by_name_with_a_reason_and_the_rest_import() {
    let (dir, _path, mut store) = temp_store();
    let drop = dir.path().join("drop");
    std::fs::create_dir_all(&drop).unwrap();
    std::fs::write(drop.join("good.txt"), ARTICLE).unwrap();
    std::fs::write(drop.join("empty.html"), "").unwrap();
    let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(drop.join("junk.html"), &junk).unwrap();
    std::fs::write(drop.join("invalid-utf8.txt"), b"Caracas \xff\xfe\xfd r\xe9union du cabinet, Teheran \xc3\x28 fin")
        .unwrap();
    let huge = std::fs::File::create(drop.join("huge.html")).unwrap();
    huge.set_len(1 << 30).unwrap(); // sparse: costs no disk, and must cost no memory
    std::fs::write(
        drop.join("deep.html"),
        format!("<html><body>{}<p>bottom</p></body></html>", "<div>".repeat(100_000)),
    )
    .unwrap();

    let report = import::import_paths(&mut store, &[drop], &ImportOptions::default());
    let outcome = |name: &str| report.files.iter().find(|f| f.path.ends_with(name)).unwrap().outcome.clone();
    assert_eq!(outcome("empty.html"), FileOutcome::Failed { reason: "empty file".into() });
    assert!(matches!(outcome("junk.html"), FileOutcome::Failed { reason } if reason.contains("not an HTML page")));
    assert_eq!(outcome("huge.html"), FileOutcome::Failed { reason: "too large: 1024 MB, limit 200 MB".into() });
    assert!(matches!(outcome("good.txt"), FileOutcome::Imported { .. }));
    assert!(matches!(outcome("invalid-utf8.txt"), FileOutcome::Imported { .. }));
    assert!(matches!(outcome("deep.html"), FileOutcome::Imported { .. }));
    assert_eq!((report.imported, report.failed), (3, 3));
}

fn dispatches(dir: &Path, count: usize) -> PathBuf {
    let folder = dir.join("dispatches");
    std::fs::create_dir_all(&folder).unwrap();
    for i in 0..count {
        std::fs::write(folder.join(format!("{i:03}.txt")), format!("Dispatch {i}\n\nBody of dispatch number {i}."))
            .unwrap();
    }
    folder
}

#[test]
fn progress_hears_of_every_file_and_ends_at_the_total() {
    let (dir, _path, mut store) = temp_store();
    let folder = dispatches(dir.path(), 12);
    std::fs::write(folder.join("bad.txt"), "").unwrap();
    let mut heard = Vec::new();
    let mut last = None;
    let options = ImportOptions { threads: 2, ..ImportOptions::default() };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let report =
        import::import_batch(&mut store, &[folder, dir.path().join("gone.txt")], &options, &cancel, &mut |p, file| {
            heard.extend(file.cloned());
            last = Some(p.clone());
        });
    let last = last.unwrap();
    assert_eq!((last.total, last.done, last.imported, last.failed), (14, 14, 12, 2));
    let heard: Vec<String> = heard.into_iter().map(|f| f.path).collect();
    let reported: Vec<String> = report.files.iter().map(|f| f.path.clone()).collect();
    assert_eq!(heard, reported);
    assert_eq!((report.imported, report.failed, report.cancelled), (12, 2, 0));
    assert_eq!(store.stats().unwrap().sources, 12);
}

#[test]
fn a_cancelled_batch_keeps_what_it_finished_and_a_second_run_completes_it() {
    let (dir, _path, mut store) = temp_store();
    let folder = dispatches(dir.path(), 40);
    let options = ImportOptions { threads: 2, ..ImportOptions::default() };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let report = import::import_batch(&mut store, std::slice::from_ref(&folder), &options, &cancel, &mut |p, _| {
        if p.done == 5 {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    });
    assert!(report.cancelled > 0 && report.imported >= 5, "{report:?}");
    assert_eq!(report.imported + report.cancelled, 40);
    assert_eq!(store.stats().unwrap().sources, report.imported);

    let again = import::import_paths(&mut store, &[folder], &options);
    assert_eq!((again.imported, again.duplicates), (report.cancelled, report.imported));
    assert_eq!(store.stats().unwrap().sources, 40);
}

#[test]
fn reading_in_parallel_imports_the_same_sources_as_one_at_a_time() {
    let (dir, _path, mut one) = temp_store();
    let folder = dispatches(dir.path(), 30);
    let (_dir2, _path2, mut many) = temp_store();
    import::import_paths(
        &mut one,
        std::slice::from_ref(&folder),
        &ImportOptions { threads: 1, ..ImportOptions::default() },
    );
    import::import_paths(&mut many, &[folder], &ImportOptions { threads: 4, ..ImportOptions::default() });
    let titles = |store: &Store| -> Vec<String> {
        store
            .list_sources(SourceSort::TitleAsc, PageRequest::new(0, 100))
            .unwrap()
            .items
            .into_iter()
            .map(|s| s.title)
            .collect()
    };
    assert_eq!(titles(&one).len(), 30);
    assert_eq!(titles(&one), titles(&many));
}

#[test]
fn pasted_html_is_sanitized_and_pasted_text_kept_as_is() {
    let (_dir, _path, mut store) = temp_store();
    let pasted = import::import_pasted(
        &mut store,
        "ignored when HTML is given",
        Some("<h2>Envoy visits Havana</h2><p onclick=\"x()\">Officials met on <b>Monday</b>.</p><script>x()</script>"),
        &Readers::InProcess,
    )
    .unwrap();
    let FileOutcome::Imported { source_id } = pasted.outcome else { panic!("{pasted:?}") };
    let source = store.source(source_id).unwrap();
    assert_eq!(source.summary.title, "Envoy visits Havana");
    assert_eq!(source.text, "Envoy visits Havana\n\nOfficials met on Monday.");
    let html = source.html.unwrap();
    assert!(!html.contains("onclick") && !html.contains("script"), "{html}");

    let plain =
        import::import_pasted(&mut store, "Note from the field\r\nSecond line", None, &Readers::InProcess).unwrap();
    let FileOutcome::Imported { source_id } = plain.outcome else { panic!() };
    assert_eq!(store.source(source_id).unwrap().text, "Note from the field\nSecond line");
    let err = import::import_pasted(&mut store, "   ", None, &Readers::InProcess).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
}

/// Imports one fixture file and returns its stored source.
fn import_one(name: &str) -> Source {
    let (_dir, _path, mut store) = temp_store();
    let report = import::import_paths(&mut store, &[fixture(name)], &ImportOptions::default());
    assert_eq!(report.imported, 1, "{name}: {report:?}");
    only_source(&store)
}

#[test]
fn word_documents_round_trip_with_title_author_and_paragraphs() {
    let memo = import_one("formats/memo.docx");
    assert_eq!(memo.summary.title, "Memo: couriers in the tri-border area");
    assert_eq!(memo.summary.byline.as_deref(), Some("Daniel Okafor"));
    assert_eq!(memo.summary.media_type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assert_eq!(
        memo.text,
        "Memo: couriers in the tri-border area\n\n\
         Two sources in Ciudad del Este described cash couriers linked to Hezbollah.\n\n\
         Neither account has been confirmed by a second document."
    );
}

#[test]
fn epub_books_round_trip_in_reading_order_and_escaping_entries_reach_nothing() {
    let book = import_one("formats/axis.epub");
    assert_eq!(book.summary.title, "The Axis in the Andes");
    assert_eq!(book.summary.byline.as_deref(), Some("M. Salazar"));
    assert_eq!(book.summary.publisher.as_deref(), Some("Ledger Books"));
    assert_eq!(book.summary.published.as_deref(), Some("2021-09"));
    assert_eq!(
        book.text,
        "Flights\n\nWeekly flights linked Tehran and Caracas from 2007.\n\nMoney\n\nInvestigators followed the payments through Panama."
    );
    // The archive holds an entry named ../../escaped.txt; nothing is ever unpacked to disk.
    let fixtures = fixture("formats");
    for dir in [fixtures.clone(), fixtures.join(".."), fixtures.join("../.."), std::env::temp_dir()] {
        assert!(!dir.join("escaped.txt").exists(), "something was written to {}", dir.display());
    }
}

#[test]
fn pdfs_round_trip_their_text_layer_and_information() {
    let report = import_one("formats/report.pdf");
    assert_eq!(report.summary.title, "Port logistics in La Guaira");
    assert_eq!(report.summary.byline.as_deref(), Some("Ana Ruiz"));
    assert_eq!(report.summary.published.as_deref(), Some("2023-06-14"));
    assert_eq!(report.summary.status, SourceStatus::Ok);
    assert!(report.text.contains("Iranian cargo ships docked at La Guaira,"), "{:?}", report.text);
}

#[test]
fn a_pdf_without_a_text_layer_is_imported_as_having_no_text() {
    let scan = import_one("formats/scan.pdf");
    assert_eq!((scan.summary.status, scan.text.as_str()), (SourceStatus::NoText, ""));
    assert_eq!(scan.summary.title, "scan");
}

#[test]
fn emails_and_web_archives_round_trip() {
    let (dir, _path, mut store) = temp_store();
    let eml = dir.path().join("tip.eml");
    std::fs::write(
        &eml,
        "From: Desk <desk@wire.example>\r\nTo: Ana Ruiz <ana@wire.example>\r\nSubject: Tip: second ship\r\n\
         Date: Thu, 15 Jun 2023 08:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         A second vessel is expected at La Guaira next week.\r\n",
    )
    .unwrap();
    let mhtml = dir.path().join("page.mhtml");
    std::fs::write(
        &mhtml,
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://wire.example/havana\r\nSubject: Envoy visits Havana\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/related; type=\"text/html\"; boundary=\"B\"\r\n\r\n--B\r\n\
         Content-Type: text/html; charset=utf-8\r\nContent-Location: https://wire.example/havana\r\n\r\n\
         <html><head><title>Envoy visits Havana</title></head><body><p>The envoy met officials in Havana.</p></body></html>\r\n--B--\r\n",
    )
    .unwrap();
    let report = import::import_paths(&mut store, &[eml, mhtml], &ImportOptions::default());
    assert_eq!(report.imported, 2, "{report:?}");
    let sources = store.list_sources(SourceSort::TitleAsc, PageRequest::default()).unwrap().items;
    let page = store.source(sources[0].id).unwrap();
    assert_eq!(
        (page.summary.title.as_str(), page.summary.url.as_deref()),
        ("Envoy visits Havana", Some("https://wire.example/havana"))
    );
    assert_eq!(page.text, "The envoy met officials in Havana.");
    let mail = store.source(sources[1].id).unwrap();
    assert_eq!(mail.summary.title, "Tip: second ship");
    assert_eq!(mail.summary.media_type, "message/rfc822");
    assert!(mail.text.ends_with("\n\nA second vessel is expected at La Guaira next week."), "{}", mail.text);
}

#[test]
fn broken_and_hostile_documents_fail_alone_with_reasons() {
    let (_dir, _path, mut store) = temp_store();
    let names = ["bomb.docx", "truncated.pdf", "circular.pdf", "report.pdf"];
    let paths: Vec<PathBuf> = names.iter().map(|n| fixture(&format!("formats/{n}"))).collect();
    let report = import::import_paths(&mut store, &paths, &ImportOptions::default());
    let outcome = |name: &str| report.files.iter().find(|f| f.path.ends_with(name)).unwrap().outcome.clone();
    assert!(
        matches!(outcome("bomb.docx"), FileOutcome::Failed { reason } if reason.contains("zip bomb")),
        "{report:?}"
    );
    assert!(matches!(outcome("truncated.pdf"), FileOutcome::Failed { reason } if reason.contains("PDF")), "{report:?}");
    // A page tree that contains itself must not hang or crash; it yields what it can.
    assert!(matches!(outcome("circular.pdf"), FileOutcome::Imported { .. }), "{report:?}");
    assert!(matches!(outcome("report.pdf"), FileOutcome::Imported { .. }));
}

/// Inputs the fuzzers found crashing a reader, kept as regression tests: each is now a
/// clear error or a page read (in this process, where a panic would fail the test).
#[test]
fn inputs_the_fuzzers_found_fail_with_a_reason_instead_of_crashing() {
    for (name, format) in
        [("fuzz-pdf-panic.pdf", import::Format::Pdf), ("fuzz-pdf-parent-loop.pdf", import::Format::Pdf)]
    {
        let bytes = std::fs::read(fixture(&format!("formats/{name}"))).unwrap();
        let error = import::extract(format, &bytes).unwrap_err();
        assert!(error.contains("PDF"), "{name}: {error}");
    }
    let bytes = std::fs::read(fixture("formats/fuzz-html-abort.html")).unwrap();
    let read = import::extract(import::Format::Html, &bytes);
    assert!(read.is_ok(), "{:?}", read.err());
}

#[cfg(unix)]
#[test]
fn pipes_in_a_dropped_folder_are_reported_not_waited_on() {
    let (dir, _path, mut store) = temp_store();
    let folder = dispatches(dir.path(), 2);
    let fifo = folder.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let report = import::import_paths(&mut store, &[folder], &ImportOptions::default());
    let pipe = report.files.iter().find(|f| f.path.ends_with("pipe.txt")).unwrap();
    assert!(
        matches!(&pipe.outcome, FileOutcome::Failed { reason } if reason.contains("not a regular file")),
        "{pipe:?}"
    );
    assert_eq!(report.imported, 2);
}

#[cfg(unix)]
#[test]
fn unreadable_files_fail_with_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _path, mut store) = temp_store();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "Not for you.").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&secret).is_ok() {
        eprintln!("SKIPPED: running as a user who can read any file (root); permissions cannot be tested here");
        return;
    }
    let report = import::import_paths(&mut store, &[secret], &ImportOptions::default());
    assert_eq!(report.files[0].outcome, FileOutcome::Failed { reason: "permission denied".into() });
}

/// Pages of kinds that trip article extractors, each with what must be kept and what
/// must go.
#[test]
fn varied_pages_keep_their_main_content_and_lose_their_furniture() {
    struct Case {
        file: &'static str,
        keep: &'static [&'static str],
        drop: &'static [&'static str],
        language: &'static str,
    }
    let cases = [
        Case {
            file: "live-blog.html",
            keep: &[
                "publish the first bulletin after midnight",
                "refused copies of the tally sheets",
                "members invited from Iran and Cuba",
                "Polls have officially closed",
            ],
            drop: &["Morning Briefing", "Ten recipes", "Podcasts", "Terms"],
            language: "en",
        },
        Case {
            file: "paywall-stub.html",
            keep: &[
                "at least eleven tankers switched off their transponders",
                "registered in the same office building in Dubai",
            ],
            drop: &["Subscribe to continue reading", "Cancel anytime", "ten best ports", "Log in"],
            language: "en",
        },
        Case {
            file: "arabic-rtl.html",
            keep: &["وصل وفد إيراني رفيع المستوى", "امتنعت السفارة الإيرانية عن التعليق", "تتابعه حكومات غربية عن كثب"],
            drop: &["رياضة", "نتائج مباريات الأمس", "جميع الحقوق محفوظة"],
            language: "ar",
        },
        Case {
            file: "gallery.html",
            keep: &[
                "commerce never stops",
                "Traders carry goods across the Friendship Bridge",
                "used to move cash for Hezbollah supporters",
                "police patrol boat on the Paraná river",
            ],
            drop: &["Share on Facebook", "Video"],
            language: "en",
        },
    ];
    let mut failures = Vec::new();
    for case in &cases {
        let source = import_one(&format!("pages/{}", case.file));
        for phrase in case.keep {
            if !source.text.contains(phrase) {
                failures.push(format!("{}: lost {phrase:?}", case.file));
            }
        }
        for phrase in case.drop {
            if source.text.contains(phrase) {
                failures.push(format!("{}: kept {phrase:?}", case.file));
            }
        }
        if source.summary.language.as_deref() != Some(case.language) {
            failures.push(format!("{}: language {:?}", case.file, source.summary.language));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn imported_sources_come_with_their_suggestions_in_the_same_store() {
    let (_dir, _path, mut store) = temp_store();
    let report = import::import_paths(&mut store, &[fixture("extract/es-cooperacion.txt")], &ImportOptions::default());
    let FileOutcome::Imported { source_id } = report.files[0].outcome else { panic!("{report:?}") };
    let all = store.list_suggestions(Some(source_id), None, None, PageRequest::new(0, 500)).unwrap();
    let labels: Vec<&str> = all.items.iter().map(|s| s.label.as_str()).collect();
    assert!(labels.contains(&"Nicolás Maduro (person)"), "{labels:?}");
    assert!(labels.contains(&"junio de 2022 → 2022-06"), "{labels:?}");
    assert!(all.items.iter().any(|s| s.kind == SuggestionKind::Claim), "{labels:?}");
    assert!(
        all.items.iter().any(|s| s.kind == SuggestionKind::Quote && s.label.starts_with("Nicolás Maduro:")),
        "{labels:?}"
    );
    // Offsets point into the stored text.
    let text: Vec<char> = store.source(source_id).unwrap().text.chars().collect();
    let maduro = all.items.iter().find(|s| s.label == "Nicolás Maduro (person)").unwrap();
    let cut: String = text[maduro.span_start as usize..maduro.span_end as usize].iter().collect();
    assert_eq!(cut, "Nicolás Maduro");
    let dates = all.items.iter().filter(|s| s.kind == SuggestionKind::Date).count() as i32;
    assert_eq!(store.stats().unwrap().suggestions, all.total - dates);
}

#[test]
fn accepting_suggestions_writes_actors_mentions_claims_and_citations() {
    let (_dir, _path, mut store) = temp_store();
    let report = import::import_paths(&mut store, &[fixture("extract/es-cooperacion.txt")], &ImportOptions::default());
    let FileOutcome::Imported { source_id } = report.files[0].outcome else { panic!("{report:?}") };
    let all = store.list_suggestions(Some(source_id), None, None, PageRequest::new(0, 500)).unwrap().items;
    let find =
        |label: &str| all.iter().find(|s| s.label == label).unwrap_or_else(|| panic!("{label} not in {all:?}")).id;

    let accepted = store.accept_suggestion(find("Nicolás Maduro (person)")).unwrap();
    assert_eq!((accepted.actors_created, accepted.mentions), (1, 2)); // "Nicolás Maduro", "Maduro"
    let maduro = store.find_actors_by_name("Maduro").unwrap();
    assert_eq!(maduro.len(), 1);
    let actor = store.actor(maduro[0]).unwrap();
    assert_eq!((actor.name.as_str(), actor.kind), ("Nicolás Maduro", ActorKind::Person));
    assert_eq!(store.mentions_in_source(source_id).unwrap().len(), 2);
    assert_eq!(
        store.accept_suggestion(find("Nicolás Maduro (person)")).unwrap(),
        Default::default(),
        "accepting twice writes nothing"
    );

    let claim =
        all.iter().find(|s| s.kind == SuggestionKind::Claim && s.label == "Iran cooperates_with Venezuela").unwrap();
    let accepted = store.accept_suggestion(claim.id).unwrap();
    // Iran and Venezuela did not exist yet: their actor suggestions are accepted with the
    // claim, so the actors arrive with their mentions in the source, never bare.
    let settled: Vec<String> =
        accepted.settled.iter().map(|id| all.iter().find(|s| s.id == *id).unwrap().label.clone()).collect();
    assert_eq!(settled, ["Iran (state)", "Venezuela (state)"]);
    let written = store.claim(accepted.claim_id.unwrap()).unwrap();
    assert_eq!((written.subject.name.as_str(), written.relation), ("Iran", Relation::CooperatesWith));
    let iran = store.actor(written.subject.id).unwrap();
    assert_eq!(iran.kind, ActorKind::State, "the kind comes from the actor suggestion");
    let iran_mentions =
        store.mentions_in_source(source_id).unwrap().iter().filter(|m| m.actor_id == Some(iran.id)).count();
    assert!(iran_mentions >= 2, "Irán and iraní are Iran's mentions in the source: {iran_mentions}");
    for id in &accepted.settled {
        assert_eq!(store.suggestion(*id).unwrap().status, ReviewStatus::Accepted, "no actor suggestion left waiting");
    }
    let citations = store.citations_of_claim(written.id).unwrap();
    assert_eq!(citations[0].exact, "Irán y Venezuela amplían su cooperación militar pese a las sanciones");

    let quote = all.iter().find(|s| s.kind == SuggestionKind::Quote).unwrap();
    let accepted = store.accept_suggestion(quote.id).unwrap();
    assert_eq!(accepted.actors_created, 0, "the speaker is the Maduro accepted above");
    let citation =
        store.citations_in_source(source_id).unwrap().into_iter().find(|c| Some(c.id) == accepted.citation_id).unwrap();
    assert!(citation.exact.starts_with("Venezuela no está sola"));
    let reviewable = all.iter().filter(|s| s.kind != SuggestionKind::Date).count() as i32;
    // Decided: Maduro, the claim with Iran and Venezuela, the quotation.
    assert_eq!(store.stats().unwrap().suggestions, reviewable - 5, "dates are not counted as waiting for review");
}

#[test]
fn reanalysis_keeps_decisions_and_finds_what_the_library_now_knows() {
    let (_dir, _path, mut store) = temp_store();
    let report = import::import_paths(&mut store, &[fixture("extract/pt-hezbollah.txt")], &ImportOptions::default());
    let FileOutcome::Imported { source_id } = report.files[0].outcome else { panic!("{report:?}") };
    let pending = |store: &Store| {
        store.list_suggestions(Some(source_id), None, Some(ReviewStatus::Suggested), PageRequest::new(0, 500)).unwrap()
    };
    let first = pending(&store);
    let accepted = first.items.iter().find(|s| s.kind == SuggestionKind::Actor).unwrap().id;
    store.accept_suggestion(accepted).unwrap();
    let rejected = first.items.iter().find(|s| s.kind == SuggestionKind::Claim).unwrap().id;
    store.set_suggestion_status(rejected, ReviewStatus::Rejected).unwrap();

    assert_eq!(import::reanalyze(&mut store, Some(source_id), &Readers::InProcess).unwrap().analysed, 1);
    let again = pending(&store);
    assert_eq!(again.total, first.total - 2, "decided suggestions are not proposed again");
    assert_eq!(
        store
            .list_suggestions(Some(source_id), None, Some(ReviewStatus::Rejected), PageRequest::default())
            .unwrap()
            .items[0]
            .id,
        rejected
    );

    // What the library learns is used on the next analysis: its own name for Lebanon.
    store
        .insert_actor(&NewActor {
            name: "Lebanese Republic".into(),
            kind: ActorKind::State,
            description: String::new(),
            aliases: vec!["Líbano".into()],
        })
        .unwrap();
    import::reanalyze(&mut store, None, &Readers::InProcess).unwrap();
    let labels: Vec<String> = pending(&store).items.into_iter().map(|s| s.label).collect();
    assert!(labels.iter().any(|l| l == "Lebanese Republic (state)"), "{labels:?}");
}
