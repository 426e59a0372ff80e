//! Extraction: what an analyst would note down from a source, proposed rather than
//! asserted: actor mentions with kinds, direct quotations with their speakers, and
//! calendar expressions as EDTF dates. Claim suggestions follow (issue 4).
//!
//! Extractors work on the stored text and return code-point offsets into it, the
//! offsets every mention and citation in the store uses.

pub mod actors;
pub mod claims;
mod coreference;
pub mod dates;
pub mod evaluate;
pub mod gazetteer;
pub mod goldset;
pub mod matcher;
pub mod quotes;
mod tokens;
mod words;

use crate::model::{
    ActorKind, CitedPassage, NewSuggestion, SuggestedActor, SuggestedClaim, SuggestedDate, SuggestedQuote,
    SuggestionPayload, TextSpan,
};
use crate::text::normalize_name;
use actors::{find_actors, Lexicon};
pub use dates::Published;
use serde::Serialize;

/// Everything extracted from one text.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Analysis {
    pub actors: Vec<SuggestedActor>,
    pub quotes: Vec<SuggestedQuote>,
    pub dates: Vec<SuggestedDate>,
    pub claims: Vec<SuggestedClaim>,
}

/// Code points of context kept on each side of a cited passage.
const CONTEXT: usize = 32;

/// Analyses `text`: actors (through `lexicon`), quotations with speakers resolved to
/// those actors, and dates (what is written relative to the publication read against
/// `published`, when known).
pub fn analyze(text: &str, lexicon: &Lexicon, published: Option<Published>) -> Analysis {
    let offsets = CharOffsets::new(text);
    let found = find_actors(text, lexicon);
    let mut people: Vec<quotes::Person> = found
        .iter()
        .filter(|a| a.kind == ActorKind::Person)
        .flat_map(|a| {
            a.mentions.iter().map(|(start, end)| quotes::Person { start: *start, end: *end, name: a.name.clone() })
        })
        .collect();
    people.sort_by_key(|p| p.start);
    let found_quotes = quotes::find_quotes_among(text, &people);
    let resolved: Vec<Option<String>> =
        found_quotes.iter().map(|q| q.speaker.as_deref().map(|s| speaker_of(s, &found, lexicon))).collect();
    let byte_dates = dates::find_dates(text, published);
    let mentions = mentions_for_claims(text, &found, lexicon);
    let quoted: Vec<claims::Quoted> = found_quotes
        .iter()
        .zip(&resolved)
        .map(|(q, speaker)| claims::Quoted { start: q.start, end: q.end, speaker: speaker.clone() })
        .collect();
    let dated: Vec<claims::Dated> =
        byte_dates.iter().map(|d| claims::Dated { start: d.start, end: d.end, edtf: d.edtf.clone() }).collect();
    let suggestions = claims::find_claims(text, &mentions, &quoted, &dated)
        .into_iter()
        .map(|c| SuggestedClaim {
            date_written: c.date.as_ref().and_then(|edtf| {
                let within = |d: &&claims::Dated| d.start >= c.start && d.end <= c.end && &d.edtf == edtf;
                dated.iter().find(within).map(|d| TextSpan { start: offsets.of(d.start), end: offsets.of(d.end) })
            }),
            subject: c.subject,
            relation: c.relation,
            object: c.object,
            date: c.date,
            attributed_to: c.attributed_to,
            certainty: c.certainty,
            citation: CitedPassage {
                exact: text[c.start..c.end].to_string(),
                prefix: {
                    let v: Vec<char> = text[..c.start].chars().rev().take(CONTEXT).collect();
                    v.into_iter().rev().collect()
                },
                suffix: text[c.end..].chars().take(CONTEXT).collect(),
                start: offsets.of(c.start),
                end: offsets.of(c.end),
            },
        })
        .collect();
    let quotes = found_quotes
        .into_iter()
        .zip(resolved)
        .map(|(q, speaker)| SuggestedQuote {
            text: text[q.start..q.end].to_string(),
            speaker,
            start: offsets.of(q.start),
            end: offsets.of(q.end),
        })
        .collect();
    let actors = found
        .into_iter()
        .map(|a| SuggestedActor {
            name: a.name,
            kind: a.kind,
            surfaces: a.surfaces,
            mentions: a.mentions.iter().map(|(s, e)| TextSpan { start: offsets.of(*s), end: offsets.of(*e) }).collect(),
        })
        .collect();
    let dates = byte_dates
        .into_iter()
        .map(|d| SuggestedDate {
            text: text[d.start..d.end].to_string(),
            edtf: d.edtf,
            start: offsets.of(d.start),
            end: offsets.of(d.end),
        })
        .collect();
    Analysis { actors, quotes, dates, claims: suggestions }
}

