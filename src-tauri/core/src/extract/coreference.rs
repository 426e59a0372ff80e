//! Who phrases stand for, as far as claims between actors need it: "the Maduro regime"
//! and "his regime" are the state Maduro leads; "both countries" are the last two
//! states named. A person's state is learned from the same text ("Iranian President
//! Ebrahim Raisi", "Iran’s former president Mahmoud Ahmadinejad").

use super::actors::Lexicon;
use super::claims::{starts_word, Mention};
use crate::model::ActorKind;
use std::collections::HashMap;

/// Nouns that make "<person> regime" or "his regime" stand for a state.
const STATE_NOUNS: &[&str] = &[
    "regime",
    "government",
    "administration",
    "dictatorship",
    "régimen",
    "gobierno",
    "governo",
    "regime",
    "ditadura",
    "dictadura",
];

/// Words opening a phrase that stands for the last two states named ("both countries",
/// "the two revolutionary nations", "esos dos países"); a noun of [`BOTH_NOUNS`] ends it,
/// one adjective may come between.
const BOTH: &[&str] = &[
    "both",
    "the two",
    "these two",
    "those two",
    "those",
    "ambos",
    "ambas",
    "los dos",
    "las dos",
    "esos dos",
    "estos dos",
    "os dois",
    "as duas",
    "ambos os",
    "ambas as",
    "esses dois",
    "estes dois",
];

/// Nouns for states in a phrase of [`BOTH`].
const BOTH_NOUNS: &[&str] = &[
    "countries",
    "nations",
    "governments",
    "regimes",
    "states",
    "republics",
    "allies",
    "países",
    "naciones",
    "nações",
    "gobiernos",
    "governos",
    "regímenes",
    "estados",
    "repúblicas",
    "aliados",
];

/// Phrases for the armed group named last.
const GROUP: &[&str] = &[
    "the group",
    "that group",
    "the militia",
    "el grupo",
    "ese grupo",
    "este grupo",
    "la milicia",
    "o grupo",
    "esse grupo",
    "a milícia",
];

/// Phrases for the person a lawyer speaks for.
const CLIENT: &[&str] = &["his client", "her client", "su cliente", "seu cliente", "sua cliente"];

/// Where the phrases of [`BOTH`], [`GROUP`] and [`CLIENT`] (numbered in that order) start
/// as whole words in `lower`, found in one pass.
fn phrase_hits(lower: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    static PHRASES: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let automaton = PHRASES.get_or_init(|| {
        aho_corasick::AhoCorasick::new(BOTH.iter().chain(GROUP).chain(CLIENT)).expect("fixed phrases build")
    });
    automaton
        .find_overlapping_iter(lower)
        .filter(move |m| starts_word(lower, m.start()))
        .map(|m| (m.pattern().as_usize(), m.start()))
}

/// Pronouns that open a sentence as its subject.
const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "él", "ella", "ele", "ela"];

/// Articles before a title standing for a person ("the minister", "el canciller").
const ARTICLES: &[&str] = &["the", "el", "la", "o", "a"];

/// Words after a title that make it introduce a name rather than stand for one:
/// "the minister of defence, Ana Ruiz", "el ministro de Defensa venezolano, …".
const INTRODUCING: &[&str] = &["of", "for", "de", "del", "do", "da", "dos", "das", "para"];

/// "the country", "el país", "o país" as a clause's subject: the state named last.
const THE_COUNTRY: &[&str] = &["the country", "el país", "o país"];

const POSSESSIVES: &[&str] = &["his", "her", "its", "su", "seu", "sua"];

