//! OCR on pictures and scanned PDFs: known text rendered to pictures (pango-view, with
//! ImageMagick for rotation, noise and JPEG), imported, and compared with what was
//! written by character error rate. Needs Tesseract with its English, Spanish,
//! Portuguese and Arabic data, poppler's pdftoppm, pango-view and ImageMagick, which
//! `make test` installs.

use super::*;
use dossier_core::import::ocr::OcrSettings;
use dossier_core::import::{self, FileOutcome, ImportOptions};
use std::process::Command;
use std::sync::atomic::AtomicBool;

const ENGLISH: &str = "Caracas, 14 March 2023. Officials of the Venezuelan government met an Iranian \
delegation at the port of La Guaira, where two cargo ships had docked the week before, according to a \
memorandum seen by reporters. The memorandum lists spare parts for drones and says the shipments were \
paid for in gold. A spokesman for the Foreign Ministry denied that any weapons were delivered.";

const SPANISH: &str = "Según fuentes diplomáticas consultadas en Caracas, el ministro de Defensa \
venezolano recibió en marzo a una delegación iraní encabezada por un general de la Guardia \
Revolucionaria. Los acuerdos firmados incluyen la reparación de aviones y el suministro de piezas, \
aunque el gobierno negó cualquier cooperación militar con Teherán.";

const ARABIC: &str = "التقى مسؤولون من الحكومة الفنزويلية بوفد إيراني في ميناء لا غوايرا حيث رست \
سفينتا شحن قبل أسبوع بحسب مذكرة اطلع عليها صحفيون وتذكر المذكرة قطع غيار لطائرات مسيرة";

const SECOND_PAGE: &str = "Page two. The same memorandum says that a second meeting took place in \
Tehran in May, where the delegation discussed flights between the two capitals.";

/// Runs a program the tests need, saying what to install when it is missing.
fn tool(program: &str, args: &[&str]) {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed to render test pictures ({e}); `make test-deps` installs it"));
    assert!(output.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// `text` rendered as a page at 300 dpi in `font`, as a PNG in `dir`.
fn render(dir: &Path, name: &str, text: &str, font: &str) -> PathBuf {
    let source = dir.join(format!("{name}.txt"));
    std::fs::write(&source, text).unwrap();
    let picture = dir.join(format!("{name}.png"));
    let font = format!("--font={font}");
    let output = format!("--output={}", picture.display());
    tool(
        "pango-view",
        &[&font, "--dpi=300", "--margin=120", "--width=460", "--wrap=word", "-q", &output, source.to_str().unwrap()],
    );
    picture
}

/// A picture turned a little, with noise, as a phone photograph or a tired scanner
/// gives it.
fn roughen(picture: &Path, name: &str) -> PathBuf {
    let out = picture.with_file_name(format!("{name}.png"));
    tool(
        "convert",
        &[
            picture.to_str().unwrap(),
            "-seed",
            "7",
            "-background",
            "white",
            "-rotate",
            "1.5",
            "-attenuate",
            "0.6",
            "+noise",
            "Gaussian",
            "-colorspace",
            "Gray",
            out.to_str().unwrap(),
        ],
    );
    out
}

/// A picture as a greyscale JPEG: its bytes, width and height.
fn jpeg(picture: &Path) -> (Vec<u8>, u32, u32) {
    let out = picture.with_extension("jpg");
    tool("convert", &[picture.to_str().unwrap(), "-type", "Grayscale", "-quality", "92", out.to_str().unwrap()]);
    let size = Command::new("identify").args(["-format", "%w %h", out.to_str().unwrap()]).output().unwrap();
    let size = String::from_utf8(size.stdout).unwrap();
    let (width, height) = size.trim().split_once(' ').unwrap();
    (std::fs::read(&out).unwrap(), width.parse().unwrap(), height.parse().unwrap())
}

/// A page of a PDF: typed text, or a scanned picture (a JPEG at 300 dpi) with no text.
enum PdfPage<'a> {
    Typed(&'a str),
    Scanned(&'a (Vec<u8>, u32, u32)),
}

/// A PDF of `pages`, with a correct cross-reference table.
fn pdf(pages: &[PdfPage<'_>]) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> =
        vec![Vec::new(), Vec::new(), b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec()];
    let mut kids = Vec::new();
    for page in pages {
        let (content, resources) = match page {
            PdfPage::Typed(text) => {
                let mut content = String::from("BT /F1 11 Tf 72 720 Td 14 TL\n");
                let mut line = String::new();
                for word in text.split_whitespace() {
                    if line.len() + word.len() > 80 {
                        content.push_str(&format!("({line}) Tj T*\n"));
                        line.clear();
                    }
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                }
                content.push_str(&format!("({line}) Tj T*\nET"));
                (content.into_bytes(), "<< /Font << /F1 3 0 R >> >>".to_string())
            }
            PdfPage::Scanned((bytes, width, height)) => {
                let mut image = format!(
                    "<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray \
                     /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
                    bytes.len()
                )
                .into_bytes();
                image.extend_from_slice(bytes);
                image.extend_from_slice(b"\nendstream");
                objects.push(image);
                let (w, h) = (*width as f64 * 72.0 / 300.0, *height as f64 * 72.0 / 300.0);
                let content = format!("q {w:.2} 0 0 {h:.2} 0 0 cm /Im{} Do Q", objects.len());
                (content.into_bytes(), format!("<< /XObject << /Im{0} {0} 0 R >> >>", objects.len()))
            }
        };
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(&content);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
        let contents = objects.len();
        let (w, h) = match page {
            PdfPage::Scanned((_, width, height)) => (*width as f64 * 72.0 / 300.0, *height as f64 * 72.0 / 300.0),
            PdfPage::Typed(_) => (612.0, 792.0),
        };
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w:.2} {h:.2}] /Contents {contents} 0 R /Resources {resources} >>"
            )
            .into_bytes(),
        );
        kids.push(format!("{} 0 R", objects.len()));
    }
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>".to_vec();
    objects[1] = format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), kids.len()).into_bytes();
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).bytes());
        out.extend_from_slice(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    out.extend(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).bytes());
    out
}

