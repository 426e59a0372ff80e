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

/// Phrases standing for the last two states named.
const BOTH: &[&str] = &[
    "both countries",
    "both nations",
    "both governments",
    "both regimes",
    "the two countries",
    "the two nations",
    "those regimes",
    "those countries",
    "ambos países",
    "los dos países",
    "ambos os países",
    "os dois países",
];

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
    for phrase in BOTH {
        // Whole words only: "cooperambos países" holds no "ambos países".
        let whole_words = |&(at, _): &(usize, &str)| {
            starts_word(&lower, at) && lower[at + phrase.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        };
        for (at, _) in lower.match_indices(phrase).filter(whole_words) {
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
                let end = at + phrase.len();
                extra.push(Mention { start: at, end: at, actor: states[1].actor.clone(), kind: ActorKind::State });
                extra.push(Mention { start: at, end, actor: states[0].actor.clone(), kind: ActorKind::State });
            }
        }
    }
    mentions.extend(extra);
    mentions.sort_by_key(|m| (m.start, m.end));
    mentions
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
}
