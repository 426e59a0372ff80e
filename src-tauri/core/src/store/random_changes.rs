//! Random changes a person could make on a desktop, for the sync property tests (the
//! `testing` feature): this crate's, on an in-process log, and dossier-sync's, through a
//! real PostgreSQL server. Every change goes through [`crate::history`], as the app's do.

use crate::history;
use crate::model::*;
use crate::store::ClaimFilter;
use crate::Store;

/// A small deterministic generator (xorshift64*), so that a failing seed can be replayed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The rows a pull may drop when a desktop that did not see them deleted what they hang
/// from (an alias, a tag or a mention of it, a grade of it, its place in a matrix of
/// hypotheses); never a citation, a claim or anything else.
pub const MAY_DROP: &[&str] = &[
    "actor_aliases",
    "source_tags",
    "mentions",
    "source_grades",
    "claim_grades",
    "question_evidence",
    "hypothesis_ratings",
];

/// One random change a person could make on a desktop.
pub fn random_change(store: &mut Store, rng: &mut Rng, who: &str, step: usize) {
    let actors = store.list_actors(None, PageRequest::new(0, 500)).unwrap().items;
    let sources = store.list_sources(SourceSort::default(), PageRequest::new(0, 50)).unwrap().items;
    let notes = store.list_notes(PageRequest::new(0, 50)).unwrap().items;
    let open: Vec<i32> = store
        .list_suggestions(None, None, None, PageRequest::new(0, 500))
        .unwrap()
        .items
        .iter()
        .filter(|s| s.status == ReviewStatus::Suggested && s.kind != SuggestionKind::Date)
        .map(|s| s.id)
        .collect();
    match rng.below(21) {
        0 | 1 if !open.is_empty() => {
            let id = open[rng.below(open.len())];
            let _ = history::accept_suggestion(store, id);
        }
        2 if !open.is_empty() => {
            let id = open[rng.below(open.len())];
            history::reject_suggestion(store, id).unwrap();
        }
        3 if !actors.is_empty() => {
            let actor = actors[rng.below(actors.len())].id;
            history::set_actor_description(store, actor, &format!("{who} {step}")).unwrap();
        }
        4 if !actors.is_empty() => {
            let actor = actors[rng.below(actors.len())].id;
            let _ = history::add_alias(store, actor, ["Alpha", "Bravo", "Charlie"][rng.below(3)]);
        }
        5 if !sources.is_empty() => {
            let source = sources[rng.below(sources.len())].id;
            let tag = ["iran", "venezuela", "drones"][rng.below(3)];
            if rng.below(2) == 0 {
                history::tag_source(store, source, tag).unwrap();
            } else {
                let _ = history::untag_source(store, source, tag);
            }
        }
        6 => {
            // Links by name only: a link by id to an actor merged or deleted later keeps a
            // local id that another row may take (see sync/links.rs).
            history::create_note(store, &format!("{who} {step}"), "About [[Iran]].").unwrap();
        }
        7 if !notes.is_empty() => {
            let note = notes[rng.below(notes.len())].id;
            if rng.below(3) == 0 {
                history::delete_note(store, note).unwrap();
            } else {
                history::update_note(store, note, &format!("{who} {step}"), "Edited").unwrap();
            }
        }
        8 if actors.len() >= 2 && !sources.is_empty() => {
            let (s, o) = (actors[rng.below(actors.len())].id, actors[rng.below(actors.len())].id);
            let _ = history::cite_claim(
                store,
                &CitedClaim {
                    source_id: sources[0].id,
                    start: rng.below(50) as i32,
                    end: 60 + rng.below(40) as i32,
                    subject_id: s,
                    relation: Relation::CooperatesWith,
                    relation_text: None,
                    object_id: Some(o),
                    date: None,
                    attributed_to_id: None,
                    certainty: Certainty::Reported,
                },
            );
        }
        9 if actors.len() >= 2 => {
            let (kept, merged) = (actors[rng.below(actors.len())].id, actors[rng.below(actors.len())].id);
            if kept != merged {
                history::merge_actors(store, kept, merged).unwrap();
            }
        }
        10 if !actors.is_empty() => {
            let actor = actors[rng.below(actors.len())].id;
            let _ = history::rename_actor(store, actor, &format!("{who} {step}"));
        }
        11 if !actors.is_empty() => {
            let actor = actors[rng.below(actors.len())].id;
            let aliases = store.actor(actor).unwrap().aliases;
            if aliases.len() > 1 {
                let alias = aliases[rng.below(aliases.len())].clone();
                let _ = history::split_alias(store, actor, &alias);
            }
        }
        12 | 13 => {
            let claims = store.list_claims(ClaimFilter::default(), PageRequest::new(0, 200)).unwrap().items;
            if !claims.is_empty() {
                let claim = claims[rng.below(claims.len())].id;
                if rng.below(2) == 0 {
                    let date = ["2022", "2023-06", "199X", "2024-10-02"][rng.below(4)];
                    history::set_claim_date(store, claim, Some(date)).unwrap();
                } else {
                    let _ = history::confirm_claim_date(store, claim);
                }
            }
        }
        14 if !open.is_empty() => {
            let id = open[rng.below(open.len())];
            let edit =
                SuggestionEdit { certainty: Some(Certainty::Alleged), date: Some("2021".into()), ..Default::default() };
            let _ = history::edit_suggestion(store, id, &edit);
        }
        15 if !sources.is_empty() => {
            let source = sources[rng.below(sources.len())].id;
            let mut details = store.source_details(source).unwrap();
            details.byline = Some(format!("{who} {step}"));
            let _ = history::set_source_details(store, source, &details);
        }
        16 if !sources.is_empty() && !actors.is_empty() => {
            let source = sources[rng.below(sources.len())].id;
            let start = rng.below(40) as i32;
            let _ = history::link_span(store, source, start, start + 5, actors[rng.below(actors.len())].id);
        }
        17 if sources.len() >= 2 => {
            let (a, b) = (sources[rng.below(sources.len())].id, sources[rng.below(sources.len())].id);
            let verdict = [Some(CopyVerdict::Copy), Some(CopyVerdict::Independent), None][rng.below(3)];
            if a != b {
                history::judge_copy(store, a, b, verdict).unwrap();
            }
        }
        18 if !sources.is_empty() => {
            let source = &sources[rng.below(sources.len())];
            let grade = [Some(Reliability::A), Some(Reliability::C), Some(Reliability::F), None][rng.below(4)];
            match rng.below(3) {
                0 => history::grade_source(store, source.id, grade).unwrap(),
                1 => history::grade_site(store, ["wire.example", "daily.example"][rng.below(2)], grade).unwrap(),
                _ => {
                    let claims = store.list_claims(ClaimFilter::default(), PageRequest::new(0, 200)).unwrap().items;
                    if !claims.is_empty() {
                        let claim = claims[rng.below(claims.len())].id;
                        let credibility = [Some(1), Some(4), None][rng.below(3)];
                        history::grade_claim(store, claim, credibility).unwrap();
                    }
                }
            }
        }
        19 => {
            // Weighing hypotheses: a question, its hypotheses, claims rated under them.
            let questions = store.questions().unwrap();
            let Some(question) = questions.first().map(|q| q.id) else {
                history::new_question(store, &format!("{who}'s question {step}")).unwrap();
                return;
            };
            let matrix = store.matrix(question, false).unwrap();
            let claims = store.list_claims(ClaimFilter::default(), PageRequest::new(0, 200)).unwrap().items;
            match rng.below(4) {
                0 => {
                    history::add_hypothesis(store, question, &format!("{who} {step}"), "").unwrap();
                }
                1 if !matrix.hypotheses.is_empty() && matrix.hypotheses.len() > 1 && rng.below(3) == 0 => {
                    let h = matrix.hypotheses[rng.below(matrix.hypotheses.len())].id;
                    history::delete_hypothesis(store, h).unwrap();
                }
                _ if !matrix.hypotheses.is_empty() && !claims.is_empty() => {
                    let h = matrix.hypotheses[rng.below(matrix.hypotheses.len())].id;
                    let claim = claims[rng.below(claims.len())].id;
                    let rating = [Some(AchRating::Consistent), Some(AchRating::VeryInconsistent), None][rng.below(3)];
                    history::rate(store, h, claim, rating, "").unwrap();
                }
                _ => {}
            }
        }
        _ => {
            if rng.below(2) == 0 {
                let _ = history::undo(store, None);
            }
        }
    }
}
