//! Direct quotations and who is said to have spoken them.
//!
//! A quotation is text between paired quotation marks (“ ”, " ", « », „ “) of at least
//! four words; shorter ones are scare quotes or titles. Its speaker comes from the words
//! around it: `“…,” Humire said`, `“…,” said Humire`, `Humire said: “…”`, `according to
//! Humire`, in English, Spanish and Portuguese. A pronoun ("he added"), or no
//! attribution at all right after an attributed quotation in the same paragraph, means
//! the previous speaker. Speakers are the names as written; linking them to actors is
//! the caller's business.

use super::tokens::{tokenize, Token};

/// Words fewer than this make a scare quote, not a quotation.
const MIN_WORDS: usize = 4;

/// Speech verbs (lower case) in English, Spanish and Portuguese.
const VERBS: &[&str] = &[
    "responded",
    "respondió",
    "respondeu",
    "said",
    "says",
    "added",
    "adds",
    "told",
    "stated",
    "states",
    "explained",
    "noted",
    "warned",
    "wrote",
    "writes",
    "declared",
    "asserted",
    "claimed",
    "claims",
    "insisted",
    "argued",
    "stressed",
    "continued",
    "recalled",
    "tweeted",
    "posted",
    "replied",
    "answered",
    "acknowledged",
    "admitted",
    "concluded",
    "emphasized",
    "emphasised",
    "observed",
    "dijo",
    "afirmó",
    "declaró",
    "señaló",
    "aseguró",
    "agregó",
    "añadió",
    "indicó",
    "explicó",
    "sostuvo",
    "advirtió",
    "manifestó",
    "expresó",
    "subrayó",
    "destacó",
    "disse",
    "afirmou",
    "declarou",
    "acrescentou",
    "explicou",
    "destacou",
    "ressaltou",
    "observou",
    "garantiu",
    "escreveu",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "él", "ella", "ele", "ela"];

/// Lower-case words that may sit inside a name: "Tarek El Aissami", "Ali al-Sistani".
const CONNECTORS: &[&str] =
    &["de", "del", "la", "al", "el", "bin", "ibn", "van", "von", "da", "das", "do", "dos", "di", "le"];

/// One quotation; offsets are byte offsets of the text inside the marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundQuote {
    pub start: usize,
    pub end: usize,
    /// The speaker's name as written nearest the quotation, if any.
    pub speaker: Option<String>,
}

fn closing_mark(open: char) -> Option<char> {
    match open {
        '“' => Some('”'),
        '"' => Some('"'),
        '«' => Some('»'),
        '„' => Some('“'),
        _ => None,
    }
}

/// The quotations of one paragraph as (opening mark, text start, text end) byte offsets.
fn quoted_spans(paragraph: &str, offset: usize) -> Vec<(usize, usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (at, c) in paragraph.char_indices() {
        match open {
            Some((start, close)) if c == close => {
                spans.push((offset + start, offset + start + close_len(paragraph, start), offset + at));
                open = None;
            }
            None => {
                if let Some(close) = closing_mark(c) {
                    open = Some((at, close));
                }
            }
            _ => {}
        }
    }
    // A quotation still open at the paragraph's end runs to it (continued paragraphs).
    if let Some((start, _)) = open {
        let end = paragraph.trim_end().len();
        if end > start + 1 {
            spans.push((offset + start, offset + start + close_len(paragraph, start), offset + end));
        }
    }
    spans
}

fn close_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(1, char::len_utf8)
}

/// Finds the quotations of `text` and their speakers.
pub fn find_quotes(text: &str) -> Vec<FoundQuote> {
    let mut quotes = Vec::new();
    let mut last_speaker: Option<String> = None;
    let mut offset = 0;
    for paragraph in text.split_inclusive('\n') {
        let mut previous_in_paragraph: Option<String> = None;
        for (mark, start, end) in quoted_spans(paragraph, offset) {
            let inside = &text[start..end];
            if inside.split_whitespace().count() < MIN_WORDS {
                continue;
            }
            let close_end = end + text[end..].chars().next().map_or(0, char::len_utf8);
            let paragraph_end = offset + paragraph.len();
            let after = &text[close_end.min(paragraph_end)..paragraph_end];
            let before = &text[offset..mark];
            let speaker = match speaker_after(after).or_else(|| speaker_before(before)) {
                Some(Speaker::Named(name)) => Some(name),
                Some(Speaker::Pronoun) => last_speaker.clone(),
                None => previous_in_paragraph.clone(),
            };
            if speaker.is_some() {
                last_speaker = speaker.clone();
                previous_in_paragraph = speaker.clone();
            }
            quotes.push(FoundQuote { start, end, speaker });
        }
        offset += paragraph.len();
    }
    quotes
}

