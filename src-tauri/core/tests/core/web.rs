//! Pages fetched from their address, against a small HTTP server on 127.0.0.1 that
//! answers as real ones do: a page, redirects, errors, a loop, a huge body, a PDF.

use super::*;
use dossier_core::import::{self, FileOutcome, ImportOptions};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};

const PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><title>Caracas and Tehran sign a pact</title>\
<meta name=\"author\" content=\"Ana Ruiz\"></head><body><nav>Home | World | Sport</nav>\
<article><h1>Caracas and Tehran sign a pact</h1><p>Iran signed a cooperation agreement with Venezuela \
in 2022, officials said on Tuesday in Caracas, after a week of talks between the two delegations.</p>\
<p>Hezbollah has maintained a presence in the region for decades, according to the report cited by the \
ministry, which named no sources.</p><script>document.title = 'ran'</script></article></body></html>";

/// Serves `routes` (path → raw HTTP answer) on a free port of 127.0.0.1, answering
/// 404 to any other path; returns the base address.
fn serve(routes: Vec<(&'static str, Vec<u8>)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let routes = routes.clone();
            std::thread::spawn(move || answer(stream, &routes));
        }
    });
    base
}

fn answer(mut stream: TcpStream, routes: &[(&str, Vec<u8>)]) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let not_found = http(404, "Not Found", "text/html", &[], b"<html><body>No such page</body></html>");
    let reply = routes.iter().find(|(p, _)| *p == path).map(|(_, r)| r.clone()).unwrap_or(not_found);
    let _ = stream.write_all(&reply);
}

fn http(status: u16, words: &str, media_type: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status} {words}\r\nContent-Type: {media_type}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

fn redirect(status: u16, to: &str) -> Vec<u8> {
    http(status, "Moved", "text/html", &[("Location", to)], b"")
}

fn import_addresses(store: &mut Store, addresses: &[String]) -> import::ImportReport {
    let paths: Vec<PathBuf> = addresses.iter().map(PathBuf::from).collect();
    import::import_paths(store, &paths, &ImportOptions { threads: 2, ..ImportOptions::default() })
}

#[test]
fn a_fetched_page_is_imported_with_its_chain_of_custody() {
    let base = serve(vec![
        (
            "/world/pact",
            http(
                200,
                "OK",
                "text/html; charset=utf-8",
                &[("Last-Modified", "Tue, 04 Jun 2024 10:00:00 GMT"), ("Date", "Mon, 07 Dec 2026 21:00:00 GMT")],
                PAGE.as_bytes(),
            ),
        ),
        ("/p/123", redirect(301, "/go?to=pact")),
        ("/go?to=pact", redirect(302, "/world/pact")),
    ]);
    let (_dir, _path, mut store) = temp_store();
    let asked = format!("{base}/p/123");
    let report = import_addresses(&mut store, std::slice::from_ref(&asked));
    assert_eq!(report.imported, 1, "{:?}", report.files);
    assert_eq!(report.files[0].path, asked, "the panel names the link as dropped");
    let FileOutcome::Imported { source_id } = report.files[0].outcome else { unreachable!() };
    let source = store.source(source_id).unwrap();
    assert_eq!(source.summary.title, "Caracas and Tehran sign a pact");
    assert!(source.text.contains("Iran signed a cooperation agreement"), "{}", source.text);
    assert!(!source.text.contains("ran'") && !source.text.contains("Home | World"), "{}", source.text);
    assert_eq!(source.summary.url.as_deref(), Some(format!("{base}/world/pact").as_str()));
    assert_eq!(source.summary.media_type, "text/html");
    let capture = source.capture.expect("a chain of custody");
    assert_eq!(capture.kind, CaptureKind::Fetched);
    assert_eq!(capture.address.as_deref(), Some(asked.as_str()));
    assert_eq!(capture.final_address.as_deref(), Some(format!("{base}/world/pact").as_str()));
    assert_eq!(capture.status, Some(200));
    let hops: Vec<(String, i32)> = capture.redirects.iter().map(|r| (r.address.clone(), r.status)).collect();
    assert_eq!(hops, [(asked.clone(), 301), (format!("{base}/go?to=pact"), 302)]);
    let header = |name: &str| capture.headers.iter().find(|h| h.name == name).map(|h| h.value.clone());
    assert_eq!(header("content-type").as_deref(), Some("text/html; charset=utf-8"));
    assert_eq!(header("last-modified").as_deref(), Some("Tue, 04 Jun 2024 10:00:00 GMT"));
    assert_eq!(header("date").as_deref(), Some("Mon, 07 Dec 2026 21:00:00 GMT"));
    assert_eq!(capture.sha256, source.sha256, "the hash of the body as received, kept as the original");
    assert_eq!(store.source_original(source_id).unwrap(), PAGE.as_bytes());
    let captured = chrono::DateTime::parse_from_rfc3339(&capture.captured_at).unwrap();
    assert!((chrono::Utc::now() - captured.to_utc()).num_seconds().abs() < 120, "{captured}");

    // The same page again is the same source.
    let again = import_addresses(&mut store, &[format!("{base}/world/pact")]);
    assert_eq!(again.files[0].outcome, FileOutcome::Duplicate { source_id });
}

