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
    // What reporters also write for speech, in the three languages.
    "announced",
    "cautioned",
    "maintained",
    "testified",
    "urged",
    "described",
    "called",
    "denied",
    "confirmed",
    "reiterated",
    "commented",
    "confirmó",
    "reiteró",
    "denunció",
    "reconoció",
    "precisó",
    "puntualizó",
    "comentó",
    "insistió",
    "escribió",
    "calificó",
    "describió",
    "llamó",
    "negó",
    "respondió",
    "concluyó",
    "avaliou",
    "argumentou",
    "defendeu",
    "criticou",
    "negou",
    "informou",
    "comentou",
    "reforçou",
    "admitiu",
    "alertou",
    "completou",
    "concluiu",
    "pontuou",
    "lembrou",
    "assegurou",
    "sustentou",
    "classificou",
    "descreveu",
    "chamou",
    "confirmou",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "él", "ella", "ele", "ela"];

/// Abbreviations written with a full stop inside a name ("Mr. Reeves", "Gen. Ruiz").
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "Col", "Lt", "St", "Jr", "Sr", "Prof", "Gov", "Sgt", "Capt", "Adm",
    "Maj", "Hon", "Sra", "Dra",
];

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

/// Finds the quotations of `text` and their speakers, with no knowledge of who the
/// text names (see [`find_quotes_among`]).
pub fn find_quotes(text: &str) -> Vec<FoundQuote> {
    find_quotes_among(text, &[])
}

/// A person the text names, as the actor finder found them: byte span and name.
#[derive(Debug, Clone)]
pub struct Person {
    pub start: usize,
    pub end: usize,
    pub name: String,
}

/// Finds the quotations of `text` and their speakers. `people` (in text order) lets a
/// speaker written as a pronoun, left out ("…”, afirmó."), or named by a title alone
/// ("said the minister", "escreveu o procurador") resolve to a person: for a title, the
/// last person the text introduced with it ("the minister, Ana Ruiz"); otherwise the
/// speaker of the paragraph's previous quotation, else the person named last before.
pub fn find_quotes_among(text: &str, people: &[Person]) -> Vec<FoundQuote> {
    let mut quotes = Vec::new();
    let mut last_speaker: Option<String> = None;
    let mut offset = 0;
    let person_before = |at: usize| people.iter().rev().find(|p| p.end <= at).map(|p| p.name.clone());
    // Paragraphs with words since the last quotation with a speaker ended.
    let mut paragraphs_since_speaker = usize::MAX;
    // Where the last quotation with a speaker ended, and whether a person is named
    // between it and a later point (then "he said" is more likely that person).
    let mut last_spoken_end = 0;
    let named_since = |from: usize, to: usize, speaker: &Option<String>| {
        people.iter().any(|p| p.start >= from && p.end <= to && Some(&p.name) != speaker.as_ref())
    };
    for paragraph in text.split_inclusive('\n') {
        let mut previous_in_paragraph: Option<String> = None;
        let paragraph_start = offset + (paragraph.len() - paragraph.trim_start().len());
        let spoken_just_before = paragraphs_since_speaker <= 1;
        if paragraph.chars().any(char::is_alphanumeric) {
            paragraphs_since_speaker = paragraphs_since_speaker.saturating_add(1);
        }
        // A person this paragraph names before `at`: "Fiona Parry issued a plea… “…,” she said."
        let named_here =
            |at: usize| people.iter().rev().find(|p| p.start >= paragraph_start && p.end <= at).map(|p| p.name.clone());
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
                // "She added: “…”": the one this paragraph named, else the one who spoke
                // last if they spoke just before, else the last person named.
                Some(Speaker::Pronoun) => previous_in_paragraph
                    .clone()
                    .or_else(|| named_here(mark))
                    .or_else(|| last_speaker.clone().filter(|_| !named_since(last_spoken_end, mark, &last_speaker)))
                    .or_else(|| person_before(mark))
                    .or_else(|| last_speaker.clone()),
                Some(Speaker::Title(title)) => titled(text, people, &title, mark),
                // A paragraph that opens on a quotation nobody is said to speak continues
                // the quotation of the paragraph before (a speech quoted over paragraphs).
                None if mark == paragraph_start
                    && spoken_just_before
                    && previous_in_paragraph.is_none()
                    && !named_since(last_spoken_end, mark, &last_speaker) =>
                {
                    last_speaker.clone()
                }
                None => previous_in_paragraph.clone(),
            };
            if speaker.is_some() {
                last_speaker = speaker.clone();
                previous_in_paragraph = speaker.clone();
                paragraphs_since_speaker = 0;
                last_spoken_end = end;
            }
            quotes.push(FoundQuote { start, end, speaker });
        }
        offset += paragraph.len();
    }
    quotes
}