enum Speaker {
    Named(String),
    Pronoun,
}

/// Whether `word` is a verb of speech ("said", "dijo", "afirmou").
pub(crate) fn is_speech_verb(word: &str) -> bool {
    VERBS.contains(&word.to_lowercase().as_str())
}

fn is_verb(token: &Token<'_>) -> bool {
    let lower = token.text.to_lowercase();
    VERBS.contains(&lower.as_str())
}

/// A name starting at token `i`: capitalised words, with connectors and hyphens inside.
/// Returns the name and the index after it.
fn name_at(text: &str, t: &[Token<'_>], mut i: usize) -> Option<(String, usize)> {
    let start = i;
    let mut last_word = None;
    while let Some(token) = t.get(i) {
        let joined = i > start && t[i - 1].end == token.start; // no space: a hyphen or apostrophe joins
        if token.is_word() && token.is_capitalised() {
            last_word = Some(i);
            i += 1;
        } else if (token.is_word() && last_word.is_some() && CONNECTORS.contains(&token.text))
            || ((token.text == "-" || token.text == ".") && joined && last_word == Some(i - 1))
        {
            i += 1;
        } else {
            break;
        }
    }
    let last = last_word?;
    let name = text[t[start].start..t[last].end].to_string();
    Some((name, last + 1))
}

/// `,” Humire said`, `,” said Humire`, `,” he added`, `,” the minister said` (no name).
fn speaker_after(after: &str) -> Option<Speaker> {
    let t = tokenize(after);
    let mut i = 0;
    while t.get(i).is_some_and(|tok| tok.text == "," || tok.text == "”" || tok.text == "\"") {
        i += 1;
    }
    let first = t.get(i)?;
    let lower = first.text.to_lowercase();
    if PRONOUNS.contains(&lower.as_str()) && t.get(i + 1).is_some_and(is_verb) {
        return Some(Speaker::Pronoun);
    }
    if is_verb(first) {
        // said Humire / afirmou o delegado Marcos Ferreira / said the minister (no name)
        let mut k = i + 1;
        while t.get(k).is_some_and(|w| w.is_word() && !w.is_capitalised()) && k < i + 4 {
            k += 1;
        }
        if let Some((name, _)) = name_at(after, &t, k) {
            return Some(Speaker::Named(name));
        }
        // "…,” acrescentou." — the verb alone continues the last speaker.
        let ends = t.get(i + 1).is_none_or(|w| matches!(w.text, "." | "\n"));
        return ends.then_some(Speaker::Pronoun);
    }
    let (name, next) = name_at(after, &t, i)?;
    t.get(next).filter(|v| is_verb(v)).map(|_| Speaker::Named(name))
}

/// `Humire said: “`, `Humire told reporters, “`, `According to Humire, “`.
fn speaker_before(before: &str) -> Option<Speaker> {
    let sentence_start = before.rfind(['.', '!', '?', '\n']).map_or(0, |at| at + 1);
    let clause = &before[sentence_start..];
    let t = tokenize(clause);
    // The clause must end in an introducing mark: a colon or comma, or "that" / "que"
    // and at most a few words ("Guaidó afirmó en 2019 que “…”", "…afirmou que os navios “…”").
    let that = t.iter().rposition(|tok| matches!(tok.text, "that" | "que"));
    let t = match that {
        _ if t.last().is_some_and(|tok| matches!(tok.text, ":" | ",")) => t,
        Some(at) if t.len() - at <= 4 => t[..=at].to_vec(),
        _ => return None,
    };
    let lower: Vec<String> = t.iter().map(|tok| tok.text.to_lowercase()).collect();
    if let Some(at) = lower.windows(2).position(|w| w[0] == "according" && w[1] == "to") {
        return name_at(clause, &t, at + 2).map(|(name, _)| Speaker::Named(name));
    }
    if let Some(at) = lower.iter().position(|w| w == "según" || w == "segundo") {
        return name_at(clause, &t, at + 1).map(|(name, _)| Speaker::Named(name));
    }
    let verb = t.iter().position(is_verb)?;
    let mut i = 0;
    while i < verb {
        if let Some((name, next)) = name_at(clause, &t, i) {
            // "Elizabeth Bagley, afirmou": a comma may close an apposition before the verb.
            if next == verb || next + 1 == verb && t[next].text == "," {
                return Some(Speaker::Named(name));
            }
            i = next;
        } else {
            i += 1;
        }
    }
    if verb > 0 && PRONOUNS.contains(&lower[verb - 1].as_str()) {
        return Some(Speaker::Pronoun);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<(String, Option<String>)> {
        find_quotes(text).into_iter().map(|q| (text[q.start..q.end].to_string(), q.speaker)).collect()
    }

    #[test]
    fn speakers_after_the_quotation() {
        let text = "“The armed forces have drones from Iran,” Joseph Humire said in February. \
                    “All has been delivered as cargo shipments,” he added.\n\
                    “These nations resisted the sanctions together,” said Miguel Díaz-Canel.";
        assert_eq!(
            quotes(text),
            vec![
                ("The armed forces have drones from Iran,".into(), Some("Joseph Humire".into())),
                ("All has been delivered as cargo shipments,".into(), Some("Joseph Humire".into())),
                ("These nations resisted the sanctions together,".into(), Some("Miguel Díaz-Canel".into())),
            ]
        );
    }

    #[test]
    fn an_unattributed_quotation_follows_the_last_speaker_of_its_paragraph() {
        let text = "“You have visited three countries,” Díaz-Canel said at the time. \
                    “These nations have had to confront the sanctions.”\n\
                    “This visit reinforced our conviction,” he added.";
        let found = quotes(text);
        assert!(found.iter().all(|(_, s)| s.as_deref() == Some("Díaz-Canel")), "{found:?}");
    }

    #[test]
    fn speakers_before_the_quotation_and_in_other_languages() {
        assert_eq!(
            quotes("El canciller Yván Gil dijo: «No aceptaremos que terceros decidan por nosotros».")[0].1.as_deref(),
            Some("Yván Gil")
        );
        assert_eq!(
            quotes("According to Tarek El Aissami, \"the shipments arrived on time every week.\"")[0].1.as_deref(),
            Some("Tarek El Aissami")
        );
        assert_eq!(quotes("“Nós vamos continuar o acordo assinado,” afirmou o ministro.")[0].1, None);
    }

    #[test]
    fn a_speaker_introducing_a_quotation_with_that() {
        assert_eq!(
            quotes("Juan Guaidó afirmó en 2019 que “los cubanos controlan los registros del país”."),
            vec![("los cubanos controlan los registros del país".into(), Some("Juan Guaidó".into()))]
        );
        assert_eq!(
            quotes("The envoy said that “the shipments will continue every month”."),
            vec![("the shipments will continue every month".into(), None)]
        );
    }

    #[test]
    fn speakers_named_after_a_title_and_verbs_standing_alone() {
        let text = "\"A rede usava empresas de fachada\", afirmou o delegado Marcos Ferreira em entrevista. \
                    \"Ainda não sabemos o tamanho do esquema\", acrescentou.";
        let found = quotes(text);
        assert!(found.iter().all(|(_, s)| s.as_deref() == Some("Marcos Ferreira")), "{found:?}");
    }

    #[test]
    fn short_scare_quotes_are_not_quotations() {
        assert!(quotes("the “president” and his “cooperation agreements” with “common interests, views,”").is_empty());
        let unattributed =
            quotes("justifying it as Iran’s “legitimate defense against threats and crimes of the regime.”");
        assert_eq!(unattributed, vec![("legitimate defense against threats and crimes of the regime.".into(), None)]);
    }
}