/// Mentions for claim finding, with regime phrases and "both countries" resolved.
pub(crate) fn resolve_for_claims(text: &str, mut mentions: Vec<Mention>, lexicon: &Lexicon) -> Vec<Mention> {
    // "anti-U.S.", "pro-Iran" name an attitude, not a party, and are no antecedents.
    mentions.retain(|m| {
        let before = super::claims::tail_lower(&text[..m.start], 5);
        !(before.ends_with("anti-") || before.ends_with("pro-"))
    });
    let states_of = learn_states(text, &mentions, lexicon);
    // "<person> regime", "<person>’s government" → the person's state.
    for m in mentions.iter_mut().filter(|m| m.kind == ActorKind::Person) {
        let Some(state) = states_of.get(&m.actor) else { continue };
        let rest = text[m.end..].trim_start();
        let rest = rest.strip_prefix("’s").or_else(|| rest.strip_prefix("'s")).unwrap_or(rest).trim_start();
        let next: String = rest.chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
        if STATE_NOUNS.contains(&next.as_str()) {
            m.actor = state.clone();
            m.kind = ActorKind::State;
        }
    }
    // ASCII lower case keeps every byte offset valid in `text`.
    let lower = text.to_ascii_lowercase();
    let mut extra = Vec::new();
    // "his regime" → the state of the last person named before it who has one.
    for noun in STATE_NOUNS {
        for (noun_at, _) in lower.match_indices(noun) {
            let before = lower[..noun_at].trim_end();
            let Some(possessive) = POSSESSIVES.iter().find(|p| {
                before.ends_with(*p)
                    && before[..before.len() - p.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
            }) else {
                continue;
            };
            let at = before.len() - possessive.len();
            let phrase_len = noun_at + noun.len() - at;
            {
                let state = mentions.iter().rev().filter(|m| m.end <= at).find_map(|m| {
                    if m.kind == ActorKind::Person {
                        states_of.get(&m.actor)
                    } else {
                        None
                    }
                });
                if let Some(state) = state {
                    extra.push(Mention {
                        start: at,
                        end: at + phrase_len,
                        actor: state.clone(),
                        kind: ActorKind::State,
                    });
                }
            }
        }
    }
    // "both countries" → the last two distinct states named before it.
    for (at, phrase_end) in both_phrases(&lower) {
        {
            // "Both countries supported Iran": Iran is the other party, not one of the two.
            let sentence_end = lower[at..].find(['.', '!', '?', '\n']).map_or(lower.len(), |e| at + e);
            let later: Vec<&str> =
                mentions.iter().filter(|m| m.start > at && m.end <= sentence_end).map(|m| m.actor.as_str()).collect();
            let mut states: Vec<&Mention> = Vec::new();
            for m in mentions
                .iter()
                .rev()
                .filter(|m| m.end <= at && m.kind == ActorKind::State && !later.contains(&m.actor.as_str()))
            {
                if !states.iter().any(|s| s.actor == m.actor) {
                    states.push(m);
                }
                if states.len() == 2 {
                    break;
                }
            }
            if states.len() == 2 {
                // Two mentions at the phrase, joined as "X and Y" would be.
                let end = phrase_end;
                extra.push(Mention { start: at, end: at, actor: states[1].actor.clone(), kind: ActorKind::State });
                extra.push(Mention { start: at, end, actor: states[0].actor.clone(), kind: ActorKind::State });
            }
        }
    }
    mentions.extend(extra);
    mentions.sort_by_key(|m| (m.start, m.end));
    let mut referred = subjects_referred(text, &mentions, &states_of, lexicon);
    referred.extend(descriptions_referred(text, &mentions));
    referred.sort_by_key(|m| (m.start, m.end));
    referred.dedup_by(|later, earlier| later.start < earlier.end);
    if !referred.is_empty() {
        // What a description holds ("The Nicaraguan foreign minister") only describes it:
        // no two mentions may overlap where claims are found.
        mentions.retain(|m| !referred.iter().any(|r| m.start < r.end && r.start < m.end));
        mentions.extend(referred);
        mentions.sort_by_key(|m| (m.start, m.end));
    }
    mentions
}

/// A sentence's subject written as a pronoun ("He also condemned…"), a title alone
/// ("The Nicaraguan foreign minister also held talks…", "El ministro rechazó…") or "the
/// country" ("…acrescentou que o país tem mantido diálogo com Teerã"), as the actor it
/// stands for: a title, the person the text introduced with it (else the one person of
/// the description's state); a pronoun, the person a recent sentence was about; the
/// country, the state named last.
fn subjects_referred(
    text: &str,
    mentions: &[Mention],
    states_of: &HashMap<String, String>,
    lexicon: &Lexicon,
) -> Vec<Mention> {
    let mut referred: Vec<Mention> = Vec::new();
    // ASCII lower case keeps every byte offset valid in `text`.
    let lower = text.to_ascii_lowercase();
    // The person each sentence so far is about: its first person, named early.
    let mut subjects: Vec<Option<String>> = Vec::new();
    for (s_start, s_end) in super::claims::sentences(text) {
        let words = words_of(text, s_start, s_end);
        let opening = words.iter().position(|(_, w)| w.chars().any(char::is_alphanumeric)).unwrap_or(0);
        let mut found: Option<Mention> = None;
        if let Some(&(at, first)) = words.get(opening) {
            let first_lower = first.to_lowercase();
            let verb_next = words.get(opening + 1).is_some_and(|(_, w)| starts_lower(w));
            if SUBJECT_PRONOUNS.contains(&first_lower.as_str()) && verb_next {
                let person = subjects.iter().rev().take(3).flatten().next().cloned().or_else(|| {
                    mentions.iter().rev().find(|m| m.kind == ActorKind::Person && m.end <= at).map(|m| m.actor.clone())
                });
                found =
                    person.map(|actor| Mention { start: at, end: at + first.len(), actor, kind: ActorKind::Person });
            } else if ARTICLES.contains(&first_lower.as_str()) {
                found = titled_subject(text, &lower, &words[opening..], mentions, states_of, lexicon);
            }
        }
        // "the country" opening the sentence or its reported clause ("que o país…").
        if found.is_none() {
            found = the_country(text, &words, mentions);
        }
        let from = mentions.partition_point(|m| m.start < s_start);
        let first_person = found.iter().chain(mentions[from..].iter().take_while(|m| m.start < s_end).filter(|m| {
            m.kind == ActorKind::Person
                && m.start >= s_start
                && m.end <= s_end
                && text[s_start..m.start].split_whitespace().count() <= 8
        }));
        subjects.push(first_person.filter(|m| m.kind == ActorKind::Person).map(|m| m.actor.clone()).next());
        referred.extend(found);
    }
    referred
}

/// Phrases for the armed group named last ("ese grupo", "the group") and for the person a
/// lawyer speaks for ("su cliente", "his client": the person named last before the
/// sentence), as mentions of them.
fn descriptions_referred(text: &str, mentions: &[Mention]) -> Vec<Mention> {
    // ASCII lower case keeps every byte offset valid in `text`.
    let lower = text.to_ascii_lowercase();
    let whole = |at: usize, len: usize| lower[at + len..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    let mut out = Vec::new();
    for (i, at) in phrase_hits(&lower) {
        let Some((phrase, client)) = GROUP
            .get(i.wrapping_sub(BOTH.len()))
            .map(|p| (*p, false))
            .or_else(|| CLIENT.get(i.wrapping_sub(BOTH.len() + GROUP.len())).map(|p| (*p, true)))
        else {
            continue;
        };
        {
            if !whole(at, phrase.len()) {
                continue;
            }
            {
                let sentence_start = lower[..at].rfind(['.', '!', '?', '\n']).map_or(0, |p| p + 1);
                let referent = if client {
                    let here: Vec<&str> = mentions
                        .iter()
                        .filter(|m| m.start >= sentence_start && m.end <= at && m.kind == ActorKind::Person)
                        .map(|m| m.actor.as_str())
                        .collect();
                    mentions.iter().rev().find(|m| {
                        m.end <= sentence_start && m.kind == ActorKind::Person && !here.contains(&m.actor.as_str())
                    })
                } else {
                    mentions.iter().rev().find(|m| m.end <= at && m.kind == ActorKind::ArmedGroup)
                };
                if let Some(r) = referent {
                    let end = at + phrase.len();
                    if !mentions.iter().any(|m| m.start < end && at < m.end) {
                        out.push(Mention { start: at, end, actor: r.actor.clone(), kind: r.kind });
                    }
                }
            }
        }
    }
    out
}

/// "The Nicaraguan foreign minister also…": an article, lower-case words or demonyms,
/// a title, then no name (that would be the name it introduces).
fn titled_subject(
    text: &str,
    lower: &str,
    words: &[(usize, &str)],
    mentions: &[Mention],
    states_of: &HashMap<String, String>,
    lexicon: &Lexicon,
) -> Option<Mention> {
    let start = words[0].0;
    let mut state = None;
    for (k, &(at, word)) in words.iter().enumerate().skip(1).take(4) {
        if let Some(s) = lexicon.state_of_demonym(word) {
            state = Some(s.to_string());
            continue;
        }
        if !starts_lower(word) {
            return None;
        }
        if !super::actors::is_person_title(word) {
            continue;
        }
        let next = words.get(k + 1).map(|(_, w)| *w)?;
        if !starts_lower(next) || INTRODUCING.contains(&next.to_lowercase().as_str()) {
            return None;
        }
        let title = word.to_lowercase();
        let person = introduced_with(text, lower, &title, start, mentions).or_else(|| {
            // "The Iranian top diplomat": the one person of that state named before.
            let state = state.as_ref()?;
            let mut of_state: Vec<&str> = mentions
                .iter()
                .filter(|m| m.kind == ActorKind::Person && m.end <= start)
                .filter(|m| states_of.get(&m.actor) == Some(state))
                .map(|m| m.actor.as_str())
                .collect();
            of_state.dedup();
            of_state.sort_unstable();
            of_state.dedup();
            (of_state.len() == 1).then(|| of_state[0].to_string())
        })?;
        return Some(Mention { start, end: at + word.len(), actor: person, kind: ActorKind::Person });
    }
    None
}

/// The person the text introduced last before `at` with `title`: the title followed,
/// within eight words and no sentence's end, by the person's name.
fn introduced_with(text: &str, lower: &str, title: &str, at: usize, mentions: &[Mention]) -> Option<String> {
    let mut search = at;
    while let Some(found) = lower[..search].rfind(title) {
        search = found;
        let after = found + title.len();
        if !starts_word(&lower, found) || lower[after..].chars().next().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let from = mentions.partition_point(|m| m.start < after);
        let person = mentions[from..].iter().take_while(|m| m.start < at).find(|m| m.kind == ActorKind::Person);
        if let Some(person) = person {
            let between = &text[after..person.start];
            if between.split_whitespace().count() <= 8 && !between.contains(['.', '\n', '“', '"', '«']) {
                return Some(person.actor.clone());
            }
        }
    }
    None
}

/// "the country" as the subject of the sentence or of a clause after "that"/"que": the
/// state named last before it.
fn the_country(text: &str, words: &[(usize, &str)], mentions: &[Mention]) -> Option<Mention> {
    for (k, &(at, _)) in words.iter().enumerate() {
        let opens = k == 0 || ["that", "que"].iter().any(|w| words[k - 1].1.eq_ignore_ascii_case(w));
        if !opens {
            continue;
        }
        let Some(phrase) = THE_COUNTRY.iter().find(|p| {
            text.get(at..at + p.len()).is_some_and(|w| w.to_lowercase() == **p)
                && text[at + p.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        }) else {
            continue;
        };
        let state = mentions.iter().rev().find(|m| m.kind == ActorKind::State && m.end <= at)?;
        return Some(Mention { start: at, end: at + phrase.len(), actor: state.actor.clone(), kind: ActorKind::State });
    }
    None
}

/// The words of `text[start..end]` with their byte offsets; punctuation other than
/// hyphens and apostrophes is a word of its own.
fn words_of(text: &str, start: usize, end: usize) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        if c.is_alphanumeric() || c == '-' || c == '\'' || c == '’' {
            open.get_or_insert(at);
            continue;
        }
        if let Some(o) = open.take() {
            words.push((o, &text[o..at]));
        }
        if !c.is_whitespace() {
            words.push((at, &text[at..at + c.len_utf8()]));
        }
    }
    if let Some(o) = open {
        words.push((o, &text[o..end]));
    }
    words
}

fn starts_lower(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

/// The spans of the phrases of `lower` (the text in ASCII lower case) that stand for two
/// states: an opener of [`BOTH`], at most one adjective, a noun of [`BOTH_NOUNS`]. Whole
/// words only: "cooperambos países" holds no "ambos países".
fn both_phrases(lower: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for (opener, at) in phrase_hits(lower).filter_map(|(i, at)| BOTH.get(i).map(|o| (*o, at))) {
        {
            let mut rest = &lower[at + opener.len()..];
            if !rest.starts_with(' ') {
                continue;
            }
            for _ in 0..2 {
                rest = rest.trim_start_matches(' ');
                let word_len = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
                let word = &rest[..word_len];
                if word.is_empty() {
                    break;
                }
                if BOTH_NOUNS.contains(&word) {
                    let end = lower.len() - rest.len() + word_len;
                    spans.push((at, end));
                    break;
                }
                rest = &rest[word_len..];
                if !rest.starts_with(' ') {
                    break;
                }
            }
        }
    }
    spans.sort_unstable();
    // "ambos os países" also holds "os países"… only openers of BOTH count, and the
    // longest phrase at a place.
    spans.dedup_by(|later, earlier| later.1 == earlier.1);
    spans
}

/// Each person's state, when the text puts a state or demonym right before the name
/// (titles between allowed).
fn learn_states(text: &str, mentions: &[Mention], lexicon: &Lexicon) -> HashMap<String, String> {
    let mut states = HashMap::new();
    for (i, m) in mentions.iter().enumerate().filter(|(_, m)| m.kind == ActorKind::Person) {
        if states.contains_key(&m.actor) {
            continue;
        }
        let window_start = text[..m.start].char_indices().rev().nth(60).map_or(0, |(at, _)| at);
        let before = &text[window_start..m.start];
        // A state mention ending within the few words before the name.
        let by_mention = mentions[..i]
            .iter()
            .rev()
            .take_while(|p| p.end >= window_start)
            .find(|p| p.kind == ActorKind::State && text[p.end..m.start].split_whitespace().count() <= 4)
            .map(|p| p.actor.clone());
        // Or a demonym among those words ("Venezuelan Maduro regime").
        let by_demonym = || {
            before
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .rev()
                .filter(|w| !w.is_empty())
                .take(4)
                .find_map(|w| lexicon.state_of_demonym(w).map(str::to_string))
        };
        if let Some(state) = by_mention.or_else(by_demonym) {
            states.insert(m.actor.clone(), state);
        }
    }
    states
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(text: &str, surface: &str, nth: usize, actor: &str, kind: ActorKind) -> Mention {
        let start = text.match_indices(surface).nth(nth).unwrap().0;
        Mention { start, end: start + surface.len(), actor: actor.into(), kind }
    }

    #[test]
    fn regimes_and_both_countries_stand_for_states() {
        let text =
            "Venezuelan dictator Nicolás Maduro met Cuba’s leaders. The Maduro regime and his government agreed. \
                    Both countries signed.";
        let mentions = vec![
            mention(text, "Venezuelan", 0, "Venezuela", ActorKind::State),
            mention(text, "Nicolás Maduro", 0, "Nicolás Maduro", ActorKind::Person),
            mention(text, "Cuba", 0, "Cuba", ActorKind::State),
            mention(text, "Maduro", 1, "Nicolás Maduro", ActorKind::Person),
        ];
        let resolved = resolve_for_claims(text, mentions, &Lexicon::builtin());
        let at = |phrase: &str| {
            let start = text.find(phrase).unwrap();
            resolved
                .iter()
                .filter(|m| m.start >= start && m.start <= start + phrase.len())
                .map(|m| m.actor.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(at("Maduro regime"), ["Venezuela"]);
        assert_eq!(at("his government"), ["Venezuela"]);
        let mut both = at("Both countries");
        both.sort();
        assert_eq!(both, ["Cuba", "Venezuela"]);
    }

    #[test]
    fn both_countries_is_read_only_as_whole_words() {
        // Found by fuzzing: a phrase inside a longer word made a mention that began inside
        // the relation word "cooperambos", and claim finding sliced the text backwards.
        let text = "Irán y Venezuela, es-cooperambos países firmaron un acuerdo de cooperación.";
        let mentions = vec![
            mention(text, "Irán", 0, "Iran", ActorKind::State),
            mention(text, "Venezuela", 0, "Venezuela", ActorKind::State),
        ];
        let resolved = resolve_for_claims(text, mentions, &Lexicon::builtin());
        assert_eq!(resolved.len(), 2, "{resolved:?}");
        let analysis = super::super::analyze(text, &Lexicon::builtin(), None);
        assert!(analysis.claims.iter().all(|c| c.citation.end as usize <= text.chars().count()));
    }

    fn claims_of(text: &str) -> Vec<(String, String, String)> {
        let analysis = super::super::analyze(text, &Lexicon::builtin(), None);
        analysis.claims.into_iter().map(|c| (c.subject, c.relation.as_str().to_string(), c.object)).collect()
    }

    fn pairs_with(claims: &[(String, String, String)], a: &str, b: &str) -> bool {
        claims.iter().any(|(s, _, o)| (s == a && o == b) || (s == b && o == a))
    }

    #[test]
    fn a_pronoun_opening_a_sentence_is_the_person_the_last_sentences_were_about() {
        let text = "Foreign Minister Denis Orozco Altamirano arrived in Tehran on Monday. \
                    He also condemned Israel for the war in Gaza.";
        let claims = claims_of(text);
        assert!(pairs_with(&claims, "Denis Orozco Altamirano", "Israel"), "{claims:?}");
    }

    #[test]
    fn a_title_alone_is_the_person_introduced_with_it_or_the_one_of_its_state() {
        let text = "Iranian Foreign Minister Hossein-Ali Farahzadi received Nicaragua's minister, Denis Orozco. \
                    The Iranian top diplomat also condemned Israel. \
                    El ministro venezolano Vladimir Padrino López viajó a Moscú. El ministro firmó acuerdos con Rusia.";
        let claims = claims_of(text);
        assert!(pairs_with(&claims, "Hossein-Ali Farahzadi", "Israel"), "{claims:?}");
        assert!(pairs_with(&claims, "Vladimir Padrino López", "Russia"), "{claims:?}");
        // A title that introduces a name is no reference back.
        let text = "El ministro de Defensa, Domingo Ferrer, habló. El canciller Yván Gil firmó acuerdos con Rusia.";
        assert!(!claims_of(text).iter().any(|(s, _, _)| s == "Domingo Ferrer"), "{:?}", claims_of(text));
    }

    #[test]
    fn the_country_as_a_subject_is_the_state_named_last() {
        let text = "O Brasil não recebe ordens. Brandão Neto acrescentou que o país tem mantido diálogo com Teerã.";
        let claims = claims_of(text);
        assert!(pairs_with(&claims, "Brazil", "Iran"), "{claims:?}");
    }

    #[test]
    fn two_states_are_named_with_an_adjective_between() {
        let text =
            "Iran and Nicaragua met on Tuesday. They stressed cooperation between the two revolutionary nations.";
        let lower = text.to_ascii_lowercase();
        let spans = both_phrases(&lower);
        assert_eq!(spans.len(), 1, "{spans:?}");
        assert_eq!(&text[spans[0].0..spans[0].1], "the two revolutionary nations");
        assert!(pairs_with(&claims_of(text), "Iran", "Nicaragua"), "{:?}", claims_of(text));
        assert_eq!(both_phrases("ambos os países e esos dos países").len(), 2);
        assert!(both_phrases("cooperambos países").is_empty());
    }

    #[test]
    fn descriptions_never_overlap_the_mentions_inside_them() {
        let text = "Nicaragua's foreign minister Denis Orozco met Iran's envoy. \
                    The Nicaraguan foreign minister also held talks with Iran.";
        let found = super::super::actors::find_actors(text, &Lexicon::builtin());
        let mentions: Vec<Mention> = found
            .iter()
            .flat_map(|a| {
                a.mentions.iter().map(|(s, e)| Mention { start: *s, end: *e, actor: a.name.clone(), kind: a.kind })
            })
            .collect();
        let mut mentions = mentions;
        mentions.sort_by_key(|m| (m.start, m.end));
        let resolved = resolve_for_claims(text, mentions, &Lexicon::builtin());
        for pair in resolved.windows(2) {
            assert!(pair[0].end <= pair[1].start, "{:?} overlaps {:?}", pair[0], pair[1]);
        }
    }
}
