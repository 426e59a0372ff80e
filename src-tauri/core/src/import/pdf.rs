//! PDF: the text layer, page by page (`pdf-extract` over `lopdf`), and the document
//! information (title, author, creation date). Pages that hold no text — a scan, or the
//! scanned pages of a partly typed file — are read by OCR when the reading asks for it
//! (see [`super::ocr`]); without OCR, a PDF with no text at all is imported with status
//! "no text" rather than silently empty.

use super::html::{clean_block_text, published_date};
use super::ocr::{self, OcrFailure, Reading};
use super::Extracted;
use lopdf::{Document, Object};

/// Pages read at most; beyond this a PDF is not an article.
const MAX_PAGES: usize = 5_000;

pub fn read_pdf(bytes: &[u8], reading: &mut Reading<'_>) -> Result<Extracted, String> {
    if !bytes.starts_with(b"%PDF-") {
        let start: String = String::from_utf8_lossy(&bytes[..bytes.len().min(16)])
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        return Err(format!("not a PDF: file starts with {:?}", start.trim()));
    }
    let document = Document::load_mem(bytes).map_err(|e| format!("the PDF cannot be read: {e}"))?;
    if document.is_encrypted() {
        return Err("the PDF is encrypted; open it in a PDF reader and save an unprotected copy".into());
    }
    let pages = document.get_pages().len();
    if pages > MAX_PAGES {
        return Err(format!("too many pages: {pages}, limit {MAX_PAGES}"));
    }
    // A page whose /Parent chain loops sends pdf-extract round it for ever (found by
    // fuzzing): refuse such a file up front.
    for page in document.get_pages().values() {
        let mut seen = std::collections::HashSet::from([*page]);
        let mut current = *page;
        while let Ok(Object::Reference(parent)) = document.get_dictionary(current).and_then(|d| d.get(b"Parent")) {
            if !seen.insert(*parent) || seen.len() > 256 {
                return Err("the PDF's page tree loops on itself".into());
            }
            current = *parent;
        }
    }
    let info = |key: &[u8]| -> Option<String> {
        let dictionary = document.trailer.get(b"Info").ok()?;
        let dictionary = match dictionary {
            Object::Reference(id) => document.get_dictionary(*id).ok()?,
            Object::Dictionary(d) => d,
            _ => return None,
        };
        let value = dictionary.get(key).ok()?;
        let text = lopdf::decode_text_string(value).ok()?;
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        (!text.is_empty()).then_some(text)
    };
    // pdf-extract panics on some broken files (found by fuzzing): a broken file is an
    // error to report, not a crash.
    let texts = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes))
        .map_err(|_| "the PDF's text cannot be read: its structure is broken".to_string())?
        .map_err(|e| format!("the PDF's text cannot be read: {e}"))?;
    let texts: Vec<String> = texts.iter().map(|page| clean_block_text(page)).collect();
    let typed = || texts.iter().filter(|t| !t.is_empty()).cloned().collect::<Vec<_>>().join("\n\n");
    let scanned = texts.iter().filter(|t| t.is_empty()).count();
    let (text, ocr, note) = match reading.ocr {
        Some(settings) if scanned > 0 => match ocr::read_pdf_pages(bytes, &texts, settings, reading) {
            Ok(pages) => {
                let note = pages.note();
                let (text, reading) = pages.finish();
                (text, reading, note)
            }
            Err(OcrFailure::Cancelled) => return Err(OcrFailure::Cancelled.reason()),
            Err(failure) => {
                let pages = if scanned == 1 { "1 page" } else { &format!("{scanned} pages") };
                (typed(), None, Some(format!("{pages} without a text layer: {}", failure.reason())))
            }
        },
        _ => (typed(), None, None),
    };
    Ok(Extracted {
        title: info(b"Title"),
        byline: info(b"Author"),
        published: info(b"CreationDate").and_then(|d| pdf_date(&d)),
        text,
        ocr,
        note,
        ..Extracted::default()
    })
}

/// A PDF date (`D:20230614091200-04'00'`) as an EDTF day.
fn pdf_date(raw: &str) -> Option<String> {
    let digits: String = raw.trim_start_matches("D:").chars().take_while(|c| c.is_ascii_digit()).collect();
    match digits.len() {
        n if n >= 8 => published_date(&format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..8])),
        6 | 7 => published_date(&format!("{}-{}", &digits[..4], &digits[4..6])),
        4 | 5 => published_date(&digits[..4]),
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A PDF built from object bodies (numbered from 1, object 1 the catalog), with a
    /// correct cross-reference table.
    pub(crate) fn pdf_of(objects: &[String], info: Option<usize>) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
        for offset in offsets {
            out.extend(format!("{offset:010} 00000 n \n").bytes());
        }
        let info = info.map(|i| format!(" /Info {i} 0 R")).unwrap_or_default();
        out.extend(
            format!("trailer\n<< /Size {} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).bytes(),
        );
        out
    }

    pub(crate) fn text_pdf(lines: &[&str]) -> Vec<u8> {
        let mut content = String::from("BT /F1 12 Tf 72 720 Td 14 TL\n");
        for line in lines {
            content.push_str(&format!("({}) Tj T*\n", line.replace('(', "\\(").replace(')', "\\)")));
        }
        content.push_str("ET");
        pdf_of(
            &[
                "<< /Type /Catalog /Pages 2 0 R >>".into(),
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".into(),
                format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
                "<< /Title (Field report: La Guaira) /Author (Ana Ruiz) /CreationDate (D:20230614091200-04'00') >>".into(),
            ],
            Some(6),
        )
    }

    #[test]
    fn the_text_layer_and_document_information_are_read() {
        let pdf = text_pdf(&["Iranian cargo ships docked at La Guaira,", "port officials said on Monday."]);
        let read = read_pdf(&pdf, &mut Reading::none()).unwrap();
        assert_eq!(read.title.as_deref(), Some("Field report: La Guaira"));
        assert_eq!(read.byline.as_deref(), Some("Ana Ruiz"));
        assert_eq!(read.published.as_deref(), Some("2023-06-14"));
        assert!(read.text.contains("Iranian cargo ships docked at La Guaira,"), "{:?}", read.text);
        assert!(read.text.contains("port officials said on Monday."), "{:?}", read.text);
    }

    #[test]
    fn a_scan_without_text_reads_as_empty_text() {
        let content = "q 612 0 0 792 0 0 cm Q";
        let pdf = pdf_of(
            &[
                "<< /Type /Catalog /Pages 2 0 R >>".into(),
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".into(),
                format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
            ],
            None,
        );
        assert_eq!(read_pdf(&pdf, &mut Reading::none()).unwrap().text, "");
    }

    #[test]
    fn files_that_are_not_pdfs_say_how_they_start() {
        assert_eq!(
            read_pdf(b"<html><body>x</body></html>", &mut Reading::none()).unwrap_err(),
            "not a PDF: file starts with \"<html><body>x</b\""
        );
        let mut truncated = text_pdf(&["cut short"]);
        truncated.truncate(truncated.len() / 2);
        assert!(read_pdf(&truncated, &mut Reading::none()).is_err());
    }

    #[test]
    fn pdf_dates_keep_their_precision() {
        assert_eq!(pdf_date("D:20230614091200Z").as_deref(), Some("2023-06-14"));
        assert_eq!(pdf_date("D:202306").as_deref(), Some("2023-06"));
        assert_eq!(pdf_date("D:2023").as_deref(), Some("2023"));
        assert_eq!(pdf_date("yesterday"), None);
    }
}
