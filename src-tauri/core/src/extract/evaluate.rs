//! Measures extraction against hand-made gold: `gold.json` beside the text it describes
//! (the layout of `../shared/seed`). A predicted actor counts when one of its surfaces
//! matches one of a gold actor's surfaces (case-insensitively, without a leading "the"
//! or a trailing possessive); kinds are then compared (gold "country" is our `state`).
//! A gold quotation is found when a predicted one starts with its first words; its
//! speaker must then be the same actor (or both none). A gold date is right when a
//! date with its text has its EDTF value. A found claim's date is right when a matching
//! suggestion has the gold's date (or both have none); gold claims without a `date` key
//! are not judged on it.

use super::actors::Lexicon;
use super::{analyze, Analysis};
use crate::model::ActorKind;
use crate::model::SuggestedDate;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize)]
pub struct Gold {
    /// The annotated page (for annotations of pages that are not ours to copy).
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
    pub actors: Vec<GoldActor>,
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    #[serde(default)]
    pub dates: Vec<GoldDate>,
    #[serde(default)]
    pub claims: Vec<GoldClaim>,
}

#[derive(Debug, Deserialize)]
pub struct GoldClaim {
    pub subject: String,
    pub relation: String,
    pub object: String,
    /// The first words of the sentence that states it.
    pub sentence: String,
    /// EDTF of what it states: `Some(None)` for `"date": null`, `None` when the gold has
    /// no `date` key.
    #[serde(default, deserialize_with = "present")]
    pub date: Option<Option<String>>,
}

/// A key that is there, even as `null`.
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

#[derive(Debug, Deserialize)]
pub struct GoldActor {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub surface: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct GoldQuote {
    pub speaker: Option<String>,
    pub starts: String,
}

#[derive(Debug, Deserialize)]
pub struct GoldDate {
    pub text: String,
    pub edtf: String,
}

/// What one or more evaluations counted: pooled over a set, then turned into figures.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Tally {
    pub actors_predicted: usize,
    /// Predicted actors that are a gold actor.
    pub actors_right: usize,
    pub actors_gold: usize,
    /// Gold actors some predicted actor matched.
    pub gold_actors_found: usize,
    pub kinds_right: usize,
    pub quotes_gold: usize,
    pub quotes_found: usize,
    pub speakers_right: usize,
    pub dates_gold: usize,
    pub dates_right: usize,
    pub claims_gold: usize,
    pub claims_suggested: usize,
    pub claims_found: usize,
    pub relations_right: usize,
    pub claim_dates_judged: usize,
    pub claim_dates_right: usize,
}

impl Tally {
    pub fn add(&mut self, other: &Tally) {
        self.actors_predicted += other.actors_predicted;
        self.actors_right += other.actors_right;
        self.actors_gold += other.actors_gold;
        self.gold_actors_found += other.gold_actors_found;
        self.kinds_right += other.kinds_right;
        self.quotes_gold += other.quotes_gold;
        self.quotes_found += other.quotes_found;
        self.speakers_right += other.speakers_right;
        self.dates_gold += other.dates_gold;
        self.dates_right += other.dates_right;
        self.claims_gold += other.claims_gold;
        self.claims_suggested += other.claims_suggested;
        self.claims_found += other.claims_found;
        self.relations_right += other.relations_right;
        self.claim_dates_judged += other.claim_dates_judged;
        self.claim_dates_right += other.claim_dates_right;
    }

