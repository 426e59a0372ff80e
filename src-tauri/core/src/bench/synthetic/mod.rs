//! Deterministic synthetic libraries for benchmarks: the same sizes and seed give the
//! same store. Twenty dispatches that claims cite, `sources` more articles from the
//! synthetic corpus ([`corpus`]) for search to work through, `actors` actors of every
//! kind with an alias each, and `claims` accepted claims between pairs of them, each
//! cited in a dispatch. One end in ten is one of five "hub" actors, so the library has
//! the few heavily-documented actors real ones have (at 50,000 claims a hub has about
//! 2,000) next to a long tail.

pub mod corpus;

use crate::model::{ActorKind, Certainty, CitedClaim, NewActor, NewSource, Relation};
use crate::{Result, Store};
use corpus::Rng;

/// What to fill a store with.
#[derive(Debug, Clone, Copy)]
pub struct Library {
    pub sources: usize,
    pub actors: usize,
    pub claims: usize,
    pub seed: u64,
}

/// How many actors are hubs.
pub const HUBS: usize = 5;

/// Fills `store` (meant to be empty) with `actors` and `claims` and no extra sources.
pub fn fill(store: &mut Store, actors: usize, claims: usize) -> Result<()> {
    fill_library(store, &Library { sources: 0, actors, claims, seed: 0 })
}

/// Fills `store` (meant to be empty) with the synthetic `library`.
pub fn fill_library(store: &mut Store, library: &Library) -> Result<()> {
    let sentence = "The ministry said the two sides signed an agreement on trade and security in the capital.";
    let dispatches: Vec<NewSource> = (0..20)
        .map(|i| {
            let text = format!("Dispatch {i}\n\n{}", [sentence; 10].join(" "));
            NewSource {
                title: format!("Dispatch {i}"),
                byline: Some(format!("Reporter {i}")),
                publisher: Some("Example Wire".into()),
                published: Some(format!("20{:02}-0{}", 10 + i % 14, 1 + i % 9)),
                media_type: "text/plain".into(),
                original: text.as_bytes().to_vec(),
                text,
                ..NewSource::default()
            }
        })
        .collect();
    let sources: Vec<i32> = store.insert_sources(&dispatches)?.iter().map(|s| s.id()).collect();

    // The corpus, a thousand sources per transaction.
    for start in (0..library.sources).step_by(1000) {
        let batch: Vec<NewSource> = (start..(start + 1000).min(library.sources))
            .map(|i| {
                let article = corpus::article(library.seed, i);
                let text = article.text();
                NewSource {
                    title: article.title,
                    byline: Some(article.byline),
                    publisher: Some(article.publisher),
                    published: Some(article.published),
                    media_type: "text/plain".into(),
                    original_name: Some(format!("article-{i:06}.txt")),
                    original: text.as_bytes().to_vec(),
                    text,
                    ..NewSource::default()
                }
            })
            .collect();
        store.insert_sources(&batch)?;
    }

    let kinds = [ActorKind::Person, ActorKind::Organization, ActorKind::State, ActorKind::ArmedGroup, ActorKind::Place];
    let new: Vec<NewActor> = (0..library.actors)
        .map(|i| NewActor {
            name: format!("Actor {i:05}"),
            kind: kinds[i % kinds.len()],
            description: String::new(),
            aliases: vec![format!("A{i}")],
        })
        .collect();
    let ids = store.insert_actors(&new)?;
    if ids.is_empty() || library.claims == 0 {
        return Ok(());
    }
    let relations = [Relation::AllyOf, Relation::Funds, Relation::Supplies, Relation::Meets, Relation::Supports];
    let mut rng = Rng::new(library.seed ^ 0x2545_F491_4F6C_DD1D);
    let hubs = HUBS.min(ids.len());
    let end = |rng: &mut Rng| if rng.below(10) == 0 { ids[rng.below(hubs)] } else { ids[rng.below(ids.len())] };
    let start = "Dispatch 0\n\n".chars().count() as i32;
    let cited: Vec<CitedClaim> = (0..library.claims)
        .map(|i| CitedClaim {
            source_id: sources[rng.below(sources.len())],
            start,
            end: start + sentence.chars().count() as i32,
            subject_id: end(&mut rng),
            relation: relations[i % relations.len()],
            relation_text: None,
            object_id: Some(end(&mut rng)),
            date: Some(format!("20{:02}", 10 + i % 14)),
            attributed_to_id: None,
            certainty: Certainty::Reported,
        })
        .collect();
    store.cite_claims(&cited)?;
    Ok(())
}
