//! Zip-packaged documents: Word (`.docx`) and EPUB. Entries are read by name from
//! memory and never written to disk, so names like `../../x` reach nothing; every byte
//! unpacked counts against a budget, so a zip bomb fails with a reason instead of
//! filling memory. A document with no text but pictures (a scan pasted into Word, a
//! book of page images) has its pictures read by OCR when the reading asks for it.

use super::html::{clean_block_text, sanitize};
use super::ocr::{self, OcrFailure, Reading};
use super::Extracted;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// Bytes one document may unpack to, all entries together.
pub const MAX_UNPACKED_BYTES: u64 = 128 * 1024 * 1024;
/// Chapters of an EPUB read at most.
const MAX_CHAPTERS: usize = 5_000;

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

fn open<'a>(bytes: &'a [u8], what: &str) -> Result<Archive<'a>, String> {
    ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not {what}: it is not a readable zip archive ({e})"))
}

/// Reads the entry `name`, charging what it unpacks to `budget`; `None` when absent.
fn entry(archive: &mut Archive<'_>, name: &str, budget: &mut u64) -> Result<Option<Vec<u8>>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name} cannot be unpacked: {e}")),
    };
    let mut out = Vec::with_capacity(file.size().min(*budget).min(64 << 20) as usize);
    let read = file.take(*budget + 1).read_to_end(&mut out).map_err(|e| format!("{name} cannot be unpacked: {e}"))?;
    if read as u64 > *budget {
        return Err(format!(
            "unpacks to more than {} MB (a zip bomb?); nothing of it was imported",
            MAX_UNPACKED_BYTES / (1024 * 1024)
        ));
    }
    *budget -= read as u64;
    Ok(Some(out))
}

/// The events of an XML text that matter here, with names stripped of their prefix.
enum Xml<'a> {
    Open(BytesStart<'a>),
    Close(String),
    Text(String),
}