#[test]
fn error_statuses_loops_other_schemes_and_silence_are_reported_and_nothing_is_kept() {
    let mut looping = Vec::new();
    for hop in 0..12 {
        looping.push((["/r0", "/r1", "/r2", "/r3", "/r4", "/r5", "/r6", "/r7", "/r8", "/r9", "/r10", "/r11"][hop], {
            redirect(302, &format!("/r{}", hop + 1))
        }));
    }
    let mut routes = vec![
        ("/gone", http(410, "Gone", "text/html", &[], b"<p>gone</p>")),
        ("/broken", http(500, "Internal Server Error", "text/plain", &[], b"oops")),
        ("/to-ftp", redirect(301, "ftp://example.org/file")),
        ("/to-file", redirect(302, "file:///etc/passwd")),
        ("/binary", http(200, "OK", "application/zip", &[], b"PK\x03\x04 not a document")),
        ("/nowhere", http(302, "Found", "text/html", &[], b"<p>Moved somewhere</p>")),
        ("/not-modified", http(304, "Not Modified", "text/html", &[], b"")),
    ];
    routes.extend(looping);
    let base = serve(routes);
    // A port nobody listens on: the connection is refused, as when a server is down.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let (_dir, _path, mut store) = temp_store();
    let report = import_addresses(
        &mut store,
        &[
            format!("{base}/gone"),
            format!("{base}/broken"),
            format!("{base}/missing"),
            format!("{base}/to-ftp"),
            format!("{base}/to-file"),
            format!("{base}/r0"),
            format!("{base}/binary"),
            format!("{base}/nowhere"),
            format!("{base}/not-modified"),
            format!("http://{closed}/page"),
            "https://no-such-host.invalid/page".to_string(),
            "https://[::1".to_string(),
        ],
    );
    let reason = |suffix: &str| -> String {
        let file = report.files.iter().find(|f| f.path.ends_with(suffix)).unwrap_or_else(|| panic!("{suffix}"));
        match &file.outcome {
            FileOutcome::Failed { reason } => reason.clone(),
            other => panic!("{suffix}: {other:?}"),
        }
    };
    assert_eq!(report.failed, 12, "{:?}", report.files);
    assert_eq!(reason("/nowhere"), "the server answered 302 without saying where the page is");
    assert_eq!(reason("/not-modified"), "the server answered 304 without saying where the page is");
    assert_eq!(reason("/gone"), "the server answered 410 Gone");
    assert_eq!(reason("/broken"), "the server answered 500 Internal Server Error");
    assert_eq!(reason("/missing"), "the server answered 404 Not Found");
    assert!(reason("/to-ftp").contains("not a web address; not followed"), "{}", reason("/to-ftp"));
    assert!(reason("/to-file").contains("not a web address; not followed"), "{}", reason("/to-file"));
    assert_eq!(reason("/r0"), "more than 10 redirects; not followed further");
    assert_eq!(reason("/binary"), "the server sent application/zip, which Dossier does not read");
    assert!(
        reason(&format!("{closed}/page")).contains("offline, or the server is down")
            || reason(&format!("{closed}/page")).contains("refused the connection"),
        "{}",
        reason(&format!("{closed}/page"))
    );
    // Behind a proxy named in the environment, the proxy answers for the name.
    let unknown = reason("no-such-host.invalid/page");
    // a resolver
    // that never answers runs into the deadline.
    assert!(
        ["could not be found", "through the proxy", "within 30 s"].iter().any(|said| unknown.contains(said)),
        "{unknown}"
    );
    assert_eq!(reason("[::1"), "not a well-formed web address");
    assert_eq!(store.list_sources(SourceSort::default(), PageRequest::default()).unwrap().total, 0);
}

