//! Text helpers shared by the store and the importers: normalisation of stored text and
//! of names for matching, and cutting passages by code-point offsets.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The form every stored text takes: NFC, so offsets mean the same thing everywhere.
pub fn to_stored_form(text: &str) -> String {
    // Most text arrives composed already (and import composes it before the store sees
    // it): confirm that cheaply instead of recomposing every character again.
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
        return text.to_string();
    }
    text.nfc().collect()
}

/// The key two names are compared by: case, diacritics, apostrophes, dashes and runs of
/// whitespace do not count ("Díaz-Canel" = "diaz canel", "Iran’s" ≠ "Iran" but
/// "O’Neill" = "o'neill").
pub fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
            '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => ' ',
            _ => c,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The code-point length of `text`.
pub fn char_len(text: &str) -> i32 {
    text.chars().count() as i32
}

/// The passage `[start, end)` of `text` in code points, with up to `context` code points
/// before and after it (TextQuoteSelector's prefix and suffix). `None` when the span is
/// not inside the text.
pub fn cut_passage(text: &str, start: i32, end: i32, context: i32) -> Option<(String, String, String)> {
    if start < 0 || end <= start {
        return None;
    }
    let (start, end, context) = (start as usize, end as usize, context.max(0) as usize);
    let prefix_start = start.saturating_sub(context);
    // Byte offsets of the code points that bound the pieces, found in one pass that stops
    // at the end of the suffix (sources can be long, passages are short).
    let bounds = [prefix_start, start, end, end + context];
    let mut bytes = [None; 4];
    for (index, (at, _)) in text.char_indices().chain(std::iter::once((text.len(), ' '))).enumerate() {
        for (bound, byte) in bounds.iter().zip(bytes.iter_mut()) {
            if *bound == index {
                *byte = Some(at);
            }
        }
        if index >= end + context {
            break;
        }
    }
    let [Some(a), Some(b), Some(c)] = [bytes[0], bytes[1], bytes[2]] else { return None };
    let d = bytes[3].unwrap_or(text.len());
    Some((text[a..b].to_string(), text[b..c].to_string(), text[c..d].to_string()))
}

/// Whether `surface` is an acronym of `name` ("AMIA" of "Argentine-Israeli Mutual
/// Association", "IRGC" of "Islamic Revolutionary Guard Corps"): capitals starting as the
/// name starts, each among the initials of its words (one in four may be missing: the
/// "A" of "S.A." in "PDVSA"). An acronym names the same thing wherever it is written; a surname,
/// or a city in the capitals of a dateline, may stand for another actor elsewhere.
pub fn is_acronym_of(surface: &str, name: &str) -> bool {
    let letters: Vec<char> = surface.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = surface.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-' || c == '.');
    let initials: Vec<char> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|word| word.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    let missing = letters.iter().filter(|l| !initials.contains(l)).count();
    capitals && (2..=8).contains(&letters.len()) && letters.first() == initials.first() && missing <= letters.len() / 4
}

#[cfg(test)]
mod tests {

    #[test]
    fn web_addresses_are_absolute_http_urls_with_nothing_that_breaks_a_line() {
        assert_eq!(
            super::web_address(" https://News.example/a b?q=<x>\r\nSet-Cookie: y ").as_deref(),
            Some("https://news.example/a%20b?q=%3Cx%3ESet-Cookie:%20y")
        );
        assert_eq!(super::web_address("https://news.example/a\rb").as_deref(), Some("https://news.example/ab"));
        assert_eq!(super::web_address("javascript:alert(1)"), None);
        assert_eq!(super::web_address("file:///etc/passwd"), None);
        assert_eq!(super::web_address("/relative/path"), None);
        assert_eq!(super::web_address("http://"), None);
    }

    use super::*;

    #[test]
    fn names_match_across_case_diacritics_dashes_and_apostrophes() {
        assert_eq!(normalize_name("Nicolás  Maduro"), "nicolas maduro");
        assert_eq!(normalize_name("Díaz-Canel"), normalize_name("diaz canel"));
        assert_eq!(normalize_name("O’Neill"), normalize_name("o'neill"));
        assert_eq!(normalize_name("  Hezbollah\t"), "hezbollah");
    }