fn local(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_string()
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// Walks `xml`, calling `visit` for opening tags (also for empty ones, which are
/// followed by their closing), closing tags and text with references resolved.
fn walk(xml: &str, mut visit: impl FnMut(Xml<'_>)) -> Result<(), String> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event().map_err(|e| format!("malformed XML: {e}"))? {
            Event::Start(e) => visit(Xml::Open(e)),
            Event::Empty(e) => {
                let name = local(&e);
                visit(Xml::Open(e));
                visit(Xml::Close(name));
            }
            Event::End(e) => visit(Xml::Close(e.local_name().as_ref().to_string())),
            Event::Text(t) => visit(Xml::Text(t.xml10_content().into_owned())),
            Event::CData(t) => visit(Xml::Text(t.to_string())),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => match r.as_ref() {
                        "amp" => Some("&".into()),
                        "lt" => Some("<".into()),
                        "gt" => Some(">".into()),
                        "quot" => Some("\"".into()),
                        "apos" => Some("'".into()),
                        _ => None,
                    },
                };
                if let Some(text) = resolved {
                    visit(Xml::Text(text));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// Dublin Core fields of an OPF package or a DOCX `core.xml`.
#[derive(Default)]
struct DublinCore {
    title: Option<String>,
    creator: Option<String>,
    publisher: Option<String>,
    date: Option<String>,
    language: Option<String>,
    identifier: Option<String>,
}

fn dublin_core(xml: &str) -> Result<DublinCore, String> {
    let mut dc = DublinCore::default();
    let mut field: Option<String> = None;
    let mut value = String::new();
    walk(xml, |event| match event {
        Xml::Open(e) => {
            let name = local(&e);
            if matches!(name.as_str(), "title" | "creator" | "publisher" | "date" | "language" | "identifier") {
                field = Some(name);
                value.clear();
            }
        }
        Xml::Text(t) if field.is_some() => value.push_str(&t),
        Xml::Close(name) if field.as_deref() == Some(name.as_str()) => {
            let text = value.split_whitespace().collect::<Vec<_>>().join(" ");
            let slot = match name.as_str() {
                "title" => &mut dc.title,
                "creator" => &mut dc.creator,
                "publisher" => &mut dc.publisher,
                "date" => &mut dc.date,
                "language" => &mut dc.language,
                _ => &mut dc.identifier,
            };
            if slot.is_none() && !text.is_empty() {
                *slot = Some(text);
            }
            field = None;
        }
        _ => {}
    })?;
    Ok(dc)
}

/// Reads a Word document: its paragraphs (headings, lists and table cells each a
/// paragraph), and its title and author from the document properties.
pub fn read_docx(bytes: &[u8], reading: &mut Reading<'_>) -> Result<Extracted, String> {
    read_docx_within(bytes, MAX_UNPACKED_BYTES, reading)
}

fn read_docx_within(bytes: &[u8], mut budget: u64, reading: &mut Reading<'_>) -> Result<Extracted, String> {
    let mut archive = open(bytes, "a Word document")?;
    let document = entry(&mut archive, "word/document.xml", &mut budget)?
        .ok_or("not a Word document: word/document.xml is missing")?;
    let mut paragraphs: Vec<(Option<String>, String)> = Vec::new();
    let mut current = String::new();
    let mut style: Option<String> = None;
    let mut in_text = false;
    walk(&String::from_utf8_lossy(&document), |event| match event {
        Xml::Open(e) => match local(&e).as_str() {
            "p" => {
                current.clear();
                style = None;
            }
            "pStyle" => style = attribute(&e, "val"),
            "t" => in_text = true,
            "tab" => current.push('\t'),
            "br" | "cr" => current.push('\n'),
            _ => {}
        },
        Xml::Text(t) if in_text => current.push_str(&t),
        Xml::Close(name) => match name.as_str() {
            "t" => in_text = false,
            "p" => {
                let text = current.trim().to_string();
                if !text.is_empty() {
                    paragraphs.push((style.take(), text));
                }
            }
            _ => {}
        },
        _ => {}
    })?;
    let core = match entry(&mut archive, "docProps/core.xml", &mut budget)? {
        Some(xml) => dublin_core(&String::from_utf8_lossy(&xml))?,
        None => DublinCore::default(),
    };
    let heading_level = |style: &Option<String>| -> Option<usize> {
        let s = style.as_deref()?.to_ascii_lowercase();
        if s == "title" {
            return Some(1);
        }
        s.strip_prefix("heading").and_then(|n| n.trim().parse::<usize>().ok()).map(|n| n.clamp(1, 6))
    };
    let mut html = String::new();
    for (style, text) in &paragraphs {
        let escaped = html_escape::encode_text(text);
        match heading_level(style) {
            Some(level) => html.push_str(&format!("<h{level}>{escaped}</h{level}>")),
            None => html.push_str(&format!("<p>{escaped}</p>")),
        }
    }
    let title =
        core.title.or_else(|| paragraphs.iter().find(|(s, _)| heading_level(s).is_some()).map(|(_, t)| t.clone()));
    let text = paragraphs.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n\n");
    let mut pictures: Vec<String> = archive
        .file_names()
        .filter_map(|name| name.ok().map(|name| name.into_owned()))
        .filter(|name| name.starts_with("word/media/") && is_picture_name(name))
        .collect();
    pictures.sort_by_key(|name| natural_key(name));
    let (text, ocr, note) = read_pictures_if_no_text(text, &mut archive, &pictures, &mut budget, reading)?;
    Ok(Extracted {
        title,
        byline: core.creator,
        language: core.language,
        html: Some(sanitize(&html)),
        text,
        ocr,
        note,
        ..Extracted::default()
    })
}

/// Whether an entry's name is that of a picture Tesseract reads.
fn is_picture_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".gif"].iter().any(|e| name.ends_with(e))
}

/// `image10.png` after `image9.png`: runs of digits compared as numbers.
fn natural_key(name: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut word = String::new();
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut digits = c.to_string();
            while let Some(d) = chars.next_if(char::is_ascii_digit) {
                digits.push(d);
            }
            key.push((std::mem::take(&mut word), digits.parse().unwrap_or(u64::MAX)));
        } else {
            word.push(c);
        }
    }
    key.push((word, 0));
    key
}