#[test]
fn a_fetched_pdf_is_read_as_a_pdf_and_a_body_over_the_limit_is_refused() {
    let pdf = std::fs::read(fixture("formats/report.pdf")).unwrap();
    let base = serve(vec![
        ("/files/report", http(200, "OK", "application/pdf", &[], &pdf)),
        ("/huge", http(200, "OK", "text/html", &[], &vec![b'a'; 4096])),
    ]);
    let (_dir, _path, mut store) = temp_store();
    let report = import_addresses(&mut store, &[format!("{base}/files/report")]);
    let FileOutcome::Imported { source_id } = report.files[0].outcome else { panic!("{:?}", report.files) };
    let source = store.source(source_id).unwrap();
    assert_eq!(source.summary.media_type, "application/pdf");
    assert!(!source.text.trim().is_empty());

    let options = ImportOptions {
        limits: import::Limits { max_file_bytes: 1024, ..import::Limits::default() },
        ..ImportOptions::default()
    };
    let report = import::import_paths(&mut store, &[PathBuf::from(format!("{base}/huge"))], &options);
    match &report.files[0].outcome {
        FileOutcome::Failed { reason } => assert_eq!(reason, "too large: 4 KB, limit 1 KB"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_server_that_never_answers_is_given_up_on_at_the_deadline() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = url::Url::parse(&format!("http://{}/slow", listener.local_addr().unwrap())).unwrap();
    // Accepts, reads the request, and says nothing.
    std::thread::spawn(move || {
        let kept: Vec<TcpStream> = listener.incoming().take(1).filter_map(Result::ok).collect();
        std::thread::sleep(std::time::Duration::from_secs(10));
        drop(kept);
    });
    let limits = import::fetch::FetchLimits { max_bytes: 1 << 20, seconds: 1, redirects: 10 };
    let started = std::time::Instant::now();
    let refused = import::fetch::fetch(&address, limits).unwrap_err();
    assert_eq!(refused, "no complete answer within 1 s");
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
}

#[test]
fn a_dropped_selection_is_a_clipping_linked_to_its_page() {
    let (_dir, _path, mut store) = temp_store();
    let html = "<p>“The alliance is the most successful project in the region,” <b>Joseph Humire</b> said.</p>";
    let text = "“The alliance is the most successful project in the region,” Joseph Humire said.";
    let page = "https://news.example.org/2024/alliance?utm=x";
    let report =
        import::import_clipping(&mut store, text, Some(html), Some(page), &import::Readers::InProcess).unwrap();
    assert_eq!(report.path, "(clipping from news.example.org)");
    let FileOutcome::Imported { source_id } = report.outcome else { panic!("{report:?}") };
    let source = store.source(source_id).unwrap();
    assert!(source.text.contains("Joseph Humire said"), "{}", source.text);
    assert_eq!(source.summary.url.as_deref(), Some(page));
    let capture = source.capture.unwrap();
    assert_eq!(capture.kind, CaptureKind::Clipping);
    assert_eq!(capture.address.as_deref(), Some(page));
    assert_eq!((capture.final_address, capture.status), (None, None));
    assert_eq!(capture.sha256, source.sha256, "the hash of what was dropped");
    assert_eq!(store.source_original(source_id).unwrap(), html.as_bytes());

    // Without a page address (a browser that gives none), and an address that is not a
    // web one, the clipping stands on its own.
    let report = import::import_clipping(
        &mut store,
        "Another passage.",
        None,
        Some("javascript:alert(1)"),
        &import::Readers::InProcess,
    )
    .unwrap();
    assert_eq!(report.path, "(clipping)");
    let FileOutcome::Imported { source_id } = report.outcome else { panic!("{report:?}") };
    let source = store.source(source_id).unwrap();
    assert_eq!((source.summary.url, source.capture.unwrap().address), (None, None));
    let empty = import::import_clipping(&mut store, "  ", Some(" "), None, &import::Readers::InProcess).unwrap_err();
    assert!(empty.to_string().contains("the selection dropped holds no text"), "{empty}");
}

#[test]
fn ten_redirects_are_followed_and_a_named_download_is_read_by_its_name() {
    let pdf = std::fs::read(fixture("formats/report.pdf")).unwrap();
    let hops = ["/h0", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6", "/h7", "/h8", "/h9"];
    let mut routes: Vec<(&'static str, Vec<u8>)> = hops
        .iter()
        .enumerate()
        .map(|(i, hop)| (*hop, redirect(307, hops.get(i + 1).unwrap_or(&"/download.php"))))
        .collect();
    routes.push((
        "/download.php",
        http(
            200,
            "OK",
            "application/octet-stream",
            &[("Content-Disposition", "attachment; filename=\"../report.pdf\"")],
            &pdf,
        ),
    ));
    let base = serve(routes);
    let (_dir, _path, mut store) = temp_store();
    let report = import_addresses(&mut store, &[format!("{base}/h0")]);
    let FileOutcome::Imported { source_id } = report.files[0].outcome else { panic!("{:?}", report.files) };
    let source = store.source(source_id).unwrap();
    assert_eq!(source.summary.media_type, "application/pdf");
    assert_eq!(source.capture.unwrap().redirects.len(), 10);
}

#[test]
fn a_body_streamed_past_the_limit_is_refused() {
    let mut chunked =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            .to_vec();
    for _ in 0..8 {
        chunked.extend_from_slice(format!("200\r\n{}\r\n", "a".repeat(512)).as_bytes());
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let base = serve(vec![("/stream", chunked)]);
    let (_dir, _path, mut store) = temp_store();
    let options = ImportOptions {
        limits: import::Limits { max_file_bytes: 1024, ..import::Limits::default() },
        ..ImportOptions::default()
    };
    let report = import::import_paths(&mut store, &[PathBuf::from(format!("{base}/stream"))], &options);
    match &report.files[0].outcome {
        FileOutcome::Failed { reason } => assert_eq!(reason, "too large: more than the limit, 1 KB"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn cancelling_stops_waiting_for_a_slow_server() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}/slow", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let kept: Vec<TcpStream> = listener.incoming().take(1).filter_map(Result::ok).collect();
        std::thread::sleep(std::time::Duration::from_secs(40));
        drop(kept);
    });
    let (_dir, _path, mut store) = temp_store();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let started = std::time::Instant::now();
    let report = std::thread::scope(|scope| {
        scope.spawn(|| {
            std::thread::sleep(std::time::Duration::from_millis(500));
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        });
        import::import_batch(&mut store, &[PathBuf::from(&address)], &ImportOptions::default(), &cancel, &mut |_, _| {})
    });
    assert_eq!((report.cancelled, report.files.len()), (1, 0), "{:?}", report.files);
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "{:?}", started.elapsed());
}