    /// The figures of these counts (a set's pooled over all its texts).
    pub fn figures(&self, misses: Vec<String>) -> ExtractEvaluation {
        let t = self;
        let precision = ratio(t.actors_right, t.actors_predicted);
        let recall = ratio(t.gold_actors_found, t.actors_gold);
        ExtractEvaluation {
            actors_predicted: t.actors_predicted,
            actors_gold: t.actors_gold,
            actor_precision: precision,
            actor_recall: recall,
            actor_f1: if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 },
            kind_accuracy: ratio(t.kinds_right, t.actors_right),
            quotes_gold: t.quotes_gold,
            quotes_found: t.quotes_found,
            speaker_accuracy: ratio(t.speakers_right, t.quotes_gold),
            dates_gold: t.dates_gold,
            date_accuracy: ratio(t.dates_right, t.dates_gold),
            claims_gold: t.claims_gold,
            claims_suggested: t.claims_suggested,
            claims_found: ratio(t.claims_found, t.claims_gold),
            relation_accuracy: ratio(t.relations_right, t.claims_found),
            claim_date_accuracy: ratio(t.claim_dates_right, t.claim_dates_judged),
            claim_dates_judged: t.claim_dates_judged,
            suggestions_per_gold_claim: if t.claims_gold == 0 {
                0.0
            } else {
                t.claims_suggested as f64 / t.claims_gold as f64
            },
            tally: t.clone(),
            misses,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ExtractEvaluation {
    pub actors_predicted: usize,
    pub actors_gold: usize,
    pub actor_precision: f64,
    pub actor_recall: f64,
    pub actor_f1: f64,
    pub kind_accuracy: f64,
    pub quotes_gold: usize,
    pub quotes_found: usize,
    pub speaker_accuracy: f64,
    pub dates_gold: usize,
    pub date_accuracy: f64,
    pub claims_gold: usize,
    pub claims_suggested: usize,
    /// Gold claims matched by a suggestion joining the same two actors (either way
    /// round) whose citation contains the gold sentence.
    pub claims_found: f64,
    /// Among gold claims found, those with a matching suggestion of the same relation.
    pub relation_accuracy: f64,
    /// Among gold claims found that give a date (or say there is none), those with a
    /// matching suggestion of that date; and how many were judged.
    pub claim_date_accuracy: f64,
    pub claim_dates_judged: usize,
    pub suggestions_per_gold_claim: f64,
    /// The counts behind these figures, to pool evaluations over a set.
    pub tally: Tally,
    /// What did not match, for a person to read.
    pub misses: Vec<String>,
}

fn key(surface: &str) -> String {
    let lower = surface.trim().to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    let lower = lower.strip_suffix("’s").or_else(|| lower.strip_suffix("'s")).unwrap_or(lower);
    crate::text::normalize_name(lower)
}

/// Whether our kind is the gold's type. The gold's types are person, organization,
/// country (our `state`) and place: it has no armed-group type, so its organizations
/// include the armed groups (Hezbollah is an "organization" in the seed's gold).
fn same_kind(gold: &str, ours: ActorKind) -> bool {
    match gold {
        "country" => ours == ActorKind::State,
        "organization" => matches!(ours, ActorKind::Organization | ActorKind::ArmedGroup),
        other => other == ours.as_str(),
    }
}

/// Scores `text` analysed with the built-in gazetteer against `gold`.
pub fn evaluate(text: &str, gold: &Gold) -> ExtractEvaluation {
    evaluate_in(text, gold, None)
}

/// [`evaluate`] for a text published when `published` says, as an import would analyse it.
pub fn evaluate_in(text: &str, gold: &Gold, published: Option<super::Published>) -> ExtractEvaluation {
    score(&analyze(text, &Lexicon::builtin(), published), text, gold)
}

/// Reads `gold.json` and the text, and scores.
pub fn evaluate_files(gold: &std::path::Path, text: &std::path::Path) -> Result<ExtractEvaluation> {
    let gold: Gold = serde_json::from_slice(&std::fs::read(gold)?)
        .map_err(|e| Error::Invalid(format!("{}: not a gold file: {e}", gold.display())))?;
    let text = crate::text::to_stored_form(&std::fs::read_to_string(text)?);
    Ok(evaluate(&text, &gold))
}

fn score(analysis: &Analysis, _text: &str, gold: &Gold) -> ExtractEvaluation {
    let mut misses = Vec::new();
    let actors = score_actors(analysis, gold, &mut misses);
    let (quotes_found, speakers_right) = score_quotes(analysis, gold, &mut misses);
    let dates_right = score_dates(analysis, gold, &mut misses);
    let claims = score_claims(analysis, gold, &actors, &mut misses);
    let ActorScore { true_positives, kinds_right, ref matched_gold, .. } = actors;
    let ClaimScore { claims_found, relations_right, dates_judged, claim_dates_right } = claims;
    let tally = Tally {
        actors_predicted: analysis.actors.len(),
        actors_right: true_positives,
        actors_gold: gold.actors.len(),
        gold_actors_found: matched_gold.len(),
        kinds_right,
        quotes_gold: gold.quotes.len(),
        quotes_found,
        speakers_right,
        dates_gold: gold.dates.len(),
        dates_right,
        claims_gold: gold.claims.len(),
        claims_suggested: analysis.claims.len(),
        claims_found,
        relations_right,
        claim_dates_judged: dates_judged,
        claim_dates_right,
    };
    tally.figures(misses)
}

/// How the actors found match the gold's.
struct ActorScore {
    true_positives: usize,
    kinds_right: usize,
    /// The gold actors found.
    matched_gold: std::collections::HashSet<String>,
    /// Our actor's name → the name of the gold actor it was matched to, so that claims
    /// compare actors, not spellings ("Maduro" is the gold's "Nicolás Maduro").
    gold_name_of: std::collections::HashMap<String, String>,
}

/// How the claims found match the gold's.
struct ClaimScore {
    claims_found: usize,
    relations_right: usize,
    dates_judged: usize,
    claim_dates_right: usize,
}

fn score_actors(analysis: &Analysis, gold: &Gold, misses: &mut Vec<String>) -> ActorScore {
    let mut matched_gold = std::collections::HashSet::new();
    let mut gold_name_of: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let (mut true_positives, mut kinds_right) = (0usize, 0usize);
    for actor in &analysis.actors {
        let surfaces: Vec<String> = actor.surfaces.iter().map(|s| key(s)).collect();
        // A surface may belong to two gold actors ("WASHINGTON" the dateline, "Washington"
        // the government): the one of the same name wins, then the one of the same kind.
        let candidates: Vec<&GoldActor> =
            gold.actors.iter().filter(|g| g.surface.iter().any(|s| surfaces.contains(&key(s)))).collect();
        let hit = candidates
            .iter()
            .find(|g| key(&g.name) == key(&actor.name))
            .or_else(|| candidates.iter().find(|g| same_kind(&g.kind, actor.kind)))
            .or_else(|| candidates.first())
            .copied();
        if let Some(g) = hit {
            gold_name_of.insert(key(&actor.name), key(&g.name));
        }
        match hit {
            Some(g) => {
                true_positives += 1;
                matched_gold.insert(g.name.clone());
                if same_kind(&g.kind, actor.kind) {
                    kinds_right += 1;
                } else {
                    misses.push(format!("kind: {} is {}, gold says {}", actor.name, actor.kind.as_str(), g.kind));
                }
            }
            None => misses.push(format!("extra actor: {} ({})", actor.name, actor.kind.as_str())),
        }
    }
    for g in &gold.actors {
        if !matched_gold.contains(&g.name) {
            misses.push(format!("missed actor: {} ({})", g.name, g.kind));
        }
    }

    ActorScore { true_positives, kinds_right, matched_gold, gold_name_of }
}

/// Quotations found, and those with the gold's speaker.
fn score_quotes(analysis: &Analysis, gold: &Gold, misses: &mut Vec<String>) -> (usize, usize) {
    let (mut quotes_found, mut speakers_right) = (0usize, 0usize);
    for g in &gold.quotes {
        let starts = g.starts.split_whitespace().collect::<Vec<_>>().join(" ");
        let found = analysis
            .quotes
            .iter()
            .find(|q| q.text.split_whitespace().collect::<Vec<_>>().join(" ").starts_with(&starts));
        match found {
            Some(q) => {
                quotes_found += 1;
                let same = match (&q.speaker, &g.speaker) {
                    (None, None) => true,
                    (Some(a), Some(b)) => key(a) == key(b),
                    _ => false,
                };
                if same {
                    speakers_right += 1;
                } else {
                    misses.push(format!("speaker of “{}…”: {:?}, gold says {:?}", g.starts, q.speaker, g.speaker));
                }
            }
            None => misses.push(format!("missed quote: “{}…”", g.starts)),
        }
    }
    (quotes_found, speakers_right)
}

/// Gold dates found with their value.
fn score_dates(analysis: &Analysis, gold: &Gold, misses: &mut Vec<String>) -> usize {
    let mut dates_right = 0usize;
    for g in &gold.dates {
        // Where a span starts is a convention ("between 2018 and 2022" or "2018 and 2022",
        // "the 1990s" or "1990s"): one span within the other, with the same value, agrees.
        let gold_text = g.text.to_lowercase();
        let agrees = |d: &&SuggestedDate| {
            let ours = d.text.to_lowercase();
            d.edtf == g.edtf && (ours.contains(&gold_text) || gold_text.contains(&ours))
        };
        if analysis.dates.iter().any(|d| agrees(&d)) {
            dates_right += 1;
        } else {
            misses.push(format!("date {:?} as {}", g.text, g.edtf));
        }
    }
    dates_right
}

fn score_claims(analysis: &Analysis, gold: &Gold, actors: &ActorScore, misses: &mut Vec<String>) -> ClaimScore {
    let (matched_gold, gold_name_of) = (&actors.matched_gold, &actors.gold_name_of);
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (mut claims_found, mut relations_right) = (0usize, 0usize);
    let (mut dates_judged, mut claim_dates_right) = (0usize, 0usize);
    for g in &gold.claims {
        let sentence = squash(&g.sentence);
        let pair = [key(&g.subject), key(&g.object)];
        let matching: Vec<_> = analysis
            .claims
            .iter()
            .filter(|c| {
                let as_gold = |name: &str| gold_name_of.get(&key(name)).cloned().unwrap_or_else(|| key(name));
                let ours = [as_gold(&c.subject), as_gold(&c.object)];
                (ours == pair || ours == [pair[1].clone(), pair[0].clone()])
                    && squash(&c.citation.exact).contains(&sentence)
            })
            .collect();
        if matching.is_empty() {
            // Why, as far as the actors go: a party never found cannot be paired.
            let unfound: Vec<&str> = [&g.subject, &g.object]
                .into_iter()
                .filter(|name| !matched_gold.iter().any(|m| key(m) == key(name)))
                .map(String::as_str)
                .collect();
            let why = if unfound.is_empty() { String::new() } else { format!(" [not found: {}]", unfound.join(", ")) };
            misses.push(format!("missed claim: {} {} {} (“{}…”){why}", g.subject, g.relation, g.object, g.sentence));
            continue;
        }
        claims_found += 1;
        if let Some(date) = &g.date {
            dates_judged += 1;
            if matching.iter().any(|c| c.date == *date) {
                claim_dates_right += 1;
            } else {
                misses.push(format!(
                    "date of {} – {}: {}, gold says {}",
                    g.subject,
                    g.object,
                    matching[0].date.as_deref().unwrap_or("none"),
                    date.as_deref().unwrap_or("none")
                ));
            }
        }
        if matching.iter().any(|c| c.relation.as_str() == g.relation) {
            relations_right += 1;
        } else {
            misses.push(format!(
                "relation of {} – {}: {}, gold says {}",
                g.subject,
                g.object,
                matching[0].relation.as_str(),
                g.relation
            ));
        }
    }
    ClaimScore { claims_found, relations_right, dates_judged, claim_dates_right }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoring_counts_surfaces_kinds_speakers_and_dates() {
        let text = "“We will keep the ships coming every month,” Joseph Humire said in March. The Venezuelan regime and Iran agreed.";
        let gold: Gold = serde_json::from_str(
            r#"{"actors": [
                {"name": "Joseph Humire", "type": "person", "surface": ["Joseph Humire", "Humire"]},
                {"name": "Venezuela", "type": "country", "surface": ["Venezuelan"]},
                {"name": "Iran", "type": "organization", "surface": ["Iran"]},
                {"name": "Cuba", "type": "country", "surface": ["Cuba"]}],
              "quotes": [{"speaker": "Joseph Humire", "starts": "We will keep the ships"}],
              "dates": [{"text": "March", "edtf": "XXXX-03"}, {"text": "2020", "edtf": "2020"}]}"#,
        )
        .unwrap();
        let e = evaluate(text, &gold);
        assert_eq!((e.actors_predicted, e.actor_precision, e.actor_recall), (3, 1.0, 0.75));
        assert!((e.kind_accuracy - 2.0 / 3.0).abs() < 1e-9, "Iran is a state, not the gold's organization");
        assert_eq!((e.quotes_found, e.speaker_accuracy), (1, 1.0));
        assert_eq!(e.date_accuracy, 0.5);
        assert!(e.misses.iter().any(|m| m.contains("missed actor: Cuba")));
    }
}
