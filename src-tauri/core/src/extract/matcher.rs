//! Finding known names in a text at once: one Aho–Corasick automaton over every alias
//! (the gazetteer's and the library's own), matched on a folded copy of the text so
//! that case, diacritics, apostrophes and dashes do not count — "Hizbullah" and
//! "hizbullah", "Díaz-Canel" and "Diaz Canel" — while offsets stay those of the
//! original. Scales to 100,000 aliases: the automaton is built once per batch.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// What a pattern stands for: an index into the caller's list, and how it may match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub id: usize,
    /// Acronyms (US, UN, WHO) match only as written, so "us" and "who" stay words.
    pub exact_case: bool,
    /// Proper names match only when capitalised in the text ("Chad", not "chad").
    pub capitalised: bool,
}

pub struct Matcher {
    automaton: AhoCorasick,
    patterns: Vec<(String, Target)>,
}

/// One match: byte offsets into the original text and the pattern's target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub target: Target,
}

/// Folds one character for matching: lower case, no diacritics, one kind of apostrophe
/// and dashes as spaces. Returns the characters it becomes (usually one).
fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => out.push('\''),
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => out.push(' '),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => {
            for d in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
                out.extend(d.to_lowercase());
            }
        }
    }
}

/// The folded text and, for each byte of it, the byte of the original it came from.
pub(crate) fn fold(text: &str) -> (String, Vec<u32>) {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let before = folded.len();
        fold_char(c, &mut folded);
        origin.extend(std::iter::repeat_n(at as u32, folded.len() - before));
    }
    origin.push(text.len() as u32);
    (folded, origin)
}

fn fold_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    for c in pattern.chars() {
        fold_char(c, &mut out);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Matcher {
    /// Builds the automaton over `(surface, target)` pairs.
    pub fn new(patterns: impl IntoIterator<Item = (String, Target)>) -> Matcher {
        let patterns: Vec<(String, Target)> = patterns
            .into_iter()
            .map(|(surface, target)| (fold_pattern(&surface), target))
            .filter(|(folded, _)| !folded.is_empty())
            .collect();
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|(p, _)| p.as_str()))
            .expect("an automaton over plain strings");
        Matcher { automaton, patterns }
    }

    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Every match in `text` that stands alone as words and passes its target's case rule.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let (folded, origin) = fold(text);
        let mut hits = Vec::new();
        for m in self.automaton.find_iter(&folded) {
            let (start, end) = (origin[m.start()] as usize, origin[m.end()] as usize);
            // origin[end] is the first byte after the match only if the match ends on a
            // character boundary of the folded text, which folding guarantees.
            let end = if end <= start { next_char_end(text, start) } else { end };
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
                continue;
            }
            let target = self.patterns[m.pattern().as_usize()].1;
            let written = &text[start..end];
            if target.exact_case && !self.same_as_written(m.pattern().as_usize(), written) {
                continue;
            }
            if target.capitalised && !written.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            hits.push(Hit { start, end, target });
        }
        hits
    }

    fn same_as_written(&self, pattern: usize, written: &str) -> bool {
        // Exact-case patterns are acronyms: compare the letters as written.
        let letters: String = written.chars().filter(|c| c.is_alphanumeric()).collect();
        letters.chars().all(|c| !c.is_lowercase()) && fold_pattern(written) == self.patterns[pattern].0
    }
}

fn next_char_end(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(0, char::len_utf8)
}

/// Whether `alias` is an acronym that must match as written: all capitals (dots
/// allowed), at most six letters — "US", "U.S.", "IRGC", "WHO".
pub fn is_acronym(alias: &str) -> bool {
    let letters: Vec<char> = alias.chars().filter(|c| c.is_alphanumeric()).collect();
    !letters.is_empty()
        && letters.len() <= 6
        && letters.iter().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && alias.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-' || c == '&')
}