    #[test]
    fn stored_text_is_composed() {
        let decomposed = "Nicola\u{301}s";
        assert_eq!(to_stored_form(decomposed), "Nicolás");
        assert_eq!(char_len(&to_stored_form(decomposed)), 7);
    }

    #[test]
    fn passages_are_cut_by_code_points_with_context() {
        let text = "Díaz-Canel visited Iran in December.";
        let (prefix, exact, suffix) = cut_passage(text, 19, 23, 8).unwrap();
        assert_eq!((prefix.as_str(), exact.as_str(), suffix.as_str()), ("visited ", "Iran", " in Dece"));
        assert!(cut_passage(text, 30, 99, 4).is_none());
        assert!(cut_passage(text, 5, 5, 4).is_none());
        // At both ends of the text, with characters of several bytes around the passage.
        let (prefix, exact, suffix) = cut_passage(text, 0, 4, 8).unwrap();
        assert_eq!((prefix.as_str(), exact.as_str(), suffix.as_str()), ("", "Díaz", "-Canel v"));
        let (prefix, exact, suffix) = cut_passage(text, 27, 36, 3).unwrap();
        assert_eq!((prefix.as_str(), exact.as_str(), suffix.as_str()), ("in ", "December.", ""));
        assert!(cut_passage(text, 27, 37, 3).is_none(), "one past the end");
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A source's web address as the store keeps it: an absolute `http`/`https` URL in the
/// `url` crate's serialization (control characters and spaces removed or
/// percent-encoded, the host lower-cased), or nothing. Addresses come from pages'
/// canonical links and archives' headers, which anyone can write: a carriage return in
/// one would start a new line of Markdown in an export, a `javascript:` one would run.
pub fn web_address(raw: &str) -> Option<String> {
    let parsed = url::Url::parse(raw.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none_or(str::is_empty) {
        return None;
    }
    Some(parsed.to_string())
}

/// Standard base64 with padding (RFC 4648), for bytes inside JSON.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(BASE64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes what [`base64_encode`] wrote; `None` for anything else.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let value = |c: u8| BASE64.iter().position(|&b| b == c).map(|p| p as u32);
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for (index, chunk) in bytes.chunks(4).enumerate() {
        let last = index == bytes.len() / 4 - 1;
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - pad] {
            n = (n << 6) | value(c)?;
        }
        n <<= 6 * pad as u32;
        let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&decoded[..3 - pad]);
    }
    Some(out)
}

#[cfg(test)]
mod base64_tests {
    use super::*;

    #[test]
    fn base64_round_trips_every_length_and_refuses_garbage() {
        assert_eq!(base64_encode(b"Man"), "TWFu");
        assert_eq!(base64_encode(b"Ma"), "TWE=");
        assert_eq!(base64_encode(b"M"), "TQ==");
        for len in 0..300 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 % 256) as u8).collect();
            assert_eq!(base64_decode(&base64_encode(&bytes)).unwrap(), bytes);
        }
        assert!(base64_decode("TWF").is_none());
        assert!(base64_decode("T=Fu").is_none());
        assert!(base64_decode("TQ==TWFu").is_none());
        assert!(base64_decode("TW!u").is_none());
    }

    #[test]
    fn acronyms_are_told_from_surnames_and_datelines() {
        assert!(is_acronym_of("AMIA", "Argentine-Israeli Mutual Association"));
        assert!(is_acronym_of("IRGC", "Islamic Revolutionary Guard Corps"));
        assert!(is_acronym_of("PDVSA", "Petróleos de Venezuela, S.A."));
        assert!(is_acronym_of("U.S.", "United States"));
        assert!(!is_acronym_of("Castro", "Raúl Castro"));
        assert!(!is_acronym_of("TEHRAN", "Iran"));
        assert!(!is_acronym_of("CARACAS", "Venezuela"));
    }
}