/// A document's text, or, when it has none, what OCR reads off its `pictures` (entries
/// of `archive`, in order), with what OCR said and a note when it could not read.
fn read_pictures_if_no_text(
    text: String,
    archive: &mut Archive<'_>,
    pictures: &[String],
    budget: &mut u64,
    reading: &mut Reading<'_>,
) -> Result<(String, Option<ocr::OcrReading>, Option<String>), String> {
    let Some(settings) = reading.ocr else { return Ok((text, None, None)) };
    if !text.trim().is_empty() || pictures.is_empty() {
        return Ok((text, None, None));
    }
    let pictures = &pictures[..pictures.len().min(MAX_CHAPTERS)];
    let total = pictures.len() as u32;
    let mut read = || -> Result<ocr::PagesText, OcrFailure> {
        let mut pages = ocr::PagesText::default();
        reading.page_done(0, total)?;
        for (done, name) in pictures.iter().enumerate() {
            let picture = entry(archive, name, budget).map_err(OcrFailure::Failed)?;
            if let Some(picture) = picture {
                match ocr::read_picture(&picture, settings, None) {
                    Ok(read) => pages.push_ocr(read),
                    Err(failure @ (OcrFailure::Missing(_) | OcrFailure::Cancelled)) => return Err(failure),
                    // One picture Tesseract cannot read (a CMYK JPEG, a truncated PNG)
                    // costs that picture only.
                    Err(OcrFailure::Failed(how)) => pages.unread(done as u32 + 1, how),
                }
            }
            reading.page_done(done as u32 + 1, total)?;
        }
        Ok(pages)
    };
    match read() {
        Ok(pages) => {
            let note = pages.note().map(|n| n.replacen("page", "picture", 1));
            let (text, reading) = pages.finish();
            Ok((text, reading, note))
        }
        Err(OcrFailure::Cancelled) => Err(OcrFailure::Cancelled.reason()),
        Err(failure) => Ok((text, None, Some(format!("no text but pictures: {}", failure.reason())))),
    }
}

/// Reads an EPUB book: its chapters in reading order, and its Dublin Core metadata.
pub fn read_epub(bytes: &[u8], reading: &mut Reading<'_>) -> Result<Extracted, String> {
    read_epub_within(bytes, MAX_UNPACKED_BYTES, reading)
}