/// Edits (Levenshtein, by character) from what was read to what was written, over the
/// written text's length, with runs of whitespace counted as one space.
fn character_error_rate(read: &str, written: &str) -> f64 {
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").chars().collect::<Vec<char>>();
    let (read, written) = (squeeze(read), squeeze(written));
    let mut previous: Vec<usize> = (0..=written.len()).collect();
    for (i, r) in read.iter().enumerate() {
        let mut current = vec![i + 1; written.len() + 1];
        for (j, w) in written.iter().enumerate() {
            current[j + 1] = (previous[j] + usize::from(r != w)).min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[written.len()] as f64 / written.len() as f64
}

#[test]
fn the_character_error_rate_counts_edits_against_what_was_written() {
    assert_eq!(character_error_rate("Iran  and\nCuba", "Iran and Cuba"), 0.0);
    assert!((character_error_rate("Irun and Cuba", "Iran and Cuba") - 1.0 / 13.0).abs() < 1e-9);
    assert!((character_error_rate("Iran Cuba", "Iran and Cuba") - 4.0 / 13.0).abs() < 1e-9);
}

fn import_one(store: &mut Store, file: &Path, options: &ImportOptions) -> Source {
    let report = import::import_paths(store, &[file.to_path_buf()], options);
    let Some(FileOutcome::Imported { source_id }) = report.files.first().map(|f| f.outcome.clone()) else {
        panic!("{}: {report:?}", file.display());
    };
    store.source(source_id).unwrap()
}

fn in_languages(languages: &[&str]) -> ImportOptions {
    ImportOptions {
        ocr: Some(OcrSettings { languages: languages.iter().map(|l| l.to_string()).collect() }),
        ..ImportOptions::default()
    }
}

#[test]
fn photographed_pages_are_read_by_ocr_in_english_spanish_and_arabic() {
    let (dir, _, mut store) = temp_store();
    // The Arabic page is read once in the languages chosen for it, once in the default
    // ones: reading it as Latin makes no sense, so it is read again in the Arabic
    // script's languages installed (the second opinion).
    let cases = [
        ("english-serif", ENGLISH, "DejaVu Serif 11", vec![], "eng+spa+por", 0.03),
        ("english-sans", ENGLISH, "DejaVu Sans 10", vec![], "eng+spa+por", 0.03),
        ("spanish", SPANISH, "DejaVu Serif 12", vec![], "eng+spa+por", 0.03),
        ("arabic", ARABIC, "DejaVu Sans 14", vec!["ara"], "ara", 0.03),
        ("arabic-undeclared", ARABIC, "DejaVu Sans 13", vec![], "ara+fas", 0.03),
    ];
    for (name, text, font, languages, read_in, bound) in cases {
        let picture = render(dir.path(), name, text, font);
        let options = if languages.is_empty() { ImportOptions::default() } else { in_languages(&languages) };
        let source = import_one(&mut store, &picture, &options);
        let rate = character_error_rate(&source.text, text);
        eprintln!("{name}: character error rate {:.2} %", rate * 100.0);
        assert!(rate <= bound, "{name}: {rate:.3} > {bound}; read: {:?}", source.text);
        assert_eq!(source.summary.media_type, "image/png");
        assert_eq!(source.summary.status, SourceStatus::Ok);
        let ocr = source.ocr.expect("what OCR said is kept");
        assert!(ocr.engine.starts_with("Tesseract"), "{}", ocr.engine);
        assert_eq!(ocr.pages, 1);
        assert!(ocr.words as usize >= text.split_whitespace().count() - 2, "{ocr:?}");
        assert!(ocr.confidence >= 80, "{name}: mean confidence {}", ocr.confidence);
        assert_eq!(source.summary.ocr_confidence, Some(ocr.confidence));
        assert_eq!(ocr.languages, read_in, "{name}");
    }
    // Analysis runs on what OCR read like on any text.
    let actors: Vec<String> = store
        .list_suggestions(None, Some(SuggestionKind::Actor), None, PageRequest::default())
        .unwrap()
        .items
        .into_iter()
        .map(|s| s.label)
        .collect();
    for name in ["Venezuela", "Iran", "La Guaira"] {
        assert!(actors.iter().any(|a| a.contains(name)), "{name} among {actors:?}");
    }
}

#[test]
fn a_noisy_tilted_photograph_is_read_within_eight_percent() {
    let (dir, _, mut store) = temp_store();
    for (name, text, font) in [("english", ENGLISH, "DejaVu Serif 11"), ("spanish", SPANISH, "DejaVu Sans 11")] {
        let picture = roughen(&render(dir.path(), name, text, font), &format!("{name}-noisy"));
        let source = import_one(&mut store, &picture, &ImportOptions::default());
        let rate = character_error_rate(&source.text, text);
        eprintln!("{name}, noisy and turned 1.5°: character error rate {:.2} %", rate * 100.0);
        assert!(rate <= 0.08, "{name}: {rate:.3}; read: {:?}", source.text);
    }
}

#[test]
fn a_scanned_pdf_is_read_page_by_page_and_a_typed_page_keeps_its_own_text() {
    let (dir, _, mut store) = temp_store();
    let first = jpeg(&render(dir.path(), "first", ENGLISH, "DejaVu Serif 11"));
    let second = jpeg(&render(dir.path(), "second", SECOND_PAGE, "DejaVu Serif 11"));

    let scan = dir.path().join("scan.pdf");
    std::fs::write(&scan, pdf(&[PdfPage::Scanned(&first), PdfPage::Scanned(&second)])).unwrap();
    let mut pages_heard = Vec::new();
    let report = import::import_batch(
        &mut store,
        std::slice::from_ref(&scan),
        &ImportOptions::default(),
        &AtomicBool::new(false),
        &mut |progress, _| pages_heard.extend(progress.current_pages),
    );
    let Some(FileOutcome::Imported { source_id }) = report.files.first().map(|f| f.outcome.clone()) else {
        panic!("{report:?}");
    };
    let source = store.source(source_id).unwrap();
    assert_eq!(source.summary.media_type, "application/pdf");
    let (one, two) = source.text.split_once("\n\n").expect("the pages apart");
    assert!(character_error_rate(one, ENGLISH) <= 0.03, "{one:?}");
    assert!(character_error_rate(two, SECOND_PAGE) <= 0.03, "{two:?}");
    assert_eq!(source.ocr.as_ref().map(|o| o.pages), Some(2));
    let done: Vec<i32> = pages_heard.iter().map(|p| p.done).collect();
    assert_eq!(done, [0, 1, 2], "a page at a time: {pages_heard:?}");
    assert!(pages_heard.iter().all(|p| p.total == 2));

    // A typed page keeps its text layer; only the scanned one is read by OCR.
    let mixed = dir.path().join("mixed.pdf");
    std::fs::write(&mixed, pdf(&[PdfPage::Typed(SECOND_PAGE), PdfPage::Scanned(&first)])).unwrap();
    let source = import_one(&mut store, &mixed, &ImportOptions::default());
    let (typed, scanned) = source.text.split_once("\n\n").expect("the pages apart");
    assert_eq!(typed.split_whitespace().collect::<Vec<_>>(), SECOND_PAGE.split_whitespace().collect::<Vec<_>>());
    assert!(character_error_rate(scanned, ENGLISH) <= 0.03, "{scanned:?}");
    assert_eq!(source.ocr.as_ref().map(|o| o.pages), Some(1));
    // The doubtful words' marks fall on the OCR'd page, on whole words.
    let chars: Vec<char> = source.text.chars().collect();
    let typed_chars = typed.chars().count() as i32;
    for span in &source.ocr.as_ref().unwrap().doubtful {
        assert!(span.start > typed_chars && span.end as usize <= chars.len(), "{span:?}");
        let word: String = chars[span.start as usize..span.end as usize].iter().collect();
        assert!(!word.contains(char::is_whitespace), "{word:?}");
    }
}

#[test]
fn cancelling_a_long_scan_stops_between_pages_and_stores_nothing() {
    let (dir, _, mut store) = temp_store();
    let page = jpeg(&render(dir.path(), "page", SECOND_PAGE, "DejaVu Serif 11"));
    let scan = dir.path().join("long-scan.pdf");
    std::fs::write(&scan, pdf(&[PdfPage::Scanned(&page), PdfPage::Scanned(&page), PdfPage::Scanned(&page)])).unwrap();
    let cancel = AtomicBool::new(false);
    let report = import::import_batch(&mut store, &[scan], &ImportOptions::default(), &cancel, &mut |progress, _| {
        if progress.current_pages.is_some_and(|p| p.done == 1) {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    });
    assert_eq!((report.imported, report.failed, report.cancelled), (0, 0, 1), "{report:?}");
    assert_eq!(store.list_sources(SourceSort::TitleAsc, PageRequest::default()).unwrap().total, 0);
}

#[test]
fn without_ocr_a_picture_is_kept_with_no_text_and_says_why() {
    let (dir, _, mut store) = temp_store();
    let picture = render(dir.path(), "unread", SECOND_PAGE, "DejaVu Serif 11");
    let options = ImportOptions { ocr: None, ..ImportOptions::default() };
    let report = import::import_paths(&mut store, std::slice::from_ref(&picture), &options);
    let file = &report.files[0];
    assert!(matches!(file.outcome, FileOutcome::Imported { .. }), "{report:?}");
    assert!(file.note.as_deref().is_some_and(|n| n.contains("not read")), "{:?}", file.note);
    let source = store.source(store.source_ids().unwrap()[0]).unwrap();
    assert_eq!((source.summary.status, source.text.as_str(), source.ocr), (SourceStatus::NoText, "", None));

    // Bytes that are no picture, named as one, fail with a reason.
    let fake = dir.path().join("fake.png");
    std::fs::write(&fake, b"<html>not a picture</html>").unwrap();
    let report = import::import_paths(&mut store, &[fake], &ImportOptions::default());
    assert!(
        matches!(&report.files[0].outcome, FileOutcome::Failed { reason } if reason.contains("not a picture")),
        "{report:?}"
    );
}

/// A zip archive of `entries`, as Word and EPUB files are.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write as _;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        writer.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn an_image_only_word_file_and_a_book_of_page_images_are_read_by_ocr() {
    let (dir, _, mut store) = temp_store();
    let first = std::fs::read(render(dir.path(), "first", ENGLISH, "DejaVu Serif 11")).unwrap();
    let second = std::fs::read(render(dir.path(), "second", SECOND_PAGE, "DejaVu Serif 11")).unwrap();
    // A scan pasted into Word: a paragraph holding a drawing, no text; image10 comes
    // after image2.
    let document = br#"<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:drawing/></w:r></w:p><w:p><w:r><w:drawing/></w:r></w:p></w:body></w:document>"#;
    let docx = dir.path().join("scanned memo.docx");
    std::fs::write(
        &docx,
        zip_of(&[
            ("word/document.xml", document),
            ("word/media/image10.png", &second),
            ("word/media/image2.png", &first),
        ]),
    )
    .unwrap();
    let source = import_one(&mut store, &docx, &ImportOptions::default());
    let (one, two) = source.text.split_once("\n\n").expect("a page a picture");
    assert!(character_error_rate(one, ENGLISH) <= 0.03, "{one:?}");
    assert!(character_error_rate(two, SECOND_PAGE) <= 0.03, "{two:?}");
    assert_eq!(source.ocr.map(|o| o.pages), Some(2));

    let opf = br#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" xmlns:dc="http://purl.org/dc/elements/1.1/">
<metadata><dc:title>Page images</dc:title></metadata>
<manifest><item id="c1" href="page.xhtml" media-type="application/xhtml+xml"/>
<item id="p1" href="images/p1.png" media-type="image/png"/></manifest><spine><itemref idref="c1"/></spine></package>"#;
    let epub = dir.path().join("pages.epub");
    std::fs::write(
        &epub,
        zip_of(&[
            (
                "META-INF/container.xml",
                br#"<container><rootfiles><rootfile full-path="OEBPS/book.opf"/></rootfiles></container>"#,
            ),
            ("OEBPS/book.opf", opf),
            ("OEBPS/page.xhtml", br#"<html><body><img src="images/p1.png"/></body></html>"#),
            ("OEBPS/images/p1.png", &first),
        ]),
    )
    .unwrap();
    let source = import_one(&mut store, &epub, &ImportOptions::default());
    assert_eq!(source.summary.title, "Page images");
    assert!(character_error_rate(&source.text, ENGLISH) <= 0.03, "{:?}", source.text);
    assert_eq!(source.ocr.map(|o| o.pages), Some(1));
}

#[test]
fn in_a_dropped_folder_a_picture_with_no_text_is_skipped_and_a_page_imported() {
    let (dir, _, mut store) = temp_store();
    let folder = dir.path().join("drop");
    std::fs::create_dir(&folder).unwrap();
    let page = render(dir.path(), "memo", SECOND_PAGE, "DejaVu Serif 11");
    std::fs::copy(&page, folder.join("memo.png")).unwrap();
    tool("convert", &["-size", "640x480", "xc:white", folder.join("logo.png").to_str().unwrap()]);
    let report = import::import_paths(&mut store, &[folder], &ImportOptions::default());
    let outcome = |name: &str| report.files.iter().find(|f| f.path.ends_with(name)).map(|f| f.outcome.clone());
    assert!(matches!(outcome("memo.png"), Some(FileOutcome::Imported { .. })), "{report:?}");
    assert_eq!(
        outcome("logo.png"),
        Some(FileOutcome::Skipped { reason: "a picture with no text read from it".into() }),
        "{report:?}"
    );
    // Named on its own, the same picture is the person's choice: kept, with no text.
    let report = import::import_paths(&mut store, &[dir.path().join("drop/logo.png")], &ImportOptions::default());
    assert_eq!(report.imported, 1, "{report:?}");
}
