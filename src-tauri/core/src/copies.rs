//! Republished copies: whether one source is another's text run again (a wire story
//! that several outlets publish, the same story under another headline, lightly
//! rewritten, or translated) rather than reporting of its own. Independent
//! corroboration counts sources that are not copies of one another.
//!
//! Two signals, each cheap enough for every import:
//! - *Shared wording*: word 4-grams (shingles, folded for case and diacritics); the share
//!   of the shorter text's shingles found in the other (containment), so that an outlet
//!   that cuts the last paragraphs or adds its own boilerplate still reads as a copy.
//! - *The same anchors*, for a translation, which shares no wording: the numbers and
//!   proper names of each text. A translation keeps nearly all of them, its figures
//!   above all; an independent piece on the same event names the same main actors but
//!   has figures, people and places of its own.
//!
//! A wire credit ("(Reuters)", "AFP", "Agência Brasil"…) found in both is evidence too:
//! a piece crediting an agency is that agency's story.

use crate::text::normalize_name;
use std::collections::BTreeSet;

/// Words in a shingle.
const SHINGLE: usize = 4;

/// What two texts are compared by, computed once per text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// Hashes of the text's word 4-grams, sorted, each once.
    shingles: Vec<u64>,
    /// Numbers (digits only) and proper names (folded), sorted, each once; and the
    /// numbers alone.
    anchors: Vec<String>,
    numbers: Vec<String>,
    /// Wire agencies the text credits.
    wires: BTreeSet<&'static str>,
}

/// How alike two texts are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Likeness {
    /// The share of the shorter text's shingles found in the other (0–1).
    pub containment: f64,
    /// Both texts credit the same wire agency.
    pub same_wire: bool,
    /// The share of the smaller set of anchors found in the other (0–1).
    pub anchors_contained: f64,
    /// The share of the smaller set of numbers found in the other (0–1), and how many
    /// numbers that smaller set has.
    pub numbers_contained: f64,
    pub numbers_compared: usize,
}

pub use crate::model::CopyEvidence;

/// Agencies whose credit marks a wire story, as written in credits and datelines.
const WIRES: &[(&str, &str)] = &[
    ("Reuters", "Reuters"),
    ("(AP)", "AP"),
    ("Associated Press", "AP"),
    ("AFP", "AFP"),
    ("Agence France-Presse", "AFP"),
    ("(EFE)", "EFE"),
    ("EFE", "EFE"),
    ("KUNA", "KUNA"),
    ("(dpa)", "dpa"),
    ("dpa", "dpa"),
    ("Agência Brasil", "Agência Brasil"),
    ("Agencia Brasil", "Agência Brasil"),
    ("IRNA", "IRNA"),
    ("Xinhua", "Xinhua"),
    ("TASS", "TASS"),
    ("ANSA", "ANSA"),
    ("Europa Press", "Europa Press"),
    ("Prensa Latina", "Prensa Latina"),
];

/// Capitalised words that start sentences or stand in headlines, not names.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "of",
    "for",
    "to",
    "and",
    "but",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "after",
    "before",
    "when",
    "while",
    "as",
    "by",
    "with",
    "from",
    "under",
    "over",
    "according",
    "officials",
    "sources",
    "there",
    "some",
    "one",
    "two",
    "three",
    "el",
    "la",
    "los",
    "las",
    "un",
    "una",
    "en",
    "del",
    "de",
    "y",
    "que",
    "con",
    "por",
    "para",
    "según",
    "segun",
    "tras",
    "este",
    "esta",
    "estos",
    "estas",
    "su",
    "sus",
    "o",
    "os",
    "as",
    "um",
    "uma",
    "em",
    "no",
    "na",
    "nos",
    "nas",
    "do",
    "da",
    "dos",
    "das",
    "e",
    "com",
    "pelo",
    "pela",
    "segundo",
    "após",
    "apos",
    "ele",
    "ela",
    "eles",
    "se",
    "al",
    "lo",
    "mas",
    "más",
    "mais",
    "not",
    "also",
    "ya",
    "já",
    "ja",
    "sin",
    "sem",
    "read",
    "share",
    "related",
    "reporting",
    "editing",
    "sign",
    "subscribe",
    "newsletter",
    "advertisement",
    "leia",
    "lea",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "janeiro",
    "fevereiro",
    "março",
    "marco",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// FNV-1a: a hash that is the same on every machine and in every run.