/// The actor a quotation's speaker, as written, is: a name the text gives in full, a
/// person whose surname or first name it is, a person after a title ("U.S. Attorney
/// Marisol K. Whitfield"), or a capital speaking for its government.
fn speaker_of(surface: &str, found: &[actors::FoundActor], lexicon: &Lexicon) -> String {
    // "O Itamaraty", "The Pentagon": the article is not part of the name.
    let key = normalize_name(surface);
    let key = match key.split_once(' ') {
        Some((article, rest))
            if ["o", "a", "os", "as", "el", "la", "los", "las", "the"].contains(&article)
                && !found.iter().any(|a| a.surfaces.iter().any(|s| normalize_name(s) == key)) =>
        {
            rest.to_string()
        }
        _ => key,
    };
    let written = |a: &&actors::FoundActor| a.surfaces.iter().any(|s| normalize_name(s) == key);
    // (A lone word of no known kind yields to a person it may be the first name of.)
    found
        .iter()
        .find(|a| written(a) && a.kind != ActorKind::Other)
        .or_else(|| found.iter().find(|a| normalize_name(&a.name).ends_with(&format!(" {key}"))))
        // "her mother, Fiona, said": a first name alone, when one person has it.
        .or_else(|| {
            let first = format!("{key} ");
            let mut people =
                found.iter().filter(|a| a.kind == ActorKind::Person && normalize_name(&a.name).starts_with(&first));
            let one = people.next()?;
            people.next().is_none().then_some(one)
        })
        // "U.S. Attorney Marisol K. Whitfield": a title before a person's name.
        .or_else(|| {
            found
                .iter()
                .filter(|a| a.kind == ActorKind::Person)
                .filter_map(|a| {
                    let longest = a
                        .surfaces
                        .iter()
                        .map(|s| normalize_name(s))
                        .filter(|s| key.ends_with(&format!(" {s}")))
                        .map(|s| s.len())
                        .max()?;
                    Some((longest, a))
                })
                .max_by_key(|(length, _)| *length)
                .map(|(_, a)| a)
        })
        .or_else(|| found.iter().find(written))
        // "Teherán rechazó…": a capital speaking is its government.
        .map_or_else(
            || surface.to_string(),
            |a| match lexicon.state_of_capital(&a.name) {
                Some(state) if a.kind == ActorKind::Place => state.to_string(),
                _ => a.name.clone(),
            },
        )
}