fn read_epub_within(bytes: &[u8], mut budget: u64, reading: &mut Reading<'_>) -> Result<Extracted, String> {
    let mut archive = open(bytes, "an EPUB book")?;
    let container = entry(&mut archive, "META-INF/container.xml", &mut budget)?
        .ok_or("not an EPUB book: META-INF/container.xml is missing")?;
    let mut package_path = None;
    walk(&String::from_utf8_lossy(&container), |event| {
        if let Xml::Open(e) = event {
            if local(&e) == "rootfile" && package_path.is_none() {
                package_path = attribute(&e, "full-path");
            }
        }
    })?;
    let package_path = package_path.ok_or("not an EPUB book: its container names no package")?;
    let package = entry(&mut archive, &package_path, &mut budget)?
        .ok_or_else(|| format!("not an EPUB book: its package {package_path} is missing"))?;
    let package = String::from_utf8_lossy(&package);
    let dc = dublin_core(&package)?;
    let mut manifest: Vec<(String, String, String)> = Vec::new(); // id, href, media type
    let mut spine: Vec<String> = Vec::new();
    walk(&package, |event| {
        if let Xml::Open(e) = event {
            match local(&e).as_str() {
                "item" => {
                    if let (Some(id), Some(href)) = (attribute(&e, "id"), attribute(&e, "href")) {
                        manifest.push((id, href, attribute(&e, "media-type").unwrap_or_default()));
                    }
                }
                "itemref" => spine.extend(attribute(&e, "idref")),
                _ => {}
            }
        }
    })?;
    let base = package_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut texts = Vec::new();
    let mut html = String::new();
    for idref in spine.iter().take(MAX_CHAPTERS) {
        let Some((_, href, media_type)) = manifest.iter().find(|(id, _, _)| id == idref) else { continue };
        if !(media_type.contains("html") || media_type.is_empty()) {
            continue;
        }
        let path = resolve(base, href);
        let Some(chapter) = entry(&mut archive, &path, &mut budget)? else { continue };
        let document = dom_query::Document::from(String::from_utf8_lossy(&chapter).as_ref());
        document.select("script, style, template").remove();
        let body = document.select("body");
        let text = clean_block_text(&body.formatted_text());
        if !text.is_empty() {
            texts.push(text);
            html.push_str(&format!("<section>{}</section>", sanitize(&body.inner_html())));
        }
    }
    let url = dc.identifier.filter(|i| i.starts_with("http://") || i.starts_with("https://"));
    // A book of page images: its pictures in the manifest's order.
    let pictures: Vec<String> = manifest
        .iter()
        .filter(|(_, href, media_type)| media_type.starts_with("image/") && is_picture_name(href))
        .map(|(_, href, _)| resolve(base, href))
        .collect();
    let (text, ocr, note) =
        read_pictures_if_no_text(texts.join("\n\n"), &mut archive, &pictures, &mut budget, reading)?;
    Ok(Extracted {
        title: dc.title,
        byline: dc.creator,
        publisher: dc.publisher,
        published: dc.date.as_deref().and_then(super::html::published_date),
        url,
        language: dc.language,
        html: Some(html),
        text,
        ocr,
        note,
        ..Extracted::default()
    })
}