/// Transliteration variants: names written from Arabic or Persian come in several
/// spellings (Hezbollah, Hizballah, Hizbullah; Raisi, Raeisi; Qassem, Kassem). Two
/// spellings are variants of each other when they have the same key — the folded name
/// with every run of vowels as one vowel, doubled letters single, q as k and ph as f —
/// and differ by at most one edit per four letters ([`close_variants`]).
pub fn variant_key(name: &str) -> String {
    let folded = fold_pattern(name);
    let mut key = String::with_capacity(folded.len());
    let mut chars = folded.chars().filter(|c| *c != '\'').peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' => 'a',
            'q' => 'k',
            'p' if chars.peek() == Some(&'h') => {
                chars.next();
                'f'
            }
            c => c,
        };
        if key.ends_with(c) && c != ' ' || c == ' ' && key.ends_with(' ') {
            continue;
        }
        key.push(c);
    }
    key
}

/// Whether two spellings with the same [`variant_key`] are close enough to be one name:
/// at most one edit (Levenshtein) per four letters of the shorter, and at least one.
pub fn close_variants(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (fold_pattern(a).chars().collect(), fold_pattern(b).chars().collect());
    let budget = (a.len().min(b.len()) / 4).max(1);
    if a.len().abs_diff(b.len()) > budget {
        return false;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            current[j + 1] = (previous[j] + usize::from(ca != cb)).min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()] <= budget
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(names: &[&str]) -> Matcher {
        Matcher::new(names.iter().enumerate().map(|(id, n)| {
            (n.to_string(), Target { id, exact_case: is_acronym(n), capitalised: n.starts_with(char::is_uppercase) })
        }))
    }

    fn found<'t>(m: &Matcher, text: &'t str) -> Vec<(&'t str, usize)> {
        m.find(text).into_iter().map(|h| (&text[h.start..h.end], h.target.id)).collect()
    }

    #[test]
    fn names_match_across_case_diacritics_and_dashes_with_original_offsets() {
        let m = matcher(&["Hezbollah", "Miguel Díaz-Canel", "Iran"]);
        assert_eq!(
            found(&m, "HEZBOLLAH and Miguel Diaz Canel met in Irán; Iranian is not Iran."),
            vec![("HEZBOLLAH", 0), ("Miguel Diaz Canel", 1), ("Irán", 2), ("Iran", 2)]
        );
    }

    #[test]
    fn the_longest_name_wins_and_words_stay_whole() {
        let m = matcher(&["America", "Latin America", "Oman"]);
        assert_eq!(
            found(&m, "Latin America and America, not Romania or Omani."),
            vec![("Latin America", 1), ("America", 0)]
        );
    }

    #[test]
    fn acronyms_match_as_written_and_names_only_capitalised() {
        let m = matcher(&["US", "U.S.", "WHO", "Chad", "Turkey"]);
        assert_eq!(
            found(&m, "The US and the U.S. told us who is WHO; Chad, not chad; turkey dinners in Turkey."),
            vec![("US", 0), ("U.S.", 1), ("WHO", 2), ("Chad", 3), ("Turkey", 4)]
        );
        assert!(is_acronym("U.S.") && is_acronym("IRGC") && !is_acronym("Iran") && !is_acronym("Hezbollah"));
    }

    #[test]
    fn transliteration_variants_share_a_key_and_stay_close() {
        for (a, b) in [
            ("Hezbollah", "Hizballah"),
            ("Hezbollah", "Hizbullah"),
            ("Raisi", "Raeisi"),
            ("Naim Qassem", "Naim Kassem"),
            ("Mohammed", "Muhammad"),
        ] {
            assert_eq!(variant_key(a), variant_key(b), "{a} / {b}");
            assert!(close_variants(a, b), "{a} / {b}");
        }
        // Same key, too far apart to be one name; different keys.
        assert_eq!(variant_key("Rose"), variant_key("Raisi"));
        assert!(!close_variants("Rose", "Raisi"));
        assert_ne!(variant_key("Iran"), variant_key("Iraq"));
    }

    #[test]
    fn folding_keeps_a_byte_map_to_the_original() {
        let (folded, origin) = fold("Díaz’s");
        assert_eq!(folded, "diaz's");
        assert_eq!(origin[1], 1); // the í
        assert_eq!(origin[folded.len()], "Díaz’s".len() as u32);
    }
}