enum Speaker {
    Named(String),
    /// "he said", or a speech verb with no subject: someone named before.
    Pronoun,
    /// "said the minister": the person introduced with that title (the noun, lower case).
    Title(String),
}

/// Articles before a title standing for a person ("the minister", "el canciller").
const ARTICLES: &[&str] = &["the", "el", "la", "o", "a"];

/// The person `title` introduced last before `at`: the title followed, within a few
/// words ("the minister of defence, Ana Ruiz", "o procurador Henrique Dantas"), by a
/// person the text names.
fn titled(text: &str, people: &[Person], title: &str, at: usize) -> Option<String> {
    let lower = text[..at].to_lowercase();
    let mut search = lower.len();
    while let Some(found) = lower[..search].rfind(title) {
        search = found;
        let word_start = lower[..found].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = found + title.len();
        if !word_start {
            continue;
        }
        // The first person named after the title, within about eight words of it.
        if let Some(person) = people.iter().find(|p| p.start >= after && p.start < at) {
            let between = &text[after..person.start];
            if between.split_whitespace().count() <= 8 && !between.contains(['.', '\n', '“', '"', '«']) {
                return Some(person.name.clone());
            }
        }
    }
    None
}

/// A lower-case word with the ending of a finite verb in the past: "rejected",
/// "rechazó", "recordó", "rejeitou", "firmaron", "assinaram".
fn is_finite_past(token: &Token<'_>) -> bool {
    let word = token.text;
    token.is_word()
        && !token.is_capitalised()
        && word.chars().count() > 4
        && ["ed", "ó", "ió", "ou", "aron", "ieron", "aram", "eram"].iter().any(|end| word.ends_with(end))
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
                                                               // A full stop joins only an initial or an abbreviated title ("Marisol K.
                                                               // Whitfield", "Mr. Reeves"), not a sentence's end ("…Pimentel Sá. Segundo…").
        let initial = last_word == Some(i.wrapping_sub(1))
            && (t[i - 1].text.chars().count() == 1 || ABBREVIATIONS.contains(&t[i - 1].text));
        if token.is_word()
            && token.is_capitalised()
            && !(i == start && PRONOUNS.contains(&token.text.to_lowercase().as_str()))
        {
            last_word = Some(i);
            i += 1;
        } else if (token.is_word() && last_word.is_some() && CONNECTORS.contains(&token.text))
            || (token.text == "-" && joined && last_word == Some(i - 1))
            || (token.text == "." && joined && initial)
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
    // "…,” the minister said.
    if ARTICLES.contains(&lower.as_str()) {
        if let (Some(noun), Some(verb)) = (t.get(i + 1), t.get(i + 2)) {
            if noun.is_word() && !noun.is_capitalised() && is_verb(verb) {
                return Some(Speaker::Title(noun.text.to_lowercase()));
            }
        }
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
        // "said the minister" / "dijo el canciller": a title standing for a person.
        if let (Some(article), Some(noun)) = (t.get(i + 1), t.get(i + 2)) {
            if ARTICLES.contains(&article.text.to_lowercase().as_str()) && noun.is_word() && !noun.is_capitalised() {
                return Some(Speaker::Title(noun.text.to_lowercase()));
            }
        }
        // "…,” acrescentou." — the verb alone: someone named before.
        let ends = t.get(i + 1).is_none_or(|w| matches!(w.text, "." | "\n" | ","))
            || t.get(i + 1).is_some_and(|w| w.is_word() && !w.is_capitalised());
        return ends.then_some(Speaker::Pronoun);
    }
    // "…,” her mother, Fiona, said": a description, then the name in apposition.
    let mut k = i;
    while t.get(k).is_some_and(|w| w.is_word() && !w.is_capitalised()) && k < i + 3 {
        k += 1;
    }
    if k > i && t.get(k).is_some_and(|c| c.text == ",") {
        if let Some((name, next)) = name_at(after, &t, k + 1) {
            let verb_at = if t.get(next).is_some_and(|c| c.text == ",") { next + 1 } else { next };
            if t.get(verb_at).is_some_and(is_verb) {
                return Some(Speaker::Named(name));
            }
        }
    }
    let (name, next) = name_at(after, &t, i)?;
    t.get(next).filter(|v| is_verb(v)).map(|_| Speaker::Named(name))
}