/// The mentions the claim finder reads: a capital acting is its state (but "in Beirut"
/// says where), datelines take no part, and of nested or crossing mentions the longer
/// stays; pronouns and descriptions resolved to the actors they refer to.
fn mentions_for_claims(text: &str, found: &[actors::FoundActor], lexicon: &Lexicon) -> Vec<claims::Mention> {
    let mentions: Vec<claims::Mention> = found
        .iter()
        .flat_map(|a| {
            // A visit to Tehran is a visit to Iran, as far as a claim between actors goes;
            // but "met in Beirut with…" says where, and Beirut stays a place.
            let state = lexicon.state_of_capital(&a.name).filter(|_| a.kind == ActorKind::Place);
            a.mentions.iter().map(move |(s, e)| {
                let (actor, kind) = match state {
                    Some(state) if !after_locative(text, *s) => (state.to_string(), ActorKind::State),
                    _ => (a.name.clone(), a.kind),
                };
                claims::Mention { start: *s, end: *e, actor, kind }
            })
        })
        .collect::<Vec<_>>();
    // A dateline ("WASHINGTON — …" opening a paragraph) says where the piece was filed,
    // not who acted.
    let mut mentions: Vec<claims::Mention> =
        mentions.into_iter().filter(|m| !is_dateline(text, m.start, m.end)).collect();
    // "la empresa russa Uralskie Radiosistemy", "the Cuban firm Cubametales": a demonym
    // right before a named person or body describes it and is no party of its own.
    let named_at: Vec<(usize, ActorKind)> = mentions.iter().map(|m| (m.start, m.kind)).collect();
    mentions.retain(|m| {
        let demonym = lexicon.state_of_demonym(&text[m.start..m.end]).is_some();
        let gap = text[m.end..].len() - text[m.end..].trim_start().len();
        let next = m.end + gap;
        !(demonym
            && gap > 0
            && named_at.iter().any(|(start, kind)| {
                *start == next && matches!(kind, ActorKind::Person | ActorKind::Organization | ActorKind::ArmedGroup)
            }))
    });
    // No two mentions overlap where claims are found: of nested or crossing ones
    // ("U.S. Department of the Treasury" and its "Treasury"), the longer stays.
    mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut kept: Vec<claims::Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if kept.last().is_none_or(|k| m.start >= k.end) {
            kept.push(m);
        }
    }
    coreference::resolve_for_claims(text, kept, lexicon)
}

/// Whether `[start, end)` opens a line and is followed by a dash (a dateline), possibly
/// after a comma and more place words ("CARACAS, Venezuela —").
fn is_dateline(text: &str, start: usize, end: usize) -> bool {
    let opens_line = text[..start].chars().next_back().is_none_or(|c| c == '\n');
    if !opens_line {
        return false;
    }
    let rest = &text[end..];
    let line = rest.split('\n').next().unwrap_or("");
    let upto_dash = line.find(['—', '–']).map(|at| &line[..at]);
    upto_dash.is_some_and(|before| {
        before.trim().is_empty() || before.starts_with(',') && before.split_whitespace().count() <= 3
    })
}

impl Analysis {
    /// The analysis as suggestions for the store: one per actor (at its first mention),
    /// quotation, date and claim, each with a fingerprint that survives re-analysis.
    pub fn into_suggestions(self) -> Vec<NewSuggestion> {
        let actors = self.actors.into_iter().map(SuggestionPayload::Actor);
        let quotes = self.quotes.into_iter().map(SuggestionPayload::Quote);
        let dates = self.dates.into_iter().map(SuggestionPayload::Date);
        let claims = self.claims.into_iter().map(SuggestionPayload::Claim);
        actors.chain(quotes).chain(dates).chain(claims).map(NewSuggestion::of).collect()
    }
}

/// Byte offsets to code-point offsets, in any order.
struct CharOffsets {
    starts: Vec<usize>,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
        starts.push(text.len());
        CharOffsets { starts }
    }

    fn of(&self, byte: usize) -> i32 {
        self.starts.partition_point(|&b| b < byte) as i32
    }
}

/// Whether the word before byte `at` places what follows ("in Beirut", "en Caracas",
/// "em Brasília", "no Rio").
fn after_locative(text: &str, at: usize) -> bool {
    let word = text[..at].split_whitespace().next_back().unwrap_or("");
    matches!(word.to_lowercase().as_str(), "in" | "at" | "near" | "en" | "em" | "na" | "no" | "nas" | "nos")
}

/// Converts byte offsets of `text` to code-point offsets, for offsets given in
/// increasing order (one pass over the text for all of them).
pub struct CodePoints<'a> {
    text: &'a str,
    byte: usize,
    chars: i32,
}

impl<'a> CodePoints<'a> {
    pub fn new(text: &'a str) -> Self {
        CodePoints { text, byte: 0, chars: 0 }
    }

    /// The code-point offset of byte offset `at`; `at` must not be before the previous one.
    pub fn at(&mut self, at: usize) -> i32 {
        if at < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..at].chars().count() as i32;
        self.byte = at;
        self.chars
    }
}