/// The archive path of `href` relative to the folder `base`: percent-escapes decoded,
/// fragments dropped, `.` and `..` applied without climbing above the archive root.
fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or("");
    let href = percent_decode(href);
    let mut parts: Vec<&str> =
        if href.starts_with('/') { Vec::new() } else { base.split('/').filter(|p| !p.is_empty()).collect() };
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_taken_in_their_numbers_order() {
        let mut names = vec!["word/media/image10.png", "word/media/image2.png", "word/media/image1.jpeg"];
        names.sort_by_key(|n| natural_key(n));
        assert_eq!(names, ["word/media/image1.jpeg", "word/media/image2.png", "word/media/image10.png"]);
        assert!(is_picture_name("word/media/Scan.TIFF") && !is_picture_name("word/media/chart.emf"));
    }
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            writer.start_file(*name, SimpleFileOptions::default()).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    const DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Memo: Hezbollah &amp; the tri-border area</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Sources in Ciudad del Este </w:t></w:r><w:r><w:t>described cash couriers.</w:t></w:r></w:p>
<w:p><w:r><w:delText>withdrawn sentence</w:delText></w:r></w:p>
<w:p><w:r><w:t>Line one</w:t><w:br/><w:t>line two&#8212;end</w:t></w:r></w:p>
</w:body></w:document>"#;

    const CORE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:creator>Daniel Okafor</dc:creator><dc:language>en-GB</dc:language></cp:coreProperties>"#;

    #[test]
    fn word_documents_keep_paragraphs_headings_and_author() {
        let docx = zip_of(&[("word/document.xml", DOCUMENT.as_bytes()), ("docProps/core.xml", CORE.as_bytes())]);
        let doc = read_docx(&docx, &mut Reading::none()).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Memo: Hezbollah & the tri-border area"));
        assert_eq!(doc.byline.as_deref(), Some("Daniel Okafor"));
        assert_eq!(doc.language.as_deref(), Some("en-GB"));
        assert_eq!(
            doc.text,
            "Memo: Hezbollah & the tri-border area\n\nSources in Ciudad del Este described cash couriers.\n\nLine one\nline two—end"
        );
        assert!(doc.html.unwrap().starts_with("<h1>Memo: Hezbollah &amp; the tri-border area</h1><p>"));
    }

    #[test]
    fn zips_that_are_not_documents_are_refused_by_what_is_missing() {
        assert!(read_docx(&zip_of(&[("x.txt", b"x")]), &mut Reading::none())
            .unwrap_err()
            .contains("word/document.xml is missing"));
        assert!(read_epub(&zip_of(&[("x.txt", b"x")]), &mut Reading::none())
            .unwrap_err()
            .contains("container.xml is missing"));
        assert!(read_docx(b"PK\x03\x04 truncated", &mut Reading::none())
            .unwrap_err()
            .contains("not a readable zip archive"));
    }

    #[test]
    fn a_zip_bomb_fails_once_it_unpacks_past_the_budget() {
        let zeros = vec![0u8; 4 << 20];
        let bomb = zip_of(&[("word/document.xml", &zeros)]);
        assert!(bomb.len() < 64 << 10, "deflate squeezes zeros: {} bytes", bomb.len());
        let err = read_docx_within(&bomb, 1 << 20, &mut Reading::none()).unwrap_err();
        assert!(err.contains("zip bomb"), "{err}");
    }

    fn epub(chapter_href: &str) -> Vec<u8> {
        let container = r#"<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;
        let opf = format!(
            r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>The Axis in the Andes</dc:title>
<dc:creator>M. Salazar</dc:creator><dc:publisher>Ledger Books</dc:publisher><dc:date>2021-09</dc:date><dc:language>en</dc:language></metadata>
<manifest><item id="c1" href="text/one.xhtml" media-type="application/xhtml+xml"/>
<item id="c2" href="{chapter_href}" media-type="application/xhtml+xml"/>
<item id="css" href="style.css" media-type="text/css"/></manifest>
<spine><itemref idref="c1"/><itemref idref="c2"/><itemref idref="missing"/></spine></package>"#
        );
        let one = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><h1>One</h1><p>Flights between Tehran and Caracas resumed.</p><script>x()</script></body></html>";
        let two = "<html><body><h1>Two</h1><p>Couriers crossed the border at night.</p></body></html>";
        zip_of(&[
            ("mimetype", b"application/epub+zip"),
            ("META-INF/container.xml", container.as_bytes()),
            ("OEBPS/content.opf", opf.as_bytes()),
            ("OEBPS/text/one.xhtml", one.as_bytes()),
            ("OEBPS/text/two%.xhtml", two.as_bytes()),
            ("x", two.as_bytes()),
        ])
    }

    #[test]
    fn epub_chapters_are_read_in_spine_order_with_their_metadata() {
        let book = read_epub(&epub("text/two%25.xhtml"), &mut Reading::none()).unwrap();
        assert_eq!(book.title.as_deref(), Some("The Axis in the Andes"));
        assert_eq!(book.byline.as_deref(), Some("M. Salazar"));
        assert_eq!(book.publisher.as_deref(), Some("Ledger Books"));
        assert_eq!(book.published.as_deref(), Some("2021-09"));
        assert_eq!(
            book.text,
            "One\n\nFlights between Tehran and Caracas resumed.\n\nTwo\n\nCouriers crossed the border at night."
        );
        assert!(!book.html.unwrap().contains("script"));
    }

    #[test]
    fn epub_paths_that_climb_out_stay_inside_the_archive() {
        assert_eq!(resolve("OEBPS", "../../../x"), "x");
        assert_eq!(resolve("OEBPS/text", "../img/a%20b.png#frag"), "OEBPS/img/a b.png");
        let book = read_epub(&epub("../../../../x"), &mut Reading::none()).unwrap();
        assert!(book.text.ends_with("Couriers crossed the border at night."), "{}", book.text);
    }
}