fn fnv(words: &[String]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for word in words {
        for byte in word.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The text's words as written (letters and digits; a number keeps its separators).
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        // "1,5" and "1.5" stay one number; a dot ending a sentence ends the word.
        let inside_number = matches!(c, ',' | '.')
            && i > 0
            && chars[i - 1].1.is_ascii_digit()
            && chars.get(i + 1).is_some_and(|(_, n)| n.is_ascii_digit());
        if c.is_alphanumeric() || inside_number {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            out.push(&text[s..at]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// A number as a bare run of digits ("1,5" and "1.5" → "15"), when it is one.
fn number(token: &str) -> Option<String> {
    let digits: String = token.chars().filter(char::is_ascii_digit).collect();
    let only_number = token.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.');
    (only_number && !digits.is_empty()).then_some(digits)
}

impl Fingerprint {
    pub fn of(text: &str) -> Fingerprint {
        let words = tokens(text);
        // A word is letters and digits: an ASCII one folds by lower case alone, without
        // the Unicode decomposition that most of the time went to.
        let folded: Vec<String> =
            words.iter().map(|w| if w.is_ascii() { w.to_ascii_lowercase() } else { normalize_name(w) }).collect();
        let mut shingles: Vec<u64> = folded.windows(SHINGLE).map(fnv).collect();
        shingles.sort_unstable();
        shingles.dedup();
        let mut anchors = Vec::new();
        for (word, folded) in words.iter().zip(&folded) {
            if let Some(n) = number(word) {
                // Single digits ("3 ships", "tres buques") read differently across languages.
                if n.len() >= 2 {
                    anchors.push(n);
                }
            } else if word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().count() >= 3
                && !NOT_NAMES.contains(&folded.as_str())
            {
                anchors.push(folded.clone());
            }
        }
        let wires = WIRES.iter().filter(|(written, _)| text.contains(written)).map(|(_, agency)| *agency).collect();
        anchors.sort_unstable();
        anchors.dedup();
        let numbers = anchors.iter().filter(|a| a.chars().all(|c| c.is_ascii_digit())).cloned().collect();
        Fingerprint { shingles, anchors, numbers, wires }
    }

    /// The terms under which the text is filed so that a later text finds it as a
    /// candidate: one shingle in eight (picked by hash, so every text keeps the same
    /// ones), as non-negative numbers, and every figure, as negative numbers.
    pub fn terms(&self) -> Vec<i64> {
        let mut terms: Vec<i64> = self
            .shingles
            .iter()
            .filter(|h| h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 61 == 0)
            .map(|h| (h >> 1) as i64)
            .collect();
        for number in &self.numbers {
            terms.push(!((fnv(std::slice::from_ref(number)) >> 1) as i64));
        }
        terms.sort_unstable();
        terms.dedup();
        terms
    }

    /// How alike this text and `other` are.
    pub fn likeness(&self, other: &Fingerprint) -> Likeness {
        let shorter = self.shingles.len().min(other.shingles.len());
        let common = sorted_common(&self.shingles, &other.shingles);
        let containment = if shorter == 0 { 0.0 } else { common as f64 / shorter as f64 };
        let smaller = self.anchors.len().min(other.anchors.len());
        let anchors_contained =
            if smaller == 0 { 0.0 } else { sorted_common(&self.anchors, &other.anchors) as f64 / smaller as f64 };
        let fewer = self.numbers.len().min(other.numbers.len());
        let numbers_contained =
            if fewer == 0 { 0.0 } else { sorted_common(&self.numbers, &other.numbers) as f64 / fewer as f64 };
        Likeness {
            containment,
            same_wire: !self.wires.is_disjoint(&other.wires),
            anchors_contained,
            numbers_contained,
            numbers_compared: fewer,
        }
    }

    /// Whether `other` and this text are copies of one story, and why.
    pub fn copy_of(&self, other: &Fingerprint) -> Option<CopyEvidence> {
        self.judge(other).map(|(evidence, _)| evidence)
    }

    /// Whether `other` and this text are copies of one story, why, and how alike they
    /// are by that evidence (the share of wording, or of names and figures).
    pub fn judge(&self, other: &Fingerprint) -> Option<(CopyEvidence, f64)> {
        let likeness = self.likeness(other);
        let thresholds = Thresholds::default();
        // Shared wording alone is not enough: stories of one site or one template share
        // boilerplate (a sanctions release's closing paragraphs), but a copy also names
        // the same people, places and figures.
        if likeness.containment >= thresholds.wording && likeness.anchors_contained >= thresholds.wording_anchors {
            return Some((CopyEvidence::Wording, likeness.containment));
        }
        let anchors = likeness.anchors_contained >= thresholds.anchors
            && likeness.numbers_contained >= thresholds.numbers
            && likeness.numbers_compared >= thresholds.least_numbers;
        anchors.then_some((CopyEvidence::Anchors, likeness.anchors_contained))
    }
}

/// Whether a text sharing `shared` terms (sampled shingles, figures) with another is
/// worth comparing in full, given how many terms of each kind each has: enough shared
/// shingles for half the wording threshold (sampling is noisy), or enough shared
/// figures for a translation.
pub fn worth_comparing(shared: (i32, i32), mine: (i32, i32), theirs: (i32, i32)) -> bool {
    let thresholds = Thresholds::default();
    let at_least = |share: f64, of: i32| (share * f64::from(of)).ceil() as i32;
    let (fewer_words, fewer_figures) = (mine.0.min(theirs.0), mine.1.min(theirs.1));
    // Half of each threshold: the shingles are a sample, and a common figure's postings
    // are read only in part.
    let figures_agree = fewer_figures < thresholds.least_numbers as i32
        || shared.1 >= at_least(thresholds.numbers / 2.0, fewer_figures);
    let wording = shared.0 >= 1.max(at_least(thresholds.wording / 2.0, fewer_words)) && figures_agree;
    let translation = shared.1 >= thresholds.least_numbers as i32 && figures_agree;
    wording || translation
}

/// Where the detector draws its lines (chosen on the tuning half of
/// `tests/fixtures/copies`; round 2 also on the synthetic corpus of `dossier dev
/// gen-corpus`, whose different stories from shared templates share up to 37% of their
/// wording but at most 57% of their names and figures).
#[derive(Debug, Clone, Copy)]
struct Thresholds {
    /// Containment of shingles, and of anchors with it.
    wording: f64,
    wording_anchors: f64,
    /// Containment of anchors, of numbers, and the least numbers to judge by.
    anchors: f64,
    numbers: f64,
    least_numbers: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { wording: 0.2, wording_anchors: 0.6, anchors: 0.45, numbers: 0.8, least_numbers: 2 }
    }
}

/// How many values two sorted, deduplicated lists share.
fn sorted_common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

/// How the detector does on a folder of test articles named `STORY.VARIANT.txt`: every
/// pair of files is a copy when both are of one story and neither is `independent`
/// (`tests/fixtures/copies/README.md`).
pub mod eval {
    use super::{CopyEvidence, Fingerprint};
    use crate::{Error, Result};
    use std::collections::BTreeMap;
    use std::path::Path;

    /// Counts over every pair of a folder's articles.
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
    pub struct CopyScores {
        pub articles: usize,
        pub pairs: usize,
        pub copies: usize,
        pub found: usize,
        pub right: usize,
        /// Copies found, by the variants of the pair ("wire+translated").
        pub found_by_kind: BTreeMap<String, (usize, usize)>,
        /// Pairs called copies that are not, and copies missed: (a, b, likeness in words).
        pub wrong: Vec<(String, String, String)>,
        pub missed: Vec<(String, String, String)>,
    }

    impl CopyScores {
        pub fn precision(&self) -> f64 {
            if self.found == 0 {
                1.0
            } else {
                self.right as f64 / self.found as f64
            }
        }
        pub fn recall(&self) -> f64 {
            if self.copies == 0 {
                1.0
            } else {
                self.right as f64 / self.copies as f64
            }
        }
    }

    /// Scores the detector on the `*.txt` articles of `dir`, every pair compared.
    pub fn evaluate(dir: &Path) -> Result<CopyScores> {
        let articles = read(dir)?;
        Ok(score(&articles, |a, b| articles[a].2.copy_of(&articles[b].2)))
    }

    /// Scores what the store makes of the `*.txt` articles of `dir`, imported into a
    /// new store in a temporary folder: a pair is called a copy when both are in one
    /// group of copies (as the counts of independent sources read them), found through
    /// the store's index of terms and its few candidates rather than every pair.
    pub fn evaluate_in_store(dir: &Path) -> Result<CopyScores> {
        let articles = read(dir)?;
        let scratch = crate::bench::Scratch::new("eval-copies")?;
        let mut store = crate::Store::open(&scratch.path.join("eval.dossier"))?;
        let options = crate::import::ImportOptions { analyze: false, ..Default::default() };
        let paths: Vec<_> = articles.iter().map(|a| a.3.clone()).collect();
        let report = crate::import::import_paths(&mut store, &paths, &options);
        let mut ids = Vec::with_capacity(articles.len());
        for path in &paths {
            let file = report.files.iter().find(|f| Path::new(&f.path) == path.as_path());
            match file.map(|f| &f.outcome) {
                Some(crate::import::FileOutcome::Imported { source_id }) => ids.push(*source_id),
                other => return Err(Error::Invalid(format!("{} did not import: {other:?}", path.display()))),
            }
        }
        let mut groups = Vec::with_capacity(ids.len());
        for &id in &ids {
            let related = store.related_copies(id)?;
            groups.push(
                related.into_iter().filter(|r| r.same_group).map(|r| (r.source_id, r.detected)).collect::<Vec<_>>(),
            );
        }
        Ok(score(&articles, |a, b| {
            let (_, detected) = groups[a].iter().find(|(id, _)| *id == ids[b])?;
            Some(detected.as_ref().map_or(CopyEvidence::Wording, |d| d.evidence))
        }))
    }

    type Article = (String, String, Fingerprint, std::path::PathBuf);

    fn read(dir: &Path) -> Result<Vec<Article>> {
        let mut articles = Vec::new();
        let entries =
            std::fs::read_dir(dir).map_err(|e| Error::Invalid(format!("cannot read {}: {e}", dir.display())))?;
        for entry in entries {
            let path = entry.map_err(|e| Error::Invalid(e.to_string()))?.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".txt")) else {
                continue;
            };
            let Some((story, variant)) = name.rsplit_once('.') else { continue };
            let text = std::fs::read_to_string(&path)
                .map_err(|e| Error::Invalid(format!("cannot read {}: {e}", path.display())))?;
            articles.push((story.to_string(), variant.to_string(), Fingerprint::of(&text), path.clone()));
        }
        articles.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        Ok(articles)
    }

    /// Counts every pair of `articles`, `found(i, j)` saying whether the i-th and j-th
    /// were called copies, and why.
    fn score(articles: &[Article], found: impl Fn(usize, usize) -> Option<CopyEvidence>) -> CopyScores {
        let mut scores = CopyScores { articles: articles.len(), ..CopyScores::default() };
        for (i, (story_a, variant_a, a, _)) in articles.iter().enumerate() {
            for (j, (story_b, variant_b, b, _)) in articles.iter().enumerate().skip(i + 1) {
                scores.pairs += 1;
                let copy = story_a == story_b && variant_a != "independent" && variant_b != "independent";
                let found = found(i, j);
                let kind = format!("{variant_a}+{variant_b}");
                let l = a.likeness(b);
                let words = format!(
                    "wording {:.2}, anchors {:.2}, numbers {:.2} of {}{}",
                    l.containment,
                    l.anchors_contained,
                    l.numbers_contained,
                    l.numbers_compared,
                    if l.same_wire { ", same wire" } else { "" }
                );
                let (name_a, name_b) = (format!("{story_a}.{variant_a}"), format!("{story_b}.{variant_b}"));
                if copy {
                    scores.copies += 1;
                    let tally = scores.found_by_kind.entry(kind).or_default();
                    tally.1 += 1;
                    if found.is_some() {
                        tally.0 += 1;
                    } else {
                        scores.missed.push((name_a.clone(), name_b.clone(), words.clone()));
                    }
                }
                if let Some(evidence) = found {
                    scores.found += 1;
                    if copy {
                        scores.right += 1;
                    } else {
                        let why = match evidence {
                            CopyEvidence::Wording => "by wording",
                            CopyEvidence::Anchors => "by anchors",
                        };
                        scores.wrong.push((name_a, name_b, format!("{why}: {words}")));
                    }
                }
            }
        }
        scores
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "Iran ships drones to Venezuela\n\nCARACAS, March 4 (Reuters) - Iran shipped 12 Mohajer-6 \
        drones to Venezuela in 2022, two U.S. officials said on Tuesday. The aircraft were assembled at El Libertador \
        Air Base in Maracay, the officials said. \"This is a military partnership,\" said Rebecca Lowe of the Atlantic \
        Council. Venezuela's government denied the report.";

    #[test]
    fn a_republished_wire_story_under_another_headline_is_a_copy_by_its_wording() {
        let republished = format!(
            "World | Drones from Tehran reach Caracas air base\n\n{}\n\nShare this article. Reporting by Mayela \
             Armas; Editing by Sandra Maler",
            WIRE.split_once("\n\n").unwrap().1
        );
        let (a, b) = (Fingerprint::of(WIRE), Fingerprint::of(&republished));
        assert_eq!(a.copy_of(&b), Some(CopyEvidence::Wording));
        assert!(a.likeness(&b).same_wire);
    }

    #[test]
    fn a_translation_is_a_copy_by_its_names_and_figures() {
        let translated = "Irán envió drones a Venezuela\n\nCARACAS, 4 de marzo (Reuters) - Irán envió 12 drones \
            Mohajer-6 a Venezuela en 2022, dijeron dos funcionarios de Estados Unidos el martes. Las aeronaves fueron \
            ensambladas en la Base Aérea El Libertador en Maracay, dijeron los funcionarios. \"Es una asociación \
            militar\", dijo Rebecca Lowe, del Atlantic Council. El gobierno de Venezuela negó el informe.";
        let (a, b) = (Fingerprint::of(WIRE), Fingerprint::of(translated));
        assert!(a.likeness(&b).containment < 0.05, "{:?}", a.likeness(&b));
        assert_eq!(a.copy_of(&b), Some(CopyEvidence::Anchors), "{:?}", a.likeness(&b));
    }

    #[test]
    fn an_independent_piece_on_the_same_event_is_not_a_copy() {
        let independent = "Venezuela denies drone deal with Tehran\n\nBy Maria Oliveira\n\nVenezuela's defense \
            minister Vladimir Padrino López on Wednesday rejected what he called a campaign of lies about Iranian \
            aircraft. Satellite images reviewed by analysts at CSIS show at least four new hangars at a base near \
            Maracay since 2021. \"We build our own technology,\" Padrino López told reporters. Iran's embassy in \
            Caracas did not answer questions. Drones of the Mohajer family have flown in Syria and Iraq.";
        let (a, b) = (Fingerprint::of(WIRE), Fingerprint::of(independent));
        assert_eq!(a.copy_of(&b), None, "{:?}", a.likeness(&b));
    }

    #[test]
    fn numbers_keep_their_digits_across_separators_and_names_fold_accents() {
        assert_eq!(tokens("1,5 millones, Irán. Done."), ["1,5", "millones", "Irán", "Done"]);
        assert_eq!(number("1,5").as_deref(), Some("15"));
        assert_eq!(Fingerprint::of("Irán and Iran").anchors, ["iran"]);
    }
}