/// `Humire said: “`, `Humire told reporters, “`, `According to Humire, “`.
fn speaker_before(before: &str) -> Option<Speaker> {
    let sentence_start = before.rfind(['.', '!', '?', '\n']).map_or(0, |at| at + 1);
    let clause = &before[sentence_start..];
    let t = tokenize(clause);
    // "Para o pesquisador Leonardo Brandt Nogueira, da FGV, a relação é “…”", "For
    // Tom Forte, …": the view of the person named after "para" / "for" opening the clause.
    if matches!(t.first().map(|w| w.text.to_lowercase()).as_deref(), Some("para" | "for")) {
        let mut k = 1;
        while t.get(k).is_some_and(|w| w.is_word() && !w.is_capitalised()) && k < 4 {
            k += 1;
        }
        if let Some((name, next)) = name_at(clause, &t, k) {
            if t.get(next).is_some_and(|c| c.text == ",") {
                return Some(Speaker::Named(name));
            }
        }
    }
    // The clause must end in an introducing mark: a colon or comma, or "that" / "que"
    // and at most a few words ("Guaidó afirmó en 2019 que “…”", "…afirmou que os navios “…”").
    let that = t.iter().rposition(|tok| matches!(tok.text, "that" | "que"));
    // "Farahzadi described Nicaragua as a “…”", "calificó a China como “…”": a verb of
    // speech or characterization in the clause introduces it too.
    let introduced_by_verb = t.iter().any(is_verb);
    let t = match that {
        _ if t.last().is_some_and(|tok| matches!(tok.text, ":" | ",")) => t,
        Some(at) if t.len() - at <= 4 => t[..=at].to_vec(),
        _ if introduced_by_verb => t,
        _ => return subject_of(clause, &t, t.len()),
    };
    let lower: Vec<String> = t.iter().map(|tok| tok.text.to_lowercase()).collect();
    if let Some(at) = lower.windows(2).position(|w| w[0] == "according" && w[1] == "to") {
        return name_at(clause, &t, at + 2).map(|(name, _)| Speaker::Named(name));
    }
    if let Some(at) = lower.iter().position(|w| w == "según" || w == "segundo") {
        return name_at(clause, &t, at + 1).map(|(name, _)| Speaker::Named(name));
    }
    let Some(verb) = t.iter().position(is_verb) else { return subject_of(clause, &t, t.len()) };
    let mut i = 0;
    while i < verb {
        if let Some((name, next)) = name_at(clause, &t, i) {
            // "Elizabeth Bagley, afirmou": a comma may close an apposition before the verb.
            if next == verb || next + 1 == verb && t[next].text == "," {
                return Some(Speaker::Named(name));
            }
            // "Joel Perlmutter, an attorney for Quevedo, said": the name before an
            // apposition speaks, not the one inside it.
            let apposition = t.get(next).is_some_and(|c| c.text == ",")
                && verb >= next + 3
                && t[verb - 1].text == ","
                && t[next + 1].is_word()
                && !t[next + 1].is_capitalised()
                && !t[next + 1..verb - 1].iter().any(|w| w.text == "," || is_verb(w));
            if apposition {
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
    // "The minister said: “…”" / "El canciller aseguró que “…”".
    if verb >= 2
        && ARTICLES.contains(&lower[verb - 2].as_str())
        && t[verb - 1].is_word()
        && !t[verb - 1].is_capitalised()
    {
        return Some(Speaker::Title(lower[verb - 1].clone()));
    }
    // A clause opening on the verb ("Afirmó que “…”"): someone named before.
    if verb == 0 {
        return Some(Speaker::Pronoun);
    }
    subject_of(clause, &t, verb)
}

/// "Teherán rechazó el fallo y lo atribuyó a “…”", "Ferrer Lugo, rechazó … lo que llamó
/// “…”": a quotation inside a sentence is its subject's, the name before token `until`
/// that a finite verb follows (after an apposition's comma, if any).
fn subject_of(clause: &str, t: &[Token<'_>], until: usize) -> Option<Speaker> {
    let mut i = 0;
    while i < until {
        if let Some((name, next)) = name_at(clause, t, i) {
            let after = if t.get(next).is_some_and(|c| c.text == ",") { next + 1 } else { next };
            if t.get(after).is_some_and(is_finite_past) {
                return Some(Speaker::Named(name));
            }
            i = next;
        } else {
            i += 1;
        }
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

    fn people(text: &str, names: &[&str]) -> Vec<Person> {
        let mut people: Vec<Person> = names
            .iter()
            .flat_map(|name| {
                text.match_indices(name).map(|(at, _)| Person {
                    start: at,
                    end: at + name.len(),
                    name: name.to_string(),
                })
            })
            .collect();
        people.sort_by_key(|p| p.start);
        people
    }

    #[test]
    fn a_title_alone_names_the_person_introduced_with_it() {
        let text = r#"El ministro de Defensa venezolano, Domingo Ferrer Lugo, habló el jueves con la prensa. "La FANB no tolera grupos armados en el territorio nacional", dijo el ministro.
"Não se trata de um erro de classificação", escreveu o procurador Henrique Dantas na peça. "Houve um esquema deliberado para contornar sanções", disse o procurador."#;
        let found = find_quotes_among(text, &people(text, &["Domingo Ferrer Lugo", "Henrique Dantas"]));
        let speakers: Vec<Option<&str>> = found.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(speakers, [Some("Domingo Ferrer Lugo"), Some("Henrique Dantas"), Some("Henrique Dantas")]);
        // With nobody introduced by that title, nobody is guessed.
        assert_eq!(
            find_quotes_among(r#""Nós vamos continuar o acordo assinado", disse o ministro."#, &[])[0].speaker,
            None
        );
    }

    #[test]
    fn a_speech_quoted_over_paragraphs_keeps_its_speaker() {
        let text = "Eloise Parry was taken to Royal Shrewsbury hospital.\n\n\
                    “The drug was in her system, there was no antidote,” her mother, Fiona Parry, said.\n\n\
                    “As Eloise deteriorated, the staff did all they could to stabilise her.\n\n\
                    She added: “They never stood a chance of saving her.”\n\n\
                    Jennifer Mattinson of the police spoke later.\n\n\
                    “We are still looking into where the tablets came from.”";
        let found = find_quotes_among(
            text,
            &people(text, &["Eloise Parry", "Royal Shrewsbury", "Fiona Parry", "Jennifer Mattinson"]),
        );
        let speakers: Vec<Option<&str>> = found.iter().map(|q| q.speaker.as_deref()).collect();
        // The last quotation follows a paragraph naming someone else: nobody is guessed.
        assert_eq!(speakers, [Some("Fiona Parry"), Some("Fiona Parry"), Some("Fiona Parry"), None]);
    }

    #[test]
    fn a_verb_or_pronoun_alone_names_the_person_named_last() {
        let text = r#"El general Hernando Rubiano Ospina confirmó la existencia de los campamentos. "El ELN usa el territorio venezolano como retaguardia", afirmó.
Karataş denied it through his lawyer.
“My company has never done business with any Iranian entity,” he said."#;
        let found = find_quotes_among(text, &people(text, &["Hernando Rubiano Ospina", "Karataş"]));
        let speakers: Vec<Option<&str>> = found.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(speakers, [Some("Hernando Rubiano Ospina"), Some("Karataş")]);
    }

    #[test]
    fn a_verb_of_characterization_introduces_a_quotation_too() {
        let text = "Farahzadi described Nicaragua as a \"steadfast friend of the Islamic Republic\" at the meeting.";
        assert_eq!(quotes(text)[0].1.as_deref(), Some("Farahzadi"));
    }

    #[test]
    fn names_keep_initials_and_abbreviated_titles_but_stop_at_a_full_stop() {
        assert_eq!(
            quotes("“We will dismantle every part of it,” said Marisol K. Whitfield.")[0].1.as_deref(),
            Some("Marisol K. Whitfield")
        );
        assert_eq!(quotes("“These guys are the worst of them,” Mr. Reeves said.")[0].1.as_deref(), Some("Mr. Reeves"));
        let text = "“Meu cliente é um comerciante estabelecido há anos”, disse o advogado Eduardo Pimentel Sá. Segundo ele, nada foi provado.";
        assert_eq!(quotes(text)[0].1.as_deref(), Some("Eduardo Pimentel Sá"));
    }

    #[test]
    fn the_name_before_an_apposition_speaks() {
        let found =
            quotes("Joel Perlmutter, an attorney for Quevedo, said his client \"never took a cent from anyone.\"");
        assert_eq!(found[0].1.as_deref(), Some("Joel Perlmutter"));
    }

    #[test]
    fn a_quotation_inside_a_sentence_is_its_subjects() {
        let found = quotes("Teherán rechazó el fallo y lo atribuyó a \"presiones del sionismo internacional\".");
        assert_eq!(found[0].1.as_deref(), Some("Teherán"));
        let found = quotes(
            "En Caracas, el ministro Domingo Ferrer Lugo, rechazó el jueves lo que llamó \"una campaña de mentiras del uribismo\".",
        );
        assert_eq!(found[0].1.as_deref(), Some("Domingo Ferrer Lugo"));
        let found = quotes(
            "Para o pesquisador Leonardo Brandt Nogueira, da FGV, a relação é \"mais comercial do que ideológica\".",
        );
        assert_eq!(found[0].1.as_deref(), Some("Leonardo Brandt Nogueira"));
        let found = quotes("“The drug was in her system, there was no antidote,” her mother, Fiona, said yesterday.");
        assert_eq!(found[0].1.as_deref(), Some("Fiona"));
        // No subject with a verb: no speaker.
        assert_eq!(quotes("The report, \"a long list of names and dates\", circulated.")[0].1, None);
    }

    #[test]
    fn short_scare_quotes_are_not_quotations() {
        assert!(quotes("the “president” and his “cooperation agreements” with “common interests, views,”").is_empty());
        let unattributed =
            quotes("justifying it as Iran’s “legitimate defense against threats and crimes of the regime.”");
        assert_eq!(unattributed, vec![("legitimate defense against threats and crimes of the regime.".into(), None)]);
    }
}
