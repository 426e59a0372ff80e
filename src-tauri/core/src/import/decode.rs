//! Bytes to text: byte-order marks, declared charsets, and detection when nothing is
//! declared. Everything that leaves here is valid UTF-8 with `\n` line ends.

use encoding_rs::Encoding;

/// Decodes a plain-text file: a byte-order mark wins, then valid UTF-8, then the most
/// likely legacy encoding. Refuses bytes that are plainly not text.
pub fn decode_text(bytes: &[u8]) -> Result<String, String> {
    let encoding = bom_encoding(bytes).unwrap_or_else(|| guess_encoding(bytes));
    refuse_binary(bytes, encoding, "not a text file")?;
    Ok(decode_with(bytes, encoding))
}

/// Decodes an HTML page: a byte-order mark wins, then the charset the page declares in
/// its first bytes (`<meta charset>`, `http-equiv`, an XML declaration), then detection.
pub fn decode_html(bytes: &[u8]) -> Result<String, String> {
    // Bytes that are valid UTF-8 beyond ASCII are UTF-8 whatever the page declares: a
    // browser's "Save page as" re-encodes pages to UTF-8 and often keeps the old
    // declaration, and legacy text almost never forms valid multi-byte sequences.
    let utf8 = (!bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()).then_some(encoding_rs::UTF_8);
    let encoding =
        bom_encoding(bytes).or(utf8).or_else(|| declared_charset(bytes)).unwrap_or_else(|| guess_encoding(bytes));
    refuse_binary(bytes, encoding, "not an HTML page")?;
    Ok(decode_with(bytes, encoding))
}

fn decode_with(bytes: &[u8], encoding: &'static Encoding) -> String {
    // `decode` strips a BOM that matches the encoding and replaces malformed sequences.
    let (text, _, _) = encoding.decode(bytes);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.into_owned()
    }
}

fn bom_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    Encoding::for_bom(bytes).map(|(encoding, _)| encoding)
}

fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return encoding_rs::UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

fn refuse_binary(bytes: &[u8], encoding: &'static Encoding, what: &str) -> Result<(), String> {
    let is_utf16 = encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE;
    if !is_utf16 && looks_binary(&bytes[..bytes.len().min(8192)]) {
        return Err(format!("{what}: it contains binary data{}", magic_hint(bytes)));
    }
    Ok(())
}

/// ", it looks like a PDF" and the like, when the first bytes say what the file really is.
pub fn magic_hint(bytes: &[u8]) -> &'static str {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", " (it looks like a PDF)"),
        (b"PK\x03\x04", " (it looks like a zip archive)"),
        (b"\x89PNG", " (it looks like a PNG image)"),
        (b"\xFF\xD8\xFF", " (it looks like a JPEG image)"),
        (b"GIF8", " (it looks like a GIF image)"),
        (b"\x7FELF", " (it looks like a program)"),
    ];
    SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)).map_or("", |(_, hint)| hint)
}

fn looks_binary(sample: &[u8]) -> bool {
    let controls = sample.iter().filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b) && b != 0x1b).count();
    sample.contains(&0) || controls * 100 > sample.len().max(1) * 5
}

/// The charset an HTML page declares within its first 4 KB, the way browsers prescan.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(found) = find(&lower[from..], b"charset") {
        let mut i = from + found + b"charset".len();
        from = i;
        while lower.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while lower.get(i).is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'') {
            i += 1;
        }
        let start = i;
        while lower.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')) {
            i += 1;
        }
        if let Some(encoding) = Encoding::for_label(&lower[start..i]) {
            // A page that says UTF-16 in ASCII cannot be UTF-16: browsers read it as UTF-8.
            if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                return Some(encoding_rs::UTF_8);
            }
            return Some(encoding);
        }
    }
    // XHTML served as a file: <?xml version="1.0" encoding="..."?>
    if lower.starts_with(b"<?xml") {
        let end = find(&lower, b"?>")?;
        let decl = &lower[..end];
        let at = find(decl, b"encoding=")? + b"encoding=".len();
        let label: Vec<u8> = decl[at..].iter().skip(1).take_while(|b| **b != b'"' && **b != b'\'').copied().collect();
        return Encoding::for_label(&label);
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_choose_the_encoding() {
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "Díaz-Canel".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        assert_eq!(decode_text(&utf16).unwrap(), "Díaz-Canel");
        assert_eq!(decode_text(b"\xEF\xBB\xBFIran").unwrap(), "Iran");
    }

    #[test]
    fn legacy_encodings_are_detected_when_not_utf8() {
        let latin = encoding_rs::WINDOWS_1252.encode("Le président a déclaré à Caracas que l’accord était signé.").0;
        assert!(std::str::from_utf8(&latin).is_err());
        assert_eq!(decode_text(&latin).unwrap(), "Le président a déclaré à Caracas que l’accord était signé.");
    }

    #[test]
    fn binary_junk_is_refused() {
        let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(decode_text(&junk).unwrap_err().contains("binary"));
        let mut pdf = b"%PDF-1.7\n".to_vec();
        pdf.extend(&junk);
        assert!(decode_html(&pdf).unwrap_err().contains("looks like a PDF"));
    }

    #[test]
    fn html_declared_charset_wins_over_detection() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-7\"></head><body>\xc1\xe8\xde\xed\xe1</body></html>";
        assert!(decode_html(page).unwrap().contains("Αθήνα"));
        let page = b"<meta charset='koi8-r'><p>\xf0\xd2\xc1\xd7\xc4\xc1</p>";
        assert!(decode_html(page).unwrap().contains("Правда"));
        let xml = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><html><body>caf\xe9</body></html>";
        assert!(decode_html(xml).unwrap().contains("café"));
    }

    #[test]
    fn valid_utf8_wins_over_a_stale_declaration() {
        let page = "<meta charset=gb2312><title>人工智能迈上新台阶</title>".as_bytes();
        assert!(decode_html(page).unwrap().contains("人工智能迈上新台阶"));
    }

    #[test]
    fn html_without_charset_is_detected() {
        let page = encoding_rs::WINDOWS_1252
            .encode("<html><body><p>Le ministre a annoncé l’accord à Montréal.</p></body></html>")
            .0;
        assert!(decode_html(&page).unwrap().contains("annoncé l’accord à Montréal"));
    }
}
