//! Which pending suggestions a bulk acceptance should leave for a second look: claims
//! whose direction the passage seems to contradict, denials, claims with no typed
//! relation, quotations with no speaker. The person sees every candidate and decides;
//! this only chooses which start unticked, and says why.

use crate::model::{
    BulkCandidate, Certainty, PageRequest, Relation, ReviewStatus, Suggestion, SuggestionKind, SuggestionPayload,
};
use crate::{text, Result, Store};

/// The most suggestions one bulk acceptance lists.
pub const MOST: i32 = 1_000;

/// The pending actor, claim and quotation suggestions of a source, actors first, each
/// ticked unless it deserves a second look.
pub fn bulk_candidates(store: &Store, source_id: i32) -> Result<Vec<BulkCandidate>> {
    let mut out = Vec::new();
    for kind in [SuggestionKind::Actor, SuggestionKind::Claim, SuggestionKind::Quote] {
        let room = MOST - out.len() as i32;
        if room <= 0 {
            break;
        }
        let page = store.list_suggestions(
            Some(source_id),
            Some(kind),
            Some(ReviewStatus::Suggested),
            PageRequest::new(0, room),
        )?;
        for suggestion in page.items {
            let second_look = second_look(&suggestion);
            out.push(BulkCandidate { ticked: second_look.is_none(), second_look, suggestion });
        }
    }
    Ok(out)
}

/// Why a suggestion should not be accepted unseen, if it should not.
pub fn second_look(s: &Suggestion) -> Option<String> {
    match &s.payload {
        SuggestionPayload::Claim(claim) => {
            let relation = claim.relation;
            if relation == Relation::Other {
                return Some("no typed relation".into());
            }
            if claim.certainty == Certainty::Denied {
                return Some("a denial: check what is denied".into());
            }
            let (subject, object) = (claim.subject.as_str(), claim.object.as_str());
            let giving = matches!(relation, Relation::Supplies | Relation::Funds | Relation::Supports);
            if giving && given_by(&s.exact, object) {
                return Some(format!("the passage has {object} giving: check who gives to whom"));
            }
            // "drones in their inventory, courtesy of Iran": the giver comes last by right.
            let agent_last = passive(&s.exact) || giving && given_by(&s.exact, subject);
            if !relation.is_mutual() && named_first(&s.exact, object, subject) && !agent_last {
                return Some(format!("the passage names {object} before {subject}: check who does what"));
            }
            None
        }
        SuggestionPayload::Quote(quote) if quote.speaker.as_deref().is_none_or(|s| s.trim().is_empty()) => {
            Some("no speaker found".into())
        }
        _ => None,
    }
}

/// Where `name` is written in `passage` (folded), by its whole name or, failing that,
/// its last word (a surname, "Hezbollah" in "Lebanese Hezbollah").
fn position(passage: &str, name: &str) -> Option<usize> {
    let name = text::normalize_name(name);
    passage.find(&name).or_else(|| {
        let last = name.rsplit(' ').next().filter(|w| w.chars().count() >= 4)?;
        passage.find(last)
    })
}

/// Whether `first` is written before `second` in `passage`, both being found.
fn named_first(passage: &str, first: &str, second: &str) -> bool {
    let passage = text::normalize_name(passage);
    matches!((position(&passage, first), position(&passage, second)), (Some(a), Some(b)) if a < b)
}

/// Whether `passage` names `giver` right after words that make it the one who gives
/// ("armed drones, courtesy of Iran", "weapons from Iran", "con fondos de Irán").
fn given_by(passage: &str, giver: &str) -> bool {
    let passage = text::normalize_name(passage);
    let giver = text::normalize_name(giver);
    [
        "courtesy of ",
        "provided by ",
        "supplied by ",
        "funded by ",
        "from ",
        "cortesia de ",
        "por parte de ",
        "fondos de ",
        "financiado por ",
    ]
    .iter()
    .any(|lead| passage.contains(&format!("{lead}{giver}")))
}

/// A passive or agent phrase, in which the object may come first by right ("drones
/// were supplied by Iran", "fue sancionado por", "foi acusado pelo").
fn passive(passage: &str) -> bool {
    let folded = format!(" {} ", text::normalize_name(passage));
    [" by ", " por ", " pelo ", " pela ", " pelos ", " pelas "].iter().any(|w| folded.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(subject: &str, relation: &str, object: &str, certainty: &str, exact: &str) -> Suggestion {
        let payload = SuggestionPayload::Claim(crate::model::SuggestedClaim {
            subject: subject.into(),
            relation: Relation::parse(relation).unwrap_or(Relation::Other),
            object: object.into(),
            date: None,
            date_written: None,
            attributed_to: None,
            certainty: Certainty::parse(certainty).unwrap_or(Certainty::Asserted),
            citation: Default::default(),
        });
        Suggestion {
            id: 1,
            source_id: 1,
            kind: SuggestionKind::Claim,
            label: String::new(),
            span_start: 0,
            span_end: 0,
            status: ReviewStatus::Suggested,
            payload,
            source_title: String::new(),
            prefix: String::new(),
            exact: exact.into(),
            suffix: String::new(),
        }
    }

    #[test]
    fn a_claim_the_passage_reads_the_other_way_round_starts_unticked() {
        let passage = "Iran has supplied drones to the Venezuelan Armed Forces since 2019.";
        let reversed = claim("Venezuelan Armed Forces", "supplies", "Iran", "asserted", passage);
        assert!(second_look(&reversed).unwrap().contains("names Iran before Venezuelan Armed Forces"));
        assert_eq!(second_look(&claim("Iran", "supplies", "Venezuelan Armed Forces", "asserted", passage)), None);
        let passive = "Drones were supplied to Venezuela by Iran, officials said.";
        assert_eq!(second_look(&claim("Iran", "supplies", "Venezuela", "asserted", passive)), None, "an agent phrase");
        let mutual = "Venezuela and Iran signed a cooperation agreement.";
        assert_eq!(second_look(&claim("Iran", "cooperates_with", "Venezuela", "asserted", mutual)), None);
        let courtesy =
            "“The Venezuelan Armed Forces are the first to have armed drones in their inventory, courtesy of Iran.";
        let reversed = claim("Venezuelan Armed Forces", "supplies", "Iran", "asserted", courtesy);
        assert!(second_look(&reversed).unwrap().contains("Iran giving"), "{:?}", second_look(&reversed));
        assert_eq!(second_look(&claim("Iran", "supplies", "Venezuelan Armed Forces", "asserted", courtesy)), None);
        let accents = "Irán abastece a Venezuela.";
        assert!(second_look(&claim("Venezuela", "supplies", "Irán", "asserted", accents)).is_some());
    }

    #[test]
    fn denials_untyped_claims_and_unattributed_quotations_start_unticked() {
        let denied = claim("Caracas", "supplies", "Hezbollah", "denied", "Caracas denies arming Hezbollah.");
        assert!(second_look(&denied).unwrap().starts_with("a denial"));
        let other = claim("Iran", "other", "Cuba", "asserted", "Iran and Cuba.");
        assert_eq!(second_look(&other).as_deref(), Some("no typed relation"));
        let mut quote = claim("", "", "", "", "“We will keep working with our brothers,” he added.");
        quote.kind = SuggestionKind::Quote;
        quote.payload = SuggestionPayload::Quote(crate::model::SuggestedQuote {
            text: "We will keep working with our brothers,".into(),
            speaker: None,
            start: 0,
            end: 0,
        });
        assert_eq!(second_look(&quote).as_deref(), Some("no speaker found"));
    }
}