/// The dates of `text`, read against its publication when known.
pub fn dates(text: &str, published: Option<Published>) -> Vec<SuggestedDate> {
    let mut points = CodePoints::new(text);
    dates::find_dates(text, published)
        .into_iter()
        .map(|d| SuggestedDate {
            text: text[d.start..d.end].to_string(),
            edtf: d.edtf,
            start: points.at(d.start),
            end: points.at(d.end),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analysis_resolves_speakers_to_actors_and_counts_code_points() {
        let text = "Según Joseph Humire, «el régimen recibió drones de Irán». “The shipments kept arriving every month,” Humire said.";
        let analysis = analyze(text, &Lexicon::builtin(), None);
        let humire = analysis.actors.iter().find(|a| a.name == "Joseph Humire").unwrap();
        let chars: Vec<char> = text.chars().collect();
        let at = |s: TextSpan| chars[s.start as usize..s.end as usize].iter().collect::<String>();
        assert_eq!(humire.mentions.iter().map(|m| at(*m)).collect::<Vec<_>>(), ["Joseph Humire", "Humire"]);
        let iran = analysis.actors.iter().find(|a| a.name == "Iran").unwrap();
        assert_eq!(at(iran.mentions[0]), "Irán");
        assert_eq!(analysis.quotes.last().unwrap().speaker.as_deref(), Some("Joseph Humire"));
    }

    #[test]
    fn a_claims_date_says_where_it_is_written() {
        let text = "Díaz-Canel visitó Teherán. En junio de 2023, Irán firmó un acuerdo con Venezuela.";
        let analysis = analyze(text, &Lexicon::builtin(), None);
        let chars: Vec<char> = text.chars().collect();
        let claim = analysis.claims.iter().find(|c| c.date.is_some()).expect("a dated claim");
        assert_eq!(claim.date.as_deref(), Some("2023-06"));
        let written = claim.date_written.expect("where the date is written");
        assert_eq!(chars[written.start as usize..written.end as usize].iter().collect::<String>(), "junio de 2023");
        assert!(written.start >= claim.citation.start && written.end <= claim.citation.end, "inside the passage");
    }

    #[test]
    fn a_capital_after_in_is_where_not_who() {
        let text =
            "Hussein Ali Mourad held meetings in Beirut with Hezbollah. Later, Tehran supplied drones to Venezuela.";
        let analysis = analyze(text, &Lexicon::builtin(), None);
        let parties: Vec<(&str, &str)> =
            analysis.claims.iter().map(|c| (c.subject.as_str(), c.object.as_str())).collect();
        assert!(parties.iter().all(|(s, o)| *s != "Lebanon" && *o != "Lebanon"), "{parties:?}");
        assert!(parties.contains(&("Hussein Ali Mourad", "Hezbollah")), "{parties:?}");
        // A capital acting is its government.
        assert!(parties.contains(&("Iran", "Venezuela")), "{parties:?}");
    }

    #[test]
    fn nested_mentions_never_reach_the_claim_finder() {
        // "Treasury" is a name of its own inside the longer name: once a panic slicing
        // between the two.
        let text = "WASHINGTON — Today, the U.S. Department of the Treasury's Office of Foreign Assets Control \
                    (OFAC) designated three individuals and two companies in Paraguay and Brazil for supporting Hezbollah.";
        let analysis = analyze(text, &Lexicon::builtin(), None);
        assert!(
            analysis.claims.iter().any(|c| c.object == "Hezbollah" || c.subject == "Hezbollah"),
            "{:?}",
            analysis.claims
        );
    }

    #[test]
    fn date_offsets_are_code_points() {
        let text = "Díaz-Canel visitó Irán en diciembre de 2023.";
        let found = dates(text, None);
        assert_eq!(found.len(), 1);
        let chars: Vec<char> = text.chars().collect();
        let cut: String = chars[found[0].start as usize..found[0].end as usize].iter().collect();
        assert_eq!((cut.as_str(), found[0].edtf.as_str()), ("diciembre de 2023", "2023-12"));
    }
}
